// A person's copy and erasure (RGPD art. 15, 17, 20) for the program and the applications module, through
// the person hooks their manifests install (organisations calls them): what each module holds about the
// person is in the copy, reviewers' private notes are not; after erasure the certificate is still verifiable
// without the person's identity, and no text column of these modules' tables holds their name or email.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  buildElected,
  buildEvent,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
} from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import { secretsKey } from '../../platform/secrets.ts';
import { giveOpinion, opinionsOf } from '../applications/opinions.ts';
import { recordAttendance } from '../events/check-in.ts';
import { personErased, personExported } from '../organisations/person-hooks.ts';
import { applicationOf, applyToProgram, decideApplication } from './applications.ts';
import { issueCertificates } from './certificates.ts';
import { confirmInterest, expressInterest } from './interest.ts';
import { programPipeline } from './program.pipeline.ts';
import { addSession, createProgram } from './programs.ts';

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Every text-like column of these tables, as text, for rows that contain `needle` (case-insensitive). */
async function tablesHolding(db: Parameters<typeof queryRows>[0], needle: string) {
  const found: string[] = [];
  for (const table of [
    'programs',
    'program_sessions',
    'expressions_of_interest',
    'certificates',
    'signing_keys',
    'applications',
    'application_reviews',
  ]) {
    const rows = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(table)} t where position(lower(${needle}) in lower(t::text)) > 0`,
    );
    if (rows[0]!.n > 0) found.push(table);
  }
  return found;
}

describe('a person’s data in the program and its applications: their copy, their erasure', async () => {
  const { app, db, config } = await testApp({ after });
  const signing = { baseUrl: config.baseUrl, secretsKey: secretsKey(config) };
  const staff = await buildStaff(db);
  const reviewer = await buildStaff(db);
  const town = await buildLocalGovernment(db, { member: true });
  const referent = await buildOfficer(db, town.id, true);
  const elue = await buildElected(db, town.id);
  const name = `${elue.firstName} ${elue.lastName}`;
  const privateNote = 'Annotation privée : très motivée, à suivre de près';

  const program = expectOk(
    await createProgram(db, { title: 'Promotion effaçable', minSessions: 1 }, staff.id),
  );
  const session = await buildEvent(db, { audience: 'members' }, -3);
  expectOk(await addSession(db, program.id, { eventId: session.id }, staff.id));
  // Her referent applies for her; a reviewer gives an opinion with a private note; staff accepts her.
  const application = expectOk(
    await applyToProgram(
      db,
      program.id,
      { personId: elue.id, motivation: 'Jumelage avec Tübingen à relancer' },
      referent.id,
    ),
  );
  expectOk(
    await giveOpinion(
      db,
      programPipeline,
      application.id,
      { opinion: 'favourable', score: '18', note: privateNote },
      reviewer.id,
    ),
  );
  expectOk(
    await db.transaction((tx) =>
      decideApplication(
        tx,
        application.id,
        { decision: 'accepted', comment: 'Bienvenue dans la promotion' },
        staff.id,
        config.baseUrl,
      ),
    ),
  );
  await recordAttendance(db, {
    eventId: session.id,
    personId: elue.id,
    source: 'check_in',
    recordedBy: null,
  });
  const [certificate] = expectOk(await issueCertificates(db, program.id, staff.id, signing));
  const interest = expectOk(
    await expressInterest(
      db,
      program.id,
      {
        firstName: elue.firstName,
        lastName: elue.lastName,
        email: elue.email.toUpperCase(),
        organisationName: town.name,
        mandate: 'adjointe',
      },
      signing,
    ),
  );
  expectOk(await confirmInterest(db, interest.id));
  // Another élue's application the reviewer decided on: it must survive the reviewer's erasure.
  const other = await buildElected(db, town.id);
  const otherApplication = expectOk(await applyToProgram(db, program.id, { personId: other.id }, other.id));
  expectOk(await giveOpinion(db, programPipeline, otherApplication.id, { opinion: 'reserved' }, reviewer.id));

  it('gives her a copy of her applications, certificates and interests, without the reviewers’ notes, and says so', async () => {
    const sections = await personExported(db, elue.id);
    const applications = sections.find((s) => s.title === 'Candidatures')!;
    const path = sections.find((s) => s.title === 'Parcours « Diplomates des territoires »')!;
    assert.ok(applications && path, JSON.stringify(sections));

    const copy = applications.data as {
      note: string;
      applications: {
        record: string;
        status: string;
        answers: Record<string, unknown>;
        submittedBy: string;
      }[];
    };
    assert.match(
      copy.note,
      /Les avis des instructeurs, leurs notes et leurs annotations privées n’y figurent pas/,
    );
    assert.equal(copy.applications.length, 1);
    assert.equal(copy.applications[0]!.record, '« Diplomates des territoires » — Promotion effaçable');
    assert.equal(copy.applications[0]!.status, 'Acceptée : membre de la promotion');
    assert.equal(copy.applications[0]!.answers.motivation, 'Jumelage avec Tübingen à relancer');
    assert.equal(copy.applications[0]!.submittedBy, `${referent.firstName} ${referent.lastName}`);
    assert.match(JSON.stringify(copy), /Bienvenue dans la promotion/);
    const text = JSON.stringify(sections);
    assert.ok(!text.includes(privateNote), 'no private note');
    assert.ok(!text.includes('"score"'), 'no score');
    assert.ok(!text.includes('favourable'), 'no opinion');

    const data = path.data as {
      certificates: { code: string; holderName: string; verification: string }[];
      expressionsOfInterest: { email: string; confirmedAt: string | null }[];
    };
    assert.deepEqual(
      data.certificates.map((c) => [c.code, c.holderName, c.verification]),
      [[certificate!.code, name, `/certificats/${certificate!.code}`]],
    );
    assert.equal(data.expressionsOfInterest.length, 1, 'matched by her address, whatever its case');
    assert.ok(data.expressionsOfInterest[0]!.confirmedAt);

    // The reviewer's copy holds no opinion she gave on others' applications.
    assert.ok(!JSON.stringify(await personExported(db, reviewer.id)).includes(privateNote));
  });

  it('erases her: the certificate stays verifiable, nameless, and no table of these modules holds her name or email', async () => {
    assert.deepEqual(await tablesHolding(db, elue.email), ['expressions_of_interest']);
    assert.ok((await tablesHolding(db, elue.lastName)).includes('certificates'));

    await db.transaction((tx) => personErased(tx, elue.id));

    assert.deepEqual(await tablesHolding(db, elue.email), []);
    assert.deepEqual(await tablesHolding(db, elue.lastName), []);
    assert.deepEqual(await tablesHolding(db, 'Tübingen'), [], 'her answers went with her application');
    assert.equal(await applicationOf(db, program.id, elue.id), undefined);
    // Nothing of hers is left but the agenda's past attendance, kept nameless for the path's counts (decision 014).
    assert.deepEqual(
      (await personExported(db, elue.id)).map((s) => s.title),
      ['Agenda'],
    );

    // Anyone checking the code reads a valid certificate delivered to a person whose name was erased.
    const page = await new Browser(app).get(`/certificats/${certificate!.code}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Certificat valide/);
    assert.match(page.body, /Certificat délivré à une personne dont le nom a été effacé à sa demande/);
    assert.ok(!page.body.includes(elue.lastName));
    const verified = (
      await app.inject({ method: 'GET', url: `/api/v1/certificates/${certificate!.code}` })
    ).json();
    assert.deepEqual([verified.valid, verified.holder, verified.erased], [true, null, true]);
    // Its credential carried a hash of her email: it is gone, and so is the PDF that printed her name.
    for (const file of ['credential.json', 'credential.jwt'])
      assert.equal(
        (await app.inject({ method: 'GET', url: `/certificats/${certificate!.code}/${file}` })).statusCode,
        404,
      );
  });

  it('erases a reviewer: her opinions go, the applications she decided on stay without naming her', async () => {
    const kept = (await opinionsOf(db, [otherApplication.id])).get(otherApplication.id)!;
    assert.equal(kept.length, 1);
    await db.transaction((tx) => personErased(tx, reviewer.id));
    assert.deepEqual((await opinionsOf(db, [otherApplication.id])).get(otherApplication.id), []);
    assert.equal((await applicationOf(db, program.id, other.id))?.status, 'in_review');
    // Staff who issued certificates and decided: the rows stay, no longer naming them.
    await db.transaction((tx) => personErased(tx, staff.id));
    const [issued] = await queryRows<{ issued_by: string | null }>(
      db,
      sql`select issued_by from certificates where code = ${certificate!.code}`,
    );
    assert.equal(issued!.issued_by, null);
    const decided = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from applications where decided_by = ${staff.id} or submitted_by = ${staff.id}`,
    );
    assert.equal(decided[0]!.n, 0);
  });
});
