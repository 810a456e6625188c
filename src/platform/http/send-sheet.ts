// Every export of the staff pages answers the same way: a dated file name, CSV or XLSX from one list of
// columns, never kept by a cache (it holds personal data).
import type { FastifyReply } from 'fastify';
import { type Column, toCsv, toWorkbook, toXlsx } from '../sheets/sheets.ts';
import { parisDate } from '../time.ts';

export type SheetFormat = 'csv' | 'xlsx';

export const sheetFormats = ['csv', 'xlsx'] as const;

const types: Record<SheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface Sheet<T> {
  /** The file's name before its date and extension: « inscriptions » → inscriptions-2026-11-30.csv */
  name: string;
  format: SheetFormat;
  /** The XLSX sheet's title. */
  title: string;
  columns: Column<T>[];
  rows: T[];
}

const sendFile = (reply: FastifyReply, name: string, format: SheetFormat, content: string | Buffer) =>
  reply
    .header('content-disposition', `attachment; filename="${name}-${parisDate()}.${format}"`)
    .header('cache-control', 'no-store')
    .type(types[format])
    .send(content);

export async function sendSheet<T>(reply: FastifyReply, sheet: Sheet<T>) {
  return sendFile(
    reply,
    sheet.name,
    sheet.format,
    sheet.format === 'csv'
      ? toCsv(sheet.columns, sheet.rows)
      : await toXlsx(sheet.title, sheet.columns, sheet.rows),
  );
}

/** A workbook of several sheets (a report's tables), as `sendSheet` sends one. */
export async function sendWorkbook<T>(
  reply: FastifyReply,
  name: string,
  sheets: readonly Pick<Sheet<T>, 'title' | 'columns' | 'rows'>[],
) {
  return sendFile(reply, name, 'xlsx', await toWorkbook(sheets));
}
