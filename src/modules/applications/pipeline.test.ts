// The pipeline with an owner that is not the program — a support call of its own, kept in memory — so that
// what is proven here is the module's, whoever owns the applications: one per applicant and record, the
// owner's rules (eligibility, window, form, places) applied, opinions private, decisions all or none and
// mailed once.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { buildLocalGovernment, buildOfficer, buildPerson, buildStaff } from '../../../tests/factories.ts';
import { testDatabase } from '../../../tests/helpers.ts';
import type { Executor } from '../../platform/db/client.ts';
import { auditLog, mails } from '../../platform/db/platform.schema.ts';
import { defineMessages } from '../../platform/messages.ts';
import { fail, ok } from '../../platform/result.ts';
import { bootModules } from '../index.ts';
import { applications } from './applications.schema.ts';
import { applicationOf, countByStatus, listApplications } from './applications.ts';
import { decideApplications } from './decide.ts';
import { giveOpinion, opinionsOf } from './opinions.ts';
import { definePipeline, installPipelines, pipelineOf, statusesOf } from './pipeline.ts';
import { reviewQueue } from './review-queue.ts';
import { submitApplication } from './submit.ts';

interface Call {
  id: string;
  title: string;
  closesAt: Date;
  places: number;
}

const calls = new Map<string, Call>();
const texts = defineMessages('test_calls', {
  callNotFound: 'Cet appel n’existe pas.',
  onlyOfficers: 'Cet appel est réservé aux techniciens.',
  closed: 'Cet appel est clos.',
  alreadyApplied: ({ name }: { name: string }) => `${name} a déjà répondu à cet appel.`,
  full: 'Plus aucune place dans cet appel.',
});

/** A support call: officers apply with a project; one place per call; no waiting list, but « sans suite ». */
const callPipeline = definePipeline<Call, { project: string; budget?: number | undefined }>({
  scope: 'test_call',
  extraStatuses: [],
  decisions: {
    accepted: { label: 'Retenir', mail: 'Votre projet est retenu.' },
    rejected: { label: 'Refuser', mail: 'Votre projet n’est pas retenu.' },
    closed: { label: 'Classer sans suite', mail: 'Votre dossier est classé sans suite.' },
  },
  owner: async (_executor, id) => calls.get(id),
  window: (call, at) => (at < call.closesAt ? ok(true) : fail(422, 'closed', texts.closed())),
  eligibility: async (_executor, person) =>
    person.kind === 'officer' ? ok(true) : fail(403, 'not_eligible', texts.onlyOfficers()),
  answers: z.object({
    project: z.string().trim().min(3, 'Décrivez votre projet.'),
    budget: z.number().int().min(0).optional(),
  }),
  acceptance: async (executor: Executor, call, accepting) => {
    const accepted =
      (await countByStatus(executor, { scope: 'test_call' }, [call.id])).get(call.id)?.accepted ?? 0;
    return accepted + accepting.length > call.places ? fail(409, 'full', texts.full()) : ok(true);
  },
  mail: {
    subject: (call) => `Appel : ${call.title}`,
    action: (call, baseUrl) => ({ label: 'Voir l’appel', url: `${baseUrl}/appels/${call.id}` }),
  },
  texts: { ownerNotFound: () => texts.callNotFound(), alreadyApplied: (p) => texts.alreadyApplied(p) },
  reviewers: (actor) => actor.staff,
});

function newCall(places = 1): Call {
  const call = {
    id: randomUUID(),
    title: `Appel ${calls.size + 1}`,
    closesAt: new Date(Date.now() + 86_400_000),
    places,
  };
  calls.set(call.id, call);
  return call;
}

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const baseUrl = 'http://localhost:3000';

