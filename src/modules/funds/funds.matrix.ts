// The authorisation matrix of the solidarity funds (tests/proof/cases.ts explains a case): each part's file.
import { committeeMatrix } from './committee.matrix.ts';

export const matrix = { ...committeeMatrix };
