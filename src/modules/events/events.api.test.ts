import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  bearer,
  buildElected,
  buildEvent,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
} from '../../../tests/factories.ts';
import { testApp } from '../../../tests/helpers.ts';

describe('the agenda API', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const auth = await bearer(db, staff);
  const member = await buildLocalGovernment(db, { member: true });
  const lapsed = await buildLocalGovernment(db, { member: false });
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, headers = auth) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const inAMonth = (hours = 0) => new Date(Date.now() + 30 * 86_400_000 + hours * 3_600_000).toISOString();

  it('creates an event and reads it back, with the video link for staff only', async () => {
    const created = await call('POST', '/api/v1/events', {
      title: 'Chroniques géopolitiques — session 3',
      kind: 'webinar',
      startsAt: inAMonth(),
      endsAt: inAMonth(2),
      format: 'online',
      audience: 'members',
      capacity: 100,
      onlineUrl: 'https://visio.example.org/chroniques',
    });
    assert.equal(created.statusCode, 201);
    const { id } = created.json();
    const asStaff = (await call('GET', `/api/v1/events/${id}`)).json();
    assert.equal(asStaff.onlineUrl, 'https://visio.example.org/chroniques');
    assert.equal(asStaff.seatsLeft, 100);
    const elected = await buildElected(db, member.id);
    const electedAuth = await bearer(db, elected);
    const before = (await call('GET', `/api/v1/events/${id}`, undefined, electedAuth)).json();
    assert.equal('onlineUrl' in before, false);
    const registered = await call(
      'POST',
      `/api/v1/events/${id}/registrations`,
      { personId: elected.id },
      electedAuth,
    );
    assert.equal(registered.statusCode, 201);
    assert.equal(registered.json().status, 'confirmed');
    const after = (await call('GET', `/api/v1/events/${id}`, undefined, electedAuth)).json();
    assert.equal(after.onlineUrl, 'https://visio.example.org/chroniques');
    const listed = (
      await call(
        'GET',
        `/api/v1/events?from=${encodeURIComponent(inAMonth(-1))}&to=${encodeURIComponent(inAMonth(3))}`,
      )
    ).json();
    assert.equal(listed.items.find((e: { id: string }) => e.id === id).seatsLeft, 99);
  });

  it('explains invalid events field by field', async () => {
    const response = await call('POST', '/api/v1/events', {
      title: '',
      kind: 'fête',
      startsAt: 'demain',
      endsAt: inAMonth(),
      format: 'holographique',
      audience: 'members',
    });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(Object.keys(response.json().error.fields).sort(), [
      'format',
      'kind',
      'startsAt',
      'title',
    ]);
  });

  it('answers 403 audience, 409 and 422 registration_closed as the contract says', async () => {
    const event = await buildEvent(db, { audience: 'members', capacity: 10 });
    const outsider = await buildOfficer(db, lapsed.id);
    const refused = await call('POST', `/api/v1/events/${event.id}/registrations`, { personId: outsider.id });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'audience');
    assert.match(refused.json().error.message, /réservé aux adhérents/);
    const insider = await buildOfficer(db, member.id);
    assert.equal(
      (await call('POST', `/api/v1/events/${event.id}/registrations`, { personId: insider.id })).statusCode,
      201,
    );
    assert.equal(
      (await call('POST', `/api/v1/events/${event.id}/registrations`, { personId: insider.id })).statusCode,
      409,
    );
    const closed = await buildEvent(db, {
      registrationClosesAt: new Date(Date.now() - 60_000).toISOString(),
    });
    const late = await call('POST', `/api/v1/events/${closed.id}/registrations`, { personId: insider.id });
    assert.equal(late.statusCode, 422);
    assert.equal(late.json().error.code, 'registration_closed');
  });

  it('cancels with 204 and promotes the first person waiting; checks in once', async () => {
    const event = await buildEvent(db, { capacity: 1 });
    const first = await buildOfficer(db, member.id);
    const second = await buildOfficer(db, member.id);
    const a = (await call('POST', `/api/v1/events/${event.id}/registrations`, { personId: first.id })).json();
    const b = (
      await call('POST', `/api/v1/events/${event.id}/registrations`, { personId: second.id })
    ).json();
    assert.deepEqual([a.status, b.status], ['confirmed', 'waitlisted']);
    const cancel = await call('DELETE', `/api/v1/registrations/${a.id}`);
    assert.equal(cancel.statusCode, 204);
    const list = (await call('GET', `/api/v1/events/${event.id}/registrations`)).json().items;
    assert.equal(list.find((r: { id: string }) => r.id === b.id).status, 'confirmed');
    const checkIn = await call('POST', `/api/v1/registrations/${b.id}/check-in`);
    assert.equal(checkIn.statusCode, 200);
    assert.equal(checkIn.json().recorded, true);
    const again = await call('POST', `/api/v1/registrations/${b.id}/check-in`);
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().recorded, false);
    const attended = (await call('GET', `/api/v1/events/${event.id}/registrations`)).json().items;
    assert.equal(attended.find((r: { id: string }) => r.id === b.id).attended, true);
  });

  it('lets a person register only themself, and a referent their colleagues', async () => {
    const event = await buildEvent(db);
    const colleague = await buildOfficer(db, member.id);
    const referent = await buildOfficer(db, member.id, true);
    const stranger = await buildOfficer(db, lapsed.id);
    const colleagueAuth = await bearer(db, colleague);
    assert.equal(
      (
        await call(
          'POST',
          `/api/v1/events/${event.id}/registrations`,
          { personId: stranger.id },
          colleagueAuth,
        )
      ).statusCode,
      403,
    );
    const referentAuth = await bearer(db, referent);
    assert.equal(
      (
        await call(
          'POST',
          `/api/v1/events/${event.id}/registrations`,
          { personId: colleague.id },
          referentAuth,
        )
      ).statusCode,
      201,
    );
    assert.equal(
      (await call('GET', `/api/v1/events/${event.id}/registrations`, undefined, referentAuth)).statusCode,
      403,
    );
    assert.equal((await call('POST', `/api/v1/events`, { title: 'x' }, referentAuth)).statusCode, 403);
  });

  it('serves the public agenda as an iCalendar feed', async () => {
    const event = await buildEvent(db, { title: 'Rencontres franco-japonaises' });
    const ics = await app.inject({ method: 'GET', url: '/agenda.ics' });
    assert.equal(ics.statusCode, 200);
    assert.match(ics.headers['content-type'] as string, /text\/calendar/);
    assert.match(ics.body, /^BEGIN:VCALENDAR/);
    assert.ok(ics.body.includes(`\r\nUID:${event.id}@coopdec.example.org\r\n`));
    assert.ok(ics.body.includes('SUMMARY:Rencontres franco-japonaises'));
  });
});
