import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  buildElected,
  buildEvent,
  buildInstitution,
  buildLocalGovernment,
  buildOfficer,
  buildPerson,
  buildStaff,
  parisMorning,
  sessionCookie,
} from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { readCalendar } from '../../../tests/ical.ts';
import { startSmtp } from '../../../tests/smtp.ts';
import { queryRows } from '../../platform/db/client.ts';
import { parisYear } from '../../platform/time.ts';
import { recordMembership } from '../organisations/memberships.ts';
import type { Person } from '../organisations/people.ts';
import { setDisabled } from '../organisations/people.ts';
import { cancelEvent } from './cancel-event.ts';
import { invite, isInvited } from './events.ts';
import { notificationSettings } from './notifications.ts';
import { register } from './register.ts';

describe('invitations to a restricted event', async () => {
  const { app, db, jobs } = await testApp({ after });
  const staff = await buildStaff(db);
  const organisation = await buildLocalGovernment(db, { member: true });
  const browser = new Browser(app);
  const [name, value] = (await sessionCookie(db, staff)).split('=') as [string, string];
  browser.jar.store({ cookies: [{ name, value }] });

  const invitationMails = (title: string) =>
    queryRows<{ to: string; text: string; calendar_method: string; calendar: string }>(
      db,
      sql`select "to", text, calendar_method, calendar from mails where subject = ${`Invitation : ${title}`} order by "to"`,
    );

  it('mails each new invitee once, with the meeting to add and the link to register', async () => {
    const event = await buildEvent(db, {
      title: 'Comité de pilotage franco-japonais',
      audience: 'restricted',
    });
    const [a, b, c] = [
      await buildOfficer(db, organisation.id),
      await buildOfficer(db, organisation.id),
      await buildOfficer(db, organisation.id),
    ];
    await browser.get(`/gestion/evenements/${event.id}`);
    const first = await browser.post(`/gestion/evenements/${event.id}/invitations`, {
      emails: `${a.email}\n${b.email.toUpperCase()}`,
    });
    assert.equal(first.statusCode, 303);
    await jobs.drain();
    await browser.get(`/gestion/evenements/${event.id}`);
    // b again, and c: only c is new.
    await browser.post(`/gestion/evenements/${event.id}/invitations`, { emails: `${b.email}, ${c.email}` });
    await jobs.drain();
    const mails = await invitationMails(event.title);
    assert.deepEqual(mails.map((m) => m.to).sort(), [a.email, b.email, c.email].sort());
    for (const mail of mails) {
      assert.match(mail.text, new RegExp(`M’inscrire : http://localhost:3000/agenda/${event.id}`));
      assert.equal(mail.calendar_method, 'REQUEST');
      const { method, events } = readCalendar(mail.calendar);
      assert.equal(method, 'REQUEST');
      assert.equal(events[0]!.uid, `${event.id}@coopdec.example.org`);
      // iCalendar counts in seconds; the factory's start has milliseconds.
      assert.equal(events[0]!.startsAt.getTime(), Math.floor(event.startsAt.getTime() / 1000) * 1000);
      assert.deepEqual(
        events[0]!.attendees.map((x) => [x.address.toLowerCase(), x.partstat, x.rsvp]),
        [[`mailto:${mail.to}`, 'NEEDS-ACTION', 'FALSE']],
      );
    }
  });

  it('mails nothing for an event cancelled, or already started, by the time the job runs', async () => {
    const cancelled = await buildEvent(db, { title: 'Comité annulé avant l’envoi', audience: 'restricted' });
    const started = await buildEvent(db, { title: 'Comité déjà commencé', audience: 'restricted' }, -0.01);
    const person = await buildOfficer(db, organisation.id);
    await invite(db, cancelled.id, [person.id], staff.id);
    await invite(db, started.id, [person.id], staff.id);
    assert.ok((await cancelEvent(db, cancelled.id, { reason: 'Reporté à l’automne.' }, staff.id)).ok);
    await jobs.drain();
    assert.deepEqual(await invitationMails(cancelled.title), []);
    assert.deepEqual(await invitationMails(started.title), []);
  });
});

