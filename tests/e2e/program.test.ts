// « Diplomates des territoires » in a real browser: an élue applies and is accepted, an officer is turned
// away from the cohort but not from the open sessions, the certification rule (at least 5 sessions
// including both mandatory ones) seen by participants and staff, the certificate's PDF and its QR code
// read back from the rendered page, and a revoked certificate. Every page state is checked by axe-core;
// mails arrive over real SMTP.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import jsqr from 'jsqr';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { recordAttendance } from '../../src/modules/events/check-in.ts';
import type { Person } from '../../src/modules/organisations/people.ts';
import { personErased } from '../../src/modules/organisations/person-hooks.ts';
import { applyToProgram, decideApplication } from '../../src/modules/program/applications.ts';
import { listCertificates } from '../../src/modules/program/certificates.ts';
import { addSession, createProgram, type Program } from '../../src/modules/program/programs.ts';
import { formatDate, formatDay, parisDate, parisTime } from '../../src/platform/time.ts';
import { buildEvent, buildLocalGovernment, buildPerson, buildStaff } from '../factories.ts';
import {
  assertNoAxeViolation,
  expectHeading,
  onPhone,
  phoneOverflow,
  type RunningApp,
  signIn,
  startApp,
} from './support.ts';

const run = promisify(execFile);
// A CommonJS module: its `default` is the decoder itself (typed so under nodenext).
const jsQR = jsqr.default;
const tag = randomBytes(3).toString('hex');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const fullName = (p: Pick<Person, 'firstName' | 'lastName'>) => `${p.firstName} ${p.lastName}`;
const mandate = 'adjointe au maire déléguée aux relations internationales';
const day = 86_400_000;

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

interface SessionPlan {
  title: string;
  days: number;
  mandatory?: boolean;
  cohortOnly?: boolean;
}

