// /api/v1 routes of the Rencontres (their shape is relied on elsewhere: issue 18). Thin: parse, authorise, call.
import { z } from 'zod';
import { defineApiRoute } from '../../platform/http/api.ts';
import { fail } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import { notificationSettings } from '../events/notifications.ts';
import { organisationsPolicy } from '../organisations/organisations.policy.ts';
import { badgesPdf } from './badges.ts';
import { chooseSession, dropSession } from './choices.ts';
import { conferencesMessages as m } from './conferences.messages.ts';
import { categoryCodes, choiceStatuses, sessionKinds } from './conferences.schema.ts';
import {
  addRoom,
  cancelSession,
  categoryInput,
  conferenceInput,
  createConference,
  getConference,
  listCategories,
  listRooms,
  listSessions,
  roomInput,
  saveSession,
  sessionInput,
  updateCategory,
} from './conferences.ts';
import { conferenceRegistrationInput, registerToConference } from './registrations.ts';

const idParams = z.object({ id: uuid });
const sessionParams = z.object({ id: uuid, sessionId: uuid });
const categoryParams = z.object({ id: uuid, code: z.enum(categoryCodes) });
const staffOnly = { description: 'Réservé à l’équipe du réseau' };
const notFound = { description: 'Introuvable' };
const created = z.object({ id: z.uuid() });
const badgesQuery = z.object({
  registrationIds: z
    .preprocess(
      (v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
      z.array(uuid).max(2000).optional(),
    )
    .describe(
      'Une sélection d’inscriptions (identifiants séparés par des virgules) ; toutes les confirmées sinon',
    ),
  format: z
    .enum(['sheet', 'single'])
    .default('sheet')
    .describe('sheet : A4, 8 par page ; single : un badge par page'),
});

const conferenceOut = z.object({
  id: z.uuid(),
  eventId: z.uuid().describe('Son événement de l’agenda : inscriptions, liste d’attente, présences'),
  edition: z.number().int().nullable(),
  title: z.string(),
  venue: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  registrationOpensAt: z.string().nullable(),
  registrationClosesAt: z.string().nullable(),
  capacity: z.number().int().nullable(),
  provisional: z.boolean(),
  rooms: z.array(
    z.object({ id: z.uuid(), name: z.string(), capacity: z.number().int(), accessible: z.boolean() }),
  ),
  categories: z.array(
    z.object({
      code: z.enum(categoryCodes),
      feeCents: z.number().int(),
      quota: z.number().int().nullable(),
      selfService: z.boolean(),
    }),
  ),
  sessions: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(sessionKinds),
      title: z.string(),
      roomId: z.uuid().nullable().describe('null : toutes les salles (pause, déjeuner, accueil)'),
      startsAt: z.string(),
      endsAt: z.string(),
      capacity: z.number().int().nullable(),
    }),
  ),
});

