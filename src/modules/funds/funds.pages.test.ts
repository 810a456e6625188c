// The funds' pages as the public and the contributors see them: the figures equal the API's, a contributor
// that did not agree is never named, the chart and its table, the bank reference for contributors and staff
// only, the referent's choices, the receipts' PDF.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { type HTMLElement, parse } from 'node-html-parser';
import {
  bearer,
  buildInstitution,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
  signedInBrowser,
} from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { formatCents } from '../../platform/money.ts';
import { parisDate } from '../../platform/time.ts';
import { contributorsOf } from './contributions.ts';
import { addReport, publishReport } from './reports.ts';

/** The first day of the month `shift` months from the current one, « 2026-09-01 ». */
function monthStart(shift: number): string {
  const [year, month] = parisDate().split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, month - 1 + shift, 1));
  return date.toISOString().slice(0, 10);
}
const dayOf = (month: string, day: number) => `${month.slice(0, 8)}${String(day).padStart(2, '0')}`;

/** A definition list as label → text (« Collecté » → « 1 500,00 € »). */
function facts(list: HTMLElement | null): Map<string, string> {
  assert.ok(list, 'liste de chiffres absente');
  const terms = list.querySelectorAll('dt').map((dt) => dt.text.trim());
  const values = list.querySelectorAll('dd').map((dd) => dd.text.trim());
  return new Map(terms.map((term, i) => [term, values[i]!]));
}

