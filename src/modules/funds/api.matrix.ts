// The authorisation matrix of the solidarity funds' API (see tests/proof/matrix.ts for how a case reads):
// every write is the staff's; reading the funds' figures needs a token. Each cell moves money of a fund of
// its own, so that no cell's request depends on another's.
import { type Case, type Cell, SIGNED_IN, staffOnly } from '../../../tests/proof/cases.ts';
import { expectOk, unique } from '../../../tests/proof/world.ts';
import { recordReceipt } from './contributions.ts';
import { createFund } from './funds.ts';
import { allocate } from './projects.ts';

const staffOf = (c: Cell) => c.f.A.people.staff.id;

const freshFund = async (c: Cell) =>
  expectOk(await createFund(c.f.db, { name: `Fonds Haïti ${unique()}`, countries: ['HT'] }, staffOf(c)));

/** A new fund holding 1 000 € received from the target world's member local government. */
async function fundWithMoney(c: Cell) {
  const fund = await freshFund(c);
  const { receipt } = expectOk(
    await c.f.db.transaction((tx) =>
      recordReceipt(
        tx,
        fund.id,
        {
          organisationId: c.target.memberOrg.id,
          amountCents: 100_000,
          receivedOn: '2026-11-20',
          reference: 'VIR',
        },
        staffOf(c),
      ),
    ),
  );
  return { fund, receipt };
}

/** A project of a new fund, allocated 600 € and not paid yet. */
async function freshAllocation(c: Cell) {
  const { fund } = await fundWithMoney(c);
  return expectOk(
    await c.f.db.transaction((tx) =>
      allocate(
        tx,
        fund.id,
        { beneficiary: 'Mairie de Jacmel', purpose: 'Citernes', amountCents: 60_000 },
        staffOf(c),
      ),
    ),
  ).allocation;
}

export const fundsApiMatrix: Record<string, Case[]> = {
  'POST /api/v1/funds': staffOnly('open a fund', () => ({
    url: '/api/v1/funds',
    json: {
      name: `Fonds Liban ${unique()}`,
      cause: 'Explosion du port de Beyrouth',
      countries: ['LB'],
      targetCents: 5_000_000,
    },
  })),
  'GET /api/v1/funds': [
    {
      name: 'list the funds and their figures',
      own: SIGNED_IN,
      build: () => ({ url: '/api/v1/funds?status=open' }),
    },
  ],
  'GET /api/v1/funds/:id': [
    {
      name: 'read a fund’s figures',
      own: SIGNED_IN,
      build: async (c) => ({ url: `/api/v1/funds/${(await fundWithMoney(c)).fund.id}` }),
    },
  ],
  'POST /api/v1/funds/:id/pledges': staffOnly('record a pledge', async (c) => ({
    url: `/api/v1/funds/${(await freshFund(c)).id}/pledges`,
    json: {
      organisationId: c.target.memberOrg.id,
      amountCents: 150_000,
      decisionReference: 'Délibération n° 2026-31',
    },
  })),
  'POST /api/v1/funds/:id/receipts': staffOnly('record a receipt', async (c) => ({
    url: `/api/v1/funds/${(await freshFund(c)).id}/receipts`,
    json: {
      organisationId: c.target.memberOrg.id,
      amountCents: 150_000,
      receivedOn: '2026-11-20',
      reference: 'VIR SEPA',
      idempotencyKey: `matrice-${unique()}`,
    },
  })),
  'POST /api/v1/funds/:id/allocations': staffOnly('allocate to a project', async (c) => ({
    url: `/api/v1/funds/${(await fundWithMoney(c)).fund.id}/allocations`,
    json: { beneficiary: 'Mairie de Jacmel', purpose: 'Citernes', amountCents: 50_000, country: 'HT' },
  })),
  'POST /api/v1/allocations/:id/disbursements': staffOnly('pay a project', async (c) => ({
    url: `/api/v1/allocations/${(await freshAllocation(c)).id}/disbursements`,
    json: { amountCents: 20_000, paidOn: '2026-11-25', reference: 'VIR 2026-0912' },
  })),
  'POST /api/v1/ledger/:groupId/reversal': staffOnly('reverse a movement', async (c) => ({
    url: `/api/v1/ledger/${(await fundWithMoney(c)).receipt.groupId}/reversal`,
    json: { reason: 'Virement reçu en double' },
  })),
  // A fund with nothing in it is settled: it closes.
  'POST /api/v1/funds/:id/close': staffOnly('close a fund', async (c) => ({
    url: `/api/v1/funds/${(await freshFund(c)).id}/close`,
    json: {},
  })),
};
