import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyRule } from './progress.ts';

// 12 sessions, the first two mandatory, as in the 2026-2027 edition.
function sessions(attended: number[], endedUpTo = 12) {
  return Array.from({ length: 12 }, (_, i) => ({
    mandatory: i < 2,
    ended: i < endedUpTo,
    attended: attended.includes(i),
  }));
}

describe('the certification rule: at least 5 sessions including both mandatory ones', () => {
  it('does not certify 5 sessions with only one mandatory', () => {
    const outcome = applyRule({ minSessions: 5, sessions: sessions([0, 2, 3, 4, 5]) });
    assert.equal(outcome.attended, 5);
    assert.equal(outcome.mandatoryAttended, 1);
    assert.equal(outcome.eligible, false);
    assert.equal(outcome.standing, 'at_risk');
  });

  it('certifies 4 ordinary sessions plus the 2 mandatory ones', () => {
    const outcome = applyRule({ minSessions: 5, sessions: sessions([0, 1, 2, 3, 4, 5]) });
    assert.deepEqual(
      [outcome.attended, outcome.mandatoryAttended, outcome.eligible, outcome.standing],
      [6, 2, true, 'eligible'],
    );
  });

  it('certifies exactly 5 including both mandatory ones', () => {
    assert.equal(applyRule({ minSessions: 5, sessions: sessions([0, 1, 7, 8, 9]) }).eligible, true);
  });

  it('says « on track » while enough sessions remain, « at risk » once they cannot suffice', () => {
    assert.equal(applyRule({ minSessions: 5, sessions: sessions([0, 1], 4) }).standing, 'on_track');
    assert.equal(applyRule({ minSessions: 5, sessions: sessions([2], 10) }).standing, 'at_risk');
    assert.equal(applyRule({ minSessions: 5, sessions: sessions([0, 1, 9], 10) }).standing, 'on_track');
    assert.equal(applyRule({ minSessions: 5, sessions: sessions([0, 1], 10) }).standing, 'at_risk');
  });

  it('follows the numbers of the edition, not fixed ones', () => {
    const three = applyRule({ minSessions: 3, sessions: sessions([0, 1, 2]) });
    assert.equal(three.eligible, true);
    assert.equal(three.remaining, 0);
  });
});
