// The instructors' pages of a call, as staff use them: a call opened and changed from its form (French
// errors, values kept), the tabs « à suivre » / « suivis par moi », marks that follow the dossier, the
// comparison by score, the committee refused beyond the envelope and, within it, a decision previewed then
// mailed once; the export read by a CSV parser; valid HTML on every page.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { HtmlValidate } from 'html-validate';
import { parse } from 'node-html-parser';
import { buildElected, buildLocalGovernment, buildStaff, signedInBrowser } from '../../../tests/factories.ts';
import { type Browser, pageText, testApp } from '../../../tests/helpers.ts';
import { expectOk } from '../../../tests/proof/world.ts';
import { mails } from '../../platform/db/platform.schema.ts';
import { getApplication, listApplications } from '../applications/applications.ts';
import { getPerson } from '../organisations/people.ts';
import { callsPipeline } from './calls.pipeline.ts';
import { type Call, criteriaOf, listCalls } from './calls.ts';
import { createDossier, submitDossier } from './dossiers.ts';
import { currentForm } from './forms.ts';
import { scoreApplication } from './scores.ts';

const answers = { q1: 'Jumelée avec Kayes', q2: 'Stratégie internationale', q4: 'Une stratégie signée' };

describe('the instructors’ pages of a call', async () => {
  const t = await testApp({ after });
  const { db } = t;
  const staff = await buildStaff(db);
  const colleague = await buildStaff(db);
  const browser = await signedInBrowser(t, staff);
  let call: Call;

  const form = {
    numero: '77',
    titre: '77ᵉ appel DCOL',
    description: 'Accompagner l’action internationale des collectivités adhérentes.',
    types: 'Stratégie internationale\nClimat',
    ouverture: '2026-01-05T09:00',
    cloture: '2099-07-15T18:00',
    enveloppe: '20 000',
    accompagnements: '2',
    criteres: 'Pertinence ; 3\nFaisabilité ; 1',
    questions: '',
    comite: 'Élus du bureau exécutif, MEAE/DCTCIV, AFD',
  };

  /** A member town's dossier, submitted by its élu, asking for this cost. */
  async function submitted(cents: number) {
    const town = await buildLocalGovernment(db, { member: true });
    const elu = await buildElected(db, town.id);
    const draft = expectOk(
      await createDossier(db, elu, call.id, { organisationId: town.id, answers, requestedCents: cents }),
    );
    expectOk(await submitDossier(db, draft.id, elu.id));
    return { town, elu, id: draft.id };
  }

  async function page(who: Browser, url: string) {
    const response = await who.get(url);
    assert.equal(response.statusCode, 200, `${url} : ${response.statusCode}`);
    return response.body;
  }

  it('opens a call from its form, and says in French what cannot be read, keeping what was typed', async () => {
    await page(browser, '/gestion/appels/nouveau');
    const refused = await browser.post('/gestion/appels/nouveau', {
      ...form,
      enveloppe: 'vingt mille',
      criteres: 'Pertinence',
    });
    assert.equal(refused.statusCode, 400);
    const said = pageText(refused.body);
    assert.match(said, /Montant attendu en euros/);
    assert.match(said, /« libellé ; poids »/);
    assert.match(refused.body, /value="77ᵉ appel DCOL"/);
    assert.equal((await listCalls(db)).filter((c) => c.number === 77).length, 0);

    const created = await browser.post('/gestion/appels/nouveau', form);
    assert.equal(created.statusCode, 303, created.body);
    call = (await listCalls(db)).find((c) => c.number === 77)!;
    assert.equal(call.envelopeCents, 2_000_000);
    assert.equal(call.opensAt.toISOString(), '2026-01-05T08:00:00.000Z', 'typed at Paris time (winter)');
    assert.deepEqual(
      (await criteriaOf(db, call.id)).map((c) => [c.label, c.weight]),
      [
        ['Pertinence', 3],
        ['Faisabilité', 1],
      ],
    );
    assert.equal((await currentForm(db, call.id))?.questions.length, 5, 'the network’s usual questions');
    assert.match(pageText(await page(browser, '/gestion/appels')), /77ᵉ appel — 77ᵉ appel DCOL/);
  });

  it('shows the dossiers to follow, then those I follow once I mark them, and compares them by score', async () => {
    const first = await submitted(1_500_000);
    const second = await submitted(1_500_000);
    const url = `/gestion/appels/${call.id}`;
    const toFollow = pageText(await page(browser, url));
    assert.match(toFollow, /À suivre \(2\)/);
    assert.match(toFollow, new RegExp(first.town.name));

    const grid = await criteriaOf(db, call.id);
    const dossierUrl = `${url}/dossiers/${first.id}`;
    await page(browser, dossierUrl);
    // A mark out of range: refused in French, nothing recorded, the dossier still « déposé ».
    const bad = await browser.post(`${dossierUrl}/notes`, {
      [`note_${grid[0]!.id}`]: '7',
      [`note_${grid[1]!.id}`]: '3',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(pageText(bad.body), /Notez « Pertinence » de 0 à 5/);
    assert.equal((await getApplication(db, callsPipeline, first.id))?.status, 'submitted');

    const marked = await browser.post(`${dossierUrl}/notes`, {
      [`note_${grid[0]!.id}`]: '5',
      [`note_${grid[1]!.id}`]: '1',
    });
    assert.equal(marked.statusCode, 303, marked.body);
    assert.equal((await getApplication(db, callsPipeline, first.id))?.status, 'in_review');
    // (5×3 + 1×1) ÷ 4 = 4
    assert.match(pageText(await page(browser, dossierUrl)), /Score pondéré\s*4 \/ 5/);
    const mine = pageText(await page(browser, `${url}?onglet=suivis`));
    assert.match(mine, /Suivis par moi \(1\)/);
    assert.match(mine, new RegExp(first.town.name));
    assert.doesNotMatch(mine, new RegExp(second.town.name));
    // Another instructor's tab « suivis par moi » is empty; « à suivre » keeps the one nobody follows.
    const theirs = await signedInBrowser(t, colleague);
    assert.match(pageText(await page(theirs, `${url}?onglet=suivis`)), /Suivis par moi \(0\)/);
    assert.match(pageText(await page(theirs, url)), /À suivre \(1\)/);

    await page(theirs, `${url}/dossiers/${second.id}`);
    expectOk(
      await scoreApplication(db, second.id, { scores: { [grid[0]!.id]: 3, [grid[1]!.id]: 3 } }, colleague.id),
    );
    const compared = parse(await page(browser, `${url}?onglet=tous&tri=score`));
    const order = compared.querySelectorAll('tbody th').map((th) => th.text.trim().split(' — ')[0]);
    assert.deepEqual(order, [first.town.name, second.town.name], 'best score first');

    // The comparison saved under a name: mine alone, deleted when I wish; a query that is not the list's, refused.
    const saved = await browser.post(`${url}/recherches`, {
      name: 'Comparatif',
      query: 'onglet=tous&tri=score',
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location?.split('?')[1]?.split('&info')[0], 'onglet=tous&tri=score');
    const listed = parse(await page(browser, url));
    const link = listed
      .querySelectorAll('#recherches ~ ul a, section a')
      .find((a) => a.text === 'Comparatif');
    assert.equal(link?.getAttribute('href'), `${url}?onglet=tous&tri=score`);
    assert.doesNotMatch(await page(theirs, url), /Comparatif/, 'another instructor’s searches are not shown');
    const junk = await browser.post(`${url}/recherches`, { name: 'Bizarre', query: 'onglet=nulle-part' });
    assert.equal(junk.statusCode, 400);
    assert.match(pageText(junk.body), /Cette recherche ne se lit pas/);
    const form = listed.querySelector('form[action*="/recherches/"]');
    assert.equal((await browser.post(form!.getAttribute('action')!, {})).statusCode, 303);
    assert.doesNotMatch(await page(browser, url), />Comparatif</);

    // Follow and unfollow from the dossier's page.
    await page(browser, `${url}/dossiers/${second.id}`);
    assert.equal(
      (await browser.post(`${url}/dossiers/${second.id}/suivi`, { suivre: 'oui' })).statusCode,
      303,
    );
    assert.match(pageText(await page(browser, `${url}?onglet=suivis`)), /Suivis par moi \(2\)/);
    assert.equal(
      (await browser.post(`${url}/dossiers/${second.id}/suivi`, { suivre: 'non' })).statusCode,
      303,
    );
    assert.match(pageText(await page(browser, `${url}?onglet=suivis`)), /Suivis par moi \(1\)/);
  });

  it('refuses the committee beyond the envelope before anything is sent, then decides within it, mailed once', async () => {
    const url = `/gestion/appels/${call.id}/comite`;
    const screen = parse(await page(browser, url));
    assert.match(pageText(screen.toString()), /ComitéÉlus du bureau exécutif, MEAE\/DCTCIV, AFD/);
    const boxes = screen.querySelectorAll('input[type=checkbox]').map((i) => i.getAttribute('name')!);
    assert.equal(boxes.length, 2);
    assert.match(pageText(screen.toString()), /au-delà de l’enveloppe/);

    const both = Object.fromEntries(boxes.map((b) => [b, 'oui']));
    const mailsBefore = (await db.select().from(mails)).length;
    const over = await browser.post(url, {
      ...both,
      decision: 'accepted',
      motivation: 'Retenu.',
      etape: 'apercu',
    });
    assert.equal(over.statusCode, 422);
    assert.match(
      pageText(over.body),
      /l’enveloppe de l’appel \(20 000,00 €\) serait dépassée de 10 000,00 €/,
    );
    assert.doesNotMatch(over.body, /name="etape" value="confirmer"/, 'nothing to confirm');
    // Even a confirmation sent straight away is refused under the lock.
    const forced = await browser.post(url, {
      ...both,
      decision: 'accepted',
      motivation: 'Retenu.',
      etape: 'confirmer',
    });
    assert.equal(forced.statusCode, 422);
    assert.equal((await db.select().from(mails)).length, mailsBefore);

    const one = {
      [boxes[0]!]: 'oui',
      decision: 'accepted',
      motivation: 'Projet solide, partenaires engagés.',
    };
    const preview = await browser.post(url, { ...one, etape: 'apercu' });
    assert.equal(preview.statusCode, 200, preview.body);
    const previewed = pageText(preview.body);
    assert.match(previewed, /1 personne recevra le courriel ci-dessous, une seule fois/);
    assert.match(previewed, /Votre dossier au 77ᵉ appel du réseau/);
    assert.match(previewed, /Projet solide, partenaires engagés/);
    assert.equal((await db.select().from(mails)).length, mailsBefore, 'a preview sends nothing');

    const confirmed = await browser.post(url, { ...one, etape: 'confirmer' });
    assert.equal(confirmed.statusCode, 303, confirmed.body);
    const again = await browser.post(url, { ...one, etape: 'confirmer' });
    assert.equal(again.statusCode, 303);
    const id = boxes[0]!.slice('choix_'.length);
    const dossier = await getApplication(db, callsPipeline, id);
    assert.equal(dossier?.status, 'accepted');
    const carrier = await getPerson(db, dossier!.personId);
    const sent = await db.select().from(mails).where(eq(mails.to, carrier!.email));
    assert.equal(
      sent.filter((m) => m.subject === 'Votre dossier au 77ᵉ appel du réseau').length,
      1,
      'mailed once',
    );
  });

  it('writes to the town once per form, mailed to its carrier; keeps annotations to the instructors', async () => {
    const [dossier] = await listApplications(db, callsPipeline, call.id);
    const url = `/gestion/appels/${call.id}/dossiers/${dossier!.id}`;
    const shown = parse(await page(browser, url));
    const key = shown.querySelector('form[action$="/messages"] input[name=key]')?.getAttribute('value');
    assert.ok(key);
    const carrier = (await getPerson(db, dossier!.personId))!;
    const subject = 'Un message sur votre dossier au 77ᵉ appel du réseau';
    const toCarrier = async () =>
      (await db.select().from(mails).where(eq(mails.to, carrier.email))).filter((m) => m.subject === subject);
    const empty = await browser.post(`${url}/messages`, { body: '  ', key: key! });
    assert.equal(empty.statusCode, 400);
    assert.match(pageText(empty.body), /Écrivez un texte/);
    const message = { body: 'Pouvez-vous préciser le calendrier de la mission à Kayes ?', key: key! };
    assert.equal((await browser.post(`${url}/messages`, message)).statusCode, 303);
    assert.equal((await browser.post(`${url}/messages`, message)).statusCode, 303, 'a double click');
    const sent = await toCarrier();
    assert.equal(sent.length, 1, 'written and mailed once');
    assert.match(sent[0]!.text, /Pouvez-vous préciser le calendrier de la mission à Kayes \?/);
    assert.match(sent[0]!.text, new RegExp(`/mon-espace/dossiers/${dossier!.id}`));

    const note = 'Annotation privée : le partenaire malien reste à confirmer.';
    assert.equal((await browser.post(`${url}/annotations`, { body: note })).statusCode, 303);
    const after = pageText(await page(browser, url));
    assert.match(after, /Annotation privée : le partenaire malien reste à confirmer/);
    assert.equal(after.match(/Pouvez-vous préciser le calendrier/g)?.length, 1);
    for (const mail of await db.select().from(mails)) assert.ok(!mail.text.includes(note), 'never mailed');

    // The town reads the message, never the annotation, and answers on the thread: its instructors are mailed.
    const town = await signedInBrowser(t, carrier);
    const own = pageText(await page(town, `/mon-espace/dossiers/${dossier!.id}`));
    assert.match(own, /Pouvez-vous préciser le calendrier de la mission à Kayes \?/);
    assert.doesNotMatch(own, /partenaire malien reste à confirmer/);
    const reply = await town.post(`/mon-espace/dossiers/${dossier!.id}/messages`, {
      body: 'La mission est prévue en janvier 2027.',
      key: parse(town.lastBody)
        .querySelector('form[action$="/messages"] input[name=key]')!
        .getAttribute('value')!,
    });
    assert.equal(reply.statusCode, 303, reply.body);
    const toStaff = (await db.select().from(mails).where(eq(mails.to, staff.email))).filter((m) =>
      m.subject.startsWith('Un message de'),
    );
    assert.equal(toStaff.length, 1, 'the instructor who follows it is mailed');
    assert.match(toStaff[0]!.text, /La mission est prévue en janvier 2027/);
    assert.match(pageText(await page(browser, url)), /La mission est prévue en janvier 2027/);

    // An annotation is deleted by its author alone: a colleague's request is not found and changes nothing.
    const noteId = parse(await page(browser, url))
      .querySelector('form[action$="/annotations/suppression"] input[name=note]')
      ?.getAttribute('value');
    assert.ok(noteId, 'the author is offered to delete it');
    const theirs = await signedInBrowser(t, colleague);
    assert.equal(
      parse(await page(theirs, url)).querySelector('form[action$="/annotations/suppression"]'),
      null,
      'a colleague is not',
    );
    const refused = await theirs.post(`${url}/annotations/suppression`, { note: noteId! });
    assert.equal(refused.statusCode, 404);
    assert.match(pageText(refused.body), /seul son auteur la supprime/);
    assert.match(pageText(await page(browser, url)), /le partenaire malien reste à confirmer/);
    assert.equal((await browser.post(`${url}/annotations/suppression`, { note: noteId! })).statusCode, 303);
    const gone = pageText(await page(browser, url));
    assert.doesNotMatch(gone, /le partenaire malien reste à confirmer/);
    assert.match(gone, /Aucune annotation/);
  });

  it('exports the dossiers as a French CSV, and cannot delete a call with dossiers', async () => {
    const csv = await browser.get(`/gestion/appels/${call.id}/dossiers.csv`);
    assert.equal(csv.statusCode, 200);
    const rows = parseCsv(csv.body, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 2);
    assert.deepEqual(
      rows.map((r) => r['Coût demandé en euros']),
      ['15000', '15000'],
    );
    assert.ok(
      rows.some((r) => r.Statut === 'Retenu' && r.Motivation === 'Projet solide, partenaires engagés.'),
    );

    // The same list as Excel reads it: costs as numbers, submission as a date cell.
    const xlsx = await browser.get(`/gestion/appels/${call.id}/dossiers.xlsx`);
    assert.equal(xlsx.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const column = (name: string) => headers.indexOf(name) + 1;
    assert.equal(sheet.rowCount, 3);
    assert.equal(sheet.getRow(2).getCell(column('Coût demandé en euros')).value, 15000);
    assert.ok(sheet.getRow(2).getCell(column('Déposé le')).value instanceof Date);

    await page(browser, `/gestion/appels/${call.id}/modifier`);
    const kept = await browser.post(`/gestion/appels/${call.id}/suppression`, {});
    assert.equal(kept.statusCode, 409);
    assert.match(pageText(kept.body), /Cet appel a 2 dossiers : il ne se supprime pas/);
  });

  it('changes a call from its form: the grid is locked once marked, said in French', async () => {
    await page(browser, `/gestion/appels/${call.id}/modifier`);
    const locked = await browser.post(`/gestion/appels/${call.id}/modifier`, {
      ...form,
      criteres: 'Pertinence ; 2',
    });
    assert.equal(locked.statusCode, 422);
    assert.match(pageText(locked.body), /Des dossiers sont déjà notés sur cette grille/);
    const renamed = await browser.post(`/gestion/appels/${call.id}/modifier`, {
      ...form,
      titre: 'Appel DCOL, titre corrigé',
    });
    assert.equal(renamed.statusCode, 303, renamed.body);
  });

  it('writes valid HTML on every instructor’s page', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
    const dossiers = await listApplications(db, callsPipeline, call.id);
    const urls = [
      '/gestion/appels',
      '/gestion/appels/nouveau',
      `/gestion/appels/${call.id}`,
      `/gestion/appels/${call.id}?onglet=tous&tri=score`,
      `/gestion/appels/${call.id}/modifier`,
      `/gestion/appels/${call.id}/comite`,
      ...dossiers.map((d) => `/gestion/appels/${call.id}/dossiers/${d.id}`),
    ];
    const problems: string[] = [];
    for (const url of urls) {
      const report = await validator.validateString(await page(browser, url), url);
      problems.push(
        ...report.results.flatMap((r) => r.messages.map((m) => `${url}:${m.line} ${m.ruleId} ${m.message}`)),
      );
    }
    assert.deepEqual(problems, []);
  });
});
