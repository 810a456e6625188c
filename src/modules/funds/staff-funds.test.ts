// The funds' staff pages driven as a browser would: a fund opened, edited and deleted through its forms; pledges
// and receipts typed in euros, a form sent twice recorded once; the ledger with its reversals; the accounting
// export read back by independent readers (csv-parse, read-excel-file), its debits equal to its credits; the
// closure refused with the figures, then made with a final allocation of the rest. Every refusal is in
// French, with a 4xx, and records nothing; only staff get in.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { HtmlValidate } from 'html-validate';
import { DomUtils, parseDocument } from 'htmlparser2';
import { readSheet } from 'read-excel-file/node';
import { buildLocalGovernment, buildOfficer, buildStaff, signedInBrowser } from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import { parisYear } from '../../platform/time.ts';
import { recordReceipt } from './contributions.ts';
import { createFund, getFund } from './funds.ts';
import { balancesOf } from './ledger.ts';
import { allocate, disburse } from './projects.ts';

const unique = () => Math.random().toString(36).slice(2, 8);

/** The page's text content, read by an HTML parser (not by regular expressions on the markup). */
const textOf = (html: string) => DomUtils.textContent(parseDocument(html)).replace(/\s+/g, ' ');
/** Each table row's cells' texts, joined by « | ». */
const rowsOf = (html: string) =>
  DomUtils.findAll((e) => e.name === 'tr', parseDocument(html).children).map((tr) =>
    DomUtils.findAll((e) => e.name === 'td' || e.name === 'th', tr.children)
      .map((cell) => DomUtils.textContent(cell).replace(/\s+/g, ' ').trim())
      .join(' | '),
  );
/** The hidden idempotency key of the form posting to `action`. */
const keyOf = (html: string, action: string) => {
  const form = DomUtils.findOne(
    (e) => e.name === 'form' && e.attribs.action === action,
    parseDocument(html).children,
  );
  assert.ok(form, `a form posting to ${action}`);
  const input = DomUtils.findOne((e) => e.name === 'input' && e.attribs.name === 'idempotencyKey', [form]);
  return input!.attribs.value!;
};
const formsTo = (html: string, action: string) =>
  DomUtils.findAll((e) => e.name === 'form' && e.attribs.action === action, parseDocument(html).children)
    .length;
