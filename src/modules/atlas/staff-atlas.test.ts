// The atlas's staff pages driven as a browser would: a partnership created with its new foreign partner,
// edited, its projects (budgets typed in euros), archived one by one or several after a confirmation, the
// list exported and read back by independent readers (csv-parse, read-excel-file), the countries'
// introductions and the publications. Every refusal is in French, with a 4xx, and changes nothing.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { HtmlValidate } from 'html-validate';
import { DomUtils, parseDocument } from 'htmlparser2';
import { readSheet } from 'read-excel-file/node';
import { buildLocalGovernment, buildPerson, buildStaff, signedInBrowser } from '../../../tests/factories.ts';
import { testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import { createOrganisation } from '../organisations/organisations.ts';
import { createPartnership } from './partnerships.ts';

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
const checkedValues = (html: string, name: string) =>
  DomUtils.findAll(
    (e) => e.name === 'input' && e.attribs.name === name && e.attribs.checked !== undefined,
    parseDocument(html).children,
  ).map((e) => e.attribs.value);

describe('atlas: staff pages', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const browser = await signedInBrowser({ app, db }, staff);
  const angers = await buildLocalGovernment(db, { name: 'Saint-' });
  const other = await buildLocalGovernment(db, { name: 'Saint-' });
  const officer = await buildPerson(db, { organisationId: angers.id, firstName: 'Julie' });
  const foreign = async (name: string, country: string) => {
    const created = await createOrganisation(db, { name, kind: 'foreign_local_government', country }, null);
    assert.ok(created.ok);
    return created.value;
  };
  const count = async (table: string, where = sql`true`) =>
    (
      await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`)
    )[0]!.n;
  const partnership = async (id: string) =>
    (
      await queryRows<Record<string, unknown>>(
        db,
        sql`select kind, status, since, themes, agreement_reference, agreement_on::text as agreement_on,
          archived_at, partner_organisation_id, description from partnerships where id = ${id}`,
      )
    )[0]!;
  const sidesOf = async (id: string) =>
    (
      await queryRows<{ organisation_id: string }>(
        db,
        sql`select organisation_id from partnership_sides where partnership_id = ${id} order by position`,
      )
    ).map((r) => r.organisation_id);
  const auditCount = async (action: string, entity: string, id: string) =>
    count('audit_log', sql`action = ${action} and entity = ${entity} and entity_id = ${id}`);
  const newPartnership = async (partnerName = `Kumasi ${unique()}`) => {
    const partner = await foreign(partnerName, 'GH');
    const created = await createPartnership(
      db,
      {
        frenchOrganisationIds: [angers.id],
        partnerOrganisationId: partner.id,
        kind: 'twinning',
        status: 'active',
        themes: [],
      },
      staff.id,
    );
    assert.ok(created.ok);
    return { id: created.value.id, partner };
  };

  it('creates a partnership with a new foreign partner typed in the form: sides, partner, region, version, audit', async () => {
    const page = await browser.get('/gestion/atlas/partenariats/nouveau');
    assert.equal(page.statusCode, 200);
    assert.match(textOf(page.body), /Collectivités françaises \(une ou plusieurs\)/);
    const name = `Ville de Tamale ${unique()}`;
    const response = await browser.post('/gestion/atlas/partenariats/nouveau', {
      french: [angers.id, '', other.id],
      partnerId: '',
      newPartnerName: name,
      newPartnerCountry: 'GH',
      newPartnerRegion: 'Région du Nord',
      kind: 'decentralised_cooperation',
      status: 'active',
      since: '1998',
      agreementReference: 'CONV-1998-04',
      agreementOn: '1998-04-12',
      themes: ['water', 'culture'],
      description: 'Coopération sur l’eau potable.',
    });
    assert.equal(response.statusCode, 303, response.body.slice(0, 500));
    const id = /\/gestion\/atlas\/partenariats\/([0-9a-f-]{36})\?info=atlas\.staff_partnership_created/.exec(
      response.headers.location as string,
    )?.[1];
    assert.ok(id, String(response.headers.location));
    const row = await partnership(id);
    assert.equal(row.kind, 'decentralised_cooperation');
    assert.equal(row.since, 1998);
    assert.deepEqual(row.themes, ['water', 'culture']);
    assert.equal(row.agreement_on, '1998-04-12');
    assert.deepEqual(await sidesOf(id), [angers.id, other.id]);
    const [partner] = await queryRows<{ kind: string; country: string; region: string }>(
      db,
      sql`select o.kind, o.country, pp.region from organisations o join partner_places pp on pp.organisation_id = o.id
        where o.id = ${row.partner_organisation_id as string}`,
    );
    assert.deepEqual(partner, { kind: 'foreign_local_government', country: 'GH', region: 'Région du Nord' });
    assert.equal(await count('partnership_versions', sql`partnership_id = ${id}`), 1);
    assert.equal(await auditCount('create', 'partnership', id), 1);

    // The page shows it, with the link to its history; the new partner is now in the partners' list.
    const shown = await browser.get(`/gestion/atlas/partenariats/${id}`);
    assert.equal(shown.statusCode, 200);
    const links = DomUtils.findAll((e) => e.name === 'a', parseDocument(shown.body).children).map(
      (a) => a.attribs.href,
    );
    assert.ok(links.includes(`/gestion/atlas/partenariats/${id}/historique`));
    assert.deepEqual(checkedValues(shown.body, 'themes').slice(0, 2).sort(), ['culture', 'water']);
    assert.match(textOf(shown.body), new RegExp(`${name} \\(Ghana\\)`));
  });

  it('refuses a partnership without a French side in French; the partner typed for it is not created either', async () => {
    await browser.get('/gestion/atlas/partenariats/nouveau');
    const before = await count('partnerships');
    const name = `Ville fantôme ${unique()}`;
    const refused = await browser.post('/gestion/atlas/partenariats/nouveau', {
      french: ['', ''],
      newPartnerName: name,
      newPartnerCountry: 'GH',
      kind: 'twinning',
      status: 'active',
    });
    assert.equal(refused.statusCode, 400);
    assert.match(textOf(refused.body), /Indiquez au moins une collectivité française\./);
    assert.equal(await count('partnerships'), before);
    assert.equal(await count('organisations', sql`name = ${name}`), 0, 'the new partner is undone with it');

    // The typed values stay in the form.
    assert.match(refused.body, new RegExp(`value="${name}"`));

    // No partner at all; both a partner and a new one; a French organisation as the partner; an unknown country.
    const { partner } = await newPartnership();
    const cases: [Record<string, string | string[]>, number, RegExp][] = [
      [
        { french: angers.id, kind: 'twinning', status: 'active' },
        422,
        /Choisissez la collectivité partenaire/,
      ],
      [
        {
          french: angers.id,
          partnerId: partner.id,
          newPartnerName: 'Accra',
          newPartnerCountry: 'GH',
          kind: 'twinning',
          status: 'active',
        },
        422,
        /pas les deux/,
      ],
      [
        { french: angers.id, partnerId: other.id, kind: 'twinning', status: 'active' },
        422,
        /n’est pas une collectivité étrangère/,
      ],
      [
        {
          french: angers.id,
          newPartnerName: 'Accra',
          newPartnerCountry: 'XX',
          kind: 'twinning',
          status: 'active',
        },
        422,
        /Choisissez un pays de la liste/,
      ],
      [
        { french: angers.id, partnerId: partner.id, kind: 'jumelage', status: 'active' },
        400,
        /Choisissez : jumelage, coopération/,
      ],
      [
        { french: 'pas-un-id', partnerId: partner.id, kind: 'twinning', status: 'active' },
        400,
        /Identifiant invalide/,
      ],
    ];
    const organisations = await count('organisations');
    for (const [form, status, message] of cases) {
      const response = await browser.post('/gestion/atlas/partenariats/nouveau', form);
      assert.equal(response.statusCode, status, JSON.stringify(form));
      assert.match(textOf(response.body), message);
    }
    assert.equal(await count('partnerships'), before + 1);
    assert.equal(await count('organisations'), organisations);
  });

  it('edits a partnership: fields, contacts among the French side’s people; a bad theme changes nothing', async () => {
    const { id, partner } = await newPartnership();
    const url = `/gestion/atlas/partenariats/${id}`;
    const page = await browser.get(url);
    assert.match(textOf(page.body), /Julie/, 'the people of the French side are offered as contacts');
    const form = {
      french: [angers.id],
      partnerId: partner.id,
      kind: 'friendship_pact',
      status: 'dormant',
      since: '2004',
      themes: ['youth'],
      contactIds: [officer.id],
      description: 'En sommeil depuis 2020.',
    };
    const saved = await browser.post(url, form);
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 400));
    assert.match(saved.headers.location as string, /info=atlas\.staff_partnership_saved/);
    const row = await partnership(id);
    assert.equal(row.status, 'dormant');
    assert.equal(row.kind, 'friendship_pact');
    assert.deepEqual(row.themes, ['youth']);
    assert.equal(
      await count('partnership_contacts', sql`partnership_id = ${id} and person_id = ${officer.id}`),
      1,
    );
    assert.equal(await auditCount('update', 'partnership', id), 1);

    const refused = await browser.post(url, { ...form, status: 'active', themes: ['youth', 'astrologie'] });
    assert.equal(refused.statusCode, 400);
    assert.match(textOf(refused.body), /« astrologie » n’est pas un thème de la liste/);
    assert.equal((await partnership(id)).status, 'dormant');
    assert.equal(await auditCount('update', 'partnership', id), 1);
    assert.equal(
      (await browser.post(`/gestion/atlas/partenariats/${crypto.randomUUID()}`, form)).statusCode,
      404,
    );
  });

  it('adds, edits and deletes projects: « 12 500,50 » is 1 250 050 cents, co-funders split on commas', async () => {
    const { id } = await newPartnership();
    const url = `/gestion/atlas/partenariats/${id}`;
    await browser.get(url);
    const added = await browser.post(`${url}/projets`, {
      title: 'Forages à Tamale',
      startYear: '2024',
      endYear: '2026',
      budget: '12 500,50',
      currency: 'EUR',
      coFunders: 'DAECT, Agence de l’eau Loire-Bretagne ,',
      themes: ['water'],
      place: 'Tamale',
    });
    assert.equal(added.statusCode, 303, added.body.slice(0, 400));
    const [project] = await queryRows<{
      id: string;
      budget_cents: number;
      co_funders: string[];
      themes: string[];
    }>(
      db,
      sql`select id, budget_cents, co_funders, themes from partnership_projects where partnership_id = ${id}`,
    );
    assert.equal(Number(project!.budget_cents), 1_250_050);
    assert.deepEqual(project!.co_funders, ['DAECT', 'Agence de l’eau Loire-Bretagne']);
    assert.deepEqual(project!.themes, ['water']);
    const page = await browser.get(url);
    assert.match(textOf(page.body), /12\s500,50\s€/);

    // A budget that is no amount, or years in the wrong order: French, 4xx, nothing changed.
    const badBudget = await browser.post(`${url}/projets`, {
      title: 'Autre',
      startYear: '2024',
      budget: '12,345',
    });
    assert.equal(badBudget.statusCode, 422);
    assert.match(textOf(badBudget.body), /Montant en euros attendu, par exemple 12 500,50/);
    const badYears = await browser.post(`${url}/projets/${project!.id}`, {
      title: 'Forages à Tamale',
      startYear: '2024',
      endYear: '2020',
      budget: '9 000',
    });
    assert.equal(badYears.statusCode, 400);
    assert.match(textOf(badYears.body), /L’année de fin ne peut pas précéder l’année de début\./);
    assert.equal(await count('partnership_projects', sql`partnership_id = ${id}`), 1);
    const [kept] = await queryRows<{ budget_cents: number }>(
      db,
      sql`select budget_cents from partnership_projects where id = ${project!.id}`,
    );
    assert.equal(Number(kept!.budget_cents), 1_250_050);

    const edited = await browser.post(`${url}/projets/${project!.id}`, {
      title: 'Forages et latrines à Tamale',
      startYear: '2024',
      budget: '9 000',
      coFunders: '',
    });
    assert.equal(edited.statusCode, 303);
    const [after] = await queryRows<{ title: string; budget_cents: number; co_funders: string[] }>(
      db,
      sql`select title, budget_cents, co_funders from partnership_projects where id = ${project!.id}`,
    );
    assert.deepEqual(
      { ...after, budget_cents: Number(after!.budget_cents) },
      {
        title: 'Forages et latrines à Tamale',
        budget_cents: 900_000,
        co_funders: [],
      },
    );

    const deleted = await browser.post(`${url}/projets/${project!.id}/supprimer`, {});
    assert.equal(deleted.statusCode, 303);
    assert.equal(await count('partnership_projects', sql`partnership_id = ${id}`), 0);
    const again = await browser.post(`${url}/projets/${project!.id}/supprimer`, {});
    assert.equal(again.statusCode, 404);
    assert.match(textOf(again.body), /Ce projet n’est pas dans ce partenariat\./);
    // Versions: created, added, edited, deleted.
    assert.equal(await count('partnership_versions', sql`partnership_id = ${id}`), 4);
  });

  it('archives and restores one partnership; the list shows archived ones only on demand', async () => {
    const name = `Sekondi ${unique()}`;
    const { id } = await newPartnership(name);
    await browser.get(`/gestion/atlas/partenariats/${id}`);
    assert.equal((await browser.post(`/gestion/atlas/partenariats/${id}/archiver`, {})).statusCode, 303);
    assert.ok((await partnership(id)).archived_at);
    assert.equal(await auditCount('archive', 'partnership', id), 1);

    const without = await browser.get(`/gestion/atlas?q=${encodeURIComponent(name)}`);
    assert.ok(!rowsOf(without.body).some((r) => r.includes(name)));
    const withArchived = await browser.get(`/gestion/atlas?q=${encodeURIComponent(name)}&archives=avec`);
    const row = rowsOf(withArchived.body).find((r) => r.includes(name));
    assert.ok(row, 'shown with the archived ones');
    assert.match(row, /archivé/);

    await browser.get(`/gestion/atlas/partenariats/${id}`);
    assert.equal((await browser.post(`/gestion/atlas/partenariats/${id}/restaurer`, {})).statusCode, 303);
    assert.equal((await partnership(id)).archived_at, null);
    assert.ok(
      rowsOf((await browser.get(`/gestion/atlas?q=${encodeURIComponent(name)}`)).body).some((r) =>
        r.includes(name),
      ),
    );
  });

  it('archives several after a confirmation that lists what changes; nothing ticked or no action is refused', async () => {
    const a = await newPartnership(`Cape Coast ${unique()}`);
    const b = await newPartnership(`Elmina ${unique()}`);
    const c = await newPartnership(`Winneba ${unique()}`);
    await browser.get('/gestion/atlas');
    await browser.post(`/gestion/atlas/partenariats/${c.id}/archiver`, {});
    await browser.get('/gestion/atlas');
    const ticks = { [`choix_${a.id}`]: 'oui', [`choix_${b.id}`]: 'oui', [`choix_${c.id}`]: 'oui' };

    const preview = await browser.post('/gestion/atlas/archivage', {
      ...ticks,
      action: 'archiver',
      etape: 'apercu',
    });
    assert.equal(preview.statusCode, 200);
    const text = textOf(preview.body);
    assert.match(text, /2 partenariats seront archivés/);
    assert.match(text, /Déjà archivés, inchangés/);
    assert.ok(text.indexOf(c.partner.name) > text.indexOf('Déjà archivés'));
    assert.equal((await partnership(a.id)).archived_at, null, 'nothing changes before the confirmation');

    const confirmed = await browser.post('/gestion/atlas/archivage', {
      ...ticks,
      action: 'archiver',
      etape: 'confirmer',
    });
    assert.equal(confirmed.statusCode, 303);
    assert.match(confirmed.headers.location as string, /info=atlas\.staff_bulk_archived/);
    for (const p of [a, b, c]) assert.ok((await partnership(p.id)).archived_at);
    assert.equal(await auditCount('archive', 'partnership', a.id), 1);
    assert.equal(
      await auditCount('archive', 'partnership', c.id),
      1,
      'the one archived before is not archived twice',
    );

    await browser.get('/gestion/atlas');
    const nothing = await browser.post('/gestion/atlas/archivage', { action: 'archiver', etape: 'apercu' });
    assert.equal(nothing.statusCode, 400);
    assert.match(textOf(nothing.body), /Cochez au moins un partenariat\./);
    const noAction = await browser.post('/gestion/atlas/archivage', {
      ...ticks,
      action: 'effacer',
      etape: 'confirmer',
    });
    assert.equal(noAction.statusCode, 400);
    assert.match(textOf(noAction.body), /Choisissez : archiver ou restaurer\./);
    const unchanged = await browser.post('/gestion/atlas/archivage', {
      ...ticks,
      action: 'archiver',
      etape: 'confirmer',
    });
    assert.equal(unchanged.statusCode, 409);
    assert.match(textOf(unchanged.body), /Aucun des partenariats cochés ne change/);

    const restored = await browser.post('/gestion/atlas/archivage', {
      ...ticks,
      action: 'restaurer',
      etape: 'confirmer',
    });
    assert.equal(restored.statusCode, 303);
    for (const p of [a, b, c]) assert.equal((await partnership(p.id)).archived_at, null);
  });

  it('exports the list as CSV and XLSX with its filters, read back by csv-parse and read-excel-file', async () => {
    const name = `Bolgatanga ${unique()}`;
    const { id } = await newPartnership(name);
    await browser.get(`/gestion/atlas/partenariats/${id}`);
    await browser.post(`/gestion/atlas/partenariats/${id}/projets`, {
      title: 'Marché couvert',
      startYear: '2023',
      budget: '1 234,56',
    });
    const query = `?q=${encodeURIComponent(name)}&country=GH`;
    const csv = await browser.get(`/gestion/atlas/partenariats.csv${query}`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-disposition'] as string, /partenariats-\d{4}-\d{2}-\d{2}\.csv/);
    const records = parseCsv(csv.body, { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    const line = records.find((r) => r.Partenaire === name);
    assert.ok(line, 'the partnership is in the CSV');
    assert.equal(line.Pays, 'Ghana');
    assert.equal(line['Collectivités françaises'], angers.name);
    assert.equal(line.Projets, '1');
    assert.equal(line['Budget des projets en euros'], '1234,56');
    assert.ok(
      records.every((r) => r.Pays === 'Ghana'),
      'the filter applies',
    );

    const xlsx = await browser.get(`/gestion/atlas/partenariats.xlsx${query}`);
    assert.equal(xlsx.statusCode, 200);
    const rows = await readSheet(xlsx.rawPayload);
    const header = rows[0] as string[];
    const row = rows.find((r) => r[header.indexOf('Partenaire')] === name);
    assert.ok(row, 'the partnership is in the XLSX');
    assert.equal(row[header.indexOf('Budget des projets en euros')], 1234.56);
    assert.equal(row[header.indexOf('Identifiant')], id);
  });

  it('lists the countries and edits a country’s introduction, audited; too long or unknown is refused', async () => {
    await newPartnership();
    const list = await browser.get('/gestion/atlas/repertoires');
    assert.equal(list.statusCode, 200);
    assert.ok(
      rowsOf(list.body).some((r) => /^Ghana \| [1-9]\d* \| \d+ \| À écrire$/.test(r)),
      rowsOf(list.body).join('\n'),
    );
    await browser.get('/gestion/atlas/repertoires/GH');
    const text = 'Le Ghana compte seize régions.\r\n\r\nLes assemblées de district coopèrent avec la France.';
    const saved = await browser.post('/gestion/atlas/repertoires/GH', { introduction: text });
    assert.equal(saved.statusCode, 303);
    const [row] = await queryRows<{ introduction: string; updated_by: string }>(
      db,
      sql`select introduction, updated_by from country_directories where country = 'GH'`,
    );
    assert.equal(row!.introduction, text.replace(/\r\n/g, '\n'));
    assert.equal(row!.updated_by, staff.id);
    assert.equal(await auditCount('update', 'country_directory', 'GH'), 1);
    assert.ok(
      rowsOf((await browser.get('/gestion/atlas/repertoires')).body).some((r) =>
        /^Ghana \|.*\| Écrite$/.test(r),
      ),
    );

    const tooLong = await browser.post('/gestion/atlas/repertoires/GH', { introduction: 'a'.repeat(20_001) });
    assert.equal(tooLong.statusCode, 422);
    assert.match(textOf(tooLong.body), /L’introduction compte au plus 20 000 caractères\./);
    const [still] = await queryRows<{ introduction: string }>(
      db,
      sql`select introduction from country_directories where country = 'GH'`,
    );
    assert.equal(still!.introduction, text.replace(/\r\n/g, '\n'));
    assert.equal(
      (await browser.post('/gestion/atlas/repertoires/ZZ', { introduction: 'x' })).statusCode,
      404,
    );
    assert.equal((await browser.get('/gestion/atlas/repertoires/gh')).statusCode, 404);
  });

  it('keeps the publications’ catalogue: create, edit, archive; bad input in French changes nothing', async () => {
    await browser.get('/gestion/atlas/publications');
    const title = `Guide de la coopération ${unique()}`;
    const form = {
      kind: 'guide',
      title,
      description: 'Pour les élus.',
      editedOn: '2026-06-01',
      url: 'https://cites-unies-france.org/guide',
    };
    const created = await browser.post('/gestion/atlas/publications', form);
    assert.equal(created.statusCode, 303, created.body.slice(0, 300));
    const id = /publications\/([0-9a-f-]{36})/.exec(created.headers.location as string)![1]!;
    assert.equal(await auditCount('create', 'publication', id), 1);

    const twice = await browser.post('/gestion/atlas/publications', form);
    assert.equal(twice.statusCode, 409);
    assert.match(textOf(twice.body), /Une publication de ce titre existe déjà/);
    const badUrl = await browser.post('/gestion/atlas/publications', {
      ...form,
      title: `${title} 2`,
      url: 'javascript:alert(1)',
    });
    assert.equal(badUrl.statusCode, 400);
    assert.match(textOf(badUrl.body), /Adresse web attendue/);
    const badKind = await browser.post('/gestion/atlas/publications', {
      ...form,
      title: `${title} 3`,
      kind: 'roman',
    });
    assert.equal(badKind.statusCode, 400);
    assert.match(textOf(badKind.body), /Choisissez : guide, brochure ou rapport\./);
    assert.equal(await count('publications', sql`title like ${`${title}%`}`), 1);

    const url = `/gestion/atlas/publications/${id}`;
    await browser.get(url);
    const edited = await browser.post(url, { ...form, kind: 'brochure', editedOn: '2026-07-01' });
    assert.equal(edited.statusCode, 303);
    const badDate = await browser.post(url, { ...form, editedOn: '01/07/2026' });
    assert.equal(badDate.statusCode, 400);
    assert.match(textOf(badDate.body), /Date attendue au format AAAA-MM-JJ\./);
    const [row] = await queryRows<{ kind: string; edited_on: string }>(
      db,
      sql`select kind, edited_on::text as edited_on from publications where id = ${id}`,
    );
    assert.deepEqual({ ...row }, { kind: 'brochure', edited_on: '2026-07-01' });

    assert.equal((await browser.post(`${url}/archiver`, {})).statusCode, 303);
    const archived = await browser.get('/gestion/atlas/publications');
    assert.ok(rowsOf(archived.body).some((r) => r.includes(title) && r.includes('Non : archivée')));
    const refused = await browser.post(url, form);
    assert.equal(refused.statusCode, 409);
    assert.match(textOf(refused.body), /Cette publication est archivée/);
    assert.equal((await browser.post(`${url}/restaurer`, {})).statusCode, 303);
    assert.equal(await auditCount('restore', 'publication', id), 1);
    assert.equal((await browser.get(`/gestion/atlas/publications/${crypto.randomUUID()}`)).statusCode, 404);
  });

  it('is the staff’s: another person is refused, the staff menu links to it', async () => {
    const person = await buildPerson(db);
    const outsider = await signedInBrowser({ app, db }, person);
    assert.equal((await outsider.get('/gestion/atlas')).statusCode, 403);
    assert.equal((await outsider.get('/gestion/atlas/partenariats.csv')).statusCode, 403);
    const home = await browser.get('/gestion/atlas');
    const nav = DomUtils.findAll(
      (e) => e.name === 'nav' && e.attribs['aria-label'] === 'Gestion',
      parseDocument(home.body).children,
    );
    assert.ok(
      DomUtils.findAll((e) => e.name === 'a' && e.attribs.href === '/gestion/atlas', nav).length === 1,
    );
  });

  it('writes valid HTML (html-validate’s standard rules), forms refused included', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
    const { id, partner } = await newPartnership(`Tema ${unique()}`);
    const url = `/gestion/atlas/partenariats/${id}`;
    await browser.get(url);
    await browser.post(`${url}/projets`, { title: 'Port de pêche', startYear: '2022', budget: '3 000' });
    const pages: [string, string][] = [];
    for (const path of [
      '/gestion/atlas',
      '/gestion/atlas?archives=avec&country=GH',
      '/gestion/atlas/partenariats/nouveau',
      url,
      '/gestion/atlas/repertoires',
      '/gestion/atlas/repertoires/GH',
      '/gestion/atlas/publications',
    ]) {
      const response = await browser.get(path);
      assert.equal(response.statusCode, 200, path);
      pages.push([path, response.body]);
    }
    pages.push([
      `${url} (refused)`,
      (await browser.post(url, { french: '', partnerId: partner.id, kind: 'x', status: 'y' })).body,
    ]);
    pages.push([
      `${url}/projets (refused)`,
      (await browser.post(`${url}/projets`, { title: '', startYear: 'x', budget: '3 000' })).body,
    ]);
    await browser.get('/gestion/atlas');
    pages.push([
      'preview',
      (
        await browser.post('/gestion/atlas/archivage', {
          [`choix_${id}`]: 'oui',
          action: 'archiver',
          etape: 'apercu',
        })
      ).body,
    ]);
    const found: string[] = [];
    let summaryLinks = 0;
    for (const [where, html] of pages) {
      // Each error of a form's summary links to a field of the page (RGAA 11.10).
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
    assert.ok(summaryLinks >= 5, `${summaryLinks} links of error summaries checked`);
  });
});
