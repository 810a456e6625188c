// The authorization matrix of the solidarity funds' routes (see tests/proof/matrix.ts for how a case reads).
import { fundsApiMatrix } from './api.matrix.ts';

export const matrix = { ...fundsApiMatrix };
