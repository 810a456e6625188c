// The authorisation matrix of support calls' staff pages (being written).
import type { Case } from '../../../tests/proof/cases.ts';

export const staffMatrix: Record<string, Case[]> = {};
