// The authorization matrix of the funds' routes (see tests/proof/matrix.ts for how a case reads), one part
// per file of routes.
import { staffFundsMatrix } from './staff-funds.matrix.ts';

export const matrix = { ...staffFundsMatrix };
