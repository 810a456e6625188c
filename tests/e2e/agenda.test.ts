// The agenda in a real browser: registering (alone, for colleagues, on a waiting list), the calendar feed,
// refusals that say why, check-in at the door on a phone, and online attendance from a Teams report.
// Every page state is checked by axe-core; mails arrive over real SMTP.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { checkInToken } from '../../src/modules/events/check-in.ts';
import { attendance } from '../../src/modules/events/events.schema.ts';
import { notificationSettings } from '../../src/modules/events/notifications.ts';
import { register } from '../../src/modules/events/register.ts';
import type { Person } from '../../src/modules/organisations/people.ts';
import { identityOf } from '../../src/platform/identity.ts';
import {
  buildElected,
  buildEvent,
  buildLocalGovernment,
  buildOfficer,
  buildPerson,
  buildStaff,
} from '../factories.ts';
import {
  assertNoAxeViolation,
  expectHeading,
  phoneOverflow,
  type RunningApp,
  signIn,
  startApp,
  thisYear,
} from './support.ts';

const suffix = () => randomBytes(3).toString('hex');
const fullName = (p: Pick<Person, 'firstName' | 'lastName'>) => `${p.firstName} ${p.lastName}`;
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('the agenda', () => {
  let app: RunningApp;
  const contexts: BrowserContext[] = [];
  before(async () => {
    app = await startApp();
  });
  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await app?.stop();
  });

  /** A browser of its own (cookies, and a policy lifted only so that axe-core can be injected). */
  async function newPage(options: { phone?: boolean } = {}): Promise<Page> {
    const context = await app.newContext({ bypassCSP: true, phone: options.phone });
    contexts.push(context);
    return context.newPage();
  }

  /** The page now shows `heading` as its title and has no axe violation. */
  async function see(page: Page, heading: string, state: string) {
    await expectHeading(page, heading);
    await assertNoAxeViolation(page, `${state} (${page.url()})`);
  }

  /** From the main menu to the event's page, through the agenda's search, as a visitor does. */
  async function openFromAgenda(page: Page, title: string) {
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Agenda' })
      .click();
    await see(page, 'Agenda du réseau', 'l’agenda');
    await page.getByLabel('Rechercher').fill(title);
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await see(page, 'Agenda du réseau', 'l’agenda filtré');
    await page.getByRole('link', { name: title, exact: true }).click();
    await see(page, title, 'la page de l’événement');
  }

  async function openMyRegistrations(page: Page) {
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Mes inscriptions' })
      .click();
    await see(page, 'Mes inscriptions', 'mes inscriptions');
  }

  /** The card of an event in « Mes inscriptions » (under « À venir » or a past year: a heading of level 3). */
  const cardOf = (page: Page, title: string) =>
    page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: title }) });

  const settings = () => notificationSettings(app.services.config);

  it('a member élue registers for a members-only meeting and finds it in her calendar feed', async () => {
    const { db } = app.services;
    const town = await buildLocalGovernment(db);
    const elue = await buildElected(db, town.id);
    const title = `Réunion des adhérents ${suffix()}`;
    const event = await buildEvent(db, { title, audience: 'members', venue: 'Hôtel de ville' });

    const page = await newPage();
    await signIn(app, page, elue.email);
    await assertNoAxeViolation(page, 'mon espace');
    await openFromAgenda(page, title);
    const box = page.getByRole('region', { name: 'Inscription' });
    await assertText(page.getByRole('main'), 'Réservé aux adhérents');

    const mailsBefore = app.mail.received.length;
    await box.getByRole('button', { name: 'M’inscrire', exact: true }).click();
    await see(page, title, 'inscrite à l’événement');
    await assertText(
      page.getByRole('status').first(),
      'Inscription enregistrée : un courriel de confirmation est parti.',
    );
    await assertText(box, 'Votre inscription est confirmée.');
    assert.equal(await box.getByRole('button', { name: 'M’inscrire' }).count(), 0);

    await openMyRegistrations(page);
    await assertText(cardOf(page, title), 'Inscription confirmée');
    await page.getByRole('button', { name: 'Créer mon adresse d’agenda' }).click();
    await see(page, 'Mes inscriptions', 'adresse d’agenda créée');
    const calendar = page.getByRole('region', { name: 'Mes inscriptions dans mon agenda' });
    await assertText(calendar, 'Votre adresse (à garder pour vous)');
    const feedUrl = (await calendar.locator('code').innerText()).trim();
    assert.match(feedUrl, /\/agenda\/personnel\/[\w-]{20,100}\.ics$/);
    assert.ok(feedUrl.startsWith(app.baseUrl), `${feedUrl} ne mène pas à ${app.baseUrl}`);

    // Fetched as a calendar application would, without the browser's session.
    const response = await fetch(feedUrl);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/calendar/);
    const ics = (await response.text()).replace(/\r\n[ \t]/g, '');
    const uid = `UID:${event.id}@${identityOf(app.services.config).domain}`;
    assert.ok(ics.includes(`\r\n${uid}\r\n`), `UID de l’événement absent :\n${ics}`);
    assert.ok(ics.includes(`SUMMARY:${title}`), `titre de l’événement absent :\n${ics}`);

    const mail = await app.mail.next(elue.email, mailsBefore);
    assert.equal(mail.subject, `Inscription confirmée : ${title}`);
    assert.ok(mail.text?.includes(`Votre inscription à « ${title} » est confirmée.`), mail.text);
    assert.ok(mail.text?.includes(`${app.baseUrl}/agenda/${event.id}`), mail.text);
  });

  it('a non-member officer is refused with the reason', async () => {
    const { db } = app.services;
    const town = await buildLocalGovernment(db, { member: false });
    const officer = await buildOfficer(db, town.id);
    const title = `Assemblée des adhérents ${suffix()}`;
    await buildEvent(db, { title, audience: 'members' });

    const page = await newPage();
    await signIn(app, page, officer.email);
    await openFromAgenda(page, title);
    const box = page.getByRole('region', { name: 'Inscription' });
    await assertText(
      box.getByRole('status'),
      `Cet événement est réservé aux adhérents du réseau, et votre organisation n’est pas à jour de son adhésion ${thisYear}.`,
    );
    await assertText(
      box,
      'Le ou la référente de votre collectivité, ou l’équipe du réseau, peut la renouveler',
    );
    assert.equal(await page.getByRole('button', { name: /M’inscrire/ }).count(), 0);
  });

  it('a referent registers two colleagues', async () => {
    const { db } = app.services;
    const town = await buildLocalGovernment(db);
    const referent = await buildOfficer(db, town.id, true);
    const first = await buildOfficer(db, town.id);
    const second = await buildElected(db, town.id);
    const third = await buildOfficer(db, town.id);
    const title = `Atelier jumelages ${suffix()}`;
    await buildEvent(db, { title, kind: 'workshop', audience: 'members', capacity: 20 });

    const page = await newPage();
    await signIn(app, page, referent.email);
    await openFromAgenda(page, title);
    const colleagues = page.getByRole('group', { name: 'Inscrire des collègues de ma collectivité' });
    await colleagues.getByLabel(fullName(first)).check();
    await colleagues.getByLabel(fullName(second)).check();
    const mailsBefore = app.mail.received.length;
    await page.getByRole('button', { name: 'Inscrire les personnes cochées' }).click();
    await see(page, title, 'collègues inscrits');
    await assertText(
      page.getByRole('status').first(),
      'Vos collègues sont inscrits ; chacun reçoit un courriel.',
    );
    for (const colleague of [first, second]) {
      const box = colleagues.getByLabel(`${fullName(colleague)} (déjà inscrit·e)`);
      assert.equal(await box.isDisabled(), true, `${fullName(colleague)} devrait être inscrit·e`);
    }
    // The one left unticked can still be registered, and the referent herself was not.
    assert.equal(await colleagues.getByLabel(fullName(third), { exact: true }).isEnabled(), true);
    await page.getByRole('button', { name: 'M’inscrire', exact: true }).waitFor();
    await assertText(page.getByRole('main'), '18 places restantes sur 20');

    for (const colleague of [first, second]) {
      const mail = await app.mail.next(colleague.email, mailsBefore);
      assert.equal(mail.subject, `Inscription confirmée : ${title}`);
      assert.ok(mail.text?.includes(`${fullName(referent)} vous a inscrit·e.`), mail.text);
    }
  });

  it('the 11th person of a 10-seat workshop waits and is promoted when someone cancels', async () => {
    const { db } = app.services;
    const title = `Atelier financements européens ${suffix()}`;
    const event = await buildEvent(db, { title, kind: 'workshop', capacity: 10 });
    const ten: Person[] = [];
    for (let i = 0; i < 10; i++) {
      const person = await buildPerson(db);
      const result = await register(
        db,
        { eventId: event.id, personId: person.id, registeredBy: person.id },
        { settings: settings() },
      );
      assert.ok(result.ok && result.value.status === 'confirmed', JSON.stringify(result));
      ten.push(person);
    }
    const eleventh = await buildPerson(db, { firstName: 'Inès' });

    const page = await newPage();
    await signIn(app, page, eleventh.email);
    await openFromAgenda(page, title);
    await assertText(page.getByRole('main'), 'Complet — inscription sur liste d’attente');
    await page.getByRole('button', { name: 'M’inscrire sur la liste d’attente' }).click();
    await see(page, title, 'sur liste d’attente');
    await assertText(
      page.getByRole('status').first(),
      'L’événement est complet : vous êtes sur la liste d’attente.',
    );
    await assertText(
      page.getByRole('region', { name: 'Inscription' }),
      'Vous êtes sur la liste d’attente : nous vous écrirons si une place se libère.',
    );
    await openMyRegistrations(page);
    await assertText(cardOf(page, title), 'Sur liste d’attente');

    // One of the ten cancels, in her own browser.
    const leaving = ten[3]!;
    const other = await newPage();
    await signIn(app, other, leaving.email);
    await openMyRegistrations(other);
    await assertText(cardOf(other, title), 'Inscription confirmée');
    const mailsBefore = app.mail.received.length;
    await other.getByRole('button', { name: `Annuler mon inscription à « ${title} »` }).click();
    await see(other, 'Mes inscriptions', 'inscription annulée');
    await assertText(other.getByRole('status').first(), 'Inscription annulée.');
    assert.equal(await cardOf(other, title).count(), 0);

    await page.reload();
    await see(page, 'Mes inscriptions', 'mes inscriptions après la promotion');
    await assertText(cardOf(page, title), 'Inscription confirmée');
    await cardOf(page, title)
      .getByRole('img', { name: `Code de présence pour « ${title} » : à présenter à l’accueil` })
      .waitFor();
    const mail = await app.mail.next(eleventh.email, mailsBefore);
    assert.equal(mail.subject, `Une place s’est libérée : ${title}`);
    assert.ok(mail.text?.includes(`votre inscription à « ${title} » est confirmée`), mail.text);
  });

  it('staff checks people in on a phone-sized screen', async () => {
    const { db } = app.services;
    const staff = await buildStaff(db);
    const title = `Forum des partenariats ${suffix()}`;
    const event = await buildEvent(db, { title, kind: 'forum', capacity: 50, venue: 'Salle des fêtes' });
    const tag = suffix();
    const names = [
      ['Yasmine', `Benali-${tag}`],
      ['Thomas', `Lemaire-${tag}`],
      ['Sophie', `Carpentier-${tag}`],
    ] as const;
    const registered: { person: Person; token: string; registrationId: string }[] = [];
    for (const [firstName, lastName] of names) {
      const person = await buildPerson(db, { firstName, lastName });
      const result = await register(
        db,
        { eventId: event.id, personId: person.id, registeredBy: person.id },
        { settings: settings() },
      );
      assert.ok(result.ok, JSON.stringify(result));
      registered.push({ person, token: checkInToken(result.value.id), registrationId: result.value.id });
    }
    const [yasmine, thomas] = registered as [(typeof registered)[0], (typeof registered)[0]];

    const page = await newPage({ phone: true });
    /** The page state is checked by axe and fits the phone's width. */
    const seeOnPhone = async (heading: string, state: string) => {
      await see(page, heading, state);
      assert.equal(await phoneOverflow(page), 0, `${state} : défilement horizontal sur ${page.url()}`);
    };
    const count = page.getByText(/\d+ présent·es? sur \d+ inscrit·es?/);
    await signIn(app, page, staff.email);
    await page.goto('/gestion/evenements');
    await seeOnPhone('Événements', 'événements (gestion)');
    await page.getByRole('link', { name: title }).first().tap();
    await seeOnPhone(title, 'gestion de l’événement');
    await page.getByRole('link', { name: 'Émargement', exact: true }).tap();
    await seeOnPhone('Émargement', 'émargement');
    assert.equal(squash(await count.innerText()), '0 présent·e sur 3 inscrit·es');

    await page.getByLabel('Nom de la personne').fill(`benali ${tag}`);
    await page.getByRole('button', { name: 'Chercher' }).tap();
    await seeOnPhone('Émargement', 'émargement, recherche');
    await assertText(page.getByRole('heading', { level: 2 }), `1 personne trouvée pour « benali ${tag} »`);
    const list = page.getByRole('list', { name: /personne trouvée/ });
    assert.equal(await list.getByRole('listitem').count(), 1);
    await assertText(list, fullName(yasmine.person));

    await page.getByRole('button', { name: `Présent·e : ${fullName(yasmine.person)}` }).tap();
    await seeOnPhone('Émargement', 'présence enregistrée');
    await assertText(page.getByRole('status').first(), 'Présence enregistrée.');
    assert.equal(squash(await count.innerText()), '1 présent·e sur 3 inscrit·es');
    await assertText(list, '(émargement)');
    // The search is kept, so that the next person is searched for from the same place.
    assert.equal(await page.getByLabel('Nom de la personne').inputValue(), `benali ${tag}`);

    await page.getByRole('button', { name: `Annuler la présence de ${fullName(yasmine.person)}` }).tap();
    await seeOnPhone('Émargement', 'présence annulée');
    await assertText(page.getByRole('status').first(), 'Présence annulée.');
    assert.equal(squash(await count.innerText()), '0 présent·e sur 3 inscrit·es');
    await page.getByRole('button', { name: `Présent·e : ${fullName(yasmine.person)}` }).waitFor();

    // Thomas's QR code read at the door: the page shows who, a button records; the event is in a month, so a
    // second button confirms. Read again: already present, no button.
    await page.goto(`/emargement/${thomas.token}`);
    await seeOnPhone(fullName(thomas.person), 'code QR lu');
    await page.getByRole('button', { name: 'Enregistrer la présence' }).tap();
    await seeOnPhone(fullName(thomas.person), 'code QR hors des dates');
    await assertText(page.getByRole('alert'), 'enregistrer quand même ?');
    await page.getByRole('button', { name: 'Enregistrer quand même' }).tap();
    await seeOnPhone(fullName(thomas.person), 'présence enregistrée par le code QR');
    await assertText(page.getByRole('status').first(), 'Présence enregistrée.');
    await page.goto(`/emargement/${thomas.token}`);
    await seeOnPhone(fullName(thomas.person), 'code QR lu deux fois');
    await assertText(page.locator('.check-in-state'), 'Présent·e depuis');
    assert.equal(await page.getByRole('button', { name: 'Enregistrer la présence' }).count(), 0);
    await page.getByRole('link', { name: 'Émargement de l’événement' }).tap();
    await seeOnPhone('Émargement', 'émargement après le code QR');
    assert.equal(squash(await count.innerText()), '1 présent·e sur 3 inscrit·es');
    await assertText(page.locator(`#r-${thomas.registrationId}`), '(code QR)');
    const rows = await db
      .select()
      .from(attendance)
      .where(and(eq(attendance.eventId, event.id), eq(attendance.personId, thomas.person.id)));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.source, 'qr');
  });

  it('a Teams attendance report is imported', async () => {
    const { db } = app.services;
    const staff = await buildStaff(db);
    const title = `Webinaire coopération climat ${suffix()}`;
    const event = await buildEvent(db, {
      title,
      kind: 'webinar',
      format: 'online',
      onlineUrl: 'https://visio.example.org/climat',
    });
    const tag = suffix();
    const [long, twice, short] = await Promise.all([
      buildPerson(db, { firstName: 'Nadia', lastName: `Roche-${tag}` }),
      buildPerson(db, { firstName: 'Paul', lastName: `Girard-${tag}` }),
      buildPerson(db, { firstName: 'Lina', lastName: `Masson-${tag}` }),
    ]);
    for (const person of [long, twice, short]) {
      const result = await register(
        db,
        { eventId: event.id, personId: person.id, registeredBy: person.id },
        { settings: settings() },
      );
      assert.ok(result.ok, JSON.stringify(result));
    }
    const unknown = `invite.${tag}@partenaire.example.org`;
    // As Teams writes it: a summary, the participants (Paul reconnected: two lines), then every
    // connection, which must not be counted a second time.
    const lines = [
      '1. Résumé',
      `Titre de la réunion\t${title}`,
      'Participants présents\t4',
      '',
      '2. Participants',
      'Nom complet\tPremière participation\tDernier départ\tDurée de la réunion\tAdresse e-mail\tRôle',
      `${fullName(long)}\t08/12/2026 09:58\t08/12/2026 11:03\t1 h 5 min\t${long.email}\tPrésentateur`,
      `${fullName(twice)}\t08/12/2026 10:00\t08/12/2026 10:12\t00:12:30\t${twice.email}\tParticipant`,
      `${fullName(short)}\t08/12/2026 10:20\t08/12/2026 10:32\t00:12:30\t${short.email}\tParticipant`,
      `Invité externe\t08/12/2026 10:00\t08/12/2026 11:00\t1 h\t${unknown}\tParticipant`,
      `${fullName(twice)}\t08/12/2026 10:30\t08/12/2026 10:55\t00:25:00\t${twice.email}\tParticipant`,
      '',
      '3. Activités de réunion',
      'Nom\tHeure de participation\tHeure de départ\tDurée\tAdresse e-mail\tRôle',
      `${fullName(long)}\t08/12/2026 09:58\t08/12/2026 11:03\t1 h 5 min\t${long.email}\tPrésentateur`,
      `${fullName(twice)}\t08/12/2026 10:00\t08/12/2026 10:12\t00:12:30\t${twice.email}\tParticipant`,
      `${fullName(twice)}\t08/12/2026 10:30\t08/12/2026 10:55\t00:25:00\t${twice.email}\tParticipant`,
    ];
    const unknownLine = lines.findIndex((l) => l.includes(unknown)) + 1;

    const page = await newPage();
    await signIn(app, page, staff.email);
    await page.goto(`/gestion/evenements/${event.id}`);
    await see(page, title, 'gestion de l’événement');
    await page.getByRole('link', { name: 'Importer les présences en ligne' }).click();
    await see(page, 'Présences en ligne', 'dépôt d’un rapport');
    await page.getByLabel('Rapport de participation').setInputFiles({
      name: 'Rapport de présence Teams.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'),
    });
    await page.getByLabel('Durée minimale de présence, en minutes').fill('30');
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await see(page, 'Rapport de présence en ligne', 'prévisualisation du rapport');
    const main = page.getByRole('main');
    await assertText(main, 'Fichier : Rapport de présence Teams.csv — durée minimale : 30 min');
    await assertText(
      page.getByRole('status'),
      '2 personnes présentes, 1 présence trop courte, 1 ligne non reconnue.',
    );
    assert.deepEqual(await rowsOf(page.getByRole('table', { name: 'Présent·es (au moins 30 min)' })), [
      [fullName(long), long.email, '65 min'],
      [fullName(twice), twice.email, '37 min'],
    ]);
    assert.deepEqual(
      await rowsOf(
        page.getByRole('table', { name: 'Présences trop courtes (moins de 30 min) : non comptées' }),
      ),
      [[fullName(short), short.email, '12 min']],
    );
    assert.deepEqual(await rowsOf(page.getByRole('table', { name: 'Lignes non reconnues et pourquoi' })), [
      [String(unknownLine), unknown, 'aucune personne n’a cette adresse'],
    ]);

    await page.getByRole('button', { name: 'Enregistrer 2 présences' }).click();
    await see(page, 'Rapport de présence en ligne', 'rapport enregistré');
    await assertText(page.getByRole('status'), '2 présences enregistrées.');
    await page.getByRole('link', { name: 'Retour à l’événement' }).click();
    await see(page, title, 'inscriptions après le rapport');
    await assertText(main, '3 confirmées, 0 sur liste d’attente, 2 présences enregistrées');
    const table = page.getByRole('table', { name: /^Inscriptions/ });
    const presence = async (person: Person) =>
      squash(
        await table.getByRole('row').filter({ hasText: person.email }).getByRole('cell').nth(4).innerText(),
      );
    assert.equal(await presence(long), 'Présent·e (rapport de visioconférence, 65 min)');
    assert.equal(await presence(twice), 'Présent·e (rapport de visioconférence, 37 min)');
    assert.equal(await presence(short), '—');
  });
});

/** Fails unless the element's visible text contains `text` (spaces compared loosely). */
async function assertText(locator: Locator, text: string) {
  const visible = await locator.innerText({ timeout: 5_000 }).catch(async (error: Error) => {
    const page = locator.page();
    const shown = await page.locator('body').innerText();
    throw new Error(`${error.message}\n« ${text} » attendu ; la page ${page.url()} montre :\n${shown}`);
  });
  assert.ok(squash(visible).includes(squash(text)), `« ${text} » attendu dans :\n${visible}`);
}

async function rowsOf(table: Locator): Promise<string[][]> {
  const rows = await table.locator('tbody tr').all();
  return Promise.all(rows.map(async (r) => (await r.locator('td').allInnerTexts()).map(squash)));
}
