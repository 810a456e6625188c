// Inviting people to a restricted event by the addresses staff types: every address must be someone's,
// or nobody is invited (staff corrects the list rather than wondering who was left out).
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { findPeopleByEmails } from '../organisations/directory.ts';
import { eventsMessages as m } from './events.messages.ts';
import { getEvent, invite } from './events.ts';

/** How many addresses one form may carry. */
export const invitationsAtOnce = 500;

export async function inviteByEmails(
  executor: Executor,
  eventId: string,
  emails: readonly string[],
  actorId: string,
): Promise<Result<{ invited: number }>> {
  const event = await getEvent(executor, eventId);
  if (!event) return fail(404, 'not_found', m.eventNotFound());
  if (event.audience !== 'restricted') return fail(409, 'not_restricted', m.notRestricted());
  const refuse = (status: number, code: string, message: ReturnType<typeof m.emailsRequired>) =>
    fail(status, code, message, { emails: message.text });
  if (emails.length === 0) return refuse(400, 'invalid', m.emailsRequired());
  if (emails.length > invitationsAtOnce)
    return refuse(400, 'invalid', m.tooManyEmails({ max: invitationsAtOnce }));
  const found = await findPeopleByEmails(executor, emails);
  const known = new Set(found.map((p) => p.email.toLowerCase()));
  const unknown = emails.filter((e) => !known.has(e.toLowerCase()));
  if (unknown.length) return refuse(422, 'unknown_person', m.unknownEmails({ emails: unknown }));
  await invite(
    executor,
    event.id,
    found.map((p) => p.id),
    actorId,
  );
  return ok({ invited: found.length });
}
