// « Mon programme », in Chromium on a phone: an élue of a member local government registers to an open
// edition of the Rencontres (free), chooses a workshop, is refused a second one at the same time in French,
// chooses others (one full: its waiting list), takes one back out, and downloads her programme's calendar,
// which ical.js reads. At each step: no axe violation, no sideways scroll, buttons named after their
// workshop, within the screen and tapped, notices announced (role status or alert).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import type { Page } from 'playwright-core';
import { chooseSession } from '../../src/modules/conferences/choices.ts';
import {
  addRoom,
  createConference,
  type SessionInput,
  saveSession,
} from '../../src/modules/conferences/conferences.ts';
import { registerToConference, registrationOfPerson } from '../../src/modules/conferences/registrations.ts';
import { notificationSettings } from '../../src/modules/events/notifications.ts';
import { findPersonByEmail } from '../../src/modules/organisations/people.ts';
import { parisDate, parisTime } from '../../src/platform/time.ts';
import { assertWellFormed, type ReadEvent, readCalendar } from '../ical.ts';
import {
  assertNoAxeViolation,
  brokenInPageLinks,
  browserSuite,
  expectHeading,
  phoneOverflow,
  signIn,
} from './support.ts';

/** A fictional élue of Angers, a member this year in the demo data. */
const elue = 'helene.garnier@angers.example.org';
/** Another member's élue, who took the micro-workshop's only seat before her. */
const first = 'sophie.lambert@lyon.example.org';

const dayMs = 86_400_000;
// Registrations opened yesterday; the edition is in six weeks, over two days.
const opened = parisDate(new Date(Date.now() - dayMs));
const day1 = parisDate(new Date(Date.now() + 42 * dayMs));
const day2 = parisDate(new Date(Date.now() + 43 * dayMs));
const at = (day: string, time: string) => parisTime(day, time).toISOString();
const title = 'Rencontres de l’action internationale des collectivités territoriales — essai mobile';

const plenary = 'Plénière d’ouverture';
const water = 'Atelier Eau et assainissement';
const climate = 'Atelier Climat et résilience';
const youth = 'Atelier Jeunesse et volontariat';
const funding = 'Micro-atelier Financer un projet avec l’AFD';
const culture = 'Atelier Culture et patrimoine';

/** An event's title without the « [Liste d’attente] » the agenda's feeds put before a waiting place. */
const titleOf = (event: ReadEvent) => event.summary.replace(/^\[Liste d’attente\] /, '');

/** Paris wall-clock days as the page prints them (« jeudi 14 janvier 2027 »), read independently of the app. */
const dayInWords = (day: string) =>
  new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  })
    .format(parisTime(day, '12:00'))
    .replace(/^(\S+) 1 /, '$1 1er ');

