// The HTML of the pages, read by an independent validator (html-validate, its « standard » rules: the HTML
// standard's content models, attributes, ids, nesting), on the demo data, as a visitor, an élue and staff.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { and, asc, eq, gt, isNotNull } from 'drizzle-orm';
import { HtmlValidate } from 'html-validate';
import { seedDemo } from '../src/demo/seed.ts';
import { listApplications } from '../src/modules/applications/applications.ts';
import { callsPipeline } from '../src/modules/calls/calls.pipeline.ts';
import { listCalls } from '../src/modules/calls/calls.ts';
import { events } from '../src/modules/events/events.schema.ts';
import { listFunds } from '../src/modules/funds/funds.ts';
import { getGroupBySlug } from '../src/modules/groups/groups.ts';
import { meetingsOf } from '../src/modules/groups/meetings.ts';
import { listIssues } from '../src/modules/newsletter/issues.ts';
import { findPersonByEmail } from '../src/modules/organisations/people.ts';
import { sessionCookie } from './factories.ts';
import { Browser, testApp } from './helpers.ts';

const validator = new HtmlValidate({ extends: ['html-validate:standard'] });

/** The validator's complaints about one page, each with its line and rule. */
async function problems(html: string, where: string): Promise<string[]> {
  const report = await validator.validateString(html, where);
  return report.results.flatMap((r) =>
    r.messages.map((m) => `${where}:${m.line}:${m.column} ${m.ruleId} — ${m.message}`),
  );
}

