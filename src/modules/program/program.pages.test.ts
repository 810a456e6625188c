import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import {
  buildElected,
  buildEvent,
  buildLocalGovernment,
  buildOfficer,
  buildPerson,
  buildStaff,
  signedInBrowser,
} from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { mails } from '../../platform/db/platform.schema.ts';
import { recordAttendance } from '../events/check-in.ts';
import type { Person } from '../organisations/people.ts';
import { applicationOf, applyToProgram, decideApplication, notEligibleMessage } from './applications.ts';
import { listCertificates } from './certificates.ts';
import { listInterests } from './interest.ts';
import { addSession, createProgram, listPrograms, type Program } from './programs.ts';

const uuidPattern = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('the pages of « Diplomates des territoires »', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const member = await buildLocalGovernment(db, { member: true });

  const signedIn = (person: Person) => signedInBrowser({ app, db }, person);

  /** Follows the confirmation link of the last mail to `email`, and confirms on the page it opens. */
  async function confirmByMail(browser: Browser, email: string) {
    const [mail] = await db.select().from(mails).where(eq(mails.to, email)).orderBy(desc(mails.createdAt));
    const link = /http:\/\/localhost:3000(\/parcours\/interet\/[^/]+\/confirmer\?jeton=\S+)/.exec(
      mail!.text,
    )![1]!;
    await browser.get(link);
    const done = await browser.post(link.split('?')[0]!, {
      jeton: new URL(link, 'http://x').searchParams.get('jeton')!,
    });
    assert.equal(done.statusCode, 303);
  }

  /** An edition with its sessions: `days` from now for each, the first `mandatory` of them mandatory. */
  async function edition(
    title: string,
    minSessions: number,
    sessions: { title: string; days: number; mandatory?: boolean; cohortOnly?: boolean }[],
    extra: Record<string, unknown> = {},
  ) {
    const program = expectOk(await createProgram(db, { title, minSessions, ...extra }, staff.id));
    const events: Record<string, string> = {};
    for (const s of sessions) {
      const event = await buildEvent(db, { title: s.title, audience: 'members' }, s.days);
      expectOk(
        await addSession(
          db,
          program.id,
          { eventId: event.id, mandatory: s.mandatory ?? false, cohortOnly: s.cohortOnly ?? false },
          staff.id,
        ),
      );
      events[s.title] = event.id;
    }
    return { program, events };
  }

  /** An élu accepted into the cohort, present at the sessions named. */
  async function participant(program: Program, events: Record<string, string>, attended: string[]) {
    const elected = await buildElected(db, member.id);
    const application = expectOk(await applyToProgram(db, program.id, { personId: elected.id }, elected.id));
    expectOk(
      await db.transaction((tx) =>
        decideApplication(tx, application.id, { decision: 'accepted' }, staff.id, 'http://localhost:3000'),
      ),
    );
    for (const title of attended) {
      await recordAttendance(db, {
        eventId: events[title]!,
        personId: elected.id,
        source: 'check_in',
        recordedBy: null,
      });
    }
    return elected;
  }

  // The 2026-2027 edition in small: 6 past sessions (the first two mandatory), one to come, cohort-only.
  const main = await edition(
    'Promotion 2026-2027',
    5,
    [
      { title: 'Réunion de lancement', days: -60, mandatory: true },
      { title: 'Immersion dans la diplomatie', days: -50, mandatory: true },
      { title: 'Les défis de l’action internationale', days: -40 },
      { title: 'Les Rencontres RAICT', days: -30 },
      { title: 'La diplomatie démultipliée', days: -20 },
      { title: 'Les liaisons vertueuses', days: -10 },
      { title: 'L’eau entre enjeux globaux et solutions locales', days: 20, cohortOnly: true },
    ],
    { cohortSize: 30 },
  );
  const allSix = [
    'Réunion de lancement',
    'Immersion dans la diplomatie',
    'Les défis de l’action internationale',
    'Les Rencontres RAICT',
    'La diplomatie démultipliée',
    'Les liaisons vertueuses',
  ];

  it('lets an anonymous visitor express interest, and answers a bad address with a French error and nothing written', async () => {
    const browser = new Browser(app);
    const page = await browser.get(`/parcours/${main.program.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /au moins 5 séances parmi les 7 proposées, dont les 2 obligatoires/);
    assert.match(page.body, /Réunion de lancement/);
    assert.match(page.body, /obligatoire<\/span>/);
    assert.match(page.body, /réservée à la promotion/);
    assert.match(page.body, /Manifester mon intérêt/);
    assert.match(page.body, /href="\/connexion"/);

    const form = {
      firstName: 'Marie',
      lastName: 'Durand',
      email: 'marie.durand@',
      organisationName: 'Ville de Saint-Malo',
      mandate: 'Adjointe aux relations internationales',
    };
    const bad = await browser.post(`/parcours/${main.program.id}/interet`, form);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Le formulaire contient des erreurs/);
    assert.match(bad.body, /Adresse électronique invalide/);
    assert.match(bad.body, /value="Ville de Saint-Malo"/);
    assert.equal((await listInterests(db, main.program.id)).length, 0);

    const good = await browser.post(`/parcours/${main.program.id}/interet`, {
      ...form,
      email: 'marie.durand@saint-malo.fr',
    });
    assert.equal(good.statusCode, 303);
    const thanks = await browser.get(good.headers.location as string);
    assert.match(thanks.body, /Merci : un courriel part à l’adresse indiquée/);
    // Pending until the address is confirmed through the link mailed to it (interest.test.ts goes further).
    assert.equal((await listInterests(db, main.program.id)).length, 0);
    await confirmByMail(browser, 'marie.durand@saint-malo.fr');
    const interests = await listInterests(db, main.program.id);
    assert.equal(interests.length, 1);
    assert.equal(interests[0]!.email, 'marie.durand@saint-malo.fr');
  });

  it('lets an élu apply through the page and staff accept her in the review queue, which mails her', async () => {
    const elue = await buildElected(db, member.id);
    const browser = await signedIn(elue);
    const page = await browser.get(`/parcours/${main.program.id}`);
    assert.match(page.body, /Déposer ma candidature/);
    assert.match(page.body, /value="adjointe au maire déléguée aux relations internationales"/);
    const applied = await browser.post(`/parcours/${main.program.id}/candidature`, {
      mandate: 'adjointe au maire déléguée aux relations internationales',
      motivation: 'Nouvelle élue, je découvre la coopération décentralisée.',
      availability: 'Pas le lundi',
    });
    assert.equal(applied.statusCode, 303);
    const after = await browser.get(applied.headers.location as string);
    assert.match(after.body, /Votre candidature est déposée/);
    assert.match(after.body, /Déposée, en attente d’examen/);

    // An élu in office before March 2026, to see the « new élus » filter at work.
    const veteran = await buildPerson(db, {
      kind: 'elected',
      organisationId: member.id,
      lastName: 'Ancien',
      mandate: { title: 'maire', startsOn: '2020-07-04' },
    });
    expectOk(await applyToProgram(db, main.program.id, { personId: veteran.id }, veteran.id));

    const reviewer = await signedIn(staff);
    const queue = `/gestion/parcours/${main.program.id}/candidatures`;
    const fresh = await reviewer.get(`${queue}?nouveaux=oui&status=submitted`);
    assert.equal(fresh.statusCode, 200);
    assert.ok(fresh.body.includes(elue.lastName));
    assert.ok(!fresh.body.includes(veteran.lastName));
    assert.match(fresh.body, /nouvel·le élu·e/);
    const application = (await applicationOf(db, main.program.id, elue.id))!;
    const card = await reviewer.get(`${queue}/${application.id}`);
    assert.match(card.body, /Nouvelle élue, je découvre/);
    const old = await reviewer.get(`${queue}?nouveaux=non`);
    assert.ok(old.body.includes(veteran.lastName));
    assert.ok(!old.body.includes(elue.lastName));
    const region = member.regionCode!;
    assert.ok((await reviewer.get(`${queue}?region=${region}&kind=commune`)).body.includes(elue.lastName));
    assert.ok(!(await reviewer.get(`${queue}?kind=region`)).body.includes(elue.lastName));

    const missing = await reviewer.post(`${queue}/${application.id}/decision`, { comment: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Choisissez une décision/);
    const decided = await reviewer.post(`${queue}/${application.id}/decision`, {
      decision: 'accepted',
      comment: 'Bienvenue dans la promotion',
      filtre_nouveaux: 'oui',
    });
    assert.equal(decided.statusCode, 303);
    assert.match(
      decided.headers.location as string,
      /nouveaux=oui.*info=program.decision_saved#candidature-/,
    );
    assert.equal((await applicationOf(db, main.program.id, elue.id))!.status, 'accepted');
    const sent = await db.select().from(mails).where(eq(mails.to, elue.email));
    assert.equal(sent.length, 1);
    assert.match(sent[0]!.subject, /Votre candidature : Promotion 2026-2027/);
    assert.match(sent[0]!.text, /Bienvenue dans la promotion/);

    const mine = await browser.get('/mon-parcours');
    assert.match(mine.body, /aucune séance suivie, 5 requises, dont les 2 obligatoires/);
    // Both mandatory sessions are over: she can no longer qualify, and is not told « à risque ».
    assert.match(mine.body, /Ne peut plus obtenir le certificat/);
    assert.doesNotMatch(mine.body, /À risque/);
  });

  it('tells staff in French that the cohort is full', async () => {
    const small = await edition('Promotion restreinte', 1, [], { cohortSize: 1 });
    const first = await buildElected(db, member.id);
    const second = await buildElected(db, member.id);
    const a = expectOk(await applyToProgram(db, small.program.id, { personId: first.id }, first.id));
    const b = expectOk(await applyToProgram(db, small.program.id, { personId: second.id }, second.id));
    const reviewer = await signedIn(staff);
    const queue = `/gestion/parcours/${small.program.id}/candidatures`;
    await reviewer.get(queue);
    assert.equal(
      (await reviewer.post(`${queue}/${a.id}/decision`, { decision: 'accepted' })).statusCode,
      303,
    );
    const full = await reviewer.post(`${queue}/${b.id}/decision`, { decision: 'accepted' });
    assert.equal(full.statusCode, 409);
    assert.match(full.body, /La promotion est complète \(1 places\)/);
    assert.equal((await applicationOf(db, small.program.id, second.id))!.status, 'submitted');
  });

  it('refuses an officer with the reason, and shows her the agenda instead', async () => {
    const officer = await buildOfficer(db, member.id);
    const browser = await signedIn(officer);
    const page = await browser.get(`/parcours/${main.program.id}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(notEligibleMessage));
    assert.match(page.body, /href="\/agenda"/);
    assert.doesNotMatch(page.body, /Déposer ma candidature/);
    const refused = await browser.post(`/parcours/${main.program.id}/candidature`, {
      motivation: 'Je voudrais',
    });
    assert.equal(refused.statusCode, 403);
    assert.ok(refused.body.includes(notEligibleMessage));
    assert.equal(await applicationOf(db, main.program.id, officer.id), undefined);
  });

  it('shows an élu before applications open when they will, and lets her say she is interested', async () => {
    const later = await edition('Promotion 2027-2028', 5, [], {
      applicationsOpenAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    const elue = await buildElected(db, member.id);
    const browser = await signedIn(elue);
    const page = await browser.get(`/parcours/${later.program.id}`);
    assert.match(page.body, /Les candidatures ouvriront le/);
    assert.doesNotMatch(page.body, /Déposer ma candidature/);
    assert.ok(page.body.includes(`value="${elue.email}"`), 'the interest form is prefilled');
    const refused = await browser.post(`/parcours/${later.program.id}/candidature`, { motivation: 'Déjà ?' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Les candidatures ouvriront le/);
  });

  it('lets a referent apply on behalf of an élu of her organisation, and of no other', async () => {
    const town = await buildLocalGovernment(db, { member: true });
    const referent = await buildOfficer(db, town.id, true);
    const colleague = await buildElected(db, town.id, 'conseiller municipal délégué à la coopération');
    const stranger = await buildElected(db, member.id);
    const browser = await signedIn(referent);
    const page = await browser.get(`/parcours/${main.program.id}`);
    assert.match(page.body, /Candidatures des élus de/);
    assert.ok(page.body.includes(`value="${colleague.id}"`));
    assert.doesNotMatch(page.body, /Ma candidature/);

    const other = await browser.post(`/parcours/${main.program.id}/candidature`, { personId: stranger.id });
    assert.equal(other.statusCode, 403);
    assert.match(other.body, /ne fait pas partie de votre collectivité/);
    assert.equal(await applicationOf(db, main.program.id, stranger.id), undefined);

    const done = await browser.post(`/parcours/${main.program.id}/candidature`, {
      personId: colleague.id,
      mandate: '',
      motivation: 'Notre nouvel élu à l’international',
    });
    assert.equal(done.statusCode, 303);
    const application = (await applicationOf(db, main.program.id, colleague.id))!;
    assert.equal(application.submittedBy, referent.id);
    assert.equal(application.mandate, 'conseiller municipal délégué à la coopération');
    const again = await browser.get(done.headers.location as string);
    assert.match(again.body, /La candidature est déposée/);
    assert.match(again.body, /Candidatures déjà déposées/);
  });

  it('shows « certifiable » on « Mon parcours » for 4 sessions plus the 2 mandatory ones, and tells the others truthfully', async () => {
    const certified = await participant(main.program, main.events, allSix);
    const mine = await (await signedIn(certified)).get('/mon-parcours');
    assert.equal(mine.statusCode, 200);
    assert.match(mine.body, /6 séances suivies, 5 requises, dont les 2 obligatoires/);
    assert.doesNotMatch(mine.body, /\d+ \/ \d+/, 'never « 6 / 5 »');
    // No certificate yet: « certifiable », not « certifié·e ».
    assert.match(mine.body, />Certifiable</);
    assert.doesNotMatch(mine.body, /Certifié·e/);
    assert.match(mine.body, /présent·e/);

    // Another edition, with a mandatory session to come.
    const next = await edition('Promotion 2028', 4, [
      { title: 'Lancement', days: -40, mandatory: true },
      { title: 'Colloque au Sénat', days: -30 },
      { title: 'Forum à Paris', days: -20 },
      { title: 'Atelier des élus', days: -10 },
      { title: 'Journée à l’Académie diplomatique', days: 15, mandatory: true },
      { title: 'Visioconférence', days: 25 },
    ]);
    // The first mandatory session is over without her: out of reach, whatever she attends now.
    const lost = await participant(next.program, next.events, ['Colloque au Sénat']);
    const lostPage = await (await signedIn(lost)).get('/mon-parcours');
    assert.match(lostPage.body, /1 séance suivie, 4 requises, mais aucune des 2 obligatoires/);
    assert.match(lostPage.body, /Ne peut plus obtenir le certificat/);
    assert.doesNotMatch(lostPage.body, /À risque/);
    assert.doesNotMatch(lostPage.body, /Il vous reste à suivre/);
    assert.match(lostPage.body, /La séance obligatoire «\u00a0Lancement\u00a0» a eu lieu sans vous/);
    assert.match(lostPage.body, /manquée/);
    assert.ok(lostPage.body.includes(`href="/agenda/${next.events.Visioconférence}"`));

    // Lancement and 2 of the 3 ordinary sessions since: still possible with the 2 sessions left, both
    // needed (the mandatory one to come and one more): « à risque », and told so.
    const risky = await participant(next.program, next.events, ['Lancement', 'Colloque au Sénat']);
    const riskyPage = await (await signedIn(risky)).get('/mon-parcours');
    assert.match(riskyPage.body, /2 séances suivies, 4 requises, dont 1 des 2 obligatoires/);
    assert.match(riskyPage.body, /À risque/);
    assert.match(
      riskyPage.body,
      /Il vous reste à suivre 2 séances dont la séance obligatoire «\u00a0Journée à l’Académie diplomatique\u00a0»/,
    );
    assert.match(riskyPage.body, /Vous devez suivre chacune des séances qui restent/);

    // 4 sessions of 4 but a mandatory one to come: one session left, not none.
    const onTrack = await participant(next.program, next.events, [
      'Lancement',
      'Colloque au Sénat',
      'Forum à Paris',
      'Atelier des élus',
    ]);
    const fine = await (await signedIn(onTrack)).get('/mon-parcours');
    assert.match(fine.body, /En bonne voie/);
    assert.match(
      fine.body,
      /Il vous reste à suivre la séance obligatoire «\u00a0Journée à l’Académie diplomatique\u00a0»/,
    );
  });

  it('lets staff issue certificates from the cohort page once, and revoke one with a reason shown publicly', async () => {
    const kept = await participant(main.program, main.events, allSix);
    const revoked = await participant(main.program, main.events, allSix.slice(0, 5));
    const short = await participant(main.program, main.events, allSix.slice(1));
    const reviewer = await signedIn(staff);
    const cohort = `/gestion/parcours/${main.program.id}/promotion`;
    const before = await reviewer.get(cohort);
    assert.match(before.body, /ne peut plus obtenir le certificat/);
    assert.match(before.body, /certifiable/);
    assert.match(before.body, /5 séances suivies, 5 requises, dont 1 des 2 obligatoires/);
    assert.ok(before.body.includes(`href="/gestion/personnes/${kept.id}"`), 'names link to the person');

    // A session is still to come and no ceremony day is set: early, and said so; nothing without the box.
    assert.match(before.body, /C’est en avance\u00a0: aucune date de remise des certificats n’est fixée/);
    const unconfirmed = await reviewer.post(`/gestion/parcours/${main.program.id}/certificats`, {});
    assert.equal(unconfirmed.statusCode, 422);
    assert.match(unconfirmed.body, /cochez « Je confirme délivrer les certificats en avance »/);
    assert.equal((await listCertificates(db, main.program.id)).length, 0);

    const first = await reviewer.post(`/gestion/parcours/${main.program.id}/certificats`, { early: 'oui' });
    assert.equal(first.statusCode, 200);
    const certificates = await listCertificates(db, main.program.id);
    assert.ok(certificates.length >= 2);
    assert.match(first.body, new RegExp(`${certificates.length} certificats délivrés`));
    assert.ok(certificates.some((c) => c.personId === kept.id));
    assert.ok(!certificates.some((c) => c.personId === short.id));
    assert.match(first.body, /certifié·e/);
    const second = await reviewer.post(`/gestion/parcours/${main.program.id}/certificats`, { early: 'oui' });
    assert.match(second.body, /Aucun nouveau certificat/);
    assert.equal((await listCertificates(db, main.program.id)).length, certificates.length);

    const code = certificates.find((c) => c.personId === revoked.id)!.code;
    const noReason = await reviewer.post(`/gestion/certificats/${code}/revocation`, { reason: ' ' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Indiquez la raison de la révocation/);
    const done = await reviewer.post(`/gestion/certificats/${code}/revocation`, {
      reason: 'Présences saisies par erreur',
    });
    assert.equal(done.statusCode, 303);
    const verification = await new Browser(app).get(`/certificats/${code}`);
    assert.match(verification.body, /Certificat révoqué/);
    assert.match(verification.body, /Présences saisies par erreur/);
    assert.match((await reviewer.get(cohort)).body, /certificat révoqué/);

    const csv = await reviewer.get(`${cohort}.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /^text\/csv/);
    assert.ok(csv.body.includes(code));
    const xlsx = await app.inject({
      method: 'GET',
      url: `${cohort}.xlsx`,
      headers: { cookie: reviewer.jar.header },
    });
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.rawPayload.readUInt32LE(0), 0x04034b50);
  });

  it('lets the holder download her certificate as a PDF, and nobody else', async () => {
    const holder = await participant(main.program, main.events, allSix);
    const reviewer = await signedIn(staff);
    await reviewer.get('/gestion/parcours');
    await reviewer.post(`/gestion/parcours/${main.program.id}/certificats`, { early: 'oui' });
    const code = (await listCertificates(db, main.program.id)).find((c) => c.personId === holder.id)!.code;

    const browser = await signedIn(holder);
    const page = await browser.get('/mon-parcours');
    assert.match(page.body, /href="\/mon-parcours\/certificat.pdf"/);
    assert.ok(page.body.includes(`/certificats/${code}/credential.json`));
    assert.ok(page.body.includes(`/certificats/${code}/credential.jwt`));
    assert.ok(page.body.includes(`http://localhost:3000/certificats/${code}`));
    const pdf = await browser.get('/mon-parcours/certificat.pdf');
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.ok(pdf.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')));

    const other = await buildElected(db, member.id);
    const refused = await (await signedIn(other)).get('/mon-parcours/certificat.pdf');
    assert.ok([403, 404].includes(refused.statusCode));
    assert.ok(!refused.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')));
    const anonymous = await new Browser(app).get('/mon-parcours/certificat.pdf');
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, '/connexion');
  });

  it('lets staff create an edition, add a session, invite the interested people and export them', async () => {
    const reviewer = await signedIn(staff);
    await reviewer.get('/gestion/parcours');
    const bad = await reviewer.post('/gestion/parcours', {
      title: '',
      minSessions: 'cinq',
      applicationsOpenAt: '2026-04-30',
      applicationsCloseAt: '2026-03-23',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Ce champ est obligatoire/);
    assert.match(bad.body, /Nombre de séances attendu/);
    assert.match(bad.body, /Le dernier jour des candidatures précède leur ouverture/);
    const count = (await listPrograms(db)).length;
    const created = await reviewer.post('/gestion/parcours', {
      title: 'Promotion 2029',
      minSessions: '5',
      cohortSize: '25',
      interestOpensOn: '01/02/2026',
      applicationsOpenAt: '2026-03-23',
      applicationsCloseAt: '2026-04-30',
      certificatesOn: '2027-02-15',
      signatoryName: 'Jeanne Martin',
      signatoryTitle: 'Présidente',
    });
    assert.equal(created.statusCode, 303);
    assert.match(created.headers.location as string, new RegExp(`^/gestion/parcours/${uuidPattern}\\?info=`));
    assert.equal((await listPrograms(db)).length, count + 1);
    const program = (await listPrograms(db)).find((p) => p.title === 'Promotion 2029')!;
    assert.equal(program.applicationsOpenAt!.toISOString(), '2026-03-22T23:00:00.000Z');
    assert.equal(program.applicationsCloseAt!.toISOString(), '2026-04-30T21:59:59.000Z');
    assert.equal(program.interestOpensOn, '2026-02-01');

    const base = `/gestion/parcours/${program.id}`;
    const event = await buildEvent(db, { title: 'Séance de rentrée' }, 40);
    const manage = await reviewer.get(base);
    assert.ok(manage.body.includes(`value="${event.id}"`));
    const none = await reviewer.post(`${base}/seances`, { eventId: '' });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Choisissez un événement/);
    const added = await reviewer.post(`${base}/seances`, { eventId: event.id, mandatory: 'on' });
    assert.equal(added.statusCode, 303);
    assert.match((await reviewer.get(base)).body, /Séance de rentrée/);

    // Applications closed since 2026-04-30: expressing interest in this edition is over.
    const closed = await new Browser(app).get(`/parcours/${program.id}`);
    assert.match(closed.body, /Les candidatures à cette promotion sont closes/);
    assert.doesNotMatch(closed.body, /Manifester mon intérêt/);
    const late = await reviewer.post(`${base}/invitations`, {});
    assert.equal(late.statusCode, 422);
    assert.match(late.body, /il n’est plus temps d’inviter à candidater/);

    // Interest is taken for the main edition (no dates): invite them all.
    for (const n of [1, 2]) {
      const visitor = new Browser(app);
      await visitor.get(`/parcours/${main.program.id}`);
      const sent = await visitor.post(`/parcours/${main.program.id}/interet`, {
        firstName: 'Paul',
        lastName: `Invité${n}`,
        email: `paul${n}@example.org`,
        organisationName: 'Commune test',
        mandate: 'maire',
      });
      assert.equal(sent.statusCode, 303);
      await confirmByMail(visitor, `paul${n}@example.org`);
    }
    const mainBase = `/gestion/parcours/${main.program.id}`;
    const waiting = (await listInterests(db, main.program.id)).filter((i) => !i.invitedAt).length;
    const interestsPage = await reviewer.get(mainBase);
    assert.match(interestsPage.body, new RegExp(`Inviter les ${waiting} personnes à candidater`));
    const invited = await reviewer.post(`${mainBase}/invitations`, {});
    assert.equal(invited.statusCode, 200);
    assert.match(invited.body, new RegExp(`${waiting} personnes invitées`));
    const toMarie = await db.select().from(mails).where(eq(mails.to, 'marie.durand@saint-malo.fr'));
    assert.deepEqual(
      toMarie.map((mail) => mail.subject),
      [
        'Confirmez votre intérêt : Promotion 2026-2027',
        'Les candidatures sont ouvertes : Promotion 2026-2027',
      ],
    );
    assert.match((await reviewer.post(`${mainBase}/invitations`, {})).body, /Personne de plus à inviter/);
    const csv = await reviewer.get(`${mainBase}/interets.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.body, /marie\.durand@saint-malo\.fr/);
  });

  it('answers 403 to an officer on every staff page and action, and sends anonymous visitors to sign in', async () => {
    const officer = await buildOfficer(db, member.id, true);
    const browser = await signedIn(officer);
    await browser.get(`/parcours/${main.program.id}`);
    const base = `/gestion/parcours/${main.program.id}`;
    const certificate = (await listCertificates(db, main.program.id)).find((c) => !c.revokedAt)!;
    const application = (await applicationOf(db, main.program.id, certificate.personId!))!;
    const code = certificate.code;
    const gets = [
      '/gestion/parcours',
      base,
      `${base}/candidatures`,
      `${base}/promotion`,
      `${base}/interets.csv`,
      `${base}/interets.xlsx`,
      `${base}/promotion.csv`,
      `${base}/promotion.xlsx`,
    ];
    for (const url of gets) {
      const response = await browser.get(url);
      assert.equal(response.statusCode, 403, url);
      assert.match(response.body, /réservée à l’équipe du réseau/, url);
      assert.equal((await new Browser(app).get(url)).headers.location, '/connexion', url);
    }
    const posts: [string, Record<string, string>][] = [
      ['/gestion/parcours', { title: 'Pirate', minSessions: '1' }],
      [`${base}/seances`, { eventId: main.events['Réunion de lancement']! }],
      [`${base}/invitations`, {}],
      [`${base}/candidatures/${application.id}/decision`, { decision: 'rejected' }],
      [`${base}/certificats`, {}],
      [`/gestion/certificats/${code}/revocation`, { reason: 'Pour voir' }],
    ];
    const programs = (await listPrograms(db)).length;
    for (const [url, form] of posts) {
      assert.equal((await browser.post(url, form)).statusCode, 403, url);
    }
    assert.equal((await listPrograms(db)).length, programs);
    assert.equal((await applicationOf(db, main.program.id, application.personId))!.status, 'accepted');
    assert.equal((await listCertificates(db, main.program.id)).find((c) => c.code === code)!.revokedAt, null);
  });
});
