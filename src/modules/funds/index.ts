// Solidarity funds: contributions (pledges, receipts with numbered acknowledgements), a double-entry
// append-only ledger, the donors committee's decisions, allocations, disbursements, reports, a public
// account per fund, closure (issue 15, decision 020).
import { defineModule } from '../module.ts';
import { committeePages } from './committee.pages.tsx';
import { seedDemoFunds } from './demo.ts';
import { fundsApiRoutes } from './funds.api.ts';
import { fundsPages } from './funds.pages.tsx';
import { fundsPrivacy } from './funds.privacy.ts';
import * as schema from './funds.schema.ts';
import { committeeAudience, fundEventLinks } from './meetings.ts';
import { eraseFundsData, exportedFundsData, fundsHeldBy, mergeFundsPerson } from './person-data.ts';
import { fundsForPerson } from './queries.ts';
import { staffFundsPages } from './staff-funds.pages.tsx';

export default defineModule({
  name: 'funds',
  schema,
  privacy: fundsPrivacy,
  pages: (services) => [...fundsPages(services), ...staffFundsPages(services), ...committeePages(services)],
  api: fundsApiRoutes,
  audiences: [committeeAudience],
  eventLinks: [fundEventLinks],
  people: {
    merged: mergeFundsPerson,
    held: fundsHeldBy,
    exported: exportedFundsData,
    erased: eraseFundsData,
  },
  seed: seedDemoFunds,
  forPerson: fundsForPerson,
  nav: [
    { menu: 'main', href: '/fonds', label: 'Fonds de solidarité', order: 25 },
    { menu: 'staff', href: '/gestion/fonds', label: 'Fonds de solidarité', order: 35 },
  ],
});