describe('the application-and-review pipeline', async () => {
  const { db } = await testDatabase({ after });
  const staff = await buildStaff(db);
  const town = await buildLocalGovernment(db);
  const mailsTo = async (email: string) => db.select().from(mails).where(eq(mails.to, email));
  const rowCount = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(applications))[0]!.n;

  async function apply(
    call: Call,
    person = undefined as Awaited<ReturnType<typeof buildOfficer>> | undefined,
  ) {
    const applicant = person ?? (await buildOfficer(db, town.id));
    const application = expectOk(
      await submitApplication(db, callPipeline, {
        ownerId: call.id,
        personId: applicant.id,
        answers: { project: '  Jumelage scolaire  ', budget: 1200 },
        submittedBy: applicant.id,
      }),
    );
    return { applicant, application };
  }

  it('takes one application per person and record, with the owner’s answers, organisation and submitter', async () => {
    const call = newCall();
    const officer = await buildOfficer(db, town.id);
    const first = await submitApplication(db, callPipeline, {
      ownerId: call.id,
      personId: officer.id,
      answers: { project: '  Jumelage scolaire  ', budget: 1200, extra: 'ignorée' },
      submittedBy: staff.id,
    });
    const application = expectOk(first);
    assert.equal(application.scope, 'test_call');
    assert.equal(application.ownerId, call.id);
    assert.equal(application.status, 'submitted');
    assert.deepEqual(application.answers, { project: 'Jumelage scolaire', budget: 1200 });
    assert.equal(application.organisationId, town.id);
    assert.equal(application.submittedBy, staff.id);
    assert.ok(application.submittedAt);

    // Twice at once, and once more: the unique index keeps one; the refusal is the owner's sentence.
    const again = await Promise.all(
      [1, 2].map(() =>
        db.transaction((tx) =>
          submitApplication(tx, callPipeline, {
            ownerId: call.id,
            personId: officer.id,
            answers: { project: 'Un autre projet' },
            submittedBy: officer.id,
          }),
        ),
      ),
    );
    for (const result of again) {
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.error.status, 409);
      assert.equal(
        !result.ok && result.error.message,
        `${officer.firstName} ${officer.lastName} a déjà répondu à cet appel.`,
      );
    }
    assert.equal((await listApplications(db, callPipeline, call.id)).length, 1);
    assert.equal((await applicationOf(db, callPipeline, call.id, officer.id))?.id, application.id);
    // Another owner's scope does not see it.
    assert.equal(await applicationOf(db, { scope: 'program' }, call.id, officer.id), undefined);
  });

  it('applies the owner’s rules in French and writes nothing when it refuses', async () => {
    const call = newCall();
    const officer = await buildOfficer(db, town.id);
    const elected = await buildPerson(db, { kind: 'elected', organisationId: town.id });
    const before = await rowCount();
    const submit = (ownerId: string, personId: string, answers: unknown = { project: 'Un projet' }) =>
      submitApplication(db, callPipeline, { ownerId, personId, answers, submittedBy: personId });

    const invalid = await submit(call.id, officer.id, { project: ' x ', budget: -3 });
    assert.ok(!invalid.ok);
    assert.equal(invalid.error.status, 400);
    assert.equal(invalid.error.message, 'Certaines informations sont invalides.');
    assert.equal(invalid.error.fields?.project, 'Décrivez votre projet.');
    assert.ok(invalid.error.fields?.budget);

    const unknownCall = await submit(randomUUID(), officer.id);
    assert.ok(!unknownCall.ok);
    assert.deepEqual([unknownCall.error.status, unknownCall.error.message], [404, 'Cet appel n’existe pas.']);

    const unknownPerson = await submit(call.id, randomUUID());
    assert.ok(!unknownPerson.ok);
    assert.deepEqual(
      [unknownPerson.error.status, unknownPerson.error.message],
      [404, 'Cette personne n’existe pas.'],
    );

    const notEligible = await submit(call.id, elected.id);
    assert.ok(!notEligible.ok);
    assert.deepEqual(
      [notEligible.error.status, notEligible.error.code, notEligible.error.message],
      [403, 'not_eligible', 'Cet appel est réservé aux techniciens.'],
    );

    const late = newCall();
    late.closesAt = new Date(Date.now() - 1000);
    const closed = await submit(late.id, officer.id);
    assert.ok(!closed.ok);
    assert.deepEqual([closed.error.status, closed.error.message], [422, 'Cet appel est clos.']);
    assert.equal(await rowCount(), before);
  });

  it('keeps reviewers’ opinions, one per reviewer, out of the audit log’s note and of any mail', async () => {
    const call = newCall();
    const { applicant, application } = await apply(call);
    const second = await buildStaff(db);
    const mailsBefore = (await mailsTo(applicant.email)).length;

    const first = expectOk(
      await giveOpinion(
        db,
        callPipeline,
        application.id,
        { opinion: 'reserved', score: '12', note: 'Budget flou' },
        staff.id,
      ),
    );
    assert.equal(first.score, 12);
    // Changing one's mind replaces the opinion; another reviewer adds theirs.
    expectOk(
      await giveOpinion(
        db,
        callPipeline,
        application.id,
        { opinion: 'favourable', score: 16, note: 'Budget précisé' },
        staff.id,
      ),
    );
    expectOk(
      await giveOpinion(db, callPipeline, application.id, { opinion: 'unfavourable', score: '' }, second.id),
    );
    const opinions = (await opinionsOf(db, [application.id])).get(application.id)!;
    assert.deepEqual(
      opinions.map((o) => [o.reviewerId, o.opinion, o.score, o.note]),
      [
        [staff.id, 'favourable', 16, 'Budget précisé'],
        [second.id, 'unfavourable', null, null],
      ],
    );
    assert.equal(opinions[0]!.reviewerName, `${staff.firstName} ${staff.lastName}`);
    // The first opinion put it « en instruction ».
    assert.equal((await applicationOf(db, callPipeline, call.id, applicant.id))?.status, 'in_review');

    for (const [input, field] of [
      [{ opinion: 'favourable', score: 21 }, 'score'],
      [{ opinion: 'favourable', score: 'quinze' }, 'score'],
      [{ opinion: 'enthousiaste' }, 'opinion'],
    ] as const) {
      const refused = await giveOpinion(db, callPipeline, application.id, input, staff.id);
      assert.ok(!refused.ok);
      assert.equal(refused.error.status, 400);
      assert.match(
        refused.error.fields?.[field] ?? '',
        /^(Note attendue : un nombre entier de 0 à 20\.|Avis attendu : favourable, reserved ou unfavourable\.)$/,
      );
    }
    assert.equal((await opinionsOf(db, [application.id])).get(application.id)!.length, 2);
    const another = await giveOpinion(
      db,
      { scope: 'program' },
      application.id,
      { opinion: 'favourable' },
      staff.id,
    );
    assert.ok(!another.ok);
    assert.equal(another.error.status, 404);

    const logged = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, application.id), eq(auditLog.action, 'give_opinion')));
    assert.equal(logged.length, 3);
    assert.ok(logged.every((entry) => !JSON.stringify(entry.data).includes('Budget')));
    assert.equal((await mailsTo(applicant.email)).length, mailsBefore);
  });

  it('decides several applications at once with one motivation, mailing each applicant once', async () => {
    const call = newCall(5);
    const a = await apply(call);
    const b = await apply(call);
    const c = await apply(call);
    const decided = expectOk(
      await db.transaction((tx) =>
        decideApplications(
          tx,
          callPipeline,
          {
            ids: [b.application.id, a.application.id, b.application.id],
            decision: 'accepted',
            motivation: 'Projets solides.',
          },
          staff.id,
          baseUrl,
        ),
      ),
    );
    assert.deepEqual(
      decided.map((d) => [d.id, d.status, d.decisionMotivation, d.decidedBy]),
      [
        [b.application.id, 'accepted', 'Projets solides.', staff.id],
        [a.application.id, 'accepted', 'Projets solides.', staff.id],
      ],
    );
    for (const { applicant } of [a, b]) {
      const sent = await mailsTo(applicant.email);
      assert.equal(sent.length, 1, applicant.email);
      assert.equal(sent[0]!.subject, `Appel : ${call.title}`);
      assert.match(sent[0]!.text, new RegExp(`Bonjour ${applicant.firstName},`));
      assert.match(sent[0]!.text, /Votre projet est retenu\./);
      assert.match(sent[0]!.text, /Projets solides\./);
      assert.ok(sent[0]!.text.includes(`${baseUrl}/appels/${call.id}`));
    }
    assert.equal((await mailsTo(c.applicant.email)).length, 0);

    // The same decision saved again (its motivation corrected) mails nobody; a change mails once more.
    expectOk(
      await decideApplications(
        db,
        callPipeline,
        { ids: [a.application.id], decision: 'accepted', motivation: 'Projet solide.' },
        staff.id,
        baseUrl,
      ),
    );
    assert.equal((await mailsTo(a.applicant.email)).length, 1);
    expectOk(
      await decideApplications(
        db,
        callPipeline,
        { ids: [a.application.id], decision: 'closed' },
        staff.id,
        baseUrl,
      ),
    );
    const closedMails = await mailsTo(a.applicant.email);
    assert.equal(closedMails.length, 2);
    assert.ok(closedMails.some((m) => m.text.includes('Votre dossier est classé sans suite.')));
    const counts = (await countByStatus(db, callPipeline, [call.id])).get(call.id);
    assert.deepEqual(counts, { accepted: 1, closed: 1, submitted: 1 });
  });

  it('changes nothing when one decision of many is refused: unknown id, another owner, no place, a decision not offered', async () => {
    const call = newCall(1);
    const other = newCall(1);
    const a = await apply(call);
    const b = await apply(call);
    const elsewhere = await apply(other);
    const statuses = async () =>
      (await listApplications(db, callPipeline, call.id)).map((x) => [x.id, x.status, x.decidedAt]);
    const before = await statuses();
    const mailCount = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(mails))[0]!.n;
    const mailsBefore = await mailCount();
    const decide = (ids: string[], decision: string) =>
      db.transaction((tx) => decideApplications(tx, callPipeline, { ids, decision }, staff.id, baseUrl));

    const full = await decide([a.application.id, b.application.id], 'accepted');
    assert.ok(!full.ok);
    assert.deepEqual(
      [full.error.status, full.error.code, full.error.message],
      [409, 'full', 'Plus aucune place dans cet appel.'],
    );
    const unknown = await decide([a.application.id, randomUUID()], 'rejected');
    assert.ok(!unknown.ok);
    assert.deepEqual([unknown.error.status, unknown.error.message], [404, 'Cette candidature n’existe pas.']);
    const mixed = await decide([a.application.id, elsewhere.application.id], 'rejected');
    assert.ok(!mixed.ok);
    assert.equal(mixed.error.status, 422);
    const notOffered = await decide([a.application.id], 'waitlisted');
    assert.ok(!notOffered.ok);
    assert.equal(notOffered.error.status, 400);
    assert.equal(notOffered.error.fields?.decision, 'Décision attendue : accepted, rejected ou closed.');
    const none = await decide([], 'rejected');
    assert.ok(!none.ok);
    assert.equal(none.error.fields?.ids, 'Choisissez au moins une candidature.');
    // A program's application is not this pipeline's to decide.
    assert.deepEqual(await statuses(), before);
    assert.equal(await mailCount(), mailsBefore);

    // Accepting one fits the one place; a second acceptance is then refused, even alone.
    expectOk(await decide([a.application.id], 'accepted'));
    const second = await decide([b.application.id], 'accepted');
    assert.ok(!second.ok);
    assert.equal(second.error.status, 409);
  });

  it('lists the review queue with what awaits a decision first, filtered by status, region and kind', async () => {
    const call = newCall(3);
    const elsewhere = await buildLocalGovernment(db);
    const first = await apply(call);
    const second = await apply(call, await buildOfficer(db, elsewhere.id));
    const third = await apply(call);
    expectOk(
      await decideApplications(
        db,
        callPipeline,
        { ids: [first.application.id], decision: 'rejected' },
        staff.id,
        baseUrl,
      ),
    );
    expectOk(await giveOpinion(db, callPipeline, third.application.id, { opinion: 'favourable' }, staff.id));

    const all = await reviewQueue(db, callPipeline, call.id, {});
    assert.deepEqual(
      all.rows.map((r) => [r.application.id, r.application.status]),
      [
        [second.application.id, 'submitted'],
        [third.application.id, 'in_review'],
        [first.application.id, 'rejected'],
      ],
    );
    assert.deepEqual(all.counts, { submitted: 1, in_review: 1, rejected: 1 });
    assert.equal(all.rows[0]!.organisation?.name, elsewhere.name);
    assert.equal(all.rows[0]!.applicant.email, second.applicant.email);
    assert.equal(all.rows[0]!.submittedByName, undefined, 'submitted by the applicant');

    const rejected = await reviewQueue(db, callPipeline, call.id, { status: 'rejected' });
    assert.deepEqual(
      rejected.rows.map((r) => r.application.id),
      [first.application.id],
    );
    assert.deepEqual(rejected.counts, all.counts, 'counts are the record’s, filters aside');
    const region = await reviewQueue(db, callPipeline, call.id, { region: elsewhere.regionCode! });
    assert.ok(region.rows.some((r) => r.application.id === second.application.id));
    assert.ok(region.rows.every((r) => r.organisation?.regionCode === elsewhere.regionCode));
    assert.equal((await reviewQueue(db, callPipeline, call.id, { kind: 'region' })).rows.length, 0);
    assert.equal((await reviewQueue(db, callPipeline, call.id, { kind: 'commune' })).rows.length, 3);
  });

  it('installs the owners’ pipelines at boot and refuses a decision status an owner did not declare', () => {
    try {
      installPipelines([callPipeline]);
      assert.equal(pipelineOf('test_call'), callPipeline);
      assert.deepEqual(statusesOf(callPipeline), [
        'submitted',
        'in_review',
        'accepted',
        'rejected',
        'closed',
      ]);
      assert.throws(() => installPipelines([callPipeline, callPipeline]), /déclaré deux fois/);
      assert.throws(
        () =>
          installPipelines([
            { ...callPipeline, decisions: { waitlisted: { label: 'Attendre', mail: 'Patience.' } } },
          ]),
        /waitlisted absent de extraStatuses/,
      );
    } finally {
      bootModules();
    }
    assert.equal(pipelineOf('test_call'), undefined);
    assert.ok(pipelineOf('program'), 'the program’s pipeline is installed by its manifest');
  });
});
