// Staff pages to write to an event's registrants: the form and the messages sent, the preview (who will
// receive what), the sending.
import type { Executor } from '../../platform/db/client.ts';
import { definePage, type PageOutcome, redirect, view } from '../../platform/http/pages.tsx';
import type { Failure } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { listEventMessages, previewEventMessage, sendEventMessage } from './event-messages.ts';
import { idParams, messageFromForm } from './events.forms.ts';
import { eventsNotices as notices } from './events.messages.ts';
import { eventsPolicy as policy } from './events.policy.ts';
import { getEvent } from './events.ts';
import { notificationSettings } from './notifications.ts';
import { eventGone } from './staff-events.pages.tsx';
import { EventMessagesPage } from './views/event-messages.tsx';

type Extra = Omit<Parameters<typeof EventMessagesPage>[0], 'ctx' | 'event' | 'messages'>;

/** The page of an event's messages, with a form refused or a preview; 404 when the event is gone. */
async function messagesView(
  executor: Executor,
  ctx: PageContext,
  eventId: string,
  extra: Extra = {},
  status = 200,
): Promise<PageOutcome> {
  const event = await getEvent(executor, eventId);
  if (!event) return eventGone();
  const messages = await listEventMessages(executor, event.id);
  return view(<EventMessagesPage ctx={ctx} event={event} messages={messages} {...extra} />, status);
}

/** A refused form comes back with what was typed, and why: by field, or above the form. */
const refused = (form: Record<string, string | undefined>, error: Failure): Extra =>
  error.fields
    ? { form: { values: form, errors: error.fields } }
    : { form: { values: form }, error: error.message };

export function eventMessagePages({ db, config, jobs }: Services) {
  const settings = notificationSettings(config);
  const url = '/gestion/evenements/:id/messages';
  return [
    definePage({
      method: 'GET',
      url,
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx, notice }) => messagesView(db, ctx, params.id, { notice }),
    }),
    definePage({
      method: 'POST',
      url: `${url}/apercu`,
      access: policy.manage,
      params: idParams,
      handler: async ({ params, form, ctx }) => {
        const preview = await previewEventMessage(db, params.id, messageFromForm(form), settings);
        if (preview.ok)
          return messagesView(db, ctx, params.id, { form: { values: form }, preview: preview.value });
        if (preview.error.status === 404) return eventGone();
        return messagesView(db, ctx, params.id, refused(form, preview.error), preview.error.status);
      },
    }),
    definePage({
      method: 'POST',
      url,
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const result = await sendEventMessage(db, params.id, messageFromForm(form), actor.personId, settings);
        jobs.poke();
        if (result.ok)
          return redirect(
            `/gestion/evenements/${params.id}/messages#envoyes`,
            result.value.already ? notices.event_message_already_sent : notices.event_message_sent,
          );
        if (result.error.status === 404) return eventGone();
        return messagesView(db, ctx, params.id, refused(form, result.error), result.error.status);
      },
    }),
  ];
}
