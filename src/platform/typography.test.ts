import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { frenchText } from './typography.ts';

describe('French typography', () => {
  it('puts no-break spaces where French wants them, and keeps elided articles with their word', () => {
    assert.equal(frenchText('Auditrice : Cités Unies France'), 'Auditrice\u00a0: Cités Unies France');
    assert.equal(frenchText('Vraiment ? Oui ! Bien ; fin'), 'Vraiment\u202f? Oui\u202f! Bien\u202f; fin');
    assert.equal(frenchText('« Diplomates des territoires »'), '«\u00a0Diplomates des territoires\u00a0»');
    assert.equal(frenchText("ville d' Aix-en-Provence"), 'ville d’Aix-en-Provence');
    assert.equal(frenchText("l'action internationale"), 'l’action internationale');
    assert.equal(
      frenchText('https://exemple.fr/a?b=c'),
      'https://exemple.fr/a?b=c',
      'an address is left alone',
    );
  });
});
