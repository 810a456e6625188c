// The authorisation matrix of support calls (tests/proof/cases.ts explains a case): each part's file.
import { callsApiMatrix } from './api.matrix.ts';
import { applicantMatrix } from './applicant.matrix.ts';
import { engagementsMatrix } from './engagements.matrix.ts';
import { expertsMatrix } from './experts.matrix.ts';
import { staffMatrix } from './staff.matrix.ts';

export const matrix = {
  ...callsApiMatrix,
  ...applicantMatrix,
  ...staffMatrix,
  ...engagementsMatrix,
  ...expertsMatrix,
};
