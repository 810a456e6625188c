// The public agenda: the list and the month, the public calendar, an event's page and calendar file, and
// registering from it (oneself, or colleagues for a referent).
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { definePage, notFound, type PageOutcome, redirect, view } from '../../platform/http/pages.tsx';
import { network as networkOf } from '../../platform/identity.ts';
import type { Services } from '../../platform/services.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import {
  agendaQuery,
  eventPageParams,
  idParams,
  registrationFromForm,
  seasonParams,
} from './events.forms.ts';
import { eventsMessages as m, eventsNotices as notices } from './events.messages.ts';
import {
  agendaPage,
  eventCalendar,
  eventPage,
  publicCalendar,
  seriesPage,
  visibleEvent,
} from './events.queries.ts';
import { notificationSettings } from './notifications.ts';
import { register, registerColleagues } from './register.ts';
import { registerForSeason } from './register-season.ts';
import { AgendaPage } from './views/agenda.tsx';
import { EventPage } from './views/event.tsx';
import { SeasonRegistrationPage, SeriesPage } from './views/series.tsx';

/** What every event page says of an event the viewer may not see, or that does not exist. */
export const eventNotFound = () => notFound(m.eventHidden().text, 'Événement introuvable');

export function agendaPages({ db, config, jobs }: Services) {
  const settings = notificationSettings(config);
  const site = { baseUrl: config.baseUrl, domain: settings.identity.domain };
  // The network is the organiser of the events that name none (their structured data).
  const network = { baseUrl: config.baseUrl, network: { name: networkOf().name, url: networkOf().website } };

  let lastFeed: { etag: string | undefined; body: string } | undefined;

  /** An event's page; after a refused registration, with why (the status says it too). */
  async function eventView(
    executor: Db,
    ctx: PageContext,
    viewer: Actor | null,
    id: string,
    extra: { notice?: string | undefined; error?: string } = {},
    status = 200,
  ): Promise<PageOutcome> {
    const data = await eventPage(executor, viewer, id, network);
    if (!data) return eventNotFound();
    return view(<EventPage ctx={ctx} {...data} {...extra} />, status);
  }

  return [
    definePage({
      method: 'GET',
      url: '/agenda',
      access: 'public',
      cache: ['agenda'],
      query: agendaQuery,
      handler: async ({ actor, query, ctx, notice, request }) => {
        const data = await agendaPage(db, actor, query, {
          agendaVersion: request.validators?.versions.agenda,
        });
        return view(
          <AgendaPage ctx={ctx} {...data} notice={query.ignored ? m.filtersIgnored().text : notice} />,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: '/agenda.ics',
      access: 'public',
      cache: ['agenda'],
      handler: async ({ request, reply }) => {
        // The whole agenda in iCalendar takes about half a second of CPU with 1,000 events, and is the same
        // for everyone: written once per version of the agenda (its ETag; see platform/http/caching.ts).
        const etag = request.validators?.etag;
        if (!etag || lastFeed?.etag !== etag) lastFeed = { etag, body: await publicCalendar(db, site) };
        return reply.type('text/calendar; charset=utf-8').send(lastFeed.body);
      },
    }),
    definePage({
      method: 'GET',
      url: '/agenda/:id',
      access: 'public',
      cache: ['agenda', 'organisations'],
      params: eventPageParams,
      handler: async ({ actor, params, reply, ctx, notice }) => {
        if (!params.ics) return eventView(db, ctx, actor, params.id, { notice });
        const calendar = await eventCalendar(db, actor, params.id, site);
        if (!calendar) return eventNotFound();
        return reply.type('text/calendar; charset=utf-8').send(calendar);
      },
    }),
    definePage({
      method: 'GET',
      url: '/agenda/series/:id',
      access: 'public',
      cache: ['agenda'],
      params: idParams,
      handler: async ({ actor, params, ctx, notice }) => {
        const data = await seriesPage(db, actor, params.id);
        if (!data) return notFound(m.seriesGone().text, 'Série introuvable');
        return view(<SeriesPage ctx={ctx} {...data} notice={notice} />);
      },
    }),
    // One click registers for every session to come of the season: what happened to each is shown at once.
    definePage({
      method: 'POST',
      url: '/agenda/series/:id/saisons/:season/inscription',
      access: 'signedIn',
      params: seasonParams,
      handler: async ({ actor, params, ctx }) => {
        const result = await registerForSeason(
          db,
          actor,
          { seriesId: params.id, season: params.season },
          { settings },
        );
        jobs.poke();
        if (result.ok) return view(<SeasonRegistrationPage ctx={ctx} result={result.value} />);
        const data = await seriesPage(db, actor, params.id);
        if (!data) return notFound(m.seriesGone().text, 'Série introuvable');
        return view(<SeriesPage ctx={ctx} {...data} error={result.error.message} />, result.error.status);
      },
    }),
    definePage({
      method: 'POST',
      url: '/agenda/:id/inscription',
      access: 'signedIn',
      params: idParams,
      handler: async ({ actor, params, request, ctx }) => {
        if (!(await visibleEvent(db, actor, params.id))) return eventNotFound();
        const { mode, personIds } = registrationFromForm(request.body);
        const options = { settings, mode };
        // No one ticked: one registers oneself; otherwise a referent registers the colleagues ticked.
        const result =
          personIds.length === 0
            ? await register(
                db,
                { eventId: params.id, personId: actor.personId, mode, registeredBy: actor.personId },
                options,
              )
            : await registerColleagues(db, actor, params.id, personIds, options);
        jobs.poke();
        if (!result.ok)
          return eventView(db, ctx, actor, params.id, { error: result.error.message }, result.error.status);
        const notice =
          'status' in result.value
            ? result.value.status === 'confirmed'
              ? notices.registered
              : notices.waitlisted
            : notices.colleagues_registered;
        return redirect(`/agenda/${params.id}`, notice);
      },
    }),
  ];
}
