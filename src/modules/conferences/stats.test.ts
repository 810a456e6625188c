// The Rencontres' statistics: an edition built here, past, with people of several categories, organisations
// and countries, workshops chosen and doors scanned; its figures counted exactly, the sentence the network
// says of it, the page staff reads, and the exports read back by independent readers (csv-parse, exceljs).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { type HTMLElement, parse as parseHtml } from 'node-html-parser';
import {
  buildElected,
  buildOfficer,
  buildPerson,
  buildStaff,
  sessionCookie,
} from '../../../tests/factories.ts';
import { engine, pageText, testApp, testConfig } from '../../../tests/helpers.ts';
import { expectOk } from '../../../tests/proof/world.ts';
import { formatDay, parisDate, parisTime, parisYear } from '../../platform/time.ts';
import { cancelRegistration } from '../events/cancel-registration.ts';
import { checkIn, checkInToken } from '../events/check-in.ts';
import { notificationSettings } from '../events/notifications.ts';
import { recordMembership } from '../organisations/memberships.ts';
import { createOrganisation } from '../organisations/organisations.ts';
import type { Person } from '../organisations/people.ts';
import { recordScans, type ScanInput } from './check-in.ts';
import { chooseSession } from './choices.ts';
import { addRoom, cancelSession, createConference, saveSession } from './conferences.ts';
import { registerToConference } from './registrations.ts';
import { statsMessages } from './stats.messages.ts';
import { conferenceStats, nearRound } from './stats.ts';

const settings = notificationSettings(testConfig());
const presentHeader = 'Présent·e';
const dayIn = (days: number) => parisDate(new Date(Date.now() + days * 86_400_000));

/** The rows of a page's table, found by its caption: the row header's text, then each cell's. */
function tableOf(html: string, caption: RegExp) {
  const table = parseHtml(html)
    .querySelectorAll('table')
    .find((t) => caption.test(t.querySelector('caption')?.text ?? ''));
  assert.ok(table, `no table captioned ${caption}`);
  const text = (cell: HTMLElement) => cell.text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  return new Map(
    table.querySelectorAll('tbody tr').map((row) => {
      const [head, ...cells] = row.querySelectorAll(':scope > th, :scope > td').map(text);
      return [head!, cells];
    }),
  );
}

