// A call's dossier beyond the pipeline: the form's versions (a dossier keeps its own), what submission
// requires, the envelope that refuses acceptances beyond it (with the figures, in French), and a call's
// own lifecycle (edited, its grid locked once marked, deleted only without dossiers).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { eq, sql } from 'drizzle-orm';
import {
  bearer,
  buildElected,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
} from '../../../tests/factories.ts';
import { engine, testApp } from '../../../tests/helpers.ts';
import { expectOk } from '../../../tests/proof/world.ts';
import { mails } from '../../platform/db/platform.schema.ts';
import { getApplication } from '../applications/applications.ts';
import { decideApplications, previewDecisions } from '../applications/decide.ts';
import { callsPipeline } from './calls.pipeline.ts';
import { callDossiers } from './calls.schema.ts';
import { type CallInput, createCall, criteriaOf, deleteCall, getCall, updateCall } from './calls.ts';
import { correctDossier, createDossier, submitDossier } from './dossiers.ts';
import { acceptedCents, detailsOf, withinEnvelope } from './envelope.ts';
import { currentForm, defaultQuestions, setForm } from './forms.ts';
import { scoreApplication } from './scores.ts';

const day = 86_400_000;
let nextNumber = 40;

describe('a call’s dossiers: forms, completeness, envelope', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const staffAuth = await bearer(db, staff);
  const answers = {
    q1: 'Jumelée avec Kayes depuis 1985',
    q2: 'Stratégie internationale',
    q4: 'Une stratégie signée',
  };

  const callInput = (extra: Partial<CallInput> = {}): CallInput => ({
    number: nextNumber++,
    title: 'Appel DCOL',
    opensAt: new Date(Date.now() - day).toISOString(),
    closesAt: new Date(Date.now() + 30 * day).toISOString(),
    criteria: [
      { label: 'Pertinence', weight: 3 },
      { label: 'Faisabilité', weight: 1 },
    ],
    envelopeCents: 4_000_000,
    ...extra,
  });
  const newCall = async (extra: Partial<CallInput> = {}) =>
    expectOk(await createCall(db, callInput(extra), staff.id));

  /** A member town's dossier, written by its élu. */
  async function dossier(
    callId: string,
    input: { answers?: Record<string, string>; requestedCents?: number } = {},
  ) {
    const town = await buildLocalGovernment(db, { member: true });
    const elu = await buildElected(db, town.id);
    const made = expectOk(
      await createDossier(db, elu, callId, {
        organisationId: town.id,
        answers: input.answers ?? answers,
        ...(input.requestedCents ? { requestedCents: input.requestedCents } : {}),
      }),
    );
    return { town, elu, id: made.id };
  }

  it('keeps the version a dossier was written on when staff change the questions', async () => {
    const call = await newCall();
    assert.equal((await currentForm(db, call.id))?.version, 1);
    assert.deepEqual(
      (await currentForm(db, call.id))?.questions.map((q) => q.label),
      defaultQuestions.map((q) => q.label),
    );
    // No dossier yet: the questions change in place.
    await setForm(db, call.id, { questions: defaultQuestions.slice(0, 4) });
    assert.equal((await currentForm(db, call.id))?.version, 1);

    const first = await dossier(call.id, { requestedCents: 1_000_000 });
    // A dossier stands on version 1: a sixth question makes version 2, the first dossier keeps version 1.
    await setForm(db, call.id, {
      questions: [...defaultQuestions, { label: 'Budget prévisionnel', required: true }],
    });
    assert.equal((await currentForm(db, call.id))?.version, 2);
    const second = await dossier(call.id, { requestedCents: 1_000_000 });
    const details = await detailsOf(db, [first.id, second.id]);
    assert.equal(details.get(first.id)?.formVersion, 1);
    assert.equal(details.get(second.id)?.formVersion, 2);

    // The first dossier is complete on its version; the second lacks the new required question.
    expectOk(await submitDossier(db, first.id, first.elu.id));
    const incomplete = await submitDossier(db, second.id, second.elu.id);
    assert.ok(!incomplete.ok);
    assert.equal(incomplete.error.code, 'incomplete');
    assert.deepEqual(Object.keys(incomplete.error.fields ?? {}), ['answers.q6']);
    assert.match(incomplete.error.fields!['answers.q6']!, /Répondez à la question « Budget prévisionnel »/);
    assert.equal((await getApplication(db, callsPipeline, second.id))?.status, 'draft');
    // An answer to a question its version does not have is refused, not silently kept.
    const stray = await correctDossier(
      db,
      first.id,
      { answers: { ...answers, q6: '12 000 €' } },
      first.elu.id,
    );
    assert.ok(!stray.ok);
    assert.equal(
      stray.error.fields?.['answers.q6'],
      'Cette question n’est pas dans le formulaire de ce dossier.',
    );
    // Unchanged questions make no version.
    await setForm(db, call.id, {
      questions: [...defaultQuestions, { label: 'Budget prévisionnel', required: true }],
    });
    assert.equal((await currentForm(db, call.id))?.version, 2);
  });

  it('submits only a complete dossier: required answers, and the cost when the call has an envelope', async () => {
    const call = await newCall();
    const { id, elu } = await dossier(call.id, { answers: { q1: 'Jumelée avec Kayes' } });
    const refused = await submitDossier(db, id, elu.id);
    assert.ok(!refused.ok);
    assert.equal(refused.error.status, 422);
    assert.deepEqual(Object.keys(refused.error.fields ?? {}).sort(), [
      'answers.q2',
      'answers.q4',
      'requestedCents',
    ]);
    expectOk(await correctDossier(db, id, { answers, requestedCents: 1_200_000 }, elu.id));
    assert.equal(expectOk(await submitDossier(db, id, elu.id)).status, 'submitted');
    // Submitted, it stays complete: a correction that removes a required answer is refused.
    const emptied = await correctDossier(db, id, { answers: { q1: 'Jumelée avec Kayes' } }, elu.id);
    assert.ok(!emptied.ok);
    assert.equal(emptied.error.code, 'incomplete');
    assert.deepEqual((await getApplication(db, callsPipeline, id))?.answers, answers);
  });

  it('refuses an acceptance beyond the envelope with the figures in French, and changes nothing', async () => {
    const call = await newCall({ envelopeCents: 4_000_000 });
    const grid = Object.fromEntries(call.criteria.map((c) => [c.id, 4]));
    const dossiers = [];
    for (let i = 0; i < 3; i++) {
      const d = await dossier(call.id, { requestedCents: 1_500_000 });
      expectOk(await submitDossier(db, d.id, d.elu.id));
      expectOk(await scoreApplication(db, d.id, { scores: grid }, staff.id));
      dossiers.push(d);
    }
    const decide = (ids: string[]) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/call-applications/${ids[0]}/decision`,
        headers: staffAuth,
        payload: { decision: 'accepted', motivation: 'Dossier solide, partenaires engagés.' },
      });
    assert.equal((await decide([dossiers[0]!.id])).statusCode, 200);
    assert.equal((await decide([dossiers[1]!.id])).statusCode, 200);
    assert.equal(await acceptedCents(db, call.id), 3_000_000);
    const mailsBefore = (await db.select().from(mails)).length;

    // The preview says it before anything is sent; the decision refuses it under its lock.
    const preview = expectOk(
      await previewDecisions(
        db,
        callsPipeline,
        { ids: [dossiers[2]!.id], decision: 'accepted', motivation: 'Bon dossier.' },
        'http://localhost',
      ),
    );
    assert.equal(preview.refusal?.code, 'over_envelope');
    const over = await decide([dossiers[2]!.id]);
    assert.equal(over.statusCode, 422, over.body);
    const error = over.json().error;
    assert.equal(error.code, 'over_envelope');
    assert.equal(
      error.message.replace(/[\u202f\u00a0]/g, ' '),
      'Retenir ces dossiers coûterait 15 000,00 €, en plus des 30 000,00 € déjà engagés : l’enveloppe de l’appel (40 000,00 €) serait dépassée de 5 000,00 €. Retenez moins de dossiers, ou des dossiers moins coûteux.',
    );
    assert.equal((await getApplication(db, callsPipeline, dossiers[2]!.id))?.status, 'in_review');
    assert.equal((await db.select().from(mails)).length, mailsBefore);
    assert.equal(await acceptedCents(db, call.id), 3_000_000);

    // Refusing it is always possible; a call without an envelope takes any acceptance.
    const rejected = await app.inject({
      method: 'POST',
      url: `/api/v1/call-applications/${dossiers[2]!.id}/decision`,
      headers: staffAuth,
      payload: { decision: 'rejected', motivation: 'L’enveloppe de l’appel est engagée.' },
    });
    assert.equal(rejected.statusCode, 200);
  });

  describe('two committees at once', () => {
    // Two decisions of one call, each accepting a dossier that fits the envelope alone but not with the other;
    // each transaction stays open a while after its check, as a slow one would.
    async function twoInInstruction() {
      const call = await newCall({ envelopeCents: 2_000_000 });
      const grid = Object.fromEntries(call.criteria.map((c) => [c.id, 4]));
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) {
        const d = await dossier(call.id, { requestedCents: 1_500_000 });
        expectOk(await submitDossier(db, d.id, d.elu.id));
        expectOk(await scoreApplication(db, d.id, { scores: grid }, staff.id));
        ids.push(d.id);
      }
      return { call: (await getCall(db, call.id))!, ids };
    }
    const pglite = engine === 'pglite' ? 'PGlite runs one transaction at a time: no race there' : false;

    it('never spend the envelope twice: one acceptance is refused (the pipeline’s lock on the call)', {
      skip: pglite,
    }, async () => {
      const { call, ids } = await twoInInstruction();
      const results = await Promise.all(
        ids.map((id) =>
          db.transaction(async (tx) => {
            const decided = await decideApplications(
              tx,
              callsPipeline,
              { ids: [id], decision: 'accepted', motivation: 'Bon dossier.' },
              staff.id,
              'http://localhost',
            );
            await delay(200);
            return decided;
          }),
        ),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
      const refused = results.find((r) => !r.ok);
      assert.equal(refused && !refused.ok && refused.error.code, 'over_envelope');
      assert.equal(await acceptedCents(db, call.id), 1_500_000);
    });

    // The control of the test above: the same check without the lock passes in both transactions, and the call
    // accepts more than its envelope.
    it('control: checked without the lock, both acceptances pass and the envelope is exceeded', {
      skip: pglite,
    }, async () => {
      const { call, ids } = await twoInInstruction();
      const results = await Promise.all(
        ids.map((id) =>
          db.transaction(async (tx) => {
            const fits = await withinEnvelope(tx, call, [id]);
            await delay(200);
            if (fits.ok) await tx.execute(sql`update applications set status = 'accepted' where id = ${id}`);
            return fits;
          }),
        ),
      );
      assert.equal(results.filter((r) => r.ok).length, 2);
      assert.ok((await acceptedCents(db, call.id)) > call.envelopeCents!);
    });
  });

  it('edits a call, locks its grid once a dossier is marked, and deletes only a call without dossiers', async () => {
    const call = await newCall();
    const input = callInput({ number: call.number, title: 'Appel DCOL, titre corrigé' });
    assert.equal(expectOk(await updateCall(db, call.id, input, staff.id)).title, 'Appel DCOL, titre corrigé');
    const other = await newCall();
    const taken = await updateCall(db, call.id, { ...input, number: other.number }, staff.id);
    assert.ok(!taken.ok);
    assert.equal(taken.error.status, 409);

    const d = await dossier(call.id, { requestedCents: 1_000_000 });
    expectOk(await submitDossier(db, d.id, d.elu.id));
    // Not marked yet: the grid may still change.
    const regridded = callInput({ number: call.number, criteria: [{ label: 'Pertinence', weight: 2 }] });
    expectOk(await updateCall(db, call.id, regridded, staff.id));
    const [criterion] = await criteriaOf(db, call.id);
    expectOk(await scoreApplication(db, d.id, { scores: { [criterion!.id]: 3 } }, staff.id));
    const locked = await updateCall(db, call.id, callInput({ number: call.number }), staff.id);
    assert.ok(!locked.ok);
    assert.equal(locked.error.code, 'grid_locked');
    // Texts still change with the grid as it is.
    expectOk(await updateCall(db, call.id, { ...regridded, title: 'Titre encore corrigé' }, staff.id));

    const kept = await deleteCall(db, call.id, staff.id);
    assert.ok(!kept.ok);
    assert.match(kept.error.message, /Cet appel a 1 dossier : il ne se supprime pas/);
    assert.ok(await getCall(db, call.id));
    expectOk(await deleteCall(db, other.id, staff.id));
    assert.equal(await getCall(db, other.id), undefined);
  });

  it('lets a town’s officer write its dossier and staff file one on its behalf', async () => {
    const call = await newCall();
    const town = await buildLocalGovernment(db, { member: true });
    const referent = await buildOfficer(db, town.id, true);
    const filed = expectOk(await createDossier(db, staff, call.id, { organisationId: town.id, answers }));
    assert.equal(filed.personId, referent.id);
    const [row] = await db.select().from(callDossiers).where(eq(callDossiers.applicationId, filed.id));
    assert.equal(row?.formVersion, 1);
  });
});
