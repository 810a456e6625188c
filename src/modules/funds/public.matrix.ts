// The authorisation matrix of the funds' public and contributors' routes (see tests/proof/cases.ts for how a
// case reads). A receipt is its organisation's people's and staff's; the choices, its referent's.
import {
  type Case,
  type Cell,
  EVERYONE,
  NOBODY,
  REFERENT,
  SIGNED_IN,
  STAFF,
} from '../../../tests/proof/cases.ts';
import { expectOk, unique } from '../../../tests/proof/world.ts';
import { parisDate } from '../../platform/time.ts';
import { recordPledge, recordReceipt } from './contributions.ts';
import { createFund } from './funds.ts';

const staffOf = (c: Cell) => c.f.A.people.staff.id;

/** A new fund (each cell its own). */
const freshFund = async (c: Cell) =>
  expectOk(await createFund(c.f.db, { name: `Fonds ${unique()}`, countries: ['UA'] }, staffOf(c)));

/** A new fund to which the target world's member organisation gave: its receipt's ledger group. */
async function freshReceipt(c: Cell) {
  const fund = await freshFund(c);
  const { receipt } = expectOk(
    await c.f.db.transaction((tx) =>
      recordReceipt(
        tx,
        fund.id,
        {
          organisationId: c.target.memberOrg.id,
          amountCents: 150_000,
          receivedOn: parisDate(),
          reference: `VIR-${unique()}`,
        },
        staffOf(c),
      ),
    ),
  );
  return receipt.groupId;
}

/** A new fund to which the target world's member organisation pledged. */
async function pledgedFund(c: Cell) {
  const fund = await freshFund(c);
  expectOk(
    await c.f.db.transaction((tx) =>
      recordPledge(
        tx,
        fund.id,
        {
          organisationId: c.target.memberOrg.id,
          amountCents: 500_000,
          decisionReference: 'Délibération n° 12',
        },
        staffOf(c),
      ),
    ),
  );
  return fund;
}

export const publicMatrix: Record<string, Case[]> = {
  'GET /fonds': [{ name: 'the solidarity funds', own: EVERYONE, build: () => ({ url: '/fonds' }) }],
  'GET /fonds/:id': [
    {
      name: 'a fund’s transparency page',
      own: EVERYONE,
      build: async (c) => ({ url: `/fonds/${(await freshFund(c)).id}` }),
    },
  ],
  'GET /fonds/recus/:groupId.pdf': [
    {
      name: 'a receipt of the organisation, as a PDF',
      scoped: true,
      own: '--YYYY',
      foreign: STAFF,
      build: async (c) => ({ url: `/fonds/recus/${await freshReceipt(c)}.pdf` }),
    },
  ],
  'GET /mon-espace/fonds': [
    { name: 'my organisation’s funds', own: SIGNED_IN, build: () => ({ url: '/mon-espace/fonds' }) },
  ],
  'POST /mon-espace/fonds/:fundId': [
    {
      name: 'a referent’s choices for a fund: named, who holds the vote',
      scoped: true,
      own: REFERENT,
      foreign: NOBODY,
      build: async (c) => ({
        url: `/mon-espace/fonds/${(await pledgedFund(c)).id}`,
        form: { named: 'oui', voterId: c.target.colleague.id },
      }),
    },
  ],
};
