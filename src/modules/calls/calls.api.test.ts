// Support calls' API as issue 16 fixes it, through Bearer tokens: a call and its grid, a member local
// government's dossier from draft to decision (no step skipped, no decision without its motivation), the
// weighted score computed from the instructors' marks, one dossier per organisation and call.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import {
  bearer,
  buildElected,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
} from '../../../tests/factories.ts';
import { testApp } from '../../../tests/helpers.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { mails } from '../../platform/db/platform.schema.ts';
import { getApplication } from '../applications/applications.ts';
import { mergePeople } from '../organisations/merge-people.ts';
import { callsPipeline } from './calls.pipeline.ts';

const day = 86_400_000;
let nextNumber = 20;

describe('support calls through the API', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const otherStaff = await buildStaff(db);
  const staffAuth = await bearer(db, staff);
  const gennevilliers = await buildLocalGovernment(db, { member: true });
  const referent = await buildOfficer(db, gennevilliers.id, true);
  const elu = await buildElected(db, gennevilliers.id);
  const eluAuth = await bearer(db, elu);
  const lapsed = await buildLocalGovernment(db, { member: false });
  const lapsedAuth = await bearer(db, await buildOfficer(db, lapsed.id, true));
  const stranger = await buildLocalGovernment(db, { member: true });
  const strangerAuth = await bearer(db, await buildOfficer(db, stranger.id, true));

  const request = (method: 'GET' | 'POST', url: string, headers = staffAuth, payload?: object) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  async function newCall(window: { opensAt?: Date; closesAt?: Date } = {}) {
    const number = nextNumber++;
    const created = await request('POST', '/api/v1/calls', staffAuth, {
      number,
      title: '13ᵉ appel DCOL',
      supportKinds: ['Stratégie internationale', 'Climat'],
      opensAt: (window.opensAt ?? new Date(Date.now() - day)).toISOString(),
      closesAt: (window.closesAt ?? new Date(Date.now() + 30 * day)).toISOString(),
      criteria: [
        { label: 'Pertinence', weight: 3 },
        { label: 'Faisabilité', weight: 1 },
      ],
      envelopeCents: 6_000_000,
    });
    assert.equal(created.statusCode, 201, created.body);
    return created.json() as { id: string; number: number; criteria: { id: string; label: string }[] };
  }
  // The required questions of the network's usual form (q1, q2, q4).
  const answers = {
    q1: 'Ville jumelée avec Kayes depuis 1985',
    q2: 'Stratégie internationale de la ville',
    q4: 'Une stratégie signée',
  };
  const apply = (callId: string, headers = eluAuth, organisationId = gennevilliers.id) =>
    request('POST', `/api/v1/calls/${callId}/applications`, headers, {
      organisationId,
      answers,
      requestedCents: 1_500_000,
    });
  const statusOf = async (id: string) => (await getApplication(db, callsPipeline, id))?.status;

  it('opens a call with its grid, and refuses a number taken or a window backwards, in French', async () => {
    const call = await newCall();
    assert.deepEqual(
      call.criteria.map((c) => c.label),
      ['Pertinence', 'Faisabilité'],
    );
    const again = await request('POST', '/api/v1/calls', staffAuth, {
      number: call.number,
      title: 'Doublon',
      opensAt: '2027-05-01T09:00:00+02:00',
      closesAt: '2027-06-30T18:00:00+02:00',
      criteria: [{ label: 'Pertinence', weight: 1 }],
    });
    assert.equal(again.statusCode, 409);
    assert.match(again.json().error.message, /Il existe déjà un \d+ᵉ appel\./);
    const backwards = await request('POST', '/api/v1/calls', staffAuth, {
      number: nextNumber++,
      title: 'À l’envers',
      opensAt: '2027-06-30T18:00:00+02:00',
      closesAt: '2027-05-01T09:00:00+02:00',
      criteria: [],
    });
    assert.equal(backwards.statusCode, 400);
    assert.equal(backwards.json().error.fields.closesAt, 'La clôture doit venir après l’ouverture.');
    assert.match(backwards.json().error.fields.criteria, /au moins un critère/);
    const byMember = await request('POST', '/api/v1/calls', eluAuth, { number: nextNumber++ });
    assert.equal(byMember.statusCode, 403);
  });

  it('takes one draft per member local government, and says in French why it refuses the others', async () => {
    const call = await newCall();
    const draft = await apply(call.id);
    assert.equal(draft.statusCode, 201, draft.body);
    assert.equal(draft.json().status, 'draft');
    assert.equal(draft.json().submittedAt, null);
    // A colleague of the same town, or staff on its behalf: the town has its dossier already.
    const twice = await apply(call.id, await bearer(db, referent));
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().error.message, `${gennevilliers.name} a déjà un dossier pour cet appel.`);
    assert.equal((await apply(call.id, staffAuth)).statusCode, 409);

    const notMember = await apply(call.id, lapsedAuth, lapsed.id);
    assert.equal(notMember.statusCode, 403);
    assert.equal(notMember.json().error.code, 'not_eligible');
    assert.match(notMember.json().error.message, /n’est pas adhérente du réseau à jour de sa cotisation/);
    // Another member's officer cannot write Gennevilliers' dossier.
    const forOthers = await apply((await newCall()).id, strangerAuth);
    assert.equal(forOthers.statusCode, 403);
    assert.match(forOthers.json().error.message, /déposent un dossier en son nom/);

    const closed = await newCall({
      opensAt: new Date(Date.now() - 60 * day),
      closesAt: new Date(Date.now() - day),
    });
    const late = await apply(closed.id);
    assert.equal(late.statusCode, 422);
    assert.equal(late.json().error.code, 'call_closed');
    assert.match(late.json().error.message, /L’appel est clos depuis le/);
    const early = await newCall({
      opensAt: new Date(Date.now() + day),
      closesAt: new Date(Date.now() + 9 * day),
    });
    assert.match((await apply(early.id)).json().error.message, /L’appel ouvre le/);
    assert.equal(
      (
        await request('POST', `/api/v1/calls/${randomUUID()}/applications`, eluAuth, {
          organisationId: gennevilliers.id,
        })
      ).statusCode,
      404,
    );
  });

  it('files a dossier for a town on its behalf: its referent carries it and receives its mails', async () => {
    const call = await newCall();
    const filed = await apply(call.id, staffAuth);
    assert.equal(filed.statusCode, 201, filed.body);
    const row = await getApplication(db, callsPipeline, filed.json().id);
    assert.equal(row!.personId, referent.id);
    assert.equal(row!.submittedBy, staff.id);
    assert.equal(row!.applicantKey, gennevilliers.id);
  });

  it('goes draft → submitted → in instruction → decided, never skipping a step, each decision motivated and mailed once', async () => {
    const call = await newCall();
    const id = (await apply(call.id)).json().id as string;
    const decide = (payload: object) =>
      request('POST', `/api/v1/call-applications/${id}/decision`, staffAuth, payload);
    const scores = (marks: number[], headers = staffAuth) =>
      request('POST', `/api/v1/call-applications/${id}/scores`, headers, {
        scores: Object.fromEntries(call.criteria.map((c, i) => [c.id, marks[i]])),
      });

    // A draft is neither decided nor scored.
    const draftDecided = await decide({ decision: 'rejected', motivation: 'Hors sujet.' });
    assert.equal(draftDecided.statusCode, 422);
    assert.equal(draftDecided.json().error.code, 'not_submitted');
    assert.equal((await scores([4, 2])).statusCode, 422);
    assert.equal(await statusOf(id), 'draft');

    // Submitted by someone of another town: refused; by the town's élu: submitted, and again: no change.
    assert.equal(
      (await request('POST', `/api/v1/call-applications/${id}/submit`, strangerAuth)).statusCode,
      403,
    );
    const submitted = await request('POST', `/api/v1/call-applications/${id}/submit`, eluAuth);
    assert.equal(submitted.statusCode, 200, submitted.body);
    assert.equal(submitted.json().status, 'submitted');
    assert.ok(submitted.json().submittedAt);
    assert.equal(
      (await request('POST', `/api/v1/call-applications/${id}/submit`, eluAuth)).json().status,
      'submitted',
    );
    // Until instruction starts, the town corrects its answers (« en construction »); another town cannot.
    const correct = (headers = eluAuth) =>
      app.inject({
        method: 'PATCH',
        url: `/api/v1/call-applications/${id}`,
        headers,
        payload: { answers: { ...answers, q2: 'Stratégie internationale, budget corrigé' } },
      });
    assert.equal((await correct(strangerAuth)).statusCode, 403);
    const corrected = await correct();
    assert.equal(corrected.statusCode, 200, corrected.body);
    assert.deepEqual((await getApplication(db, callsPipeline, id))?.answers, {
      ...answers,
      q2: 'Stratégie internationale, budget corrigé',
    });

    // Accepting before instruction, or deciding without a motivation: refused, nothing changes, nobody mailed.
    const skipped = await decide({ decision: 'accepted', motivation: 'Très bon dossier.' });
    assert.equal(skipped.statusCode, 422);
    assert.equal(skipped.json().error.code, 'not_in_instruction');
    const unmotivated = await decide({ decision: 'rejected' });
    assert.equal(unmotivated.statusCode, 400);
    assert.match(unmotivated.json().error.fields.motivation, /Motivez la décision/);
    const blank = await decide({ decision: 'rejected', motivation: '   ' });
    assert.equal(blank.statusCode, 400);
    assert.equal(await statusOf(id), 'submitted');
    assert.equal((await db.select().from(mails).where(eq(mails.to, elu.email))).length, 0);

    // Marks: (4 × 3 + 2 × 1) ÷ 4 = 3.5; a second instructor's 5 and 5 make the mean 4.25; members never mark.
    const marked = await scores([4, 2]);
    assert.equal(marked.statusCode, 201, marked.body);
    assert.equal(marked.json().weightedScore, 3.5);
    assert.equal(await statusOf(id), 'in_review');
    const tooLate = await correct();
    assert.equal(tooLate.statusCode, 422);
    assert.equal(tooLate.json().error.code, 'in_instruction');
    const second = await scores([5, 5], await bearer(db, otherStaff));
    assert.equal(second.json().weightedScore, 4.25);
    const changed = await scores([3, 3]);
    assert.equal(changed.json().weightedScore, 4, 'an instructor’s new marks replace theirs');
    assert.equal((await scores([4, 2], eluAuth)).statusCode, 403);
    const partial = await request('POST', `/api/v1/call-applications/${id}/scores`, staffAuth, {
      scores: { [call.criteria[0]!.id]: 4 },
    });
    assert.equal(partial.statusCode, 400);
    assert.match(partial.json().error.message, /il manque : Faisabilité/);
    const outOfGrid = await request('POST', `/api/v1/call-applications/${id}/scores`, staffAuth, {
      scores: { [call.criteria[0]!.id]: 4, [call.criteria[1]!.id]: 6 },
    });
    assert.equal(outOfGrid.statusCode, 400);
    const foreignCriterion = await request('POST', `/api/v1/call-applications/${id}/scores`, staffAuth, {
      scores: { [call.criteria[0]!.id]: 4, [call.criteria[1]!.id]: 4, [randomUUID()]: 4 },
    });
    assert.equal(foreignCriterion.statusCode, 400);
    assert.equal((await scores([5, 5])).json().weightedScore, 5, 'refusals changed no mark');

    const refused = await decide({
      decision: 'rejected',
      motivation: 'L’enveloppe est épuisée ; représentez-le au 14ᵉ appel.',
    });
    assert.equal(refused.statusCode, 200, refused.body);
    assert.equal(refused.json().status, 'rejected');
    assert.equal((await decide({ decision: 'rejected', motivation: 'Même décision.' })).statusCode, 200);
    const sent = await db.select().from(mails).where(eq(mails.to, elu.email));
    assert.equal(sent.length, 1, 'the same decision saved again mails nobody');
    assert.match(sent[0]!.subject, new RegExp(`${call.number}ᵉ appel du réseau`));
    assert.match(sent[0]!.text, /Votre dossier n’est pas retenu pour cet appel\./);
    assert.match(sent[0]!.text, /représentez-le au 14ᵉ appel/);
    assert.equal((await scores([1, 1])).statusCode, 422, 'a decided dossier is not marked');

    const list = await request('GET', `/api/v1/calls/${call.id}/applications`);
    assert.equal(list.statusCode, 200);
    const [item] = list.json().items as Record<string, unknown>[];
    assert.deepEqual(
      {
        id: item!.id,
        status: item!.status,
        weightedScore: item!.weightedScore,
        organisationId: item!.organisationId,
      },
      { id, status: 'rejected', weightedScore: 5, organisationId: gennevilliers.id },
    );
    assert.deepEqual(Object.keys(item!).sort(), [
      'callId',
      'id',
      'organisationId',
      'status',
      'submittedAt',
      'weightedScore',
    ]);
    assert.equal((await request('GET', `/api/v1/calls/${call.id}/applications`, eluAuth)).statusCode, 403);
  });

  it('closes a submitted dossier without follow-up, motivated, without instruction', async () => {
    const call = await newCall();
    const id = (await apply(call.id)).json().id as string;
    await request('POST', `/api/v1/call-applications/${id}/submit`, eluAuth);
    const closed = await request('POST', `/api/v1/call-applications/${id}/decision`, staffAuth, {
      decision: 'closed',
      motivation: 'La commune a retiré son dossier le 3 décembre.',
    });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().status, 'closed');
  });

  it('keeps one dossier per organisation and call in the database itself, whoever writes it', async () => {
    const call = await newCall();
    const id = (await apply(call.id)).json().id as string;
    const first = await getApplication(db, callsPipeline, id);
    const second = db.execute(sql`
      insert into applications (scope, owner_id, person_id, organisation_id, applicant_key, status)
      values ('calls', ${call.id}, ${referent.id}, ${gennevilliers.id}, ${first!.applicantKey}, 'draft')`);
    await assert.rejects(second, (error) => isUniqueViolation(error));
    // The program's applications keep theirs by person: two élus of one town each apply.
    assert.equal(first!.applicantKey, gennevilliers.id);
  });
  it('merges two records of one person: the newer marks stay, a dossier they carry keeps its town', async () => {
    const call = await newCall();
    const carrier = await buildOfficer(db, gennevilliers.id);
    const carrierTwin = await buildOfficer(db, gennevilliers.id);
    const id = (await apply(call.id, await bearer(db, carrierTwin))).json().id as string;
    await request('POST', `/api/v1/call-applications/${id}/submit`, eluAuth);
    const instructor = await buildStaff(db);
    const instructorTwin = await buildStaff(db);
    const mark = async (who: typeof instructor, marks: number[]) =>
      (
        await request('POST', `/api/v1/call-applications/${id}/scores`, await bearer(db, who), {
          scores: Object.fromEntries(call.criteria.map((c, i) => [c.id, marks[i]])),
        })
      ).json().weightedScore as number;
    assert.equal(await mark(instructorTwin, [5, 5]), 5);
    assert.equal(await mark(instructor, [1, 1]), 3, 'two instructors: the mean of 5 and 1');

    const merged = await db.transaction(async (tx) => {
      const marks = await mergePeople(tx, instructor.id, { intoId: instructorTwin.id }, staff.id);
      const dossier = await mergePeople(tx, carrierTwin.id, { intoId: carrier.id }, staff.id);
      return marks.ok && dossier.ok;
    });
    assert.ok(merged);
    const list = await request('GET', `/api/v1/calls/${call.id}/applications`);
    // The record merged away gave the later marks: they stay, moved to the record kept (not its older 5s).
    assert.equal(list.json().items[0].weightedScore, 1, 'one instructor now, with the marks given last');
    const dossier = await getApplication(db, callsPipeline, id);
    assert.equal(dossier?.personId, carrier.id);
    assert.equal(dossier?.applicantKey, gennevilliers.id);
  });
});
