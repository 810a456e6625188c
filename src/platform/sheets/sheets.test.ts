import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { readSheet } from 'read-excel-file/node';
import { type Column, readTable, toCsv, toXlsx } from './sheets.ts';

describe('reading and writing tables', () => {
  it('keeps « Dupont, Jean » in one cell of a « ; » file', async () => {
    const table = await readTable(Buffer.from('Nom;Email;Durée\nDupont, Jean;jean@example.org;45\n'));
    assert.deepEqual(table.rows, [['Dupont, Jean', 'jean@example.org', '45']]);
  });

  it('reads a « , » file and a tab-separated one', async () => {
    assert.deepEqual((await readTable(Buffer.from('a,b\n1,2\n'))).rows, [['1', '2']]);
    assert.deepEqual((await readTable(Buffer.from('a\tb\n1\t2\n'))).rows, [['1', '2']]);
  });

  it('gives back an Excel duration cell as hh:mm:ss, a date cell as a date', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('x');
    sheet.addRow(['email', 'durée', 'jour']);
    sheet.addRow([
      'a@example.org',
      new Date(Date.UTC(1899, 11, 30, 1, 5, 30)),
      new Date(Date.UTC(2026, 2, 22)),
    ]);
    const table = await readTable(Buffer.from(await workbook.xlsx.writeBuffer()));
    assert.deepEqual(table.rows, [['a@example.org', '01:05:30', '2026-03-22']]);
  });

  it('quotes cells that a spreadsheet would run as formulas', () => {
    const csv = toCsv([{ header: 'Nom', value: (v: string) => v }], ['=HYPERLINK("http://x")', 'Lyon']);
    assert.equal(csv, '\ufeffNom\r\n"\'=HYPERLINK(""http://x"")"\r\nLyon\r\n');
  });

  it('writes each column once for both formats: French text in the CSV, a typed cell in the XLSX', async () => {
    interface Line {
      at: Date | null;
      day: string;
      minutes: number | null;
      name: string;
    }
    const columns: Column<Line>[] = [
      { header: 'Nom', value: (l) => l.name },
      { header: 'Le', type: 'datetime', value: (l) => l.at },
      { header: 'Jour', type: 'date', value: (l) => l.day },
      { header: 'Minutes', type: 'number', value: (l) => l.minutes },
    ];
    const lines: Line[] = [
      // 31 October 2026, 23:15 UTC: 00:15 on 1 November in Paris (winter time, UTC+1).
      { name: '-Dupont', at: new Date('2026-10-31T23:15:00Z'), day: '2026-02-01', minutes: 12.5 },
      { name: 'Lyon', at: null, day: '2026-12-31', minutes: null },
    ];
    assert.equal(
      toCsv(columns, lines),
      "\ufeffNom;Le;Jour;Minutes\r\n'-Dupont;01/11/2026 00:15;01/02/2026;12,5\r\nLyon;;31/12/2026;\r\n",
    );
    const rows = await readSheet(await toXlsx('Essai', columns, lines));
    assert.deepEqual(rows.slice(1), [
      ['-Dupont', new Date(Date.UTC(2026, 10, 1, 0, 15)), new Date(Date.UTC(2026, 1, 1)), 12.5],
      ['Lyon', null, new Date(Date.UTC(2026, 11, 31)), null],
    ]);
  });

  it('refuses a day that is not written YYYY-MM-DD rather than guess it', () => {
    const columns: Column<string>[] = [{ header: 'Jour', type: 'date', value: (v) => v }];
    assert.throws(() => toCsv(columns, ['31/12/2026']), /AAAA-MM-JJ/);
  });
});