describe('the pages’ HTML, by html-validate', async () => {
  const t = await testApp({ after });
  await seedDemo(t.db);
  const found: string[] = [];

  async function as(email: string | null) {
    const browser = new Browser(t.app);
    if (email) {
      const person = await findPersonByEmail(t.db, email);
      assert.ok(person, `${email} manque aux données de démonstration`);
      browser.jar.store({
        cookies: [{ name: 'coopdec_session', value: (await sessionCookie(t.db, person)).split('=')[1]! }],
      });
    }
    return async (paths: string[]) => {
      for (const path of paths) {
        const page = await browser.get(path);
        assert.equal(page.statusCode, 200, `${path} : ${page.statusCode}`);
        found.push(...(await problems(page.body, path)));
      }
    };
  }

  it('hears a mistake when there is one', async () => {
    const mistakes = await problems(
      '<!doctype html><html lang="fr"><head><title>x</title></head><body><ul><p>x</p></ul><a id="a"></a><b id="a"></b></body></html>',
      'contrôle',
    );
    assert.ok(
      mistakes.some((m) => m.includes('element-permitted-content')),
      mistakes.join('\n'),
    );
    assert.ok(
      mistakes.some((m) => m.includes('no-dup-id')),
      mistakes.join('\n'),
    );
  });

  it('finds no error on public, élu and staff pages', async () => {
    const [upcoming] = await t.db
      .select()
      .from(events)
      .where(gt(events.startsAt, new Date()))
      .orderBy(asc(events.startsAt))
      .limit(1);
    const [inSeries] = await t.db
      .select()
      .from(events)
      .where(and(isNotNull(events.seriesId), isNotNull(events.season)))
      .limit(1);
    assert.ok(upcoming && inSeries?.seriesId);
    const [past] = await t.db.select().from(events).where(eq(events.id, inSeries.id));
    const funds = await listFunds(t.db);
    const closedFund = funds.find((f) => f.status === 'closed');
    const openFund = funds.find((f) => f.status === 'open');
    assert.ok(closedFund && openFund, 'an open and a closed fund are in the demo');
    const calls = await listCalls(t.db);
    const twelfth = calls.find((c) => c.number === 12);
    const thirteenth = calls.find((c) => c.number === 13);
    assert.ok(twelfth && thirteenth, 'the 12th and 13th support calls are in the demo');
    const dossiers = await listApplications(t.db, callsPipeline, thirteenth.id);
    const accepted = (await listApplications(t.db, callsPipeline, twelfth.id)).find(
      (d) => d.status === 'accepted',
    );
    const inReview = dossiers.find((d) => d.status === 'in_review');
    assert.ok(accepted && inReview, 'dossiers accepted and in instruction are in the demo');
    const lettres = await listIssues(t.db, { drafts: true });
    const published = lettres.find((l) => l.publishedAt);
    const draft = lettres.find((l) => !l.publishedAt);
    assert.ok(published && draft, 'a published Lettre and a draft are in the demo');
    const visitor = await as(null);
    await visitor([
      '/',
      '/agenda',
      '/agenda?vue=mois',
      `/agenda/${upcoming.id}`,
      `/agenda/${past!.id}`,
      `/agenda/series/${inSeries.seriesId}`,
      '/connexion',
      '/contact',
      '/demander-un-compte',
      '/confidentialite',
      '/accessibilite',
      '/parcours',
      '/groupes',
      '/groupes/japon',
      '/fonds',
      `/fonds/${closedFund.id}`,
      `/fonds/${openFund.id}`,
      '/appels',
      `/appels/${twelfth.id}`,
      `/appels/${thirteenth.id}`,
      '/lettre',
      `/lettre/${published.id}`,
      '/lettre/abonnement',
      '/courriels/verifier',
      '/courriels/verifier?code=K7QF-9XMD-2PAB',
    ]);
    const angers = (await findPersonByEmail(t.db, 'helene.garnier@angers.example.org'))?.organisationId;
    assert.ok(
      dossiers.some((d) => d.organisationId === angers),
      'Angers, the élue’s town, has a dossier in the 13th call',
    );
    const elue = await as('helene.garnier@angers.example.org');
    await elue([
      '/',
      '/lettre/abonnement',
      '/mon-espace',
      '/mes-inscriptions',
      '/mon-parcours',
      '/mon-espace/donnees',
      '/mon-espace/fonds',
      '/mes-groupes',
      '/groupes/japon',
      `/appels/${thirteenth.id}`,
      `/appels/${thirteenth.id}/dossier`,
      ...dossiers.filter((d) => d.organisationId === angers).map((d) => `/mon-espace/dossiers/${d.id}`),
    ]);
    const japan = await getGroupBySlug(t.db, 'japon');
    const nextMeeting = (await meetingsOf(t.db, japan!.id)).find((e) => e.startsAt > new Date());
    assert.ok(japan && nextMeeting, 'the Japan group and its next meeting are in the demo');
    const staff = await as('equipe@example.org');
    const base = `/gestion/evenements/${upcoming.id}`;
    await staff([
      '/gestion',
      '/gestion/recherche?q=Lyon',
      '/gestion/evenements',
      '/gestion/evenements/nouveau',
      base,
      `${base}/modification`,
      `${base}/copie`,
      `${base}/annulation`,
      `${base}/messages`,
      `${base}/emargement`,
      '/gestion/organisations',
      '/gestion/personnes',
      '/gestion/parcours',
      '/gestion/adhesions/renouvellement',
      '/gestion/textes',
      '/gestion/registre',
      '/gestion/jetons',
      '/gestion/groupes',
      `/gestion/groupes/${japan.id}`,
      `/gestion/groupes/${japan.id}/invitations/${nextMeeting.id}`,
      ...['/gestion/fonds', '/gestion/fonds/nouveau'],
      ...[openFund, closedFund].flatMap((fund) =>
        ['', '/modifier', '/grand-livre', '/cloturer', '/comite', '/projets', '/rapports'].map(
          (page) => `/gestion/fonds/${fund.id}${page}`,
        ),
      ),
      `/gestion/fonds/${openFund.id}/decisions/nouvelle`,
      `/gestion/fonds/${openFund.id}/rapports/nouveau`,
      '/gestion/appels',
      '/gestion/appels/nouveau',
      ...[twelfth, thirteenth].flatMap((call) =>
        ['', '?onglet=tous&tri=score', '/modifier', '/comite', '/derogations'].map(
          (page) => `/gestion/appels/${call.id}${page}`,
        ),
      ),
      '/gestion/lettre',
      '/gestion/lettre/nouvelle',
      `/gestion/lettre/${draft.id}`,
      `/gestion/lettre/${draft.id}/modifier`,
      `/lettre/${draft.id}`,
      `/gestion/lettre/${published.id}`,
      `/gestion/lettre/${published.id}/envoi?segment=tous`,
      '/gestion/lettre/abonnes',
      `/gestion/appels/${twelfth.id}/dossiers/${accepted.id}`,
      `/gestion/appels/${thirteenth.id}/dossiers/${inReview.id}`,
    ]);
    assert.deepEqual(found, []);
  });
});