describe('« Diplomates des territoires » in a browser', () => {
  let app: RunningApp;
  let staff: Person;
  let dir: string;
  const contexts: BrowserContext[] = [];

  before(async () => {
    app = await startApp();
    staff = await buildStaff(app.services.db);
    dir = await mkdtemp(join(tmpdir(), 'coopdec-e2e-parcours-'));
  });
  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await app?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** A browser of its own (cookies, and a policy lifted only so that axe-core can be injected). */
  async function newPage(): Promise<Page> {
    const context = await app.newContext({ bypassCSP: true });
    contexts.push(context);
    return context.newPage();
  }

  /** The page now shows `heading` as its title and has no axe violation. */
  async function see(page: Page, heading: string, state: string) {
    await expectHeading(page, heading);
    await assertNoAxeViolation(page, `${state} (${page.url()})`);
  }

  /** An edition with its sessions (events of the agenda, `days` from now), made through the domain. */
  async function edition(title: string, plan: SessionPlan[]) {
    const { db } = app.services;
    const now = Date.now();
    const program = expectOk(
      await createProgram(
        db,
        {
          title,
          minSessions: 5,
          cohortSize: 30,
          applicationsOpenAt: new Date(now - 30 * day).toISOString(),
          applicationsCloseAt: new Date(now + 30 * day).toISOString(),
          certificatesOn: parisDate(new Date(now + 80 * day)),
          signatoryName: 'Dominique Exemple',
          signatoryTitle: 'Coordinatrice du parcours d’immersion',
        },
        staff.id,
      ),
    );
    const events = new Map<string, string>();
    for (const s of plan) {
      const event = await buildEvent(db, { title: s.title, audience: 'members', venue: 'Paris' }, s.days);
      expectOk(
        await addSession(
          db,
          program.id,
          { eventId: event.id, mandatory: s.mandatory ?? false, cohortOnly: s.cohortOnly ?? false },
          staff.id,
        ),
      );
      events.set(s.title, event.id);
    }
    return { program, events, titles: plan.map((s) => s.title) };
  }

  /** Staff's way to an edition's page: the management menu, then the edition in the table. */
  async function openAsStaff(page: Page, program: Program) {
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Gestion' })
      .click();
    await see(page, 'Gestion du réseau', 'la gestion');
    await page.getByRole('navigation', { name: 'Gestion' }).getByRole('link', { name: 'Parcours' }).click();
    await see(page, 'Parcours « Diplomates des territoires »', 'les éditions (gestion)');
    await page
      .getByRole('table', { name: 'Éditions du parcours' })
      .getByRole('link', { name: program.title })
      .click();
    await see(page, program.title, 'l’édition (gestion)');
  }

  async function openCohort(page: Page, program: Program) {
    await page
      .getByRole('navigation', { name: 'Gestion du parcours' })
      .getByRole('link', { name: 'Promotion et certificats' })
      .click();
    await see(page, `Promotion — ${program.title}`, 'la promotion');
  }

  async function openMyPath(page: Page, state: string) {
    await page.goto('/mon-parcours');
    await see(page, 'Mon parcours', state);
  }

  const cohortTable = (page: Page) =>
    page.getByRole('table', { name: 'La promotion : présences et certificats' });

  // The edition open to applications, its sessions to come (titles of the 2026-2027 brochure).
  const upcoming: SessionPlan[] = [
    { title: `Réunion de lancement : présentation du cycle d’immersion ${tag}`, days: 10 },
    {
      title: `La France à l’heure de la reconfiguration des alliances ${tag}`,
      days: 20,
      mandatory: true,
    },
    { title: `Les enjeux de la communication sur l’AICT ${tag}`, days: 30 },
    { title: `Immersion dans l’écosystème de la diplomatie française ${tag}`, days: 40, mandatory: true },
    {
      title: `L’eau, entre enjeux globaux et solutions locales ${tag}`,
      days: 50,
      cohortOnly: true,
    },
  ];
  let open: Awaited<ReturnType<typeof edition>>;
  const openEdition = async () => {
    open ??= await edition(`Promotion 2026-2027 (${tag})`, upcoming);
    return open;
  };

  it('an élu applies and a staff member accepts her', async () => {
    const { db } = app.services;
    const { program, titles } = await openEdition();
    const town = await buildLocalGovernment(db);
    const elue = await buildPerson(db, {
      kind: 'elected',
      organisationId: town.id,
      firstName: 'Hélène',
      lastName: 'Marchand',
      mandate: { title: mandate, startsOn: '2026-03-22' },
    });
    const heading = `« Diplomates des territoires » — ${program.title}`;

    const page = await newPage();
    await signIn(app, page, elue.email);
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Diplomates des territoires' })
      .click();
    await see(page, 'Parcours « Diplomates des territoires »', 'les éditions du parcours');
    await page.getByRole('link', { name: program.title, exact: true }).click();
    await see(page, heading, 'la page de l’édition');
    assert.equal(new URL(page.url()).pathname, `/parcours/${program.id}`);
    await assertText(
      page.getByRole('region', { name: 'Le certificat' }),
      'il faut assister à au moins 5 séances parmi les 5 proposées, dont les 2 obligatoires',
    );

    const form = page.getByRole('region', { name: 'Ma candidature' });
    assert.equal(await form.getByLabel('Mon mandat').inputValue(), mandate);
    await form
      .getByLabel('Pourquoi souhaitez-vous rejoindre la promotion ?')
      .fill('Élue depuis mars 2026, je découvre la coopération décentralisée et nos jumelages.');
    await form.getByLabel('Vos disponibilités').fill('Pas le lundi ; en visioconférence de préférence.');
    await form.getByRole('button', { name: 'Déposer ma candidature' }).click();
    await see(page, heading, 'candidature déposée');
    await assertText(
      page.getByRole('status').first(),
      'Votre candidature est déposée. La décision vous sera annoncée par courriel.',
    );
    await assertText(
      page.getByRole('region', { name: 'Ma candidature' }).getByRole('status'),
      'Votre candidature : Déposée, en attente d’examen',
    );
    assert.equal(await page.getByRole('button', { name: 'Déposer ma candidature' }).count(), 0);

    // Staff reviews the queue and accepts her with a word for her.
    const reviewer = await newPage();
    await signIn(app, reviewer, staff.email);
    await openAsStaff(reviewer, program);
    await reviewer
      .getByRole('navigation', { name: 'Gestion du parcours' })
      .getByRole('link', { name: 'Candidatures' })
      .click();
    await see(reviewer, `Candidatures — ${program.title}`, 'les candidatures');
    await assertText(reviewer.getByRole('status').first(), '1 candidature ; 0 acceptée sur 30 places.');
    const table = reviewer.getByRole('table', { name: /Les candidatures/ });
    const row = table.getByRole('row').filter({ hasText: fullName(elue) });
    await assertText(row, 'nouvel·le élu·e');
    await assertText(row, 'Déposée, en attente d’examen');
    assert.equal(
      await row.getByRole('link', { name: fullName(elue), exact: true }).getAttribute('href'),
      `/gestion/personnes/${elue.id}`,
    );
    // Her application in full, on its own page.
    await row.getByRole('link', { name: `Examiner la candidature de ${fullName(elue)}` }).click();
    await see(reviewer, `Candidature de ${fullName(elue)}`, 'une candidature');
    const card = reviewer.getByRole('main');
    await assertText(card, `${mandate} — depuis le 22 mars 2026`);
    await assertText(card, 'Élue depuis mars 2026, je découvre la coopération décentralisée');
    await assertText(card, 'Pas le lundi ; en visioconférence de préférence.');
    await reviewer.getByRole('link', { name: 'Revenir à la liste des candidatures' }).click();
    await see(reviewer, `Candidatures — ${program.title}`, 'les candidatures, de retour');

    // A decision for the rows ticked, with one word for each, previewed before it is sent.
    const comment = 'Bienvenue ! La réunion de lancement aura lieu à Cités Unies France.';
    const mailsBefore = app.mail.received.length;
    await reviewer.getByLabel(`Choisir la candidature de ${fullName(elue)}`).check();
    const bulk = reviewer.getByRole('group', { name: 'Décider pour les candidatures cochées' });
    await bulk.getByLabel('Accepter').check();
    await bulk.getByLabel('Motivation, la même pour chacune (facultatif)').fill(comment);
    await bulk.getByRole('button', { name: 'Voir qui recevra quoi avant d’envoyer' }).click();
    await see(reviewer, `Décision à confirmer — ${program.title}`, 'l’aperçu de la décision groupée');
    const recipients = reviewer.getByRole('table', { name: 'Qui reçoit quoi' });
    assert.deepEqual(await rowsOf(recipients), [
      [
        fullName(elue),
        elue.email,
        'Déposée, en attente d’examen',
        `« Votre candidature : ${program.title} »`,
      ],
    ]);
    await assertText(reviewer.getByRole('region', { name: 'Le courriel' }), comment);
    assert.equal(app.mail.received.length, mailsBefore, 'nothing sent by the preview');
    await reviewer.getByRole('button', { name: 'Confirmer et envoyer 1 courriel' }).click();
    await see(reviewer, `Candidatures — ${program.title}`, 'décision groupée enregistrée');
    await assertText(
      reviewer.getByRole('status').first(),
      'Décisions enregistrées : un courriel part, une seule fois, à chaque personne dont la situation change.',
    );
    await assertText(reviewer.getByRole('main'), '1 candidature ; 1 acceptée sur 30 places.');
    await assertText(row, 'Acceptée : membre de la promotion');
    // On a phone the table becomes cards: nothing wider than the screen, the name on whole words.
    await onPhone(reviewer, async () => {
      assert.equal(await phoneOverflow(reviewer), 0, 'la liste des candidatures déborde du téléphone');
      assert.equal(
        await row.evaluate((r) => getComputedStyle(r).display),
        'block',
        'chaque ligne, une carte',
      );
      const cardWidth = (await row.boundingBox())?.width ?? 0;
      assert.ok(cardWidth > 300 && cardWidth <= 375, `carte de ${cardWidth} px`);
      const name = row.locator('th.name a');
      const wrap = await name.evaluate((a) => {
        const style = getComputedStyle(a);
        const rects = a.getClientRects();
        return { overflowWrap: style.overflowWrap, wordBreak: style.wordBreak, lines: rects.length };
      });
      assert.deepEqual(wrap, { overflowWrap: 'normal', wordBreak: 'normal', lines: 1 });
      await assertNoAxeViolation(reviewer, 'les candidatures sur un téléphone');
    });

    // The decision reaches her over SMTP, with the way to « Mon parcours ».
    const mail = await app.mail.next(elue.email, mailsBefore);
    assert.equal(mail.subject, `Votre candidature : ${program.title}`);
    const text = squash(mail.text ?? '');
    assert.ok(text.includes('Bonjour Hélène,'), mail.text);
    assert.ok(text.includes('Votre candidature est acceptée : bienvenue dans la promotion !'), mail.text);
    assert.ok(text.includes(comment), mail.text);
    const link = new RegExp(`${app.baseUrl}/mon-parcours\\b`).exec(text)?.[0];
    assert.ok(link, `pas de lien vers « Mon parcours » dans le courriel :\n${mail.text}`);

    await page.goto(link);
    await see(page, 'Mon parcours', 'mon parcours, acceptée');
    await assertText(page.getByRole('main'), `« Diplomates des territoires » — ${program.title}`);
    const standing = page.getByRole('region', { name: 'Où j’en suis' });
    await assertText(standing, 'aucune séance suivie, 5 requises, dont les 2 obligatoires');
    await assertText(standing, 'En bonne voie');
    await assertText(
      standing,
      `Il vous reste à suivre 5 séances dont les 2 séances obligatoires « ${upcoming[1]!.title} » et « ${upcoming[3]!.title} ».`,
    );
    const sessions = page.getByRole('region', { name: 'Les séances' });
    assert.deepEqual((await sessions.getByRole('heading', { level: 3 }).allInnerTexts()).map(squash), titles);
    const items = sessions.getByRole('listitem');
    assert.equal(await items.count(), titles.length);
    for (const [i, s] of upcoming.entries()) {
      const item = items.nth(i);
      await assertText(item, 'à venir');
      if (s.mandatory) await assertText(item, 'obligatoire');
      if (s.cohortOnly) await assertText(item, 'réservée à la promotion');
      await item.getByRole('link', { name: `M’inscrire à « ${s.title} »` }).waitFor();
    }
    await page.getByRole('link', { name: program.title }).click();
    await see(page, heading, 'la page de l’édition, acceptée');
    await assertText(
      page.getByRole('region', { name: 'Ma candidature' }),
      `Votre candidature : Acceptée : membre de la promotion ${comment}`,
    );
  });

  it('an officer is refused with the reason but registers for an open session', async () => {
    const { db } = app.services;
    const { program } = await openEdition();
    const town = await buildLocalGovernment(db);
    const officer = await buildPerson(db, {
      kind: 'officer',
      organisationId: town.id,
      firstName: 'Noémie',
      lastName: 'Chevalier',
    });
    const openSession = upcoming[2]!.title;
    const cohortSession = upcoming[4]!.title;

    const page = await newPage();
    await signIn(app, page, officer.email);
    await page.goto(`/parcours/${program.id}`);
    await see(
      page,
      `« Diplomates des territoires » — ${program.title}`,
      'la page de l’édition, technicienne',
    );
    const refusal = page.getByRole('region', { name: 'Rejoindre la promotion' });
    await assertText(
      refusal.getByRole('status'),
      'Ce parcours est réservé aux élus des collectivités adhérentes. Les techniciens des collectivités adhérentes peuvent assister aux séances ouvertes de l’agenda ; une collectivité non adhérente peut rejoindre le réseau en contactant l’équipe.',
    );
    assert.equal(await page.getByRole('region', { name: 'Ma candidature' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /candidature/ }).count(), 0);

    // What to do instead: the open sessions, in the agenda.
    await refusal.getByRole('link', { name: 'Voir les séances ouvertes dans l’agenda' }).click();
    await see(page, 'Agenda du réseau', 'l’agenda');
    await page.getByLabel('Rechercher').fill(openSession);
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await see(page, 'Agenda du réseau', 'l’agenda filtré');
    await page.getByRole('link', { name: openSession, exact: true }).click();
    await see(page, openSession, 'une séance ouverte');
    const mailsBefore = app.mail.received.length;
    await page
      .getByRole('region', { name: 'Inscription' })
      .getByRole('button', { name: 'M’inscrire', exact: true })
      .click();
    await see(page, openSession, 'inscrite à la séance ouverte');
    await assertText(
      page.getByRole('status').first(),
      'Inscription enregistrée : un courriel de confirmation est parti.',
    );
    await assertText(page.getByRole('region', { name: 'Inscription' }), 'Votre inscription est confirmée.');
    const mail = await app.mail.next(officer.email, mailsBefore);
    assert.equal(mail.subject, `Inscription confirmée : ${openSession}`);

    // The session kept for the cohort says why she may not register.
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Agenda' })
      .click();
    await see(page, 'Agenda du réseau', 'l’agenda, de nouveau');
    await page.getByLabel('Rechercher').fill(cohortSession);
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await see(page, 'Agenda du réseau', 'l’agenda filtré sur la séance réservée');
    await page.getByRole('link', { name: cohortSession, exact: true }).click();
    await see(page, cohortSession, 'une séance réservée à la promotion');
    await assertText(page.getByRole('main'), 'Réservé à la promotion');
    const box = page.getByRole('region', { name: 'Inscription' });
    await assertText(
      box.getByRole('status'),
      'Cette séance est réservée à la promotion « Diplomates des territoires ». Les autres séances du parcours sont ouvertes aux élus et techniciens des collectivités adhérentes.',
    );
    assert.equal(await page.getByRole('button', { name: /M’inscrire/ }).count(), 0);
  });

  // Shared by the certificate's tests: the edition whose sessions are past, and its one certified holder.
  let past: Awaited<ReturnType<typeof edition>> | undefined;
  /** Certificates issued ahead of the ceremony are dated the ceremony's day. */
  const issuedOn = () => formatDate(past!.program.certificatesOn!);
  let holder: Person | undefined;
  let code: string | undefined;

  it('a participant with 5 sessions but only one mandatory is not certified, one with 4 + 2 mandatory is', async () => {
    const { db } = app.services;
    const plan: SessionPlan[] = [
      { title: `Les multiples défis de l’action internationale ${tag}`, days: -70 },
      { title: `La France et la reconfiguration des alliances ${tag}`, days: -60, mandatory: true },
      { title: `Les Rencontres de l’action internationale ${tag}`, days: -50 },
      { title: `La diplomatie des collectivités territoriales ${tag}`, days: -40 },
      { title: `L’écosystème de la diplomatie française ${tag}`, days: -30, mandatory: true },
      { title: `Les liaisons vertueuses : élu et technicien ${tag}`, days: -20 },
      { title: `Remise des certificats au Sénat ${tag}`, days: 40, cohortOnly: true },
    ];
    past = await edition(`Promotion d’essai (${tag})`, plan);
    const { program, events } = past;
    const town = await buildLocalGovernment(db);
    const [first, mandatory1, second, third, mandatory2, fourth] = plan.map((s) => s.title) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];

    /** An élue accepted through the domain, present (check-in) at the sessions named. */
    async function participant(firstName: string, lastName: string, attended: string[]) {
      const person = await buildPerson(db, {
        kind: 'elected',
        organisationId: town.id,
        firstName,
        lastName,
        mandate: { title: mandate, startsOn: '2026-03-22' },
      });
      const application = expectOk(
        await applyToProgram(db, program.id, { personId: person.id, motivation: 'Nouvelle élue' }, person.id),
      );
      expectOk(
        await db.transaction((tx) =>
          decideApplication(tx, application.id, { decision: 'accepted' }, staff.id, app.baseUrl),
        ),
      );
      for (const title of attended)
        await recordAttendance(db, {
          eventId: events.get(title)!,
          personId: person.id,
          source: 'check_in',
          recordedBy: staff.id,
        });
      return person;
    }
    const short = await participant('Bérénice', 'Lemaître', [first, mandatory1, second, third, fourth]);
    holder = await participant('Éloïse', 'Lefèvre', [first, mandatory1, second, third, mandatory2, fourth]);
    // She is addressed as « Madame »: her certificate says « Auditrice » (set as staff or she would).
    await db.execute(sql`update people set civility = 'madame' where id = ${holder.id}`);

    // Five sessions, one of the two mandatory ones missed: not certified, and told why.
    const shortPage = await newPage();
    await signIn(app, shortPage, short.email);
    await openMyPath(shortPage, 'mon parcours, 5 séances dont 1 obligatoire');
    const shortStanding = shortPage.getByRole('region', { name: 'Où j’en suis' });
    await assertText(shortStanding, '5 séances suivies, 5 requises, dont 1 des 2 obligatoires');
    await assertText(shortStanding, 'Ne peut plus obtenir le certificat');
    assertNoText(await shortStanding.innerText(), 'À risque');
    await assertText(shortStanding, `La séance obligatoire « ${mandatory2} » a eu lieu sans vous.`);
    await assertText(shortStanding, 'Parlez-en à l’équipe du réseau');
    assertNoText(await shortStanding.innerText(), 'Certifié·e');
    // Nothing she could still attend would make up for the mandatory session she missed.
    assertNoText(await shortStanding.innerText(), 'Il vous reste à suivre');
    assert.equal(await shortPage.getByRole('region', { name: 'Mon certificat' }).count(), 0);
    const missed = shortPage
      .getByRole('region', { name: 'Les séances' })
      .getByRole('listitem')
      .filter({ has: shortPage.getByRole('heading', { name: mandatory2 }) });
    await assertText(missed, 'manquée');

    // Four sessions plus both mandatory ones: certified.
    const holderPage = await newPage();
    await signIn(app, holderPage, holder.email);
    await openMyPath(holderPage, 'mon parcours, 4 séances et les 2 obligatoires');
    const holderStanding = holderPage.getByRole('region', { name: 'Où j’en suis' });
    await assertText(holderStanding, '6 séances suivies, 5 requises, dont les 2 obligatoires');
    // No certificate yet: « certifiable », not « certifié·e ».
    await assertText(holderStanding, 'Certifiable');
    assertNoText(await holderStanding.innerText(), 'Certifié·e');
    await assertText(
      holderStanding,
      `Vous remplissez les conditions du certificat. Il vous sera remis le ${formatDate(program.certificatesOn!)}.`,
    );
    assertNoText(await holderStanding.innerText(), 'À risque');

    // Staff's cohort table agrees, then « Délivrer les certificats » issues exactly one.
    const reviewer = await newPage();
    await signIn(app, reviewer, staff.email);
    await openAsStaff(reviewer, program);
    await openCohort(reviewer, program);
    const main = reviewer.getByRole('main');
    await assertText(main, '2 participants ; 0 certificat délivré ; 1 de plus est certifiable.');
    const words = {
      holder: '6 séances suivies, 5 requises, dont les 2 obligatoires',
      short: '5 séances suivies, 5 requises, dont 1 des 2 obligatoires',
    };
    assert.deepEqual(await rowsOf(cohortTable(reviewer)), [
      [fullName(holder), town.name, words.holder, 'certifiable', 'aucun'],
      [fullName(short), town.name, words.short, 'ne peut plus obtenir le certificat', 'aucun'],
    ]);
    // The ceremony is weeks away: the form says it is early, and nothing is issued without the box ticked.
    const issuing = reviewer.getByRole('form', { name: 'Délivrer les certificats' });
    await assertText(
      issuing,
      `C’est en avance : la remise des certificats est prévue le ${formatDay(parisTime(program.certificatesOn!, '12:00'))}`,
    );
    await issuing.getByRole('button', { name: 'Délivrer les certificats en avance' }).click();
    await see(reviewer, `Promotion — ${program.title}`, 'délivrance en avance non confirmée');
    await assertText(
      reviewer.getByRole('alert'),
      'C’est en avance : cochez « Je confirme délivrer les certificats en avance » pour les délivrer maintenant.',
    );
    assert.equal((await listCertificates(db, program.id)).length, 0);
    await issuing.getByLabel('Je confirme délivrer les certificats en avance (1 participant)').check();
    await issuing.getByRole('button', { name: 'Délivrer les certificats en avance' }).click();
    await see(reviewer, `Promotion — ${program.title}`, 'certificats délivrés');
    await assertText(reviewer.getByRole('status').first(), '1 certificat délivré.');
    await assertText(main, '2 participants ; 1 certificat délivré.');
    const issued = await listCertificates(db, program.id);
    assert.equal(issued.length, 1);
    assert.equal(issued[0]!.personId, holder.id);
    code = issued[0]!.code;
    assert.deepEqual(await rowsOf(cohortTable(reviewer)), [
      [fullName(holder), town.name, words.holder, 'certifié·e', code],
      [fullName(short), town.name, words.short, 'ne peut plus obtenir le certificat', 'aucun'],
    ]);
    // A second click issues none.
    await issuing.getByLabel('Je confirme délivrer les certificats en avance', { exact: true }).check();
    await issuing.getByRole('button', { name: 'Délivrer les certificats en avance' }).click();
    await see(reviewer, `Promotion — ${program.title}`, 'certificats délivrés, deuxième clic');
    await assertText(
      reviewer.getByRole('status').first(),
      'Aucun nouveau certificat : chaque participant certifiable a déjà le sien.',
    );
    assert.equal((await listCertificates(db, program.id)).length, 1);

    await holderPage.reload();
    await see(holderPage, 'Mon parcours', 'mon parcours, certificat délivré');
    await assertText(
      holderPage.getByRole('region', { name: 'Où j’en suis' }),
      'Vous avez suivi le parcours : votre certificat est délivré.',
    );
    await assertText(
      holderPage.getByRole('region', { name: 'Mon certificat' }),
      `Certificat d’« Auditrice de Cités Unies France » délivré le ${issuedOn()}, code ${code}.`,
    );
    await shortPage.reload();
    await see(shortPage, 'Mon parcours', 'mon parcours, toujours pas certifiée');
    assert.equal(await shortPage.getByRole('region', { name: 'Mon certificat' }).count(), 0);
  });

  it('the certificate PDF renders with its QR code pointing at a verification page that says « valide »', async () => {
    assert.ok(holder && code && past, 'le test précédent délivre le certificat');
    const page = await newPage();
    await signIn(app, page, holder.email);
    await openMyPath(page, 'mon parcours, avec le certificat');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('region', { name: 'Mon certificat' })
        .getByRole('link', { name: 'Télécharger mon certificat (PDF)' })
        .click(),
    ]);
    assert.equal(download.suggestedFilename(), `certificat-${code}.pdf`);
    const pdfFile = join(dir, 'certificat.pdf');
    await download.saveAs(pdfFile);
    const pdf = await readFile(pdfFile);
    assert.ok(pdf.subarray(0, 5).equals(Buffer.from('%PDF-')), 'le fichier téléchargé n’est pas un PDF');
    // One page: what is written under the QR code must not spill onto a second one.
    const { stdout: info } = await run('pdfinfo', [pdfFile]);
    assert.match(info, /^Pages:\s+1$/m, info);

    // Page 1 as an image, as a printer or a phone's camera would see it.
    await run('pdftoppm', [
      '-png',
      '-r',
      '100',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdfFile,
      join(dir, 'page'),
    ]);
    const pngFile = join(dir, 'page.png');
    assert.ok((await stat(pngFile)).size > 10_000, 'image de la page trop petite');
    const png = PNG.sync.read(await readFile(pngFile));
    // A4 landscape at 100 dpi: 1169 × 827 pixels.
    assert.ok(
      Math.abs(png.width - 1169) <= 2 && Math.abs(png.height - 827) <= 2,
      `${png.width}×${png.height}`,
    );
    let dark = 0;
    for (let i = 0; i < png.data.length; i += 4)
      if (png.data[i]! + png.data[i + 1]! + png.data[i + 2]! < 3 * 128) dark++;
    const share = dark / (png.width * png.height);
    assert.ok(
      share > 0.01 && share < 0.5,
      `page blanche ou illisible : ${(share * 100).toFixed(2)} % sombre`,
    );
    if (process.env.E2E_ARTIFACTS) {
      await mkdir(process.env.E2E_ARTIFACTS, { recursive: true });
      await copyFile(pdfFile, join(process.env.E2E_ARTIFACTS, 'certificat.pdf'));
      await copyFile(pngFile, join(process.env.E2E_ARTIFACTS, 'certificat.png'));
    }

    // The QR code, read from the image, leads to the certificate's public page.
    const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    assert.ok(qr, 'aucun QR code lisible sur la page 1');
    const target = `${app.baseUrl}/certificats/${code}`;
    assert.equal(qr.data, target);

    // The words of the certificate, as text (accents included).
    const { stdout } = await run('pdftotext', ['-layout', '-f', '1', '-l', '1', pdfFile, '-']);
    const words = squash(stdout);
    for (const expected of [
      'CITÉS UNIES FRANCE',
      'Certificat',
      `Parcours d’immersion « Diplomates des territoires » — ${past.program.title}`,
      'Éloïse Lefèvre',
      mandate,
      'd’Auditrice de Cités Unies France',
      // Dated the ceremony's day, though issued weeks before it (« 1er » for the first of a month).
      `Fait à Paris, le ${issuedOn().replace(/^1 /, '1er ')}`,
      'Dominique Exemple',
      `Code : ${code}`,
      target,
    ])
      assert.ok(words.includes(expected), `« ${expected} » absent du PDF :\n${stdout}`);

    // Whoever scans it, signed in or not, reads that it is valid and whose it is.
    const verifier = await newPage();
    await verifier.goto(qr.data);
    await see(verifier, 'Vérification d’un certificat', 'la vérification d’un certificat valide');
    await assertText(verifier.getByRole('status'), 'Certificat valide');
    assert.deepEqual(await factsOf(verifier), {
      Titulaire: 'Éloïse Lefèvre',
      Titre: 'Auditrice de Cités Unies France',
      Parcours: `« Diplomates des territoires » — ${past.program.title}`,
      'Délivré le': issuedOn(),
      Code: code,
    });
  });

  it('a revoked certificate says « révoqué »', async () => {
    assert.ok(holder && code && past, 'le test d’avant-avant délivre le certificat');
    const { program } = past;
    const reason = 'Présences enregistrées par erreur à la séance du Sénat';
    const reviewer = await newPage();
    await signIn(app, reviewer, staff.email);
    await openAsStaff(reviewer, program);
    await openCohort(reviewer, program);
    const card = reviewer
      .getByRole('region', { name: 'Certificats délivrés' })
      .getByRole('listitem')
      .filter({ has: reviewer.getByRole('heading', { name: fullName(holder) }) });
    await assertText(card, `Code ${code}, délivré le ${issuedOn()}.`);
    await card.getByLabel(`Raison de la révocation du certificat de ${fullName(holder)}`).fill(reason);
    await card.getByRole('button', { name: 'Révoquer ce certificat' }).click();
    await see(reviewer, `Promotion — ${program.title}`, 'certificat révoqué');
    await assertText(
      reviewer.getByRole('status').first(),
      'Certificat révoqué : sa page de vérification l’indique désormais.',
    );
    const revokedOn = formatDate(parisDate());
    await assertText(card, `Révoqué le ${revokedOn} : ${reason}`);
    assert.equal(await card.getByRole('button', { name: 'Révoquer ce certificat' }).count(), 0);
    const row = cohortTable(reviewer)
      .getByRole('row')
      .filter({ hasText: fullName(holder) });
    await assertText(row, 'certificat révoqué');

    // The public page says so, with the reason.
    const verifier = await newPage();
    await verifier.goto(`/certificats/${code}`);
    await see(verifier, 'Vérification d’un certificat', 'la vérification d’un certificat révoqué');
    await assertText(verifier.getByRole('status'), `Certificat révoqué le ${revokedOn} : ${reason}`);
    assertNoText(await verifier.getByRole('main').innerText(), 'Certificat valide');

    // « Mon parcours » no longer offers the PDF, and asking for it is refused.
    const page = await newPage();
    await signIn(app, page, holder.email);
    await openMyPath(page, 'mon parcours, certificat révoqué');
    const box = page.getByRole('region', { name: 'Mon certificat' });
    await assertText(
      box.getByRole('status'),
      `Votre certificat (code ${code}) a été révoqué le ${revokedOn} : ${reason}`,
    );
    assert.equal(await page.getByRole('link', { name: /Télécharger mon certificat/ }).count(), 0);
    const standing = await page.getByRole('region', { name: 'Où j’en suis' }).innerText();
    await assertText(page.getByRole('region', { name: 'Où j’en suis' }), 'Certificat révoqué');
    assertNoText(standing, 'Certifié·e');
    assertNoText(standing, 'Il vous sera remis');
    assertNoText(standing, 'votre certificat est délivré');

    const fetched = await page.request.get('/mon-parcours/certificat.pdf', { maxRedirects: 0 });
    assert.equal(fetched.status(), 410);
    assert.doesNotMatch(fetched.headers()['content-type'] ?? '', /pdf/);
    assert.ok(!(await fetched.body()).subarray(0, 5).equals(Buffer.from('%PDF-')));
    const response = await page.goto('/mon-parcours/certificat.pdf');
    assert.equal(response?.status(), 410);
    await see(page, 'Certificat révoqué', 'le PDF d’un certificat révoqué');
    await assertText(page.getByRole('main'), 'Ce certificat a été révoqué.');
  });

  it('someone interested confirms the address from the mail, then withdraws as easily', async () => {
    const { program } = await openEdition();
    const email = `sandrine.${tag}@quimper.example.org`;
    const page = await newPage();
    await page.goto(`/parcours/${program.id}`);
    await see(page, `« Diplomates des territoires » — ${program.title}`, 'la page de l’édition, anonyme');
    const form = page.getByRole('region', { name: 'Manifester mon intérêt' });
    await form.getByLabel('Prénom').fill('Sandrine');
    await form.getByLabel(/^Nom/).fill('Roux');
    await form.getByLabel('Adresse électronique').fill(email);
    await form.getByLabel('Collectivité').fill('Ville de Quimper');
    await form.getByLabel('Mandat').fill('adjointe au maire');
    const mailsBefore = app.mail.received.length;
    await form.getByRole('button', { name: 'Envoyer' }).click();
    await see(page, `« Diplomates des territoires » — ${program.title}`, 'intérêt reçu, à confirmer');
    await assertText(page.getByRole('status').first(), 'Merci : un courriel part à l’adresse indiquée.');

    const mail = await app.mail.next(email, mailsBefore);
    assert.equal(mail.subject, `Confirmez votre intérêt : ${program.title}`);
    const text = squash(mail.text ?? '');
    const confirm = new RegExp(`${app.baseUrl}/parcours/interet/[^/]+/confirmer\\?jeton=\\S+`).exec(
      text,
    )?.[0];
    const withdraw = new RegExp(`${app.baseUrl}/parcours/interet/[^/]+/retirer\\?jeton=\\S+`).exec(text)?.[0];
    assert.ok(confirm && withdraw, mail.text);
    await page.goto(confirm);
    await see(page, 'Confirmer mon intérêt', 'la confirmation d’un intérêt');
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await see(page, `« Diplomates des territoires » — ${program.title}`, 'intérêt confirmé');
    await assertText(page.getByRole('status').first(), 'Votre adresse est confirmée');

    await page.goto(withdraw);
    await see(page, 'Retirer mon intérêt', 'le retrait d’un intérêt');
    await page.getByRole('button', { name: 'Retirer mon intérêt' }).click();
    await see(page, `« Diplomates des territoires » — ${program.title}`, 'intérêt retiré');
    await assertText(page.getByRole('status').first(), 'Votre intérêt est retiré et votre demande effacée');
    await page.goto(confirm);
    await see(page, 'Lien expiré', 'un lien d’intérêt qui ne vaut plus');
  });

  it('a certificate whose holder was erased at her request stays verifiable, without her name', async () => {
    assert.ok(holder && code, 'les tests précédents délivrent le certificat');
    const { db } = app.services;
    await db.transaction((tx) => personErased(tx, holder!.id));
    const verifier = await newPage();
    await verifier.goto(`/certificats/${code}`);
    await see(verifier, 'Vérification d’un certificat', 'la vérification d’un certificat au nom effacé');
    const facts = await factsOf(verifier);
    assert.equal(facts.Titulaire, 'Certificat délivré à une personne dont le nom a été effacé à sa demande.');
    assertNoText(await verifier.getByRole('main').innerText(), fullName(holder!));
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

function assertNoText(visible: string, text: string) {
  assert.ok(!squash(visible).includes(squash(text)), `« ${text} » inattendu dans :\n${visible}`);
}

async function rowsOf(table: Locator): Promise<string[][]> {
  const rows = await table.locator('tbody tr').all();
  return Promise.all(rows.map(async (r) => (await r.locator('th, td').allInnerTexts()).map(squash)));
}

/** The facts list of the main area (dt → dd). */
async function factsOf(page: Page): Promise<Record<string, string>> {
  const terms = (await page.getByRole('main').locator('dl.facts dt').allInnerTexts()).map(squash);
  const details = (await page.getByRole('main').locator('dl.facts dd').allInnerTexts()).map(squash);
  return Object.fromEntries(terms.map((t, i) => [t, details[i] ?? '']));
}
