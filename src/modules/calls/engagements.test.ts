// Support engagements, as staff and the town use them: refused for a dossier the committee did not accept,
// one per dossier; milestones late or done, the late engagements first; a real PDF accepted, a text renamed
// .pdf refused by its content; the town's élu reads its engagement and downloads its document, another
// town's élu finds neither; the export; the deletion kept while documents remain; valid HTML on every page.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { HtmlValidate } from 'html-validate';
import PDFDocument from 'pdfkit';
import {
  buildElected,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
  signedInBrowser,
} from '../../../tests/factories.ts';
import { type Browser, pageText, testApp } from '../../../tests/helpers.ts';
import { expectOk } from '../../../tests/proof/world.ts';
import { decideApplications } from '../applications/decide.ts';
import { callsPipeline } from './calls.pipeline.ts';
import { type Call, createCall } from './calls.ts';
import { createDossier, submitDossier } from './dossiers.ts';
import { engagementRows, engagementSummaryOf } from './engagement-queries.ts';
import {
  addEngagementDocument,
  addMilestone,
  createEngagement,
  documentsOf,
  engagementOfDossier,
  isLate,
  markMilestoneDone,
  milestonesOf,
  updateMilestone,
} from './engagements.ts';
import { scoreApplication } from './scores.ts';

const answers = { q1: 'Jumelée avec Kayes', q2: 'Stratégie internationale', q4: 'Une stratégie signée' };

/** A one-page PDF as pdfkit writes it. */
function smallPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(14).text('Stratégie internationale de la collectivité — diagnostic');
  doc.end();
  return done;
}

