// A contribution's receipt as a PDF, read back with poppler (pdftotext): an implementation independent of
// pdfkit says what the document shows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pdfText as textOf, withoutPoppler } from '../../../tests/poppler.ts';
import type { ReceiptDocument } from './queries.ts';
import { receiptPdf } from './receipt-pdf.ts';

const document = (reversedOn: string | null = null): ReceiptDocument => ({
  receipt: {
    groupId: '6f1c2a4e-93b1-4c55-8d0e-2a7b9f3c1d20',
    fundId: '0b7e4d0a-4d8f-4a43-9d8a-3c5f1e2b7a90',
    organisationId: 'c2a1f7d4-5b3e-4f2a-8e6d-1a9b0c3d4e5f',
    amountCents: 1_234_550,
    receivedOn: '2026-03-14',
    reference: 'VIR SEPA 2026-0314-NANCY',
    number: '2026-0007',
    year: 2026,
    recordedAt: new Date('2026-03-16T10:00:00Z'),
    reversedOn,
  },
  fund: {
    id: '0b7e4d0a-4d8f-4a43-9d8a-3c5f1e2b7a90',
    name: 'Ukraine',
    cause: null,
    countries: ['UA'],
    openedOn: '2023-03-01',
    status: 'open',
    description: null,
    targetCents: null,
    bankReference: null,
    quorumPercent: 50,
    closedOn: null,
    createdBy: null,
    createdAt: new Date('2023-03-01T10:00:00Z'),
  },
  contributorName: 'Ville de Nancy',
  pledges: [
    {
      groupId: '9d3e2c1b-0a4f-4e5d-8c7b-6a5f4e3d2c1b',
      amountCents: 2_000_000,
      reference: 'Délibération n° 2026-114',
      decidedOn: '2026-02-09',
      occurredOn: '2026-02-09',
    },
  ],
});

describe('a contribution’s receipt as a PDF', {
  skip: withoutPoppler,
}, () => {
  it('says who we are, its number, the contributor, the fund, the amount, the day, the references, and that it is no tax receipt', async () => {
    const text = await textOf(await receiptPdf(document()));
    assert.match(text, /Cités Unies France/);
    assert.match(text, /9 rue Christiani, 75018 Paris/);
    assert.match(text, /Reçu n° 2026-0007/);
    assert.match(text, /Reçu de : Ville de Nancy/);
    assert.match(text, /Fonds de solidarité « Ukraine »/);
    assert.match(text, /Montant reçu : 12 345,50 €/);
    assert.match(text, /Reçu le : 14 mars 2026/);
    assert.match(text, /Référence du virement : VIR SEPA 2026-0314-NANCY/);
    assert.match(
      text,
      /Promesse de contribution : Délibération n° 2026-114 du 9 février 2026 \(20 000,00 €\)/,
    );
    assert.match(text, /Il ne vaut pas reçu fiscal/);
    assert.doesNotMatch(text, /annulé/);
  });

  it('says when it was cancelled by a reversal', async () => {
    const text = await textOf(await receiptPdf(document('2026-04-02')));
    assert.match(text, /Reçu annulé par contre-passation le 2 avril 2026/);
    assert.match(text, /Reçu n° 2026-0007/);
  });
});
