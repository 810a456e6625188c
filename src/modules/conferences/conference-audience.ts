// The audience of a Rencontres' event: registrations go through the Rencontres (a category, its fee, the
// days, the lunch), never through the agenda's plain button, which knows none of them. The agenda's
// `register()` is what the Rencontres call too; the rule tells the two apart by the asynchronous context
// `registerToConference` runs it in, so that nothing of the agenda changes (decision 026).
import { AsyncLocalStorage } from 'node:async_hooks';
import { defineMessages } from '../../platform/messages.ts';
import { fail, ok } from '../../platform/result.ts';
import type { AudienceDefinition } from '../events/audiences.ts';

const m = defineMessages('conferences', {
  audienceLabel: 'Sur inscription aux Rencontres',
  audienceThroughConference:
    'On s’inscrit aux Rencontres depuis leur page « Programme et inscription » : elle demande la catégorie, les jours et le déjeuner.',
});

const throughConference = new AsyncLocalStorage<true>();

/** Runs `work` (a registration of the agenda) as one the Rencontres make. */
export const asConferenceRegistration = <T>(work: () => Promise<T>) => throughConference.run(true, work);

export const conferenceAudience: AudienceDefinition = {
  key: 'conference',
  label: m.audienceLabel().text,
  rule: async () =>
    throughConference.getStore() ? ok(true) : fail(422, 'through_conference', m.audienceThroughConference()),
};
