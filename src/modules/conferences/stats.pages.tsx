// The Rencontres' statistics for staff: the page of an edition's figures, its tables as a workbook (a sheet
// each), and the list of its registrations for the event team (CSV, XLSX).
import { z } from 'zod';
import { staffOnly } from '../../platform/http/actor.ts';
import { definePage, notFound, view } from '../../platform/http/pages.tsx';
import { type SheetFormat, sendSheet, sendWorkbook, sheetFormats } from '../../platform/http/send-sheet.ts';
import type { Services } from '../../platform/services.ts';
import type { Column } from '../../platform/sheets/sheets.ts';
import { uuid } from '../../platform/validation.ts';
import { conferencesMessages } from './conferences.messages.ts';
import { getConference } from './conferences.ts';
import {
  conferenceStats,
  registrationColumns,
  registrationLines,
  type StatCell,
  type StatTable,
  statsTables,
} from './stats.ts';
import { StatsPage } from './views/stats.tsx';

const idParams = z.object({ id: uuid });

const conferenceNotFound = () =>
  notFound(conferencesMessages.conferenceNotFound().text, 'Rencontres introuvables');

/** How a workbook shows amounts (euros) and rates (a percentage of the cell's 0 to 1). */
const numberFormats = { cents: '#,##0.00 "€"', rate: '0%' } as const;

/** A table of the page as a sheet: counts, amounts (in euros) and rates as number cells. */
const sheetOf = (table: StatTable) => ({
  title: table.title,
  rows: table.rows,
  columns: table.columns.map(
    (c, i): Column<StatCell[]> =>
      c.kind === 'text'
        ? {
            header: c.header,
            value: (row) => (row[i] === null || row[i] === undefined ? '' : String(row[i])),
          }
        : {
            header: c.kind === 'cents' ? `${c.header} (€)` : c.header,
            type: 'number',
            ...(c.kind === 'count' ? {} : { numFmt: numberFormats[c.kind] }),
            value: (row) => {
              const cell = row[i];
              return typeof cell === 'number' ? (c.kind === 'cents' ? cell / 100 : cell) : null;
            },
          },
  ),
});

export function statsPages({ db }: Services) {
  const registrationsExport = (format: SheetFormat) =>
    definePage({
      method: 'GET',
      url: `/gestion/rencontres/:id/inscriptions.${format}`,
      access: staffOnly,
      params: idParams,
      handler: async ({ params, reply }) => {
        const conference = await getConference(db, params.id);
        if (!conference) return conferenceNotFound();
        return sendSheet(reply, {
          name: 'inscriptions-rencontres',
          format,
          title: 'Inscriptions',
          columns: registrationColumns,
          rows: await registrationLines(db, conference),
        });
      },
    });

  return [
    definePage({
      method: 'GET',
      url: '/gestion/rencontres/:id/statistiques',
      access: staffOnly,
      params: idParams,
      handler: async ({ params, ctx }) => {
        const stats = await conferenceStats(db, params.id);
        if (!stats) return conferenceNotFound();
        return view(<StatsPage ctx={ctx} stats={stats} tables={statsTables(stats)} />);
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/rencontres/:id/statistiques.xlsx',
      access: staffOnly,
      params: idParams,
      handler: async ({ params, reply }) => {
        const stats = await conferenceStats(db, params.id);
        if (!stats) return conferenceNotFound();
        return sendWorkbook(reply, 'statistiques-rencontres', statsTables(stats).map(sheetOf));
      },
    }),
    ...sheetFormats.map(registrationsExport),
  ];
}
