import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeError } from './errors.ts';

describe('errors as a person reads them', () => {
  it('says « try again » in French, with a 503, when every database connection is busy', () => {
    const described = describeError(new Error('timeout exceeded when trying to connect'));
    assert.equal(described.status, 503);
    assert.match(described.message, /rien n’a été enregistré, réessayez/);
  });

  it('keeps bugs as 500 with a French sentence that reveals nothing', () => {
    const described = describeError(new TypeError('Cannot read properties of undefined'));
    assert.equal(described.status, 500);
    assert.doesNotMatch(described.message, /undefined/);
  });
});
