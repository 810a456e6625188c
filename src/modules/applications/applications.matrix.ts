// The authorisation matrix of this module's routes (see tests/proof/matrix.ts for how a case reads). The
// applications of the matrix's worlds are the program's (tests/proof/world.ts).
import { type Case, staffOnlyScoped } from '../../../tests/proof/cases.ts';
import { fresh } from '../../../tests/proof/world.ts';

export const matrix: Record<string, Case[]> = {
  'POST /api/v1/applications/:id/decision': staffOnlyScoped('decide on an application', async (c) => ({
    url: `/api/v1/applications/${c.role === 'staff' ? (await fresh.application(c.f, c.target)).id : c.target.pendingApplicationId}/decision`,
    json: { decision: 'waitlisted' },
  })),
  'POST /api/v1/applications/:id/opinions': staffOnlyScoped('give an opinion on an application', (c) => ({
    url: `/api/v1/applications/${c.target.pendingApplicationId}/opinions`,
    json: { opinion: 'favourable', score: 14, note: 'Motivation solide' },
  })),
};
