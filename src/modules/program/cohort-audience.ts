// The `cohort` audience of the agenda: a cohort-only session is open to the accepted participants of
// the editions it belongs to. Declared in the program's manifest; the agenda knows nothing else of it.
import { ok } from '../../platform/result.ts';
import type { AudienceDefinition } from '../events/audiences.ts';
import { refuse } from '../events/eligibility.ts';
import { inCohortOf } from './applications.ts';
import { programMessages as m } from './program.messages.ts';
import { programsOfEvent } from './programs.ts';

export const cohortAudience: AudienceDefinition = {
  key: 'cohort',
  label: 'Réservé à la promotion',
  rule: async ({ executor, event, person }) => {
    const programIds = (await programsOfEvent(executor, event.id)).map((p) => p.programId);
    if (await inCohortOf(executor, programIds, person.id)) return ok(true);
    return refuse(m.cohortOnlySession().text);
  },
};
