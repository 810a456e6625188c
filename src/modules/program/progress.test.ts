import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyRule, type RuleSession } from './progress.ts';

// 12 sessions, the first two mandatory, as in the 2026-2027 edition; `endedUpTo` of them over.
function sessions(attended: number[], endedUpTo = 12): RuleSession[] {
  return Array.from({ length: 12 }, (_, i) => ({
    mandatory: i < 2,
    ended: i < endedUpTo,
    started: i < endedUpTo,
    attended: attended.includes(i),
  }));
}

describe('the certification rule: at least 5 sessions including both mandatory ones', () => {
  it('does not certify 5 sessions with only one mandatory, and says it cannot be had any more', () => {
    const outcome = applyRule({ minSessions: 5, sessions: sessions([0, 2, 3, 4, 5]) });
    assert.equal(outcome.attended, 5);
    assert.equal(outcome.mandatoryAttended, 1);
    assert.equal(outcome.eligible, false);
    assert.equal(outcome.standing, 'out_of_reach');
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

  it('tells apart « en bonne voie », « à risque » and « ne peut plus » from what remains', () => {
    const standing = (attended: number[], ended: number) =>
      applyRule({ minSessions: 5, sessions: sessions(attended, ended) }).standing;
    // 2 of 4 attended, 8 left, 3 needed: room to spare.
    assert.equal(standing([0, 1], 4), 'on_track');
    // 3 of 10 attended, 2 left, 2 needed: every session left is needed.
    assert.equal(standing([0, 1, 9], 10), 'at_risk');
    // 2 of 8 attended, 4 left, 3 needed: one more may be missed, no more.
    assert.equal(standing([0, 1], 8), 'at_risk');
    // 2 of 10 attended, 2 left, 3 needed: too few sessions left.
    assert.equal(standing([0, 1], 10), 'out_of_reach');
    // Both mandatory sessions over without her: nothing left can make up for them (issue 10: not « à risque »).
    assert.equal(standing([2], 10), 'out_of_reach');
    assert.equal(standing([2, 3, 4, 5, 6, 7], 8), 'out_of_reach');
  });

  it('says nobody is « à risque » before missing a session, even when every session is required', () => {
    const five = Array.from({ length: 5 }, (_, i) => ({
      mandatory: i === 0,
      ended: false,
      started: false,
      attended: false,
    }));
    const outcome = applyRule({ minSessions: 5, sessions: five });
    assert.equal(outcome.standing, 'on_track');
    assert.equal(outcome.left, 5);
    assert.equal(outcome.remaining, 5);
  });

  it('counts a session in progress as one that can still be attended, but not as one « left »', () => {
    // 4 attended with both mandatory; the 5th session has started and is not over: still possible.
    const list = sessions([0, 1, 2, 3], 4).slice(0, 5);
    list[4] = { mandatory: false, ended: false, started: true, attended: false };
    const outcome = applyRule({ minSessions: 5, sessions: list });
    assert.equal(outcome.left, 0);
    assert.equal(outcome.missed, 0);
    assert.equal(outcome.standing, 'on_track');
    // Once it is over without her, the certificate is out of reach.
    list[4] = { mandatory: false, ended: true, started: true, attended: false };
    assert.equal(applyRule({ minSessions: 5, sessions: list }).standing, 'out_of_reach');
  });

  it('leaves a cancelled session out: it neither counts nor remains, mandatory or not', () => {
    const list = sessions([0, 1, 2], 6);
    // The second mandatory session is cancelled (not attended, over): it no longer stands in the way.
    list[1] = { ...list[1]!, cancelled: true, attended: false };
    // An upcoming session is cancelled: one fewer left.
    list[11] = { ...list[11]!, cancelled: true };
    const outcome = applyRule({ minSessions: 5, sessions: list });
    assert.equal(outcome.mandatoryTotal, 1);
    assert.equal(outcome.attended, 2);
    assert.equal(outcome.left, 5);
    assert.equal(outcome.missed, 3);
    assert.notEqual(outcome.standing, 'out_of_reach');
    // Attendance recorded at a cancelled session does not count either.
    const counted = sessions([0, 1, 2, 3, 4]);
    counted[4] = { ...counted[4]!, cancelled: true };
    assert.equal(applyRule({ minSessions: 5, sessions: counted }).attended, 4);
    assert.equal(applyRule({ minSessions: 5, sessions: counted }).eligible, false);
  });

  it('follows the numbers of the edition, not fixed ones', () => {
    const three = applyRule({ minSessions: 3, sessions: sessions([0, 1, 2]) });
    assert.equal(three.eligible, true);
    assert.equal(three.remaining, 0);
  });
});
