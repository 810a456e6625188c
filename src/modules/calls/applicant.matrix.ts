// The authorisation matrix of support calls' applicant pages (being written).
import type { Case } from '../../../tests/proof/cases.ts';

export const applicantMatrix: Record<string, Case[]> = {};
