// Mails about an event to many people at once — a change, a cancellation, invitations, a message from staff
// to its registrants — are written by a job rather than in the request (an event may have hundreds of
// registrants). The job is queued in the transaction of what it announces; `event-notice-mails.ts` writes
// the mails.
import type { Executor } from '../../platform/db/client.ts';
import { enqueue } from '../../platform/jobs/queue.ts';

export const eventNoticeJob = 'event.notice';

/** What changed, among what registrants must be told about (a corrected description is not). */
export const practicalChanges = ['schedule', 'place', 'format', 'link'] as const;
export type PracticalChange = (typeof practicalChanges)[number];

/** Whom staff invites: a custom list of addresses, or a segment of the member local governments' people. */
export const invitationSegments = ['emails', 'elected', 'referents'] as const;
export type InvitationSegment = (typeof invitationSegments)[number];

/** Why a person receives a message to an event's registrants (said at the end of the mail). */
export type MessageReason = 'confirmed' | 'waitlisted' | 'present' | 'absent';

export type EventNotice =
  | { notice: 'changed'; sequence: number; changed: PracticalChange[] }
  | { notice: 'cancelled' }
  | { notice: 'invited'; personIds: string[]; segment?: InvitationSegment }
  | { notice: 'message'; messageId: string; recipients: { personId: string; why: MessageReason }[] };

/** Queues the mails of a notice; call it in the transaction that makes the change. */
export async function announce(executor: Executor, eventId: string, notice: EventNotice) {
  await enqueue(executor, eventNoticeJob, { eventId, ...notice });
}
