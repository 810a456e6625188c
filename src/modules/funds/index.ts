// Solidarity funds: contributions (pledges, receipts with numbered acknowledgements), a double-entry
// append-only ledger, the donors committee's decisions, allocations, disbursements, reports, a public
// account per fund, closure (issue 15, decision 020).
import { defineModule } from '../module.ts';
import { fundsApiRoutes } from './funds.api.ts';
import { fundsPrivacy } from './funds.privacy.ts';
import * as schema from './funds.schema.ts';
import { committeeAudience, fundEventLinks } from './meetings.ts';
import { staffFundsPages } from './staff-funds.pages.tsx';

export default defineModule({
  name: 'funds',
  schema,
  privacy: fundsPrivacy,
  pages: (services) => [...staffFundsPages(services)],
  api: fundsApiRoutes,
  audiences: [committeeAudience],
  eventLinks: [fundEventLinks],
  nav: [{ menu: 'staff', href: '/gestion/fonds', label: 'Fonds de solidarité', order: 35 }],
});
