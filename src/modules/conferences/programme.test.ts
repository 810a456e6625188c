// The public programme of the Rencontres, through the app: an edition made with the domain's functions, its
// grid read back from the HTML as a browser builds a table (rooms in their columns, sessions over their
// slots), the filters, a session's page, the 404s, and the iCalendar feed read by ical.js.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { type HTMLElement, parse } from 'node-html-parser';
import { buildStaff } from '../../../tests/factories.ts';
import { pageText, testApp } from '../../../tests/helpers.ts';
import { assertWellFormed, readCalendar } from '../../../tests/ical.ts';
import { identityOf } from '../../platform/identity.ts';
import { parisTime } from '../../platform/time.ts';
import { createGroup } from '../groups/groups.ts';
import { addRoom, cancelSession, createConference, type SessionInput, saveSession } from './conferences.ts';

const first = '2027-07-07';
const second = '2027-07-08';
const at = (day: string, time: string) => parisTime(day, time).toISOString();

/**
 * A table as HTML forms it: each row's cells go into the first column not taken by a cell spanning from
 * above. Gives, row by row, the text of the cell covering each column (the row header's column first),
 * and the cells that start in a row with their spans.
 */
function tableModel(table: HTMLElement) {
  const rows = table.querySelectorAll('tbody tr');
  const grid: string[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.querySelectorAll(':scope > th, :scope > td')) {
      while (grid[r]![c] !== undefined) c++;
      const rowspan = Number(cell.getAttribute('rowspan') ?? 1);
      const colspan = Number(cell.getAttribute('colspan') ?? 1);
      const text = (cell.querySelector('a')?.text ?? cell.text).replace(/\s+/g, ' ').trim();
      for (let dr = 0; dr < rowspan; dr++)
        for (let dc = 0; dc < colspan; dc++) {
          assert.ok(grid[r + dr], `« ${text} » spans past the table`);
          assert.equal(grid[r + dr]![c + dc], undefined, `two cells at row ${r + dr}, column ${c + dc}`);
          grid[r + dr]![c + dc] = text;
        }
      c += colspan;
    }
  });
  const headers = table.querySelectorAll('thead th').map((th) => th.text.replace(/\s+/g, ' ').trim());
  for (const [r, line] of grid.entries())
    assert.equal(line.filter((x) => x !== undefined).length, headers.length, `row ${r} covers every column`);
  return { headers, grid, caption: table.querySelector('caption')?.text ?? '' };
}

/** The rows (row header texts) and the column header a session's title is drawn on. */
function placeOf(model: ReturnType<typeof tableModel>, title: string) {
  const places = model.grid.flatMap((line) =>
    line.flatMap((text, c) => (text === title ? [{ time: line[0]!, column: c }] : [])),
  );
  return {
    times: [...new Set(places.map((p) => p.time))],
    columns: [...new Set(places.map((p) => model.headers[p.column]!.split(' ')[0]))],
  };
}

/** The facts of a page (`dl.facts`): each term and what it says, as one reads them. */
const facts = (html: string) =>
  Object.fromEntries(
    parse(html)
      .querySelectorAll('dl.facts dt')
      .map((dt) => [dt.text.trim(), pageText(dt.nextElementSibling?.innerHTML ?? '').trim()]),
  );

