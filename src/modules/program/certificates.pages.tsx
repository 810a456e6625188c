// Public pages of certificates: verification by code, the Open Badges credential, the issuer's keys and profile.
import { z } from 'zod';
import { definePage, view } from '../../platform/http/pages.tsx';
import { secretsKey } from '../../platform/secrets.ts';
import type { Services } from '../../platform/services.ts';
import { getCertificate, verifyCertificate } from './certificates.ts';
import { issuerName, issuerProfileUrl, publicKey, publicKeys } from './credential.ts';
import { codePattern } from './program.forms.ts';
import { programMessages as m } from './program.messages.ts';
import { VerificationPage } from './views/verification.tsx';

const keyIdPattern = /^[a-z0-9-]{1,64}$/;

/** What a machine asking for a file that does not exist reads. */
const notFoundJson = (text: string) => ({ error: { code: 'not_found', message: text } });

export function certificatePages({ db, config }: Services) {
  return [
    definePage({
      method: 'GET',
      url: '/certificats/:code',
      access: 'public',
      params: z.object({ code: z.string() }),
      // Whatever is typed, the page says whether a certificate has this code (a malformed one has none).
      handler: async ({ params, reply, ctx }) => {
        const code = params.code.toUpperCase();
        const result = codePattern.test(code) ? await verifyCertificate(db, code) : undefined;
        reply.header('x-robots-tag', 'noindex');
        return view(
          <VerificationPage ctx={ctx} code={code.slice(0, 40)} result={result} />,
          result ? 200 : 404,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: '/certificats/:code/:file',
      access: 'public',
      params: z.object({ code: z.string(), file: z.string() }),
      handler: async ({ params, reply }) => {
        const { code, file } = params;
        const certificate = codePattern.test(code) ? await getCertificate(db, code) : undefined;
        // A certificate whose holder's identity was erased keeps no credential (it carried their hashed email).
        const stored = certificate?.credential as { json: unknown; jwt: string } | null | undefined;
        if (!stored || !['credential.json', 'credential.jwt'].includes(file)) {
          return reply.code(404).type('application/json').send(notFoundJson(m.noCertificateWithCode().text));
        }
        // A plain JWT (RFC 7519's media type): OB 3.0 §8.2 asks `typ: JWT`, not VC-JOSE-COSE's `vc+jwt`.
        if (file === 'credential.jwt') return reply.type('application/jwt').send(stored.jwt);
        return reply.type('application/ld+json; charset=utf-8').send(stored.json);
      },
    }),
    definePage({
      method: 'GET',
      url: '/.well-known/jwks.json',
      access: 'public',
      handler: async ({ reply }) =>
        reply
          .type('application/json; charset=utf-8')
          .send(await publicKeys(db, config.baseUrl, secretsKey(config))),
    }),
    // What a credential's `kid` dereferences to: the JWK itself (OB 3.0 §8.2), not a set to pick from.
    definePage({
      method: 'GET',
      url: '/reseau/cles/:id',
      access: 'public',
      params: z.object({ id: z.string() }),
      handler: async ({ params, reply }) => {
        const jwk = keyIdPattern.test(params.id) ? await publicKey(db, config.baseUrl, params.id) : undefined;
        if (!jwk) return reply.code(404).type('application/json').send(notFoundJson(m.noKey().text));
        return reply.type('application/jwk+json').send(jwk);
      },
    }),
    definePage({
      method: 'GET',
      url: '/reseau/profil.json',
      access: 'public',
      handler: async ({ reply }) =>
        reply.type('application/ld+json; charset=utf-8').send({
          '@context': [
            'https://www.w3.org/ns/credentials/v2',
            'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
          ],
          id: issuerProfileUrl(config.baseUrl),
          type: ['Profile'],
          name: issuerName(),
          url: config.baseUrl,
        }),
    }),
  ];
}
