// The review queue of an edition with the pipeline's parts: reviewers' opinions given on the page and
// through the API, never shown to the élu nor mailed; the queue cut into pages with its honest total.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  bearer,
  buildElected,
  buildLocalGovernment,
  buildStaff,
  sessionCookie,
} from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
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

  async function signedIn(person: Person) {
    const browser = new Browser(app);
    browser.jar.store({
      cookies: [{ name: 'coopdec_session', value: (await sessionCookie(db, person)).split('=')[1]! }],
    });
    return browser;
  }

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

  it('lets a reviewer give an opinion on the card, kept private from the élu, her pages and her mail', async () => {
    const program = await edition('Promotion des avis');
    const { elue, application } = await applicant(program.id);
    const reviewer = await signedIn(staff);
    const queue = `/gestion/parcours/${program.id}/candidatures`;
    const page = await reviewer.get(`${queue}?nouveaux=oui`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Avis des instructeurs \(0\)/);
    assert.match(page.body, /Mon avis sur/);

    const note = 'Dossier solide, à confirmer en commission';
    const given = await reviewer.post(`${queue}/${application.id}/avis`, {
      opinion: 'favourable',
      score: '17',
      note,
      filtre_nouveaux: 'oui',
    });
    assert.equal(given.statusCode, 303);
    assert.match(given.headers.location as string, /nouveaux=oui.*info=program\.opinion_saved#candidature-/);
    const after = await reviewer.get(given.headers.location as string);
    assert.match(after.body, /Avis enregistré : seuls les instructeurs le lisent/);
    assert.match(after.body, /Avis des instructeurs \(1\)/);
    assert.match(after.body, /Favorable<\/strong>, 17\/20/);
    assert.ok(after.body.includes(note));
    assert.match(after.body, /En cours d’examen/);
    assert.equal((await applicationOf(db, program.id, elue.id))?.status, 'in_review');

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
    const cards = (body: string) => body.match(/<li class="card" id="candidature-/g)?.length ?? 0;
    const first = await reviewer.get(`${queue}?status=submitted`);
    assert.match(first.body, /51 candidatures ; 0 acceptée sur 10 places/);
    assert.equal(cards(first.body), 50);
    assert.match(first.body, /Page 1 sur 2/);
    assert.ok(first.body.includes(`href="${queue}?status=submitted&amp;page=2"`));
    const second = await reviewer.get(`${queue}?status=submitted&page=2`);
    assert.equal(cards(second.body), 1);
    assert.match(second.body, /Page 2 sur 2/);
    // The forms of a card of page 2 bring the reviewer back to page 2.
    assert.match(second.body, /name="filtre_page" value="2"/);
    assert.match(second.body, /name="filtre_status" value="submitted"/);
  });
});
