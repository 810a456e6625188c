// THE authorization matrix: every route of the app (method and path as Fastify knows them) and what each role
// may do, gathered from the platform's routes below and each module's `src/modules/<name>/<name>.matrix.ts`
// (how a case reads: tests/proof/cases.ts). A route of the app missing here fails
// tests/proof-authorization.test.ts, and so does an entry here that is no route of the app.
import { modules } from '../../src/modules/index.ts';
import { hashedNames } from '../../src/platform/views/assets.ts';
import { type Case, EVERYONE } from './cases.ts';

// The platform's own routes; each module declares its routes in `src/modules/<name>/<name>.matrix.ts`.
const platformMatrix: Record<string, Case[]> = {
  'GET /*': [{ name: 'static file', own: EVERYONE, build: () => ({ url: '/static/app.css' }) }],

  'GET /static/:asset': [
    {
      name: 'static file by its hashed name',
      own: EVERYONE,
      build: () => ({ url: `/static/${hashedNames.get('app.css')}` }),
    },
  ],

  'GET /healthz': [{ name: 'liveness', own: EVERYONE, build: () => ({ url: '/healthz' }) }],

  'GET /readyz': [{ name: 'readiness', own: EVERYONE, build: () => ({ url: '/readyz' }) }],

  'GET /api/openapi.json': [
    { name: 'API description', own: EVERYONE, build: () => ({ url: '/api/openapi.json' }) },
  ],
};

/** Every route's cases: the platform's and every module's of src/modules/index.ts. */
export const matrix: Record<string, Case[]> = { ...platformMatrix };
for (const module of modules) {
  const file = new URL(`../../src/modules/${module.name}/${module.name}.matrix.ts`, import.meta.url);
  const cases = ((await import(file.href)) as { matrix: Record<string, Case[]> }).matrix;
  for (const [key, entry] of Object.entries(cases)) {
    if (matrix[key]) throw new Error(`${key} : déclaré deux fois dans la matrice`);
    matrix[key] = entry;
  }
}