export function conferencesApiRoutes(services: Services) {
  const { db } = services;
  const settings = notificationSettings(services.config);
  const staff = (request: { actor: { staff: boolean } | null }) => Boolean(request.actor?.staff);
  return [
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/conferences',
      tag: 'Rencontres',
      summary: 'Créer une édition des Rencontres (et son événement de l’agenda)',
      body: conferenceInput,
      allow: staff,
      responses: { 201: { description: 'Édition créée', schema: created }, 403: staffOnly },
      handler: async ({ request }) => {
        const result = await db.transaction((tx) =>
          createConference(tx, request.body, request.actor!.personId),
        );
        return result.ok ? { id: result.value.id } : result;
      },
    }),
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/conferences/:id',
      tag: 'Rencontres',
      summary: 'Une édition : ses salles, ses catégories et sa grille',
      params: idParams,
      auth: false,
      responses: { 200: { description: 'L’édition', schema: conferenceOut }, 404: notFound },
      handler: async ({ params }) => {
        const conference = await getConference(db, params.id);
        if (!conference) return fail(404, 'not_found', m.conferenceNotFound());
        const [rooms, categories, sessions] = await Promise.all([
          listRooms(db, conference.id),
          listCategories(db, conference.id),
          listSessions(db, conference.id),
        ]);
        const { event } = conference;
        return {
          id: conference.id,
          eventId: event.id,
          edition: conference.edition,
          title: event.title,
          venue: event.venue,
          startsAt: event.startsAt.toISOString(),
          endsAt: event.endsAt.toISOString(),
          registrationOpensAt: event.registrationOpensAt?.toISOString() ?? null,
          registrationClosesAt: event.registrationClosesAt?.toISOString() ?? null,
          capacity: event.capacity,
          provisional: event.provisional,
          rooms: rooms.map((r) => ({
            id: r.id,
            name: r.name,
            capacity: r.capacity,
            accessible: r.accessible,
          })),
          categories: categories.map((c) => ({
            code: c.code,
            feeCents: c.feeCents,
            quota: c.quota,
            selfService: c.selfService,
          })),
          sessions: sessions.map((s) => ({
            id: s.id,
            kind: s.kind,
            title: s.title,
            roomId: s.roomId,
            startsAt: s.startsAt.toISOString(),
            endsAt: s.endsAt.toISOString(),
            capacity: s.capacity,
          })),
        };
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/conferences/:id/rooms',
      tag: 'Rencontres',
      summary: 'Ajouter une salle',
      params: idParams,
      body: roomInput,
      allow: staff,
      responses: {
        201: { description: 'Salle ajoutée', schema: created },
        403: staffOnly,
        404: notFound,
        409: { description: 'Une salle porte déjà ce nom (code room_exists)' },
      },
      handler: async ({ params, request }) => {
        const result = await db.transaction((tx) =>
          addRoom(tx, params.id, request.body, request.actor!.personId),
        );
        return result.ok ? { id: result.value.id } : result;
      },
    }),
    defineApiRoute({
      method: 'PATCH',
      url: '/api/v1/conferences/:id/categories/:code',
      tag: 'Rencontres',
      summary: 'Changer le tarif, le quota ou l’ouverture d’une catégorie',
      params: categoryParams,
      body: categoryInput,
      allow: staff,
      responses: {
        200: { description: 'La catégorie', schema: z.object({ code: z.enum(categoryCodes) }) },
        403: staffOnly,
        404: notFound,
      },
      handler: async ({ params, request }) => {
        const result = await db.transaction((tx) =>
          updateCategory(tx, params.id, params.code, request.body, request.actor!.personId),
        );
        return result.ok ? { code: result.value.code } : result;
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/conferences/:id/sessions',
      tag: 'Rencontres',
      summary: 'Placer une séance sur la grille',
      params: idParams,
      body: sessionInput,
      allow: staff,
      responses: {
        201: { description: 'Séance placée', schema: created },
        403: staffOnly,
        404: notFound,
        409: {
          description:
            'La salle est prise à ce moment-là (code room_conflict) ; un·e intervenant·e est déjà ailleurs (code speaker_conflict)',
        },
        422: {
          description:
            'Salle d’une autre édition (code unknown_room) ; groupe ou intervenant·e inconnu (unknown_group, unknown_person)',
        },
      },
      handler: async ({ params, request }) => {
        const result = await db.transaction((tx) =>
          saveSession(tx, params.id, request.body, request.actor!.personId),
        );
        return result.ok ? { id: result.value.id } : result;
      },
    }),
    defineApiRoute({
      method: 'PUT',
      url: '/api/v1/conferences/:id/sessions/:sessionId',
      tag: 'Rencontres',
      summary: 'Changer une séance (mêmes vérifications qu’à sa création)',
      params: sessionParams,
      body: sessionInput,
      allow: staff,
      responses: {
        200: { description: 'Séance changée', schema: created },
        403: staffOnly,
        404: notFound,
        409: { description: 'Salle prise (room_conflict) ; intervenant·e ailleurs (speaker_conflict)' },
        422: {
          description:
            'Salle d’une autre édition (code unknown_room) ; groupe ou intervenant·e inconnu (unknown_group, unknown_person)',
        },
      },
      handler: async ({ params, request }) => {
        const result = await db.transaction((tx) =>
          saveSession(tx, params.id, request.body, request.actor!.personId, params.sessionId),
        );
        return result.ok ? { id: result.value.id } : result;
      },
    }),
    defineApiRoute({
      method: 'DELETE',
      url: '/api/v1/conferences/:id/sessions/:sessionId',
      tag: 'Rencontres',
      summary: 'Annuler une séance (elle quitte la grille et les programmes personnels)',
      params: sessionParams,
      allow: staff,
      responses: { 204: { description: 'Séance annulée' }, 403: staffOnly, 404: notFound },
      handler: async ({ params, request }) => {
        const result = await db.transaction((tx) =>
          cancelSession(tx, params.id, params.sessionId, request.actor!.personId),
        );
        return result.ok ? undefined : result;
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/conferences/:id/registrations',
      tag: 'Rencontres',
      summary:
        'Inscrire une personne (elle-même, un·e collègue pour un·e référent·e, n’importe qui pour l’équipe)',
      params: idParams,
      body: conferenceRegistrationInput,
      responses: {
        201: {
          description: 'Inscription faite (confirmée ou en liste d’attente)',
          schema: z.object({
            id: z.uuid().describe('L’inscription (celle de l’agenda)'),
            status: z.enum(['confirmed', 'waitlisted']),
            category: z.enum(categoryCodes),
            amountDueCents: z.number().int().describe('0 pour les personnes des collectivités adhérentes'),
          }),
        },
        403: { description: 'Ni la personne, ni son référent, ni l’équipe' },
        404: notFound,
        409: { description: 'Déjà inscrite (code already_registered)' },
        422: {
          description:
            'Inscriptions pas encore ouvertes ou closes, la date dans le message (code registration_closed) ; catégorie qui ne convient pas (category_not_allowed) ; quota atteint (quota_reached)',
        },
      },
      handler: async ({ params, request }) => {
        const actor = request.actor!;
        const result = await registerToConference(db, params.id, request.body, {
          settings,
          actorId: actor.personId,
          staff: actor.staff,
          actFor: (person) => organisationsPolicy.actFor(actor, person),
        });
        return result.ok
          ? {
              id: result.value.registrationId,
              status: result.value.status,
              category: result.value.category,
              amountDueCents: result.value.amountDueCents,
            }
          : result;
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/conference-registrations/:id/choices',
      tag: 'Rencontres',
      summary: 'Choisir un atelier ou un micro-atelier (programme personnel)',
      params: idParams,
      body: z.object({ sessionId: uuid }),
      responses: {
        201: {
          description:
            'Choix enregistré : une place (confirmed) ou la liste d’attente de l’atelier (waitlisted)',
          schema: z.object({ id: z.uuid(), sessionId: z.uuid(), status: z.enum(choiceStatuses) }),
        },
        403: { description: 'Ni la personne, ni son référent, ni l’équipe ; séance sur invitation' },
        404: notFound,
        409: {
          description:
            'En même temps qu’un autre choix (code overlap) ; déjà choisie (already_chosen) ; inscription en attente ou annulée (not_confirmed, registration_cancelled)',
        },
        422: { description: 'Séance qui ne se choisit pas, annulée, un jour non inscrit, ou édition passée' },
      },
      handler: async ({ params, body, request }) => {
        const actor = request.actor!;
        const result = await chooseSession(db, params.id, body.sessionId, {
          staff: actor.staff,
          actFor: (person) => organisationsPolicy.actFor(actor, person),
        });
        return result.ok
          ? { id: result.value.id, sessionId: result.value.sessionId, status: result.value.status }
          : result;
      },
    }),
    defineApiRoute({
      method: 'DELETE',
      url: '/api/v1/conference-registrations/:id/choices/:sessionId',
      tag: 'Rencontres',
      summary: 'Retirer une séance de son programme (la première personne en attente prend la place)',
      params: sessionParams,
      responses: {
        204: { description: 'Séance retirée' },
        403: { description: 'Ni la personne, ni son référent, ni l’équipe' },
        404: { description: 'Introuvable, ou pas dans le programme (code not_chosen)' },
        422: { description: 'Édition passée (code ended)' },
      },
      handler: async ({ params, request }) => {
        const actor = request.actor!;
        const result = await dropSession(db, params.id, params.sessionId, {
          staff: actor.staff,
          actFor: (person) => organisationsPolicy.actFor(actor, person),
        });
        return result.ok ? undefined : result;
      },
    }),
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/conferences/:id/badges.pdf',
      tag: 'Rencontres',
      summary: 'Les badges à imprimer : planches A4 de 8, ou un par page pour une imprimante à badges',
      params: idParams,
      query: badgesQuery,
      allow: staff,
      responses: {
        200: { description: 'Les badges', mediaType: 'application/pdf' },
        403: staffOnly,
        404: notFound,
        422: {
          description:
            'Aucun badge à imprimer : pas d’inscription confirmée dans la sélection (code no_badges)',
        },
      },
      handler: async ({ params, query, reply }) => {
        const pdf = await badgesPdf(db, params.id, {
          registrationIds: query.registrationIds,
          layout: query.format,
          baseUrl: services.config.baseUrl,
        });
        if (!pdf.ok) return pdf;
        return reply
          .type('application/pdf')
          .header(
            'content-disposition',
            `inline; filename="badges-${query.format === 'single' ? 'unitaires' : 'planches'}.pdf"`,
          )
          .send(pdf.value);
      },
    }),
  ];
}
