// /api/v1 routes of the agenda. Thin: parse, authorise, call, answer.
import { z } from 'zod';
import { defineApiRoute } from '../../platform/http/api.ts';
import { fail, type Result } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import { organisationsPolicy } from '../organisations/organisations.policy.ts';
import { audienceSchema } from './audiences.ts';
import { cancelEvent, cancellationInput } from './cancel-event.ts';
import { cancelRegistration, getRegistration } from './cancel-registration.ts';
import { changeEvent } from './change-event.ts';
import { checkIn } from './check-in.ts';
import { eventLinkInput } from './event-links.ts';
import { apiMessageInput, sendEventMessage } from './event-messages.ts';
import { eventsMessages as m } from './events.messages.ts';
import { eventsPolicy as policy } from './events.policy.ts';
import { attendanceModes, eventFormats, eventKinds } from './events.schema.ts';
import {
  agendaFilters,
  createEvent,
  type Event,
  eventInput,
  eventPatch,
  getEvent,
  listEvents,
} from './events.ts';
import { promoteRegistration, recordWalkIn } from './manage-registration.ts';
import { notificationSettings } from './notifications.ts';
import { register } from './register.ts';
import { listRegistrations, liveRegistration, seatsTaken } from './registrations.queries.ts';

const forbidden = () => fail(403, 'forbidden', m.forbidden());
const idParams = z.object({ id: uuid });
const staffOnly = { description: 'Réservé à l’équipe du réseau' };

const eventOut = z.object({
  id: z.uuid(),
  title: z.string(),
  theme: z.string().nullable(),
  kind: z.enum(eventKinds),
  format: z.enum(eventFormats),
  audience: audienceSchema,
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().nullable(),
  seatsLeft: z.number().nullable(),
  registrationOpensAt: z.string().nullable(),
  registrationClosesAt: z.string().nullable(),
  venue: z.string().nullable(),
  description: z.string().nullable(),
  provisional: z.boolean(),
  season: z.number().int().nullable().describe('Dans une série : le numéro de la saison'),
  sessionNumber: z
    .number()
    .int()
    .nullable()
    .describe('Dans une série : le numéro de la session dans sa saison'),
  guest: z.string().nullable().describe('L’invité·e ou le grand témoin de la session'),
  status: z.enum(['scheduled', 'cancelled']).describe('cancelled : l’événement est annulé'),
  cancellationReason: z.string().nullable(),
  previousStartsAt: z.string().nullable().describe('Le début annoncé avant le dernier changement de date'),
  sequence: z.number().int().describe('Révision de l’événement (SEQUENCE des calendriers)'),
  onlineUrl: z
    .string()
    .nullable()
    .optional()
    .describe('Présent seulement pour l’équipe et les inscrits confirmés'),
});

function eventJson(event: Event, confirmed: number, showUrl: boolean) {
  return {
    id: event.id,
    title: event.title,
    theme: event.theme,
    kind: event.kind,
    format: event.format,
    audience: event.audience,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    capacity: event.capacity,
    seatsLeft: event.capacity === null ? null : Math.max(0, event.capacity - confirmed),
    registrationOpensAt: event.registrationOpensAt?.toISOString() ?? null,
    registrationClosesAt: event.registrationClosesAt?.toISOString() ?? null,
    venue: event.venue,
    description: event.description,
    provisional: event.provisional,
    season: event.season,
    sessionNumber: event.sessionNumber,
    guest: event.guest,
    status: event.cancelledAt ? ('cancelled' as const) : ('scheduled' as const),
    cancellationReason: event.cancellationReason,
    previousStartsAt: event.previousStartsAt?.toISOString() ?? null,
    sequence: event.sequence,
    ...(showUrl ? { onlineUrl: event.onlineUrl } : {}),
  };
}

