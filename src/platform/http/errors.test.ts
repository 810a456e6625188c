import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeError } from './errors.ts';

describe('errors as a person reads them', () => {
  it('says « try again » in French, with a 503, when every database connection is busy', () => {
    const described = describeError(new Error('timeout exceeded when trying to connect'));
    assert.equal(described.status, 503);
    assert.match(described.message, /rien n’a été enregistré, réessayez/);
  });

  it('answers 503, not 500, when the database is out of reach behind the ORM’s « Failed query » error', () => {
    // What drizzle throws when the pg pool cannot connect: the driver's error is only its cause.
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const wrapped = Object.assign(new Error('Failed query: select 1\nparams: '), { cause: refused });
    assert.equal(describeError(wrapped).status, 503);
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    assert.equal(describeError(new Error('Failed query: x', { cause: shutdown })).status, 503);
    assert.equal(
      describeError(new Error('Failed query: x', { cause: new Error('syntax error') })).status,
      500,
    );
  });

  it('keeps bugs as 500 with a French sentence that reveals nothing', () => {
    const described = describeError(new TypeError('Cannot read properties of undefined'));
    assert.equal(described.status, 500);
    assert.doesNotMatch(described.message, /undefined/);
  });
});
