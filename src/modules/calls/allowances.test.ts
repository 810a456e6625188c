// « Un dossier par collectivité et par appel, sauf dérogation »: a second dossier refused by default; staff
// allow a town more (with a reason), never below what it made; the places of the pipeline's unique index
// hold under concurrency (with the control that shows the race they guard against); the town's pages offer
// another dossier and keep each one apart.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { parse } from 'node-html-parser';
import {
  bearer,
  buildElected,
  buildLocalGovernment,
  buildStaff,
  signedInBrowser,
} from '../../../tests/factories.ts';
import { engine, pageText, testApp } from '../../../tests/helpers.ts';
import { expectOk } from '../../../tests/proof/world.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Organisation } from '../organisations/organisations.ts';
import type { Person } from '../organisations/people.ts';
import {
  allowancesOf,
  allowedDossiers,
  dossiersOfOrganisation,
  grantAllowance,
  withdrawAllowance,
} from './allowances.ts';
import { callsForPerson } from './applicant-queries.ts';
import { type CallInput, createCall } from './calls.ts';
import { createDossier } from './dossiers.ts';

const day = 86_400_000;
let nextNumber = 70;

describe('more than one dossier per town and call, when staff allow it', async () => {
  const t = await testApp({ after });
  const { app, db } = t;
  const staff = await buildStaff(db);

  const newCall = async () =>
    expectOk(
      await createCall(
        db,
        {
          number: nextNumber++,
          title: 'Appel DCOL',
          opensAt: new Date(Date.now() - day).toISOString(),
          closesAt: new Date(Date.now() + 30 * day).toISOString(),
          criteria: [{ label: 'Pertinence', weight: 1 }],
        } satisfies CallInput,
        staff.id,
      ),
    );
  const newTown = async () => {
    const town = await buildLocalGovernment(db, { member: true });
    return { town, elu: await buildElected(db, town.id) };
  };
  const draft = (elu: Person, callId: string, town: Organisation, q2 = 'Un projet') =>
    createDossier(db, elu, callId, { organisationId: town.id, answers: { q2 } });
  const allow = (callId: string, town: Organisation, dossiers: unknown, reason = 'Deux projets distincts.') =>
    grantAllowance(db, callId, { organisationId: town.id, dossiers, reason }, staff.id);

  it('refuses a second dossier by default, then takes as many as staff allowed and no more', async () => {
    const call = await newCall();
    const { town, elu } = await newTown();
    expectOk(await draft(elu, call.id, town));
    const second = await draft(elu, call.id, town);
    assert.ok(!second.ok);
    assert.equal(second.error.status, 409);
    assert.equal(second.error.message, `${town.name} a déjà un dossier pour cet appel.`);

    expectOk(await allow(call.id, town, 3));
    assert.equal(await allowedDossiers(db, call.id, town.id), 3);
    expectOk(await draft(elu, call.id, town, 'Un deuxième projet'));
    expectOk(await draft(elu, call.id, town, 'Un troisième projet'));
    const fourth = await draft(elu, call.id, town);
    assert.ok(!fourth.ok);
    assert.match(fourth.error.message, /a déjà ses 3 dossiers pour cet appel/);
    const made = await dossiersOfOrganisation(db, call.id, town.id);
    assert.deepEqual(
      made.map((d) => d.answers.q2),
      ['Un projet', 'Un deuxième projet', 'Un troisième projet'],
    );
    // Another town of the same call keeps the rule.
    const other = await newTown();
    expectOk(await draft(other.elu, call.id, other.town));
    assert.ok(!(await draft(other.elu, call.id, other.town)).ok);
  });

  it('answers the API’s second application with a 409, and a 201 once staff allowed it', async () => {
    const call = await newCall();
    const { town } = await newTown();
    const auth = await bearer(db, staff);
    const apply = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/calls/${call.id}/applications`,
        headers: auth,
        payload: { organisationId: town.id, answers: { q2: 'Coopération avec Kayes' } },
      });
    assert.equal((await apply()).statusCode, 201);
    const refused = await apply();
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error.code, 'conflict');
    expectOk(await allow(call.id, town, 2));
    const second = await apply();
    assert.equal(second.statusCode, 201, second.body);
    assert.equal(second.json().status, 'draft');
  });

  it('never lowers a leave below the dossiers made nor withdraws it then; bad input changes nothing', async () => {
    const call = await newCall();
    const { town, elu } = await newTown();
    expectOk(await allow(call.id, town, 3, 'Trois projets.'));
    for (const q2 of ['Un', 'Deux', 'Trois']) expectOk(await draft(elu, call.id, town, q2));
    const lowered = await allow(call.id, town, 2);
    assert.ok(!lowered.ok);
    assert.equal(lowered.error.status, 409);
    assert.match(lowered.error.message, /a déjà 3 dossiers pour cet appel : la dérogation ne descend pas/);
    const withdrawn = await withdrawAllowance(db, call.id, town.id, staff.id);
    assert.ok(!withdrawn.ok);
    assert.equal(withdrawn.error.status, 409);
    const number =
      'Nombre de dossiers attendu : un entier de 2 à 10 (un seul, c’est la règle sans dérogation).';
    for (const [dossiers, reason, field, text] of [
      [1, 'Un seul', 'dossiers', number],
      [11, 'Onze', 'dossiers', number],
      ['deux', 'Deux', 'dossiers', number],
      [2.5, 'Deux et demi', 'dossiers', number],
      [4, '   ', 'reason', 'Ce champ est obligatoire.'],
    ] as const) {
      const refused = await allow(call.id, town, dossiers, reason);
      assert.ok(!refused.ok, `${dossiers} ${reason}`);
      assert.equal(refused.error.status, 400);
      assert.deepEqual(refused.error.fields, { [field]: text });
    }
    const unknown = await grantAllowance(
      db,
      call.id,
      { organisationId: crypto.randomUUID(), dossiers: 2, reason: 'Deux' },
      staff.id,
    );
    assert.ok(!unknown.ok);
    assert.equal(unknown.error.status, 404);
    const [row] = await allowancesOf(db, call.id);
    assert.equal(row?.dossiers, 3);
    assert.equal(row?.reason, 'Trois projets.');
    assert.equal(row?.made, 3);
    assert.equal(row?.grantedByName, `${staff.firstName} ${staff.lastName}`);

    // A town with one dossier goes back to the rule.
    const other = await newTown();
    expectOk(await draft(other.elu, call.id, other.town));
    expectOk(await allow(call.id, other.town, 2));
    expectOk(await withdrawAllowance(db, call.id, other.town.id, staff.id));
    assert.equal(await allowedDossiers(db, call.id, other.town.id), 1);
    const again = await withdrawAllowance(db, call.id, other.town.id, staff.id);
    assert.ok(!again.ok);
    assert.equal(again.error.status, 404);
  });

  describe('under concurrency', () => {
    const pglite = engine === 'pglite' ? 'PGlite runs one transaction at a time: no race there' : false;

    it('three dossiers made at the same instant for two places: two made, one refused', {
      skip: pglite,
    }, async () => {
      const call = await newCall();
      const { town, elu } = await newTown();
      expectOk(await allow(call.id, town, 2));
      const results = await Promise.all(
        ['Un', 'Deux', 'Trois'].map((q2) =>
          db.transaction(async (tx) => {
            const made = await createDossier(tx, elu, call.id, { organisationId: town.id, answers: { q2 } });
            await delay(200);
            return made;
          }),
        ),
      );
      assert.equal(results.filter((r) => r.ok).length, 2);
      const refused = results.find((r) => !r.ok);
      assert.equal(refused && !refused.ok && refused.error.status, 409);
      assert.equal((await dossiersOfOrganisation(db, call.id, town.id)).length, 2);
    });

    // The control of the test above: the places counted before the insert, each dossier on a key of its own,
    // pass in all three transactions, and the town holds more than it was allowed.
    it('control: counted before the insert, all three pass and the leave is exceeded', {
      skip: pglite,
    }, async () => {
      const call = await newCall();
      const { town, elu } = await newTown();
      expectOk(await allow(call.id, town, 2));
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          db.transaction(async (tx) => {
            const room =
              (await dossiersOfOrganisation(tx, call.id, town.id)).length <
              (await allowedDossiers(tx, call.id, town.id));
            await delay(200);
            if (room)
              await tx.execute(sql`
                insert into applications (scope, owner_id, person_id, organisation_id, applicant_key, status)
                values ('calls', ${call.id}, ${elu.id}, ${town.id}, gen_random_uuid(), 'draft')`);
            return room;
          }),
        ),
      );
      assert.equal(results.filter(Boolean).length, 3);
      assert.equal((await dossiersOfOrganisation(db, call.id, town.id)).length, 3);
    });
  });

  it('lets staff allow a town from its page, and the town open a second dossier from its own', async () => {
    const call = await newCall();
    const { town, elu } = await newTown();
    const first = expectOk(await draft(elu, call.id, town, 'La stratégie'));
    const staffBrowser = await signedInBrowser(t, staff);
    const path = `/gestion/appels/${call.id}/derogations`;

    const found = await staffBrowser.get(`${path}?organisation=${encodeURIComponent(town.name)}`);
    assert.equal(found.statusCode, 200);
    assert.match(pageText(found.body), /Aucune dérogation pour cet appel/);
    assert.ok(parse(found.body).querySelector(`select#organisationId option[value="${town.id}"]`));

    const refused = await staffBrowser.post(path, { organisationId: town.id, dossiers: '1', reason: 'Deux' });
    assert.equal(refused.statusCode, 400);
    assert.match(parse(refused.body).querySelector('#dossiers-error')!.text, /un entier de 2 à 10/);
    assert.equal(parse(refused.body).querySelector('#reason')!.text, 'Deux');
    assert.deepEqual(await allowancesOf(db, call.id), []);

    const granted = await staffBrowser.post(path, {
      organisationId: town.id,
      dossiers: '2',
      reason: 'Un projet climat en plus.',
    });
    assert.equal(granted.statusCode, 303, granted.body);
    const [listed] = parse((await staffBrowser.get(path)).body).querySelectorAll('tbody tr');
    assert.deepEqual(
      listed!
        .querySelectorAll('th, td')
        .slice(0, 4)
        .map((cell) => cell.text.trim()),
      [town.name, '2', '1', 'Un projet climat en plus.'],
    );

    const eluBrowser = await signedInBrowser(t, elu);
    const callPage = pageText((await eluBrowser.get(`/appels/${call.id}`)).body);
    assert.match(
      callPage,
      new RegExp(`L’équipe du réseau autorise 2 dossiers de ${town.name} à cet appel \\(1 ouvert\\)`),
    );
    assert.match(callPage, new RegExp(`Préparer un autre dossier de ${town.name}`));
    const formUrl = `/appels/${call.id}/dossier`;
    const blank = parse((await eluBrowser.get(formUrl)).body);
    assert.equal(blank.querySelector('input[name="dossier"]')!.getAttribute('value'), '');
    const saved = await eluBrowser.post(formUrl, {
      dossier: '',
      q2: 'Le projet climat',
      action: 'brouillon',
    });
    assert.equal(saved.statusCode, 303, saved.body);
    const made = await dossiersOfOrganisation(db, call.id, town.id);
    assert.deepEqual(
      made.map((d) => d.answers.q2),
      ['La stratégie', 'Le projet climat'],
    );

    // Each dossier's form is its own; a third is refused with the link to the last one.
    const firstForm = parse((await eluBrowser.get(`${formUrl}?dossier=${first.id}`)).body);
    assert.equal(firstForm.querySelector('input[name="dossier"]')!.getAttribute('value'), first.id);
    assert.equal(firstForm.querySelector('#question-q2')!.text, 'La stratégie');
    const full = await eluBrowser.get(`/appels/${call.id}`);
    assert.doesNotMatch(pageText(full.body), /Préparer un autre dossier/);
    assert.match(full.body, new RegExp(`href="${formUrl}\\?dossier=${first.id}"`));
    const third = await eluBrowser.post(formUrl, { dossier: '', q2: 'Un troisième', action: 'brouillon' });
    assert.equal(third.statusCode, 409);
    assert.match(pageText(third.body), /a déjà les 2 dossiers que l’équipe du réseau lui autorise/);
    assert.equal((await dossiersOfOrganisation(db, call.id, town.id)).length, 2);
    // Another town's dossier is no form of this one.
    const other = await newTown();
    const theirs = expectOk(await draft(other.elu, call.id, other.town));
    assert.equal((await eluBrowser.get(`${formUrl}?dossier=${theirs.id}`)).statusCode, 404);

    const actor: Actor = {
      personId: elu.id,
      firstName: elu.firstName,
      lastName: elu.lastName,
      email: elu.email,
      kind: elu.kind,
      organisationId: elu.organisationId,
      referent: elu.referent,
      staff: false,
    };
    const block = await callsForPerson(db, actor, new Date());
    assert.deepEqual(
      block?.items
        .filter((i) => i.label.includes(`${call.number}ᵉ appel`))
        .map((i) => i.label.split(' au ')[0]),
      ['Dossier n° 1', 'Dossier n° 2'],
    );

    // Withdrawn while the town holds two: refused, said on the page, the leave kept.
    const withdrawn = await staffBrowser.post(`${path}/${town.id}/retrait`, {});
    assert.equal(withdrawn.statusCode, 409);
    assert.match(pageText(withdrawn.body), /a déjà 2 dossiers pour cet appel/);
    assert.equal(await allowedDossiers(db, call.id, town.id), 2);
  });
});
