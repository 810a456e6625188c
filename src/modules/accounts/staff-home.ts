// What the accounts module gives the staff's home (`/gestion`): the requests for an account waiting for an
// answer, and the mails that could not leave (whom the platform failed to reach). The mails and their jobs
// are the platform's: they are read through its functions.
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { countFailedMails, retryFailedMail } from '../../platform/mail/mail.tsx';
import type { AttentionItem } from '../module.ts';
import { countWaitingRequests } from './account-requests.ts';
import { accountsMessages as m } from './accounts.messages.ts';

export async function accountsAttention(executor: Executor, at: Date): Promise<AttentionItem[]> {
  return [
    {
      label: m.attentionRequests().text,
      count: await countWaitingRequests(executor, at),
      href: '/gestion/demandes',
    },
    {
      label: m.attentionFailedMails().text,
      count: await countFailedMails(executor),
      href: '/gestion/courriels/echecs',
    },
  ];
}

/** Sends a failed mail again (its job gets its attempts back); false when it is not failed. */
export async function retryMail(executor: Executor, mailId: string, actorId: string): Promise<boolean> {
  const retried = await retryFailedMail(executor, mailId);
  if (retried) await audit(executor, { actorId, action: 'retry', entity: 'mail', entityId: mailId });
  return retried;
}
