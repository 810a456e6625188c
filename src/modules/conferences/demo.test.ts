import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../../../tests/helpers.ts';
import { seedDemo } from '../../demo/seed.ts';
import { queryRows } from '../../platform/db/client.ts';
import { parisDate, parisTime } from '../../platform/time.ts';
import { getGroup } from '../groups/groups.ts';
import { fillOfSessions } from './choices.ts';
import { type Conference, listConferences, listRooms, listSessions } from './conferences.ts';

describe('the Rencontres of the demo', async () => {
  const { db } = await testDatabase({ after });
  const now = new Date();
  assert.equal(await seedDemo(db, now), true);
  const editions = await listConferences(db);
  const edition = (number: number): Conference => {
    const found = editions.find((c) => c.edition === number);
    assert.ok(found, `${number}es Rencontres`);
    return found;
  };
  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(db, query);

  it('has three editions: the 13th, the 17th and the 18th, latest first', () => {
    assert.deepEqual(
      editions.map((c) => c.edition),
      [18, 17, 13],
    );
  });

  it('gives the 17th about four hundred live registrations, from more than twenty countries', async () => {
    const c = edition(17);
    assert.equal(parisDate(c.event.startsAt), '2026-07-08');
    assert.equal(parisDate(c.event.endsAt), '2026-07-09');
    assert.equal(c.event.registrationOpensAt?.toISOString(), parisTime('2026-04-15', '09:00').toISOString());
    const [counts] = await rows<{
      live: number;
      cancelled: number;
      countries: number;
      categories: number;
    }>(sql`
      select count(*) filter (where r.status <> 'cancelled')::int as live,
             count(*) filter (where r.status = 'cancelled')::int as cancelled,
             count(distinct o.country) filter (where cr.category = 'foreign_delegation' and r.status <> 'cancelled')::int as countries,
             count(distinct cr.category)::int as categories
        from conference_registrations cr
        join registrations r on r.id = cr.registration_id
        join people p on p.id = r.person_id
        left join organisations o on o.id = p.organisation_id
       where cr.conference_id = ${c.id}`);
    assert.ok(counts!.live >= 380 && counts!.live <= 420, `${counts!.live} live registrations`);
    assert.ok(counts!.cancelled > 0, 'some cancelled');
    assert.ok(counts!.countries >= 20, `${counts!.countries} countries`);
    assert.equal(counts!.categories, 8, 'every category is represented');
    // Fees as the categories' (member local governments free, the others' as set).
    const wrongFees = await rows<{ n: number }>(sql`
      select count(*)::int as n from conference_registrations cr
        join conference_categories cc on cc.conference_id = cr.conference_id and cc.code = cr.category
       where cr.conference_id = ${c.id} and cr.amount_due_cents <> cc.fee_cents`);
    assert.equal(wrongFees[0]!.n, 0);
  });

  it('records that most came to the 17th, with a few no-shows, and never a cancelled person', async () => {
    const c = edition(17);
    const [counts] = await rows<{ confirmed: number; came: number; cancelledCame: number }>(sql`
      select count(*) filter (where r.status = 'confirmed')::int as confirmed,
             count(a.id) filter (where r.status = 'confirmed')::int as came,
             count(a.id) filter (where r.status = 'cancelled')::int as "cancelledCame"
        from registrations r left join attendance a on a.event_id = r.event_id and a.person_id = r.person_id
       where r.event_id = ${c.eventId}`);
    assert.ok(counts!.came > 0.85 * counts!.confirmed, `${counts!.came} of ${counts!.confirmed}`);
    assert.ok(counts!.came < counts!.confirmed, 'some did not come');
    assert.equal(counts!.cancelledCame, 0);
    const [scanned] = await rows<{ present: number; unjustified: number }>(sql`
      select count(*) filter (where ch.present_at is not null)::int as present,
             count(*) filter (where ch.present_at is not null and (ch.status <> 'confirmed' or a.id is null))::int as unjustified
        from conference_choices ch
        join registrations r on r.id = ch.registration_id
        left join attendance a on a.event_id = r.event_id and a.person_id = r.person_id
       where r.event_id = ${c.eventId}`);
    assert.ok(scanned!.present > 50, `${scanned!.present} scanned at workshops' doors`);
    assert.equal(scanned!.unjustified, 0, 'scanned at a workshop only with a seat, and having come');
  });

  it('never confirms more choices than a workshop has seats, and some wait for a full one', async () => {
    const fill = [...(await fillOfSessions(db, edition(17).id)).values()];
    assert.ok(fill.length >= 10, `${fill.length} choosable sessions`);
    for (const f of fill) assert.ok(f.seats !== null && f.confirmed <= f.seats, JSON.stringify(f));
    assert.ok(
      fill.some((f) => f.confirmed === f.seats && f.waitlisted > 0),
      'a full session with a waiting list',
    );
  });

  it('gives nobody two live choices at the same time', async () => {
    const clashes = await rows<{ n: number }>(sql`
      select count(*)::int as n
        from conference_choices a
        join conference_choices b on b.registration_id = a.registration_id and b.id <> a.id
        join conference_sessions sa on sa.id = a.session_id
        join conference_sessions sb on sb.id = b.session_id
       where a.status <> 'cancelled' and b.status <> 'cancelled'
         and sa.starts_at < sb.ends_at and sb.starts_at < sa.ends_at`);
    assert.equal(clashes[0]!.n, 0);
    const [choices] = await rows<{ live: number; cancelled: number }>(sql`
      select count(*) filter (where status <> 'cancelled')::int as live,
             count(*) filter (where status = 'cancelled')::int as cancelled from conference_choices`);
    assert.ok(choices!.live > 300, `${choices!.live} choices`);
    assert.ok(choices!.cancelled > 0, 'some choices given up');
  });

  it('puts no room to two sessions at once, in any edition', async () => {
    const clashes = await rows<{ a: string; b: string }>(sql`
      select sa.title as a, sb.title as b
        from conference_sessions sa
        join conference_sessions sb on sb.conference_id = sa.conference_id and sb.id > sa.id
       where sa.cancelled_at is null and sb.cancelled_at is null
         and (sa.room_id = sb.room_id or sa.room_id is null or sb.room_id is null)
         and sa.starts_at < sb.ends_at and sb.starts_at < sa.ends_at`);
    assert.deepEqual(clashes, []);
  });

  it('has the side meeting of the franco-japanese steering committee on 8 July, on invitation, of the Japan group', async () => {
    const sessions = await listSessions(db, edition(17).id);
    const copil = sessions.find((s) => s.kind === 'side_meeting');
    assert.ok(copil);
    assert.match(copil.title, /3e Comité de pilotage français/);
    assert.equal(parisDate(copil.startsAt), '2026-07-08');
    assert.equal(copil.invitationOnly, true);
    assert.equal((await getGroup(db, copil.groupId!))?.name, 'Japon');
    const kinds = new Set(sessions.map((s) => s.kind));
    for (const kind of [
      'plenary',
      'workshop',
      'micro_workshop',
      'country_point',
      'cafe',
      'break',
      'lunch',
      'ceremony',
    ])
      assert.ok(kinds.has(kind as never), kind);
    const rooms = await listRooms(db, edition(17).id);
    assert.ok(rooms.length >= 6 && rooms.some((r) => !r.accessible));
  });

  it('reproduces the grid of the 13th as seed 004 prints it', async () => {
    const c = edition(13);
    assert.equal(c.event.venue, 'Cité des Sciences et de l’Industrie, Paris');
    const rooms = new Map((await listRooms(db, c.id)).map((r) => [r.id, r.name]));
    const sessions = await listSessions(db, c.id);
    const at = (title: string) => {
      const s = sessions.find((x) => x.title === title);
      assert.ok(s, title);
      return [s.roomId ? rooms.get(s.roomId) : null, s.startsAt.toISOString(), s.endsAt.toISOString()];
    };
    const when = (day: string, from: string, to: string) => [
      parisTime(day, from).toISOString(),
      parisTime(day, to).toISOString(),
    ];
    // The hours the newsletter states in its articles, the rooms its grid prints.
    assert.deepEqual(at('Point Sénégal'), ['Salle L. Armand Est', ...when('2022-06-20', '14:30', '16:00')]);
    assert.deepEqual(at('Point Vietnam (assises)'), ['Salle 2', ...when('2022-06-20', '16:30', '18:00')]);
    assert.deepEqual(at('Point Japon (assises)'), ['Salle 3', ...when('2022-06-20', '16:30', '18:00')]);
    assert.deepEqual(at('Réaliser l’égalité femmes-hommes dans l’espace public, ici et là-bas').slice(1), [
      ...when('2022-06-21', '11:30', '12:30'),
    ]);
    assert.deepEqual(
      at('Enjeux climatiques et AICT : quelles alliances pour quelles actions ? – Point d’étape').slice(1),
      when('2022-06-21', '14:30', '16:00'),
    );
    assert.deepEqual(
      at(
        'Opportunités de coopération dans le Golfe de Guinée et en Afrique du Nord : venez échanger avec l’AFD et CUF',
      )[0],
      'Salle 3',
    );
    assert.deepEqual(at('Cocktail déjeuner')[0], 'Le LOFT');
    assert.deepEqual(
      sessions
        .filter((s) => s.kind === 'country_point')
        .map((s) => s.title)
        .sort(),
      [
        'Point Amérique latine et Caraïbes',
        'Point Arménie (assises)',
        'Point Japon (assises)',
        'Point Méditerranée / Climat',
        'Point Palestine (assises)',
        'Point Sahel',
        'Point Sénégal',
        'Point Vietnam (assises)',
      ],
    );
    const micro = sessions.filter((s) => s.kind === 'micro_workshop');
    assert.equal(micro.length, 9);
    // France Volontaires' micro-workshop, « le 21 juin à 14h30 ».
    const volontaires = micro.find((s) => s.partners === 'France Volontaires');
    assert.equal(volontaires?.startsAt.toISOString(), parisTime('2022-06-21', '14:30').toISOString());
    assert.ok(
      sessions.some((s) => s.title === 'Remise du label « Territoires unis et solidaires face aux crises »'),
    );
    assert.deepEqual([...rooms.values()].sort(), [
      'Amphithéâtre G. Berger',
      'Le LOFT',
      'Salle 2',
      'Salle 3',
      'Salle A+B',
      'Salle L. Armand Est',
      'Salle L. Armand Ouest',
    ]);
  });

  it('has the 18th in preparation: provisional dates, registrations not open yet, none taken', async () => {
    const c = edition(18);
    assert.equal(c.event.provisional, true);
    assert.equal(parisDate(c.event.startsAt).slice(0, 4), '2027');
    // Registrations open in the spring before it (after the demo's today, late 2026).
    assert.equal(c.event.registrationOpensAt && parisDate(c.event.registrationOpensAt), '2027-04-14');
    const [taken] = await rows<{ n: number }>(
      sql`select count(*)::int as n from registrations where event_id = ${c.eventId}`,
    );
    assert.equal(taken!.n, 0);
    const sessions = await listSessions(db, c.id);
    assert.ok(sessions.some((s) => s.kind === 'plenary'));
    assert.ok(sessions.filter((s) => s.kind === 'workshop').every((s) => /à confirmer/.test(s.title)));
  });

  it('queues no more than a few mails for the Rencontres of the past', async () => {
    const [mails] = await rows<{ n: number }>(
      sql`select count(*)::int as n from mails where subject like ${`%${edition(17).event.title}%`}`,
    );
    // The cancellations' (written the agenda's way), not one per registration.
    assert.ok(mails!.n > 0 && mails!.n <= 15, `${mails!.n} mails`);
  });
});
