// The grid of the Rencontres, as a browser would build the table from its rows: parallel sessions each in
// their room's column (what Indico's issue #2999 gets wrong), spans, breaks across every room, gaps,
// sessions off the slots, two days, and — over generated grids — every slot of every room covered once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parisDate, parisTime } from '../../platform/time.ts';
import { type GridRow, type GridSession, layoutDay, sessionsByDay } from './grid.ts';

interface S extends GridSession {
  title: string;
}

const day = '2026-07-08';
const rooms = [{ id: 'amphi' }, { id: 'salle-a' }, { id: 'salle-b' }];
const session = (title: string, roomId: string | null, from: string, to: string, on = day): S => ({
  title,
  roomId,
  startsAt: parisTime(on, from),
  endsAt: parisTime(on, to),
});

/**
 * The table as HTML builds it (the « forming a table » algorithm): each row's cells go, in order, into the
 * first column not already taken by a cell spanning from above. Returns, slot by slot and column by column,
 * the titles drawn there; fails on a cell that overflows the columns, a cell whose `column` is not where
 * the browser puts it, or a slot left without a cell.
 */
function drawn(rows: GridRow<S>[], columns: number): string[][] {
  const table: (string | undefined)[][] = rows.map(() => new Array(columns).fill(undefined));
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (c < columns && table[r]![c] !== undefined) c++;
      assert.equal(cell.column, c, `slot ${r}: a cell meant for column ${cell.column} lands in column ${c}`);
      const [rowspan, colspan] = cell.kind === 'sessions' ? [cell.rowspan, cell.colspan] : [1, 1];
      const label = cell.kind === 'sessions' ? cell.sessions.map((s) => s.title).join(' + ') : '';
      assert.ok(rowspan >= 1 && colspan >= 1, `slot ${r}: a cell of no size`);
      assert.ok(r + rowspan <= rows.length, `slot ${r}: « ${label} » spans past the last slot`);
      for (let dr = 0; dr < rowspan; dr++)
        for (let dc = 0; dc < colspan; dc++) {
          assert.ok(c + dc < columns, `slot ${r}: « ${label} » goes past the last room`);
          assert.equal(table[r + dr]![c + dc], undefined, `slot ${r + dr}, column ${c + dc} drawn twice`);
          table[r + dr]![c + dc] = label;
        }
      c += colspan;
    }
  });
  table.forEach((line, r) => {
    line.forEach((cell, c) => {
      assert.notEqual(cell, undefined, `slot ${r}, column ${c}: no cell`);
    });
  });
  return table as string[][];
}

const times = (rows: GridRow<S>[]) => rows.map((r) => r.startsAt.toISOString());
const slots = (from: string, count: number, minutes = 30, on = day) =>
  Array.from({ length: count }, (_, i) => new Date(parisTime(on, from).getTime() + i * minutes * 60_000)).map(
    (d) => d.toISOString(),
  );

