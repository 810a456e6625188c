// Tables in and out: CSV (as French spreadsheets write them) and XLSX, with exceljs and the csv package.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';
import { timeZone } from '../time.ts';

export type Row = Record<string, string>;

export class SheetError extends Error {}

const isZip = (data: Buffer) => data.length > 4 && data.readUInt32LE(0) === 0x04034b50;

/**
 * Reads the first sheet of an XLSX file or a CSV (UTF-8 or Windows-1252, « ; » or « , »), by content.
 * `lines` gives the line (CSV) or row (XLSX) of the file of the headers then of each row: empty lines are
 * skipped, so a row's place in `rows` does not tell which line of the file it is.
 */
export async function readTable(
  data: Buffer,
): Promise<{ headers: string[]; rows: string[][]; lines: number[] }> {
  if (isZip(data)) return readXlsx(data);
  if (data.includes(0))
    throw new SheetError('Ce fichier n’est ni un classeur Excel (.xlsx) ni un fichier CSV.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    text = new TextDecoder('windows-1252').decode(data);
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new SheetError(`Le fichier CSV est mal formé : ${(error as Error).message}`);
  }
  const [headers, ...rows] = records.map((r) => r.record);
  if (!headers) throw new SheetError('Le fichier est vide.');
  // The line a record ends on: its own line, unless a quoted cell runs over several lines.
  return { headers, rows, lines: records.map((r) => r.info.lines) };
}

/**
 * The separator is the one the first lines use most: a « ; » file keeps « Dupont, Jean » in one cell,
 * which a parser told to split on any of them would not. (Several lines, because some reports open
 * with a title line before their table.)
 */
function guessDelimiter(text: string): string {
  const head = text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/, 50)
    .join('\n');
  const counts = [';', ',', '\t'].map((d) => [d, head.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ';';
}

// exceljs is loaded by the first workbook, not at start: loading it is a good share of a restart (decision 017).
const excel = async () => (await import('exceljs')).default;

async function readXlsx(data: Buffer) {
  const workbook = new (await excel()).Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new SheetError('Ce classeur Excel est illisible.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SheetError('Le classeur ne contient aucune feuille.');
  const records: string[][] = [];
  const lines: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      values[column - 1] = cellText(cell.value);
    });
    records.push(Array.from(values, (v) => (v ?? '').trim()));
    lines.push(row.number);
  });
  const [headers, ...rows] = records;
  if (!headers) throw new SheetError('La première feuille du classeur est vide.');
  return { headers, rows, lines };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel stores a duration as a time on its day zero (30 December 1899): give it back as hh:mm:ss.
    const iso = value.toISOString();
    return iso.startsWith('1899-12-30') ? iso.slice(11, 19) : iso.slice(0, 10);
  }
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('hyperlink' in value && typeof value.hyperlink === 'string')
      return value.hyperlink.replace(/^mailto:/, '');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    return '';
  }
  return String(value);
}

/**
 * A column of an export, typed: the CSV writes its cells as French text, the XLSX as typed cells, from the
 * same definition. `date` is a day (an instant, taken on its Paris day, or a YYYY-MM-DD date); `datetime` an
 * instant, shown at Paris time.
 */
export type Column<T> =
  | { header: string; type?: 'text'; value: (item: T) => string | null | undefined }
  | {
      header: string;
      type: 'number';
      value: (item: T) => number | null | undefined;
      /** How the XLSX shows it: `#,##0.00 "€"` for euros, `0%` for a rate; a plain number otherwise. */
      numFmt?: string;
    }
  | { header: string; type: 'date'; value: (item: T) => Date | string | null | undefined }
  | { header: string; type: 'datetime'; value: (item: T) => Date | null | undefined };

type Cell = string | number | Date | null | undefined;