describe(`statistics of the Rencontres (${engine})`, async () => {
  const t = await testApp({ after });
  const { app, db } = t;
  const staff = await buildStaff(db);

  // The edition: two days, ten and nine days ago; eight seats at the venue.
  const day1 = dayIn(-10);
  const day2 = dayIn(-9);
  /** Registrations and choices are made before the doors open. */
  const before = parisTime(day1, '07:00');
  const conference = expectOk(
    await createConference(
      db,
      {
        title: `Rencontres ${randomUUID().slice(0, 8)}`,
        startsOn: day1,
        endsOn: day2,
        venue: 'Salons de l’Hôtel des Arts & Métiers, Paris',
        registrationOpensAt: '2020-01-01',
        capacity: 8,
      },
      staff.id,
    ),
  );
  const salle = expectOk(await addRoom(db, conference.id, { name: 'Salle 2', capacity: 2 }, staff.id));
  const amphi = expectOk(await addRoom(db, conference.id, { name: 'Amphithéâtre', capacity: 300 }, staff.id));
  const session = async (
    kind: string,
    title: string,
    roomId: string,
    day: string,
    from: string,
    to: string,
    capacity?: number,
  ) =>
    expectOk(
      await saveSession(
        db,
        conference.id,
        {
          kind,
          title,
          roomId,
          startsAt: parisTime(day, from).toISOString(),
          endsAt: parisTime(day, to).toISOString(),
          ...(capacity ? { capacity } : {}),
        },
        staff.id,
      ),
    );
  await session('plenary', 'Plénière d’ouverture', amphi.id, day1, '09:00', '10:00');
  const climate = await session('workshop', 'Coopération et climat', salle.id, day1, '10:00', '11:30');
  const youth = await session('workshop', 'Jeunesse et mobilité', amphi.id, day1, '10:00', '11:30', 50);
  const water = await session('micro_workshop', 'Eau et assainissement', salle.id, day2, '10:00', '11:00');
  const dropped = await session('workshop', 'Atelier annulé', amphi.id, day2, '14:00', '15:00');
  expectOk(await cancelSession(db, conference.id, dropped.id, staff.id));

  // Organisations: two French communes (one a member), a French région (a member), a foreign local
  // government, an institution.
  const organisation = async (input: Record<string, string>, member = false) => {
    const created = expectOk(await createOrganisation(db, input, null));
    if (member)
      expectOk(
        await recordMembership(
          db,
          created.id,
          { year: parisYear(before), status: 'active', feeCents: 150_000 },
          null,
        ),
      );
    return created;
  };
  const bourg = await organisation({ name: 'Bourg-en-Bresse', kind: 'commune', inseeCode: '01053' }, true);
  const nancy = await organisation({ name: 'Nancy', kind: 'commune', inseeCode: '54395' });
  const bretagne = await organisation({ name: 'Bretagne', kind: 'region', inseeCode: '53' }, true);
  const dakar = await organisation({ name: 'Dakar', kind: 'foreign_local_government', country: 'SN' });
  const agence = await organisation({ name: 'Agence des coopérations', kind: 'institution' });

  const register = async (person: Person, category: string, extra: Record<string, unknown> = {}) =>
    expectOk(
      await registerToConference(
        db,
        conference.id,
        { personId: person.id, category, ...extra },
        { settings, actorId: staff.id, staff: true, actFor: () => true, at: before },
      ),
    );
  const people = {
    p1: await buildOfficer(db, bourg.id),
    p2: await buildElected(db, bourg.id),
    p3: await buildOfficer(db, nancy.id),
    p4: await buildOfficer(db, bretagne.id),
    p5: await buildPerson(db, { kind: 'partner', organisationId: dakar.id }),
    p6: await buildPerson(db, { kind: 'partner', organisationId: agence.id }),
    p7: await buildPerson(db, { kind: 'partner' }),
    p8: await buildElected(db, nancy.id),
    p9: await buildOfficer(db, bourg.id),
    p10: await buildPerson(db, { kind: 'partner', organisationId: dakar.id }),
  };
  const r = {
    p1: await register(people.p1, 'member_local_government', {
      lunch: true,
      accessibilityNeeds: 'Accès de plain-pied',
    }),
    p2: await register(people.p2, 'member_local_government', { days: [day1] }),
    p3: await register(people.p3, 'local_government', { days: [day2], lunch: true }),
    p4: await register(people.p4, 'member_local_government'),
    p5: await register(people.p5, 'foreign_delegation', {
      days: [day1],
      lunch: true,
      accessibilityNeeds: 'Interprétation en anglais',
    }),
    p6: await register(people.p6, 'partner'),
    p7: await register(people.p7, 'press'),
    p8: await register(people.p8, 'local_government'),
    // The venue is full: these two wait, and the first of them cancels.
    p9: await register(people.p9, 'member_local_government'),
    p10: await register(people.p10, 'foreign_delegation'),
  };
  assert.equal(r.p8.status, 'confirmed');
  assert.deepEqual([r.p9.status, r.p10.status], ['waitlisted', 'waitlisted']);
  expectOk(await cancelRegistration(db, r.p9.registrationId, staff.id, { settings, at: before }));

  const choose = async (registration: { registrationId: string }, sessionId: string) =>
    expectOk(
      await chooseSession(db, registration.registrationId, sessionId, {
        actFor: () => true,
        staff: true,
        at: before,
      }),
    ).status;
  // « Coopération et climat » has two seats: the third waits.
  assert.deepEqual(
    [await choose(r.p1, climate.id), await choose(r.p2, climate.id), await choose(r.p5, climate.id)],
    ['confirmed', 'confirmed', 'waitlisted'],
  );
  await choose(r.p4, youth.id);
  await choose(r.p6, youth.id);
  await choose(r.p3, water.id);
  await choose(r.p7, water.id);

  // The doors: the entrance on both days, the workshops' doors (a person let in without a choice), and one
  // person checked in on the agenda's list, without a scan. p8 never comes.
  const scan = (
    registration: { registrationId: string },
    day: string,
    time: string,
    extra: Partial<ScanInput> = {},
  ) => ({
    nonce: randomUUID(),
    code: checkInToken(registration.registrationId),
    scannedAt: parisTime(day, time),
    ...extra,
  });
  const answers = expectOk(
    await recordScans(
      db,
      conference.id,
      [
        scan(r.p1, day1, '08:50'),
        scan(r.p4, day1, '08:55'),
        scan(r.p5, day1, '09:01'),
        scan(r.p1, day1, '10:02', { sessionId: climate.id }),
        scan(r.p2, day1, '10:03', { sessionId: climate.id }),
        scan(r.p6, day1, '10:04', { sessionId: climate.id, letIn: true }),
        scan(r.p3, day2, '09:00'),
        scan(r.p3, day2, '10:01', { sessionId: water.id }),
      ],
      staff.id,
    ),
  );
  assert.deepEqual(
    answers.map((a) => a.outcome),
    ['welcome', 'welcome', 'welcome', 'welcome', 'welcome', 'welcome', 'welcome', 'welcome'],
  );
  expectOk(await checkIn(db, r.p7.registrationId, staff.id));

  it('counts registrations by status, and who came among those confirmed', async () => {
    const stats = (await conferenceStats(db, conference.id))!;
    assert.equal(stats.phase, 'past');
    assert.deepEqual(stats.registrations, { confirmed: 8, waitlisted: 1, cancelled: 1 });
    assert.deepEqual(stats.attendance, { present: 7, absent: 1 });
  });

  it('counts participants and amounts due by category, every category of the edition listed', async () => {
    const stats = (await conferenceStats(db, conference.id))!;
    assert.deepEqual(
      stats.categories.map((c) => [c.key, c.count, c.amountDueCents]),
      [
        ['member_local_government', 3, 0],
        ['local_government', 2, 30_000],
        ['foreign_delegation', 1, 0],
        ['partner', 1, 15_000],
        ['exhibitor', 0, 0],
        ['speaker', 0, 0],
        ['press', 1, 0],
        ['staff', 0, 0],
      ],
    );
  });

  it('counts each day those who come that day (no day given: every day) and the badges scanned then', async () => {
    const stats = (await conferenceStats(db, conference.id))!;
    assert.deepEqual(
      stats.days.map((d) => [d.key, d.count, d.scanned]),
      [
        [day1, 7, 5],
        [day2, 6, 1],
      ],
    );
    assert.equal(stats.days[0]!.label, formatDay(parisTime(day1)));
  });

  it('counts by country in French, by région of the French local governments, by kind of organisation', async () => {
    const stats = (await conferenceStats(db, conference.id))!;
    assert.deepEqual(
      stats.countries.map((c) => [c.key, c.label, c.count]),
      [
        ['FR', 'France', 6],
        [null, 'Sans organisation', 1],
        ['SN', 'Sénégal', 1],
      ],
    );
    assert.deepEqual(
      stats.regions.map((c) => [c.key, c.label, c.count]),
      [
        ['84', 'Auvergne-Rhône-Alpes', 2],
        ['44', 'Grand Est', 2],
        ['53', 'Bretagne', 1],
      ],
    );
    assert.deepEqual(
      stats.kinds.map((c) => [c.key, c.label, c.count]),
      [
        ['commune', 'Commune', 4],
        ['region', 'Région', 1],
        ['foreign_local_government', 'Collectivité étrangère', 1],
        ['institution', 'Institution', 1],
        [null, 'Sans organisation', 1],
      ],
    );
  });

  it('counts members by their organisation’s standing, the lunches and the needs told (not their text)', async () => {
    const stats = (await conferenceStats(db, conference.id))!;
    assert.deepEqual(stats.membership, { members: 3, nonMembers: 5 });
    assert.equal(stats.lunch, 3);
    assert.equal(stats.accessibilityNeeds, 2);
    assert.doesNotMatch(JSON.stringify(stats), /plain-pied|Interprétation/);
  });

  it('gives each workshop its seats, choices, waiting list and people at its door; a cancelled one is left out', async () => {
    const stats = (await conferenceStats(db, conference.id))!;
    assert.deepEqual(
      stats.workshops.map((w) => [w.title, w.room, w.seats, w.confirmed, w.waitlisted, w.present]),
      [
        ['Coopération et climat', 'Salle 2', 2, 2, 1, 3],
        ['Jeunesse et mobilité', 'Amphithéâtre', 50, 2, 0, 0],
        ['Eau et assainissement', 'Salle 2', 2, 2, 0, 1],
      ],
    );
  });

  it('says the edition in the network’s words: those who came and their countries, after it', async () => {
    const stats = (await conferenceStats(db, conference.id))!;
    // Seven present, from France and Senegal (the person without organisation has no country to count).
    assert.deepEqual(stats.summary, { text: '7 participants venus de 2 pays', basis: 'present' });
  });

  it('says how many are registered so far before the edition, and who is not there yet during it', async () => {
    const upcoming = (await conferenceStats(db, conference.id, parisTime(day1, '07:30')))!;
    assert.equal(upcoming.phase, 'upcoming');
    assert.deepEqual(upcoming.summary, {
      text: '8 inscrits à ce jour, 1 personne en liste d’attente',
      basis: 'registered',
    });
    assert.equal(upcoming.attendance, undefined);
    const running = (await conferenceStats(db, conference.id, parisTime(day1, '12:00')))!;
    assert.equal(running.phase, 'running');
    assert.deepEqual(running.attendance, { present: 7, absent: 1 });
  });

  it('counts those registered when nobody was recorded at the doors, and says so', async () => {
    const other = expectOk(
      await createConference(
        db,
        {
          title: 'Rencontres sans émargement',
          startsOn: day1,
          endsOn: day1,
          venue: 'Paris',
          registrationOpensAt: '2020-01-01',
        },
        staff.id,
      ),
    );
    for (const [person, category] of [
      [await buildOfficer(db, bourg.id), 'member_local_government'],
      [await buildPerson(db, { kind: 'partner', organisationId: dakar.id }), 'foreign_delegation'],
      [await buildOfficer(db, nancy.id), 'local_government'],
    ] as const)
      expectOk(
        await registerToConference(
          db,
          other.id,
          { personId: person.id, category },
          { settings, actorId: staff.id, staff: true, actFor: () => true, at: before },
        ),
      );
    const stats = (await conferenceStats(db, other.id))!;
    assert.deepEqual(stats.summary, { text: '3 participants venus de 2 pays', basis: 'confirmed' });
    assert.deepEqual(stats.attendance, { present: 0, absent: 3 });
    assert.equal(await conferenceStats(db, randomUUID()), undefined);
  });

  it('rounds honestly: « près de » a round number only a few percent above the figure', () => {
    assert.deepEqual([397, 390, 388, 387, 400, 403, 1960, 1230, 98, 49, 19, 9].map(nearRound), [
      400,
      400,
      400,
      null,
      null,
      null,
      2000,
      null,
      100,
      50,
      null,
      null,
    ]);
    const said = (count: number, countries: number) =>
      statsMessages.statsSummaryPast({ count, near: nearRound(count), countries }).text;
    assert.equal(said(397, 24), 'Près de 400 participants venus de 24 pays');
    assert.equal(said(385, 24), '385 participants venus de 24 pays');
    assert.equal(said(1960, 31), 'Près de 2\u202f000 participants venus de 31 pays');
    assert.equal(said(1, 1), '1 participant');
    assert.equal(said(0, 0), 'Aucun participant');
  });

  // ——— Through the app ———

  const cookie = await sessionCookie(db, staff);
  const get = (url: string, headers: Record<string, string> = { cookie }) =>
    app.inject({ method: 'GET', url, headers });
  const base = `/gestion/rencontres/${conference.id}`;

  it('shows staff the summary and each table with its caption, numbers written the French way', async () => {
    const response = await get(`${base}/statistiques`);
    assert.equal(response.statusCode, 200);
    const text = pageText(response.body);
    assert.match(text, /7 participants venus de 2 pays/);
    const html = parseHtml(response.body);
    const tables = html.querySelectorAll('table');
    assert.equal(tables.length, 9);
    for (const table of tables) {
      assert.ok(table.querySelector('caption')?.text.trim(), 'every table has a caption');
      assert.ok(table.querySelectorAll('thead th[scope=col]').length >= 2);
    }
    const categories = tableOf(response.body, /par catégorie/);
    assert.deepEqual(categories.get('Collectivité non adhérente'), ['2', '300,00 €']);
    assert.deepEqual(categories.get('Total'), ['8', '450,00 €']);
    assert.deepEqual(tableOf(response.body, /par pays/).get('Sénégal'), ['1']);
    assert.deepEqual(
      tableOf(response.body, /ateliers/)
        .get('Jeunesse et mobilité')
        ?.slice(2),
      ['50', '2', '0', '0', '4 %'],
    );
    assert.doesNotMatch(response.body, /plain-pied/, 'the needs are counted, not shown');
  });

  it('refuses the statistics and exports to people who are not staff, and says an unknown edition is not there', async () => {
    const officerCookie = await sessionCookie(db, people.p1);
    for (const path of ['statistiques', 'statistiques.xlsx', 'inscriptions.csv', 'inscriptions.xlsx']) {
      assert.equal((await get(`${base}/${path}`, { cookie: officerCookie })).statusCode, 403, path);
      const anonymous = await get(`${base}/${path}`, {});
      assert.equal(anonymous.statusCode, 303, path);
      assert.equal(anonymous.headers.location, '/connexion');
      const unknown = await get(`/gestion/rencontres/${randomUUID()}/${path}`);
      assert.equal(unknown.statusCode, 404, path);
      assert.match(pageText(unknown.body), /Ces Rencontres n’existent pas/);
      assert.equal((await get(`/gestion/rencontres/pas-un-id/${path}`)).statusCode, 404, path);
    }
  });

  it('exports the registrations as CSV for the event team, read back by csv-parse', async () => {
    const response = await get(`${base}/inscriptions.csv`);
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /^text\/csv/);
    assert.match(
      response.headers['content-disposition'] as string,
      /inscriptions-rencontres-\d{4}-\d{2}-\d{2}\.csv/,
    );
    const rows = parseCsv(response.body, { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    assert.equal(rows.length, 10);
    const row = (person: Person) => rows.find((x) => x.Email === person.email)!;
    assert.deepEqual(row(people.p1), {
      Nom: people.p1.lastName,
      Prénom: 'Camille',
      Email: people.p1.email,
      Organisation: 'Bourg-en-Bresse',
      Pays: 'France',
      Catégorie: 'Collectivité adhérente',
      Statut: 'Confirmée',
      'Montant dû (€)': '0',
      Jours: 'Tous les jours',
      Déjeuner: 'oui',
      'Besoins d’accessibilité': 'Accès de plain-pied',
      Présent·e: 'oui',
      'Ateliers choisis': 'Coopération et climat',
      'Inscrit·e le': row(people.p1)['Inscrit·e le']!,
    });
    assert.match(row(people.p1)['Inscrit·e le']!, /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    assert.equal(row(people.p3)['Montant dû (€)'], '150');
    assert.equal(row(people.p3).Jours, formatDay(parisTime(day2)));
    assert.equal(row(people.p3)['Ateliers choisis'], 'Eau et assainissement');
    assert.equal(row(people.p5).Pays, 'Sénégal');
    assert.equal(row(people.p5)['Ateliers choisis'], 'Coopération et climat (liste d’attente)');
    assert.equal(row(people.p7).Organisation, '');
    const presence = (person: Person) => row(person)[presentHeader];
    assert.equal(presence(people.p7), 'oui', 'checked in on the agenda’s list');
    assert.equal(presence(people.p8), 'non');
    assert.deepEqual([row(people.p9).Statut, presence(people.p9)], ['Annulée', '']);
    assert.equal(row(people.p10).Statut, 'Liste d’attente');
  });

  it('exports the registrations as XLSX, amounts as number cells, read back by exceljs', async () => {
    const response = await get(`${base}/inscriptions.xlsx`);
    assert.equal(response.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    assert.equal(sheet.name, 'Inscriptions');
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const column = (name: string) => headers.indexOf(name) + 1;
    const rowOf = (person: Person) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(column('Email')).value === person.email) found = row;
      });
      assert.ok(found, person.email);
      return found;
    };
    assert.equal(sheet.rowCount, 11);
    assert.equal(rowOf(people.p3).getCell(column('Montant dû (€)')).value, 150);
    assert.equal(rowOf(people.p6).getCell(column('Organisation')).value, 'Agence des coopérations');
    assert.equal(
      rowOf(people.p5).getCell(column('Besoins d’accessibilité')).value,
      'Interprétation en anglais',
    );
    assert.equal(rowOf(people.p8).getCell(column('Présent·e')).value, 'non');
  });

  it('exports the statistics as a workbook, a sheet for each table, counts and amounts as numbers', async () => {
    const response = await get(`${base}/statistiques.xlsx`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.match(
      response.headers['content-disposition'] as string,
      /statistiques-rencontres-\d{4}-\d{2}-\d{2}\.xlsx/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      workbook.worksheets.map((s) => s.name),
      [
        'Inscriptions',
        'Catégories',
        'Jours',
        'Pays',
        'Régions',
        'Types d’organisation',
        'Adhésion',
        'Accueil',
        'Ateliers',
      ],
    );
    const rows = (name: string) => {
      const sheet = workbook.getWorksheet(name)!;
      const values: unknown[][] = [];
      sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
      return values;
    };
    assert.deepEqual(rows('Catégories')[0], ['Catégorie', 'Participants', 'Montant dû (€)']);
    assert.deepEqual(
      rows('Catégories').find((r) => r[0] === 'Collectivité non adhérente'),
      ['Collectivité non adhérente', 2, 300],
    );
    assert.deepEqual(rows('Régions').slice(1), [
      ['Auvergne-Rhône-Alpes', 2],
      ['Grand Est', 2],
      ['Bretagne', 1],
    ]);
    assert.deepEqual(rows('Adhésion').slice(1), [
      ['Adhérente', 3],
      ['Non adhérente ou sans organisation', 5],
    ]);
    const climate = workbook.getWorksheet('Ateliers')!.getRow(2);
    assert.equal(climate.getCell(1).value, 'Coopération et climat');
    assert.equal(climate.getCell(8).value, 1);
    assert.equal(climate.getCell(8).numFmt, '0%');
    assert.equal(rows('Inscriptions').find((r) => r[0] === 'Confirmée')?.[1], 8);
  });
});
