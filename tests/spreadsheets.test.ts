// Issue 8, point 4 — the exports as spreadsheets read them, on a server far from Paris (TZ=Asia/Tokyo, set
// by the first import before any other module loads). Every export (registrations with attendance,
// expressions of interest, cohort, people, organisations) is downloaded in both formats. The XLSX is read by
// an independent reader, read-excel-file: dates are date cells holding Paris wall-clock time (Excel has no
// time zone), counts are number cells, codes stay text. The CSV says the same in French text (jj/mm/aaaa
// hh:mm), with a BOM, « ; » and CRLF line ends (RFC 4180). Expected values are written out by hand.
import './far-from-paris.ts';

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { readSheet } from 'read-excel-file/node';
import { recordAttendance } from '../src/modules/events/check-in.ts';
import { attendance, registrations } from '../src/modules/events/events.schema.ts';
import { notificationSettings } from '../src/modules/events/notifications.ts';
import { register } from '../src/modules/events/register.ts';
import { newsletterSubscribers } from '../src/modules/newsletter/newsletter.schema.ts';
import { applyToProgram, decideApplication } from '../src/modules/program/applications.ts';
import { expressInterest } from '../src/modules/program/interest.ts';
import { expressionsOfInterest } from '../src/modules/program/program.schema.ts';
import { addSession, createProgram } from '../src/modules/program/programs.ts';
import { secretsKey } from '../src/platform/secrets.ts';
import {
  buildElected,
  buildEvent,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
  sessionCookie,
} from './factories.ts';
import { hostIsFarFromParis } from './far-from-paris.ts';
import { testApp } from './helpers.ts';

