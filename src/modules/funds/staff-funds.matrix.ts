// The authorisation matrix of the funds' staff pages (see tests/proof/matrix.ts for how a case reads): every
// route is the staff's alone. Spread into funds.matrix.ts with the other parts of the module.
import { randomUUID } from 'node:crypto';
import { type Case, type Cell, staffOnly } from '../../../tests/proof/cases.ts';
import { expectOk, unique } from '../../../tests/proof/world.ts';
import { recordReceipt } from './contributions.ts';
import { createFund, type Fund } from './funds.ts';

const staffOf = (c: Cell) => c.f.A.people.staff.id;
const base = '/gestion/fonds';

/** A new open fund of its own, without movement (each cell its own: some delete or close it). */
const freshFund = async (c: Cell): Promise<Fund> =>
  expectOk(await createFund(c.f.db, { name: `Fonds ${unique()}`, countries: ['UA'] }, staffOf(c)));

/** A fund with a receipt of the target world's member organisation: a movement to reverse. */
async function fundWithReceipt(c: Cell) {
  const fund = await freshFund(c);
  const { receipt } = expectOk(
    await c.f.db.transaction((tx) =>
      recordReceipt(
        tx,
        fund.id,
        {
          organisationId: c.target.memberOrg.id,
          amountCents: 150_000,
          receivedOn: '2026-11-02',
          reference: 'VIR-1',
        },
        staffOf(c),
      ),
    ),
  );
  return { fund, groupId: receipt.groupId };
}

const fundForm = () => ({
  name: `Fonds ${unique()}`,
  cause: 'Séisme',
  countries: 'TR, SY',
  openedOn: '2026-02-07',
  target: '150 000,50',
  description: 'Pour les villes touchées.',
  bankReference: 'FR76 3000 6000 0112 3456 7890 189',
  quorumPercent: '50',
});

export const staffFundsMatrix: Record<string, Case[]> = {
  [`GET ${base}`]: staffOnly('the funds, for staff', () => ({ url: `${base}?status=open&q=fonds` })),
  [`GET ${base}.csv`]: staffOnly('the funds as CSV', () => ({ url: `${base}.csv` })),
  [`GET ${base}.xlsx`]: staffOnly('the funds as XLSX', () => ({ url: `${base}.xlsx` })),
  [`GET ${base}/nouveau`]: staffOnly('the form of a new fund', () => ({ url: `${base}/nouveau` })),
  [`POST ${base}/nouveau`]: staffOnly('open a fund', () => ({ url: `${base}/nouveau`, form: fundForm() })),
  [`GET ${base}/:id`]: staffOnly('a fund’s account, for staff', async (c) => ({
    url: `${base}/${(await freshFund(c)).id}?organisation=saint`,
  })),
  [`GET ${base}/:id/modifier`]: staffOnly('a fund’s form', async (c) => ({
    url: `${base}/${(await freshFund(c)).id}/modifier`,
  })),
  [`POST ${base}/:id/modifier`]: staffOnly('edit a fund', async (c) => ({
    url: `${base}/${(await freshFund(c)).id}/modifier`,
    form: fundForm(),
  })),
  [`GET ${base}/:id/supprimer`]: staffOnly('what deleting a fund removes', async (c) => ({
    url: `${base}/${(await freshFund(c)).id}/supprimer`,
  })),
  [`POST ${base}/:id/supprimer`]: staffOnly('delete a fund without movement', async (c) => ({
    url: `${base}/${(await freshFund(c)).id}/supprimer`,
    form: {},
  })),
  [`POST ${base}/:id/promesses`]: staffOnly('record a pledge', async (c) => ({
    url: `${base}/${(await freshFund(c)).id}/promesses`,
    form: {
      organisationId: c.target.memberOrg.id,
      amount: '12 000',
      decisionReference: 'Délibération n° 2026-12',
      decidedOn: '2026-10-15',
      idempotencyKey: randomUUID(),
    },
  })),
  [`POST ${base}/:id/versements`]: staffOnly('record a receipt', async (c) => ({
    url: `${base}/${(await freshFund(c)).id}/versements`,
    form: {
      organisationId: c.target.memberOrg.id,
      amount: '12 000,50',
      receivedOn: '2026-11-02',
      reference: 'VIR-2026-77',
      idempotencyKey: randomUUID(),
    },
  })),
  [`GET ${base}/:id/grand-livre`]: staffOnly('a fund’s ledger', async (c) => ({
    url: `${base}/${(await fundWithReceipt(c)).fund.id}/grand-livre`,
  })),
  [`GET ${base}/:id/grand-livre.csv`]: staffOnly('a fund’s ledger as CSV', async (c) => ({
    url: `${base}/${(await fundWithReceipt(c)).fund.id}/grand-livre.csv`,
  })),
  [`GET ${base}/:id/grand-livre.xlsx`]: staffOnly('a fund’s ledger as XLSX', async (c) => ({
    url: `${base}/${(await fundWithReceipt(c)).fund.id}/grand-livre.xlsx`,
  })),
  [`POST ${base}/:id/grand-livre/:groupId/contre-passer`]: staffOnly('reverse a movement', async (c) => {
    const { fund, groupId } = await fundWithReceipt(c);
    return {
      url: `${base}/${fund.id}/grand-livre/${groupId}/contre-passer`,
      form: { reason: 'Virement saisi deux fois', idempotencyKey: randomUUID() },
    };
  }),
  [`GET ${base}/:id/cloturer`]: staffOnly('a fund’s closure, its preview', async (c) => ({
    url: `${base}/${(await fundWithReceipt(c)).fund.id}/cloturer`,
  })),
  [`POST ${base}/:id/cloturer`]: staffOnly('close a fund, the rest allocated', async (c) => ({
    url: `${base}/${(await fundWithReceipt(c)).fund.id}/cloturer`,
    form: {
      beneficiary: 'Ville de Kharkiv',
      purpose: 'Reconstruction d’une école',
      country: 'UA',
      paidOn: '2026-11-20',
      reference: 'VIR-SORTANT-9',
    },
  })),
};
