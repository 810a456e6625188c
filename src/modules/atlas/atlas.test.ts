// The atlas's search in plain French, its facets, the matchmaking question, the directory's access rule and
// the API's refusals — on the engine of the run (PGlite, or PostgreSQL with DATABASE_URL).
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import {
  bearer,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
  signedInBrowser,
} from '../../../tests/factories.ts';
import { testApp } from '../../../tests/helpers.ts';
import { expectOk } from '../../../tests/proof/world.ts';
import { queryRows } from '../../platform/db/client.ts';
import { createOrganisation } from '../organisations/organisations.ts';
import { setArchived, setPartnerPlace } from './partnerships.ts';

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

interface Found {
  items: {
    id: string;
    partner: { name: string; country: string };
    frenchOrganisations: { name: string }[];
  }[];
  total: number;
  facets: Record<string, Record<string, number>>;
}

describe('atlas', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const staffAuth = await bearer(db, staff);
  const api = (url: string) => app.inject({ url });
  const search = async (query: string): Promise<Found> => {
    const answer = await api(`/api/v1/partnerships?${query}`);
    assert.equal(answer.statusCode, 200, answer.body);
    return answer.json() as Found;
  };
  const foreign = async (name: string, country: string, region?: string) => {
    const o = expectOk(
      await createOrganisation(db, { name, kind: 'foreign_local_government', country }, null),
    );
    if (region) await setPartnerPlace(db, o.id, region);
    return o;
  };
  const create = async (body: object) => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/partnerships',
      headers: staffAuth,
      payload: body,
    });
    assert.equal(created.statusCode, 201, created.body);
    return created.json() as { id: string };
  };

  // A small atlas: Senegal (water, a description with « coopération »), Japan (culture), Morocco (waste).
  const member = await buildLocalGovernment(db, { member: true });
  const other = await buildLocalGovernment(db, { member: true });
  const outsider = await buildLocalGovernment(db, { member: false });
  const ziguinchor = await foreign('Ziguinchor', 'SN', 'Région de Ziguinchor');
  const bignona = await foreign('Bignona', 'SN', 'Région de Ziguinchor');
  const shizuoka = await foreign('Shizuoka', 'JP', 'Préfecture de Shizuoka');
  const fes = await foreign('Fès', 'MA', 'Fès-Meknès');
  const senegal = await create({
    frenchOrganisationIds: [member.id],
    partnerOrganisationId: ziguinchor.id,
    kind: 'decentralised_cooperation',
    status: 'active',
    since: 1998,
    themes: ['water', 'governance'],
    description: 'Une coopération ancienne pour l’accès à l’eau potable des quartiers.',
  });
  const japan = await create({
    frenchOrganisationIds: [member.id],
    partnerOrganisationId: shizuoka.id,
    kind: 'twinning',
    status: 'active',
    since: 1991,
    themes: ['culture'],
  });
  const sameRegion = await create({
    frenchOrganisationIds: [other.id],
    partnerOrganisationId: bignona.id,
    kind: 'friendship_pact',
    status: 'dormant',
    themes: ['water'],
  });
  const morocco = await create({
    frenchOrganisationIds: [other.id, outsider.id],
    partnerOrganisationId: fes.id,
    kind: 'memorandum',
    status: 'active',
    themes: ['waste'],
  });
  const project = await app.inject({
    method: 'POST',
    url: `/api/v1/partnerships/${morocco.id}/projects`,
    headers: staffAuth,
    payload: {
      title: 'Tri sélectif dans la médina',
      startYear: 2023,
      endYear: 2025,
      budgetCents: 4_500_000,
      coFunders: ['AFD', 'DCTCIV'],
    },
  });
  assert.equal(project.statusCode, 201, project.body);

  it('finds a country whatever its accents and capitals, and a word by its stem', async () => {
    const ids = async (q: string) =>
      (await search(`q=${encodeURIComponent(q)}`)).items.map((i) => i.id).sort();
    const expected = [senegal.id, sameRegion.id].sort();
    for (const q of ['sénégal', 'Senegal', 'SÉNÉGAL', 'senegal']) assert.deepEqual(await ids(q), expected, q);
    // « coopérations » (plural) finds the description's « coopération »; « coopérer » does not become « Fès ».
    assert.deepEqual(await ids('coopérations'), [senegal.id]);
    // « potable » is also one of the water theme's words: both partnerships on water are found.
    assert.deepEqual(await ids('Eau potable'), expected);
    // A misspelt partner's name is found by its trigrams.
    assert.deepEqual(await ids('Shizuoca'), [japan.id]);
    // A project's words and its co-funders are searched too.
    assert.deepEqual(await ids('médina'), [morocco.id]);
    assert.deepEqual(await ids('zzzzqqq'), []);
  });

  it('counts each facet value as the total one gets by choosing it', async () => {
    for (const base of [
      '',
      'q=eau',
      'theme=water',
      'status=active',
      'q=senegal&status=dormant',
      'theme=water&status=active',
    ]) {
      const found = await search(base);
      for (const facet of ['country', 'theme', 'status', 'region', 'kind', 'coFunder']) {
        const values = Object.entries(found.facets[facet]!);
        if (facet === 'country' && base === '') assert.ok(values.length >= 3, 'several countries');
        // A facet with one value per partnership: its counts add up to what one finds without choosing it.
        if (facet === 'country' || facet === 'status') {
          const without = new URLSearchParams(base);
          without.delete(facet);
          const sum = values.reduce((n, [, count]) => n + count, 0);
          assert.equal(sum, (await search(without.toString())).total, `${base}: Σ ${facet}`);
        }
        for (const [value, count] of values) {
          const query = new URLSearchParams(base);
          query.set(facet, value);
          const chosen = await search(query.toString());
          assert.equal(chosen.total, count, `${base} ${facet}=${value}`);
        }
      }
    }
    const waste = await search('theme=waste');
    assert.equal(waste.total, 1);
    assert.equal(waste.facets.coFunder!.AFD, 1);
  });

  it('leaves archived partnerships out of the search', async () => {
    const before = (await search('country=MA')).total;
    expectOk(await setArchived(db, morocco.id, true, staff.id));
    assert.equal((await search('country=MA')).total, before - 1);
    expectOk(await setArchived(db, morocco.id, false, staff.id));
    assert.equal((await search('country=MA')).total, before);
  });

  it('reads « qui travaille sur l’eau au Sénégal ? » as theme and country, and answers with who', async () => {
    const page = await app.inject({
      url: `/atlas?q=${encodeURIComponent('qui travaille sur l’eau au Sénégal ?')}`,
    });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Nous avons compris : thème « Eau et assainissement », pays « Sénégal »/);
    assert.match(page.body, new RegExp(member.name));
    assert.match(page.body, /Ziguinchor/);
    assert.doesNotMatch(page.body, /Shizuoka/);
    // The question stays in the box, and the raw text search is one link away.
    assert.match(page.body, /value="qui travaille sur l’eau au Sénégal \?"/);
    const raw = await app.inject({ url: `/atlas?q=${encodeURIComponent('Sénégal')}&brut=1` });
    assert.doesNotMatch(raw.body, /Nous avons compris/);
    assert.match(raw.body, /2 partenariats trouvés/);
  });

  it('shows a referent the local governments cooperating with the same region', async () => {
    const referent = await buildOfficer(db, member.id, true);
    const browser = await signedInBrowser({ app, db }, referent);
    const page = await browser.get('/atlas');
    assert.match(page.body, /Les collectivités qui coopèrent avec la même région que vous/);
    assert.match(page.body, new RegExp(`${other.name} — avec Bignona \\(Région de Ziguinchor, Sénégal\\)`));
    assert.doesNotMatch(page.body, /— avec Ziguinchor/, 'not its own partnership');
  });

  it('gives the directory’s PDF to members in good standing (session or token), 403 in French to others', async () => {
    const anonymous = await api('/repertoires/SN.pdf');
    assert.equal(anonymous.statusCode, 403);
    assert.match(anonymous.body, /gratuit pour les collectivités adhérentes/);
    const nonMember = await buildOfficer(db, outsider.id);
    assert.equal(
      (await (await signedInBrowser({ app, db }, nonMember)).get('/repertoires/SN.pdf')).statusCode,
      403,
    );
    assert.equal(
      (await app.inject({ url: '/repertoires/SN.pdf', headers: await bearer(db, nonMember) })).statusCode,
      403,
    );
    const officer = await buildOfficer(db, member.id);
    const bySession = await (await signedInBrowser({ app, db }, officer)).get('/repertoires/SN.pdf');
    assert.equal(bySession.statusCode, 200);
    const byToken = await app.inject({ url: '/repertoires/SN.pdf', headers: await bearer(db, officer) });
    assert.equal(byToken.statusCode, 200);
    assert.equal(byToken.headers['content-type'], 'application/pdf');
    assert.equal(byToken.rawPayload.subarray(0, 5).toString(), '%PDF-');
    // The page shows non-members the summary and how to order; members the descriptions.
    const summary = await api('/repertoires/SN');
    assert.match(summary.body, /Ziguinchor/);
    assert.doesNotMatch(summary.body, /accès à l’eau potable des quartiers/);
    assert.match(
      (await (await signedInBrowser({ app, db }, officer)).get('/repertoires/SN')).body,
      /accès à l’eau potable des quartiers/,
    );
    if (!hasPdftotext) return;
    const dir = await mkdtemp(join(tmpdir(), 'coopdec-atlas-'));
    try {
      await writeFile(join(dir, 'r.pdf'), byToken.rawPayload);
      const { stdout } = await promisify(execFile)('pdftotext', [join(dir, 'r.pdf'), '-']);
      assert.match(stdout, /Sénégal/);
      assert.match(stdout, /Ziguinchor/);
      assert.match(stdout, /accès à l’eau potable/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad input in French and creates nothing', async () => {
    const count = async () =>
      Number((await queryRows<{ n: number }>(db, sql`select count(*)::int as n from partnerships`))[0]!.n);
    const before = await count();
    const post = (payload: object) =>
      app.inject({ method: 'POST', url: '/api/v1/partnerships', headers: staffAuth, payload });
    const notForeign = await post({
      frenchOrganisationIds: [member.id],
      partnerOrganisationId: other.id,
      kind: 'twinning',
      status: 'active',
      themes: [],
    });
    assert.equal(notForeign.statusCode, 422);
    assert.match(notForeign.json().error.message, /n’est pas une collectivité étrangère/);
    const badTheme = await post({
      frenchOrganisationIds: [member.id],
      partnerOrganisationId: fes.id,
      kind: 'twinning',
      status: 'active',
      themes: ['plumbing'],
    });
    assert.equal(badTheme.statusCode, 400);
    assert.match(JSON.stringify(badTheme.json().error.fields), /« plumbing » n’est pas un thème de la liste/);
    const foreignSide = await post({
      frenchOrganisationIds: [fes.id],
      partnerOrganisationId: ziguinchor.id,
      kind: 'twinning',
      status: 'active',
      themes: [],
    });
    assert.equal(foreignSide.statusCode, 422);
    const badProject = await app.inject({
      method: 'POST',
      url: `/api/v1/partnerships/${senegal.id}/projects`,
      headers: staffAuth,
      payload: { title: 'Projet', startYear: 2025, endYear: 2020 },
    });
    assert.equal(badProject.statusCode, 400);
    assert.match(JSON.stringify(badProject.json().error.fields), /L’année de fin ne peut pas précéder/);
    const badBudget = await app.inject({
      method: 'POST',
      url: `/api/v1/partnerships/${senegal.id}/projects`,
      headers: staffAuth,
      payload: { title: 'Projet', startYear: 2025, budgetCents: 12.5 },
    });
    assert.equal(badBudget.statusCode, 400);
    assert.match(JSON.stringify(badBudget.json().error.fields), /Montant en centimes attendu/);
    assert.equal(await count(), before);
  });

  it('lists the themes with their sustainable development goals', async () => {
    const themes = (await api('/api/v1/themes')).json() as {
      items: { code: string; label: string; sdgs: { number: number }[] }[];
    };
    assert.equal(themes.items.length, 14);
    const water = themes.items.find((t) => t.code === 'water')!;
    assert.equal(water.label, 'Eau et assainissement');
    assert.ok(water.sdgs.some((s) => s.number === 6));
    for (const theme of themes.items) assert.ok(theme.sdgs.every((s) => s.number >= 1 && s.number <= 17));
  });
});
