import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  bearer,
  buildElected,
  buildLocalGovernment,
  buildOfficer,
  buildPerson,
  buildStaff,
  signedInBrowser,
} from '../../../tests/factories.ts';
import { testApp } from '../../../tests/helpers.ts';
import { readCalendar } from '../../../tests/ical.ts';
import { calendarPartOf, startSmtp } from '../../../tests/smtp.ts';
import { queryRows } from '../../platform/db/client.ts';
import { parisDate } from '../../platform/time.ts';
import { notificationSettings } from '../events/notifications.ts';
import { register } from '../events/register.ts';
import { mergePeople } from '../organisations/merge-people.ts';
import { endMandate, listMandates } from '../organisations/people.ts';
import { erasePerson } from '../organisations/personal-data.ts';
import { updateGroup } from './groups.ts';
import { sendReminders } from './invitations.ts';

describe('groups', async () => {
  const smtp = await startSmtp({ after });
  const { app, db, jobs, config } = await testApp({ after }, { SMTP_URL: smtp.url });
  const staff = await buildStaff(db);
  const staffAuth = await bearer(db, staff);
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, headers = staffAuth) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const newGroup = async (name: string, kind = 'country', countries = ['JP']) => {
    const created = await call('POST', '/api/v1/groups', { kind, name, countries });
    assert.equal(created.statusCode, 201, created.body);
    return created.json() as { id: string; slug: string };
  };
  /** A meeting of the group in `days` days, through the API (its `groupIds`). */
  const meeting = async (groupId: string, title: string, days = 30, audience = 'group') => {
    const startsAt = new Date(Date.now() + days * 86_400_000);
    const created = await call('POST', '/api/v1/events', {
      title,
      kind: 'meeting',
      format: 'online',
      audience,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
      groupIds: [groupId],
    });
    assert.equal(created.statusCode, 201, created.body);
    return created.json() as { id: string };
  };

  it('creates and lists groups as the API promises: id and slug, filtered by kind', async () => {
    const group = await newGroup('Amérique latine et Caraïbes (DALC)', 'thematic', ['co', 'BR']);
    assert.equal(group.slug, 'amerique-latine-et-caraibes-dalc');
    const twin = await newGroup('Amérique latine et Caraïbes (DALC)', 'thematic', []);
    assert.equal(twin.slug, 'amerique-latine-et-caraibes-dalc-2');
    const listed = (await call('GET', '/api/v1/groups?kind=thematic')).json() as {
      items: { id: string; countries: string[] }[];
    };
    assert.deepEqual(listed.items.find((g) => g.id === group.id)?.countries, ['CO', 'BR']);
    const countries = (await call('GET', '/api/v1/groups?kind=country')).json() as {
      items: { id: string }[];
    };
    assert.ok(!countries.items.some((g) => g.id === group.id));
    const wrong = await call('POST', '/api/v1/groups', {
      kind: 'country',
      name: 'Atlantide',
      countries: ['XZ'],
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /« XZ » n’est pas un code de pays ISO 3166-1/);
  });

  it('hands the chair over: the previous term ends the day before, the history stays, newest first', async () => {
    const group = await newGroup('Japon');
    const town = await buildLocalGovernment(db, { member: true });
    const first = await buildElected(db, town.id);
    const second = await buildElected(db, town.id, 'conseillère municipale déléguée à l’international');
    const a = await call('POST', `/api/v1/groups/${group.id}/chairs`, {
      personId: first.id,
      startsOn: '2026-04-01',
    });
    assert.equal(a.statusCode, 201, a.body);
    const b = await call('POST', `/api/v1/groups/${group.id}/chairs`, {
      personId: second.id,
      startsOn: '2026-09-15',
    });
    assert.equal(b.statusCode, 201, b.body);
    const read = (await call('GET', `/api/v1/groups/${group.id}`)).json();
    assert.deepEqual(read.chair, {
      personId: second.id,
      firstName: second.firstName,
      lastName: second.lastName,
      organisationId: town.id,
      startsOn: '2026-09-15',
    });
    assert.deepEqual(
      read.chairs.map((c: { personId: string; startsOn: string; endsOn: string | null }) => [
        c.personId,
        c.startsOn,
        c.endsOn,
      ]),
      [
        [second.id, '2026-09-15', null],
        [first.id, '2026-04-01', '2026-09-14'],
      ],
    );
    // A term cannot start before the one in office.
    const early = await call('POST', `/api/v1/groups/${group.id}/chairs`, {
      personId: first.id,
      startsOn: '2026-09-01',
    });
    assert.equal(early.statusCode, 422);
    const page = await app.inject({ method: 'GET', url: `/groupes/${group.slug}` });
    assert.match(page.body, new RegExp(`Présidé par ${second.firstName} ${second.lastName}`));
    assert.match(page.body, /du 1 avril 2026 au 14 septembre 2026|du 1er avril 2026 au 14 septembre 2026/);
  });

  it('refuses a chair who is not an élu of a member local government, in French, and writes nothing', async () => {
    const group = await newGroup('Arménie');
    const member = await buildLocalGovernment(db, { member: true });
    const lapsed = await buildLocalGovernment(db, { member: false });
    const officer = await buildOfficer(db, member.id);
    const outsider = await buildElected(db, lapsed.id);
    const asOfficer = await call('POST', `/api/v1/groups/${group.id}/chairs`, {
      personId: officer.id,
      startsOn: '2026-10-01',
    });
    assert.equal(asOfficer.statusCode, 422);
    assert.equal(asOfficer.json().error.code, 'chair_not_eligible');
    assert.match(asOfficer.json().error.message, /n’est pas enregistrée comme élue/);
    const asOutsider = await call('POST', `/api/v1/groups/${group.id}/chairs`, {
      personId: outsider.id,
      startsOn: '2026-10-01',
    });
    assert.equal(asOutsider.json().error.code, 'chair_not_eligible');
    assert.match(
      asOutsider.json().error.message,
      new RegExp(`${lapsed.name} n’est pas adhérente à jour de sa cotisation 2026`),
    );
    assert.deepEqual((await call('GET', `/api/v1/groups/${group.id}`)).json().chairs, []);
  });

  it('shows « présidence à pourvoir » once the chair’s mandate has ended, never the chair', async () => {
    const group = await newGroup('Haïti');
    const region = await buildLocalGovernment(db, { member: true });
    const chair = await buildElected(db, region.id);
    assert.equal(
      (
        await call('POST', `/api/v1/groups/${group.id}/chairs`, {
          personId: chair.id,
          startsOn: '2026-04-01',
        })
      ).statusCode,
      201,
    );
    const [current] = await listMandates(db, chair.id);
    const mandate = current!.mandate;
    const yesterday = parisDate(new Date(Date.now() - 86_400_000));
    assert.ok((await endMandate(db, mandate.id, { endsOn: yesterday }, staff.id)).ok);
    const read = (await call('GET', `/api/v1/groups/${group.id}`)).json();
    assert.equal(read.chair, null);
    assert.equal(read.chairVacant, true);
    assert.equal(read.chairs.length, 1, 'the history keeps the term');
    const page = await app.inject({ method: 'GET', url: `/groupes/${group.slug}` });
    assert.match(page.body, /Présidence à pourvoir/);
    assert.doesNotMatch(page.body, new RegExp(`Présidé par ${chair.firstName} ${chair.lastName}`));
    const list = await app.inject({ method: 'GET', url: '/groupes' });
    assert.match(list.body, /Présidence à pourvoir/);
  });

  it('opens a group’s meeting to its members’ people and followers, and refuses others with a French reason', async () => {
    const group = await newGroup('Sénégal');
    const memberTown = await buildLocalGovernment(db, { member: true });
    const colleague = await buildOfficer(db, memberTown.id);
    const follower = await buildPerson(db);
    const outsider = await buildOfficer(db, (await buildLocalGovernment(db, { member: true })).id);
    assert.equal(
      (await call('POST', `/api/v1/groups/${group.id}/members`, { organisationId: memberTown.id }))
        .statusCode,
      201,
    );
    const twice = await call('POST', `/api/v1/groups/${group.id}/members`, { organisationId: memberTown.id });
    assert.equal(twice.statusCode, 409);
    assert.equal(
      (await call('POST', `/api/v1/groups/${group.id}/followers`, { personId: follower.id })).statusCode,
      201,
    );
    const event = await meeting(group.id, 'Atelier du groupe-pays Sénégal');
    const settings = notificationSettings(config);
    const refused = await register(
      db,
      { eventId: event.id, personId: outsider.id, registeredBy: outsider.id },
      { settings },
    );
    assert.ok(!refused.ok);
    assert.equal(refused.error.code, 'audience');
    assert.match(refused.error.message, /Cette réunion est réservée aux membres de « Groupe-pays Sénégal »/);
    for (const person of [colleague, follower]) {
      const done = await register(
        db,
        { eventId: event.id, personId: person.id, registeredBy: person.id },
        { settings },
      );
      assert.ok(done.ok, done.ok ? '' : done.error.message);
    }
    // The event's page names its group; unfollowing closes the door again.
    const page = await app.inject({ method: 'GET', url: `/agenda/${event.id}` });
    assert.match(page.body, new RegExp(`<a href="/groupes/${group.slug}">Groupe-pays Sénégal</a>`));
    const agenda = await app.inject({ method: 'GET', url: '/agenda' });
    assert.match(
      agenda.body,
      new RegExp(`Réunion de <span><a href="/groupes/${group.slug}">Groupe-pays Sénégal</a>`),
    );
    const gone = await call('DELETE', `/api/v1/groups/${group.id}/followers`, { personId: follower.id });
    assert.equal(gone.statusCode, 204);
  });

  it('changes the validators of a meeting’s public page when its group is renamed (drizzle/0022)', async () => {
    const group = await newGroup('Groupe-pays Corée', 'country', ['KR']);
    const event = await meeting(group.id, 'Réunion du groupe-pays Corée');
    const etag = async () => {
      const page = await app.inject({ method: 'GET', url: `/agenda/${event.id}` });
      assert.equal(page.statusCode, 200);
      return { etag: String(page.headers.etag), body: page.body };
    };
    const before = await etag();
    assert.match(before.body, /Groupe-pays Corée/);
    assert.equal((await etag()).etag, before.etag, 'a read changes nothing');
    const renamed = await updateGroup(
      db,
      group.id,
      { kind: 'country', name: 'Groupe-pays République de Corée', countries: ['KR'] },
      staff.id,
    );
    assert.ok(renamed.ok);
    const after = await etag();
    assert.notEqual(after.etag, before.etag, 'the page names the group: its tag must change');
    assert.match(after.body, /Groupe-pays République de Corée/);
  });

  it('lets a person follow only for themselves, their referent or staff', async () => {
    const group = await newGroup('Tunisie');
    const town = await buildLocalGovernment(db, { member: true });
    const other = await buildLocalGovernment(db, { member: true });
    const referent = await buildOfficer(db, town.id, true);
    const colleague = await buildOfficer(db, town.id);
    const stranger = await buildOfficer(db, other.id);
    const auth = await bearer(db, referent);
    assert.equal(
      (await call('POST', `/api/v1/groups/${group.id}/followers`, { personId: colleague.id }, auth))
        .statusCode,
      201,
    );
    assert.equal(
      (await call('POST', `/api/v1/groups/${group.id}/followers`, { personId: stranger.id }, auth))
        .statusCode,
      403,
    );
    assert.equal(
      (await call('POST', `/api/v1/groups/${group.id}/members`, { organisationId: other.id }, auth))
        .statusCode,
      403,
    );
    assert.equal(
      (await call('POST', `/api/v1/groups/${group.id}/members`, { organisationId: town.id }, auth))
        .statusCode,
      201,
    );
  });

  it('mails each invitee once, with the .ics and the registration link, even sent twice or by two staff at once', async () => {
    const group = await newGroup('Chine', 'country', ['CN']);
    const town = await buildLocalGovernment(db, { member: true });
    const referent = await buildOfficer(db, town.id, true);
    await buildOfficer(db, town.id); // a colleague who neither follows nor is referent: not invited
    const follower = await buildPerson(db);
    await call('POST', `/api/v1/groups/${group.id}/members`, { organisationId: town.id });
    await call('POST', `/api/v1/groups/${group.id}/followers`, { personId: follower.id });
    // The referent also follows: invited once all the same.
    await call('POST', `/api/v1/groups/${group.id}/followers`, { personId: referent.id });
    const event = await meeting(group.id, 'Réunion du groupe-pays Chine');
    // A follower registered already is not invited.
    const registered = await buildPerson(db);
    await call('POST', `/api/v1/groups/${group.id}/followers`, { personId: registered.id });
    const settings = notificationSettings(config);
    assert.ok(
      (
        await register(
          db,
          { eventId: event.id, personId: registered.id, registeredBy: registered.id },
          { settings },
        )
      ).ok,
    );

    const first = await call('POST', `/api/v1/events/${event.id}/invitations/send`);
    assert.equal(first.statusCode, 202);
    assert.deepEqual(first.json(), { queued: 2 });
    const again = await call('POST', `/api/v1/events/${event.id}/invitations/send`);
    assert.deepEqual(again.json(), { queued: 0 });
    await jobs.drain();
    await jobs.drain();
    const received = smtp.received.filter((m) => m.subject === 'Invitation : Réunion du groupe-pays Chine');
    assert.deepEqual(
      received.map((m) => (m.to as { text: string }).text).sort(),
      [follower.email, referent.email].sort(),
    );
    for (const mail of received) {
      assert.match(mail.text ?? '', new RegExp(`M’inscrire : http://localhost:3000/agenda/${event.id}`));
      const part = calendarPartOf(mail);
      assert.equal(part?.method, 'REQUEST');
      const calendar = readCalendar(part!.content);
      assert.equal(calendar.events[0]!.uid, `${event.id}@coopdec.example.org`);
    }

    // Two staff at once on another meeting: the key decides, each person is queued once in all.
    const other = await meeting(group.id, 'Deuxième réunion du groupe-pays Chine', 40);
    const secondStaff = await bearer(db, await buildStaff(db));
    const [x, y] = await Promise.all([
      call('POST', `/api/v1/events/${other.id}/invitations/send`),
      call('POST', `/api/v1/events/${other.id}/invitations/send`, undefined, secondStaff),
    ]);
    // Three followers there: the registered one is not registered to this meeting.
    assert.equal(x.json().queued + y.json().queued, 3);
    await jobs.drain();
    await jobs.drain();
    assert.equal(
      smtp.received.filter((m) => m.subject === 'Invitation : Deuxième réunion du groupe-pays Chine').length,
      3,
    );
  });

  it('refuses to invite to an event that is no group’s meeting, in French', async () => {
    const created = await call('POST', '/api/v1/events', {
      title: 'Réunion sans groupe',
      kind: 'meeting',
      format: 'online',
      audience: 'public',
      startsAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 10 * 86_400_000 + 3_600_000).toISOString(),
    });
    const refused = await call('POST', `/api/v1/events/${created.json().id}/invitations/send`);
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().error.code, 'not_group_meeting');
    const unknownGroup = await call('POST', '/api/v1/events', {
      title: 'Réunion d’un groupe inconnu',
      kind: 'meeting',
      format: 'online',
      audience: 'public',
      startsAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 10 * 86_400_000 + 3_600_000).toISOString(),
      groupIds: ['00000000-0000-4000-8000-000000000000'],
    });
    assert.equal(unknownGroup.statusCode, 422);
    const [{ n }] = (await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from events where title = 'Réunion d’un groupe inconnu'`,
    )) as [{ n: number }];
    assert.equal(n, 0, 'nothing written');
  });

  it('reminds, 7 days before, the invited people who have not registered, once', async () => {
    const group = await newGroup('Madagascar', 'country', ['MG']);
    const registered = await buildPerson(db);
    const silent = await buildPerson(db);
    for (const p of [registered, silent])
      await call('POST', `/api/v1/groups/${group.id}/followers`, { personId: p.id });
    const soon = await meeting(group.id, 'Atelier Madagascar dans cinq jours', 5);
    const later = await meeting(group.id, 'Atelier Madagascar dans vingt jours', 20);
    await call('POST', `/api/v1/events/${soon.id}/invitations/send`);
    await call('POST', `/api/v1/events/${later.id}/invitations/send`);
    const settings = notificationSettings(config);
    const done = await register(
      db,
      { eventId: soon.id, personId: registered.id, registeredBy: registered.id },
      { settings },
    );
    assert.ok(done.ok);
    assert.equal(await sendReminders(db, settings), 1);
    assert.equal(await sendReminders(db, settings), 0, 'once');
    await jobs.drain();
    const reminders = smtp.received.filter((m) => m.subject?.startsWith('Rappel : Atelier Madagascar'));
    assert.deepEqual(
      reminders.map((m) => [(m.to as { text: string }).text, m.subject]),
      [[silent.email, 'Rappel : Atelier Madagascar dans cinq jours']],
    );
  });

  it('shows « Mes groupes » and lets a person follow and stop following from the pages', async () => {
    const group = await newGroup('Liban', 'country', ['LB']);
    const person = await buildPerson(db);
    const browser = await signedInBrowser({ app, db }, person);
    await browser.get(`/groupes/${group.slug}`);
    const followed = await browser.post(`/groupes/${group.slug}/suivre`, {});
    assert.equal(followed.statusCode, 303);
    const mine = await browser.get('/mes-groupes');
    assert.match(mine.body, /Groupe-pays Liban/);
    const home = await browser.get('/mon-espace');
    assert.match(home.body, /Mes groupes/);
    const left = await browser.post(`/groupes/${group.slug}/ne-plus-suivre`, { retour: '/mes-groupes' });
    assert.equal(left.headers.location, '/mes-groupes?info=groups.unfollowed');
    assert.match((await browser.get('/mes-groupes')).body, /Vous ne suivez aucun groupe/);
  });

  it('lets staff create a group, appoint its chair and preview an invitation before sending it', async () => {
    const browser = await signedInBrowser({ app, db }, staff);
    await browser.get('/gestion/groupes');
    const created = await browser.post('/gestion/groupes', {
      kind: 'mission',
      name: 'Climat',
      countries: '',
      description: 'Les enjeux climatiques de l’AICT.',
      status: 'active',
    });
    assert.equal(created.statusCode, 303);
    const url = (created.headers.location as string).split('?')[0]!;
    const groupId = url.split('/').pop()!;
    const town = await buildLocalGovernment(db, { member: true });
    const officer = await buildOfficer(db, town.id);
    await browser.get(url);
    const refused = await browser.post(`${url}/presidences`, {
      personId: officer.id,
      startsOn: '2026-10-01',
    });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /n’est pas enregistrée comme élue/);
    const elected = await buildElected(db, town.id);
    const appointed = await browser.post(`${url}/presidences`, {
      personId: elected.id,
      startsOn: '2026-10-01',
    });
    assert.equal(appointed.statusCode, 303);
    const follower = await buildPerson(db);
    await call('POST', `/api/v1/groups/${groupId}/followers`, { personId: follower.id });
    const event = await meeting(groupId, 'Réunion de la Mission transversale Climat');
    const preview = await browser.get(`${url}/invitations/${event.id}`);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /1 personne recevra l’invitation, une fois chacune\./);
    assert.ok(preview.body.includes(follower.email));
    assert.match(
      preview.body,
      /Vous recevez cette invitation car vous suivez « Mission transversale Climat »/,
    );
    const mailsBefore = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from group_invitations where event_id = ${event.id}`,
    );
    assert.equal(mailsBefore[0]!.n, 0, 'a preview writes nothing');
    const sent = await browser.post(`${url}/invitations/${event.id}`, {});
    assert.equal(sent.statusCode, 303);
    assert.match(sent.headers.location as string, /info=groups\.invitations_sent/);
  });

  it('gives the record kept a merged person’s followings and chair terms, and erases followings only', async () => {
    const group = await newGroup('Vietnam', 'country', ['VN']);
    const town = await buildLocalGovernment(db, { member: true });
    const twin = await buildElected(db, town.id);
    const kept = await buildElected(db, town.id);
    await call('POST', `/api/v1/groups/${group.id}/followers`, { personId: twin.id });
    await call('POST', `/api/v1/groups/${group.id}/followers`, { personId: kept.id });
    await call('POST', `/api/v1/groups/${group.id}/chairs`, { personId: twin.id, startsOn: '2026-05-01' });
    const merged = await db.transaction((tx) => mergePeople(tx, twin.id, { intoId: kept.id }, staff.id));
    assert.ok(merged.ok, merged.ok ? '' : merged.error.message);
    const read = (await call('GET', `/api/v1/groups/${group.id}`)).json();
    assert.deepEqual(
      read.chairs.map((c: { personId: string }) => c.personId),
      [kept.id],
      'the chair term moved, not deleted',
    );
    const following = () =>
      queryRows<{ person_id: string }>(
        db,
        sql`select person_id from group_followers where group_id = ${group.id}`,
      );
    assert.deepEqual(
      (await following()).map((r) => r.person_id),
      [kept.id],
    );
    assert.ok((await db.transaction((tx) => erasePerson(tx, kept.id, staff.id))).ok);
    assert.deepEqual(await following(), []);
    assert.equal(
      (await call('GET', `/api/v1/groups/${group.id}`)).json().chairs.length,
      1,
      'a public office stays',
    );
  });
});