describe('support engagements', async () => {
  const t = await testApp({ after });
  const { app, db, config } = t;
  const staff = await buildStaff(db);
  const browser = await signedInBrowser(t, staff);
  let call: Call & { criteria: { id: string }[] };

  /** A member town's dossier submitted by its élu; marked then accepted when `accepted`. */
  async function dossier(accepted: boolean) {
    const town = await buildLocalGovernment(db, { member: true });
    const elu = await buildElected(db, town.id);
    const draft = expectOk(
      await createDossier(db, elu, call.id, { organisationId: town.id, answers, requestedCents: 500_000 }),
    );
    expectOk(await submitDossier(db, draft.id, elu.id));
    if (accepted) {
      expectOk(
        await scoreApplication(
          db,
          draft.id,
          { scores: Object.fromEntries(call.criteria.map((c) => [c.id, 4])) },
          staff.id,
        ),
      );
      expectOk(
        await db.transaction((tx) =>
          decideApplications(
            tx,
            callsPipeline,
            { ids: [draft.id], decision: 'accepted', motivation: 'Retenu par le comité.' },
            staff.id,
            config.baseUrl,
          ),
        ),
      );
    }
    return { town, elu, id: draft.id };
  }

  /** A multipart form with one file, as a browser sends it, with the CSRF token of the last page. */
  async function page(who: Browser, url: string) {
    const response = await who.get(url);
    assert.equal(response.statusCode, 200, `${url} : ${response.statusCode}`);
    return response.body;
  }

  const day = 86_400_000;
  call = expectOk(
    await createCall(
      db,
      {
        number: 91,
        title: 'Appel des accompagnements',
        opensAt: new Date(Date.now() - day).toISOString(),
        closesAt: new Date(Date.now() + 30 * day).toISOString(),
        criteria: [{ label: 'Pertinence', weight: 1 }],
        envelopeCents: 10_000_000,
      },
      staff.id,
    ),
  );
  const accepted = await dossier(true);
  const pending = await dossier(false);
  const other = await dossier(true);
  const pdf = await smallPdf();
  const engagement = {
    lead: 'Cabinet Horizons',
    startsOn: '2026-01-05',
    endsOn: '2026-12-18',
    status: 'ongoing',
    objective: 'Écrire la stratégie internationale de la collectivité.',
  };

  it('refuses an engagement for a dossier the committee did not accept, in French, and allows one per dossier', async () => {
    const refused = await createEngagement(db, pending.id, engagement, staff.id);
    assert.equal(refused.ok, false);
    assert.equal(!refused.ok && refused.error.status, 422);
    assert.match(!refused.ok ? refused.error.message : '', /Seul un dossier retenu par le comité/);

    const backwards = await createEngagement(
      db,
      accepted.id,
      { ...engagement, endsOn: '2025-12-31' },
      staff.id,
    );
    assert.equal(!backwards.ok && backwards.error.fields?.endsOn, 'La fin ne peut pas précéder le début.');
    assert.equal(await engagementOfDossier(db, accepted.id), undefined, 'nothing written');

    expectOk(await createEngagement(db, accepted.id, engagement, staff.id));
    const twice = await createEngagement(db, accepted.id, engagement, staff.id);
    assert.equal(!twice.ok && twice.error.status, 409);
    assert.match(!twice.ok ? twice.error.message : '', /a déjà son accompagnement/);

    // The staff's page of a dossier not accepted says so, and its form is refused the same way.
    const url = `/gestion/appels/${call.id}/dossiers/${pending.id}/accompagnement`;
    const shown = await browser.get(url);
    assert.equal(shown.statusCode, 409);
    assert.match(pageText(shown.body), /Seul un dossier retenu par le comité/);
    await page(browser, `/gestion/appels/${call.id}/dossiers/${accepted.id}/accompagnement`);
    const posted = await browser.post(url, {
      responsable: 'Cabinet',
      debut: '2026-01-05',
      fin: '2026-02-05',
      statut: 'planned',
      objectif: 'Essai.',
    });
    assert.equal(posted.statusCode, 422);
    assert.match(pageText(posted.body), /Seul un dossier retenu par le comité/);
  });

  it('creates an engagement from its form, with French errors and what was typed kept', async () => {
    const url = `/gestion/appels/${call.id}/dossiers/${other.id}/accompagnement`;
    await page(browser, url);
    const bad = await browser.post(url, {
      responsable: 'Équipe du réseau',
      debut: '18/12/2026',
      fin: '05/01/2026',
      statut: 'planned',
      objectif: '',
    });
    assert.equal(bad.statusCode, 400);
    const said = pageText(bad.body);
    assert.match(said, /La fin ne peut pas précéder le début/);
    assert.match(said, /Ce champ est obligatoire/);
    assert.match(bad.body, /value="Équipe du réseau"/);
    assert.equal(await engagementOfDossier(db, other.id), undefined);
    const created = await browser.post(url, {
      responsable: 'Équipe du réseau',
      debut: '05/01/2026',
      fin: '18/12/2026',
      statut: 'planned',
      objectif: 'Chercher des cofinancements.',
    });
    assert.equal(created.statusCode, 303, created.body);
    const saved = await engagementOfDossier(db, other.id);
    assert.equal(saved?.startsOn, '2026-01-05', 'typed as a French day');
    assert.equal(saved?.status, 'planned');
  });

  it('counts milestones done and late (Paris days), the late engagements first', async () => {
    const mine = (await engagementOfDossier(db, accepted.id))!;
    const path = `/gestion/appels/${call.id}/dossiers/${accepted.id}/accompagnement`;
    await page(browser, path);
    const bad = await browser.post(`${path}/jalons`, { libelle: 'Diagnostic', echeance: 'bientôt' });
    assert.equal(bad.statusCode, 400);
    assert.match(pageText(bad.body), /Date attendue, par exemple 15\/03\/2026/);
    assert.equal((await milestonesOf(db, mine.id)).length, 0);
    assert.equal(
      (await browser.post(`${path}/jalons`, { libelle: 'Diagnostic partagé', echeance: '2020-03-01' }))
        .statusCode,
      303,
    );
    expectOk(
      await addMilestone(
        db,
        mine.id,
        { label: 'Stratégie signée', dueOn: '2099-11-30', deliverable: true },
        staff.id,
      ),
    );
    const done = expectOk(
      await addMilestone(db, mine.id, { label: 'Lancement', dueOn: '2020-01-05' }, staff.id),
    );
    await page(browser, path);
    assert.equal(
      (await browser.post(`${path}/jalons/${done.id}/fait`, { fait_le: '2020-01-06' })).statusCode,
      303,
    );
    const milestones = await milestonesOf(db, mine.id);
    assert.deepEqual(
      milestones.map((m) => [m.label, m.doneOn, isLate(m, '2026-06-01')]),
      [
        ['Lancement', '2020-01-06', false],
        ['Diagnostic partagé', null, true],
        ['Stratégie signée', null, false],
      ],
    );
    const summary = await engagementSummaryOf(db, accepted.id);
    assert.deepEqual(summary && [summary.done, summary.total, summary.late, summary.statusLabel], [
      1,
      3,
      1,
      'en cours',
    ]);
    const rows = await engagementRows(db, { callId: call.id });
    assert.deepEqual(
      rows.map((r) => r.engagement.applicationId),
      [accepted.id, other.id],
      'the late one first',
    );
    const listed = pageText(await page(browser, `/gestion/appels/${call.id}/accompagnements`));
    assert.match(listed, /1 sur 3 fait, 1 en retard/);
    assert.match(
      pageText(await page(browser, '/gestion/accompagnements?statut=planned')),
      new RegExp(other.town.name),
    );
    assert.doesNotMatch(
      pageText(await page(browser, '/gestion/accompagnements?statut=planned')),
      new RegExp(accepted.town.name),
    );

    // A milestone changed, undone, then deleted; another engagement's milestone is not found.
    const late = milestones.find((m) => m.label === 'Diagnostic partagé')!;
    expectOk(
      await updateMilestone(
        db,
        mine.id,
        late.id,
        { label: 'Diagnostic', dueOn: '2020-03-02', doneOn: '2020-03-03' },
        staff.id,
      ),
    );
    const elsewhere = (await engagementOfDossier(db, other.id))!;
    const foreign = await markMilestoneDone(db, elsewhere.id, late.id, { doneOn: '2020-03-04' }, staff.id);
    assert.equal(!foreign.ok && foreign.error.status, 404);
    await page(browser, path);
    assert.equal((await browser.post(`${path}/jalons/${late.id}/suppression`, {})).statusCode, 303);
    assert.equal((await milestonesOf(db, mine.id)).length, 2);
  });

  it('accepts a real PDF and refuses a text file renamed .pdf by its content, writing nothing', async () => {
    const mine = (await engagementOfDossier(db, accepted.id))!;
    const path = `/gestion/appels/${call.id}/dossiers/${accepted.id}/accompagnement`;
    await page(browser, path);
    const fake = await browser.postFile(
      `${path}/documents`,
      { titre: 'Faux', capitalisation: 'oui' },
      {
        name: 'rapport.pdf',
        type: 'application/pdf',
        content: Buffer.from('Ceci est un texte, pas un PDF.\n'),
      },
    );
    assert.equal(fake.statusCode, 415);
    assert.match(pageText(fake.body), /Seuls les fichiers PDF et bureautiques/);
    assert.equal((await documentsOf(db, mine.id)).length, 0);

    const sent = await browser.postFile(
      `${path}/documents`,
      { titre: 'Rapport de capitalisation', capitalisation: 'oui' },
      { name: 'rapport final.pdf', type: 'application/pdf', content: pdf },
    );
    assert.equal(sent.statusCode, 303, sent.body);
    const [document] = await documentsOf(db, mine.id);
    assert.equal(document?.mimeType, 'application/pdf');
    assert.equal(document?.capitalisation, true);
    assert.equal(document?.size, pdf.length);
    await page(browser, path);
    assert.equal(
      (await browser.post(`${path}/capitalisation`, { texte: 'Associer les services dès le diagnostic.' }))
        .statusCode,
      303,
    );
    assert.match(pageText(await page(browser, `/gestion/appels/${call.id}/accompagnements`)), /oui/);
  });

  it('shows the town’s élu its engagement and lets them download the document; another town’s élu finds neither', async () => {
    const mine = (await engagementOfDossier(db, accepted.id))!;
    const [document] = await documentsOf(db, mine.id);
    // Instructors' annotations and marks exist on the dossier; they never reach the town's page.
    const elu = await signedInBrowser(t, accepted.elu);
    const url = `/mon-espace/accompagnements/${mine.id}`;
    const read = pageText(await page(elu, url));
    assert.match(read, /Statut\s*en cours/);
    assert.match(read, /Mené par\s*Cabinet Horizons/);
    assert.match(read, /du 5 janvier 2026 au 18 décembre 2026/);
    assert.match(read, /Lancement\s*5 janvier 2020\s*faite le 6 janvier 2020/);
    assert.match(read, /Stratégie signée \(livrable\)/);
    assert.match(read, /Rapport de capitalisation/);
    assert.match(read, /Associer les services dès le diagnostic/);
    assert.doesNotMatch(read, /\/ 5|Score|annotation|Retenu par le comité/i);
    const file = await elu.get(`${url}/documents/${document!.id}`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.match(String(file.headers['content-disposition']), /attachment; filename="rapport%20final\.pdf"/);
    assert.deepEqual(file.rawPayload, pdf);

    const officer = await signedInBrowser(t, await buildOfficer(db, accepted.town.id));
    assert.equal((await officer.get(url)).statusCode, 200);

    const stranger = await signedInBrowser(t, other.elu);
    assert.equal((await stranger.get(url)).statusCode, 404);
    assert.equal((await stranger.get(`${url}/documents/${document!.id}`)).statusCode, 404);
    // Their own engagement's address with this document's id: not theirs either.
    const theirs = (await engagementOfDossier(db, other.id))!;
    assert.equal(
      (await stranger.get(`/mon-espace/accompagnements/${theirs.id}/documents/${document!.id}`)).statusCode,
      404,
    );
    const anonymous = await app.inject({ method: 'GET', url });
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, '/connexion');
    // The town cannot write: staff's forms are refused.
    const forged = await elu.post(
      `/gestion/appels/${call.id}/dossiers/${accepted.id}/accompagnement/statut`,
      {
        statut: 'abandoned',
      },
    );
    assert.equal(forged.statusCode, 403);
  });

  it('exports a call’s engagements, keeps an engagement with documents and deletes it once they are gone', async () => {
    const csv = await browser.get(`/gestion/appels/${call.id}/accompagnements.csv`);
    assert.equal(csv.statusCode, 200);
    const rows = parseCsv(csv.body, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    assert.deepEqual(
      rows
        .sort((a, b) => ((a.Statut ?? '') < (b.Statut ?? '') ? -1 : 1))
        .map((r) => [
          r.Collectivité,
          r.Statut,
          r['Jalons faits'],
          r.Jalons,
          r['Jalons en retard'],
          r.Capitalisation,
        ]),
      [
        [accepted.town.name, 'en cours', '1', '2', '0', 'oui'],
        [other.town.name, 'prévu', '0', '0', '0', 'non'],
      ],
    );
    const xlsx = await browser.get(`/gestion/appels/${call.id}/accompagnements.xlsx`);
    assert.equal(xlsx.statusCode, 200);
    // As Excel reads it: the milestones as numbers, the days as date cells.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const column = (name: string) => headers.indexOf(name) + 1;
    const row = [2, 3]
      .map((n) => sheet.getRow(n))
      .find((r) => r.getCell(column('Collectivité')).value === accepted.town.name);
    assert.ok(row, 'the accepted town’s line');
    assert.equal(row.getCell(column('Jalons')).value, 2);
    assert.ok(row.getCell(column('Début')).value instanceof Date);

    const mine = (await engagementOfDossier(db, accepted.id))!;
    const path = `/gestion/appels/${call.id}/dossiers/${accepted.id}/accompagnement`;
    await page(browser, path);
    const kept = await browser.post(`${path}/suppression`, {});
    assert.equal(kept.statusCode, 409);
    assert.match(pageText(kept.body), /Cet accompagnement a 1 document : supprimez-les d’abord/);
    const [document] = await documentsOf(db, mine.id);
    assert.equal((await browser.post(`${path}/documents/${document!.id}/suppression`, {})).statusCode, 303);
    assert.equal((await browser.post(`${path}/suppression`, {})).statusCode, 303);
    assert.equal(await engagementOfDossier(db, accepted.id), undefined);
    // Created again, as the committee's dossier still is accepted.
    expectOk(await createEngagement(db, accepted.id, engagement, staff.id));
    expectOk(
      await addEngagementDocument(
        db,
        (await engagementOfDossier(db, accepted.id))!.id,
        { title: '' },
        { fileName: 'diagnostic.pdf', content: pdf },
        staff.id,
      ),
    );
  });

  it('writes valid HTML on every page of engagements', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
    const mine = (await engagementOfDossier(db, accepted.id))!;
    expectOk(
      await addMilestone(
        db,
        mine.id,
        { label: 'Diagnostic', dueOn: '2020-03-01', deliverable: true },
        staff.id,
      ),
    );
    const fresh = await dossier(true);
    const staffUrls = [
      '/gestion/accompagnements',
      `/gestion/appels/${call.id}/accompagnements`,
      `/gestion/appels/${call.id}/dossiers/${accepted.id}/accompagnement`,
      `/gestion/appels/${call.id}/dossiers/${fresh.id}/accompagnement`,
    ];
    const problems: string[] = [];
    const check = async (who: Browser, url: string, html?: string) => {
      const report = await validator.validateString(html ?? (await page(who, url)), url);
      problems.push(
        ...report.results.flatMap((r) => r.messages.map((m) => `${url}:${m.line} ${m.ruleId} ${m.message}`)),
      );
    };
    for (const url of staffUrls) await check(browser, url);
    // A page with errors under its forms, too.
    await page(browser, staffUrls[2]!);
    const invalid = await browser.post(`${staffUrls[2]!}/jalons`, { libelle: '', echeance: 'x' });
    assert.equal(invalid.statusCode, 400);
    await check(browser, 'erreurs', invalid.body);
    await check(await signedInBrowser(t, accepted.elu), `/mon-espace/accompagnements/${mine.id}`);
    assert.deepEqual(problems, []);
  });
});
