import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCents, parseEuros } from './money.ts';

// French typography: a narrow no-break space between thousands, a no-break space before the euro sign.
const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('amounts in euros, kept as integer cents', () => {
  it('writes cents the French way: « 1 250,50 € »', () => {
    assert.equal(formatCents(125_050), `1${NNBSP}250,50${NBSP}€`);
    assert.equal(formatCents(5), `0,05${NBSP}€`);
    assert.equal(formatCents(0), `0,00${NBSP}€`);
    assert.equal(formatCents(10_000_000_000), `100${NNBSP}000${NNBSP}000,00${NBSP}€`);
  });

  it('reads what people type: spaces between thousands, a comma or a point, the euro sign or EUR', () => {
    assert.equal(parseEuros('1 250,50'), 125_050);
    assert.equal(parseEuros('1250.5'), 125_050);
    assert.equal(parseEuros('1 500 €'), 150_000);
    assert.equal(parseEuros(`1${NNBSP}500${NBSP}€`), 150_000);
    assert.equal(parseEuros('EUR 12'), 1_200);
    assert.equal(parseEuros('12 eur'), 1_200);
    assert.equal(parseEuros('0,5'), 50);
    assert.equal(parseEuros('  42  '), 4_200);
  });

  it('reads back what it wrote', () => {
    for (const cents of [0, 1, 99, 100, 125_050, 123_456_789])
      assert.equal(parseEuros(formatCents(cents)), cents);
  });

  it('refuses what is not an amount rather than guessing: words, a negative sign, three decimals, two separators', () => {
    for (const text of ['', 'mille euros', '-5', '1,234', '1.250,50', '12,', '€', '1e3', '0x10'])
      assert.equal(parseEuros(text), undefined, text);
  });
});
