// The partnership atlas: partnerships between French and foreign local governments, their projects, search
// in plain French with facets, maps, country directories (page and PDF), contributions reviewed by staff,
// open data and imports (issue 14, decision 019).
import { defineModule } from '../module.ts';
import { atlasPrivacy } from './atlas.privacy.ts';
import * as schema from './atlas.schema.ts';
import { seedDemoAtlas } from './demo.ts';
import { atlasImportPrivacy } from './import.privacy.ts';
import * as importSchema from './import.schema.ts';
import { openDataApiRoutes } from './open-data.api.ts';
import { openDataPages } from './open-data.pages.tsx';
import { atlasHeldBy, eraseAtlasData, exportedAtlasData, mergeAtlasPerson } from './person-data.ts';

export default defineModule({
  name: 'atlas',
  schema: { ...schema, ...importSchema },
  privacy: [...atlasPrivacy, ...atlasImportPrivacy],
  pages: (services) => [...openDataPages(services)],
  api: (services) => [...openDataApiRoutes(services)],
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
