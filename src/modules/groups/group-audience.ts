// The `group` audience of the agenda: a group's meeting is open to the people of its member organisations,
// its followers (and staff, as every event). Declared in the groups' manifest; the agenda knows nothing else.
import { ok } from '../../platform/result.ts';
import type { AudienceDefinition } from '../events/audiences.ts';
import { refuse } from '../events/eligibility.ts';
import { groupsMessages as m } from './groups.messages.ts';
import { groupTitle } from './groups.ts';
import { groupsOfEvent } from './meetings.ts';
import { belongsTo } from './members.ts';

export const groupAudience: AudienceDefinition = {
  key: 'group',
  label: 'Réservé aux membres du groupe',
  rule: async ({ executor, event, person }) => {
    const groups = await groupsOfEvent(executor, event.id);
    if (
      await belongsTo(
        executor,
        groups.map((g) => g.id),
        person,
      )
    )
      return ok(true);
    const names = groups.length ? groups.map((g) => `« ${groupTitle(g)} »`).join(', ') : 'son groupe';
    return refuse(m.groupOnly({ names }).text);
  },
};