export function eventApiRoutes(services: Services) {
  const { db } = services;
  const settings = notificationSettings(services.config);
  /** After a staff change that mails the registrants: wake the job queue, answer with the event as it now is. */
  const changed = async (result: Result<Event>) => {
    services.jobs.poke();
    if (!result.ok) return result;
    const { confirmed } = await seatsTaken(db, result.value.id);
    return eventJson(result.value, confirmed, true);
  };
  return [
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/events',
      tag: 'Agenda',
      summary:
        'Créer un événement (les modules y ajoutent des liens : groupIds, les groupes dont c’est une réunion)',
      body: z.intersection(eventInput, eventLinkInput()),
      responses: {
        201: { description: 'Événement créé', schema: eventOut },
        403: staffOnly,
      },
      allow: (request) => policy.manage(request.actor),
      // The domain parses the raw body itself (its dates become Date objects once parsed).
      handler: async ({ request }) => {
        const result = await db.transaction((tx) => createEvent(tx, request.body, request.actor!.personId));
        return result.ok ? eventJson(result.value, 0, true) : result;
      },
    }),
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/events',
      tag: 'Agenda',
      summary: 'Lister les événements (from, to : dates ISO 8601)',
      query: agendaFilters,
      responses: {
        200: { description: 'Les événements, par date', schema: z.object({ items: z.array(eventOut) }) },
      },
      handler: async ({ query, request }) => {
        const actor = request.actor;
        const rows = await listEvents(db, query, actor);
        return { items: rows.map(({ event, confirmed }) => eventJson(event, confirmed, false)) };
      },
    }),
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/events/:id',
      tag: 'Agenda',
      summary: 'Lire un événement (le lien de visioconférence pour l’équipe et les inscrits)',
      params: idParams,
      responses: {
        200: { description: 'L’événement', schema: eventOut },
        404: { description: 'Introuvable' },
      },
      handler: async ({ params, request }) => {
        const event = await getEvent(db, params.id);
        const actor = request.actor!;
        if (!event || !(await policy.see(db, actor, event))) return fail(404, 'not_found', m.eventNotFound());
        const mine = await liveRegistration(db, event.id, actor.personId);
        const { confirmed } = await seatsTaken(db, event.id);
        return eventJson(event, confirmed, policy.seeOnlineUrl(actor, mine?.status === 'confirmed'));
      },
    }),
    defineApiRoute({
      method: 'PATCH',
      url: '/api/v1/events/:id',
      tag: 'Agenda',
      summary:
        'Modifier un événement (tout champ de la création, chacun facultatif ; null efface un champ facultatif). Les inscrits sont prévenus d’un changement de date, d’horaire, de lieu, de format ou de lien.',
      params: idParams,
      body: eventPatch,
      responses: {
        200: { description: 'L’événement modifié', schema: eventOut },
        400: { description: 'Saisie invalide' },
        403: staffOnly,
        404: { description: 'Introuvable' },
        422: {
          description:
            'Événement annulé (code event_cancelled) ou organisation introuvable (code unknown_organisation)',
        },
      },
      allow: (request) => policy.manage(request.actor),
      // Like creation, the domain parses the raw body (it lays the change over the event, then checks all).
      handler: async ({ params, request }) => {
        return changed(await changeEvent(db, params.id, request.body, request.actor!.personId, { settings }));
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/events/:id/cancel',
      tag: 'Agenda',
      summary:
        'Annuler un événement, avec un motif : chaque inscrit et chaque personne en attente reçoit un courriel, une fois',
      params: idParams,
      body: cancellationInput,
      responses: {
        200: { description: 'L’événement annulé', schema: eventOut },
        400: { description: 'Motif absent ou trop long' },
        403: staffOnly,
        404: { description: 'Introuvable' },
        409: { description: 'Déjà annulé (code already_cancelled) : rien de nouveau' },
        422: { description: 'Événement terminé (code event_over)' },
      },
      allow: (request) => policy.manage(request.actor),
      handler: async ({ params, body, request }) => {
        return changed(await cancelEvent(db, params.id, body, request.actor!.personId));
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/events/:id/messages',
      tag: 'Agenda',
      summary:
        'Écrire aux inscrits d’un événement (to : confirmed, waitlisted, present ou all). Le message est gardé sur l’événement et chaque destinataire le reçoit une fois par courriel ; le même message (mêmes destinataires, objet et texte) envoyé de nouveau ne part pas une seconde fois.',
      params: idParams,
      body: apiMessageInput,
      responses: {
        202: {
          description: 'Message enregistré ; les courriels partent par la file de travaux',
          schema: z.object({
            recipients: z.number().int().describe('Le nombre de destinataires'),
          }),
        },
        400: { description: 'Saisie invalide (objet, texte ou destinataires)' },
        403: staffOnly,
        404: { description: 'Introuvable' },
        422: {
          description:
            'Événement annulé (code event_cancelled) ou personne parmi ces destinataires (code no_recipients)',
        },
      },
      allow: (request) => policy.manage(request.actor),
      handler: async ({ params, body, request }) => {
        const result = await sendEventMessage(db, params.id, body, request.actor!.personId, settings);
        services.jobs.poke();
        return result.ok ? { recipients: result.value.recipients } : result;
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/events/:id/registrations',
      tag: 'Agenda',
      summary: 'Inscrire une personne (elle-même, par son référent, ou par l’équipe)',
      params: idParams,
      body: z.object({
        personId: uuid,
        mode: z.enum(attendanceModes, { error: m.modeExpected().text }).optional(),
      }),
      responses: {
        201: {
          description: 'Inscrite ou en liste d’attente',
          schema: z.object({ id: z.uuid(), status: z.enum(['confirmed', 'waitlisted']) }),
        },
        403: { description: 'Hors du public visé (code audience) ou pas le droit d’inscrire cette personne' },
        404: { description: 'Événement ou personne introuvable' },
        409: { description: 'Déjà inscrite' },
        422: {
          description:
            'Hors de la période d’inscription (code registration_closed) ou événement annulé (code event_cancelled)',
        },
      },
      handler: async ({ params, body, request }) => {
        // Who may register whom is asked of the person register() reads: one query fewer in a rush.
        const result = await register(
          db,
          {
            eventId: params.id,
            personId: body.personId,
            mode: body.mode,
            registeredBy: request.actor!.personId,
          },
          { settings, actFor: (person) => organisationsPolicy.actFor(request.actor, person) },
        );
        services.jobs.poke();
        return result.ok ? { id: result.value.id, status: result.value.status } : result;
      },
    }),
    defineApiRoute({
      method: 'DELETE',
      url: '/api/v1/registrations/:id',
      tag: 'Agenda',
      summary: 'Annuler une inscription (la première personne en attente est confirmée)',
      operationId: 'cancelRegistration',
      params: idParams,
      responses: {
        204: { description: 'Annulée' },
        403: { description: 'Pas le droit d’annuler l’inscription de cette personne (code forbidden)' },
        404: { description: 'Introuvable' },
        409: { description: 'Déjà annulée (code already_cancelled)' },
        422: { description: 'L’événement a commencé (code event_started)' },
      },
      handler: async ({ params, request }) => {
        const registration = await getRegistration(db, params.id);
        if (!registration) return fail(404, 'not_found', m.registrationNotFound());
        if (!(await policy.actForRegistration(db, request.actor, registration))) return forbidden();
        const result = await cancelRegistration(db, params.id, request.actor!.personId, { settings });
        services.jobs.poke();
        return result.ok ? undefined : result;
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/registrations/:id/check-in',
      tag: 'Agenda',
      summary: 'Émarger (une seconde fois n’enregistre rien de nouveau)',
      params: idParams,
      responses: {
        200: { description: 'Présence enregistrée', schema: z.object({ recorded: z.boolean() }) },
        404: { description: 'Introuvable' },
        409: { description: 'Inscription annulée ou en attente' },
      },
      allow: (request) => policy.manage(request.actor),
      handler: async ({ params, request }) => {
        const result = await db.transaction((tx) => checkIn(tx, params.id, request.actor!.personId));
        return result.ok ? { recorded: result.value.recorded } : result;
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/registrations/:id/promote',
      tag: 'Agenda',
      summary:
        'Confirmer une personne de la liste d’attente (au-delà de la capacité seulement avec overCapacity) ; elle est prévenue par courriel',
      params: idParams,
      body: z.object({
        overCapacity: z.boolean().optional().describe('true : confirmer même si l’événement est complet'),
      }),
      responses: {
        200: {
          description: 'Inscription confirmée',
          schema: z.object({ id: z.uuid(), status: z.enum(['confirmed']) }),
        },
        403: staffOnly,
        404: { description: 'Introuvable' },
        409: {
          description:
            'Événement complet (code event_full) : rien n’est fait sans overCapacity ; ou la personne n’est pas en attente (code not_waitlisted)',
        },
        422: { description: 'Événement annulé (code event_cancelled) ou terminé (code event_over)' },
      },
      allow: (request) => policy.manage(request.actor),
      handler: async ({ params, body, request }) => {
        const result = await promoteRegistration(db, params.id, request.actor!.personId, {
          settings,
          overCapacity: body.overCapacity === true,
        });
        services.jobs.poke();
        return result.ok ? { id: result.value.id, status: 'confirmed' as const } : result;
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/events/:id/attendance',
      tag: 'Agenda',
      summary:
        'Enregistrer la présence d’une personne (venue sans inscription, ou feuille d’émargement saisie après) : l’inscription est créée s’il n’y en avait pas, hors capacité ; une seconde fois n’enregistre rien de nouveau',
      params: idParams,
      body: z.object({
        personId: uuid,
        mode: z.enum(attendanceModes, { error: m.modeExpected().text }).optional(),
      }),
      responses: {
        201: {
          description: 'Présence enregistrée',
          schema: z.object({
            registrationId: z.uuid(),
            recorded: z.literal(true),
            registered: z
              .boolean()
              .describe('true : l’inscription a été créée (ou confirmée) pour l’occasion'),
          }),
        },
        200: {
          description: 'Déjà enregistrée : rien de nouveau',
          schema: z.object({
            registrationId: z.uuid(),
            recorded: z.literal(false),
            registered: z.literal(false),
          }),
        },
        400: { description: 'Mode impossible pour le format de l’événement' },
        403: staffOnly,
        404: { description: 'Événement ou personne introuvable' },
        422: {
          description:
            'L’événement n’a pas commencé (code event_not_started) ou est annulé (code event_cancelled)',
        },
      },
      allow: (request) => policy.manage(request.actor),
      handler: async ({ params, body, request, reply }) => {
        const result = await recordWalkIn(
          db,
          { eventId: params.id, personId: body.personId, mode: body.mode },
          request.actor!.personId,
        );
        if (!result.ok) return result;
        // 201 when something was recorded, 200 when it was known already (the first 2xx would be 200).
        return reply.code(result.value.recorded ? 201 : 200).send(result.value);
      },
    }),
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/events/:id/registrations',
      tag: 'Agenda',
      summary: 'Inscriptions d’un événement, avec la présence',
      params: idParams,
      responses: {
        200: {
          description: 'Les inscriptions',
          schema: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                personId: z.uuid(),
                name: z.string(),
                email: z.string(),
                organisation: z.string().nullable(),
                status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
                mode: z.enum(attendanceModes).nullable(),
                attended: z.boolean(),
                attendedAt: z.string().nullable(),
              }),
            ),
          }),
        },
        403: staffOnly,
        404: { description: 'Introuvable' },
      },
      allow: (request) => policy.manage(request.actor),
      handler: async ({ params }) => {
        if (!(await getEvent(db, params.id))) return fail(404, 'not_found', m.eventNotFound());
        const rows = await listRegistrations(db, params.id);
        return {
          items: rows.map((r) => ({
            id: r.registration.id,
            personId: r.person.id,
            name: `${r.person.firstName} ${r.person.lastName}`,
            email: r.person.email,
            organisation: r.organisationName,
            status: r.registration.status,
            mode: r.registration.mode,
            attended: Boolean(r.attendance?.recordedAt),
            attendedAt: r.attendance?.recordedAt?.toISOString() ?? null,
          })),
        };
      },
    }),
  ];
}
