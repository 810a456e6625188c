// The authorisation matrix of this module's routes (see tests/proof/cases.ts for how a case reads).
import { type Case, staffOnly } from '../../../tests/proof/cases.ts';
import { unique } from '../../../tests/proof/world.ts';
import { saveText } from './texts.ts';

// A text the home page declares (the module that declares it is not imported: only its key matters here).
const homeIntro = { key: 'home.intro', label: 'Accueil', where: 'accueil', default: '' };

export const matrix: Record<string, Case[]> = {
  'GET /gestion/textes': staffOnly('the site’s texts', () => ({ url: '/gestion/textes' })),
  'GET /gestion/textes/:key': staffOnly('edit a text', () => ({ url: '/gestion/textes/home.intro' })),
  'POST /gestion/textes/:key': staffOnly('save a text', () => ({
    url: '/gestion/textes/home.intro',
    form: { body: `Bienvenue ${unique()}`, action: 'save' },
  })),
  'POST /gestion/textes/:key/versions/:id': staffOnly('put a version back', async (c) => {
    const first = await saveText(c.f.db, homeIntro, { body: `Version ${unique()}` }, c.f.A.people.staff.id);
    await saveText(c.f.db, homeIntro, { body: `Version ${unique()}` }, c.f.A.people.staff.id);
    if (!first.ok) throw new Error(first.error.message);
    return { url: `/gestion/textes/home.intro/versions/${first.value.versionId}` };
  }),
};
