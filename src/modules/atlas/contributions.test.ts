import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { DomUtils, parseDocument } from 'htmlparser2';
import { buildLocalGovernment, buildOfficer, buildStaff, signedInBrowser } from '../../../tests/factories.ts';
import { engine, testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { network } from '../../platform/identity.ts';
import { createGroup } from '../groups/groups.ts';
import { addMember } from '../groups/members.ts';
import { createOrganisation } from '../organisations/organisations.ts';
import type { Person } from '../organisations/people.ts';
import {
  acceptContribution,
  contributionsAttention,
  historyOf,
  planCampaign,
  proposeContribution,
  sendCampaign,
} from './contributions.ts';
import { diffSnapshots, isEmptyDiff, type Names } from './diff.ts';
import { addProject, applySnapshot, createPartnership, type Snapshot, snapshotOf } from './partnerships.ts';
import { themes } from './themes.ts';

const asActor = (p: Person): Actor => ({
  personId: p.id,
  firstName: p.firstName,
  lastName: p.lastName,
  email: p.email,
  kind: p.kind,
  organisationId: p.organisationId,
  referent: p.referent,
  staff: p.kind === 'staff',
});

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('the moderation diff (pure)', () => {
  const names: Names = {
    organisations: new Map([
      ['fr-1', 'Angers'],
      ['jp-1', 'Matsumoto'],
    ]),
    people: new Map([['p-1', 'Julien Moreau']]),
  };
  const base: Snapshot = {
    frenchOrganisationIds: ['fr-1'],
    partnerOrganisationId: 'jp-1',
    kind: 'twinning',
    since: 1990,
    status: 'active',
    themes: ['culture', 'youth'],
    description: 'Échanges scolaires.',
    agreementReference: null,
    agreementOn: null,
    contactIds: ['p-1'],
    projects: [
      {
        id: 'pr-1',
        title: 'Résidences d’artistes',
        startYear: 2020,
        currency: 'EUR',
        coFunders: [],
        themes: [],
      },
      { id: 'pr-2', title: 'Festival', startYear: 2018, currency: 'EUR', coFunders: ['DCTCIV'], themes: [] },
    ],
  };

  it('shows a new partnership with every field that has a value as added, names resolved', () => {
    const diff = diffSnapshots(null, base, names);
    const byLabel = new Map(diff.fields.map((f) => [f.label, f]));
    assert.deepEqual(byLabel.get('Collectivités françaises'), {
      label: 'Collectivités françaises',
      before: null,
      after: 'Angers',
    });
    assert.equal(byLabel.get('Partenaire')?.after, 'Matsumoto');
    assert.equal(byLabel.get('Nature')?.after, 'Jumelage');
    assert.equal(byLabel.get('Thèmes')?.after, 'Culture et patrimoine, Jeunesse et ECSI');
    assert.equal(byLabel.get('Contacts')?.after, 'Julien Moreau');
    assert.ok(!byLabel.has('Référence de la convention'), 'an empty field is no change');
    assert.deepEqual(
      diff.projects.map((p) => [p.change, p.title]),
      [
        ['added', 'Résidences d’artistes'],
        ['added', 'Festival'],
      ],
    );
  });

  it('lists only what changed, in French; projects added, removed and changed; order of themes ignored', () => {
    const after: Snapshot = {
      ...base,
      kind: 'friendship_pact',
      themes: ['youth', 'culture', 'water'],
      agreementOn: '2026-04-18',
      projects: [
        {
          id: 'pr-1',
          title: 'Résidences d’artistes',
          startYear: 2020,
          endYear: 2024,
          budgetCents: 1_250_000,
          currency: 'EUR',
          coFunders: [],
          themes: [],
        },
        { title: 'Classes jumelles', startYear: 2026 },
      ],
    };
    const diff = diffSnapshots(base, after, names);
    assert.deepEqual(diff.fields, [
      { label: 'Nature', before: 'Jumelage', after: 'Pacte d’amitié' },
      {
        label: 'Thèmes',
        before: 'Culture et patrimoine, Jeunesse et ECSI',
        after: 'Culture et patrimoine, Eau et assainissement, Jeunesse et ECSI',
      },
      { label: 'Date de la convention', before: null, after: '18 avril 2026' },
    ]);
    const changed = diff.projects.find((p) => p.change === 'changed');
    assert.equal(changed?.title, 'Résidences d’artistes');
    assert.deepEqual(
      // Amounts are written the French way, with narrow no-break spaces: compared with plain ones.
      changed?.fields.map((f) => [f.label, f.before, f.after?.replace(/\s/g, ' ') ?? null]),
      [
        ['Année de fin', null, '2024'],
        ['Budget', null, '12 500,00 €'],
      ],
    );
    assert.deepEqual(
      diff.projects.filter((p) => p.change !== 'changed').map((p) => [p.change, p.title]),
      [
        ['added', 'Classes jumelles'],
        ['removed', 'Festival'],
      ],
    );
    const reordered = { ...base, themes: ['youth', 'culture'], projects: [...base.projects].reverse() };
    assert.ok(isEmptyDiff(diffSnapshots(base, reordered, names)));
  });
});

describe('contributions to the atlas', async () => {
  const { app, db, jobs, config } = await testApp({ after });
  const settings = { baseUrl: config.baseUrl };
  const staff = await buildStaff(db);
  const otherStaff = await buildStaff(db);
  const town = await buildLocalGovernment(db);
  const otherTown = await buildLocalGovernment(db);
  const referent = await buildOfficer(db, town.id, true);
  const colleague = await buildOfficer(db, town.id, false);
  const otherReferent = await buildOfficer(db, otherTown.id, true);
  const partner = expectOk(
    await createOrganisation(
      db,
      { name: 'Matsumoto', kind: 'foreign_local_government', country: 'JP' },
      null,
    ),
  );
  const secondPartner = expectOk(
    await createOrganisation(
      db,
      { name: 'Ziguinchor', kind: 'foreign_local_government', country: 'SN' },
      null,
    ),
  );
  const newPartnership = async (organisationId = town.id) =>
    expectOk(
      await createPartnership(
        db,
        {
          frenchOrganisationIds: [organisationId],
          partnerOrganisationId: partner.id,
          kind: 'twinning',
          since: 1995,
          status: 'active',
          themes: ['culture'],
        },
        staff.id,
      ),
    );
  const mailsTo = (email: string) =>
    queryRows<{ subject: string; text: string; dedupe_key: string }>(
      db,
      sql`select subject, text, dedupe_key from mails where "to" = ${email} order by created_at`,
    );

  it('keeps every version with its diff from the one before: who, when, source', async () => {
    const p = await newPartnership();
    expectOk(await addProject(db, p.id, { title: 'Jardins partagés', startYear: 2021 }, staff.id));
    const snapshot = await snapshotOf(db, p.id);
    expectOk(await applySnapshot(db, p.id, { ...snapshot, status: 'dormant' }, referent.id, 'contribution'));
    const history = await historyOf(db, p.id);
    assert.deepEqual(
      history.map((v) => v.source),
      ['contribution', 'staff', 'staff'],
    );
    assert.deepEqual(history[0]!.diff.fields, [{ label: 'État', before: 'Actif', after: 'En sommeil' }]);
    assert.equal(history[0]!.who, `${referent.firstName} ${referent.lastName}`);
    assert.deepEqual(
      history[1]!.diff.projects.map((x) => [x.change, x.title]),
      [['added', 'Jardins partagés']],
    );
    assert.ok(history[2]!.diff.fields.some((f) => f.label === 'Partenaire' && f.after === 'Matsumoto'));
    const browser = await signedInBrowser({ app, db }, staff);
    const page = await browser.get(`/gestion/atlas/partenariats/${p.id}/historique`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /contribution/);
    assert.match(page.body, /En sommeil/);
  });

  it('a referent proposes a change from « Mon espace »; nothing changed is a 422; staff sees the diff and accepts', async () => {
    const p = await newPartnership();
    const browser = await signedInBrowser({ app, db }, referent);
    const mine = await browser.get('/mon-espace/partenariats');
    assert.equal(mine.statusCode, 200, mine.body);
    assert.match(mine.body, /Matsumoto \(Japon\)/);
    const form = await browser.get(`/mon-espace/partenariats/${p.id}`);
    assert.equal(form.statusCode, 200);
    const same = { kind: 'twinning', since: '1995', status: 'active', themes: ['culture'] };
    const unchanged = await browser.post(`/mon-espace/partenariats/${p.id}`, same);
    assert.equal(unchanged.statusCode, 422);
    assert.match(unchanged.body, /Cette proposition ne change rien au partenariat/);
    const wrongBudget = await browser.post(`/mon-espace/partenariats/${p.id}`, {
      ...same,
      'new-title': 'Classes jumelles',
      'new-startYear': '2026',
      'new-budget': 'beaucoup',
    });
    assert.equal(wrongBudget.statusCode, 400);
    assert.match(wrongBudget.body, /Montant en euros attendu/);
    const proposed = await browser.post(`/mon-espace/partenariats/${p.id}`, {
      ...same,
      kind: 'friendship_pact',
      themes: ['culture', 'youth'],
      'new-title': 'Classes jumelles',
      'new-startYear': '2026',
      'new-budget': '12 500',
      note: 'Convention renouvelée.',
    });
    assert.equal(proposed.statusCode, 303, proposed.body);
    const [row] = await queryRows<{ id: string; status: string }>(
      db,
      sql`select id, status from partnership_contributions where partnership_id = ${p.id}`,
    );
    assert.equal(row?.status, 'pending');

    assert.deepEqual(await contributionsAttention(db), [
      { label: 'contribution à l’atlas à examiner', count: 1, href: '/gestion/atlas/contributions' },
    ]);
    const staffBrowser = await signedInBrowser({ app, db }, staff);
    const queue = await staffBrowser.get('/gestion/atlas/contributions');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, /Jumelage/);
    assert.match(queue.body, /Pacte d’amitié/);
    assert.match(queue.body, /Projet ajouté : « Classes jumelles »/);
    assert.match(queue.body, /12\s500,00/);
    const accepted = await staffBrowser.post(`/gestion/atlas/contributions/${row!.id}/accepter`, {});
    assert.equal(accepted.statusCode, 303);

    const now = await snapshotOf(db, p.id);
    assert.equal(now.kind, 'friendship_pact');
    assert.deepEqual(
      now.projects.map((x) => [x.title, x.budgetCents]),
      [['Classes jumelles', 1_250_000]],
    );
    const [latest] = await historyOf(db, p.id);
    assert.equal(latest?.source, 'contribution');
    const mails = await mailsTo(referent.email);
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.dedupe_key, `atlas-contribution:${row!.id}`);
    assert.match(mails[0]!.text, new RegExp(`L’équipe de ${network().name} a examiné votre proposition`));
    assert.match(mails[0]!.text, /Elle est acceptée/);
    assert.match(mails[0]!.text, /\/mon-espace\/partenariats/);
    assert.deepEqual(await contributionsAttention(db), []);
  });

  it('the change form shows each project under its own names; a referent edits one, its currency and themes kept', async () => {
    const p = await newPartnership();
    const project = expectOk(
      await addProject(
        db,
        p.id,
        { title: 'Jardins', startYear: 2021, budgetCents: 300_000, currency: 'XOF', themes: ['water'] },
        staff.id,
      ),
    );
    const browser = await signedInBrowser({ app, db }, referent);
    const form = await browser.get(`/mon-espace/partenariats/${p.id}`);
    assert.equal(form.statusCode, 200);
    const fields = new Map(
      DomUtils.findAll(
        (e) => e.name === 'input' && e.attribs.type !== 'hidden',
        parseDocument(form.body).children,
      ).map((e) => [e.attribs.name, e.attribs]),
    );
    const at = (name: string) => fields.get(`project-${project.id}-${name}`);
    assert.equal(at('title')?.value, 'Jardins');
    assert.equal(at('title')?.id, `project-${project.id}-title`);
    assert.equal(at('budget')?.value, '3000');
    // A referent does not set a project's currency nor its themes: the boxes are the partnership's only.
    assert.equal(at('currency'), undefined);
    assert.ok(fields.has('new-title'));
    assert.equal(
      DomUtils.findAll((e) => e.attribs.name === 'themes', parseDocument(form.body).children).length,
      themes.length,
    );

    const same = { kind: 'twinning', since: '1995', status: 'active', themes: ['culture'] };
    const edit = { [`project-${project.id}-title`]: 'Jardins', [`project-${project.id}-startYear`]: '2021' };
    const wrong = await browser.post(`/mon-espace/partenariats/${p.id}`, {
      ...same,
      ...edit,
      [`project-${project.id}-budget`]: 'trois mille',
    });
    assert.equal(wrong.statusCode, 400);
    const budget = DomUtils.findOne(
      (e) => e.attribs.id === `project-${project.id}-budget`,
      parseDocument(wrong.body).children,
    );
    assert.equal(budget?.attribs['aria-invalid'], 'true');
    assert.equal(budget?.attribs.value, 'trois mille');

    const proposed = await browser.post(`/mon-espace/partenariats/${p.id}`, {
      ...same,
      ...edit,
      [`project-${project.id}-budget`]: '4 500',
      [`project-${project.id}-coFunders`]: 'AFD, DCTCIV ,',
    });
    assert.equal(proposed.statusCode, 303, proposed.body);
    const [row] = await queryRows<{ id: string }>(
      db,
      sql`select id from partnership_contributions where partnership_id = ${p.id} and status = 'pending'`,
    );
    expectOk(await acceptContribution(db, row!.id, asActor(staff), settings));
    const [now] = (await snapshotOf(db, p.id)).projects;
    assert.deepEqual(
      [now?.budgetCents, now?.currency, now?.themes, now?.coFunders],
      [450_000, 'XOF', ['water'], ['AFD', 'DCTCIV']],
    );
  });

  it('a new partnership proposed is created on acceptance, with its version « contribution »', async () => {
    const browser = await signedInBrowser({ app, db }, referent);
    await browser.get('/mon-espace/partenariats?pays=SN');
    assert.match(browser.lastBody, /Ziguinchor/);
    assert.doesNotMatch(browser.lastBody, /<option value="[^"]+">Matsumoto/);
    const posted = await browser.post('/mon-espace/partenariats', {
      partnerOrganisationId: secondPartner.id,
      kind: 'decentralised_cooperation',
      status: 'active',
      themes: ['water'],
      description: 'Accès à l’eau potable.',
    });
    assert.equal(posted.statusCode, 303, posted.body);
    const [row] = await queryRows<{ id: string }>(
      db,
      sql`select id from partnership_contributions where partnership_id is null and organisation_id = ${town.id}`,
    );
    const decided = expectOk(await acceptContribution(db, row!.id, asActor(staff), settings));
    assert.ok(decided.partnershipId);
    const created = await snapshotOf(db, decided.partnershipId!);
    assert.deepEqual(
      [created.frenchOrganisationIds, created.partnerOrganisationId],
      [[town.id], secondPartner.id],
    );
    const history = await historyOf(db, decided.partnershipId!);
    assert.deepEqual(
      history.map((v) => v.source),
      ['contribution'],
    );
  });

  it('a referent cannot propose for another organisation (403), nor can a colleague who is not referent', async () => {
    const theirs = await newPartnership(otherTown.id);
    const browser = await signedInBrowser({ app, db }, referent);
    const page = await browser.get(`/mon-espace/partenariats/${theirs.id}`);
    assert.equal(page.statusCode, 403);
    await browser.get('/mon-espace/partenariats');
    const posted = await browser.post(`/mon-espace/partenariats/${theirs.id}`, {
      kind: 'memorandum',
      status: 'active',
      themes: ['culture'],
    });
    assert.equal(posted.statusCode, 403);
    assert.match(posted.body, /Vous ne pouvez proposer que les partenariats de votre propre collectivité/);
    const snapshot = await snapshotOf(db, theirs.id);
    const direct = await proposeContribution(db, asActor(referent), null, { ...snapshot, projects: [] });
    assert.equal(direct.ok ? 200 : direct.error.status, 403);
    const notReferent = await signedInBrowser({ app, db }, colleague);
    assert.equal((await notReferent.get('/mon-espace/partenariats')).statusCode, 403);
    const [n] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from partnership_contributions where partnership_id = ${theirs.id} or organisation_id = ${otherTown.id}`,
    );
    assert.equal(Number(n?.n), 0);
  });

  it('a rejection needs a reason, which the proposer receives', async () => {
    const p = await newPartnership();
    const proposal = { ...(await snapshotOf(db, p.id)), status: 'ended' as const };
    const c = expectOk(await proposeContribution(db, asActor(referent), p.id, proposal));
    const staffBrowser = await signedInBrowser({ app, db }, staff);
    await staffBrowser.get('/gestion/atlas/contributions');
    const blank = await staffBrowser.post(`/gestion/atlas/contributions/${c.id}/refuser`, { reason: '  ' });
    assert.equal(blank.statusCode, 422);
    assert.match(blank.body, /Dites en une phrase pourquoi la contribution est refusée/);
    const before = (await mailsTo(referent.email)).length;
    const refused = await staffBrowser.post(`/gestion/atlas/contributions/${c.id}/refuser`, {
      reason: 'Le partenariat est toujours actif.',
    });
    assert.equal(refused.statusCode, 303);
    assert.equal((await snapshotOf(db, p.id)).status, 'active');
    const mails = await mailsTo(referent.email);
    assert.equal(mails.length, before + 1);
    assert.match(
      mails.at(-1)!.text,
      /n’est pas retenue, pour la raison suivante : « Le partenariat est toujours actif. »/,
    );
    const again = await acceptContribution(db, c.id, asActor(staff), settings);
    assert.equal(again.ok ? 200 : again.error.status, 409);
  });

  it('two staff accepting at once: one wins, the other gets a French 409, one version is recorded', async () => {
    const p = await newPartnership();
    const proposal = { ...(await snapshotOf(db, p.id)), since: 2001 };
    const c = expectOk(await proposeContribution(db, asActor(referent), p.id, proposal));
    const results = await Promise.all([
      acceptContribution(db, c.id, asActor(staff), settings),
      acceptContribution(db, c.id, asActor(otherStaff), settings),
    ]);
    assert.equal(results.filter((r) => r.ok).length, 1);
    const lost = results.find((r) => !r.ok);
    assert.ok(lost && !lost.ok);
    assert.equal(lost.error.status, 409);
    assert.match(lost.error.message, /déjà été traitée/);
    const history = await historyOf(db, p.id);
    assert.deepEqual(
      history.map((v) => v.source),
      ['contribution', 'staff'],
    );
  });

  // The control of the test above: the same two accepts without the `status = 'pending'` condition of the
  // claim (read the state, then write) both apply the proposal — the race the condition guards against. Each
  // waits after its read, so both read « pending » before either commits. PGlite runs one transaction at a
  // time: the race cannot happen there.
  it('control: accepting without the pending condition, two staff at once both apply the proposal', {
    skip: engine === 'pglite' ? 'PGlite runs one transaction at a time' : false,
  }, async () => {
    const p = await newPartnership();
    const proposal = { ...(await snapshotOf(db, p.id)), since: 2002 };
    const c = expectOk(await proposeContribution(db, asActor(referent), p.id, proposal));
    const naiveAccept = (actorId: string) =>
      db.transaction(async (tx) => {
        const [row] = await queryRows<{ status: string }>(
          tx,
          sql`select status from partnership_contributions where id = ${c.id}`,
        );
        await tx.execute(sql`select pg_sleep(0.3)`);
        if (row?.status !== 'pending') return false;
        expectOk(await applySnapshot(tx, p.id, proposal, actorId, 'contribution'));
        await tx.execute(sql`update partnership_contributions set status = 'accepted' where id = ${c.id}`);
        return true;
      });
    const applied = await Promise.all([naiveAccept(staff.id), naiveAccept(otherStaff.id)]);
    assert.deepEqual(applied, [true, true]);
    const history = await historyOf(db, p.id);
    assert.deepEqual(
      history.map((v) => v.source),
      ['contribution', 'contribution', 'staff'],
    );
  });

  it('the « appel à contribution » previews its recipients and mails each referent once per campaign', async () => {
    const group = expectOk(
      await createGroup(db, { kind: 'country', name: 'Japon appel', countries: ['JP'] }, staff.id),
    );
    expectOk(await addMember(db, group.id, town.id, staff.id));
    expectOk(await addMember(db, group.id, otherTown.id, staff.id));
    const plan = expectOk(await planCampaign(db, { group: group.id }, settings));
    assert.deepEqual(plan.toAsk.map((p) => p.id).sort(), [referent.id, otherReferent.id].sort());
    assert.match(plan.example?.subject ?? '', /Appel à contribution/);
    const staffBrowser = await signedInBrowser({ app, db }, staff);
    const preview = await staffBrowser.get(`/gestion/atlas/appel?groupe=${group.id}`);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /2 personnes à solliciter/);
    const sent = await staffBrowser.post('/gestion/atlas/appel', { groupe: group.id });
    assert.equal(sent.statusCode, 303, sent.body);
    const twice = await sendCampaign(db, { group: group.id }, staff.id, settings);
    assert.equal(twice.ok ? 200 : twice.error.status, 422);
    await jobs.drain();
    const asked = async (person: Person) =>
      (await mailsTo(person.email)).filter((m) => m.dedupe_key.startsWith('atlas-appel:'));
    assert.equal((await asked(referent)).length, 1);
    assert.equal((await asked(otherReferent)).length, 1);
    assert.equal((await asked(colleague)).length, 0);
    const after = expectOk(await planCampaign(db, { group: group.id }, settings));
    assert.deepEqual([after.toAsk.length, after.alreadyAsked.length], [0, 2]);
    // By country: the atlas's French sides in Japan are asked under another campaign.
    const byCountry = expectOk(await planCampaign(db, { country: 'JP' }, settings));
    assert.ok(byCountry.toAsk.some((p) => p.id === referent.id));
  });
});
