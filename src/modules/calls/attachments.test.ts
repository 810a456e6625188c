// A dossier's attachments: the documents its form version expects, checked by their content (a text file
// named .pdf is refused), required ones checked at submission, fixed once instruction starts, downloaded by
// the town, its instructors and the expert asked — never by another town.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { eq, sql } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import { buildElected, buildLocalGovernment, buildStaff, signedInBrowser } from '../../../tests/factories.ts';
import { Browser, engine, pageText, testApp } from '../../../tests/helpers.ts';
import { expectOk } from '../../../tests/proof/world.ts';
import { getApplication } from '../applications/applications.ts';
import { attachmentsOf, joinAttachment, missingAttachments, removeAttachment } from './attachments.ts';
import { callsPipeline } from './calls.pipeline.ts';
import { callAttachments } from './calls.schema.ts';
import { createCall, criteriaOf } from './calls.ts';
import { createDossier, submitDossier } from './dossiers.ts';
import { requestExpertOpinion } from './experts.ts';
import { scoreApplication } from './scores.ts';

/** A real one-page PDF, as a town's office would export it. */
function councilDecision(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text('Délibération du conseil municipal n° 2026-118');
    doc.end();
  });
}

describe('the documents joined to a dossier', async () => {
  const t = await testApp({ after });
  const { db, app } = t;
  const staff = await buildStaff(db);
  const day = 86_400_000;
  const call = expectOk(
    await createCall(
      db,
      {
        number: 90,
        title: 'Appel DCOL',
        opensAt: new Date(Date.now() - day).toISOString(),
        closesAt: new Date(Date.now() + 30 * day).toISOString(),
        criteria: [{ label: 'Pertinence', weight: 1 }],
        questions: [{ label: 'Votre projet', required: true }],
        attachments: [
          { label: 'Délibération du conseil', required: true },
          { label: 'Budget prévisionnel', required: false },
        ],
      },
      staff.id,
    ),
  );
  const town = await buildLocalGovernment(db, { member: true });
  const elu = await buildElected(db, town.id);
  const dossier = expectOk(
    await createDossier(db, elu, call.id, { organisationId: town.id, answers: { q1: 'Une stratégie' } }),
  );
  const url = `/mon-espace/dossiers/${dossier.id}`;

  it('refuses a file by its content, and a submission without the required document, in French', async () => {
    const browser = await signedInBrowser(t, elu);
    const page = pageText((await browser.get(url)).body);
    assert.match(page, /Délibération du conseil \(obligatoire pour déposer\) : pas encore jointe/);
    const fake = await browser.postFile(
      `${url}/pieces`,
      { key: 'p1' },
      {
        name: 'deliberation.pdf',
        type: 'application/pdf',
        content: Buffer.from('Ceci est un texte, pas un PDF.'),
      },
    );
    assert.equal(fake.statusCode, 415);
    assert.match(pageText(fake.body), /PDF/);
    assert.equal((await attachmentsOf(db, dossier.id)).length, 0);

    const incomplete = await submitDossier(db, dossier.id, elu.id);
    assert.ok(!incomplete.ok);
    assert.equal(
      incomplete.error.fields?.['attachments.p1'],
      'Joignez la pièce « Délibération du conseil ».',
    );
    assert.equal(incomplete.error.fields?.['attachments.p2'], undefined, 'the budget is optional');

    await browser.get(url);
    const joined = await browser.postFile(
      `${url}/pieces`,
      { key: 'p1' },
      {
        name: 'délibération.pdf',
        type: 'application/pdf',
        content: await councilDecision(),
      },
    );
    assert.equal(joined.statusCode, 303, joined.body);
    const [file] = await attachmentsOf(db, dossier.id);
    assert.equal(file?.mimeType, 'application/pdf');
    assert.equal(expectOk(await submitDossier(db, dossier.id, elu.id)).status, 'submitted');
  });

  it('lets the town, its instructors and the expert download it; never another town', async () => {
    const [file] = await attachmentsOf(db, dossier.id);
    const download = `${url}/pieces/${file!.id}`;
    const town = await signedInBrowser(t, elu);
    const own = await town.get(download);
    assert.equal(own.statusCode, 200);
    assert.equal(own.headers['content-type'], 'application/pdf');
    assert.match(String(own.headers['content-disposition']), /^attachment;/);
    assert.ok(own.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')));

    const instructor = await signedInBrowser(t, staff);
    assert.equal((await instructor.get(download)).statusCode, 200);
    const staffPage = await instructor.get(`/gestion/appels/${call.id}/dossiers/${dossier.id}`);
    assert.match(staffPage.body, new RegExp(`href="${download}"`));

    const stranger = await signedInBrowser(
      t,
      await buildElected(db, (await buildLocalGovernment(db, { member: true })).id),
    );
    assert.equal((await stranger.get(download)).statusCode, 404);
    assert.equal((await new Browser(app).get(download)).statusCode, 303, 'a visitor is sent to sign in');

    const { token } = expectOk(
      await requestExpertOpinion(
        db,
        dossier.id,
        {
          name: 'Aminata Diallo',
          email: 'aminata@example.org',
          deadline: new Date(Date.now() + 10 * day).toISOString().slice(0, 10),
        },
        staff.id,
        'http://localhost',
      ),
    );
    const expert = await new Browser(app).get(`/avis/${token}/pieces/${file!.id}`);
    assert.equal(expert.statusCode, 200);
    assert.equal(expert.headers['content-type'], 'application/pdf');
  });

  it('fixes the documents once instruction starts', async () => {
    assert.equal((await getApplication(db, callsPipeline, dossier.id))?.status, 'in_review');
    const [criterion] = await criteriaOf(db, call.id);
    expectOk(await scoreApplication(db, dossier.id, { scores: { [criterion!.id]: 4 } }, staff.id));
    const browser = await signedInBrowser(t, elu);
    const page = await browser.get(url);
    assert.doesNotMatch(page.body, /Remplacer la pièce/);
    const late = await browser.postFile(
      `${url}/pieces`,
      { key: 'p2' },
      {
        name: 'budget.pdf',
        type: 'application/pdf',
        content: await councilDecision(),
      },
    );
    assert.equal(late.statusCode, 422);
    assert.match(pageText(late.body), /ses pièces jointes ne se modifient plus/);
    assert.equal((await attachmentsOf(db, dossier.id)).length, 1);
  });

  /** A new town's draft on the call, with its documents joined (`p1` required, `p2` optional). */
  async function draftWith(keys: string[]) {
    const other = await buildLocalGovernment(db, { member: true });
    const writer = await buildElected(db, other.id);
    const draft = expectOk(
      await createDossier(db, writer, call.id, { organisationId: other.id, answers: { q1: 'Un projet' } }),
    );
    for (const key of keys)
      expectOk(
        await joinAttachment(
          db,
          draft.id,
          { key, fileName: `${key}.pdf`, content: await councilDecision() },
          writer.id,
        ),
      );
    const files = await attachmentsOf(db, draft.id);
    const idOf = (key: string) => files.find((f) => f.key === key)!.id;
    return { draft, writer, idOf };
  }

  it('keeps a submitted dossier complete: a required document is replaced, never removed', async () => {
    const { draft, writer, idOf } = await draftWith(['p1', 'p2']);
    expectOk(await submitDossier(db, draft.id, writer.id));
    const refused = await removeAttachment(db, draft.id, idOf('p1'), writer.id);
    assert.ok(!refused.ok);
    assert.equal(refused.error.status, 422);
    assert.match(
      refused.error.message,
      /« Délibération du conseil » est une pièce exigée et le dossier est déposé/,
    );
    expectOk(await removeAttachment(db, draft.id, idOf('p2'), writer.id));
    assert.deepEqual(
      (await attachmentsOf(db, draft.id)).map((f) => f.key),
      ['p1'],
    );
  });

  describe('a document removed while the dossier is submitted', () => {
    const pglite = engine === 'pglite' ? 'PGlite runs one transaction at a time: no race there' : false;
    const submittedWithout = async (id: string) =>
      (await getApplication(db, callsPipeline, id))?.status === 'submitted' &&
      !(await attachmentsOf(db, id)).some((f) => f.key === 'p1');

    it('never leaves a submitted dossier without its required document', { skip: pglite }, async () => {
      const { draft, writer, idOf } = await draftWith(['p1']);
      const [submitted, removed] = await Promise.all([
        db.transaction(async (tx) => {
          const result = await submitDossier(tx, draft.id, writer.id);
          await delay(200);
          return result;
        }),
        db.transaction(async (tx) => {
          await delay(50);
          return removeAttachment(tx, draft.id, idOf('p1'), writer.id);
        }),
      ]);
      assert.ok(submitted.ok);
      assert.ok(!removed.ok, 'the removal waits for the submission, then is refused');
      assert.equal(await submittedWithout(draft.id), false);
    });

    // The control of the test above: the documents counted without the dossier's lock, the removal lands between
    // the count and the submission, and the dossier is submitted without its required document.
    it('control: counted without the lock, the dossier is submitted incomplete', {
      skip: pglite,
    }, async () => {
      const { draft, idOf } = await draftWith(['p1']);
      await Promise.all([
        db.transaction(async (tx) => {
          const missing = await missingAttachments(tx, draft.id, call.id);
          await delay(200);
          if (Object.keys(missing).length === 0)
            await tx.execute(sql`update applications set status = 'submitted' where id = ${draft.id}`);
        }),
        db.transaction(async (tx) => {
          await delay(50);
          await tx.delete(callAttachments).where(eq(callAttachments.id, idOf('p1')));
        }),
      ]);
      assert.equal(await submittedWithout(draft.id), true);
    });
  });
});
