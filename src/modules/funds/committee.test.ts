// A fund's committee, projects and reports driven as staff's browser would: who votes and who is named, the
// decisions (adopted, without quorum, rejected, beyond the money), the payments, the reports written,
// published, withdrawn, deleted and published several at once after a confirmation. Every refusal is in
// French, with a 4xx, and records nothing.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { HtmlValidate } from 'html-validate';
import { DomUtils, parseDocument } from 'htmlparser2';
import {
  buildEvent,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
  signedInBrowser,
} from '../../../tests/factories.ts';
import { testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import type { EventInput } from '../events/events.ts';
import { recordPledge, recordReceipt } from './contributions.ts';
import { createFund, type Fund } from './funds.ts';
import { balancesOf } from './ledger.ts';
import { closeFund, recordDecision } from './projects.ts';
import { addReport, publishReport } from './reports.ts';

const euros = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const unique = () => Math.random().toString(36).slice(2, 8);
/** The page's text, read by an HTML parser: its text nodes, one space apart, French spaces made plain. */
const textOf = (html: string) =>
  DomUtils.filter((node) => node.type === 'text', parseDocument(html), true)
    .map((node) => DomUtils.textContent(node))
    .join(' ')
    .replace(/[\s\u00a0\u202f]+/g, ' ');
/** Each table row's cells' texts, joined by « | ». */
const rowsOf = (html: string) =>
  DomUtils.findAll((e) => e.name === 'tr', parseDocument(html).children).map((tr) =>
    euros(
      DomUtils.findAll((e) => e.name === 'td' || e.name === 'th', tr.children)
        .map((cell) => DomUtils.textContent(cell).replace(/\s+/g, ' ').trim())
        .join(' | '),
    ),
  );

describe('funds: the committee’s, projects’ and reports’ staff pages', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const browser = await signedInBrowser({ app, db }, staff);
  const nancy = await buildLocalGovernment(db);
  const aude = await buildLocalGovernment(db);
  const angers = await buildLocalGovernment(db);
  const nancyOfficer = await buildOfficer(db, nancy.id);
  const audeOfficer = await buildOfficer(db, aude.id);

  const count = async (table: string, where = sql`true`) =>
    (
      await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`)
    )[0]!.n;

  /** A fund with three contributors: 30 000 € and 10 000 € received, 5 000 € pledged. */
  async function newFund(): Promise<Fund> {
    const created = await createFund(db, { name: `Ukraine ${unique()}`, countries: ['UA'] }, staff.id);
    assert.ok(created.ok);
    const fund = created.value;
    await db.transaction(async (tx) => {
      for (const [organisationId, amountCents] of [
        [nancy.id, 3_000_000],
        [aude.id, 1_000_000],
      ] as const) {
        const receipt = await recordReceipt(
          tx,
          fund.id,
          { organisationId, amountCents, receivedOn: '2026-03-02', reference: `VIR ${unique()}` },
          staff.id,
        );
        assert.ok(receipt.ok);
      }
      assert.ok(
        (await recordPledge(tx, fund.id, { organisationId: angers.id, amountCents: 500_000 }, staff.id)).ok,
      );
    });
    return fund;
  }

  /** A decision of three votes for, adopted: a project of `amountCents`. */
  async function adoptedProject(fund: Fund, amountCents = 1_200_000) {
    const result = await db.transaction((tx) =>
      recordDecision(
        tx,
        fund.id,
        {
          beneficiary: 'Mairie de Boutcha',
          purpose: 'Chauffage de l’école n° 3',
          amountCents,
          country: 'UA',
          decidedOn: '2026-11-07',
          votesFor: 3,
          votesAgainst: 0,
          abstentions: 0,
        },
        staff.id,
      ),
    );
    assert.ok(result.ok && result.value.allocation);
    return result.value.allocation;
  }

  const decisionForm = (over: Record<string, string> = {}) => ({
    eventId: '',
    decidedOn: '2026-11-28',
    beneficiary: 'Mairie de Tchernihiv',
    purpose: 'Générateurs pour l’hôpital',
    amount: '15 000',
    country: 'UA',
    votesFor: '2',
    votesAgainst: '0',
    abstentions: '0',
    idempotencyKey: `cle-${unique()}-${unique()}`,
    ...over,
  });

  /** Posts a decision from its form page; returns the answer and, after a redirect, the next page. */
  async function decide(fund: Fund, over: Record<string, string> = {}) {
    await browser.get(`/gestion/fonds/${fund.id}/decisions/nouvelle`);
    const response = await browser.post(`/gestion/fonds/${fund.id}/decisions/nouvelle`, decisionForm(over));
    const next =
      response.statusCode === 303 ? await browser.get(response.headers.location as string) : undefined;
    return { response, next };
  }

  it('shows the committee: its members with their choices, the quorum in words, its meetings and decisions', async () => {
    const fund = await newFund();
    const meeting = await buildEvent(db, {
      title: 'Comité des donateurs de novembre',
      audience: 'fund_committee',
      fundIds: [fund.id],
    } as Partial<EventInput>);
    await db.transaction((tx) =>
      recordDecision(
        tx,
        fund.id,
        {
          eventId: meeting.id,
          beneficiary: 'Mairie de Boutcha',
          purpose: 'Chauffage',
          amountCents: 100_000,
          decidedOn: '2026-11-07',
          votesFor: 1,
          votesAgainst: 0,
          abstentions: 0,
        },
        staff.id,
      ),
    );
    const response = await browser.get(`/gestion/fonds/${fund.id}/comite`);
    assert.equal(response.statusCode, 200);
    const text = textOf(response.body);
    for (const organisation of [nancy, aude, angers]) assert.match(text, new RegExp(organisation.name));
    assert.match(text, /Quorum : 50 % des 3 organisations contributrices, soit 2 voix\./);
    assert.match(text, /Comité des donateurs de novembre/);
    // The decision taken at the meeting, with its votes: one vote of three does not make the quorum.
    assert.match(
      text,
      /Mairie de Boutcha — Chauffage, 1 000,00 € : 1 pour, 0 contre, 0 abstention — quorum non atteint/,
    );
    assert.match(response.body, /href="\/gestion\/evenements\/nouveau"/);
    assert.match(text, /« Réservé au comité des donateurs »/);
    assert.match(
      text,
      new RegExp(`cochez « Fonds « ${fund.name} » » sous « Réunion du comité des donateurs »`),
    );
    assert.match(response.body, new RegExp(`href="/gestion/fonds/${fund.id}"`));
  });

  it('saves who holds an organisation’s vote and whether it is named; refuses a person of another organisation', async () => {
    const fund = await newFund();
    const page = await browser.get(`/gestion/fonds/${fund.id}/comite`);
    assert.match(page.body, new RegExp(`<option value="${nancyOfficer.id}"`));
    const saved = await browser.post(`/gestion/fonds/${fund.id}/comite/${nancy.id}`, {
      voterId: nancyOfficer.id,
      named: 'oui',
    });
    assert.equal(saved.statusCode, 303);
    assert.match(
      textOf((await browser.get(saved.headers.location as string)).body),
      /Choix de l’organisation enregistrés/,
    );
    const choices = async () =>
      queryRows<{ named: boolean; voter_id: string | null }>(
        db,
        sql`select named, voter_id from fund_contributors where fund_id = ${fund.id} and organisation_id = ${nancy.id}`,
      );
    assert.deepEqual(await choices(), [{ named: true, voter_id: nancyOfficer.id }]);

    const refused = await browser.post(`/gestion/fonds/${fund.id}/comite/${nancy.id}`, {
      voterId: audeOfficer.id,
    });
    assert.equal(refused.statusCode, 422);
    assert.match(textOf(refused.body), /La personne qui vote doit être de l’organisation contributrice/);
    assert.deepEqual(await choices(), [{ named: true, voter_id: nancyOfficer.id }]);

    // Not named any more, no voter: the box unticked, the list left empty.
    await browser.post(`/gestion/fonds/${fund.id}/comite/${nancy.id}`, { voterId: '' });
    assert.deepEqual(await choices(), [{ named: false, voter_id: null }]);
  });

  it('records a decision adopted: the project is allocated, the form having shown the balance and the quorum', async () => {
    const fund = await newFund();
    const form = await browser.get(`/gestion/fonds/${fund.id}/decisions/nouvelle`);
    const formText = euros(textOf(form.body));
    assert.match(formText, /Disponible pour de nouveaux projets : 40 000,00 €/);
    assert.match(formText, /3 organisations contributrices, une voix chacune/);
    assert.match(formText, /soit 2 voix/);
    const { response, next } = await decide(fund, { votesFor: '2', votesAgainst: '1' });
    assert.equal(response.statusCode, 303);
    assert.match(textOf(next!.body), /Décision adoptée : le projet est financé/);
    assert.match(textOf(next!.body), /Mairie de Tchernihiv/);
    const [decision] = await queryRows<{ adopted: boolean; quorum_met: boolean; allocations: number }>(
      db,
      sql`select adopted, quorum_met, (select count(*)::int from fund_allocations a where a.decision_id = d.id) as allocations
        from fund_decisions d where fund_id = ${fund.id}`,
    );
    assert.deepEqual(decision, { adopted: true, quorum_met: true, allocations: 1 });
    assert.equal((await balancesOf(db, fund.id)).availableCents, 4_000_000 - 1_500_000);
  });

  it('records a decision without quorum, or with more votes against, as not adopted: nothing is allocated', async () => {
    const fund = await newFund();
    for (const votes of [
      { votesFor: '1', votesAgainst: '0', abstentions: '0' },
      { votesFor: '1', votesAgainst: '2', abstentions: '0' },
    ]) {
      const { response, next } = await decide(fund, votes);
      assert.equal(response.statusCode, 303);
      assert.match(textOf(next!.body), /Décision enregistrée : non adoptée, rien n’est affecté/);
    }
    assert.equal(await count('fund_decisions', sql`fund_id = ${fund.id} and not adopted`), 2);
    assert.equal(await count('fund_allocations', sql`fund_id = ${fund.id}`), 0);
    assert.equal((await balancesOf(db, fund.id)).availableCents, 4_000_000);
  });

  it('refuses a decision beyond the available balance with the figures (422), recording nothing', async () => {
    const fund = await newFund();
    await adoptedProject(fund, 3_000_000);
    const decisions = await count('fund_decisions', sql`fund_id = ${fund.id}`);
    const { response } = await decide(fund, { amount: '12 000,50' });
    assert.equal(response.statusCode, 422);
    assert.match(
      euros(textOf(response.body)),
      /Affectation de 12 000,50 € refusée : le fonds n’a que 10 000,00 € disponibles \(40 000,00 € reçus, moins 0,00 € versés et 30 000,00 € déjà affectés restant à verser\)/,
    );
    // The form comes back as typed.
    assert.match(response.body, /value="Mairie de Tchernihiv"/);
    assert.equal(await count('fund_decisions', sql`fund_id = ${fund.id}`), decisions);
  });

  it('refuses more votes than organisations, an amount that is none, a meeting of another fund, a key of another movement (4xx, nothing recorded)', async () => {
    const fund = await newFund();
    const other = await buildEvent(db, { title: 'Autre réunion' });
    // The key of a receipt of the fund: a tampered form, or a key used twice by mistake.
    const [receipt] = await queryRows<{ key: string }>(
      db,
      sql`select idempotency_key as key from fund_ledger_groups where fund_id = ${fund.id} and kind = 'receipt' limit 1`,
    );
    const cases: [Record<string, string>, number, RegExp][] = [
      [
        { votesFor: '3', votesAgainst: '1' },
        422,
        /4 voix exprimées pour 3 organisation\(s\) contributrice\(s\)/,
      ],
      [
        { amount: 'beaucoup', beneficiary: '' },
        400,
        /Montant attendu en euros[\s\S]*Ce champ est obligatoire/,
      ],
      [{ votesFor: '-2' }, 400, /Nombre de voix attendu/],
      [{ eventId: other.id }, 422, /Choisissez une des réunions du comité de ce fonds/],
      [{ idempotencyKey: receipt!.key }, 409, /Cette clé d’idempotence a déjà servi pour un autre mouvement/],
    ];
    for (const [over, status, message] of cases) {
      const { response } = await decide(fund, over);
      assert.equal(response.statusCode, status, JSON.stringify(over));
      assert.match(textOf(response.body), message);
    }
    assert.equal(await count('fund_decisions', sql`fund_id = ${fund.id}`), 0);
  });

  it('records a decision sent twice once', async () => {
    const fund = await newFund();
    const form = decisionForm();
    await browser.get(`/gestion/fonds/${fund.id}/decisions/nouvelle`);
    const first = await browser.post(`/gestion/fonds/${fund.id}/decisions/nouvelle`, form);
    const second = await browser.post(`/gestion/fonds/${fund.id}/decisions/nouvelle`, form);
    assert.equal(first.statusCode, 303);
    assert.equal(second.statusCode, 303);
    assert.match(second.headers.location as string, /decision_already/);
    assert.equal(await count('fund_decisions', sql`fund_id = ${fund.id}`), 1);
    assert.equal(await count('fund_allocations', sql`fund_id = ${fund.id}`), 1);
  });

  it('shows the projects with their figures and decision, and records a payment, never beyond the rest', async () => {
    const fund = await newFund();
    const project = await adoptedProject(fund, 1_200_000);
    const page = await browser.get(`/gestion/fonds/${fund.id}/projets`);
    assert.deepEqual(rowsOf(page.body).slice(1), [
      'Mairie de Boutcha | Chauffage de l’école n° 3 | Ukraine | 12 000,00 € | 0,00 € | 12 000,00 € | Affecté, à verser | Décision du 7 novembre 2026 : 3 pour, 0 contre, 0 abstention — quorum atteint (2 voix requises sur 3) — adoptée | Aucun',
    ]);
    // No allocation without a vote is offered here: only payments and decisions.
    assert.doesNotMatch(page.body, /\/allocations/);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(page.body)![1]!;
    const url = `/gestion/fonds/${fund.id}/projets/${project.id}/paiements`;
    const paid = await browser.post(url, {
      amount: '5 000',
      paidOn: '2026-11-29',
      reference: 'VIR 2026-118',
      idempotencyKey: key,
    });
    assert.equal(paid.statusCode, 303);
    const after = (await browser.get(paid.headers.location as string)).body;
    assert.match(textOf(after), /Paiement enregistré/);
    assert.match(rowsOf(after)[1]!, /\| 12 000,00 € \| 5 000,00 € \| 7 000,00 € \| En cours de versement \|/);
    // The same form sent again records nothing more.
    const again = await browser.post(url, {
      amount: '5 000',
      paidOn: '2026-11-29',
      reference: 'VIR 2026-118',
      idempotencyKey: key,
    });
    assert.match(again.headers.location as string, /payment_already/);
    assert.equal((await balancesOf(db, fund.id)).disbursedCents, 500_000);

    const groups = await count('fund_ledger_groups', sql`fund_id = ${fund.id}`);
    const beyond = await browser.post(url, {
      amount: '7 000,01',
      paidOn: '2026-11-29',
      reference: 'VIR 2026-119',
      idempotencyKey: `cle-${unique()}-x`,
    });
    assert.equal(beyond.statusCode, 422);
    assert.match(
      euros(textOf(beyond.body)),
      /Paiement de 7 000,01 € refusé : il reste 7 000,00 € à verser sur les 12 000,00 € affectés à ce projet/,
    );
    const bad = await browser.post(url, { amount: '-3', paidOn: 'hier', reference: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(textOf(bad.body), /Montant attendu en euros[\s\S]*Date attendue au format AAAA-MM-JJ/);
    assert.equal(await count('fund_ledger_groups', sql`fund_id = ${fund.id}`), groups);
    // A project of another fund is not this fund's.
    const elsewhere = await adoptedProject(await newFund(), 100_000);
    const foreign = await browser.post(`/gestion/fonds/${fund.id}/projets/${elsewhere.id}/paiements`, {
      amount: '10',
      paidOn: '2026-11-29',
      reference: 'VIR',
    });
    assert.equal(foreign.statusCode, 404);
  });

  it('refuses a decision and a payment of a closed fund with its French message, never a 500', async () => {
    const fund = await newFund();
    const project = await adoptedProject(fund, 4_000_000);
    const page = await browser.get(`/gestion/fonds/${fund.id}/projets`);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(page.body)![1]!;
    await browser.post(`/gestion/fonds/${fund.id}/projets/${project.id}/paiements`, {
      amount: '40 000',
      paidOn: '2026-11-29',
      reference: 'VIR',
      idempotencyKey: key,
    });
    const closed = await db.transaction((tx) => closeFund(tx, fund.id, {}, staff.id));
    assert.ok(closed.ok, closed.ok ? '' : closed.error.message);
    const decision = await browser.post(`/gestion/fonds/${fund.id}/decisions/nouvelle`, decisionForm());
    assert.equal(decision.statusCode, 422);
    assert.match(
      textOf(decision.body),
      new RegExp(`Le fonds « ${fund.name} » est clôturé : plus aucun mouvement`),
    );
    const payment = await browser.post(`/gestion/fonds/${fund.id}/projets/${project.id}/paiements`, {
      amount: '1',
      paidOn: '2026-11-29',
      reference: 'VIR',
    });
    assert.equal(payment.statusCode, 422);
    assert.match(textOf(payment.body), /est clôturé : plus aucun mouvement/);
    // Its pages no longer offer decisions nor payments.
    const projects = await browser.get(`/gestion/fonds/${fund.id}/projets`);
    assert.doesNotMatch(projects.body, /paiements"/);
    assert.match(textOf(projects.body), /Ce fonds est clôturé depuis le/);
  });

  it('writes, edits, publishes, withdraws and deletes a report; its Markdown is shown, its HTML escaped', async () => {
    const fund = await newFund();
    const project = await adoptedProject(fund);
    const form = await browser.get(`/gestion/fonds/${fund.id}/rapports/nouveau`);
    assert.match(form.body, new RegExp(`<option value="${project.id}"`));
    const created = await browser.post(`/gestion/fonds/${fund.id}/rapports/nouveau`, {
      kind: 'progress',
      title: 'Point d’étape de novembre',
      reportedOn: '2026-11-30',
      allocationId: project.id,
      body: 'Les **travaux** ont commencé. <script>alert(1)</script>',
    });
    assert.equal(created.statusCode, 303);
    const [report] = await queryRows<{ id: string; published_at: Date | null }>(
      db,
      sql`select id, published_at from fund_reports where fund_id = ${fund.id}`,
    );
    assert.equal(report!.published_at, null);
    const list = await browser.get(created.headers.location as string);
    assert.match(textOf(list.body), /Rapport enregistré/);
    assert.match(
      list.body,
      /Les <strong>travaux<\/strong> ont commencé\. &lt;script&gt;alert\(1\)&lt;\/script&gt;/,
    );
    assert.match(
      rowsOf(list.body)[1]!,
      /\| Point d’étape \| Projet : Mairie de Boutcha — Chauffage de l’école n° 3 \| 30 novembre 2026 \| Non publié \|/,
    );

    const refused = await browser.post(`/gestion/fonds/${fund.id}/rapports/${report!.id}/modifier`, {
      kind: 'bilan',
      title: '',
      reportedOn: '2026-11-30',
      body: 'x',
    });
    assert.equal(refused.statusCode, 400);
    assert.match(
      textOf(refused.body),
      /Choisissez : point d’étape ou rapport final[\s\S]*Ce champ est obligatoire/,
    );
    const edited = await browser.post(`/gestion/fonds/${fund.id}/rapports/${report!.id}/modifier`, {
      kind: 'progress',
      title: 'Point d’étape du 30 novembre',
      reportedOn: '2026-11-30',
      allocationId: '',
      body: 'Le chantier avance.',
    });
    assert.equal(edited.statusCode, 303);
    const titles = async () =>
      queryRows<{ title: string; allocation_id: string | null; published: boolean }>(
        db,
        sql`select title, allocation_id, published_at is not null as published from fund_reports where id = ${report!.id}`,
      );
    assert.deepEqual(await titles(), [
      { title: 'Point d’étape du 30 novembre', allocation_id: null, published: false },
    ]);

    const published = await browser.post(`/gestion/fonds/${fund.id}/rapports/${report!.id}/publier`, {});
    assert.equal(published.statusCode, 303);
    assert.equal((await titles())[0]!.published, true);
    const undeletable = await browser.post(`/gestion/fonds/${fund.id}/rapports/${report!.id}/supprimer`, {});
    assert.equal(undeletable.statusCode, 409);
    assert.match(textOf(undeletable.body), /Ce rapport a été publié : retirez-le de la page publique/);
    const withdrawn = await browser.post(`/gestion/fonds/${fund.id}/rapports/${report!.id}/retirer`, {});
    assert.equal(withdrawn.statusCode, 303);
    assert.equal((await titles())[0]!.published, false);
    const deleted = await browser.post(`/gestion/fonds/${fund.id}/rapports/${report!.id}/supprimer`, {});
    assert.equal(deleted.statusCode, 303);
    assert.deepEqual(await titles(), []);
  });

  it('publishes several reports at once after a confirmation that says which change', async () => {
    const fund = await newFund();
    const write = async (title: string) => {
      const added = await addReport(
        db,
        fund.id,
        { kind: 'progress', title, body: 'Texte.', reportedOn: '2026-11-01' },
        staff.id,
      );
      assert.ok(added.ok);
      return added.value;
    };
    const a = await write('Rapport A');
    const b = await write('Rapport B');
    const c = await write('Rapport C');
    assert.ok((await publishReport(db, fund.id, b.id, true, staff.id)).ok);
    const published = async () =>
      (
        await queryRows<{ title: string }>(
          db,
          sql`select title from fund_reports where fund_id = ${fund.id} and published_at is not null order by title`,
        )
      ).map((r) => r.title);

    await browser.get(`/gestion/fonds/${fund.id}/rapports`);
    const nothing = await browser.post(`/gestion/fonds/${fund.id}/rapports/publication`, {
      action: 'publier',
    });
    assert.equal(nothing.statusCode, 400);
    assert.match(textOf(nothing.body), /Cochez au moins un rapport/);

    const preview = await browser.post(`/gestion/fonds/${fund.id}/rapports/publication`, {
      reportIds: [a.id, b.id],
      action: 'publier',
    });
    assert.equal(preview.statusCode, 200);
    const text = textOf(preview.body);
    assert.match(text, /1 rapport paraîtra sur la page publique du fonds Rapport A/);
    assert.match(text, /Déjà publiés, inchangés Rapport B/);
    assert.doesNotMatch(text, /Rapport C/);
    assert.deepEqual(await published(), ['Rapport B']);

    const confirmed = await browser.post(`/gestion/fonds/${fund.id}/rapports/publication`, {
      reportIds: [a.id],
      action: 'publier',
      etape: 'confirmer',
    });
    assert.equal(confirmed.statusCode, 303);
    assert.match(
      textOf((await browser.get(confirmed.headers.location as string)).body),
      /Les rapports cochés sont publiés/,
    );
    assert.deepEqual(await published(), ['Rapport A', 'Rapport B']);

    const withdrawn = await browser.post(`/gestion/fonds/${fund.id}/rapports/publication`, {
      reportIds: [a.id, b.id, c.id],
      action: 'retirer',
      etape: 'confirmer',
    });
    assert.equal(withdrawn.statusCode, 303);
    assert.deepEqual(await published(), []);
  });

  it('is refused to a person who is not staff (403), and sends a visitor to sign in', async () => {
    const fund = await newFund();
    const officer = await signedInBrowser({ app, db }, nancyOfficer);
    for (const path of ['comite', 'decisions/nouvelle', 'projets', 'rapports', 'rapports/nouveau']) {
      const response = await officer.get(`/gestion/fonds/${fund.id}/${path}`);
      assert.equal(response.statusCode, 403, path);
      assert.match(textOf(response.body), /réservée à l’équipe du réseau/);
    }
    await officer.get('/');
    const post = await officer.post(`/gestion/fonds/${fund.id}/decisions/nouvelle`, decisionForm());
    assert.equal(post.statusCode, 403);
    assert.equal(await count('fund_decisions', sql`fund_id = ${fund.id}`), 0);
    const anonymous = await app.inject({ method: 'GET', url: `/gestion/fonds/${fund.id}/comite` });
    assert.equal(anonymous.statusCode, 303);
    assert.match(anonymous.headers.location as string, /\/connexion/);
  });

  it('writes valid HTML on every page (html-validate, its standard rules)', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
    const fund = await newFund();
    await buildEvent(db, {
      title: 'Comité',
      audience: 'fund_committee',
      fundIds: [fund.id],
    } as Partial<EventInput>);
    const project = await adoptedProject(fund);
    const added = await addReport(
      db,
      fund.id,
      {
        kind: 'progress',
        title: 'Point',
        body: '## Titre\n\n- un\n- deux',
        reportedOn: '2026-11-01',
        allocationId: project.id,
      },
      staff.id,
    );
    assert.ok(added.ok);
    const pages = [
      'comite',
      'decisions/nouvelle',
      'projets',
      'rapports',
      'rapports/nouveau',
      `rapports/${added.value.id}/modifier`,
    ];
    const bodies: [string, string][] = [];
    for (const path of pages)
      bodies.push([path, (await browser.get(`/gestion/fonds/${fund.id}/${path}`)).body]);
    bodies.push(['refusée', (await decide(fund, { amount: '1 000 000' })).response.body]);
    bodies.push([
      'confirmation',
      (
        await browser.post(`/gestion/fonds/${fund.id}/rapports/publication`, {
          reportIds: [added.value.id],
          action: 'publier',
        })
      ).body,
    ]);
    const problems: string[] = [];
    for (const [where, html] of bodies) {
      const report = await validator.validateString(html, where);
      problems.push(
        ...report.results.flatMap((r) =>
          r.messages.map((m) => `${where}:${m.line} ${m.ruleId} — ${m.message}`),
        ),
      );
    }
    assert.deepEqual(problems, []);
  });

  it('answers 404 in French for a fund that does not exist', async () => {
    const response = await browser.get('/gestion/fonds/00000000-0000-4000-8000-000000000000/comite');
    assert.equal(response.statusCode, 404);
    assert.match(textOf(response.body), /Ce fonds n’existe pas/);
  });
});