/** « 1 234,56 » of the CSV as cents. */
const csvCents = (cell: string) => Math.round(Number(cell.replace(',', '.')) * 100);
/** French amounts as the page writes them (narrow no-break spaces), with plain spaces. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

describe('funds: staff pages', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const browser = await signedInBrowser({ app, db }, staff);
  const angers = await buildLocalGovernment(db, { name: 'Saint-' });
  const nancy = await buildLocalGovernment(db, { name: 'Saint-' });
  const count = async (table: string, where = sql`true`) =>
    (
      await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`)
    )[0]!.n;
  const groupsOf = (fundId: string, kind?: string) =>
    count(
      'fund_ledger_groups',
      kind ? sql`fund_id = ${fundId} and kind = ${kind}` : sql`fund_id = ${fundId}`,
    );
  const newFund = async (name = `Fonds ${unique()}`) => {
    const created = await createFund(db, { name, countries: ['UA'] }, staff.id);
    assert.ok(created.ok);
    return created.value;
  };
  const receive = async (fundId: string, organisationId: string, amountCents: number) => {
    const received = await db.transaction((tx) =>
      recordReceipt(
        tx,
        fundId,
        { organisationId, amountCents, receivedOn: '2026-11-02', reference: `VIR-${unique()}` },
        staff.id,
      ),
    );
    assert.ok(received.ok);
    return received.value.receipt;
  };

  it('opens a fund through its form, refuses mistakes in French, edits it, then deletes it after a confirmation', async () => {
    const page = await browser.get('/gestion/fonds/nouveau');
    assert.equal(page.statusCode, 200);
    const before = await count('funds');
    const name = `Fonds Turquie ${unique()}`;
    const wrong = await browser.post('/gestion/fonds/nouveau', {
      name: '',
      countries: 'TR, XK9, SY',
      target: '12,345',
      quorumPercent: '150',
    });
    assert.equal(wrong.statusCode, 400);
    const wrongText = plain(textOf(wrong.body));
    assert.match(wrongText, /Ce champ est obligatoire/);
    assert.match(wrongText, /XK9 : Code de pays ISO 3166-1 attendu/);
    assert.match(wrongText, /Montant attendu en euros, par exemple 1 500 ou 1 500,50/);
    assert.match(wrongText, /Quorum attendu en pour cent, de 1 à 100/);
    assert.equal(await count('funds'), before, 'nothing written');

    const created = await browser.post('/gestion/fonds/nouveau', {
      name,
      cause: 'Séisme du 6 février 2023',
      countries: 'tr, SY',
      openedOn: '2023-02-10',
      target: '150 000,50',
      description: 'Villes résilientes et renforcement de la société civile.',
      bankReference: 'FR76 3000 6000 0112 3456 7890 189',
      quorumPercent: '60',
    });
    assert.equal(created.statusCode, 303, created.body.slice(0, 300));
    const id = /^\/gestion\/fonds\/([0-9a-f-]{36})\?info=funds\.fund_created$/.exec(
      created.headers.location as string,
    )?.[1];
    assert.ok(id, String(created.headers.location));
    const fund = await getFund(db, id);
    assert.deepEqual(
      {
        countries: fund?.countries,
        openedOn: fund?.openedOn,
        targetCents: fund?.targetCents,
        quorumPercent: fund?.quorumPercent,
      },
      { countries: ['TR', 'SY'], openedOn: '2023-02-10', targetCents: 15_000_050, quorumPercent: 60 },
    );

    const edit = await browser.get(`/gestion/fonds/${id}/modifier`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /value="TR, SY"/);
    const saved = await browser.post(`/gestion/fonds/${id}/modifier`, {
      name: `${name} (bis)`,
      countries: 'TR',
      openedOn: '2023-02-10',
      target: '',
      quorumPercent: '',
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/gestion/fonds/${id}?info=funds.fund_saved`);
    const edited = await getFund(db, id);
    assert.equal(edited?.name, `${name} (bis)`);
    assert.equal(edited?.targetCents, null);
    assert.equal(edited?.quorumPercent, 50, 'an empty quorum is the default half');

    const list = await browser.get(`/gestion/fonds?q=${encodeURIComponent('turquie')}`);
    assert.ok(rowsOf(list.body).some((r) => r.startsWith(`${name} (bis)`)));
    const closedOnly = await browser.get(`/gestion/fonds?status=closed&q=${encodeURIComponent(name)}`);
    assert.match(textOf(closedOnly.body), /Aucun fonds ne correspond/);

    const confirm = await browser.get(`/gestion/fonds/${id}/supprimer`);
    assert.equal(confirm.statusCode, 200);
    assert.match(textOf(confirm.body), /La suppression efface, sans retour/);
    const deleted = await browser.post(`/gestion/fonds/${id}/supprimer`, {});
    assert.equal(deleted.statusCode, 303);
    assert.equal(deleted.headers.location, '/gestion/fonds?info=funds.fund_deleted');
    assert.equal(await getFund(db, id), undefined);
  });

  it('refuses to delete a fund that has a movement, saying why', async () => {
    const fund = await newFund();
    await receive(fund.id, angers.id, 10_000);
    const confirm = await browser.get(`/gestion/fonds/${fund.id}/supprimer`);
    assert.match(textOf(confirm.body), /a 1 mouvement\(s\) au grand livre : il ne peut plus être supprimé/);
    assert.equal(formsTo(confirm.body, `/gestion/fonds/${fund.id}/supprimer`), 0, 'no button to delete');
    const refused = await browser.post(`/gestion/fonds/${fund.id}/supprimer`, {});
    assert.equal(refused.statusCode, 409);
    assert.match(textOf(refused.body), /Ce fonds a déjà des mouvements/);
    assert.ok(await getFund(db, fund.id));
  });

  it('records a pledge and a receipt through the forms; the same form sent twice records once', async () => {
    const fund = await newFund();
    const account = `/gestion/fonds/${fund.id}`;
    const page = await browser.get(account);
    assert.equal(page.statusCode, 200);
    const pledgeKey = keyOf(page.body, `${account}/promesses`);
    const receiptKey = keyOf(page.body, `${account}/versements`);
    assert.notEqual(pledgeKey, receiptKey);

    const pledge = {
      organisationId: angers.id,
      amount: '10 000',
      decisionReference: 'Délibération n° 2026-114',
      decidedOn: '2026-10-15',
      idempotencyKey: pledgeKey,
    };
    const first = await browser.post(`${account}/promesses`, pledge);
    assert.equal(first.statusCode, 303, textOf(first.body).slice(0, 400));
    assert.equal(first.headers.location, `${account}?info=funds.pledge_recorded#contributeurs`);
    const again = await browser.post(`${account}/promesses`, pledge);
    assert.equal(again.headers.location, `${account}?info=funds-staff.pledge_already#contributeurs`);
    assert.equal(await groupsOf(fund.id, 'pledge'), 1);

    const receipt = {
      organisationId: angers.id,
      amount: '4 000,50',
      receivedOn: '2026-11-03',
      reference: 'VIR-ANGERS-1',
      idempotencyKey: receiptKey,
    };
    const paid = await browser.post(`${account}/versements`, receipt);
    assert.equal(paid.headers.location, `${account}?info=funds.receipt_recorded#contributeurs`);
    const paidAgain = await browser.post(`${account}/versements`, receipt);
    assert.equal(paidAgain.headers.location, `${account}?info=funds.receipt_already#contributeurs`);
    assert.equal(await groupsOf(fund.id, 'receipt'), 1);
    const shown = await browser.get(paidAgain.headers.location as string);
    assert.match(textOf(shown.body), /Ce versement était déjà enregistré : rien n’a été compté deux fois/);

    const balances = await balancesOf(db, fund.id);
    assert.equal(balances.pledgedCents, 1_000_000);
    assert.equal(balances.receivedCents, 400_050);
    const [row] = await queryRows<{ group_id: string; number: number }>(
      db,
      sql`select r.group_id, r.number from fund_receipts r join fund_ledger_groups g on g.id = r.group_id
        where g.fund_id = ${fund.id}`,
    );
    const number = `${parisYear()}-${String(row!.number).padStart(4, '0')}`;
    const contributors = rowsOf(shown.body).find((r) => r.startsWith(angers.name));
    assert.equal(
      plain(contributors ?? ''),
      `${angers.name} | 10 000,00 € | 4 000,50 € | 5 999,50 € | Non | Reçu n° ${number} (PDF) : 4 000,50 € le 3 novembre 2026`,
    );
    assert.match(shown.body, new RegExp(`href="/fonds/recus/${row!.group_id}\\.pdf"`));
    assert.match(
      plain(textOf(shown.body)),
      /Reçu ?4 000,50 € — Les versements arrivés sur le compte du fonds/,
    );
  });

  it('refuses a money form with mistakes in French, shows every one, keeps its key and records nothing', async () => {
    const fund = await newFund();
    const account = `/gestion/fonds/${fund.id}`;
    const key = keyOf((await browser.get(account)).body, `${account}/versements`);
    const refused = await browser.post(`${account}/versements`, {
      organisationId: angers.id,
      amount: 'mille euros',
      receivedOn: '',
      reference: '',
      idempotencyKey: key,
    });
    assert.equal(refused.statusCode, 400);
    const text = plain(textOf(refused.body));
    assert.match(text, /Montant attendu en euros, par exemple 1 500 ou 1 500,50/);
    assert.match(text, /Date attendue au format AAAA-MM-JJ/);
    assert.match(text, /Ce champ est obligatoire/);
    assert.equal(keyOf(refused.body, `${account}/versements`), key, 'the refused form keeps its key');
    assert.match(refused.body, /value="mille euros"/);

    const unknown = await browser.post(`${account}/promesses`, {
      organisationId: '00000000-0000-4000-8000-000000000000',
      amount: '100',
      idempotencyKey: keyOf(refused.body, `${account}/promesses`),
    });
    assert.equal(unknown.statusCode, 422);
    assert.match(textOf(unknown.body), /Cette organisation n’existe pas/);

    const tooMuch = await browser.post(`${account}/promesses`, {
      organisationId: angers.id,
      amount: '999 999 999 999',
    });
    assert.equal(tooMuch.statusCode, 400);
    assert.match(textOf(tooMuch.body), /dix milliards d’euros au plus/);
    assert.equal(await groupsOf(fund.id), 0, 'nothing recorded');
  });

  it('offers the organisations a search finds, the contributors always', async () => {
    const fund = await newFund();
    await receive(fund.id, nancy.id, 5_000);
    const page = await browser.get(
      `/gestion/fonds/${fund.id}?organisation=${encodeURIComponent(angers.name)}`,
    );
    assert.equal(page.statusCode, 200);
    const options = DomUtils.findAll(
      (e) =>
        e.name === 'option' &&
        e.parent !== null &&
        (e.parent as { attribs: Record<string, string> }).attribs.id === 'receipt-organisationId',
      parseDocument(page.body).children,
    ).map((o) => o.attribs.value);
    assert.ok(options.includes(angers.id), 'the one searched for');
    assert.ok(options.includes(nancy.id), 'the contributor');
  });

  it('lists the ledger, reverses a movement through its form, and says why a reversal is refused', async () => {
    const fund = await newFund();
    const first = await receive(fund.id, angers.id, 300_000);
    const second = await receive(fund.id, nancy.id, 100_000);
    const ledger = `/gestion/fonds/${fund.id}/grand-livre`;
    const page = await browser.get(ledger);
    assert.equal(page.statusCode, 200);
    const text = plain(textOf(page.body));
    assert.match(text, /Versement reçu/);
    const lines = rowsOf(page.body).map(plain);
    assert.ok(lines.includes('512 Banque — compte du fonds | 3 000,00 € |  | '));
    assert.ok(
      lines.includes(`7541 Contributions des collectivités au fonds |  | 1 000,00 € | ${nancy.name}`),
    );
    assert.ok(lines.includes('4 000,00 € | 4 000,00 €'), 'debits equal credits');
    const reverseUrl = `${ledger}/${second.groupId}/contre-passer`;
    const key = keyOf(page.body, reverseUrl);

    const noReason = await browser.post(reverseUrl, { reason: ' ', idempotencyKey: key });
    assert.equal(noReason.statusCode, 400);
    assert.match(textOf(noReason.body), /Dites pourquoi ce mouvement est contre-passé/);
    assert.equal(await groupsOf(fund.id, 'reversal'), 0);

    const reversed = await browser.post(reverseUrl, {
      reason: 'Virement de Nancy saisi sur le mauvais fonds',
      idempotencyKey: key,
    });
    assert.equal(reversed.statusCode, 303);
    assert.equal(
      reversed.headers.location,
      `${ledger}?info=funds.reversal_recorded#mouvement-${second.groupId}`,
    );
    const twice = await browser.post(reverseUrl, {
      reason: 'Virement de Nancy saisi sur le mauvais fonds',
      idempotencyKey: key,
    });
    assert.equal(
      twice.headers.location,
      `${ledger}?info=funds-staff.reversal_already#mouvement-${second.groupId}`,
    );
    assert.equal(await groupsOf(fund.id, 'reversal'), 1);
    const again = await browser.post(reverseUrl, { reason: 'Encore', idempotencyKey: crypto.randomUUID() });
    assert.equal(again.statusCode, 409);
    assert.match(textOf(again.body), /Ce mouvement a déjà été contre-passé/);

    const after = await browser.get(ledger);
    const afterText = plain(textOf(after.body));
    assert.match(afterText, /Contre-passé le .* Motif : Virement de Nancy saisi sur le mauvais fonds/);
    assert.match(afterText, /Contre-passe le mouvement 2 novembre 2026 — Versement reçu/);
    assert.equal(formsTo(after.body, reverseUrl), 0, 'a reversed movement offers no reversal');
    assert.equal(formsTo(after.body, `${ledger}/${first.groupId}/contre-passer`), 1);
    const [reversal] = await queryRows<{ id: string }>(
      db,
      sql`select id from fund_ledger_groups where reverses_id = ${second.groupId}`,
    );
    assert.equal(formsTo(after.body, `${ledger}/${reversal!.id}/contre-passer`), 0, 'nor does a reversal');
    const ofReversal = await browser.post(`${ledger}/${reversal!.id}/contre-passer`, {
      reason: 'Pour voir',
      idempotencyKey: crypto.randomUUID(),
    });
    assert.equal(ofReversal.statusCode, 422);
    assert.match(textOf(ofReversal.body), /Une contre-passation ne se contre-passe pas/);

    // The money of Angers is allocated: reversing its receipt would spend what is promised to a project.
    assert.ok(
      (
        await db.transaction((tx) =>
          allocate(
            tx,
            fund.id,
            { beneficiary: 'Ville de Hué', purpose: 'Digues', amountCents: 250_000 },
            staff.id,
          ),
        )
      ).ok,
    );
    const overspends = await browser.post(`${ledger}/${first.groupId}/contre-passer`, {
      reason: 'Erreur',
      idempotencyKey: crypto.randomUUID(),
    });
    assert.equal(overspends.statusCode, 422);
    assert.match(
      plain(textOf(overspends.body)),
      /Ce versement de 3 000,00 € ne peut pas être contre-passé : le fonds n’a que 500,00 € disponibles/,
    );

    const other = await newFund();
    const elsewhere = await browser.post(
      `/gestion/fonds/${other.id}/grand-livre/${first.groupId}/contre-passer`,
      {
        reason: 'Erreur',
      },
    );
    assert.equal(elsewhere.statusCode, 404, 'a movement of another fund');
  });

  it('exports the ledger for the accountant, one line per entry, read back from CSV and XLSX: debits equal credits', async () => {
    const fund = await newFund(`Fonds Maroc ${unique()}`);
    const receipt = await receive(fund.id, angers.id, 123_456);
    await receive(fund.id, nancy.id, 50_000);
    const allocated = await db.transaction((tx) =>
      allocate(
        tx,
        fund.id,
        { beneficiary: 'Commune d’Ijoukak', purpose: 'École', amountCents: 100_000, country: 'MA' },
        staff.id,
      ),
    );
    assert.ok(allocated.ok);
    assert.ok(
      (
        await db.transaction((tx) =>
          disburse(
            tx,
            allocated.value.allocation.id,
            { amountCents: 40_000, paidOn: '2026-11-20', reference: 'VIR-OUT-1' },
            staff.id,
          ),
        )
      ).ok,
    );
    const ledger = `/gestion/fonds/${fund.id}/grand-livre`;
    const key = keyOf((await browser.get(ledger)).body, `${ledger}/${receipt.groupId}/contre-passer`);
    assert.equal(
      (
        await browser.post(`${ledger}/${receipt.groupId}/contre-passer`, {
          reason: 'Montant faux',
          idempotencyKey: key,
        })
      ).statusCode,
      422,
      'its money is allocated',
    );

    const csv = await browser.get(`${ledger}.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-disposition'] as string, /grand-livre-\d{4}-\d{2}-\d{2}\.csv/);
    const records = parseCsv(csv.body, { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    assert.equal(records.length, 8, 'two lines for each of the four movements');
    const debits = records.reduce((sum, r) => sum + csvCents(r.Débit!), 0);
    const credits = records.reduce((sum, r) => sum + csvCents(r.Crédit!), 0);
    assert.equal(debits, credits);
    assert.equal(debits, 123_456 + 50_000 + 100_000 + 40_000);
    const bank = records.find((r) => r.Groupe === receipt.groupId && r['N° de compte'] === '512');
    assert.deepEqual(
      bank && {
        mouvement: bank.Mouvement,
        date: bank.Date,
        debit: bank.Débit,
        credit: bank.Crédit,
        receipt: bank['N° de reçu'],
        label: bank['Intitulé du compte'],
      },
      {
        mouvement: 'Versement reçu',
        date: '02/11/2026',
        debit: '1234,56',
        credit: '0',
        receipt: receipt.number,
        label: 'Banque — compte du fonds',
      },
    );
    const contribution = records.find((r) => r.Groupe === receipt.groupId && r['N° de compte'] === '7541');
    assert.equal(contribution?.Organisation, angers.name);
    const project = records.find((r) => r.Mouvement === 'Affectation' && r['N° de compte'] === '6571');
    assert.equal(project?.Projet, 'Commune d’Ijoukak');

    const xlsx = await browser.get(`${ledger}.xlsx`);
    assert.equal(xlsx.statusCode, 200);
    const rows = await readSheet(xlsx.rawPayload);
    const header = rows[0] as string[];
    const body = rows.slice(1);
    assert.equal(body.length, 8);
    const column = (name: string) => header.indexOf(name);
    const sum = (name: string) => body.reduce((s, r) => s + Math.round((r[column(name)] as number) * 100), 0);
    assert.equal(sum('Débit'), sum('Crédit'));
    const bankRow = body.find(
      (r) => r[column('Groupe')] === receipt.groupId && r[column('N° de compte')] === '512',
    );
    assert.equal(bankRow?.[column('Débit')], 1234.56, 'a number cell');
  });

  it('refuses a closure while money is available, with the figures; closes with a final allocation of the rest', async () => {
    const fund = await newFund(`Fonds Ukraine ${unique()}`);
    await receive(fund.id, angers.id, 100_000);
    const closure = `/gestion/fonds/${fund.id}/cloturer`;
    const page = await browser.get(closure);
    assert.equal(page.statusCode, 200);
    const text = plain(textOf(page.body));
    assert.match(text, /Le fonds n’est pas soldé : 1 000,00 € restent disponibles/);
    assert.match(text, /Grâce aux contributions d’une collectivité française, 1 000 euros ont été réunis/);

    const refused = await browser.post(closure, {});
    assert.equal(refused.statusCode, 422);
    assert.match(
      plain(textOf(refused.body)),
      /Le fonds ne peut pas être clôturé : 1 000,00 € restent disponibles et 0,00 € affectés restent à verser/,
    );
    const incomplete = await browser.post(closure, { beneficiary: 'Ville de Kharkiv' });
    assert.equal(incomplete.statusCode, 400);
    assert.match(textOf(incomplete.body), /Ce champ est obligatoire/);
    assert.equal((await getFund(db, fund.id))?.status, 'open');
    assert.equal(await groupsOf(fund.id), 1, 'nothing recorded');

    const closed = await browser.post(closure, {
      beneficiary: 'Ville de Kharkiv',
      purpose: 'Reconstruction d’une école',
      country: 'UA',
      paidOn: '2026-11-20',
      reference: 'VIR-SORTANT-9',
    });
    assert.equal(closed.statusCode, 303, textOf(closed.body).slice(0, 500));
    assert.equal(closed.headers.location, `/gestion/fonds/${fund.id}?info=funds.fund_closed`);
    assert.equal((await getFund(db, fund.id))?.status, 'closed');
    const balances = await balancesOf(db, fund.id);
    assert.deepEqual([balances.availableCents, balances.disbursedCents], [0, 100_000]);
    const after = await browser.get(closure);
    assert.match(plain(textOf(after.body)), /1 000 euros ont été versés à 1 projet \(Ukraine\)/);
    assert.equal(formsTo(after.body, closure), 0);

    const late = await browser.post(`/gestion/fonds/${fund.id}/versements`, {
      organisationId: angers.id,
      amount: '10',
      receivedOn: '2026-11-25',
      reference: 'VIR-TARD',
    });
    assert.equal(late.statusCode, 422);
    assert.match(textOf(late.body), /Le fonds « Fonds Ukraine \w+ » est clôturé : plus aucun mouvement/);
  });

  it('exports the funds’ list with their figures', async () => {
    const fund = await newFund(`Fonds Liban ${unique()}`);
    await receive(fund.id, angers.id, 250_050);
    const csv = await browser.get(`/gestion/fonds.csv?q=${encodeURIComponent(fund.name)}`);
    assert.equal(csv.statusCode, 200);
    const records = parseCsv(csv.body, { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    assert.equal(records.length, 1);
    assert.equal(records[0]!['Reçu en euros'], '2500,5');
    assert.equal(records[0]!['Disponible en euros'], '2500,5');
    const rows = await readSheet(
      (await browser.get(`/gestion/fonds.xlsx?q=${encodeURIComponent(fund.name)}`)).rawPayload,
    );
    const header = rows[0] as string[];
    assert.equal(rows[1]![header.indexOf('Reçu en euros')], 2500.5);
  });

  it('lets only staff in', async () => {
    const fund = await newFund();
    const officer = await signedInBrowser({ app, db }, await buildOfficer(db, angers.id, true));
    const refused = await officer.get('/gestion/fonds');
    assert.equal(refused.statusCode, 403);
    await officer.get('/');
    const posted = await officer.post(`/gestion/fonds/${fund.id}/versements`, {
      organisationId: angers.id,
      amount: '10',
      receivedOn: '2026-11-25',
      reference: 'VIR-X',
    });
    assert.equal(posted.statusCode, 403);
    assert.equal(await groupsOf(fund.id), 0);
    const anonymous = await new Browser(app).get(`/gestion/fonds/${fund.id}/grand-livre`);
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, '/connexion');
  });

  it('serves valid HTML whose error summaries link to their fields', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
    const fund = await newFund();
    await receive(fund.id, angers.id, 10_000);
    const base = `/gestion/fonds/${fund.id}`;
    const pages: [string, string][] = [];
    for (const path of [
      '/gestion/fonds',
      '/gestion/fonds/nouveau',
      base,
      `${base}/modifier`,
      `${base}/supprimer`,
      `${base}/grand-livre`,
      `${base}/cloturer`,
    ]) {
      const response = await browser.get(path);
      assert.equal(response.statusCode, 200, path);
      pages.push([path, response.body]);
    }
    pages.push([
      'new (refused)',
      (await browser.post('/gestion/fonds/nouveau', { name: '', countries: 'ZZZ' })).body,
    ]);
    pages.push([
      'pledge (refused)',
      (await browser.post(`${base}/promesses`, { organisationId: '', amount: 'x' })).body,
    ]);
    pages.push([
      'receipt (refused)',
      (await browser.post(`${base}/versements`, { amount: '', receivedOn: 'hier' })).body,
    ]);
    pages.push(['closure (refused)', (await browser.post(`${base}/cloturer`, { beneficiary: 'X' })).body]);
    const found: string[] = [];
    let summaryLinks = 0;
    for (const [where, html] of pages) {
      const dom = parseDocument(html);
      const ids = new Set(
        DomUtils.findAll((e) => e.attribs.id !== undefined, dom.children).map((e) => e.attribs.id),
      );
      for (const a of DomUtils.findAll(
        (e) => e.name === 'a' && e.attribs.href?.startsWith('#') === true,
        dom.children,
      ))
        if (a.attribs.href !== '#contenu' && ++summaryLinks && !ids.has(a.attribs.href!.slice(1)))
          found.push(`${where}: ${a.attribs.href} links to nothing`);
      const report = await validator.validateString(html, where);
      for (const r of report.results)
        for (const m of r.messages) found.push(`${where}:${m.line}:${m.column} ${m.ruleId} — ${m.message}`);
    }
    assert.deepEqual(found, []);
    assert.ok(summaryLinks >= 8, `${summaryLinks} links of error summaries checked`);
  });
});
