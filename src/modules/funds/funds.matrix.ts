// The authorisation matrix of the funds' routes (see tests/proof/cases.ts), one part file per share of the module.
import { publicMatrix } from './public.matrix.ts';

export const matrix = { ...publicMatrix };