describe('inviting a segment of the members, or a list of addresses, to any event, after a preview', async () => {
  const smtp = await startSmtp({ after });
  const { app, db, jobs, config } = await testApp({ after }, { SMTP_URL: smtp.url });
  const settings = notificationSettings(config);
  const staff = await buildStaff(db);

  async function signedIn(person: Person) {
    const browser = new Browser(app);
    const [name, value] = (await sessionCookie(db, person)).split('=') as [string, string];
    browser.jar.store({ cookies: [{ name, value }] });
    await browser.get('/'); // its CSRF token
    return browser;
  }

  // Members this year: Saint-A (an élue, a referent officer, a disabled élu) and Saint-B; Saint-C paid last
  // year only; an institution that is a member is no local government.
  const memberA = await buildLocalGovernment(db, { member: true });
  const memberB = await buildLocalGovernment(db, { member: true });
  const lapsed = await buildLocalGovernment(db, { member: false });
  await recordMembership(db, lapsed.id, { year: parisYear() - 1, status: 'active', feeCents: 100_000 }, null);
  const institution = await buildInstitution(db);
  await recordMembership(
    db,
    institution.id,
    { year: parisYear(), status: 'active', feeCents: 100_000 },
    null,
  );
  const eluA = await buildElected(db, memberA.id);
  const eluB = await buildElected(db, memberB.id);
  const registeredElu = await buildElected(db, memberB.id);
  const invitedElu = await buildElected(db, memberA.id);
  const disabledElu = await buildElected(db, memberA.id);
  await setDisabled(db, disabledElu.id, true, null);
  const lapsedElu = await buildElected(db, lapsed.id);
  const institutionPerson = await buildPerson(db, { kind: 'elected', organisationId: institution.id });
  const referentA = await buildOfficer(db, memberA.id, true);
  const lapsedReferent = await buildOfficer(db, lapsed.id, true);

  const invitationsTo = (title: string) =>
    queryRows<{ to: string; text: string; sent_at: Date | null }>(
      db,
      sql`select "to", text, sent_at from mails where subject = ${`Invitation : ${title}`} order by "to"`,
    );
  const invitees = async (eventId: string) =>
    (
      await queryRows<{ person_id: string }>(
        db,
        sql`select person_id from event_invitations where event_id = ${eventId}`,
      )
    )
      .map((r) => r.person_id)
      .sort();

  it('invites the élus of this year’s member local governments to a public event, leaving out those registered or invited', async () => {
    const event = await buildEvent(db, {
      title: 'Rencontre des élus à l’international',
      ...parisMorning(30),
    });
    assert.ok(
      (
        await register(
          db,
          { eventId: event.id, personId: registeredElu.id, registeredBy: staff.id },
          { settings },
        )
      ).ok,
    );
    await invite(db, event.id, [invitedElu.id], staff.id);
    await jobs.drain();
    const before = (await invitationsTo(event.title)).length;
    const browser = await signedIn(staff);

    const manage = await browser.get(`/gestion/evenements/${event.id}`);
    assert.match(manage.body, /Les élus des collectivités adhérentes cette année/);
    const preview = await browser.post(`/gestion/evenements/${event.id}/invitations/apercu`, {
      segment: 'elected',
      emails: '',
    });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /2 personnes recevront l’invitation, une fois chacune\./);
    assert.match(preview.body, /Laissées de côté : 1 déjà inscrite, 1 déjà invitée\./);
    const toInvite = preview.body.slice(0, preview.body.indexOf('Déjà inscrites'));
    for (const p of [eluA, eluB]) assert.ok(toInvite.includes(p.lastName), p.lastName);
    for (const p of [registeredElu, invitedElu, disabledElu, lapsedElu, institutionPerson, referentA])
      assert.ok(!toInvite.includes(p.lastName), p.lastName);
    // The mail as sent: it says why this person is invited, when (with the weekday), who writes.
    assert.match(preview.body, /L’équipe du réseau vous invite à « Rencontre des élus à l’international »\./);
    assert.match(
      preview.body,
      new RegExp(
        `en tant qu’élu·e de (${memberA.name}|${memberB.name}), collectivité adhérente du réseau en ${parisYear()}`,
      ),
    );
    assert.match(preview.body, /(Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche) \d/);
    assert.match(preview.body, /Nous ne vous demandons jamais de mot de passe/);
    // A preview writes nothing.
    assert.deepEqual(await invitees(event.id), [invitedElu.id]);

    const sent = await browser.post(`/gestion/evenements/${event.id}/invitations`, { segment: 'elected' });
    assert.equal(sent.statusCode, 303);
    assert.match(sent.headers.location as string, /info=events\.event_invited/);
    const again = await browser.post(`/gestion/evenements/${event.id}/invitations`, { segment: 'elected' });
    assert.equal(again.statusCode, 303);
    assert.match(again.headers.location as string, /info=events\.event_nobody_invited/);
    await jobs.drain();

    assert.deepEqual(await invitees(event.id), [eluA.id, eluB.id, invitedElu.id].sort());
    const mails = (await invitationsTo(event.title)).slice(0);
    assert.equal(mails.length, before + 2);
    for (const p of [eluA, eluB]) {
      const theirs = mails.filter((m) => m.to === p.email);
      assert.equal(theirs.length, 1, p.email);
      assert.ok(theirs[0]!.sent_at);
      assert.match(theirs[0]!.text, /collectivité adhérente du réseau en \d{4}/);
      assert.equal(
        smtp.received.filter(
          (m) =>
            m.subject === `Invitation : ${event.title}` && !Array.isArray(m.to) && m.to?.text === p.email,
        ).length,
        1,
      );
    }
    const audited = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_log where action = 'invite' and entity_id = ${event.id} and actor_id = ${staff.id} and data->>'segment' = 'elected'`,
    );
    assert.equal(audited[0]!.n, 1);
  });

  it('invites the referents of member local governments to a restricted event, which opens it to them', async () => {
    const event = await buildEvent(db, { title: 'Comité des référents', audience: 'restricted' });
    const referent = await signedIn(referentA);
    assert.equal((await referent.get(`/agenda/${event.id}`)).statusCode, 404);
    const browser = await signedIn(staff);
    const preview = await browser.post(`/gestion/evenements/${event.id}/invitations/apercu`, {
      segment: 'referents',
    });
    assert.equal(preview.statusCode, 200);
    assert.ok(preview.body.includes(referentA.lastName));
    assert.ok(!preview.body.includes(lapsedReferent.lastName));
    assert.match(preview.body, /une réunion sur invitation/);
    assert.match(preview.body, new RegExp(`en tant que référent·e de ${memberA.name}`));
    assert.equal(
      (await browser.post(`/gestion/evenements/${event.id}/invitations`, { segment: 'referents' }))
        .statusCode,
      303,
    );
    await jobs.drain();
    assert.equal(await isInvited(db, event.id, referentA.id), true);
    assert.equal(await isInvited(db, event.id, lapsedReferent.id), false);
    assert.equal((await referent.get(`/agenda/${event.id}`)).statusCode, 200);
    assert.deepEqual(
      (await invitationsTo(event.title)).map((m) => m.to).filter((to) => to === referentA.email),
      [referentA.email],
    );
  });

  it('previews a list of addresses, says who is left out, and refuses in French what it cannot do', async () => {
    const event = await buildEvent(db, { title: 'Atelier jumelages' });
    const browser = await signedIn(staff);
    await invite(db, event.id, [eluB.id], staff.id);
    const preview = await browser.post(`/gestion/evenements/${event.id}/invitations/apercu`, {
      segment: 'emails',
      emails: `${eluA.email}\n${eluB.email.toUpperCase()}`,
    });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /1 personne recevra l’invitation/);
    assert.match(preview.body, /Laissées de côté : 1 déjà invitée\./);
    assert.match(preview.body, /car l’équipe du réseau vous a invité·e à cet événement/);
    assert.match(preview.body, new RegExp(`name="emails" value="${eluA.email}\n${eluB.email}"`));

    const before = await invitees(event.id);
    for (const [form, status, text] of [
      [{ segment: 'tous', emails: '' }, 400, /Choisissez qui inviter/],
      [{ segment: 'emails', emails: '' }, 400, /Indiquez au moins une adresse électronique/],
      [
        { segment: 'emails', emails: 'inconnu@example.org' },
        422,
        /Aucune personne n’a cette adresse : inconnu@example\.org/,
      ],
    ] as const) {
      for (const url of [
        `/gestion/evenements/${event.id}/invitations/apercu`,
        `/gestion/evenements/${event.id}/invitations`,
      ]) {
        const refused = await browser.post(url, form);
        assert.equal(refused.statusCode, status, `${url} ${JSON.stringify(form)}`);
        assert.match(refused.body, text);
      }
    }
    assert.deepEqual(await invitees(event.id), before);

    assert.ok((await cancelEvent(db, event.id, { reason: 'Reporté.' }, staff.id)).ok);
    const late = await browser.post(`/gestion/evenements/${event.id}/invitations/apercu`, {
      segment: 'elected',
    });
    assert.equal(late.statusCode, 422);
    assert.match(late.body, /Cet événement est annulé : on ne peut plus y inviter personne\./);
    const started = await buildEvent(db, { title: 'Déjà commencé' }, -0.01);
    const tooLate = await browser.post(`/gestion/evenements/${started.id}/invitations`, {
      segment: 'elected',
    });
    assert.equal(tooLate.statusCode, 422);
    assert.match(tooLate.body, /il est trop tard pour y inviter/);
    assert.deepEqual(await invitees(started.id), []);
  });
});
