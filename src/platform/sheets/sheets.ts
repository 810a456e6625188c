// Tables in and out: CSV (as French spreadsheets write them) and XLSX, with exceljs and the csv package.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

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

async function readXlsx(data: Buffer) {
  const workbook = new ExcelJS.Workbook();
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

export interface Column<T> {
  header: string;
  value: (item: T) => string | number | null;
}

/** CSV for French spreadsheets: UTF-8 with BOM, « ; » between fields. */
export function toCsv<T>(columns: Column<T>[], items: T[]): string {
  return `\ufeff${stringify([columns.map((c) => c.header), ...items.map((i) => columns.map((c) => protect(c.value(i))))], { delimiter: ';' })}`;
}

// A cell starting with = + - @ is run as a formula by spreadsheets (CSV injection): quote it as text.
function protect(value: string | number | null): string | number {
  if (typeof value !== 'string') return value ?? '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export async function toXlsx<T>(sheetName: string, columns: Column<T>[], items: T[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.header, width: Math.max(12, c.header.length + 4) }));
  for (const item of items) sheet.addRow(columns.map((c) => c.value(item)));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