/** Spaces as pdftotext and Intl write them, all plain. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('the funds’ public and contributors’ pages', async () => {
  const t = await testApp({ after });
  const { app, db } = t;
  const staff = await buildStaff(db);
  const auth = await bearer(db, staff);
  const api = async (url: string, payload?: object) => {
    const response = await app.inject({
      method: payload ? 'POST' : 'GET',
      url,
      headers: auth,
      ...(payload ? { payload } : {}),
    });
    assert.ok(response.statusCode < 300, `${url} : ${response.statusCode} ${response.body}`);
    return response.json();
  };

  // Named: a local government. Not named: an institution with a name found nowhere else, and another town.
  const namedTown = await buildLocalGovernment(db);
  const hidden = await buildInstitution(db, `Fondation Discrète ${Date.now()}`);
  const otherTown = await buildLocalGovernment(db);
  const outsider = await buildLocalGovernment(db);
  const referent = await buildOfficer(db, namedTown.id, true);
  const officer = await buildOfficer(db, namedTown.id);
  const voter = await buildOfficer(db, namedTown.id);
  const hiddenPerson = await buildOfficer(db, hidden.id, true);
  const outsiderReferent = await buildOfficer(db, outsider.id, true);

  const opened = monthStart(-2);
  const fund = (await api('/api/v1/funds', {
    name: `Typhon ${Date.now()}`,
    cause: 'Reconstruction après le typhon',
    countries: ['VN'],
    targetCents: 1_000_000,
    openedOn: dayOf(opened, 10),
    bankReference: 'IBAN FR76 3000 4000 0500 0012 3456 789 — référence TYPHON',
  })) as { id: string };
  const receipt = (organisationId: string, amountCents: number, receivedOn: string) =>
    api(`/api/v1/funds/${fund.id}/receipts`, {
      organisationId,
      amountCents,
      receivedOn,
      reference: `VIR-${amountCents}`,
    }) as Promise<{ id: string; receiptNumber: string }>;
  await api(`/api/v1/funds/${fund.id}/pledges`, {
    organisationId: namedTown.id,
    amountCents: 300_000,
    decisionReference: 'Délibération n° 2026-114',
  });
  const first = await receipt(namedTown.id, 200_000, dayOf(opened, 20));
  await receipt(hidden.id, 150_000, dayOf(monthStart(-1), 5));
  await receipt(otherTown.id, 50_000, dayOf(monthStart(0), 1));
  const { allocationId } = (await api(`/api/v1/funds/${fund.id}/allocations`, {
    beneficiary: 'Mairie de Hué',
    purpose: 'Reconstruire l’école de Phu Vang',
    amountCents: 250_000,
    country: 'VN',
    allocatedOn: dayOf(monthStart(-1), 12),
  })) as { allocationId: string };
  await api(`/api/v1/allocations/${allocationId}/disbursements`, {
    amountCents: 100_000,
    paidOn: dayOf(monthStart(0), 1),
    reference: 'PAIEMENT-1',
  });
  const report = await addReport(
    db,
    fund.id,
    {
      kind: 'progress',
      title: 'Premier point d’étape',
      body: 'Les travaux **commencent**.\n\n<script>alert(1)</script>',
      reportedOn: parisDate(),
    },
    staff.id,
  );
  assert.ok(report.ok);
  await publishReport(db, fund.id, report.value.id, true, staff.id);

  const referentBrowser = await signedInBrowser(t, referent);
  await referentBrowser.get('/mon-espace/fonds');
  const chose = await referentBrowser.post(`/mon-espace/fonds/${fund.id}`, {
    named: 'oui',
    voterId: voter.id,
  });

  const anonymous = () => new Browser(app);
  const page = async (browser: Browser, url = `/fonds/${fund.id}`) => {
    const response = await browser.get(url);
    assert.equal(response.statusCode, 200, response.body);
    return response.body;
  };

  it('lets the referent say the organisation is named and who holds its vote', async () => {
    assert.equal(chose.statusCode, 303, chose.body);
    assert.match(chose.headers.location as string, /^\/mon-espace\/fonds\?info=.*#fonds-/);
    const row = (await contributorsOf(db, fund.id)).find((c) => c.organisation.id === namedTown.id);
    assert.equal(row?.named, true);
    assert.equal(row?.voterId, voter.id);
  });

  it('shows the figures the API gives', async () => {
    const figures = (await api(`/api/v1/funds/${fund.id}`)) as Record<string, number>;
    assert.equal(figures.receivedCents, 400_000);
    const root = parse(await page(anonymous()));
    const shown = facts(root.querySelector('#chiffres'));
    assert.equal(shown.get('Collecté'), formatCents(figures.receivedCents!));
    assert.equal(shown.get('Contributeurs'), String(figures.contributors));
    assert.equal(shown.get('Affecté aux projets'), formatCents(figures.allocatedCents!));
    assert.equal(shown.get('Versé aux projets'), formatCents(figures.disbursedCents!));
    assert.equal(shown.get('Disponible'), formatCents(figures.availableCents!));
    assert.match(plain(shown.get('Objectif')!), /^10 000,00 € — 40 % atteints/);
    assert.equal(root.querySelector('progress')?.getAttribute('value'), '40');
  });

  it('names the contributor that agreed, and never one that did not: it is counted', async () => {
    for (const browser of [
      anonymous(),
      await signedInBrowser(t, outsiderReferent),
      await signedInBrowser(t, staff),
    ]) {
      const body = await page(browser);
      assert.ok(!body.includes(hidden.name), 'une organisation non nommée apparaît');
      assert.ok(!body.includes(otherTown.name), 'une organisation non nommée apparaît');
      const root = parse(body);
      assert.deepEqual(
        root.querySelectorAll('#contributeurs-nommes li').map((li) => li.text),
        [namedTown.name],
      );
      assert.match(plain(body), /et 2 autres contributeurs/);
    }
    const list = await page(anonymous(), '/fonds');
    assert.ok(!list.includes(hidden.name));
  });

  it('draws the months as an SVG whose table ends on the totals, from the opening month to this one', async () => {
    const figures = (await api(`/api/v1/funds/${fund.id}`)) as Record<string, number>;
    const root = parse(await page(anonymous()));
    const svg = root.querySelector('figure svg[role="img"]');
    assert.ok(svg, 'graphique absent');
    const labelledBy = svg.getAttribute('aria-labelledby')!.split(' ');
    assert.ok(
      labelledBy.every((id) => root.getElementById(id)),
      'aria-labelledby vers un id absent',
    );
    assert.match(svg.querySelector('title')!.text, /reçu, affecté et versé/);
    assert.equal(svg.querySelectorAll('path').length, 3);
    const rows = root
      .querySelectorAll('table.fund-months tbody tr')
      .map((tr) => [tr.querySelector('th')!.text, ...tr.querySelectorAll('td').map((td) => td.text)]);
    assert.equal(rows.length, 3, JSON.stringify(rows));
    // Cumulative: the opening month had one receipt; the next, one more and the allocation; this one, the rest.
    assert.deepEqual(rows[0]!.slice(1), [formatCents(200_000), formatCents(0), formatCents(0)]);
    assert.deepEqual(rows[1]!.slice(1), [formatCents(350_000), formatCents(250_000), formatCents(0)]);
    assert.deepEqual(rows.at(-1)!.slice(1), [
      formatCents(figures.receivedCents!),
      formatCents(figures.allocatedCents!),
      formatCents(figures.disbursedCents!),
    ]);
  });

  it('lists the projects and renders the reports’ Markdown with no HTML of their own', async () => {
    const body = await page(anonymous());
    assert.match(body, /Mairie de Hué/);
    assert.match(body, /Reconstruire l’école de Phu Vang/);
    assert.match(body, /En cours de versement/);
    assert.match(body, /Les travaux <strong>commencent<\/strong>/);
    assert.ok(!body.includes('<script>alert'), 'du HTML de rapport passe tel quel');
  });

  it('shows the bank reference to the contributors’ people and staff only', async () => {
    const bank = 'référence TYPHON';
    assert.ok((await page(await signedInBrowser(t, officer))).includes(bank));
    assert.ok((await page(await signedInBrowser(t, hiddenPerson))).includes(bank));
    assert.ok((await page(await signedInBrowser(t, staff))).includes(bank));
    assert.ok(!(await page(anonymous())).includes(bank));
    assert.ok(!(await page(await signedInBrowser(t, outsiderReferent))).includes(bank));
  });

  it('answers 404 for an address that is no fund', async () => {
    assert.equal((await anonymous().get('/fonds/pas-un-fonds')).statusCode, 404);
    assert.equal((await anonymous().get('/fonds/00000000-0000-4000-8000-000000000000')).statusCode, 404);
  });

  it('lists the funds, open ones first, with their figures', async () => {
    const closed = (await api('/api/v1/funds', { name: `Ukraine ${Date.now()}` })) as { id: string };
    await api(`/api/v1/funds/${closed.id}/close`, {});
    const root = parse(await page(anonymous(), '/fonds'));
    const sections = root.querySelectorAll('section h2').map((h) => h.text);
    assert.deepEqual(sections, ['Fonds ouverts', 'Fonds clôturés']);
    const open = root.querySelector('section')!;
    const card = open
      .querySelectorAll('li.card')
      .find((li) => li.querySelector(`a[href="/fonds/${fund.id}"]`));
    assert.ok(card);
    const shown = facts(card.querySelector('dl'));
    assert.equal(shown.get('Collecté'), formatCents(400_000));
    assert.equal(shown.get('Contributeurs'), '3');
    assert.equal(shown.get('Disponible'), formatCents(400_000 - 100_000 - 150_000));
    assert.equal(shown.get('Pays'), 'Viêt Nam');
  });

  it('shows a closed fund’s date and final report before its figures', async () => {
    const closing = (await api('/api/v1/funds', { name: `Séisme ${Date.now()}` })) as { id: string };
    await api(`/api/v1/funds/${closing.id}/receipts`, {
      organisationId: namedTown.id,
      amountCents: 80_000,
      receivedOn: parisDate(),
      reference: 'VIR-S',
    });
    await api(`/api/v1/funds/${closing.id}/close`, {
      finalAllocation: {
        beneficiary: 'Croix-Rouge',
        purpose: 'Abris',
        paidOn: parisDate(),
        reference: 'SOLDE',
      },
    });
    const body = await page(anonymous(), `/fonds/${closing.id}`);
    const closedAt = body.indexOf('Clôturé le');
    const final = body.indexOf('Rapport final');
    const figures = body.indexOf('Les comptes du fonds');
    assert.ok(closedAt > 0 && closedAt < final && final < figures, `${closedAt} ${final} ${figures}`);
    assert.match(plain(body), /Grâce aux contributions/);
  });

  it('refuses the choices to a non-referent and to another organisation’s referent, and a voter of elsewhere', async () => {
    const before = (await contributorsOf(db, fund.id)).find((c) => c.organisation.id === namedTown.id);
    const officerBrowser = await signedInBrowser(t, officer);
    await officerBrowser.get('/mon-espace/fonds');
    const byOfficer = await officerBrowser.post(`/mon-espace/fonds/${fund.id}`, {
      named: 'non',
      voterId: '',
    });
    assert.equal(byOfficer.statusCode, 403);
    const outsiderBrowser = await signedInBrowser(t, outsiderReferent);
    await outsiderBrowser.get('/mon-espace/fonds');
    const byOutsider = await outsiderBrowser.post(`/mon-espace/fonds/${fund.id}`, {
      named: 'non',
      voterId: '',
    });
    assert.equal(byOutsider.statusCode, 403);
    const wrongVoter = await referentBrowser.post(`/mon-espace/fonds/${fund.id}`, {
      named: 'non',
      voterId: hiddenPerson.id,
    });
    assert.equal(wrongVoter.statusCode, 422);
    assert.match(wrongVoter.body, /La personne qui vote doit être de l’organisation contributrice/);
    const noAnswer = await referentBrowser.post(`/mon-espace/fonds/${fund.id}`, { voterId: '' });
    assert.equal(noAnswer.statusCode, 400);
    const after = (await contributorsOf(db, fund.id)).find((c) => c.organisation.id === namedTown.id);
    assert.deepEqual(after, before);
  });

  it('shows the organisation what it promised and gave, with its receipts, and the form to its referent only', async () => {
    const mine = parse(await page(await signedInBrowser(t, officer), '/mon-espace/fonds'));
    const section = mine.getElementById(`fonds-${fund.id}`);
    assert.ok(section);
    const shown = facts(section.querySelector('dl'));
    assert.equal(shown.get('Promis'), formatCents(300_000));
    assert.equal(shown.get('Versé'), formatCents(200_000));
    assert.equal(shown.get('Reste à verser'), formatCents(100_000));
    assert.match(section.text, /Délibération n° 2026-114/);
    assert.ok(section.querySelector(`a[href="/fonds/recus/${first.id}.pdf"]`));
    assert.equal(section.querySelector('form'), null);
    assert.match(section.text, new RegExp(`voix au comité : ${voter.firstName} ${voter.lastName}`));
    const asReferent = parse(await page(referentBrowser, '/mon-espace/fonds'));
    assert.ok(asReferent.querySelector(`form[action="/mon-espace/fonds/${fund.id}"]`));
    const outsiderPage = await page(await signedInBrowser(t, outsiderReferent), '/mon-espace/fonds');
    assert.match(outsiderPage, /ne contribue à aucun fonds/);
  });

  it('lists the organisation’s funds on « Mon espace » for its people, not for others', async () => {
    const space = await page(await signedInBrowser(t, officer), '/mon-espace');
    assert.ok(space.includes(`href="/fonds/${fund.id}"`));
    assert.ok(space.includes('href="/mon-espace/fonds"'));
    const elsewhere = await page(await signedInBrowser(t, outsiderReferent), '/mon-espace');
    assert.ok(!elsewhere.includes(`href="/fonds/${fund.id}"`));
  });

  it('gives the receipt’s PDF to its organisation’s people and staff, to nobody else', async () => {
    const url = `/fonds/recus/${first.id}.pdf`;
    for (const person of [officer, referent, staff]) {
      const response = await (await signedInBrowser(t, person)).get(url);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'application/pdf');
      assert.ok(response.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')));
      assert.match(
        String(response.headers['content-disposition']),
        new RegExp(`recu-${first.receiptNumber}\\.pdf`),
      );
    }
    for (const person of [hiddenPerson, outsiderReferent]) {
      const refused = await (await signedInBrowser(t, person)).get(url);
      assert.equal(refused.statusCode, 403);
      assert.ok(!refused.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')));
    }
    const visitor = await anonymous().get(url);
    assert.equal(visitor.statusCode, 303);
    assert.equal(visitor.headers.location, '/connexion');
    const unknown = await (await signedInBrowser(t, staff)).get(
      '/fonds/recus/00000000-0000-4000-8000-000000000000.pdf',
    );
    assert.equal(unknown.statusCode, 404);
  });

  it('writes valid HTML on every page, for a visitor, a contributor and its referent', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
    const pages: [Browser, string][] = [
      [anonymous(), '/fonds'],
      [anonymous(), `/fonds/${fund.id}`],
      [await signedInBrowser(t, officer), `/fonds/${fund.id}`],
      [await signedInBrowser(t, officer), '/mon-espace/fonds'],
      [referentBrowser, '/mon-espace/fonds'],
    ];
    const problems: string[] = [];
    for (const [browser, url] of pages) {
      const report = await validator.validateString(await page(browser, url), url);
      problems.push(
        ...report.results.flatMap((r) => r.messages.map((m) => `${url}:${m.line} ${m.ruleId} ${m.message}`)),
      );
    }
    assert.deepEqual(problems, []);
  });
});
