// Staff pages of events: the lists of upcoming and past events, creating one, and an event's page (its
// registrations, invitations and documents, whose forms come back to it when refused).
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import { definePage, notFound, type PageOutcome, redirect, view } from '../../platform/http/pages.tsx';
import { pageParam } from '../../platform/pagination.ts';
import type { Services } from '../../platform/services.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { eventLinkFields, eventLinksFromBody } from './event-links.ts';
import { eventFormErrors, eventFromForm, idParams } from './events.forms.ts';
import { eventsMessages as m, eventsNotices as notices } from './events.messages.ts';
import { eventsPolicy as policy } from './events.policy.ts';
import { manageEventPage, staffEventsPage } from './events.queries.ts';
import { createEvent, listSeries } from './events.ts';
import { welcomeParagraphs } from './register-person.ts';
import type { FormState } from './views/parts.tsx';
import { EventsListPage, ManageEventPage, NewEventPage } from './views/staff-events.tsx';

/** What staff reads of an event that does not exist (any more). */
export const eventGone = () => notFound(m.eventGone().text);

/** The forms of an event's staff page that may come back refused, with what was typed and why. */
export interface ManageForms {
  registerForm?: FormState;
  newPersonForm?: FormState;
  inviteForm?: FormState;
  documentForm?: FormState;
}

/** An event's staff page; after a refused form, with its errors (the status says why). 404 for no event. */
export async function manageView(
  executor: Executor,
  ctx: PageContext,
  eventId: string,
  extra: ManageForms & { notice?: string | undefined } = {},
  status = 200,
): Promise<PageOutcome> {
  const data = await manageEventPage(executor, eventId);
  if (!data) return eventGone();
  return view(
    <ManageEventPage ctx={ctx} {...data} welcome={welcomeParagraphs(data.event)} {...extra} />,
    status,
  );
}

/** The lists' pages: `?avenir=` for events to come, `?passes=` for past ones (anything else reads as 1). */
const listQuery = z.object({ avenir: pageParam, passes: pageParam });

export function staffEventPages({ db }: Services) {
  return [
    definePage({
      method: 'GET',
      url: '/gestion/evenements',
      access: policy.manage,
      query: listQuery,
      handler: async ({ query, ctx, notice }) =>
        view(
          <EventsListPage
            ctx={ctx}
            {...(await staffEventsPage(db, { upcoming: query.avenir, past: query.passes }))}
            notice={notice}
          />,
        ),
    }),
    definePage({
      method: 'GET',
      url: '/gestion/evenements/nouveau',
      access: policy.manage,
      handler: async ({ ctx }) =>
        view(<NewEventPage ctx={ctx} series={await listSeries(db)} links={await eventLinkFields(db, {})} />),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/evenements',
      access: policy.manage,
      handler: async ({ actor, form, ctx, request }) => {
        const input = eventFromForm(form);
        // The boxes other modules add (a group's meeting) come with it: checked by the creation.
        const links = eventLinksFromBody(request.body);
        const result = input.ok
          ? await db.transaction((tx) => createEvent(tx, { ...input.value, ...links }, actor.personId))
          : input;
        if (result.ok) return redirect(`/gestion/evenements/${result.value.id}`, notices.event_created);
        // A refusal of no field (an unknown organiser, which this form cannot name) is said above the form.
        const { fields, message, status } = result.error;
        return view(
          <NewEventPage
            ctx={ctx}
            series={await listSeries(db)}
            links={await eventLinkFields(db, links)}
            errors={fields ? eventFormErrors(fields) : undefined}
            values={form}
            error={fields ? undefined : message}
          />,
          status,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/evenements/:id',
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx, notice }) => manageView(db, ctx, params.id, { notice }),
    }),
  ];
}