describe('the grid of a day', () => {
  it('puts parallel workshops side by side, each in its room’s column', () => {
    const rows = layoutDay(
      rooms,
      [
        session('Atelier eau', 'salle-b', '14:00', '15:30'),
        session('Atelier climat', 'salle-a', '14:00', '15:30'),
        session('Point pays Japon', 'amphi', '14:00', '15:00'),
      ],
      30,
    );
    assert.deepEqual(times(rows), slots('14:00', 3));
    assert.deepEqual(drawn(rows, 3), [
      ['Point pays Japon', 'Atelier climat', 'Atelier eau'],
      ['Point pays Japon', 'Atelier climat', 'Atelier eau'],
      ['', 'Atelier climat', 'Atelier eau'],
    ]);
    // Three cells start at 14 h; at 15 h only the amphitheatre's empty slot, the workshops spanning over it.
    assert.deepEqual(
      rows.map((r) => r.cells.map((c) => (c.kind === 'sessions' ? c.rowspan : 'vide'))),
      [[2, 3, 3], [], ['vide']],
    );
  });

  it('spans a 90-minute plenary over three half-hour rows, and over one row of an hourly grid', () => {
    const plenary = [session('Plénière d’ouverture', 'amphi', '09:30', '11:00')];
    const half = layoutDay(rooms, plenary, 30);
    assert.equal(half.length, 3);
    assert.deepEqual(half[0]!.cells[0], {
      kind: 'sessions',
      sessions: plenary,
      column: 0,
      rowspan: 3,
      colspan: 1,
    });
    assert.deepEqual(
      half.map((r) => r.cells.length),
      [3, 2, 2],
    );
    const quarter = layoutDay(rooms, plenary, 15);
    assert.equal(quarter.length, 6);
    assert.equal(quarter[0]!.cells[0]!.kind === 'sessions' && quarter[0]!.cells[0]!.rowspan, 6);
  });

  it('draws a break across every room as one cell', () => {
    const rows = layoutDay(
      rooms,
      [
        session('Atelier A', 'salle-a', '10:00', '10:30'),
        session('Pause', null, '10:30', '11:00'),
        session('Atelier B', 'salle-b', '11:00', '12:00'),
      ],
      30,
    );
    assert.deepEqual(drawn(rows, 3), [
      ['', 'Atelier A', ''],
      ['Pause', 'Pause', 'Pause'],
      ['', '', 'Atelier B'],
      ['', '', 'Atelier B'],
    ]);
    assert.deepEqual(rows[1]!.cells, [
      {
        kind: 'sessions',
        sessions: [session('Pause', null, '10:30', '11:00')],
        column: 0,
        rowspan: 1,
        colspan: 3,
      },
    ]);
  });

  it('leaves empty cells where nothing happens, a gap in the day included', () => {
    const rows = layoutDay(
      rooms,
      [session('Accueil', null, '09:00', '09:30'), session('Atelier', 'salle-a', '11:00', '11:30')],
      30,
    );
    assert.deepEqual(times(rows), slots('09:00', 5));
    assert.deepEqual(drawn(rows, 3), [
      ['Accueil', 'Accueil', 'Accueil'],
      ['', '', ''],
      ['', '', ''],
      ['', '', ''],
      ['', 'Atelier', ''],
    ]);
  });

  it('places a session off the slots on the slots around it, its whole time inside its cell', () => {
    const rows = layoutDay(
      rooms,
      [
        session('Plénière', 'amphi', '09:00', '10:00'),
        session('Café des RAICT', 'salle-a', '09:40', '10:10'),
        session('Micro-atelier', 'salle-b', '09:05', '09:15'),
      ],
      30,
    );
    assert.deepEqual(times(rows), slots('09:00', 3));
    assert.deepEqual(drawn(rows, 3), [
      ['Plénière', '', 'Micro-atelier'],
      ['Plénière', 'Café des RAICT', ''],
      ['', 'Café des RAICT', ''],
    ]);
  });

  it('starts the day on the slot before a first session off the slots', () => {
    const rows = layoutDay(rooms, [session('Accueil café', 'amphi', '08:45', '09:30')], 30);
    assert.deepEqual(times(rows), slots('08:30', 2));
  });

  it('draws two sessions of one room that rounding puts on one slot in one cell, in time order', () => {
    const rows = layoutDay(
      rooms,
      [session('Second', 'salle-a', '09:40', '10:30'), session('Premier', 'salle-a', '09:00', '09:40')],
      30,
    );
    assert.deepEqual(drawn(rows, 3), [
      ['', 'Premier + Second', ''],
      ['', 'Premier + Second', ''],
      ['', 'Premier + Second', ''],
    ]);
  });

  it('has no rows for a day without sessions, and refuses a room outside the grid', () => {
    assert.deepEqual(layoutDay(rooms, [], 30), []);
    assert.throws(() => layoutDay(rooms, [session('Ailleurs', 'salle-z', '09:00', '10:00')], 30));
    assert.throws(() => layoutDay([], [session('Pause', null, '09:00', '10:00')], 30));
  });
});

describe('two days', () => {
  it('gives each Paris day its sessions, a session after midnight in Paris (before it in UTC) included', () => {
    const late = session('Dîner', 'amphi', '00:15', '01:00', '2026-07-09');
    assert.equal(late.startsAt.toISOString().slice(0, 10), '2026-07-08', 'the case where UTC differs');
    const sessions = [
      session('Plénière', 'amphi', '09:00', '10:30'),
      late,
      session('Clôture', 'amphi', '16:00', '17:00', '2026-07-09'),
    ];
    const days = sessionsByDay(sessions);
    assert.deepEqual(
      days.map(([d, list]) => [d, list.map((s) => s.title)]),
      [
        ['2026-07-08', ['Plénière']],
        ['2026-07-09', ['Dîner', 'Clôture']],
      ],
    );
    const second = layoutDay(rooms, days[1]![1], 60);
    assert.equal(second.length, 17, 'from 0 h to 17 h, hourly');
    assert.equal(parisDate(second[0]!.startsAt), '2026-07-09');
  });
});

