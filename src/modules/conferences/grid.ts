// The grid of the Rencontres as a table: one column per room, one row per slot of the edition, each
// session one cell spanning its slots (rowspan) and its rooms (colspan). Pure: the programme page draws it,
// grid.test.ts checks it. Parallel sessions sit side by side, each in its own room's column.
import { parisDate } from '../../platform/time.ts';

export interface GridRoom {
  id: string;
}

export interface GridSession {
  /** Null: every room (a break, the lunch, the welcome), one cell across the grid. */
  roomId: string | null;
  startsAt: Date;
  endsAt: Date;
}

/**
 * A cell holding sessions: one, except when sessions off the slots are drawn on the same slots of one room
 * (see `layoutDay`). `column` is the index of its first room.
 */
export interface SessionCell<S> {
  kind: 'sessions';
  sessions: S[];
  column: number;
  rowspan: number;
  colspan: number;
}

/** A slot of a room where nothing happens. */
export interface EmptyCell {
  kind: 'empty';
  column: number;
}

export type GridCell<S> = SessionCell<S> | EmptyCell;

/** One slot: the cells that start in it, left to right (none where a cell from above spans). */
export interface GridRow<S> {
  startsAt: Date;
  cells: GridCell<S>[];
}

/** A rectangle of the table: rows [top, bottom), columns [left, right). */
interface Block<S> {
  top: number;
  bottom: number;
  left: number;
  right: number;
  sessions: S[];
}

const overlaps = <S>(a: Block<S>, b: Block<S>) =>
  a.top < b.bottom && b.top < a.bottom && a.left < b.right && b.left < a.right;

/**
 * Lays out one day: rows from the first slot where something starts to the last where something ends.
 *
 * A cell can only span whole rows, so a session off the slots (9 h 40 on a half-hour grid) has its start
 * rounded down and its end rounded up to the slots: its cell then covers its whole time (it never looks
 * later or shorter than it is, and a 10-minute session never vanishes into zero rows); the cell says its
 * exact hours. Slots are multiples of the slot length since the epoch: Paris' offsets are whole hours and
 * every slot length of an edition divides an hour, so they fall on Paris' 9 h, 9 h 30…
 *
 * Rounding may put two sessions of one room on the same slot (9 h – 9 h 40, then 9 h 40 – 10 h 30): a table
 * cannot hold two overlapping cells, so such sessions share one cell, in time order. The same happens to
 * sessions that overlap in a room (which `saveSession` refuses, but the grid must draw whatever it gets).
 *
 * `rooms` are the columns in order (by `position`); a session of a room not among them is a bug of the
 * caller, as is a grid without rooms (the page then shows the list of sessions only).
 */
export function layoutDay<S extends GridSession>(
  rooms: readonly GridRoom[],
  sessions: readonly S[],
  slotMinutes: number,
): GridRow<S>[] {
  if (sessions.length === 0) return [];
  if (rooms.length === 0) throw new Error('une grille sans salle ne se dessine pas');
  const slot = slotMinutes * 60_000;
  const down = (d: Date) => Math.floor(d.getTime() / slot) * slot;
  const up = (d: Date) => Math.ceil(d.getTime() / slot) * slot;
  const columns = new Map(rooms.map((room, index) => [room.id, index]));
  const first = Math.min(...sessions.map((s) => down(s.startsAt)));
  const last = Math.max(...sessions.map((s) => up(s.endsAt)));

  let blocks: Block<S>[] = [...sessions]
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .map((session) => {
      const column = session.roomId === null ? 0 : columns.get(session.roomId);
      if (column === undefined)
        throw new Error(`séance dans une salle hors de la grille : ${session.roomId}`);
      return {
        top: (down(session.startsAt) - first) / slot,
        bottom: (up(session.endsAt) - first) / slot,
        left: column,
        right: session.roomId === null ? rooms.length : column + 1,
        sessions: [session],
      };
    });

  // Blocks that overlap become their bounding box until none does. A block is one column or all of them,
  // so a merged block is too: the table stays a table.
  for (let merged = true; merged; ) {
    merged = false;
    outer: for (let i = 0; i < blocks.length; i++) {
      for (let j = i + 1; j < blocks.length; j++) {
        const a = blocks[i]!;
        const b = blocks[j]!;
        if (!overlaps(a, b)) continue;
        blocks[i] = {
          top: Math.min(a.top, b.top),
          bottom: Math.max(a.bottom, b.bottom),
          left: Math.min(a.left, b.left),
          right: Math.max(a.right, b.right),
          sessions: [...a.sessions, ...b.sessions].sort(
            (x, y) => x.startsAt.getTime() - y.startsAt.getTime(),
          ),
        };
        blocks = blocks.filter((_, k) => k !== j);
        merged = true;
        break outer;
      }
    }
  }

  const count = (last - first) / slot;
  const owner: (Block<S> | undefined)[][] = Array.from({ length: count }, () =>
    new Array<Block<S> | undefined>(rooms.length).fill(undefined),
  );
  for (const block of blocks)
    for (let r = block.top; r < block.bottom; r++)
      for (let c = block.left; c < block.right; c++) owner[r]![c] = block;

  return owner.map((line, r) => {
    const cells: GridCell<S>[] = [];
    for (let c = 0; c < rooms.length; ) {
      const block = line[c];
      if (!block) {
        cells.push({ kind: 'empty', column: c });
        c += 1;
        continue;
      }
      if (block.top === r)
        cells.push({
          kind: 'sessions',
          sessions: block.sessions,
          column: c,
          rowspan: block.bottom - block.top,
          colspan: block.right - block.left,
        });
      c = block.right;
    }
    return { startsAt: new Date(first + r * slot), cells };
  });
}

/** Sessions by their Paris day (YYYY-MM-DD), the days in order: one grid, one list per day. */
export function sessionsByDay<S extends GridSession>(sessions: readonly S[]): [string, S[]][] {
  const days = new Map<string, S[]>();
  for (const session of sessions) {
    const day = parisDate(session.startsAt);
    days.set(day, [...(days.get(day) ?? []), session]);
  }
  return [...days].sort(([a], [b]) => a.localeCompare(b));
}
