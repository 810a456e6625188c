import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import {
  buildEvent,
  buildLocalGovernment,
  buildOfficer,
  buildPerson,
  buildStaff,
  parisMorning,
  signedInBrowser,
} from '../../../tests/factories.ts';
import { testApp, testConfig } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import { parisDateTime } from '../../platform/time.ts';
import type { Person } from '../organisations/people.ts';
import { checkInToken } from './check-in.ts';
import { listDocuments } from './documents.ts';
import { attendance } from './events.schema.ts';
import { getEvent, isInvited } from './events.ts';
import { notificationSettings } from './notifications.ts';
import { register } from './register.ts';

const settings = notificationSettings(testConfig());
const uuidPattern = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

describe('reading a date and time typed in a form as Paris time', () => {
  it('gives summer dates the +02:00 offset and winter dates the +01:00 offset', () => {
    assert.deepEqual(parisDateTime('2026-07-08T09:30'), { iso: '2026-07-08T09:30:00+02:00' });
    assert.deepEqual(parisDateTime('2026-01-15T09:30'), { iso: '2026-01-15T09:30:00+01:00' });
    assert.deepEqual(parisDateTime('2026-07-08T09:30:15'), { iso: '2026-07-08T09:30:15+02:00' });
  });

  it('reads the French way of writing it, for browsers without a date picker', () => {
    assert.deepEqual(parisDateTime('08/07/2026 09:30'), { iso: '2026-07-08T09:30:00+02:00' });
    assert.deepEqual(parisDateTime('8/7/2026 à 9h30'), { iso: '2026-07-08T09:30:00+02:00' });
  });

  it('handles the days the clocks change: the skipped hour does not exist, the repeated one is summer time', () => {
    assert.deepEqual(parisDateTime('2026-03-29T01:59'), { iso: '2026-03-29T01:59:00+01:00' });
    assert.deepEqual(parisDateTime('2026-03-29T02:30'), { error: 'nonexistent' });
    assert.deepEqual(parisDateTime('2026-03-29T03:00'), { iso: '2026-03-29T03:00:00+02:00' });
    assert.deepEqual(parisDateTime('2026-10-25T02:30'), { iso: '2026-10-25T02:30:00+02:00' });
    assert.deepEqual(parisDateTime('2026-10-25T03:00'), { iso: '2026-10-25T03:00:00+01:00' });
    assert.equal(
      new Date((parisDateTime('2026-10-25T03:00') as { iso: string }).iso).toISOString(),
      '2026-10-25T02:00:00.000Z',
    );
  });

  it('refuses what is not a date', () => {
    assert.deepEqual(parisDateTime('2026-02-30T10:00'), { error: 'invalid' });
    assert.deepEqual(parisDateTime('2026-07-08T24:00'), { error: 'invalid' });
    assert.deepEqual(parisDateTime('demain matin'), { error: 'invalid' });
  });
});

