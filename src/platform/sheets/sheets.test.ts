import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { readTable, toCsv } from './sheets.ts';

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
    assert.equal(csv, '\ufeffNom\n"\'=HYPERLINK(""http://x"")"\nLyon\n');
  });
});
