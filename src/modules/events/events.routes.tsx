// Pages of the agenda for everyone: the agenda, an event, registering, « Mes inscriptions », calendar feeds.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { Actor } from '../../platform/http/actor.ts';
import {
  noticeOf,
  pageContext,
  redirectWithNotice,
  requireSignIn,
  sendMessagePage,
  sendPage,
} from '../../platform/http/pages.tsx';
import { toCalendar } from '../../platform/ical/ical.ts';
import { network } from '../../platform/identity.ts';
import { defineNotices } from '../../platform/messages.ts';
import type { Services } from '../../platform/services.ts';
import { parisDate } from '../../platform/time.ts';
import { uuid } from '../../platform/validation.ts';
import { organisationsPolicy } from '../organisations/organisations.policy.ts';
import { getPerson, listPeopleOfOrganisation } from '../organisations/people.ts';
import {
  calendarEntry,
  hasCalendarFeed,
  personalFeed,
  renewCalendarFeed,
  revokeCalendarFeed,
} from './calendar-feeds.ts';
import { cancelRegistration, getRegistration } from './cancel-registration.ts';
import { getDocument, listDocuments } from './documents.ts';
import { checkEligibility } from './eligibility.ts';
import { eventsPolicy as policy } from './events.policy.ts';
import { agendaFilters, eventDetails, listEvents, listSeries } from './events.ts';
import { notificationSettings } from './notifications.ts';
import { register, registrationWindow } from './register.ts';
import {
  listRegistrations,
  listRegistrationsOf,
  liveRegistration,
  seatsTaken,
} from './registrations.queries.ts';
import { AgendaPage } from './views/agenda.tsx';
import { EventPage } from './views/event.tsx';
import { MyRegistrationsPage } from './views/my-registrations.tsx';

const notices = defineNotices('events', {
  registered: 'Inscription enregistrée : un courriel de confirmation est parti.',
  waitlisted: 'L’événement est complet : vous êtes sur la liste d’attente.',
  colleagues_registered: 'Vos collègues sont inscrits ; chacun reçoit un courriel.',
  registration_cancelled: 'Inscription annulée.',
  feed_revoked: 'L’adresse de votre agenda est désactivée.',
});

