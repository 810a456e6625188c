import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatDay,
  formatTime,
  formatWhen,
  parisDateTime,
  parisDateTimeLocal,
  parisDays,
  parisTime,
} from './time.ts';

describe('time in words (Paris)', () => {
  it('says the weekday and the day once, with French hours', () => {
    assert.equal(
      formatWhen(parisTime('2026-12-22', '09:30'), parisTime('2026-12-22', '12:30')),
      'mardi 22 décembre 2026, de 9 h 30 à 12 h 30',
    );
    assert.equal(formatTime(parisTime('2026-07-08', '14:05')), '14 h 05');
    assert.equal(formatDay(parisTime('2025-03-01')), 'samedi 1er mars 2025');
  });

  it('says a span of days from its first to its last, the month and year once when they are shared', () => {
    assert.equal(
      formatWhen(parisTime('2025-11-10', '09:00'), parisTime('2025-11-21', '18:00')),
      'du lundi 10 au vendredi 21 novembre 2025',
    );
    assert.equal(
      formatWhen(parisTime('2026-06-30', '09:00'), parisTime('2026-07-02', '18:00')),
      'du mardi 30 juin au jeudi 2 juillet 2026',
    );
    assert.equal(
      formatWhen(parisTime('2026-07-08', '09:00'), parisTime('2026-07-09', '17:30'), { withHours: true }),
      'du mercredi 8 juillet 2026 à 9 h au jeudi 9 juillet 2026 à 17 h 30',
    );
  });

  it('lists every Paris day an event covers, across a change of time', () => {
    assert.deepEqual(parisDays(parisTime('2026-10-24', '22:00'), parisTime('2026-10-26', '01:00')), [
      '2026-10-24',
      '2026-10-25',
      '2026-10-26',
    ]);
    assert.deepEqual(parisDays(parisTime('2026-07-08', '09:00'), parisTime('2026-07-08', '23:30')), [
      '2026-07-08',
    ]);
  });

  it('reads the same on a server far from Paris (the day of a late evening in Paris)', () => {
    // 23:30 in Paris is already the next day in UTC and in Tokyo: the Paris day is the one said.
    assert.equal(formatDay(parisTime('2026-07-08', '23:30')), 'mercredi 8 juillet 2026');
  });
});

describe('prefilling a datetime-local field', () => {
  it('shows an instant in Paris time, summer and winter, and reads back as the same instant', () => {
    assert.equal(parisDateTimeLocal(new Date('2026-07-08T07:30:00Z')), '2026-07-08T09:30');
    assert.equal(parisDateTimeLocal(new Date('2026-01-15T23:05:00Z')), '2026-01-16T00:05');
    for (const iso of ['2026-07-08T07:30:00.000Z', '2026-12-31T22:59:00.000Z']) {
      const read = parisDateTime(parisDateTimeLocal(new Date(iso)));
      assert.ok('iso' in read);
      assert.equal(new Date(read.iso).toISOString(), iso);
    }
  });
});