const baseUrl = 'http://localhost:3000';

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** A wall-clock reading, as a date cell holds it and read-excel-file returns it (in the Date's UTC fields). */
const wallClock = (y: number, m: number, d: number, h = 0, min = 0) =>
  new Date(Date.UTC(y, m - 1, d, h, min));

/** To the second: an Excel date is a floating-point number of days. */
const toSecond = (value: unknown) =>
  value instanceof Date ? new Date(Math.round(value.getTime() / 1000) * 1000) : value;

describe('exports as spreadsheets read them, on a server in Tokyo', async () => {
  const { app, db, config } = await testApp({ after });
  const signing = { baseUrl: config.baseUrl, secretsKey: secretsKey(config) };
  const staff = await buildStaff(db);
  const cookie = await sessionCookie(db, staff);
  // Bourg-en-Bresse: INSEE code 01053, which a number cell would turn into 1053.
  const bourg = await buildLocalGovernment(db, { name: 'Bourg-en-Bresse' });

  async function download(url: string) {
    const response = await app.inject({ method: 'GET', url, headers: { cookie } });
    assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 200)}`);
    return response;
  }

  /** The XLSX as read-excel-file reads it, and the CSV's lines split on CRLF only. */
  async function both(url: string) {
    const xlsx = await download(`${url}.xlsx`);
    const csv = await download(`${url}.csv`);
    assert.ok(csv.body.startsWith('\ufeff'), `${url}.csv: BOM`);
    assert.ok(csv.body.endsWith('\r\n'), `${url}.csv: ends with CRLF`);
    assert.doesNotMatch(csv.body, /[^\r]\n/, `${url}.csv: a line ends without CR`);
    const rows = await readSheet(xlsx.rawPayload);
    const lines = csv.body.slice(1, -2).split('\r\n');
    return { rows, lines, header: rows[0] as string[], xlsx: xlsx.rawPayload };
  }

  /** The row whose cell under `column` is `value`, from the XLSX and from the CSV. */
  function rowOf(table: Awaited<ReturnType<typeof both>>, column: string, value: string) {
    const index = table.header.indexOf(column);
    const row = table.rows.find((r) => r[index] === value);
    const line = table.lines.find((l) => l.split(';')[index] === value);
    assert.ok(row && line, `no row with ${column} = ${value}`);
    const cells = line.split(';');
    const get = (name: string) => {
      const i = table.header.indexOf(name);
      assert.ok(i >= 0, `no column ${name}`);
      return { xlsx: toSecond(row[i]), csv: cells[i] };
    };
    return get;
  }

  /** The number format of a cell, as exceljs reads it back (the reader above does not expose it). */
  async function numberFormat(data: Buffer, column: string, rowNumber: number) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const index = (sheet.getRow(1).values as unknown[]).indexOf(column);
    return sheet.getRow(rowNumber).getCell(index).numFmt;
  }

  it('runs in a process whose time zone is Asia/Tokyo', () => {
    assert.ok(
      hostIsFarFromParis(),
      `TZ is ${process.env.TZ}, ${Intl.DateTimeFormat().resolvedOptions().timeZone}`,
    );
  });

  it('writes registrations and attendance with date cells at Paris time and minutes as numbers', async () => {
    const event = await buildEvent(db, { title: 'Séminaire Tokyo', format: 'hybrid' });
    const person = await buildOfficer(db, bourg.id);
    const registration = expectOk(
      await register(
        db,
        { eventId: event.id, personId: person.id, registeredBy: staff.id, mode: 'online' },
        { settings: notificationSettings(config) },
      ),
    );
    // 14:00 UTC in winter is 15:00 in Paris (23:00 in Tokyo); 21:30 UTC in summer is 23:30 in Paris on
    // 3 July (already 4 July in Tokyo).
    await db
      .update(registrations)
      .set({ createdAt: new Date('2026-12-15T14:00:00Z') })
      .where(eq(registrations.id, registration.id));
    await recordAttendance(db, {
      eventId: event.id,
      personId: person.id,
      source: 'import',
      minutes: 45,
      recordedBy: staff.id,
    });
    await db
      .update(attendance)
      .set({ recordedAt: new Date('2026-07-03T21:30:00Z') })
      .where(eq(attendance.personId, person.id));

    const table = await both(`/gestion/evenements/${event.id}/inscriptions`);
    const cell = rowOf(table, 'Email', person.email);
    assert.deepEqual(cell('Inscrit·e le'), { xlsx: wallClock(2026, 12, 15, 15, 0), csv: '15/12/2026 15:00' });
    assert.deepEqual(cell('Présence enregistrée le'), {
      xlsx: wallClock(2026, 7, 3, 23, 30),
      csv: '03/07/2026 23:30',
    });
    assert.deepEqual(cell('Minutes en ligne'), { xlsx: 45, csv: '45' });
    assert.deepEqual(cell('Nom'), { xlsx: person.lastName, csv: person.lastName });
    assert.equal(await numberFormat(table.xlsx, 'Inscrit·e le', 2), 'dd/mm/yyyy hh:mm');
    assert.equal(await numberFormat(table.xlsx, 'Présence enregistrée le', 2), 'dd/mm/yyyy hh:mm');
  });

  it('writes the days of expressions of interest as date cells, on their Paris day', async () => {
    const program = expectOk(await createProgram(db, { title: 'Promotion Tokyo', minSessions: 2 }, staff.id));
    const add = async (email: string, createdAt: string, invitedAt: string | null) => {
      const { id } = expectOk(
        await expressInterest(
          db,
          program.id,
          {
            firstName: 'Aiko',
            lastName: 'Intérêt',
            email,
            organisationName: 'Bourg-en-Bresse',
            mandate: 'conseillère municipale',
          },
          signing,
        ),
      );
      // Only confirmed addresses are exported (double opt-in).
      await db
        .update(expressionsOfInterest)
        .set({
          createdAt: new Date(createdAt),
          confirmedAt: new Date(createdAt),
          invitedAt: invitedAt ? new Date(invitedAt) : null,
        })
        .where(eq(expressionsOfInterest.id, id));
    };
    // 16:00 UTC on 28 March is 17:00 in Paris, 01:00 on the 29th in Tokyo; 22:30 UTC on 24 October is
    // 00:30 on the 25th in Paris (summer time).
    await add('invitee@example.org', '2026-03-28T16:00:00Z', '2026-10-24T22:30:00Z');
    await add('waiting@example.org', '2026-03-28T16:00:00Z', null);

    const table = await both(`/gestion/parcours/${program.id}/interets`);
    const invited = rowOf(table, 'Adresse électronique', 'invitee@example.org');
    assert.deepEqual(invited('Reçue le'), { xlsx: wallClock(2026, 3, 28), csv: '28/03/2026' });
    assert.deepEqual(invited('Invitée le'), { xlsx: wallClock(2026, 10, 25), csv: '25/10/2026' });
    assert.deepEqual(rowOf(table, 'Adresse électronique', 'waiting@example.org')('Invitée le'), {
      xlsx: null,
      csv: '',
    });
    assert.equal(await numberFormat(table.xlsx, 'Reçue le', 2), 'dd/mm/yyyy');
  });

  it('writes the cohort’s counts of sessions as number cells', async () => {
    const program = expectOk(
      await createProgram(db, { title: 'Promotion comptée', minSessions: 2 }, staff.id),
    );
    const past = await buildEvent(db, { title: 'Séance passée', audience: 'members' }, -10);
    expectOk(await addSession(db, program.id, { eventId: past.id, mandatory: true }, staff.id));
    const elected = await buildElected(db, bourg.id);
    const application = expectOk(await applyToProgram(db, program.id, { personId: elected.id }, elected.id));
    expectOk(
      await db.transaction((tx) =>
        decideApplication(tx, application.id, { decision: 'accepted' }, staff.id, baseUrl),
      ),
    );
    await recordAttendance(db, {
      eventId: past.id,
      personId: elected.id,
      source: 'check_in',
      recordedBy: staff.id,
    });

    const table = await both(`/gestion/parcours/${program.id}/promotion`);
    const cell = rowOf(table, 'Adresse électronique', elected.email);
    assert.deepEqual(cell('Séances suivies'), { xlsx: 1, csv: '1' });
    assert.deepEqual(cell('Séances exigées'), { xlsx: 2, csv: '2' });
    assert.deepEqual(cell('Obligatoires suivies'), { xlsx: 1, csv: '1' });
    assert.deepEqual(cell('Obligatoires'), { xlsx: 1, csv: '1' });
    // Beside the numbers, the count in words, as the cohort's page says it (never « 1 / 2 »).
    const words = '1 séance suivie, 2 requises, dont la séance obligatoire';
    assert.deepEqual(cell('Présences'), { xlsx: words, csv: words });
    assert.deepEqual(cell('Situation'), {
      xlsx: 'ne peut plus obtenir le certificat',
      csv: 'ne peut plus obtenir le certificat',
    });
  });

  it('keeps codes and names as text in the people and organisations exports', async () => {
    const person = await buildOfficer(db, bourg.id);
    const organisations = await both('/gestion/export/organisations');
    assert.deepEqual(rowOf(organisations, 'Nom', bourg.name)('Code INSEE'), { xlsx: '01053', csv: '01053' });
    const people = await both('/gestion/export/personnes');
    assert.deepEqual(rowOf(people, 'Email', person.email)('Organisation'), {
      xlsx: bourg.name,
      csv: bourg.name,
    });
    for (const table of [organisations, people])
      for (const row of table.rows.slice(1))
        for (const value of row)
          assert.ok(value === null || typeof value === 'string', `${value} is not text`);
  });

  it('writes the Lettre’s readers with their subscription and confirmation at Paris time', async () => {
    await db.insert(newsletterSubscribers).values({
      email: 'lectrice.tokyo@exemple.fr',
      status: 'confirmed',
      topics: ['lettre'],
      // 23:30 UTC on 31 December is 00:30 on 1 January in Paris (and 08:30 in Tokyo).
      createdAt: new Date('2026-12-31T23:00:00Z'),
      confirmedAt: new Date('2026-12-31T23:30:00Z'),
    });
    const readers = await both('/gestion/lettre/abonnes');
    const get = rowOf(readers, 'Adresse', 'lectrice.tokyo@exemple.fr');
    assert.deepEqual(get('État'), { xlsx: 'Abonné', csv: 'Abonné' });
    assert.deepEqual(get('Confirmé le'), { xlsx: wallClock(2027, 1, 1, 0, 30), csv: '01/01/2027 00:30' });
    assert.deepEqual(get('Reçoit'), {
      xlsx: 'La Lettre de Cités Unies France',
      csv: 'La Lettre de Cités Unies France',
    });
  });
});
