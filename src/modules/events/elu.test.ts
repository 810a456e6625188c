// Issue 10 — the élu's side of the agenda: « Mes inscriptions » (to come first, the past folded by year, the
// QR code only for a place in person), what one has next on the home pages, the staff's home and search,
// past events, and series with seasons (the series' page, registering for a whole season).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  buildElected,
  buildEvent,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
  sessionCookie,
} from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import type { Person } from '../organisations/people.ts';
import { seedRegistration } from './demo-registration.ts';
import { addDocument } from './documents.ts';
import { invite } from './events.ts';
import { notificationSettings } from './notifications.ts';
import { register } from './register.ts';

const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const stamp = () => `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;

describe('the élu’s side of the agenda', async () => {
  const { app, db, config } = await testApp({ after });
  const settings = notificationSettings(config);
  const member = await buildLocalGovernment(db, { member: true });
  const lapsed = await buildLocalGovernment(db, { member: false });

  async function signedIn(person: Person, first = '/mes-inscriptions') {
    const browser = new Browser(app);
    browser.jar.store({
      cookies: [{ name: 'coopdec_session', value: (await sessionCookie(db, person)).split('=')[1]! }],
    });
    await browser.get(first);
    return browser;
  }
  const registerNow = async (eventId: string, person: Person, mode?: 'in_person' | 'online') => {
    const done = await register(
      db,
      { eventId, personId: person.id, mode, registeredBy: person.id },
      { settings },
    );
    if (!done.ok) throw new Error(done.error.message);
    return done.value;
  };
  const registerThen = async (eventId: string, person: Person, at: Date) =>
    seedRegistration(db, { eventId, personId: person.id, mode: 'in_person', registeredBy: person.id, at });

  it('lists one’s registrations to come soonest first, the past folded by year, and a QR code only for a place in person', async () => {
    const elected = await buildElected(db, member.id);
    const k = stamp();
    const far = await buildEvent(db, { title: `Loin ${k}`, venue: 'Lyon' }, 20);
    const online = await buildEvent(
      db,
      { title: `En ligne ${k}`, format: 'online', onlineUrl: 'https://visio.example.org/x' },
      5,
    );
    const hybrid = await buildEvent(
      db,
      { title: `Hybride ${k}`, format: 'hybrid', venue: 'Paris', onlineUrl: 'https://visio.example.org/h' },
      8,
    );
    const hybridThere = await buildEvent(
      db,
      {
        title: `Hybride sur place ${k}`,
        format: 'hybrid',
        venue: 'Paris',
        onlineUrl: 'https://visio.example.org/p',
      },
      12,
    );
    await registerNow(far.id, elected);
    await registerNow(online.id, elected);
    await registerNow(hybrid.id, elected, 'online');
    await registerNow(hybridThere.id, elected, 'in_person');
    const old = await buildEvent(db, {
      title: `Ancien 2025 ${k}`,
      startsAt: '2025-03-04T10:00:00+01:00',
      endsAt: '2025-03-04T12:00:00+01:00',
    });
    const recent = await buildEvent(db, {
      title: `Récent 2026 ${k}`,
      startsAt: '2026-02-03T10:00:00+01:00',
      endsAt: '2026-02-03T12:00:00+01:00',
    });
    await registerThen(old.id, elected, new Date('2025-02-01T10:00:00Z'));
    await registerThen(recent.id, elected, new Date('2026-01-05T10:00:00Z'));

    const page = await (await signedIn(elected)).get('/mes-inscriptions');
    assert.equal(page.statusCode, 200);
    const at = (title: string) => page.body.indexOf(title);
    // To come, soonest first.
    assert.ok(at(`En ligne ${k}`) < at(`Hybride ${k}`), 'in 5 days before in 8');
    assert.ok(at(`Hybride ${k}`) < at(`Hybride sur place ${k}`), 'in 8 days before in 12');
    assert.ok(at(`Hybride sur place ${k}`) < at(`Loin ${k}`), 'in 12 days before in 20');
    // The past after, in a <details> per year, the latest year first.
    const details = [...page.body.matchAll(/<details class="past-year"><summary>(\d{4})/g)].map((m) => m[1]);
    assert.deepEqual(details, ['2026', '2025']);
    assert.ok(at(`Loin ${k}`) < at(`Récent 2026 ${k}`));
    assert.ok(at(`Récent 2026 ${k}`) < at(`Ancien 2025 ${k}`));
    // Two places in person to come: two codes; none for the online event nor the hybrid one followed online.
    assert.equal(page.body.split('<img class="qr"').length - 1, 2);
    assert.match(page.body, new RegExp(`Code de présence pour « Loin ${k} »`));
    assert.match(page.body, new RegExp(`Code de présence pour « Hybride sur place ${k} »`));
    assert.doesNotMatch(page.body, new RegExp(`Code de présence pour « En ligne ${k} »`));
    assert.doesNotMatch(page.body, new RegExp(`Code de présence pour « Hybride ${k} »`));
    // Dates in words, with the weekday.
    assert.match(page.body, /Mardi 3 février 2026, de 10 h à 12 h/);
  });

  it('shows one’s next three events, dates in words, on the home page and in « Mon espace »', async () => {
    const officer = await buildOfficer(db, member.id);
    const k = stamp();
    const titles = [`Premier ${k}`, `Deuxième ${k}`, `Troisième ${k}`, `Quatrième ${k}`];
    for (const [i, title] of titles.entries()) {
      await registerNow((await buildEvent(db, { title }, 3 + i * 7)).id, officer);
    }
    const cancelledOne = await buildEvent(db, { title: `Annulé ${k}` }, 1);
    await registerNow(cancelledOne.id, officer);
    await db.execute(sql`update events set cancelled_at = now() where id = ${cancelledOne.id}`);
    const browser = await signedIn(officer);
    for (const url of ['/', '/mon-espace']) {
      const page = await browser.get(url);
      assert.equal(page.statusCode, 200, url);
      assert.match(page.body, /Mes prochains événements/, url);
      for (const title of titles.slice(0, 3)) assert.ok(page.body.includes(title), `${url}: ${title}`);
      assert.ok(!page.body.includes(titles[3]!), `${url}: only three`);
      assert.ok(!page.body.includes(`Annulé ${k}`), `${url}: not a cancelled event`);
      assert.match(page.body, /(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d/i);
      assert.match(page.body, /href="\/mes-inscriptions">Toutes mes inscriptions/);
    }
    // Someone registered nowhere sees no such block.
    const nobody = await signedIn(await buildOfficer(db, member.id));
    assert.doesNotMatch((await nobody.get('/')).body, /Mes prochains événements/);
  });

  it('shows the staff the next 30 days’ events with their fill rate and waiting list, and finds events by title', async () => {
    const k = stamp();
    const soon = await buildEvent(db, { title: `Séminaire proche ${k}`, capacity: 2 }, 10);
    const later = await buildEvent(db, { title: `Séminaire lointain ${k}`, capacity: 2 }, 45);
    for (const event of [soon, later]) {
      for (let i = 0; i < 3; i++) await registerNow(event.id, await buildOfficer(db, member.id));
    }
    const staff = await signedIn(await buildStaff(db), '/gestion');
    const home = await staff.get('/gestion');
    assert.equal(home.statusCode, 200);
    const item = new RegExp(
      `<a href="/gestion/evenements/${soon.id}"><strong>2</strong> inscrit·es sur 2 places \\(100 %\\), 1 en liste d’attente — « Séminaire proche ${k} »`,
    );
    assert.match(home.body, item);
    assert.ok(!home.body.includes(later.id), 'beyond 30 days: not on the home');
    // The search: accents and case aside, by title.
    const found = await staff.get(`/gestion/recherche?q=${encodeURIComponent(`seminaire PROCHE ${k}`)}`);
    assert.match(found.body, /<h2>Événement<\/h2>/);
    assert.ok(found.body.includes(`href="/gestion/evenements/${soon.id}"`));
    assert.ok(!found.body.includes(`href="/gestion/evenements/${later.id}"`));
  });

  it('marks an event over « Terminé », without seats left nor a call to register, and offers its minutes', async () => {
    const k = stamp();
    const past = await buildEvent(db, {
      title: `Réunion passée ${k}`,
      capacity: 30,
      startsAt: '2026-10-06T14:00:00+02:00',
      endsAt: '2026-10-06T16:00:00+02:00',
    });
    const added = await addDocument(
      db,
      {
        eventId: past.id,
        kind: 'minutes',
        title: 'Relevé de décisions',
        fileName: 'releve.pdf',
        content: pdf,
      },
      (await buildStaff(db)).id,
    );
    assert.ok(added.ok);
    const anonymous = await app.inject({ method: 'GET', url: `/agenda/${past.id}` });
    assert.equal(anonymous.statusCode, 200);
    assert.match(anonymous.body, /<span class="badge">Terminé<\/span>/);
    assert.match(anonymous.body, /Cet événement est terminé/);
    assert.doesNotMatch(anonymous.body, /restante/);
    assert.doesNotMatch(anonymous.body, /Connectez-vous<\/a> pour vous inscrire/);
    assert.match(
      anonymous.body,
      new RegExp(`href="/agenda/${past.id}/documents/[0-9a-f-]{36}">Compte rendu : Relevé de décisions`),
    );
    const officer = await buildOfficer(db, member.id);
    const signed = await (await signedIn(officer)).get(`/agenda/${past.id}`);
    assert.doesNotMatch(signed.body, /M’inscrire/);
    assert.doesNotMatch(signed.body, /action="\/agenda\/[^"]+\/inscription"/);
    // The month view says it too.
    const month = await app.inject({ method: 'GET', url: `/agenda?vue=mois&mois=2026-10` });
    assert.ok(month.body.includes(past.id));
    // An event to come still calls to register, with its seats.
    const coming = await buildEvent(db, { title: `Réunion à venir ${k}`, capacity: 30 }, 10);
    const comingPage = await app.inject({ method: 'GET', url: `/agenda/${coming.id}` });
    assert.match(comingPage.body, /30 places restantes/);
    assert.match(comingPage.body, /Connectez-vous<\/a> pour vous inscrire/);
    assert.doesNotMatch(comingPage.body, /Terminé/);
  });

  it('shows a series with its seasons, and registers a person for every session of a season open to them', async () => {
    const k = stamp();
    const series = `Chroniques de test ${k}`;
    const session = (n: number, days: number, input: Record<string, unknown> = {}) =>
      buildEvent(
        db,
        {
          title: `Chronique ${n} ${k}`,
          kind: 'webinar',
          format: 'online',
          onlineUrl: 'https://visio.example.org/c',
          series,
          season: 6,
          sessionNumber: n,
          guest: `Chercheuse ${n}`,
          ...input,
        },
        days,
      );
    const first = await session(1, -20);
    const full = await session(2, 10, { capacity: 1 });
    const open = await session(3, 40);
    // Sessions she may not join, or of another season: the registrations below leave them out.
    await session(4, 70, { audience: 'members' });
    const hidden = await session(5, 100, { audience: 'restricted' });
    await session(1, 130, { season: 7 });
    await addDocument(
      db,
      { eventId: first.id, kind: 'minutes', title: 'Synthèse', fileName: 'synthese.pdf', content: pdf },
      (await buildStaff(db)).id,
    );
    await registerNow(full.id, await buildOfficer(db, member.id));
    const seriesId = full.seriesId!;

    // The event page says where the session stands in its series, and its guest.
    const eventPage = await app.inject({ method: 'GET', url: `/agenda/${full.id}` });
    assert.match(
      eventPage.body,
      new RegExp(`<a href="/agenda/series/${seriesId}">${series}</a> · Saison 6 · 2e session`),
    );
    assert.match(eventPage.body, /<dt>Invité·e<\/dt><dd>Chercheuse 2<\/dd>/);

    // The series' page: to come, past with its minutes, and no restricted session for who may not see it.
    const page = await app.inject({ method: 'GET', url: `/agenda/series/${seriesId}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Prochaines sessions/);
    assert.match(page.body, /<h3>Saison 6<\/h3>/);
    assert.match(page.body, /<h3>Saison 7<\/h3>/);
    assert.ok(page.body.includes(`Chronique 3 ${k}`));
    assert.ok(!page.body.includes(hidden.id), 'a restricted session is not shown to the public');
    assert.match(page.body, /Sessions passées/);
    assert.match(
      page.body,
      new RegExp(`href="/agenda/${first.id}/documents/[0-9a-f-]{36}">Compte rendu : Synthèse`),
    );
    assert.match(page.body, /Connectez-vous<\/a> pour vous inscrire à toute la saison/);

    // A non-member officer registers for season 6: one waits, one is registered, one is refused.
    const outsider = await buildOfficer(db, lapsed.id);
    const browser = await signedIn(outsider, `/agenda/series/${seriesId}`);
    assert.match(browser.lastBody, /Inscrivez-moi à toute la saison 6/);
    const done = await browser.post(`/agenda/series/${seriesId}/saisons/6/inscription`, {});
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /1 session confirmée, 1 sur liste d’attente, 1 refusée/);
    const section = (title: string) => done.body.split(`<h2>${title}</h2>`)[1]?.split('</section>')[0] ?? '';
    assert.ok(section('Inscriptions confirmées').includes(`Chronique 3 ${k}`));
    assert.ok(section('Complet : vous êtes sur la liste d’attente').includes(`Chronique 2 ${k}`));
    assert.ok(section('Inscription refusée').includes(`Chronique 4 ${k}`));
    assert.match(section('Inscription refusée'), /adhérent/);
    assert.ok(!done.body.includes(hidden.id), 'the restricted session is not named');
    const rows = await queryRows<{ event_id: string; status: string }>(
      db,
      sql`select event_id, status from registrations where person_id = ${outsider.id} and status <> 'cancelled'`,
    );
    assert.deepEqual(Object.fromEntries(rows.map((r) => [r.event_id, r.status])), {
      [full.id]: 'waitlisted',
      [open.id]: 'confirmed',
    });
    // Each registration went through register(): audited, one by one.
    const [audited] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_log where action = 'register' and actor_id = ${outsider.id}`,
    );
    assert.equal(audited?.n, 2);

    // Again: nothing new, each said already done.
    const again = await browser.post(`/agenda/series/${seriesId}/saisons/6/inscription`, {});
    assert.equal(again.statusCode, 200);
    assert.match(again.body, /<h2>Déjà inscrit·e<\/h2>/);
    const [count] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from registrations where person_id = ${outsider.id} and status <> 'cancelled'`,
    );
    assert.equal(count?.n, 2);

    // An invited person sees and gets the restricted session too.
    const invitee = await buildElected(db, member.id);
    await invite(db, hidden.id, [invitee.id], null);
    const theirs = await signedIn(invitee, `/agenda/series/${seriesId}`);
    assert.ok(theirs.lastBody.includes(hidden.id));
    const all = await theirs.post(`/agenda/series/${seriesId}/saisons/6/inscription`, {});
    assert.match(all.body, /3 sessions confirmées, 1 sur liste d’attente, 0 refusée/);

    // A season with nothing to come: said on the series' page, nothing written.
    const none = await browser.post(`/agenda/series/${seriesId}/saisons/5/inscription`, {});
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /Aucune session de cette saison n’est encore à venir/);
    // An unknown series.
    const unknown = await browser.post(`/agenda/series/${crypto.randomUUID()}/saisons/6/inscription`, {});
    assert.equal(unknown.statusCode, 404);
  });

  it('refuses a season number that is not one on the staff’s form, and keeps what was typed', async () => {
    const staff = await signedIn(await buildStaff(db), '/gestion/evenements/nouveau');
    const title = `Séance mal numérotée ${stamp()}`;
    const response = await staff.post('/gestion/evenements', {
      title,
      kind: 'webinar',
      format: 'online',
      audience: 'public',
      startsAt: '2027-01-15T14:00',
      endsAt: '2027-01-15T15:30',
      series: 'Chroniques géopolitiques',
      season: 'six',
      sessionNumber: '2',
      guest: 'Une chercheuse',
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Numéro de saison attendu/);
    assert.ok(response.body.includes(`value="${title}"`));
    assert.ok(response.body.includes('value="six"'));
    const [found] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from events where title = ${title}`,
    );
    assert.equal(found?.n, 0);
  });
});