const idParams = z.object({ id: uuid });
const agendaPageSize = 30;
const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export function registerEventRoutes(app: FastifyInstance, services: Services) {
  const { db, config } = services;
  const settings = notificationSettings(config);
  const site = { baseUrl: config.baseUrl, domain: settings.identity.domain };

  /** An event the viewer may see (eventsPolicy.see), with its series and organisations. */
  async function visibleEvent(request: FastifyRequest, id: string) {
    const details = await eventDetails(db, id);
    if (!details || !(await policy.see(db, request.actor, details.event))) return undefined;
    return details;
  }

  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendMessagePage(
      request,
      reply,
      404,
      'Événement introuvable',
      'Cet événement n’existe pas ou ne vous est pas ouvert.',
    );

  app.get('/agenda', async (request, reply) => {
    const raw = request.query as Record<string, string | undefined>;
    const parsed = agendaFilters.safeParse(raw);
    const filters = parsed.success ? parsed.data : {};
    const view = raw.vue === 'mois' ? 'mois' : 'liste';
    const month = monthParam.safeParse(raw.mois).success ? raw.mois! : parisDate().slice(0, 7);
    if (view === 'mois') {
      const [y, m] = month.split('-').map(Number) as [number, number];
      filters.from = new Date(Date.UTC(y, m - 1, 1) - 2 * 3_600_000);
      filters.to = new Date(Date.UTC(y, m, 1));
    } else {
      filters.from ??= new Date(`${parisDate()}T00:00:00+01:00`);
    }
    // The list shows a page of events at a time (one more is read to know whether a next page exists).
    const page =
      view === 'liste' ? Math.min(Math.max(1, Number.parseInt(raw.page ?? '1', 10) || 1), 1000) : 1;
    const limit = view === 'liste' ? agendaPageSize + 1 : 500;
    const [found, series] = await Promise.all([
      listEvents(db, filters, request.actor, limit, (page - 1) * agendaPageSize),
      listSeries(db),
    ]);
    const hasNext = view === 'liste' && found.length > agendaPageSize;
    const rows = hasNext ? found.slice(0, agendaPageSize) : found;
    return sendPage(
      reply,
      <AgendaPage
        ctx={pageContext(request, reply)}
        rows={rows}
        filters={filters}
        series={series}
        view={view}
        month={month}
        page={page}
        hasNext={hasNext}
        notice={parsed.success ? noticeOf(request) : 'Certains filtres étaient invalides et ont été ignorés.'}
      />,
    );
  });

  app.get('/agenda.ics', async (_request, reply) => {
    const publicRows = await listEvents(db, { from: new Date(Date.now() - 90 * 86_400_000) }, null, 2000);
    return reply.type('text/calendar; charset=utf-8').send(
      toCalendar(
        'Agenda du réseau — Coopdec',
        publicRows.map(({ event }) => calendarEntry(event, site)),
      ),
    );
  });

  app.get('/agenda/personnel/:file', async (request, reply) => {
    const token = /^([\w-]{20,100})\.ics$/.exec((request.params as { file: string }).file)?.[1];
    const feed = token ? await personalFeed(db, token, site) : undefined;
    if (!feed)
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send('Cette adresse d’agenda n’existe pas ou a été désactivée.');
    return reply.type('text/calendar; charset=utf-8').send(feed);
  });

  app.get('/agenda/:id', async (request, reply) => {
    const raw = (request.params as { id: string }).id;
    const ics = raw.endsWith('.ics');
    const params = idParams.safeParse({ id: ics ? raw.slice(0, -4) : raw });
    const details = params.success ? await visibleEvent(request, params.data.id) : undefined;
    if (!details) return notFound(request, reply);
    const { event } = details;
    const actor = request.actor;
    const mine = actor ? await liveRegistration(db, event.id, actor.personId) : undefined;
    if (ics) {
      const entry = calendarEntry(event, site, {
        withOnlineUrl: policy.seeOnlineUrl(actor, mine?.status === 'confirmed'),
        waitlisted: mine?.status === 'waitlisted',
      });
      return reply.type('text/calendar; charset=utf-8').send(toCalendar(event.title, [entry]));
    }
    return showEvent(request, reply, details, mine);
  });

  async function showEvent(
    request: FastifyRequest,
    reply: FastifyReply,
    details: NonNullable<Awaited<ReturnType<typeof eventDetails>>>,
    mine: Awaited<ReturnType<typeof liveRegistration>>,
    error?: string,
    status = 200,
  ) {
    const { event } = details;
    const actor = request.actor;
    const { confirmed } = await seatsTaken(db, event.id);
    let canRegister: { ok: true } | { ok: false; message: string } | null = null;
    let colleagues:
      | (NonNullable<Awaited<ReturnType<typeof getPerson>>> & { registered: boolean })[]
      | undefined;
    const person = actor ? await getPerson(db, actor.personId) : undefined;
    if (person) {
      const window = registrationWindow(event, new Date());
      const eligible = window.ok
        ? await checkEligibility({ executor: db, event, person, at: new Date() })
        : window;
      canRegister = eligible.ok ? { ok: true } : { ok: false, message: eligible.error.message };
      if (actor?.referent && person.organisationId && window.ok) {
        const registered = new Set(
          (await listRegistrations(db, event.id))
            .filter((r) => r.registration.status !== 'cancelled')
            .map((r) => r.person.id),
        );
        colleagues = (await listPeopleOfOrganisation(db, person.organisationId))
          .filter((c) => c.id !== person.id && !c.disabledAt)
          .map((c) => ({ ...c, registered: registered.has(c.id) }));
      }
    }
    const documents = (await policy.seeDocuments(db, actor, event))
      ? await listDocuments(db, event.id)
      : undefined;
    return sendPage(
      reply,
      <EventPage
        ctx={pageContext(request, reply)}
        event={event}
        seriesTitle={details.seriesTitle}
        organisers={details.organisers}
        partners={details.partners}
        confirmed={confirmed}
        baseUrl={config.baseUrl}
        network={{ name: network().name, url: network().website }}
        registration={mine}
        canRegister={canRegister}
        colleagues={colleagues}
        showOnlineUrl={policy.seeOnlineUrl(actor, mine?.status === 'confirmed')}
        documents={documents}
        staff={Boolean(actor?.staff)}
        notice={noticeOf(request)}
        error={error}
      />,
      status,
    );
  }

  app.post('/agenda/:id/inscription', async (request, reply) => {
    const actor = requireSignIn(request, reply);
    if (!actor) return reply;
    const params = idParams.safeParse(request.params);
    const details = params.success ? await visibleEvent(request, params.data.id) : undefined;
    if (!details) return notFound(request, reply);
    const body = (request.body ?? {}) as { mode?: string; personIds?: string | string[] };
    const personIds = body.personIds === undefined ? [] : [body.personIds].flat();
    const registerOne = (personId: string) =>
      register(
        db,
        {
          eventId: details.event.id,
          personId,
          mode: body.mode === 'online' || body.mode === 'in_person' ? body.mode : undefined,
          registeredBy: actor.personId,
        },
        { settings },
      );
    if (personIds.length === 0) {
      const result = await registerOne(actor.personId);
      services.jobs.poke();
      if (!result.ok) {
        const mine = await liveRegistration(db, details.event.id, actor.personId);
        return showEvent(request, reply, details, mine, result.error.message, result.error.status);
      }
      return redirectWithNotice(
        reply,
        `/agenda/${details.event.id}`,
        result.value.status === 'confirmed' ? notices.registered : notices.waitlisted,
      );
    }
    // A referent registers colleagues: each must be of the referent's organisation.
    const failures: string[] = [];
    for (const personId of personIds.slice(0, 200)) {
      const person = uuid.safeParse(personId).success ? await getPerson(db, personId) : undefined;
      if (!person || person.id === actor.personId || !organisationsPolicy.actFor(actor, person)) {
        failures.push('Une des personnes cochées ne fait pas partie de votre collectivité.');
        continue;
      }
      const result = await registerOne(person.id);
      if (!result.ok) failures.push(`${person.firstName} ${person.lastName} : ${result.error.message}`);
    }
    services.jobs.poke();
    if (failures.length) {
      const mine = await liveRegistration(db, details.event.id, actor.personId);
      return showEvent(request, reply, details, mine, failures.join(' '), 422);
    }
    return redirectWithNotice(reply, `/agenda/${details.event.id}`, notices.colleagues_registered);
  });

  app.post('/inscriptions/:id/annulation', async (request, reply) => {
    const actor = requireSignIn(request, reply);
    if (!actor) return reply;
    const params = idParams.safeParse(request.params);
    const registration = params.success ? await getRegistration(db, params.data.id) : undefined;
    const person = registration ? await getPerson(db, registration.personId) : undefined;
    if (!registration || !person || !organisationsPolicy.actFor(actor, person)) {
      return sendMessagePage(
        request,
        reply,
        404,
        'Inscription introuvable',
        'Cette inscription n’existe pas ou ne vous concerne pas.',
      );
    }
    const result = await cancelRegistration(db, registration.id, actor.personId, { settings });
    services.jobs.poke();
    if (!result.ok)
      return sendMessagePage(
        request,
        reply,
        result.error.status,
        'Annulation impossible',
        result.error.message,
      );
    return redirectWithNotice(
      reply,
      person.id === actor.personId ? '/mes-inscriptions' : `/agenda/${registration.eventId}`,
      notices.registration_cancelled,
    );
  });

  async function showMyRegistrations(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    feedToken?: string,
  ) {
    const rows = await listRegistrationsOf(db, actor.personId);
    const items = await Promise.all(
      rows.map(async (row) => ({
        ...row,
        qr:
          row.registration.status === 'confirmed'
            ? `data:image/svg+xml;base64,${Buffer.from(
                await QRCode.toString(`${config.baseUrl}/emargement/${row.registration.checkInToken}`, {
                  type: 'svg',
                  margin: 1,
                }),
              ).toString('base64')}`
            : undefined,
      })),
    );
    return sendPage(
      reply,
      <MyRegistrationsPage
        ctx={pageContext(request, reply)}
        items={items}
        feedUrl={feedToken ? `${config.baseUrl}/agenda/personnel/${feedToken}.ics` : undefined}
        hasFeed={await hasCalendarFeed(db, actor.personId)}
        notice={noticeOf(request)}
      />,
    );
  }

  app.get('/mes-inscriptions', async (request, reply) => {
    const actor = requireSignIn(request, reply);
    if (!actor) return reply;
    return showMyRegistrations(request, reply, actor);
  });

  app.post('/mes-inscriptions/calendrier', async (request, reply) => {
    const actor = requireSignIn(request, reply);
    if (!actor) return reply;
    const token = await db.transaction((tx) => renewCalendarFeed(tx, actor.personId));
    return showMyRegistrations(request, reply, actor, token);
  });

  app.post('/mes-inscriptions/calendrier/suppression', async (request, reply) => {
    const actor = requireSignIn(request, reply);
    if (!actor) return reply;
    await db.transaction((tx) => revokeCalendarFeed(tx, actor.personId));
    return redirectWithNotice(reply, '/mes-inscriptions', notices.feed_revoked);
  });

  app.get('/agenda/:id/documents/:documentId', async (request, reply) => {
    const params = z.object({ id: uuid, documentId: uuid }).safeParse(request.params);
    const details = params.success ? await visibleEvent(request, params.data.id) : undefined;
    const document = details && params.success ? await getDocument(db, params.data.documentId) : undefined;
    if (!details || !document || document.eventId !== details.event.id) return notFound(request, reply);
    if (!(await policy.seeDocuments(db, request.actor, details.event))) {
      return sendMessagePage(
        request,
        reply,
        request.actor ? 403 : 401,
        'Document réservé',
        'Ce document est réservé au public de l’événement. Connectez-vous pour y accéder.',
      );
    }
    return reply
      .type(document.mimeType)
      .header('content-disposition', `attachment; filename="${encodeURIComponent(document.fileName)}"`)
      .header('x-content-type-options', 'nosniff')
      .send(document.content);
  });
}
