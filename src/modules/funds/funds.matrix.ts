// The authorisation matrix of the solidarity funds (tests/proof/cases.ts explains a case): each part's file.
import { fundsApiMatrix } from './api.matrix.ts';
import { committeeMatrix } from './committee.matrix.ts';
import { publicMatrix } from './public.matrix.ts';
import { staffFundsMatrix } from './staff-funds.matrix.ts';

export const matrix = { ...fundsApiMatrix, ...publicMatrix, ...staffFundsMatrix, ...committeeMatrix };
