import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../../../tests/helpers.ts';
import { queryRows } from './client.ts';
import { containsWords, folded, foldedWords, foldText } from './fold.ts';

describe('text folded as people type it', async () => {
  const { db } = await testDatabase({ after });

  it('folds case, accents, ligatures, hyphens and apostrophes in JavaScript', () => {
    assert.equal(foldText('Hélène GARNIER'), 'helene garnier');
    assert.equal(foldText('Saint-Étienne'), 'saint etienne');
    assert.equal(foldText('L’Haÿ-les-Roses'), 'l hay les roses');
    assert.equal(foldText('Cœur  ÆLIA'), 'coeur aelia');
    assert.deepEqual(foldedWords('  Aïcha   DIALLO '), ['aicha', 'diallo']);
  });

  it('folds a column in SQL to the same text as JavaScript does, on the database itself', async () => {
    const samples = ['Hélène Garnier', 'SAINT-ÉTIENNE', 'Cœur d’Alène', 'Ñoño Ùrsula Ÿves', 'Åsa Øre'];
    for (const sample of samples) {
      const [row] = await queryRows<{ f: string }>(db, sql`select ${folded(sql`${sample}::text`)} as f`);
      assert.equal(row!.f.replace(/\s+/g, ' '), foldText(sample), sample);
    }
  });

  it('finds a row only when every word is in it, whatever their order', async () => {
    const match = async (text: string, words: string) =>
      (
        await queryRows<{ m: boolean }>(
          db,
          sql`select ${containsWords(sql`${text}::text`, foldedWords(words))} as m`,
        )
      )[0]!.m;
    assert.equal(await match('Hélène Garnier helene.garnier@angers.example.org', 'garnier HELENE'), true);
    assert.equal(await match('Hélène Garnier', 'garnier hugo'), false);
    assert.equal(await match('Anything', ''), true, 'no word keeps every row');
    // What is typed is data, never SQL or a pattern: « % » and « _ » match only themselves.
    assert.equal(await match('Hélène Garnier', '%'), false);
    assert.equal(await match('100 % solidaires', '%'), true);
  });
});
