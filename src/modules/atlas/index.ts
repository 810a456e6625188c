// The partnership atlas: partnerships between French and foreign local governments, their projects, search
// in plain French with facets, maps, country directories (page and PDF), contributions reviewed by staff,
// open data and imports (issue 14, decision 019).
import { defineModule } from '../module.ts';
import { atlasApiRoutes } from './atlas.api.ts';
import { atlasPages } from './atlas.pages.tsx';
import { atlasPrivacy } from './atlas.privacy.ts';
import * as schema from './atlas.schema.ts';
import { contributionPages } from './contributions.pages.tsx';
import { contributionsAttention, contributionsForPerson } from './contributions.ts';
import { seedDemoAtlas } from './demo.ts';
import { atlasImportPrivacy } from './import.privacy.ts';
import * as importSchema from './import.schema.ts';
import { openDataApiRoutes } from './open-data.api.ts';
import { openDataPages } from './open-data.pages.tsx';
import { atlasHeldBy, eraseAtlasData, exportedAtlasData, mergeAtlasPerson } from './person-data.ts';
import { staffAtlasPages } from './staff-atlas.pages.tsx';

export default defineModule({
  name: 'atlas',
  schema: { ...schema, ...importSchema },
  privacy: [...atlasPrivacy, ...atlasImportPrivacy],
  pages: (services) => [
    ...atlasPages(services),
    ...contributionPages(services),
    ...openDataPages(services),
    ...staffAtlasPages(services),
  ],
  api: (services) => [...atlasApiRoutes(services), ...openDataApiRoutes(services)],
  attention: contributionsAttention,
  forPerson: contributionsForPerson,
  nav: [
    { menu: 'main', href: '/atlas', label: 'Atlas', order: 18 },
    { menu: 'staff', href: '/gestion/atlas', label: 'Atlas', order: 27 },
    { menu: 'staff', href: '/gestion/atlas/contributions', label: 'Contributions à l’atlas', order: 32 },
  ],
  people: {
    merged: mergeAtlasPerson,
    held: atlasHeldBy,
    exported: exportedAtlasData,
    erased: eraseAtlasData,
  },
  seed: async (tx, demo) => {
    await seedDemoAtlas(tx, demo);
  },
});
