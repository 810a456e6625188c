// The authorisation matrix of support engagements' pages (being written).
import type { Case } from '../../../tests/proof/cases.ts';

export const engagementsMatrix: Record<string, Case[]> = {};
