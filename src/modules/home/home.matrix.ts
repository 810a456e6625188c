// The authorisation matrix of this module's routes (see tests/proof/matrix.ts for how a case reads):
// tests/proof-authorization.test.ts runs every cell, tests/proof-bad-input.test.ts starts from its requests.
import { type Case, EVERYONE, staffOnly } from '../../../tests/proof/cases.ts';

export const matrix: Record<string, Case[]> = {
  'GET /': [{ name: 'home', own: EVERYONE, build: () => ({ url: '/' }) }],
  'GET /contact': [{ name: 'contact', own: EVERYONE, build: () => ({ url: '/contact' }) }],
  'GET /accessibilite': [
    { name: 'accessibility statement', own: EVERYONE, build: () => ({ url: '/accessibilite' }) },
  ],
  'GET /confidentialite': [
    { name: 'privacy notice', own: EVERYONE, build: () => ({ url: '/confidentialite' }) },
  ],
  'GET /dev/courriels': staffOnly('mails of the platform', () => ({ url: '/dev/courriels' })),
  'GET /gestion': staffOnly('the staff’s home', () => ({ url: '/gestion' })),
  'GET /gestion/recherche': staffOnly('the staff’s search', () => ({ url: '/gestion/recherche?q=Lyon' })),
  'GET /gestion/registre': staffOnly('the register of processing', () => ({ url: '/gestion/registre' })),
};
