import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildEvent, buildPerson, buildStaff } from '../../../tests/factories.ts';
import { testDatabase } from '../../../tests/helpers.ts';
import { applyAttendanceImport, parseMinutes, prepareAttendanceImport } from './attendance-import.ts';

describe('reading a duration from a video-call report', () => {
  it('reads a plain number of minutes, with a decimal point or comma, rounding down', () => {
    assert.equal(parseMinutes('45'), 45);
    assert.equal(parseMinutes(' 45 '), 45);
    assert.equal(parseMinutes('45,9'), 45);
    assert.equal(parseMinutes('12.5'), 12);
    assert.equal(parseMinutes('0'), 0);
  });

  it('reads clock durations: hours, minutes and seconds, or minutes and seconds', () => {
    assert.equal(parseMinutes('00:12:30'), 12);
    assert.equal(parseMinutes('1:05:30'), 65);
    assert.equal(parseMinutes('12:30'), 12);
  });

  it('reads French and English units, spaced or not', () => {
    assert.equal(parseMinutes('1 h 5 min'), 65);
    assert.equal(parseMinutes('1 h 05 min'), 65);
    assert.equal(parseMinutes('1h 5m 3s'), 65);
    assert.equal(parseMinutes('52m 37s'), 52);
    assert.equal(parseMinutes('2 heures'), 120);
    assert.equal(parseMinutes('1 hr 5 min'), 65);
    assert.equal(parseMinutes('90 minutes'), 90);
    assert.equal(parseMinutes('1 heure et 30 minutes'), 90);
    assert.equal(parseMinutes('1,5 h'), 90);
    assert.equal(parseMinutes('1\u00a0h\u00a05\u00a0min'), 65);
  });

  it('reads compact durations without counting only their last unit', () => {
    assert.equal(parseMinutes('1h30m'), 90);
    assert.equal(parseMinutes('1h5m3s'), 65);
    assert.equal(parseMinutes('1h05'), 65);
    assert.equal(parseMinutes('1 h 30'), 90);
  });

  it('is case-insensitive', () => {
    assert.equal(parseMinutes('1 H 5 MIN'), 65);
  });

  it('says it cannot read a duration rather than guess a wrong one', () => {
    assert.equal(parseMinutes(''), undefined);
    assert.equal(parseMinutes('abc'), undefined);
    assert.equal(parseMinutes('1 h environ'), undefined);
    assert.equal(parseMinutes('45 lunes'), undefined);
    assert.equal(parseMinutes('-'), undefined);
  });
});

describe('preparing an attendance import', async () => {
  const { db } = await testDatabase({ after });
  const staff = await buildStaff(db);

  it('reads a Teams report in UTF-16 with its summary first, and does not count the connections section twice', async () => {
    const event = await buildEvent(db, { format: 'online' });
    const alice = await buildPerson(db, { firstName: 'Alice' });
    const text = [
      '1. Résumé',
      'Titre de la réunion\tComité',
      'Participants présents\t1',
      '',
      '2. Participants',
      'Nom\tPremière participation\tDernier départ\tDurée de la réunion\tE-mail\tRôle',
      `Alice\t08/07/2026 09:00\t08/07/2026 10:05\t1h 5m 3s\t${alice.email}\tParticipant`,
      '',
      '3. Activités de réunion',
      'Nom\tHeure de participation\tHeure de départ\tDurée\tE-mail\tRôle',
      `Alice\t08/07/2026 09:00\t08/07/2026 09:30\t30m\t${alice.email}\tParticipant`,
      `Alice\t08/07/2026 09:31\t08/07/2026 10:05\t35m 3s\t${alice.email}\tParticipant`,
    ].join('\r\n');
    const data = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const prepared = await prepareAttendanceImport(db, event.id, 'teams.csv', data, 30, staff.id);
    assert.ok(prepared.ok, prepared.ok ? '' : prepared.error.message);
    assert.deepEqual(
      prepared.value.report.matched.map((m) => [m.email, m.minutes]),
      [[alice.email, 65]],
    );
    assert.deepEqual(prepared.value.report.unmatched, []);
    const applied = await applyAttendanceImport(db, prepared.value.id, staff.id);
    assert.ok(applied.ok);
    assert.equal(applied.value.recorded, 1);
  });

  it('says in French which columns are missing', async () => {
    const event = await buildEvent(db);
    const prepared = await prepareAttendanceImport(
      db,
      event.id,
      'x.csv',
      Buffer.from('Nom;Arrivée\nAlice;09:00\n'),
      30,
      staff.id,
    );
    assert.ok(!prepared.ok);
    assert.match(prepared.error.message, /colonne d’adresse électronique/);
  });
});
