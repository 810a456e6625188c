// The authorisation matrix of this module's routes (see tests/proof/matrix.ts for how a case reads):
// tests/proof-authorization.test.ts runs every cell, tests/proof-bad-input.test.ts starts from its requests.
import { type Case, EVERYONE, staffOnly } from '../../../tests/proof/cases.ts';

export const matrix: Record<string, Case[]> = {
  'GET /': [{ name: 'home', own: EVERYONE, build: () => ({ url: '/' }) }],

  'GET /accessibilite': [
    { name: 'accessibility statement', own: EVERYONE, build: () => ({ url: '/accessibilite' }) },
  ],

  'GET /dev/courriels': staffOnly('mails of the platform', () => ({ url: '/dev/courriels' })),
};
