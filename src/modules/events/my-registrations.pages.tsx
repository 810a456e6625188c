// « Mes inscriptions »: one's registrations with their QR codes, cancelling one (one's own, or a colleague's
// for a referent), and the private calendar address (made, shown once, revoked; the feed it serves).
import { definePage, message, notFound, redirect, view } from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import { personalFeed, renewCalendarFeed, revokeCalendarFeed } from './calendar-feeds.ts';
import { cancelRegistration, getRegistration } from './cancel-registration.ts';
import { feedParams, idParams } from './events.forms.ts';
import { eventsMessages as m, eventsNotices as notices } from './events.messages.ts';
import { eventsPolicy as policy } from './events.policy.ts';
import { myRegistrationsPage } from './events.queries.ts';
import { notificationSettings } from './notifications.ts';
import { MyRegistrationsPage } from './views/my-registrations.tsx';

export function myRegistrationsPages({ db, config, jobs }: Services) {
  const settings = notificationSettings(config);
  const site = { baseUrl: config.baseUrl, domain: settings.identity.domain };

  return [
    definePage({
      method: 'GET',
      url: '/mes-inscriptions',
      access: 'signedIn',
      handler: async ({ actor, ctx, notice }) =>
        view(
          <MyRegistrationsPage
            ctx={ctx}
            {...(await myRegistrationsPage(db, actor, config.baseUrl))}
            notice={notice}
          />,
        ),
    }),
    definePage({
      method: 'POST',
      url: '/inscriptions/:id/annulation',
      access: 'signedIn',
      params: idParams,
      handler: async ({ actor, params }) => {
        const registration = await getRegistration(db, params.id);
        // Someone else's registration is not said to exist.
        if (!registration || !(await policy.actForRegistration(db, actor, registration)))
          return notFound(m.registrationNotYours().text, 'Inscription introuvable');
        const result = await cancelRegistration(db, registration.id, actor.personId, { settings });
        jobs.poke();
        if (!result.ok) return message(result.error.status, 'Annulation impossible', result.error.message);
        return redirect(
          registration.personId === actor.personId ? '/mes-inscriptions' : `/agenda/${registration.eventId}`,
          notices.registration_cancelled,
        );
      },
    }),
    // The new address is shown once, on the page that answers the form: it is never stored in clear.
    definePage({
      method: 'POST',
      url: '/mes-inscriptions/calendrier',
      access: 'signedIn',
      handler: async ({ actor, ctx }) => {
        const token = await db.transaction((tx) => renewCalendarFeed(tx, actor.personId));
        return view(
          <MyRegistrationsPage
            ctx={ctx}
            {...(await myRegistrationsPage(db, actor, config.baseUrl, token))}
          />,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: '/mes-inscriptions/calendrier/suppression',
      access: 'signedIn',
      handler: async ({ actor }) => {
        await db.transaction((tx) => revokeCalendarFeed(tx, actor.personId));
        return redirect('/mes-inscriptions', notices.feed_revoked);
      },
    }),
    // The address is the credential: calendar applications ask without a session.
    definePage({
      method: 'GET',
      url: '/agenda/personnel/:file',
      access: 'public',
      params: feedParams,
      handler: async ({ params, reply }) => {
        const feed = params.token ? await personalFeed(db, params.token, site) : undefined;
        if (!feed) return reply.code(404).type('text/plain; charset=utf-8').send(m.feedGone().text);
        return reply.type('text/calendar; charset=utf-8').send(feed);
      },
    }),
  ];
}
