// The authorisation matrix of this module's routes (see tests/proof/matrix.ts for how a case reads):
// tests/proof-authorization.test.ts runs every cell, tests/proof-bad-input.test.ts starts from its requests.
import { type Case, type Cell, EVERYONE, staffOnly } from '../../../tests/proof/cases.ts';
import { mailRegister } from '../../platform/db/platform.schema.ts';

/** A mail of the register, as the transport writes it when a mail leaves. */
const registered = async (c: Cell) => {
  const digits = String(Date.now() * 1000 + Math.floor(Math.random() * 1000)).slice(-8);
  const code = `TEST-${digits.slice(0, 4)}-${digits.slice(4)}`;
  await c.f.db
    .insert(mailRegister)
    .values({
      code,
      messageId: `<${code}@coopdec.test>`,
      subject: 'Essai',
      recipientMasked: 'c•••@exemple.fr',
    })
    .onConflictDoNothing();
  return code;
};

export const matrix: Record<string, Case[]> = {
  'GET /': [{ name: 'home', own: EVERYONE, build: () => ({ url: '/' }) }],
  'GET /contact': [{ name: 'contact', own: EVERYONE, build: () => ({ url: '/contact' }) }],
  'GET /accessibilite': [
    { name: 'accessibility statement', own: EVERYONE, build: () => ({ url: '/accessibilite' }) },
  ],
  'GET /confidentialite': [
    { name: 'privacy notice', own: EVERYONE, build: () => ({ url: '/confidentialite' }) },
  ],
  'GET /courriels/verifier': [
    {
      name: 'check that a mail is ours',
      own: EVERYONE,
      build: () => ({ url: '/courriels/verifier?code=K7QF-9XMD-2PAB' }),
    },
  ],
  'POST /courriels/verifier': [
    {
      name: 'check a mail’s code',
      own: EVERYONE,
      build: () => ({ url: '/courriels/verifier', form: { code: 'K7QF-9XMD-2PAB' } }),
    },
  ],
  'GET /api/v1/mail-verification/:code': [
    {
      name: 'check a mail’s code through the API',
      own: EVERYONE,
      build: async (c) => ({ url: `/api/v1/mail-verification/${await registered(c)}` }),
    },
  ],
  'GET /dev/courriels': staffOnly('mails of the platform', () => ({ url: '/dev/courriels' })),
  'GET /gestion': staffOnly('the staff’s home', () => ({ url: '/gestion' })),
  'GET /gestion/recherche': staffOnly('the staff’s search', () => ({ url: '/gestion/recherche?q=Lyon' })),
  'GET /gestion/registre': staffOnly('the register of processing', () => ({ url: '/gestion/registre' })),
};