const parisClock = new Intl.DateTimeFormat('en-GB', {
  timeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** What a clock in Paris reads at this instant. */
function parisWallClock(at: Date) {
  const part = Object.fromEntries(parisClock.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: part.year!,
    month: part.month!,
    day: part.day!,
    hour: part.hour!,
    minute: part.minute!,
    second: part.second!,
  };
}

/** A day, from an instant (its Paris day) or a YYYY-MM-DD date. */
function dayOf(value: Date | string) {
  if (value instanceof Date) return parisWallClock(value);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new Error(`Date attendue au format AAAA-MM-JJ : ${value}`);
  return { year: match[1]!, month: match[2]!, day: match[3]! };
}

/** The cell's French text, for CSV: jj/mm/aaaa, jj/mm/aaaa hh:mm, a decimal comma. */
function csvCell<T>(column: Column<T>, item: T): string {
  const value: Cell = column.value(item);
  if (value === null || value === undefined) return '';
  switch (column.type) {
    case 'number':
      return String(value).replace('.', ',');
    case 'date': {
      const d = dayOf(value as Date | string);
      return `${d.day}/${d.month}/${d.year}`;
    }
    case 'datetime': {
      const t = parisWallClock(value as Date);
      return `${t.day}/${t.month}/${t.year} ${t.hour}:${t.minute}`;
    }
    default:
      return protect(String(value));
  }
}

/** CSV for French spreadsheets (RFC 4180 line ends): UTF-8 with BOM, « ; » between fields, CRLF. */
export function toCsv<T>(columns: Column<T>[], items: T[]): string {
  return `\ufeff${stringify(
    [columns.map((c) => protect(c.header)), ...items.map((i) => columns.map((c) => csvCell(c, i)))],
    { delimiter: ';', record_delimiter: 'windows' },
  )}`;
}

// A cell starting with = + - @ is run as a formula by spreadsheets (CSV injection): quote it as text.
function protect(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const numberFormats = { date: 'dd/mm/yyyy', datetime: 'dd/mm/yyyy hh:mm' } as const;

/**
 * The cell's typed value, for XLSX. Excel has no time zone: a date cell holds a wall-clock reading, which
 * exceljs writes from the Date's UTC fields. So an instant becomes the Date whose UTC fields are Paris's
 * clock at that instant, whatever the time zone of the server.
 */
function xlsxCell<T>(column: Column<T>, item: T): string | number | Date | null {
  const value: Cell = column.value(item);
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'number':
      return value as number;
    case 'date': {
      const d = dayOf(value as Date | string);
      return new Date(Date.UTC(Number(d.year), Number(d.month) - 1, Number(d.day)));
    }
    case 'datetime': {
      const t = parisWallClock(value as Date);
      return new Date(
        Date.UTC(
          Number(t.year),
          Number(t.month) - 1,
          Number(t.day),
          Number(t.hour),
          Number(t.minute),
          Number(t.second),
        ),
      );
    }
    default:
      return String(value);
  }
}

export async function toXlsx<T>(sheetName: string, columns: Column<T>[], items: T[]): Promise<Buffer> {
  return toWorkbook([{ title: sheetName, columns, rows: items }]);
}

/** A workbook of several sheets, each from its columns (a report's tables, one sheet each). */
export async function toWorkbook<T>(
  sheets: readonly { title: string; columns: Column<T>[]; rows: readonly T[] }[],
): Promise<Buffer> {
  const workbook = new (await excel()).Workbook();
  for (const { title, columns, rows } of sheets) {
    const sheet = workbook.addWorksheet(title);
    sheet.columns = columns.map((c) => {
      const format =
        c.type === 'date' || c.type === 'datetime'
          ? numberFormats[c.type]
          : c.type === 'number'
            ? c.numFmt
            : undefined;
      return {
        header: c.header,
        width: Math.max(c.type === 'datetime' ? 17 : 12, c.header.length + 4),
        ...(format ? { style: { numFmt: format } } : {}),
      };
    });
    for (const item of rows) sheet.addRow(columns.map((c) => xlsxCell(c, item)));
    sheet.getRow(1).font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