describe('the staff pages of the agenda', async () => {
  const t = await testApp({ after });
  const { app, db } = t;
  const staff = await buildStaff(db);
  const org = await buildLocalGovernment(db);

  const signedIn = (person: Person) => signedInBrowser({ app, db }, person);

  const registerDirectly = async (eventId: string, person: Person) => {
    const result = await register(
      db,
      { eventId, personId: person.id, registeredBy: person.id },
      { settings },
    );
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    return result.value;
  };

  const attendanceOf = (eventId: string, personId: string) =>
    db
      .select()
      .from(attendance)
      .where(and(eq(attendance.eventId, eventId), eq(attendance.personId, personId)));

  it('creates an event through the form, reading the times as Paris time', async () => {
    const browser = await signedIn(staff);
    const form = await browser.get('/gestion/evenements/nouveau');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /type="datetime-local"/);
    const created = await browser.post('/gestion/evenements', {
      title: 'Rencontre des jumelages',
      theme: 'Jumelages et climat',
      kind: 'forum',
      format: 'hybrid',
      audience: 'public',
      startsAt: '2026-07-08T09:30',
      endsAt: '2026-07-08T17:00',
      provisional: 'on',
      capacity: '50',
      registrationOpensAt: '',
      registrationClosesAt: '2026-07-01T18:00',
      venue: 'Hôtel de ville de Nancy',
      onlineUrl: 'https://visio.example.org/jumelages',
      description: 'Une journée d’échanges entre collectivités.',
      series: 'Rencontres 2026',
    });
    assert.equal(created.statusCode, 303, created.body);
    const location = created.headers.location as string;
    assert.match(location, new RegExp(`^/gestion/evenements/${uuidPattern}\\?info=events.event_created$`));
    const id = location.split('/')[3]!.split('?')[0]!;
    const event = (await getEvent(db, id))!;
    assert.equal(event.startsAt.toISOString(), '2026-07-08T07:30:00.000Z');
    assert.equal(event.endsAt.toISOString(), '2026-07-08T15:00:00.000Z');
    assert.equal(event.registrationClosesAt?.toISOString(), '2026-07-01T16:00:00.000Z');
    assert.equal(event.registrationOpensAt, null);
    assert.equal(event.capacity, 50);
    assert.equal(event.provisional, true);
    assert.equal(event.kind, 'forum');
    assert.equal(event.format, 'hybrid');
    const page = await browser.get(location);
    assert.match(page.body, /Événement créé\./);
    assert.match(page.body, /<h1>Rencontre des jumelages<\/h1>/);
    assert.match(page.body, /Rencontres 2026/);
    const list = await browser.get('/gestion/evenements');
    assert.match(list.body, /Rencontre des jumelages/);
    assert.match(list.body, /Créer un événement/);
  });

  it('shows French field errors, linked from a summary, and keeps what was typed', async () => {
    const browser = await signedIn(staff);
    await browser.get('/gestion/evenements/nouveau');
    const response = await browser.post('/gestion/evenements', {
      title: '',
      kind: '',
      format: 'in_person',
      audience: 'members',
      startsAt: '2026-03-29T02:30',
      endsAt: 'la semaine prochaine',
      capacity: '-3',
      onlineUrl: 'https://visio.example.org/x',
      venue: '<b>Salle</b>',
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Le formulaire contient des erreurs/);
    assert.match(response.body, /<a href="#title">Ce champ est obligatoire\.<\/a>/);
    assert.match(response.body, /<a href="#kind">Choisissez le type d’événement\.<\/a>/);
    assert.match(response.body, /n’existe pas à Paris ce jour-là/);
    assert.match(response.body, /Date et heure illisibles/);
    assert.match(response.body, /ne peut pas être négatif/);
    assert.match(response.body, /value="la semaine prochaine"/);
    assert.match(response.body, /value="&lt;b>Salle&lt;\/b>"/);
    assert.match(response.body, /<option value="members" selected/);
    assert.doesNotMatch(response.body, /meeting, workshop/);
    // The end before the start: the domain's rule, on the right field.
    const reversed = await browser.post('/gestion/evenements', {
      title: 'À l’envers',
      kind: 'meeting',
      format: 'online',
      audience: 'public',
      startsAt: '2026-07-08T10:00',
      endsAt: '2026-07-08T09:00',
    });
    assert.equal(reversed.statusCode, 400);
    assert.match(reversed.body, /<a href="#endsAt">La fin précède le début\.<\/a>/);
  });

  it('lists upcoming events first, nearest first, then past events, with their counts', async () => {
    await buildEvent(db, { title: 'Atelier passé' }, -10);
    await buildEvent(db, { title: 'Colloque lointain' }, 60);
    const soon = await buildEvent(db, { title: 'Réunion prochaine', capacity: 1 }, 3);
    await registerDirectly(soon.id, await buildOfficer(db, org.id));
    await registerDirectly(soon.id, await buildOfficer(db, org.id));
    const browser = await signedIn(staff);
    const { body } = await browser.get('/gestion/evenements');
    const at = (text: string) => body.indexOf(text);
    assert.ok(at('Réunion prochaine') > 0 && at('Réunion prochaine') < at('Colloque lointain'));
    assert.ok(at('Colloque lointain') < at('<h2>Passés</h2>'));
    assert.ok(at('<h2>Passés</h2>') < at('Atelier passé'));
    const row = body.slice(at('Réunion prochaine'), body.indexOf('</tr>', at('Réunion prochaine')));
    assert.match(row, /<td>1 \/ 1<\/td><td>1<\/td><td>0<\/td>/);
  });

  it('lets staff register someone by email: the person is told by mail, a full event puts them on the waiting list', async () => {
    const event = await buildEvent(db, { title: 'Atelier coopération', capacity: 1 });
    const first = await buildOfficer(db, org.id);
    const second = await buildOfficer(db, org.id);
    const browser = await signedIn(staff);
    await browser.get(`/gestion/evenements/${event.id}`);
    const registered = await browser.post(`/gestion/evenements/${event.id}/inscriptions`, {
      email: ` ${first.email.toUpperCase()} `,
    });
    assert.equal(registered.statusCode, 303, registered.body);
    assert.equal(
      registered.headers.location,
      `/gestion/evenements/${event.id}?info=events.event_person_registered#inscriptions`,
    );
    const mails = await queryRows<{ subject: string; text: string }>(
      db,
      sql`select subject, text from mails where "to" = ${first.email}`,
    );
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.subject, 'Inscription confirmée : Atelier coopération');
    assert.match(mails[0]!.text, new RegExp(`${staff.firstName} ${staff.lastName} vous a inscrit·e`));
    const waitlisted = await browser.post(`/gestion/evenements/${event.id}/inscriptions`, {
      email: second.email,
    });
    assert.equal(
      waitlisted.headers.location,
      `/gestion/evenements/${event.id}?info=events.event_person_waitlisted#inscriptions`,
    );
    const waitMails = await queryRows<{ subject: string }>(
      db,
      sql`select subject from mails where "to" = ${second.email}`,
    );
    assert.deepEqual(
      waitMails.map((m) => m.subject),
      ['Liste d’attente : Atelier coopération'],
    );
    const page = await browser.get(`/gestion/evenements/${event.id}?info=events.event_person_registered`);
    assert.match(page.body, /Inscription enregistrée : la personne en est prévenue par courriel\./);
    assert.match(page.body, new RegExp(`${first.firstName} ${first.lastName}`));
    assert.match(page.body, /<td data-label="Statut">Confirmée<\/td>/);
    assert.match(page.body, /<td data-label="Statut">Liste d’attente<\/td>/);
    const again = await browser.post(`/gestion/evenements/${event.id}/inscriptions`, { email: first.email });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /est déjà inscrit·e à cet événement/);
    const unknown = await browser.post(`/gestion/evenements/${event.id}/inscriptions`, {
      email: 'personne.inconnue@example.org',
    });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /Aucune personne n’a l’adresse « personne\.inconnue@example\.org »/);
    assert.match(unknown.body, /value="personne\.inconnue@example\.org"/);
  });

  it('invites people to a restricted event by their addresses, one per line, refusing unknown ones', async () => {
    const event = await buildEvent(db, {
      title: 'Comité de pilotage',
      audience: 'restricted',
      kind: 'steering_committee',
    });
    const a = await buildOfficer(db, org.id);
    const b = await buildOfficer(db, org.id);
    const browser = await signedIn(staff);
    const page = await browser.get(`/gestion/evenements/${event.id}`);
    assert.match(page.body, /Personne n’est encore invité/);
    const refused = await browser.post(`/gestion/evenements/${event.id}/invitations`, {
      emails: `${a.email}\ninconnu@example.org\n`,
    });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Aucune personne n’a cette adresse : inconnu@example\.org/);
    assert.equal(await isInvited(db, event.id, a.id), false);
    const invited = await browser.post(`/gestion/evenements/${event.id}/invitations`, {
      emails: `${a.email}\r\n\r\n${b.email.toUpperCase()}\r\n`,
    });
    assert.equal(invited.statusCode, 303);
    assert.equal(await isInvited(db, event.id, a.id), true);
    assert.equal(await isInvited(db, event.id, b.id), true);
    const listed = await browser.get(invited.headers.location as string);
    assert.match(listed.body, /2 personnes invitées/);
    const registered = await browser.post(`/gestion/evenements/${event.id}/inscriptions`, { email: a.email });
    assert.equal(registered.statusCode, 303);
  });

  it('checks people in at the door: search, tick, undo, and a QR code scanned twice records one presence', async () => {
    const event = await buildEvent(db, { title: 'Forum de printemps', ...parisMorning(1) });
    const aicha = await buildPerson(db, { firstName: 'Aïcha', lastName: 'Benali', organisationId: org.id });
    const bruno = await buildPerson(db, { firstName: 'Bruno', lastName: 'Martin' });
    const chloe = await buildPerson(db, { firstName: 'Chloé', lastName: 'Martin' });
    const aichaRegistration = await registerDirectly(event.id, aicha);
    const brunoRegistration = await registerDirectly(event.id, bruno);
    await registerDirectly(event.id, chloe);
    const browser = await signedIn(staff);
    const base = `/gestion/evenements/${event.id}/emargement`;

    const all = await browser.get(base);
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /0 présent·e sur 3 inscrit·es/);
    assert.match(all.body, /name="viewport" content="width=device-width, initial-scale=1"/);
    const martins = await browser.get(`${base}?q=martin`);
    assert.match(martins.body, /Bruno Martin/);
    assert.match(martins.body, /Chloé Martin/);
    assert.doesNotMatch(martins.body, /Aïcha Benali/);
    assert.match(martins.body, /2 personnes trouvées pour « martin »/);
    const accentless = await browser.get(`${base}?q=aicha`);
    assert.match(accentless.body, /Aïcha Benali/);
    assert.match(accentless.body, new RegExp(org.name));

    const ticked = await browser.post(`${base}/${brunoRegistration.id}`, { q: 'martin' });
    assert.equal(ticked.statusCode, 303);
    assert.equal(
      ticked.headers.location,
      `${base}?q=martin&info=events.event_checked_in#r-${brunoRegistration.id}`,
    );
    const afterTick = await browser.get(ticked.headers.location as string);
    assert.match(afterTick.body, /Présence enregistrée\./);
    assert.match(afterTick.body, /1 présent·e sur 3 inscrit·es/);
    assert.match(afterTick.body, /aria-label="Annuler la présence de Bruno Martin"/);
    assert.equal((await attendanceOf(event.id, bruno.id))[0]?.source, 'check_in');

    const undone = await browser.post(`${base}/${brunoRegistration.id}/annulation`, { q: 'martin' });
    assert.equal(undone.statusCode, 303);
    assert.equal(
      undone.headers.location,
      `${base}?q=martin&info=events.event_check_in_undone#r-${brunoRegistration.id}`,
    );
    assert.equal((await attendanceOf(event.id, bruno.id)).length, 0);
    assert.match((await browser.get(base)).body, /0 présent·e sur 3 inscrit·es/);

    // The event is tomorrow: outside the check-in window, the scan asks for a confirmation first.
    const qr = `/emargement/${checkInToken(aichaRegistration.id)}`;
    const scanned = await browser.get(qr);
    assert.equal(scanned.statusCode, 200);
    assert.match(scanned.body, /Aïcha Benali/);
    assert.match(scanned.body, /Enregistrer la présence/);
    assert.equal((await attendanceOf(event.id, aicha.id)).length, 0, 'the GET records nothing');
    const asked = await browser.post(qr, {});
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /Cet événement a lieu le \w+ \d/);
    assert.match(asked.body, /Enregistrer quand même/);
    assert.equal(
      (await attendanceOf(event.id, aicha.id)).length,
      0,
      'nothing recorded before the confirmation',
    );
    const confirmed = await browser.post(qr, { confirm: '1' });
    assert.equal(confirmed.statusCode, 303);
    assert.equal(confirmed.headers.location, `${qr}?info=events.event_checked_in`);
    assert.match((await browser.get(confirmed.headers.location as string)).body, /Présence enregistrée\./);
    const again = await browser.post(qr, { confirm: '1' });
    assert.equal(again.headers.location, `${qr}?info=events.event_already_checked_in`);
    assert.match((await browser.get(again.headers.location as string)).body, /déjà enregistrée/);
    const rows = await attendanceOf(event.id, aicha.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.source, 'qr');
    assert.equal(rows[0]!.recordedBy, staff.id);
    assert.equal((await browser.get('/emargement/pas-un-code-valide-du-tout-0000')).statusCode, 404);

    // A registration of another event cannot be ticked through this event's page.
    const other = await buildEvent(db);
    const elsewhere = await registerDirectly(other.id, await buildPerson(db));
    await browser.get(base);
    const wrong = await browser.post(`${base}/${elsewhere.id}`, {});
    assert.equal(wrong.statusCode, 404);
  });

  it('imports a Teams-style report: previews matched, too short and unknown lines, then records once', async () => {
    const event = await buildEvent(db, { title: 'Webinaire climat', format: 'online', kind: 'webinar' });
    const long = await buildPerson(db, { firstName: 'Léa', lastName: 'Longue' });
    const short = await buildPerson(db, { firstName: 'Marc', lastName: 'Bref' });
    const twice = await buildPerson(db, { firstName: 'Nora', lastName: 'Deuxfois' });
    const report = [
      'Nom complet;Adresse e-mail;Durée de la réunion',
      `Léa Longue;${long.email};1 h 5 min`,
      `Marc Bref;${short.email};00:12:30`,
      'Inconnu Total;inconnu.total@example.org;45 min',
      `Nora Deuxfois;${twice.email};00:20:00`,
      `Nora Deuxfois;${twice.email.toUpperCase()};15 min`,
    ].join('\n');
    const browser = await signedIn(staff);
    const form = await browser.get(`/gestion/evenements/${event.id}/presences-en-ligne`);
    assert.match(form.body, /name="minMinutes"[^>]*value="30"|value="30"[^>]*name="minMinutes"/);
    const upload = await browser.postFile(
      `/gestion/evenements/${event.id}/presences-en-ligne`,
      { minMinutes: '30' },
      { name: 'rapport-teams.csv', type: 'text/csv', content: Buffer.from(report) },
    );
    assert.equal(upload.statusCode, 303, upload.body);
    const location = upload.headers.location as string;
    assert.match(location, new RegExp(`^/gestion/evenements/${event.id}/presences-en-ligne/${uuidPattern}$`));
    const preview = await browser.get(location);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /Fichier : rapport-teams\.csv/);
    assert.match(preview.body, /2 personnes présentes, 1 présence trop courte, 1 ligne non reconnue\./);
    assert.match(preview.body, /<td>Léa Longue<\/td><td>[^<]+<\/td><td>65 min<\/td>/);
    assert.match(preview.body, /<td>Nora Deuxfois<\/td><td>[^<]+<\/td><td>35 min<\/td>/);
    assert.match(preview.body, /<td>Marc Bref<\/td><td>[^<]+<\/td><td>12 min<\/td>/);
    assert.match(
      preview.body,
      /<td>4<\/td><td>inconnu\.total@example\.org<\/td><td>aucune personne n’a cette adresse<\/td>/,
    );
    assert.equal((await attendanceOf(event.id, long.id)).length, 0);

    const confirmed = await browser.post(`${location}/confirmer`, {});
    assert.equal(confirmed.statusCode, 200);
    assert.match(confirmed.body, /2 présences enregistrées\./);
    assert.equal((await attendanceOf(event.id, long.id))[0]?.minutes, 65);
    assert.equal((await attendanceOf(event.id, twice.id))[0]?.minutes, 35);
    assert.equal((await attendanceOf(event.id, short.id)).length, 0);

    const again = await browser.post(`${location}/confirmer`, {});
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /Ce rapport de présence a déjà été enregistré\./);
    assert.match((await browser.get(location)).body, /Ce rapport a été enregistré le/);

    await browser.get(`/gestion/evenements/${event.id}/presences-en-ligne`);
    const badMinimum = await browser.postFile(
      `/gestion/evenements/${event.id}/presences-en-ligne`,
      { minMinutes: 'trente' },
      { name: 'rapport.csv', type: 'text/csv', content: Buffer.from(report) },
    );
    assert.equal(badMinimum.statusCode, 400);
    assert.match(badMinimum.body, /un nombre entier de minutes/);
    await browser.get(`/gestion/evenements/${event.id}/presences-en-ligne`);
    const notATable = await browser.postFile(
      `/gestion/evenements/${event.id}/presences-en-ligne`,
      { minMinutes: '30' },
      { name: 'photo.csv', type: 'text/csv', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]) },
    );
    assert.equal(notATable.statusCode, 400);
    assert.match(notATable.body, /ni un classeur Excel/);
  });

  it('exports registrations and attendance as CSV for spreadsheets and as XLSX', async () => {
    const event = await buildEvent(db, { title: 'Séminaire export' }, 2);
    const person = await buildOfficer(db, org.id);
    const registration = await registerDirectly(event.id, person);
    const browser = await signedIn(staff);
    await browser.get(`/gestion/evenements/${event.id}/emargement`);
    await browser.post(`/gestion/evenements/${event.id}/emargement/${registration.id}`, {});
    const csv = await browser.get(`/gestion/evenements/${event.id}/inscriptions.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /^text\/csv/);
    assert.match(csv.headers['content-disposition'] as string, /attachment; filename="inscriptions-.*\.csv"/);
    const [header, line] = csv.body.split('\r\n');
    assert.equal(
      header,
      '\ufeffPrénom;Nom;Email;Organisation;Statut;Participation;Inscrit·e le;Présent·e;Présence enregistrée par;Minutes en ligne;Présence enregistrée le',
    );
    // Dates as a French spreadsheet reads them, at Paris time (fr-FR short date and time: 15/12/2026 15:00).
    const paris = new Intl.DateTimeFormat('fr-FR', {
      timeZone: 'Europe/Paris',
      dateStyle: 'short',
      timeStyle: 'short',
    });
    const [checkedIn] = await db.select().from(attendance).where(eq(attendance.personId, person.id));
    assert.equal(
      line,
      `${person.firstName};${person.lastName};${person.email};${org.name};Confirmée;Sur place;${paris.format(registration.createdAt)};oui;émargement;;${paris.format(checkedIn!.recordedAt)}`,
    );
    const xlsx = await app.inject({
      method: 'GET',
      url: `/gestion/evenements/${event.id}/inscriptions.xlsx`,
      headers: { cookie: browser.jar.header },
    });
    assert.equal(xlsx.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    assert.equal(sheet.name, 'Inscriptions');
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1, 4), ['Prénom', 'Nom', 'Email']);
    assert.equal(sheet.getRow(2).getCell(3).value, person.email);
    assert.equal(sheet.getRow(2).getCell(8).value, 'oui');
  });

  it('accepts a real PDF as minutes and refuses, in French, a PNG renamed .pdf', async () => {
    const event = await buildEvent(db, { title: 'Assemblée générale' });
    const browser = await signedIn(staff);
    await browser.get(`/gestion/evenements/${event.id}`);
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
    );
    const accepted = await browser.postFile(
      `/gestion/evenements/${event.id}/documents`,
      { kind: 'minutes', title: 'Compte rendu de l’assemblée' },
      { name: 'compte-rendu.pdf', type: 'application/pdf', content: pdf },
    );
    assert.equal(accepted.statusCode, 303, accepted.body);
    assert.equal(
      accepted.headers.location,
      `/gestion/evenements/${event.id}?info=events.event_document_added#documents`,
    );
    const [document] = await listDocuments(db, event.id);
    assert.equal(document?.kind, 'minutes');
    assert.equal(document?.fileName, 'compte-rendu.pdf');
    assert.equal(document?.title, 'Compte rendu de l’assemblée');
    const page = await browser.get(`/gestion/evenements/${event.id}`);
    assert.match(page.body, /Compte rendu : Compte rendu de l’assemblée/);

    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1b6e5ab0000000049454e44ae426082',
      'hex',
    );
    const refused = await browser.postFile(
      `/gestion/evenements/${event.id}/documents`,
      { kind: 'document', title: 'Faux PDF' },
      { name: 'programme.pdf', type: 'application/pdf', content: png },
    );
    assert.equal(refused.statusCode, 415);
    assert.match(refused.body, /Seuls les fichiers PDF et bureautiques/);
    assert.match(refused.body, /aria-invalid="true"/);
    assert.equal((await listDocuments(db, event.id)).length, 1);
  });

  it('keeps people who are not staff out of every staff page, and anonymous visitors are asked to sign in', async () => {
    const event = await buildEvent(db, { audience: 'restricted' });
    const officer = await buildOfficer(db, org.id, true);
    const registration = await registerDirectly(event.id, staff);
    const browser = await signedIn(officer);
    const base = `/gestion/evenements/${event.id}`;
    const someId = '00000000-0000-4000-8000-000000000000';
    for (const url of [
      '/gestion/evenements',
      '/gestion/evenements/nouveau',
      base,
      `${base}/inscriptions.csv`,
      `${base}/inscriptions.xlsx`,
      `${base}/emargement`,
      `${base}/presences-en-ligne`,
      `${base}/presences-en-ligne/${someId}`,
    ]) {
      const response = await browser.get(url);
      assert.equal(response.statusCode, 403, url);
      assert.match(response.body, /réservée à l’équipe du réseau/, url);
    }
    const scan = await browser.get(`/emargement/${checkInToken(registration.id)}`);
    assert.equal(scan.statusCode, 403);
    assert.match(scan.body, /se lit à l’accueil par l’équipe du réseau/);
    assert.doesNotMatch(scan.body, new RegExp(staff.lastName));
    assert.equal((await attendanceOf(event.id, staff.id)).length, 0);

    await browser.get('/mon-espace');
    for (const [url, form] of [
      ['/gestion/evenements', { title: 'Intrus', kind: 'meeting', format: 'online', audience: 'public' }],
      [`${base}/inscriptions`, { email: officer.email }],
      [`${base}/invitations`, { emails: officer.email }],
      [`${base}/emargement/${registration.id}`, {}],
      [`${base}/emargement/${registration.id}/annulation`, {}],
      [`/emargement/${checkInToken(registration.id)}`, { confirm: '1' }],
      [`${base}/presences-en-ligne/${someId}/confirmer`, {}],
      [`${base}/presences-en-ligne`, { minMinutes: '30' }],
      [`${base}/documents`, { kind: 'document', title: 'Intrus' }],
    ] as const) {
      const response = await browser.post(url, form);
      assert.equal(response.statusCode, 403, url);
      assert.match(response.body, /réservée à l’équipe du réseau/, url);
    }
    assert.equal(await isInvited(db, event.id, officer.id), false);
    assert.equal((await attendanceOf(event.id, staff.id)).length, 0);

    for (const url of ['/gestion/evenements', `${base}/emargement`]) {
      const anonymous = await app.inject({ method: 'GET', url });
      assert.equal(anonymous.statusCode, 303, url);
      assert.equal(anonymous.headers.location, '/connexion', url);
    }
  });

  it('pages the upcoming and past events, each with its honest total, keeping the other list’s page', async () => {
    const [counts] = await queryRows<{ upcoming: number; past: number }>(
      db,
      sql`select count(*) filter (where ends_at >= now())::int as upcoming,
                 count(*) filter (where ends_at < now())::int as past from events`,
    );
    // Enough upcoming events for a second page of 50, counted here by SQL rather than by the page.
    const more = Math.max(1, 51 - counts!.upcoming);
    for (let i = 0; i < more; i++) await buildEvent(db, { title: `Réunion de page ${i}` }, 200 + i);
    const upcoming = counts!.upcoming + more;
    assert.ok(upcoming <= 100, `${upcoming} upcoming events: two pages of 50`);
    const browser = await signedIn(staff);
    const first = await browser.get('/gestion/evenements');
    assert.equal(first.statusCode, 200);
    assert.match(first.body, new RegExp(`${upcoming} événements à venir ou en cours — page 1 sur 2\\.`));
    assert.match(
      first.body,
      counts!.past === 0 ? /Aucun événement passé\./ : new RegExp(`${counts!.past} événements? passés?\\.`),
    );
    const tables = first.body.split('<tbody>').slice(1);
    assert.equal(tables[0]!.split('</tbody>')[0]!.split('<tr').length - 1, 50);
    assert.match(first.body, /<a href="\/gestion\/evenements\?avenir=2">Page suivante<\/a>/);
    const second = await browser.get('/gestion/evenements?avenir=2');
    assert.match(second.body, new RegExp(`${upcoming} événements à venir ou en cours — page 2 sur 2\\.`));
    const rows = second.body.split('<tbody>')[1]!.split('</tbody>')[0]!.split('<tr').length - 1;
    assert.equal(rows, upcoming - 50);
    // The latest upcoming event, last of the list, is on the second page only.
    assert.match(second.body, new RegExp(`Réunion de page ${more - 1}<`));
    assert.doesNotMatch(first.body, new RegExp(`Réunion de page ${more - 1}<`));
    assert.match(second.body, /<a href="\/gestion\/evenements">Page précédente<\/a>/);
    // A page that is no number reads as the first.
    assert.match((await browser.get('/gestion/evenements?avenir=deux')).body, /page 1 sur 2\./);
  });

  it('answers 404 for an event that does not exist, on every staff page and form, and writes nothing', async () => {
    const browser = await signedIn(staff);
    await browser.get('/gestion/evenements');
    const missing = '00000000-0000-4000-8000-000000000000';
    const base = `/gestion/evenements/${missing}`;
    const officer = await buildOfficer(db, org.id);
    const written = async () =>
      (
        await queryRows<{ n: string }>(
          db,
          sql`select (select count(*) from audit_log) || '/' || (select count(*) from registrations) || '/' ||
            (select count(*) from event_invitations) || '/' || (select count(*) from event_documents) || '/' ||
            (select count(*) from attendance_imports) || '/' || (select count(*) from attendance) as n`,
        )
      )[0]!.n;
    const before = await written();
    const answers = [
      await browser.get(base),
      await browser.get(`${base}/inscriptions.csv`),
      await browser.get(`${base}/emargement`),
      await browser.get(`${base}/presences-en-ligne`),
      await browser.post(`${base}/inscriptions`, { email: officer.email }),
      await browser.post(`${base}/inscriptions`, { email: '' }),
      await browser.post(`${base}/invitations`, { emails: officer.email }),
      await browser.postFile(
        `${base}/documents`,
        { kind: 'document', title: 'Annexe' },
        { name: 'annexe.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') },
      ),
      await browser.postFile(
        `${base}/presences-en-ligne`,
        { minMinutes: '30' },
        { name: 'rapport.csv', type: 'text/csv', content: Buffer.from(`Email;Durée\n${officer.email};45\n`) },
      ),
    ];
    for (const answer of answers) {
      assert.equal(answer.statusCode, 404, answer.body.slice(0, 300));
      assert.match(answer.body, /Cet événement n’existe pas ou plus\./);
    }
    assert.equal(await written(), before);
  });

  it('undoes a check-in and records a report only through the event they belong to', async () => {
    const event = await buildEvent(db, { title: 'Atelier de printemps', format: 'online' }, 1);
    const other = await buildEvent(db, { title: 'Atelier d’automne', format: 'online' }, 1);
    const person = await buildPerson(db, { firstName: 'Odile', lastName: 'Ailleurs' });
    const registration = await registerDirectly(other.id, person);
    const browser = await signedIn(staff);
    await browser.get(`/gestion/evenements/${other.id}/emargement`);
    await browser.post(`/gestion/evenements/${other.id}/emargement/${registration.id}`, {});
    assert.equal((await attendanceOf(other.id, person.id)).length, 1);
    const undone = await browser.post(
      `/gestion/evenements/${event.id}/emargement/${registration.id}/annulation`,
      {},
    );
    assert.equal(undone.statusCode, 404);
    assert.match(undone.body, /Cette inscription n’existe pas ou plus\./);
    assert.equal((await attendanceOf(other.id, person.id)).length, 1, 'the presence stays');

    await browser.get(`/gestion/evenements/${other.id}/presences-en-ligne`);
    const upload = await browser.postFile(
      `/gestion/evenements/${other.id}/presences-en-ligne`,
      { minMinutes: '0' },
      { name: 'rapport.csv', type: 'text/csv', content: Buffer.from(`Email;Durée\n${person.email};45\n`) },
    );
    assert.equal(upload.statusCode, 303, upload.body);
    const importId = (upload.headers.location as string).split('/').at(-1)!;
    const elsewhere = `/gestion/evenements/${event.id}/presences-en-ligne/${importId}`;
    assert.equal((await browser.get(elsewhere)).statusCode, 404);
    const applied = await browser.post(`${elsewhere}/confirmer`, {});
    assert.equal(applied.statusCode, 404);
    assert.match(applied.body, /Ce rapport de présence n’existe pas ou plus\./);
    const [report] = await queryRows<{ applied: boolean }>(
      db,
      sql`select applied_at is not null as applied from attendance_imports where id = ${importId}`,
    );
    assert.equal(report!.applied, false);
  });
});
