// Solidarity funds: contributions (pledges, receipts with numbered acknowledgements), a double-entry
// append-only ledger, the donors committee's decisions, allocations, disbursements, reports, a public
// account per fund, closure (issue 15, decision 020).
import { defineModule } from '../module.ts';
import { committeePages } from './committee.pages.tsx';
import { fundsApiRoutes } from './funds.api.ts';
import { fundsPrivacy } from './funds.privacy.ts';
import * as schema from './funds.schema.ts';
import { committeeAudience, fundEventLinks } from './meetings.ts';

export default defineModule({
  name: 'funds',
  schema,
  privacy: fundsPrivacy,
  api: fundsApiRoutes,
  pages: (services) => [...committeePages(services)],
  audiences: [committeeAudience],
  eventLinks: [fundEventLinks],
});
