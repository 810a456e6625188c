// The authorisation matrix of the atlas's routes, part by part (see tests/proof/cases.ts).
import type { Case } from '../../../tests/proof/cases.ts';
import { openDataMatrix } from './open-data.matrix.ts';

export const matrix: Record<string, Case[]> = { ...openDataMatrix };
