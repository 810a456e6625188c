// The programme of the Rencontres, in Chromium: the grid of a day with seven rooms (the 13th edition's),
// parallel workshops drawn by the browser in their rooms' columns and over their hours, no axe violation
// at desktop size nor on a phone, and a phone's page never wider than its screen.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  addRoom,
  createConference,
  type SessionInput,
  saveSession,
} from '../../src/modules/conferences/conferences.ts';
import { parisTime } from '../../src/platform/time.ts';
import {
  assertNoAxeViolation,
  brokenInPageLinks,
  browserSuite,
  expectHeading,
  phoneOverflow,
} from './support.ts';

const day = '2027-06-21';
const at = (time: string) => parisTime(day, time).toISOString();
const title = '19es Rencontres de l’action internationale des collectivités territoriales';
const rooms = [
  'Amphithéâtre Gaston Berger',
  'Salle Louis Armand Est',
  'Salle Louis Armand Ouest',
  'Salle 2',
  'Salle 3',
  'Salles A+B',
  'Le LOFT',
];

describe('the programme of the Rencontres, in the browser', () => {
  const suite = browserSuite();
  let programme: string;
  const sessions: Record<string, string> = {};

  before(async () => {
    const db = suite.app().services.db;
    const created = await createConference(
      db,
      {
        title,
        startsOn: day,
        endsOn: '2027-06-22',
        venue: 'Cité des sciences et de l’industrie, 30 avenue Corentin-Cariou, 75019 Paris',
        registrationOpensAt: '2027-03-01',
        edition: 19,
        theme: 'Les collectivités face aux crises',
      },
      null,
    );
    assert.ok(created.ok);
    const ids: string[] = [];
    for (const [position, name] of rooms.entries()) {
      const room = await addRoom(
        db,
        created.value.id,
        { name, capacity: 60 + position * 10, accessible: position !== 6, position },
        null,
      );
      assert.ok(room.ok);
      ids.push(room.value.id);
    }
    const add = async (input: SessionInput) => {
      const saved = await saveSession(db, created.value.id, input, null);
      assert.ok(saved.ok, saved.ok ? '' : saved.error.message);
      sessions[input.title] = saved.value.id;
    };
    await add({
      kind: 'registration_desk',
      title: 'Accueil des participants',
      startsAt: at('08:30'),
      endsAt: at('09:30'),
    });
    await add({
      kind: 'plenary',
      title: 'Ouverture officielle et plénière',
      roomId: ids[0],
      startsAt: at('09:30'),
      endsAt: at('11:00'),
    });
    await add({ kind: 'break', title: 'Pause café', startsAt: at('11:00'), endsAt: at('11:30') });
    const workshops = ['Eau et assainissement', 'Climat', 'Jeunesse', 'Culture', 'Santé', 'Économie sociale'];
    for (const [i, name] of workshops.entries())
      await add({
        kind: 'workshop',
        title: `Atelier ${name}`,
        roomId: ids[i + 1],
        startsAt: at('11:30'),
        endsAt: at(i % 2 ? '13:00' : '12:30'),
      });
    await add({
      kind: 'country_point',
      title: 'Point pays Sénégal',
      roomId: ids[0],
      startsAt: at('11:30'),
      endsAt: at('12:30'),
    });
    await add({ kind: 'lunch', title: 'Déjeuner', startsAt: at('13:00'), endsAt: at('14:00') });
    programme = `/rencontres/${created.value.id}/programme`;
  });

  it('a visitor sees each workshop in its room’s column and over its hours, with no axe violation', async () => {
    const page = await suite.newPage();
    await page.goto(programme);
    await expectHeading(page, `Programme — ${title}`);
    await assertNoAxeViolation(page, 'programme, grille');
    assert.deepEqual(await brokenInPageLinks(page), []);

    // Where Chromium drew a cell: in its room's column, from its first hour's row to its last one's.
    const grid = page.getByRole('table', { name: /Grille du lundi 21 juin 2027/ });
    // The boxes Chromium drew, in page pixels.
    const rowHeader = (time: string) =>
      grid.getByRole('rowheader', { name: time, exact: true }).boundingBox();
    const columnHeader = (room: string) => grid.getByRole('columnheader', { name: room }).boundingBox();
    const cellOf = (name: string) =>
      grid
        .getByRole('cell')
        .filter({ has: page.getByRole('link', { name, exact: true }) })
        .boundingBox();
    const expectations: [string, number[], string, string][] = [
      ['Ouverture officielle et plénière', [0], '9 h 30', '10 h 30'],
      ['Point pays Sénégal', [0], '11 h 30', '12 h'],
      ['Atelier Eau et assainissement', [1], '11 h 30', '12 h'],
      ['Atelier Climat', [2], '11 h 30', '12 h 30'],
      ['Atelier Économie sociale', [6], '11 h 30', '12 h 30'],
      ['Pause café', [0, 1, 2, 3, 4, 5, 6], '11 h', '11 h'],
      ['Accueil des participants', [0, 1, 2, 3, 4, 5, 6], '8 h 30', '9 h'],
    ];
    for (const [name, columns, from, to] of expectations) {
      const cell = await cellOf(name);
      const left = await columnHeader(rooms[columns[0]!]!);
      const right = await columnHeader(rooms[columns.at(-1)!]!);
      const top = await rowHeader(from);
      const bottom = await rowHeader(to);
      assert.ok(cell && left && right && top && bottom, `${name} is drawn`);
      const near = (a: number, b: number, what: string) =>
        assert.ok(Math.abs(a - b) <= 2, `${name}: ${what} (${a} ≠ ${b})`);
      near(cell.x, left.x, 'left edge on its first room');
      near(cell.x + cell.width, right.x + right.width, 'right edge on its last room');
      near(cell.y, top.y, `top on ${from}`);
      near(cell.y + cell.height, bottom.y + bottom.height, `bottom on ${to}`);
    }

    await page.getByRole('link', { name: 'Par type de séance' }).click();
    await expectHeading(page, `Programme — ${title}`);
    assert.equal(await page.getByRole('heading', { level: 2, name: 'Atelier', exact: true }).count(), 1);
    await assertNoAxeViolation(page, 'programme, par type');
  });

  it('filters the grid without JavaScript', async () => {
    const context = await suite.app().newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(programme);
      await page.getByLabel('Type de séance').selectOption({ label: 'Atelier' });
      await page.getByRole('button', { name: 'Filtrer' }).click();
      const links = await page.getByRole('table').first().getByRole('link').allInnerTexts();
      assert.equal(links.length, 6);
      assert.ok(
        links.every((l) => l.startsWith('Atelier ')),
        links.join(', '),
      );
      assert.match(page.url(), /\?type=workshop/);
    } finally {
      await context.close();
    }
  });

  it('on a phone, the page is never wider than the screen: the grid scrolls in its own region', async () => {
    const page = await suite.newPage(true);
    await page.goto(programme);
    await expectHeading(page, `Programme — ${title}`);
    assert.equal(await phoneOverflow(page), 0, 'no sideways scroll of the page');
    const region = page.getByRole('region', { name: /Grille du lundi 21 juin 2027/ });
    const widths = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert.ok(widths.scroll > widths.client, 'the seven rooms are wider than a phone: the region scrolls');
    await assertNoAxeViolation(page, 'programme sur téléphone');

    await page.getByRole('link', { name: 'Atelier Climat', exact: true }).first().click();
    await expectHeading(page, 'Atelier Climat');
    assert.equal(await phoneOverflow(page), 0);
    await assertNoAxeViolation(page, 'séance sur téléphone');

    await page.goto('/rencontres');
    await expectHeading(page, 'Les Rencontres de l’action internationale des collectivités territoriales');
    assert.equal(await phoneOverflow(page), 0);
    await assertNoAxeViolation(page, 'les éditions sur téléphone');
  });
});
