// The authorisation matrix of a fund's staff pages for its committee, projects and reports: every route is
// the staff's alone. Each cell builds its own fund with money (a receipt of the target world's member local
// government, a pledge of its other organisation), through the domain's functions.
import { type Case, type Cell, staffOnly } from '../../../tests/proof/cases.ts';
import { expectOk, unique } from '../../../tests/proof/world.ts';
import { parisDate } from '../../platform/time.ts';
import { recordPledge, recordReceipt } from './contributions.ts';
import { createFund, type Fund } from './funds.ts';
import { recordDecision } from './projects.ts';
import { addReport, publishReport } from './reports.ts';

const staffOf = (c: Cell) => c.f.A.people.staff.id;
const base = '/gestion/fonds/:id';
const at = (fund: Fund, rest = '') => `/gestion/fonds/${fund.id}${rest}`;

/** An open fund of its own: 20 000 € received from the member local government, 5 000 € pledged by another. */
async function freshFund(c: Cell): Promise<Fund> {
  const db = c.f.db;
  const fund = expectOk(
    await createFund(db, { name: `Fonds Ukraine ${unique()}`, countries: ['UA'] }, staffOf(c)),
  );
  await db.transaction(async (tx) => {
    expectOk(
      await recordReceipt(
        tx,
        fund.id,
        {
          organisationId: c.target.memberOrg.id,
          amountCents: 2_000_000,
          receivedOn: parisDate(),
          reference: 'VIR 1',
        },
        staffOf(c),
      ),
    );
    expectOk(
      await recordPledge(
        tx,
        fund.id,
        { organisationId: c.target.nonMemberOrg.id, amountCents: 500_000 },
        staffOf(c),
      ),
    );
  });
  return fund;
}

/** A fresh fund with a project its committee adopted (10 000 €, nothing paid yet). */
async function freshProject(c: Cell) {
  const fund = await freshFund(c);
  const { allocation } = expectOk(
    await c.f.db.transaction((tx) =>
      recordDecision(
        tx,
        fund.id,
        {
          beneficiary: 'Mairie de Boutcha',
          purpose: 'Chauffage de l’école',
          amountCents: 1_000_000,
          country: 'UA',
          decidedOn: parisDate(),
          votesFor: 2,
          votesAgainst: 0,
          abstentions: 0,
        },
        staffOf(c),
      ),
    ),
  );
  return { fund, allocation: allocation! };
}

async function freshReport(c: Cell, published = false) {
  const fund = await freshFund(c);
  const report = expectOk(
    await addReport(
      c.f.db,
      fund.id,
      {
        kind: 'progress',
        title: 'Point d’étape',
        body: 'Les **travaux** avancent.',
        reportedOn: parisDate(),
      },
      staffOf(c),
    ),
  );
  if (published) expectOk(await publishReport(c.f.db, fund.id, report.id, true, staffOf(c)));
  return { fund, report };
}

const reportForm = () => ({
  kind: 'progress',
  title: `Point d’étape ${unique()}`,
  reportedOn: parisDate(),
  allocationId: '',
  body: 'Premier versement reçu par la mairie.',
});

export const committeeMatrix: Record<string, Case[]> = {
  [`GET ${base}/comite`]: staffOnly('a fund’s committee', async (c) => ({
    url: at(await freshFund(c), '/comite'),
  })),
  [`POST ${base}/comite/:organisationId`]: staffOnly('a contributor’s choices', async (c) => ({
    url: at(await freshFund(c), `/comite/${c.target.memberOrg.id}`),
    form: { voterId: '', named: 'oui' },
  })),
  [`GET ${base}/decisions/nouvelle`]: staffOnly('the form of a decision', async (c) => ({
    url: at(await freshFund(c), '/decisions/nouvelle'),
  })),
  [`POST ${base}/decisions/nouvelle`]: staffOnly('record a decision', async (c) => ({
    url: at(await freshFund(c), '/decisions/nouvelle'),
    form: {
      eventId: '',
      decidedOn: parisDate(),
      beneficiary: 'Mairie de Tchernihiv',
      purpose: 'Générateurs pour l’hôpital',
      amount: '1 000',
      country: 'UA',
      votesFor: '1',
      votesAgainst: '0',
      abstentions: '0',
      idempotencyKey: `matrice-${unique()}`,
    },
  })),
  [`GET ${base}/projets`]: staffOnly('a fund’s projects', async (c) => ({
    url: at((await freshProject(c)).fund, '/projets'),
  })),
  [`POST ${base}/projets/:allocationId/paiements`]: staffOnly('pay a project', async (c) => {
    const { fund, allocation } = await freshProject(c);
    return {
      url: at(fund, `/projets/${allocation.id}/paiements`),
      form: { amount: '100', paidOn: parisDate(), reference: 'VIR 2', idempotencyKey: `matrice-${unique()}` },
    };
  }),
  [`GET ${base}/rapports`]: staffOnly('a fund’s reports', async (c) => ({
    url: at((await freshReport(c)).fund, '/rapports'),
  })),
  [`GET ${base}/rapports/nouveau`]: staffOnly('the form of a report', async (c) => ({
    url: at(await freshFund(c), '/rapports/nouveau'),
  })),
  [`POST ${base}/rapports/nouveau`]: staffOnly('write a report', async (c) => ({
    url: at(await freshFund(c), '/rapports/nouveau'),
    form: reportForm(),
  })),
  [`GET ${base}/rapports/:reportId/modifier`]: staffOnly('a report’s form', async (c) => {
    const { fund, report } = await freshReport(c);
    return { url: at(fund, `/rapports/${report.id}/modifier`) };
  }),
  [`POST ${base}/rapports/:reportId/modifier`]: staffOnly('edit a report', async (c) => {
    const { fund, report } = await freshReport(c);
    return { url: at(fund, `/rapports/${report.id}/modifier`), form: reportForm() };
  }),
  [`POST ${base}/rapports/:reportId/publier`]: staffOnly('publish a report', async (c) => {
    const { fund, report } = await freshReport(c);
    return { url: at(fund, `/rapports/${report.id}/publier`), form: {} };
  }),
  [`POST ${base}/rapports/:reportId/retirer`]: staffOnly('withdraw a report', async (c) => {
    const { fund, report } = await freshReport(c, true);
    return { url: at(fund, `/rapports/${report.id}/retirer`), form: {} };
  }),
  [`POST ${base}/rapports/:reportId/supprimer`]: staffOnly('delete a report never published', async (c) => {
    const { fund, report } = await freshReport(c);
    return { url: at(fund, `/rapports/${report.id}/supprimer`), form: {} };
  }),
  [`POST ${base}/rapports/publication`]: staffOnly('publish several reports, confirmed', async (c) => {
    const { fund, report } = await freshReport(c);
    return {
      url: at(fund, '/rapports/publication'),
      form: { reportIds: [report.id], action: 'publier', etape: 'confirmer' },
    };
  }),
};
