// Public pages of certificates: verification by code, the Open Badges credential, the issuer's keys and profile.
import type { FastifyInstance } from 'fastify';
import { pageContext, sendPage } from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import { getCertificate, verifyCertificate } from './certificates.ts';
import { issuerName, issuerProfileUrl, publicKey, publicKeys } from './credential.ts';
import { VerificationPage } from './views/verification.tsx';

const codePattern = /^[A-Z0-9-]{8,40}$/;
const keyIdPattern = /^[a-z0-9-]{1,64}$/;

export function registerCertificateRoutes(app: FastifyInstance, services: Services) {
  const { db, config } = services;

  app.get('/certificats/:code', async (request, reply) => {
    const code = (request.params as { code: string }).code.toUpperCase();
    const result = codePattern.test(code) ? await verifyCertificate(db, code) : undefined;
    reply.header('x-robots-tag', 'noindex');
    return sendPage(
      reply,
      <VerificationPage ctx={pageContext(request, reply)} code={code.slice(0, 40)} result={result} />,
      result ? 200 : 404,
    );
  });

  app.get('/certificats/:code/:file', async (request, reply) => {
    const { code, file } = request.params as { code: string; file: string };
    const certificate = codePattern.test(code) ? await getCertificate(db, code) : undefined;
    const stored = certificate?.credential as { json: unknown; jwt: string } | undefined;
    if (!stored || !['credential.json', 'credential.jwt'].includes(file)) {
      return reply
        .code(404)
        .type('application/json')
        .send({ error: { code: 'not_found', message: 'Aucun certificat ne porte ce code.' } });
    }
    // A plain JWT (RFC 7519's media type): OB 3.0 §8.2 asks `typ: JWT`, not VC-JOSE-COSE's `vc+jwt`.
    if (file === 'credential.jwt') return reply.type('application/jwt').send(stored.jwt);
    return reply.type('application/ld+json; charset=utf-8').send(stored.json);
  });

  app.get('/.well-known/jwks.json', async () => publicKeys(db, config.baseUrl));

  // What a credential's `kid` dereferences to: the JWK itself (OB 3.0 §8.2), not a set to pick from.
  app.get('/reseau/cles/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const jwk = keyIdPattern.test(id) ? await publicKey(db, config.baseUrl, id) : undefined;
    if (!jwk) {
      return reply
        .code(404)
        .type('application/json')
        .send({ error: { code: 'not_found', message: 'Aucune clé ne porte ce nom.' } });
    }
    return reply.type('application/jwk+json').send(jwk);
  });

  app.get('/reseau/profil.json', async (_request, reply) =>
    reply.type('application/ld+json; charset=utf-8').send({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: issuerProfileUrl(config.baseUrl),
      type: ['Profile'],
      name: issuerName,
      url: config.baseUrl,
    }),
  );
}