describe('any grid', () => {
  const slotMinutes = fc.constantFrom(5, 10, 15, 20, 30, 60);
  /** Sessions of one day in random rooms (or every room), at random minutes: overlapping too. */
  const grid = fc.record({
    roomCount: fc.integer({ min: 1, max: 6 }),
    slot: slotMinutes,
    sessions: fc.array(
      fc.record({
        room: fc.option(fc.integer({ min: 0, max: 5 }), { freq: 5 }),
        start: fc.integer({ min: 8 * 60, max: 18 * 60 }),
        length: fc.integer({ min: 1, max: 180 }),
      }),
      { minLength: 1, maxLength: 25 },
    ),
  });
  const build = ({
    roomCount,
    sessions,
  }: {
    roomCount: number;
    sessions: { room: number | null; start: number; length: number }[];
  }) => {
    const columns = Array.from({ length: roomCount }, (_, i) => ({ id: `r${i}` }));
    const base = parisTime(day, '00:00').getTime();
    const list = sessions.map(
      (s, i): S => ({
        title: `s${i}`,
        roomId: s.room === null ? null : `r${s.room % roomCount}`,
        startsAt: new Date(base + s.start * 60_000),
        endsAt: new Date(base + (s.start + s.length) * 60_000),
      }),
    );
    return { columns, list };
  };

  it('covers every slot of every room exactly once, each session once, inside its cell', () => {
    fc.assert(
      fc.property(grid, (g) => {
        const { columns, list } = build(g);
        const rows = layoutDay(columns, list, g.slot);
        // drawn() fails on overflow, overlap or a slot without a cell: the sum of colspans starting in a
        // row and of those spanning from above is the number of rooms.
        drawn(rows, columns.length);
        const slot = g.slot * 60_000;
        const seen = new Map<S, number>();
        rows.forEach((row, r) => {
          assert.equal(row.startsAt.getTime() % slot, 0, 'rows on the slots');
          if (r > 0) assert.equal(row.startsAt.getTime() - rows[r - 1]!.startsAt.getTime(), slot);
          for (const cell of row.cells) {
            if (cell.kind !== 'sessions') continue;
            const from = row.startsAt.getTime();
            const to = from + cell.rowspan * slot;
            for (const s of cell.sessions) {
              seen.set(s, (seen.get(s) ?? 0) + 1);
              assert.ok(
                from <= s.startsAt.getTime() && s.endsAt.getTime() <= to,
                `${s.title} inside its cell`,
              );
              const inColumns =
                s.roomId === null
                  ? cell.column === 0 && cell.colspan === columns.length
                  : cell.column <= Number(s.roomId.slice(1)) &&
                    Number(s.roomId.slice(1)) < cell.column + cell.colspan;
              assert.ok(inColumns, `${s.title} in its room’s column`);
            }
          }
        });
        assert.equal(seen.size, list.length, 'every session drawn');
        assert.ok(
          [...seen.values()].every((n) => n === 1),
          'no session drawn twice',
        );
        assert.equal(
          rows[0]!.startsAt.getTime(),
          Math.min(...list.map((s) => Math.floor(s.startsAt.getTime() / slot) * slot)),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('draws a grid as saved (sessions on the slots, one at a time per room) one session a cell, to the slot', () => {
    // The realistic case: each room's sessions follow one another on the slots; breaks across every room.
    const saved = fc
      .record({
        roomCount: fc.integer({ min: 1, max: 6 }),
        slot: slotMinutes,
        plan: fc.array(
          fc.record({
            room: fc.option(fc.nat(), { freq: 6 }),
            gap: fc.nat(3),
            slots: fc.integer({ min: 1, max: 6 }),
          }),
          {
            minLength: 1,
            maxLength: 20,
          },
        ),
      })
      .map(({ roomCount, slot, plan }) => {
        const base = parisTime(day, '08:00').getTime();
        const free = new Array(roomCount).fill(0); // the first free slot of each room
        const list: S[] = plan.map((p, i) => {
          const all = p.room === null;
          const start = all ? Math.max(...free) + p.gap : free[p.room! % roomCount] + p.gap;
          if (all) free.fill(start + p.slots);
          else free[p.room! % roomCount] = start + p.slots;
          return {
            title: `s${i}`,
            roomId: all ? null : `r${p.room! % roomCount}`,
            startsAt: new Date(base + start * slot * 60_000),
            endsAt: new Date(base + (start + p.slots) * slot * 60_000),
          };
        });
        return { roomCount, slot, list };
      });
    fc.assert(
      fc.property(saved, ({ roomCount, slot, list }) => {
        const columns = Array.from({ length: roomCount }, (_, i) => ({ id: `r${i}` }));
        const rows = layoutDay(columns, list, slot);
        drawn(rows, roomCount);
        for (const row of rows)
          for (const cell of row.cells) {
            if (cell.kind !== 'sessions') continue;
            assert.equal(cell.sessions.length, 1);
            const s = cell.sessions[0]!;
            assert.equal(row.startsAt.getTime(), s.startsAt.getTime());
            assert.equal(cell.rowspan, (s.endsAt.getTime() - s.startsAt.getTime()) / (slot * 60_000));
            assert.equal(cell.colspan, s.roomId === null ? roomCount : 1);
          }
      }),
      { numRuns: 500 },
    );
  });
});
