import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomUtils, parseDocument } from 'htmlparser2';
import { render } from 'preact-render-to-string';
import type { PageContext } from './layout.tsx';
import { PendingImportsTable } from './pending-imports.tsx';

// Only the token is read by the table (its forms' CSRF field).
const ctx = { csrfToken: 'jeton' } as PageContext;

const row = {
  id: 'a1',
  fileName: 'jumelages.csv',
  createdAt: new Date('2026-11-30T09:15:00Z'),
  lines: 12,
  refused: 2,
};

describe('the table of imports waiting for confirmation', () => {
  it('links each preview and posts its abandon, with the CSRF token; a kind is said after the file', () => {
    const html = render(
      <PendingImportsTable
        ctx={ctx}
        rows={[row, { ...row, id: 'b2', fileName: 'gens.csv', kind: 'personnes' }]}
        base="/gestion/import"
        headingId="pending-imports"
        linesLabel="Lignes acceptées"
      />,
    );
    const doc = parseDocument(html).children;
    const all = (name: string) => DomUtils.findAll((e) => e.name === name, doc);
    assert.equal(
      DomUtils.findOne((e) => e.name === 'section', doc)?.attribs['aria-labelledby'],
      'pending-imports',
    );
    assert.equal(DomUtils.findOne((e) => e.name === 'h2', doc)?.attribs.id, 'pending-imports');
    assert.deepEqual(
      all('th').map((e) => DomUtils.textContent(e)),
      ['Fichier', 'Préparé le', 'Lignes acceptées', 'Lignes refusées', 'Action'],
    );
    assert.deepEqual(
      all('a').map((e) => e.attribs.href),
      ['/gestion/import/a1', '/gestion/import/b2'],
    );
    assert.deepEqual(
      all('form').map((e) => e.attribs.action),
      ['/gestion/import/a1/abandonner', '/gestion/import/b2/abandonner'],
    );
    assert.deepEqual(
      all('input').map((e) => e.attribs.value),
      ['jeton', 'jeton'],
    );
    const files = DomUtils.findAll((e) => e.attribs['data-label'] === 'Fichier', doc);
    assert.deepEqual(
      files.map((e) => DomUtils.textContent(e)),
      ['jumelages.csv', 'gens.csv (personnes)'],
    );
    assert.deepEqual(
      DomUtils.findAll((e) => e.attribs['data-label'] === 'Lignes acceptées', doc).map((e) =>
        DomUtils.textContent(e),
      ),
      ['12', '12'],
    );
    assert.equal(
      DomUtils.findOne((e) => e.name === 'button', doc)?.attribs['aria-label'],
      'Abandonner l’import jumelages.csv',
    );
  });

  it('shows nothing when no import waits', () => {
    const html = render(
      <PendingImportsTable ctx={ctx} rows={[]} base="/gestion/import" headingId="x" linesLabel="Lignes" />,
    );
    assert.equal(html, '');
  });
});