describe('the programme of the Rencontres', async () => {
  const { app, db, config } = await testApp({ after });
  const get = (url: string) => app.inject({ method: 'GET', url });

  const japan = await createGroup(db, { kind: 'country', name: 'Japon', countries: ['JP'] }, null);
  assert.ok(japan.ok);
  const created = await createConference(
    db,
    {
      title: '18es Rencontres de l’action internationale des collectivités territoriales',
      startsOn: first,
      endsOn: second,
      venue: 'Salons de l’Hôtel des Arts & Métiers, Paris',
      registrationOpensAt: '2027-04-15',
      edition: 18,
      theme: 'Coopérer face aux crises',
      provisional: true,
    },
    null,
  );
  assert.ok(created.ok);
  const conference = created.value;
  const room = async (name: string, position: number, accessible = true) => {
    const result = await addRoom(
      db,
      conference.id,
      { name, capacity: 40 + position, accessible, position },
      null,
    );
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    return result.value.id;
  };
  // Created out of order: the columns follow `position`.
  const salleB = await room('Salle-B', 2);
  const amphi = await room('Amphithéâtre', 0);
  const salleA = await room('Salle-A', 1, false);
  const ids: Record<string, string> = {};
  const session = async (input: SessionInput) => {
    const result = await saveSession(db, conference.id, input, null);
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    ids[input.title] = result.value.id;
    return result.value.id;
  };
  await session({
    kind: 'registration_desk',
    title: 'Accueil',
    startsAt: at(first, '08:30'),
    endsAt: at(first, '09:00'),
  });
  await session({
    kind: 'plenary',
    title: 'Plénière d’ouverture',
    roomId: amphi,
    startsAt: at(first, '09:00'),
    endsAt: at(first, '10:30'),
  });
  await session({
    kind: 'workshop',
    title: 'Atelier eau',
    roomId: salleA,
    startsAt: at(first, '10:30'),
    endsAt: at(first, '12:00'),
    capacity: 25,
    note: 'Les services d’eau en coopération.\nDeux retours d’expérience.',
    chair: 'Présidence : la mairie de Lyon',
    partners: 'AFD, pS-Eau',
    speakers: [
      { name: 'Awa Diallo', title: 'maire adjointe de Saint-Louis' },
      { name: 'Jean Martin', title: 'chargé de mission' },
    ],
  });
  await session({
    kind: 'workshop',
    title: 'Atelier climat',
    roomId: salleB,
    startsAt: at(first, '10:30'),
    endsAt: at(first, '11:30'),
  });
  await session({
    kind: 'micro_workshop',
    title: 'Micro-atelier jeunesse',
    roomId: amphi,
    startsAt: at(first, '10:30'),
    endsAt: at(first, '12:00'),
  });
  await session({
    kind: 'lunch',
    title: 'Déjeuner',
    startsAt: at(first, '12:00'),
    endsAt: at(first, '13:30'),
  });
  // Off the slots: from 9 h 40 to 10 h 10 it takes the half-hours of 9 h 30 and 10 h.
  await session({
    kind: 'country_point',
    title: 'Point pays Japon',
    roomId: salleA,
    groupId: japan.value.id,
    startsAt: at(second, '09:40'),
    endsAt: at(second, '10:10'),
  });
  await session({
    kind: 'plenary',
    title: 'Clôture',
    roomId: amphi,
    startsAt: at(second, '09:00'),
    endsAt: at(second, '10:00'),
  });
  const cancelled = await session({
    kind: 'cafe',
    title: 'Café annulé',
    roomId: salleB,
    startsAt: at(second, '09:00'),
    endsAt: at(second, '09:30'),
  });
  assert.ok((await cancelSession(db, conference.id, cancelled, (await buildStaff(db)).id)).ok);

  const programme = `/rencontres/${conference.id}/programme`;
  const tables = (html: string) => parse(html).querySelectorAll('table').map(tableModel);

  it('draws each day as a table: rooms in columns, parallel sessions side by side, each over its slots', async () => {
    const page = await get(programme);
    assert.equal(page.statusCode, 200);
    const [day1, day2] = tables(page.body);
    assert.ok(day1 && day2, 'one table per day');
    assert.match(day1.caption, /mercredi 7 juillet 2027/);
    assert.match(day2.caption, /jeudi 8 juillet 2027/);
    assert.deepEqual(day1.headers, [
      'Heure',
      'Amphithéâtre 40 places · accessible',
      'Salle-A 41 places · non accessible',
      'Salle-B 42 places · accessible',
    ]);
    assert.deepEqual(
      day1.grid.map((line) => line[0]),
      ['8 h 30', '9 h', '9 h 30', '10 h', '10 h 30', '11 h', '11 h 30', '12 h', '12 h 30', '13 h'],
    );
    assert.deepEqual(placeOf(day1, 'Accueil'), {
      times: ['8 h 30'],
      columns: ['Amphithéâtre', 'Salle-A', 'Salle-B'],
    });
    assert.deepEqual(placeOf(day1, 'Plénière d’ouverture'), {
      times: ['9 h', '9 h 30', '10 h'],
      columns: ['Amphithéâtre'],
    });
    assert.deepEqual(placeOf(day1, 'Micro-atelier jeunesse'), {
      times: ['10 h 30', '11 h', '11 h 30'],
      columns: ['Amphithéâtre'],
    });
    assert.deepEqual(placeOf(day1, 'Atelier eau'), {
      times: ['10 h 30', '11 h', '11 h 30'],
      columns: ['Salle-A'],
    });
    assert.deepEqual(placeOf(day1, 'Atelier climat'), { times: ['10 h 30', '11 h'], columns: ['Salle-B'] });
    assert.deepEqual(placeOf(day1, 'Déjeuner'), {
      times: ['12 h', '12 h 30', '13 h'],
      columns: ['Amphithéâtre', 'Salle-A', 'Salle-B'],
    });
    // Where nothing happens, an empty cell: Salle-B at 11 h 30.
    assert.equal(day1.grid[6]![3], '');
    assert.deepEqual(placeOf(day2, 'Point pays Japon'), { times: ['9 h 30', '10 h'], columns: ['Salle-A'] });
    assert.deepEqual(placeOf(day2, 'Clôture'), { times: ['9 h', '9 h 30'], columns: ['Amphithéâtre'] });
    assert.doesNotMatch(page.body, /Café annulé/);
    // Its exact hours in the cell; the spans as written.
    const html = parse(page.body);
    const japanCell = html
      .querySelectorAll('td')
      .find((td) => td.querySelector('a')?.text === 'Point pays Japon');
    assert.match(pageText(japanCell!.innerHTML), /Point pays.*9 h 40 – 10 h 10/);
    assert.equal(japanCell!.getAttribute('rowspan'), '2');
    const lunchCell = html.querySelectorAll('td').find((td) => td.querySelector('a')?.text === 'Déjeuner');
    assert.equal(lunchCell!.getAttribute('colspan'), '3');
    assert.equal(html.querySelectorAll('th[scope="col"]').length, 8);
    assert.equal(html.querySelectorAll('th[scope="row"]').length, day1.grid.length + day2.grid.length);
  });

  it('names the edition, its dates, venue, number and « fil rouge », and says its dates are provisional', async () => {
    const body = (await get(programme)).body;
    const text = pageText(body);
    assert.match(text, /Programme — 18es Rencontres de l’action internationale/);
    assert.deepEqual(facts(body), {
      Édition: '18e édition',
      Dates: 'Du mercredi 7 au jeudi 8 juillet 2027 — dates provisoires',
      Lieu: 'Salons de l’Hôtel des Arts & Métiers, Paris',
      'Fil rouge': 'Coopérer face aux crises',
    });
    // The list by day says the same sessions, one a line, the cancelled one aside.
    assert.match(text, /10 h 30 – 12 h · Atelier · Atelier eau · Salle-A \(non accessible\)/);
    assert.match(text, /12 h – 13 h 30 · Déjeuner · Déjeuner · toutes les salles/);
  });

  it('is valid HTML, by html-validate', async () => {
    for (const url of [
      programme,
      `${programme}?vue=types`,
      '/rencontres',
      `/rencontres/${conference.id}/seances/${ids['Atelier eau']}`,
    ]) {
      const report = await new HtmlValidate({ extends: ['html-validate:standard'] }).validateString(
        (await get(url)).body,
        url,
      );
      assert.deepEqual(
        report.results.flatMap((r) => r.messages.map((m) => `${url}:${m.line} ${m.ruleId} ${m.message}`)),
        [],
      );
    }
  });

  it('filters by kind and by group with a GET form, and shows the sessions by kind', async () => {
    const form = parse((await get(programme)).body).querySelector('form.filters');
    assert.equal(form?.getAttribute('method'), 'get');
    assert.ok(form?.querySelector('select[name="type"] option[value="workshop"]'));
    assert.ok(form?.querySelector(`select[name="groupe"] option[value="${japan.value.id}"]`));

    const workshops = await get(`${programme}?type=workshop&groupe=`);
    const links = parse(workshops.body)
      .querySelectorAll('table a')
      .map((a) => a.text);
    assert.deepEqual(links.sort(), ['Atelier climat', 'Atelier eau']);
    assert.match(
      pageText(workshops.body),
      /Aucune séance de cette journée ne correspond aux filtres choisis/,
    );

    const group = await get(`${programme}?groupe=${japan.value.id}`);
    assert.deepEqual(
      parse(group.body)
        .querySelectorAll('table a')
        .map((a) => a.text),
      ['Point pays Japon'],
    );

    const byKind = parse((await get(`${programme}?vue=types`)).body);
    assert.equal(byKind.querySelectorAll('table').length, 0);
    const sections = byKind
      .querySelectorAll('main section')
      .map((s) => [s.querySelector('h2')!.text, s.querySelectorAll('li a').map((a) => a.text)]);
    assert.deepEqual(sections, [
      ['Plénière', ['Plénière d’ouverture', 'Clôture']],
      ['Atelier', ['Atelier climat', 'Atelier eau']],
      ['Micro-atelier', ['Micro-atelier jeunesse']],
      ['Point pays', ['Point pays Japon']],
      ['Déjeuner', ['Déjeuner']],
      ['Accueil', ['Accueil']],
    ]);

    const bogus = await get(`${programme}?type=banquet&groupe=nope`);
    assert.equal(bogus.statusCode, 200);
    assert.match(pageText(bogus.body), /Certains filtres étaient invalides et ont été ignorés/);
    assert.equal(tables(bogus.body).length, 2);
  });

  it('shows a session: kind, when, room, framing note, chair, speakers, partners, group, seats', async () => {
    const water = (await get(`/rencontres/${conference.id}/seances/${ids['Atelier eau']}`)).body;
    assert.equal(parse(water).querySelector('h1')?.text, 'Atelier eau');
    assert.deepEqual(facts(water), {
      Type: 'Atelier',
      Quand: 'Mercredi 7 juillet 2027, 10 h 30 – 12 h (heure de Paris) — date provisoire',
      Salle: 'Salle-A (non accessible)',
      Lieu: 'Salons de l’Hôtel des Arts & Métiers, Paris',
      'Présidence de séance': 'Présidence : la mairie de Lyon',
      Partenaires: 'AFD, pS-Eau',
      Places: '25 places — 25 encore libres (séance à choisir dans son programme)',
    });
    assert.deepEqual(
      parse(water)
        .querySelectorAll('#intervenants + ul li')
        .map((li) => li.text),
      ['Awa Diallo, maire adjointe de Saint-Louis', 'Jean Martin, chargé de mission'],
    );
    assert.equal(
      parse(water).querySelector('#note-de-cadrage + p')?.text,
      'Les services d’eau en coopération.\nDeux retours d’expérience.',
    );
    const japanPage = await get(`/rencontres/${conference.id}/seances/${ids['Point pays Japon']}`);
    const link = parse(japanPage.body).querySelector('a[href="/groupes/japon"]');
    assert.equal(link?.text, 'Groupe-pays Japon');
    assert.equal(facts(japanPage.body).Places, '41 places', 'the room’s seats, no choice to count');
    const gone = await get(`/rencontres/${conference.id}/seances/${cancelled}`);
    assert.equal(gone.statusCode, 200);
    assert.match(pageText(gone.body), /Cette séance est annulée/);
  });

  it('answers the French 404 page to an unknown or malformed address, never a 500', async () => {
    const other = await createConference(
      db,
      {
        title: 'Autres Rencontres',
        startsOn: '2028-07-05',
        endsOn: '2028-07-05',
        venue: 'Lyon',
        registrationOpensAt: '2028-04-01',
      },
      null,
    );
    assert.ok(other.ok);
    for (const url of [
      '/rencontres/8d5bd2b4-52f4-4b6a-9a52-3d3f3b1e0c11/programme',
      '/rencontres/pas-un-identifiant/programme',
      "/rencontres/'%3B--/programme",
      '/rencontres/8d5bd2b4-52f4-4b6a-9a52-3d3f3b1e0c11/programme.ics',
      `/rencontres/${conference.id}/seances/8d5bd2b4-52f4-4b6a-9a52-3d3f3b1e0c11`,
      `/rencontres/${conference.id}/seances/42`,
      `/rencontres/${other.value.id}/seances/${ids['Atelier eau']}`,
    ]) {
      const page = await get(url);
      assert.equal(page.statusCode, 404, `${url} : ${page.statusCode}`);
      assert.match(page.headers['content-type'] as string, /text\/html/);
      assert.match(pageText(page.body), /introuvable|n’existe pas/i, url);
    }
  });

  it('lists the editions, the latest first, each linking to its programme', async () => {
    const page = parse((await get('/rencontres')).body);
    const links = page.querySelectorAll('main h2 a').map((a) => [a.text, a.getAttribute('href')]);
    assert.deepEqual(links.slice(0, 2), [
      ['Autres Rencontres', links[0]![1]],
      ['18es Rencontres de l’action internationale des collectivités territoriales', programme],
    ]);
  });

  it('gives the programme as an iCalendar feed, every session but the cancelled one, read by ical.js', async () => {
    const response = await get(`${programme}.ics`);
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /^text\/calendar/);
    assertWellFormed(response.body);
    const { events } = readCalendar(response.body, 'Asia/Tokyo');
    assert.deepEqual(
      events.map((e) => e.summary).sort(),
      Object.keys(ids)
        .filter((t) => t !== 'Café annulé')
        .sort(),
    );
    const japanEvent = events.find((e) => e.summary === 'Point pays Japon')!;
    assert.equal(japanEvent.startsAt.toISOString(), at(second, '09:40'));
    assert.equal(japanEvent.endsAt.toISOString(), at(second, '10:10'));
    assert.equal(japanEvent.startsAtElsewhere.toISOString(), at(second, '09:40'));
    assert.equal(japanEvent.location, 'Salle-A — Salons de l’Hôtel des Arts & Métiers, Paris');
    assert.equal(japanEvent.status, 'TENTATIVE', 'the dates are provisional');
    assert.equal(japanEvent.uid, `${ids['Point pays Japon']}@${identityOf(config).domain}`);
    const water = events.find((e) => e.summary === 'Atelier eau')!;
    assert.match(water.description ?? '', /Awa Diallo, maire adjointe de Saint-Louis/);
    assert.equal(
      water.component.getFirstPropertyValue('url'),
      `${config.baseUrl}/rencontres/${conference.id}/seances/${ids['Atelier eau']}`,
    );
    assert.equal(new Set(events.map((e) => e.uid)).size, events.length, 'one UID a session');
  });
});
