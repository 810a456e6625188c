// Check-in at the Rencontres in a real browser, on phones: one phone loses the network, scans a badge and keeps
// it; another scans the same badge online; the first sends its queue when the network is back (after a reload
// too) and the person is counted once. Without JavaScript the form still records one scan at a time, and a
// person at a workshop's door they did not choose is let in by staff.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { addRoom, createConference, saveSession } from '../../src/modules/conferences/conferences.ts';
import { registerToConference } from '../../src/modules/conferences/registrations.ts';
import { checkInToken } from '../../src/modules/events/check-in.ts';
import { notificationSettings } from '../../src/modules/events/notifications.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { formatTime, parisDate, parisTime } from '../../src/platform/time.ts';
import { buildLocalGovernment, buildOfficer, buildStaff } from '../factories.ts';
import { testConfig } from '../helpers.ts';
import { expectOk } from '../proof/world.ts';
import {
  assertNoAxeViolation,
  browserSuite,
  demoStaff,
  expectHeading,
  phoneOverflow,
  signIn,
} from './support.ts';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const dayIn = (days: number) => parisDate(new Date(Date.now() + days * 86_400_000));

describe('check-in at the Rencontres, on phones', () => {
  const suite = browserSuite();

  /** An edition with a workshop, and three people of a member local government registered to it. */
  async function edition() {
    const { db } = suite.app().services;
    const staff = await buildStaff(db);
    const day = dayIn(20);
    const title = `Rencontres ${randomBytes(3).toString('hex')}`;
    const conference = expectOk(
      await createConference(
        db,
        { title, startsOn: day, endsOn: day, venue: 'Paris', registrationOpensAt: '2020-01-01' },
        staff.id,
      ),
    );
    const room = expectOk(await addRoom(db, conference.id, { name: 'Salle 2', capacity: 40 }, staff.id));
    const workshop = expectOk(
      await saveSession(
        db,
        conference.id,
        {
          kind: 'workshop',
          title: 'Coopération et climat',
          roomId: room.id,
          startsAt: parisTime(day, '10:00').toISOString(),
          endsAt: parisTime(day, '11:30').toISOString(),
        },
        staff.id,
      ),
    );
    const member = await buildLocalGovernment(db, { member: true });
    const people = [];
    for (let i = 0; i < 3; i++) {
      const person = await buildOfficer(db, member.id);
      const { registrationId } = expectOk(
        await registerToConference(
          db,
          conference.id,
          { personId: person.id, category: 'member_local_government' },
          {
            settings: notificationSettings(testConfig()),
            actorId: staff.id,
            staff: true,
            actFor: () => true,
          },
        ),
      );
      people.push({
        ...person,
        name: `${person.firstName} ${person.lastName}`,
        code: checkInToken(registrationId),
      });
    }
    return { conference, title, workshop, people, url: `/gestion/rencontres/${conference.id}/accueil` };
  }

  /** What the database says of a person: present at the agenda's event, and scanned how many times. */
  async function recorded(eventId: string, personId: string) {
    const [row] = await queryRows<{ attendance: number; scans: number }>(
      suite.app().services.db,
      sql`select (select count(*)::int from attendance where event_id = ${eventId} and person_id = ${personId}) as attendance,
                 (select count(*)::int from conference_scans s join registrations r on r.id = s.registration_id
                   where r.person_id = ${personId}) as scans`,
    );
    return row!;
  }
  /** When the person was first scanned, by the clock of the phone whose scan was received first. */
  const firstScan = async (personId: string) => {
    const [row] = await queryRows<{ scanned_at: string | Date }>(
      suite.app().services.db,
      sql`select s.scanned_at from conference_scans s join registrations r on r.id = s.registration_id
           where r.person_id = ${personId} order by s.received_at limit 1`,
    );
    return new Date(row!.scanned_at);
  };

  const type = async (page: Page, code: string) => {
    await page.getByLabel('Code du badge').fill(code);
    await page.getByRole('button', { name: 'Enregistrer le passage' }).click();
  };
  const result = (page: Page) => page.locator('#resultat');
  const queue = (page: Page) => page.locator('[data-queue]');

  it('counts a person once when a phone that was offline sends a badge another phone scanned online', async () => {
    const { conference, title, people, url } = await edition();
    const [helene, paul] = people as [(typeof people)[number], (typeof people)[number]];
    const phoneA = await suite.newPage(true);
    const phoneB = await suite.newPage(true);
    for (const phone of [phoneA, phoneB]) {
      await signIn(suite.app(), phone, demoStaff);
      await phone.goto(url);
      await expectHeading(phone, `Accueil : ${title}`);
    }
    assert.equal(
      squash(await phoneA.locator('[data-present]').innerText()),
      '0 personne présente aux Rencontres',
    );
    await assertNoAxeViolation(phoneA, 'la page d’accueil, vide');
    assert.equal(await phoneOverflow(phoneA), 0, 'la page dépasse la largeur du téléphone');

    // Phone A loses the network and scans Hélène's badge: kept on the phone, and said so.
    await phoneA.context().setOffline(true);
    await type(phoneA, helene.code);
    await queue(phoneA).getByText('Hors ligne : 1 passage en attente').waitFor();
    assert.match(squash(await result(phoneA).innerText()), /Hors ligne : passage gardé sur ce téléphone/);

    // Phone B, online, scans the same badge: welcome.
    await type(phoneB, helene.code);
    await result(phoneB).getByRole('heading', { name: 'Bienvenue' }).waitFor();
    assert.ok(squash(await result(phoneB).innerText()).includes(helene.name));
    assert.equal(
      squash(await phoneB.locator('[data-present]').innerText()),
      '1 personne présente aux Rencontres',
    );
    await assertNoAxeViolation(phoneB, 'la page d’accueil, une personne bienvenue');

    // Phone A is back: it sends its queue, and is told the time Hélène was recorded by phone B.
    await phoneA.context().setOffline(false);
    const firstTime = formatTime(await firstScan(helene.id));
    await result(phoneA)
      .getByRole('heading', { name: `Déjà enregistré·e à ${firstTime}` })
      .waitFor();
    assert.equal(squash(await queue(phoneA).innerText()), '');
    assert.equal(
      squash(await phoneA.locator('[data-present]').innerText()),
      '1 personne présente aux Rencontres',
    );
    const helenes = await recorded(conference.eventId, helene.id);
    assert.equal(helenes.attendance, 1, 'présente une fois à l’événement de l’agenda');
    assert.equal(helenes.scans, 2, 'les deux passages sont gardés');
    await assertNoAxeViolation(phoneA, 'la page d’accueil, une personne déjà enregistrée');

    // Offline again: Paul's badge waits on phone A through a reload, then goes when the network is back.
    await phoneA.context().setOffline(true);
    await type(phoneA, paul.code);
    await queue(phoneA).getByText('Hors ligne : 1 passage en attente').waitFor();
    await phoneA.route('**/accueil/scans*', (route) => route.abort('internetdisconnected'));
    await phoneA.context().setOffline(false);
    await phoneA.reload();
    await queue(phoneA).getByText('Hors ligne : 1 passage en attente').waitFor();
    assert.equal((await recorded(conference.eventId, paul.id)).scans, 0);
    await phoneA.unroute('**/accueil/scans*');
    await phoneA.context().setOffline(true);
    await phoneA.context().setOffline(false);
    await phoneA.locator('[data-recent]').getByText(`${paul.name} : Bienvenue`).waitFor();
    assert.equal(
      squash(await phoneA.locator('[data-present]').innerText()),
      '2 personnes présentes aux Rencontres',
    );
    assert.equal((await recorded(conference.eventId, paul.id)).attendance, 1);
  });

  it('records one scan with the form when JavaScript is off, and lets a person in at a door they did not choose', async () => {
    const { conference, workshop, people, url } = await edition();
    const person = people[2]!;
    const context = await suite.app().newContext({ javaScriptEnabled: false, phone: true });
    const page = await context.newPage();
    try {
      await signIn(suite.app(), page, demoStaff);
      await page.goto(`${url}?seance=${workshop.id}`);
      await expectHeading(page, 'Porte : Coopération et climat');

      await type(page, person.code);
      await result(page).getByRole('heading', { name: 'À vérifier' }).waitFor();
      assert.match(squash(await result(page).innerText()), /n’a pas choisi « Coopération et climat »/);
      assert.equal((await recorded(conference.eventId, person.id)).scans, 0, 'rien d’enregistré');

      await page.getByRole('button', { name: 'Laisser entrer quand même' }).click();
      await result(page).getByRole('heading', { name: 'Bienvenue' }).waitFor();
      assert.equal(
        squash(await page.locator('[data-present]').innerText()),
        '1 personne présente à cette séance',
      );
      const seen = await recorded(conference.eventId, person.id);
      assert.equal(seen.attendance, 1, 'présente aux Rencontres, entrée par la porte de l’atelier');
      assert.equal(seen.scans, 1);
    } finally {
      await context.close();
    }
  });
});
