// The review queue of an edition with the pipeline's parts: reviewers' opinions given on the page and
// through the API, never shown to the élu nor mailed; the queue cut into pages with its honest total.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import {
  bearer,
  buildElected,
  buildLocalGovernment,
  buildStaff,
  signedInBrowser,
} from '../../../tests/factories.ts';
import { testApp } from '../../../tests/helpers.ts';
import { mails } from '../../platform/db/platform.schema.ts';
import { opinionsOf } from '../applications/opinions.ts';
import type { Person } from '../organisations/people.ts';
import { applicationOf, applyToProgram } from './applications.ts';
import { createProgram } from './programs.ts';

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('the review queue of an edition', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const town = await buildLocalGovernment(db);

  const signedIn = (person: Person) => signedInBrowser({ app, db }, person);

  async function edition(title: string) {
    return expectOk(await createProgram(db, { title, minSessions: 3, cohortSize: 10 }, staff.id));
  }

  async function applicant(programId: string) {
    const elue = await buildElected(db, town.id);
    const application = expectOk(
      await applyToProgram(
        db,
        programId,
        { personId: elue.id, motivation: 'Coopération avec Kyoto' },
        elue.id,
      ),
    );
    return { elue, application };
  }

  it('lets a reviewer give an opinion on the application’s page, kept private from the élu, her pages and her mail', async () => {
    const program = await edition('Promotion des avis');
    const { elue, application } = await applicant(program.id);
    const reviewer = await signedIn(staff);
    const queue = `/gestion/parcours/${program.id}/candidatures`;
    const list = await reviewer.get(`${queue}?nouveaux=oui`);
    assert.equal(list.statusCode, 200);
    // The table links to the application's page, keeping the list to come back to.
    assert.ok(list.body.includes(`href="${queue}/${application.id}?nouveaux=oui"`));
    assert.match(list.body, /<td data-label="Avis">aucun<\/td>/);
    const page = await reviewer.get(`${queue}/${application.id}?nouveaux=oui`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Avis des instructeurs \(0\)/);
    assert.match(page.body, /Mon avis sur/);
    assert.match(page.body, /Coopération avec Kyoto/);

    const note = 'Dossier solide, à confirmer en commission';
    const given = await reviewer.post(`${queue}/${application.id}/avis`, {
      opinion: 'favourable',
      score: '17',
      note,
      filtre_nouveaux: 'oui',
    });
    assert.equal(given.statusCode, 303);
    assert.equal(
      given.headers.location,
      `${queue}/${application.id}?nouveaux=oui&info=program.opinion_saved`,
      'back to the application’s page, its list kept',
    );
    const after = await reviewer.get(given.headers.location as string);
    assert.match(after.body, /Avis enregistré : seuls les instructeurs le lisent/);
    assert.match(after.body, /Avis des instructeurs \(1\)/);
    assert.match(after.body, /Favorable<\/strong>, 17\/20/);
    assert.ok(after.body.includes(note));
    assert.match(after.body, /En cours d’examen/);
    assert.equal((await applicationOf(db, program.id, elue.id))?.status, 'in_review');
    assert.match((await reviewer.get(queue)).body, /<td data-label="Avis">1 avis : 1 favorable<\/td>/);

    const mine = await signedIn(elue);
    for (const url of [`/parcours/${program.id}`, '/mon-parcours']) {
      const seen = await mine.get(url);
      assert.equal(seen.statusCode, 200, url);
      assert.ok(!seen.body.includes(note), `${url} shows the private note`);
      assert.ok(!seen.body.includes('17/20'), `${url} shows the score`);
    }
    const decided = await reviewer.post(`${queue}/${application.id}/decision`, { decision: 'accepted' });
    assert.equal(decided.statusCode, 303);
    const sent = await db.select().from(mails).where(eq(mails.to, elue.email));
    assert.equal(sent.length, 1);
    assert.ok(!sent[0]!.text.includes(note));
    assert.ok(!sent[0]!.html.includes(note));
  });

  it('refuses an opinion without its choice or with a score out of 20, in French, writing nothing', async () => {
    const program = await edition('Promotion des refus');
    const { application } = await applicant(program.id);
    const reviewer = await signedIn(staff);
    const url = `/gestion/parcours/${program.id}/candidatures/${application.id}/avis`;
    await reviewer.get(`/gestion/parcours/${program.id}/candidatures`);
    const none = await reviewer.post(url, { score: '12' });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Choisissez un avis : favorable, réservé ou défavorable/);
    const high = await reviewer.post(url, { opinion: 'reserved', score: '25' });
    assert.equal(high.statusCode, 400);
    assert.match(high.body, /Note attendue : un nombre entier de 0 à 20/);
    assert.equal((await opinionsOf(db, [application.id])).get(application.id)!.length, 0);
    assert.equal((await applicationOf(db, program.id, application.personId))?.status, 'submitted');

    // An application of another edition is not found through this one's address.
    const other = await edition('Promotion voisine');
    const elsewhere = await reviewer.post(
      `/gestion/parcours/${other.id}/candidatures/${application.id}/avis`,
      {
        opinion: 'favourable',
      },
    );
    assert.equal(elsewhere.statusCode, 404);
  });

  it('takes an opinion through the API, and answers its refusals in French', async () => {
    const program = await edition('Promotion de l’API');
    const { application } = await applicant(program.id);
    const auth = await bearer(db, staff);
    const post = (payload: object) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/applications/${application.id}/opinions`,
        headers: auth,
        payload,
      });
    const given = await post({ opinion: 'unfavourable', score: 8, note: 'Pas de mandat international' });
    assert.equal(given.statusCode, 201);
    assert.deepEqual(given.json(), {
      id: given.json().id,
      applicationId: application.id,
      opinion: 'unfavourable',
      score: 8,
    });
    const bad = await post({ opinion: 'unfavourable', score: 8.5 });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.fields.score, /Note attendue/);
    const elue = await bearer(db, (await buildElected(db, town.id)) as Person);
    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/applications/${application.id}/opinions`,
      headers: elue,
      payload: { opinion: 'favourable' },
    });
    assert.equal(refused.statusCode, 403);
    const stored = (await opinionsOf(db, [application.id])).get(application.id)!;
    assert.deepEqual(
      stored.map((o) => [o.opinion, o.score, o.note]),
      [['unfavourable', 8, 'Pas de mandat international']],
    );
  });

  it('cuts a long queue into pages of 50 with the honest total, keeping the filters', async () => {
    const program = await edition('Promotion nombreuse');
    for (let i = 0; i < 51; i++) await applicant(program.id);
    const reviewer = await signedIn(staff);
    const queue = `/gestion/parcours/${program.id}/candidatures`;
    const cards = (body: string) => body.match(/<tr id="candidature-/g)?.length ?? 0;
    const first = await reviewer.get(`${queue}?status=submitted`);
    assert.match(first.body, /51 candidatures ; 0 acceptée sur 10 places/);
    assert.equal(cards(first.body), 50);
    assert.match(first.body, /Page 1 sur 2/);
    assert.ok(first.body.includes(`href="${queue}?status=submitted&amp;page=2"`));
    const second = await reviewer.get(`${queue}?status=submitted&page=2`);
    assert.equal(cards(second.body), 1);
    assert.match(second.body, /Page 2 sur 2/);
    // The table's form on page 2 brings the reviewer back to page 2.
    assert.match(second.body, /name="filtre_page" value="2"/);
    assert.match(second.body, /name="filtre_status" value="submitted"/);
  });

  it('decides for the rows ticked with one motivation, after showing who will be mailed what', async () => {
    const program = await edition('Promotion groupée');
    const a = await applicant(program.id);
    const b = await applicant(program.id);
    const c = await applicant(program.id);
    const reviewer = await signedIn(staff);
    const queue = `/gestion/parcours/${program.id}/candidatures`;
    const page = await reviewer.get(queue);
    // One labelled box per row; names link to the person's page.
    for (const { elue, application } of [a, b, c]) {
      assert.ok(page.body.includes(`name="choix_${application.id}"`));
      assert.ok(page.body.includes(`<label for="choix-${application.id}" class="visually-hidden">`));
      assert.ok(page.body.includes(`href="/gestion/personnes/${elue.id}"`));
    }
    const motivation = 'Bienvenue : la réunion de lancement a lieu le 10 septembre.';
    const ticked = {
      [`choix_${a.application.id}`]: 'oui',
      [`choix_${b.application.id}`]: 'oui',
      decision: 'accepted',
      motivation,
    };
    const preview = await reviewer.post(`${queue}/decisions`, { ...ticked, etape: 'apercu' });
    assert.equal(preview.statusCode, 200);
    assert.match(
      preview.body,
      /Accepter\u00a0: 2 candidatures\. 2 personnes recevront le courriel ci-dessous/,
    );
    for (const { elue } of [a, b]) assert.ok(preview.body.includes(elue.email), 'each recipient is listed');
    assert.ok(!preview.body.includes(c.elue.email), 'only the rows ticked');
    assert.ok(preview.body.includes('Votre candidature : Promotion groupée'));
    assert.ok(preview.body.includes(motivation));
    assert.match(preview.body, /Votre candidature est acceptée : bienvenue dans la promotion !/);
    // Nothing is written by the preview.
    assert.equal((await applicationOf(db, program.id, a.elue.id))?.status, 'submitted');
    assert.equal((await db.select().from(mails).where(eq(mails.to, a.elue.email))).length, 0);

    const done = await reviewer.post(`${queue}/decisions`, { ...ticked, etape: 'confirmer' });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `${queue}?info=program.decisions_saved`);
    for (const { elue } of [a, b]) {
      assert.equal((await applicationOf(db, program.id, elue.id))?.status, 'accepted');
      const sent = await db.select().from(mails).where(eq(mails.to, elue.email));
      assert.equal(sent.length, 1);
      assert.ok(sent[0]!.text.includes(motivation));
    }
    assert.equal((await applicationOf(db, program.id, c.elue.id))?.status, 'submitted');

    // The same decision again, with c: only c is mailed, and the preview says the others stay as they are.
    const again = { ...ticked, [`choix_${c.application.id}`]: 'oui' };
    const second = await reviewer.post(`${queue}/decisions`, { ...again, etape: 'apercu' });
    assert.match(second.body, /1 personne recevra le courriel/);
    assert.equal(second.body.match(/aucun : sa situation ne change pas/g)?.length, 2);
    await reviewer.post(`${queue}/decisions`, { ...again, etape: 'confirmer' });
    for (const { elue } of [a, b, c])
      assert.equal((await db.select().from(mails).where(eq(mails.to, elue.email))).length, 1, elue.email);
  });

  it('ticks every row of the page without JavaScript, and refuses an empty choice in French', async () => {
    const program = await edition('Promotion à cocher');
    const rows = [await applicant(program.id), await applicant(program.id)];
    const reviewer = await signedIn(staff);
    const queue = `/gestion/parcours/${program.id}/candidatures`;
    await reviewer.get(queue);
    const all = await reviewer.post(`${queue}/decisions`, { etape: 'tout', motivation: 'gardée' });
    assert.equal(all.statusCode, 200);
    for (const { application } of rows)
      assert.match(all.body, new RegExp(`name="choix_${application.id}" value="oui" checked`));
    assert.match(all.body, />gardée<\/textarea>/, 'what was typed stays');
    const none = await reviewer.post(`${queue}/decisions`, { etape: 'aucun' });
    assert.doesNotMatch(none.body, /value="oui" checked/);

    const nothing = await reviewer.post(`${queue}/decisions`, { etape: 'apercu', decision: 'accepted' });
    assert.equal(nothing.statusCode, 400);
    assert.match(nothing.body, /Cochez au moins une candidature dans le tableau/);
    const undecided = await reviewer.post(`${queue}/decisions`, {
      etape: 'apercu',
      [`choix_${rows[0]!.application.id}`]: 'oui',
    });
    assert.equal(undecided.statusCode, 400);
    assert.match(undecided.body, /Choisissez une décision/);
    assert.match(undecided.body, new RegExp(`name="choix_${rows[0]!.application.id}" value="oui" checked`));
  });

  it('says before sending that the cohort has too few places, and refuses a crafted confirmation', async () => {
    const program = expectOk(
      await createProgram(db, { title: 'Promotion à une place', minSessions: 1, cohortSize: 1 }, staff.id),
    );
    const rows = [await applicant(program.id), await applicant(program.id)];
    const reviewer = await signedIn(staff);
    const queue = `/gestion/parcours/${program.id}/candidatures`;
    await reviewer.get(queue);
    const form = {
      ...Object.fromEntries(rows.map((r) => [`choix_${r.application.id}`, 'oui'])),
      decision: 'accepted',
    };
    const preview = await reviewer.post(`${queue}/decisions`, { ...form, etape: 'apercu' });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /Cette décision ne peut pas être enregistrée/);
    assert.match(preview.body, /Il ne reste que 1 place dans la promotion pour 2 candidatures/);
    assert.doesNotMatch(preview.body, /Confirmer et envoyer/);
    const crafted = await reviewer.post(`${queue}/decisions`, { ...form, etape: 'confirmer' });
    assert.equal(crafted.statusCode, 409);
    for (const { elue } of rows) {
      assert.equal((await applicationOf(db, program.id, elue.id))?.status, 'submitted');
      assert.equal((await db.select().from(mails).where(eq(mails.to, elue.email))).length, 0);
    }
    // An application of another edition cannot be decided through this one.
    const other = await edition('Promotion d’à côté');
    const stranger = await applicant(other.id);
    const mixed = await reviewer.post(`${queue}/decisions`, {
      [`choix_${stranger.application.id}`]: 'oui',
      decision: 'rejected',
      etape: 'confirmer',
    });
    assert.equal(mixed.statusCode, 404);
    assert.equal((await applicationOf(db, other.id, stranger.elue.id))?.status, 'submitted');
  });

  it('sorts the table by a column, either way, and says which', async () => {
    const program = await edition('Promotion triée');
    const names = ['Bernard', 'Écrivain', 'Abadie', 'Dupont'];
    for (const lastName of names) {
      const elue = await buildElected(db, town.id);
      await db.execute(sql`update people set last_name = ${lastName} where id = ${elue.id}`);
      expectOk(await applyToProgram(db, program.id, { personId: elue.id }, elue.id));
    }
    const reviewer = await signedIn(staff);
    const queue = `/gestion/parcours/${program.id}/candidatures`;
    const order = (body: string) =>
      [...body.matchAll(/<th scope="row" class="name" data-label="Nom"><a [^>]+>Camille ([^<]+)<\/a>/g)].map(
        (match) => match[1],
      );
    const ascending = await reviewer.get(`${queue}?tri=nom&ordre=asc`);
    assert.deepEqual(order(ascending.body), ['Abadie', 'Bernard', 'Dupont', 'Écrivain']);
    assert.match(
      ascending.body,
      /<th scope="col" aria-sort="ascending"><a href="[^"]*tri=nom&amp;ordre=desc"/,
    );
    const descending = await reviewer.get(`${queue}?tri=nom&ordre=desc`);
    assert.deepEqual(order(descending.body), ['Écrivain', 'Dupont', 'Bernard', 'Abadie']);
    assert.match(descending.body, /aria-sort="descending"/);
    // The filters keep the order, and the bulk form brings it back.
    assert.match(descending.body, /<input type="hidden" name="tri" value="nom"\/>/);
    assert.match(descending.body, /name="filtre_tri" value="nom"/);
    const wrong = await reviewer.get(`${queue}?tri=taille`);
    assert.equal(wrong.statusCode, 200);
    assert.match(wrong.body, /Certains filtres étaient invalides et ont été ignorés/);
  });

  it('tells staff on their home how many applications of each edition wait for a decision', async () => {
    const program = await edition('Promotion en attente');
    await applicant(program.id);
    await applicant(program.id);
    const home = await (await signedIn(staff)).get('/gestion');
    assert.equal(home.statusCode, 200);
    assert.match(
      home.body,
      new RegExp(
        `<a href="/gestion/parcours/${program.id}/candidatures"><strong>2</strong>\\s*candidatures à examiner — Promotion en attente</a>`,
      ),
    );
  });
});