describe('an élue chooses her workshops of the Rencontres on a phone', () => {
  const suite = browserSuite();
  let page: Page;
  let conferenceId: string;
  /** Her calendar, as ical.js reads it. */
  let calendar: ReadEvent[] = [];
  /** The HTML the app sent for the page on screen (before the browser repairs it). */
  let sent: Promise<string> = Promise.resolve('');
  const invalidHtml: string[] = [];
  let checkedPages = 0;
  const sessions: Record<string, { id: string; startsAt: string; endsAt: string }> = {};

  before(async () => {
    const { db, config } = suite.app().services;
    // The edition as staff would set it up: the domain functions their pages call (the test is about her).
    const created = await createConference(
      db,
      {
        title,
        startsOn: day1,
        endsOn: day2,
        venue: 'Salons de l’Hôtel des Arts & Métiers, 9 bis avenue d’Iéna, 75116 Paris',
        registrationOpensAt: opened,
      },
      null,
    );
    assert.ok(created.ok, created.ok ? '' : created.error.message);
    conferenceId = created.value.id;
    const rooms: Record<string, string> = {};
    for (const [position, [name, capacity]] of (
      [
        ['Grand salon', 300],
        ['Salle Seine', 40],
        ['Salle Loire', 40],
        ['Salle Rhône', 20],
      ] as const
    ).entries()) {
      const room = await addRoom(db, conferenceId, { name, capacity, accessible: true, position }, null);
      assert.ok(room.ok, room.ok ? '' : room.error.message);
      rooms[name] = room.value.id;
    }
    const add = async (input: SessionInput) => {
      const saved = await saveSession(db, conferenceId, input, null);
      assert.ok(saved.ok, saved.ok ? '' : `${input.title} : ${saved.error.message}`);
      sessions[input.title] = {
        id: saved.value.id,
        startsAt: String(input.startsAt),
        endsAt: String(input.endsAt),
      };
    };
    await add({
      kind: 'plenary',
      title: plenary,
      roomId: rooms['Grand salon'],
      startsAt: at(day1, '09:00'),
      endsAt: at(day1, '10:00'),
    });
    // Two workshops partly at the same time, in two rooms: one may choose only one of them.
    await add({
      kind: 'workshop',
      title: water,
      roomId: rooms['Salle Seine'],
      startsAt: at(day1, '10:30'),
      endsAt: at(day1, '12:00'),
      capacity: 3,
    });
    await add({
      kind: 'workshop',
      title: climate,
      roomId: rooms['Salle Loire'],
      startsAt: at(day1, '11:00'),
      endsAt: at(day1, '12:30'),
    });
    await add({
      kind: 'lunch',
      title: 'Cocktail déjeunatoire',
      startsAt: at(day1, '12:30'),
      endsAt: at(day1, '14:00'),
    });
    await add({
      kind: 'workshop',
      title: youth,
      roomId: rooms['Salle Seine'],
      startsAt: at(day1, '14:00'),
      endsAt: at(day1, '15:30'),
    });
    await add({
      kind: 'micro_workshop',
      title: funding,
      roomId: rooms['Salle Rhône'],
      startsAt: at(day1, '16:00'),
      endsAt: at(day1, '16:45'),
      capacity: 1,
    });
    // On the second day, which she will not attend.
    await add({
      kind: 'workshop',
      title: culture,
      roomId: rooms['Salle Seine'],
      startsAt: at(day2, '10:00'),
      endsAt: at(day2, '11:30'),
    });

    // Another élue took the micro-workshop's only seat.
    const sophie = await findPersonByEmail(db, first);
    assert.ok(sophie, `${first} manque aux données de démonstration`);
    const registered = await registerToConference(
      db,
      conferenceId,
      { personId: sophie.id, category: 'member_local_government' },
      { settings: notificationSettings(config), actorId: sophie.id, staff: false, actFor: () => true },
    );
    assert.ok(registered.ok, registered.ok ? '' : registered.error.message);
    const seat = await chooseSession(db, registered.value.registrationId, sessions[funding]!.id, {
      staff: false,
      actFor: () => true,
    });
    assert.ok(seat.ok && seat.value.status === 'confirmed', 'the first élue has the only seat');

    page = await suite.newPage(true);
    page.on('response', (response) => {
      if (
        response.frame() === page.mainFrame() &&
        response.request().isNavigationRequest() &&
        (response.status() < 300 || response.status() >= 400)
      ) {
        // Read at once (a page navigated away from has no body left); a failure surfaces in `checkPage` only.
        sent = response.text();
        sent.catch(() => {});
      }
    });
    await signIn(suite.app(), page, elue);
  });

  const validator = new HtmlValidate({ extends: ['html-validate:standard'] });

  /**
   * What every state of her phone's page must be: accessible, no wider than the screen, no broken anchor.
   * Its HTML's faults (RGAA 8.2) are kept for a test of their own, so that one does not hide the next steps.
   */
  async function checkPage(label: string) {
    checkedPages++;
    const report = await validator.validateString(await sent, label);
    invalidHtml.push(
      ...report.results.flatMap((r) =>
        r.messages.map((m) => `${label}:${m.line}:${m.column} ${m.ruleId} — ${m.message}`),
      ),
    );
    await assertNoAxeViolation(page, label);
    assert.equal(await phoneOverflow(page), 0, `${label} : la page défile de côté sur le téléphone`);
    assert.deepEqual(await brokenInPageLinks(page), [], `${label} : liens internes cassés`);
  }

  /** The workshop's item of the list, by its title's link. */
  const item = (name: string) =>
    page.getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });

  /** Taps the button « Choisir « … » » or « Retirer « … » », after checking a person sees and reaches it. */
  async function tap(verb: 'Choisir' | 'Retirer', name: string) {
    const button = page.getByRole('button', { name: `${verb} « ${name} »`, exact: true });
    assert.equal(await button.count(), 1, `un bouton « ${verb} « ${name} » »`);
    await button.scrollIntoViewIfNeeded();
    const box = await button.boundingBox();
    assert.ok(box, `${verb} « ${name} » est affiché`);
    assert.ok(
      box.x >= 0 && box.x + box.width <= 375,
      `${verb} « ${name} » tient dans l’écran (${box.x}, ${box.width})`,
    );
    // WCAG 2.2's 2.5.8 minimum target (24 × 24 CSS px): a finger must be able to hit it.
    assert.ok(
      box.width >= 24 && box.height >= 24,
      `${verb} « ${name} » assez grand (${box.width} × ${box.height})`,
    );
    // The page that follows the form (its notice or its refusal), not the one the button was on.
    const loaded = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
    await button.tap();
    await loaded;
    await page.waitForLoadState();
  }

  /** The notice (role status) the page shows after an action. */
  const notice = async () => (await page.getByRole('status').first().innerText()).trim();

  it('from the edition’s programme, she finds where to register', async () => {
    await page.goto('/rencontres');
    await page.getByRole('link', { name: title }).first().click();
    await expectHeading(page, `Programme — ${title}`);
    await checkPage('programme');
    // The page that registers to the Rencontres (a category, days, lunch) is reached from the programme,
    // directly or through the agenda's page its « Informations pratiques et inscription » leads to.
    const registration = `a[href="/rencontres/${conferenceId}/inscription"]`;
    if ((await page.locator(registration).count()) === 0) {
      await page.getByRole('link', { name: 'Informations pratiques et inscription' }).click();
      await checkPage('agenda, page de l’événement');
    }
    const main = (await page.getByRole('main').innerText()).replace(/\n+/g, ' ¶ ');
    assert.ok(
      (await page.locator(registration).count()) > 0,
      `aucun lien vers /rencontres/${conferenceId}/inscription depuis le programme ni depuis ${page.url()} : ${main}`,
    );
    await page.locator(registration).first().click();
    await expectHeading(page, `S’inscrire : ${title}`);
  });

  it('registers as a member local government, free, on the first day with lunch', async () => {
    const before = suite.app().mail.received.length;
    await page.goto(`/rencontres/${conferenceId}/inscription`);
    await expectHeading(page, `S’inscrire : ${title}`);
    await checkPage('inscription');
    const category = page.getByRole('group', { name: 'Catégorie' });
    const member = category.getByRole('radio', { name: /^Collectivité adhérente — gratuit$/i });
    // Only the categories a person chooses herself: staff give press, speakers, exhibitors, staff.
    assert.deepEqual(
      (await category.getByRole('radio').evaluateAll((radios) => radios.map((r) => r.id))).sort(),
      [
        'category-foreign_delegation',
        'category-local_government',
        'category-member_local_government',
        'category-partner',
      ],
    );
    await member.tap();
    assert.ok(await member.isChecked());
    const days = page.getByRole('group', { name: 'Jours de présence' });
    await days.getByRole('checkbox', { name: new RegExp(`^${dayInWords(day1)}$`, 'i') }).tap();
    assert.equal(
      await days.getByRole('checkbox', { name: new RegExp(`^${dayInWords(day2)}$`, 'i') }).isChecked(),
      false,
    );
    await page.getByRole('checkbox', { name: 'Je déjeune sur place (cocktail déjeunatoire)' }).tap();
    await page
      .getByLabel('Besoins pour vous accueillir (facultatif)')
      .fill('Place réservée près de la scène');
    await page.getByRole('button', { name: 'M’inscrire' }).tap();

    await expectHeading(page, `Mon programme ${title}`);
    assert.match(await notice(), /^C’est fait : l’inscription est enregistrée/);
    await checkPage('mon programme, inscrite');
    const facts = (await page.locator('dl.facts').innerText()).replace(/\s+/g, ' ');
    assert.match(facts, /Inscription Inscription confirmée/);
    assert.match(facts, /Catégorie Collectivité adhérente/);
    assert.match(facts, /Montant dû Gratuit/);
    assert.match(facts, /Déjeuner Oui/);
    // The confirmation mail, and her needs kept for the team (not shown back on her page).
    await suite.app().mail.next(elue, before, `Inscription confirmée : ${title}`);
    const person = await findPersonByEmail(suite.app().services.db, elue);
    const saved = await registrationOfPerson(suite.app().services.db, conferenceId, person!.id);
    assert.equal(saved?.conference.accessibilityNeeds, 'Place réservée près de la scène');
    assert.deepEqual(saved?.conference.days, [day1]);

    // Her day only: the second day's workshop is not offered; the plenary is for everyone, not chosen.
    assert.equal(await page.getByRole('link', { name: culture }).count(), 0, 'pas l’atelier du second jour');
    assert.equal(await item(plenary).getByRole('button').count(), 0, 'la plénière ne se choisit pas');
    assert.match(await item(water).innerText(), /3 places restantes/);
    assert.match(await item(funding).innerText(), /Complet : la liste d’attente est ouverte/);
  });

  it('chooses a workshop: her seat is confirmed', async () => {
    await tap('Choisir', water);
    await expectHeading(page, `Mon programme ${title}`);
    assert.equal(await notice(), 'C’est fait : la séance est dans le programme.');
    assert.match(await item(water).innerText(), /Place confirmée/);
    assert.equal(await page.getByRole('button', { name: `Retirer « ${water} »`, exact: true }).count(), 1);
    await checkPage('mon programme, un atelier choisi');
  });

  it('is refused a second workshop at the same time, in French, saying which one and when', async () => {
    await tap('Choisir', climate);
    await expectHeading(page, `Mon programme ${title}`);
    const alert = page.getByRole('alert');
    assert.equal(await alert.count(), 1);
    const said = (await alert.innerText()).replace(/\s+/g, ' ');
    assert.match(
      said,
      new RegExp(
        `Cette séance a lieu en même temps que « ${water} » \\(${dayInWords(day1)}, 10 h 30 – 12 h\\), déjà dans votre programme\\. Retirez-la d’abord pour choisir celle-ci\\.`,
      ),
    );
    // Nothing changed: still the first one, and the second still to choose.
    assert.match(await item(water).innerText(), /Place confirmée/);
    assert.doesNotMatch(await item(climate).innerText(), /Place confirmée/);
    await checkPage('mon programme, refus');
  });

  it('chooses one at another time, and joins the waiting list of a full one', async () => {
    await page.goto(`/rencontres/${conferenceId}/mon-programme`);
    await tap('Choisir', youth);
    assert.equal(await notice(), 'C’est fait : la séance est dans le programme.');
    assert.match(await item(youth).innerText(), /Place confirmée/);
    assert.match(await item(water).innerText(), /Place confirmée/);
    await checkPage('mon programme, deux ateliers');

    await tap('Choisir', funding);
    assert.equal(
      await notice(),
      'La séance est complète : vous êtes sur sa liste d’attente, et prendrez la première place libérée.',
    );
    assert.match(await item(funding).innerText(), /Sur la liste d’attente/);
    await checkPage('mon programme, liste d’attente');
  });

  it('takes the first workshop back out, then chooses the one at its time', async () => {
    await tap('Retirer', water);
    assert.equal(await notice(), 'C’est fait : la séance est retirée du programme.');
    assert.match(await item(water).innerText(), /3 places restantes/);
    await checkPage('mon programme, atelier retiré');

    await tap('Choisir', climate);
    assert.equal(await notice(), 'C’est fait : la séance est dans le programme.');
    assert.match(await item(climate).innerText(), /Place confirmée/);
    await checkPage('mon programme, atelier remplacé');
  });

  it('downloads her programme’s calendar: what is for everyone and what she chose, nothing else', async () => {
    const link = page.getByRole('link', { name: 'Ajouter mon programme à mon agenda (iCal)' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.tap()]);
    assert.equal(download.suggestedFilename(), 'mon-programme.ics');
    const text = await readFile(await download.path(), 'utf8');
    assertWellFormed(text, 'mon-programme.ics');
    calendar = readCalendar(text).events;
    const mine = [plenary, 'Cocktail déjeunatoire', climate, youth, funding];
    assert.deepEqual(calendar.map(titleOf).sort(), [...mine].sort());
    for (const name of mine) {
      const event = calendar.find((e) => titleOf(e) === name)!;
      assert.equal(event.startsAt.toISOString(), sessions[name]!.startsAt, `${name} : début`);
      assert.equal(event.endsAt.toISOString(), sessions[name]!.endsAt, `${name} : fin`);
      assert.equal(event.startsAtElsewhere.getTime(), event.startsAt.getTime(), `${name} : lu ailleurs`);
    }
  });

  it('her calendar does not promise the seat she is only waiting for: TENTATIVE, as the agenda’s feeds', () => {
    const waiting = calendar.find((e) => titleOf(e) === funding);
    assert.ok(waiting, `« ${funding} » dans son agenda`);
    assert.equal(waiting.status, 'TENTATIVE', `« ${funding} », en liste d’attente`);
    assert.equal(calendar.find((e) => titleOf(e) === youth)?.status, 'CONFIRMED');
  });

  it('was sent valid HTML at every step (RGAA 8.2)', () => {
    assert.ok(checkedPages >= 9, `${checkedPages} pages vérifiées`);
    assert.deepEqual(invalidHtml, []);
  });
});
