// /api/v1 routes of the groups (their shape is relied on elsewhere: issue 13). Thin: parse, authorise, call.
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { defineApiRoute } from '../../platform/http/api.ts';
import { fail, type Result } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import { optional, uuid } from '../../platform/validation.ts';
import { notificationSettings } from '../events/notifications.ts';
import { getPerson } from '../organisations/people.ts';
import { appointChair, type ChairRow, chairState, chairsOf } from './chairs.ts';
import { groupsMessages as m } from './groups.messages.ts';
import { groupsPolicy as policy } from './groups.policy.ts';
import { groupKinds, roadmapStatuses } from './groups.schema.ts';
import { createGroup, type Group, getGroup, groupInput, listGroups } from './groups.ts';
import { sendGroupInvitations } from './invitations.ts';
import { unlinkMeeting } from './meetings.ts';
import { addMember, follow, unfollow } from './members.ts';
import {
  addRoadmapItem,
  deleteRoadmapItem,
  roadmapInput,
  roadmapPatch,
  updateRoadmapItem,
} from './roadmap.ts';

const forbidden = () => fail(403, 'forbidden', m.forbidden());
const idParams = z.object({ id: uuid });
const meetingParams = z.object({ id: uuid, eventId: uuid });
const itemParams = z.object({ id: uuid, itemId: uuid });
const staffOnly = { description: 'Réservé à l’équipe du réseau' };
const notFound = { description: 'Introuvable' };

const groupOut = z.object({
  id: z.uuid(),
  kind: z.enum(groupKinds),
  name: z.string(),
  slug: z.string(),
  countries: z.array(z.string()).describe('Codes ISO 3166-1 alpha-2'),
  description: z.string().nullable(),
  status: z.enum(['active', 'dormant']),
  archived: z.boolean(),
});

const chairOut = z.object({
  personId: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  organisationId: z.uuid().nullable(),
  startsOn: z.string(),
});

const groupDetailOut = groupOut.extend({
  chair: chairOut
    .nullable()
    .describe('La présidence en cours ; null quand il n’y en a pas ou qu’elle est à pourvoir'),
  chairVacant: z
    .boolean()
    .describe('true : la personne qui préside n’a plus de mandat en cours (« présidence à pourvoir »)'),
  chairs: z
    .array(chairOut.extend({ endsOn: z.string().nullable() }))
    .describe('Toutes les présidences, la plus récente d’abord'),
});

const roadmapOut = z.object({
  id: z.uuid(),
  title: z.string(),
  dueOn: z.string().nullable(),
  status: z.enum(roadmapStatuses),
});

const groupJson = (group: Group) => ({
  id: group.id,
  kind: group.kind,
  name: group.name,
  slug: group.slug,
  countries: group.countries,
  description: group.description,
  status: group.status,
  archived: group.archivedAt !== null,
});

const chairJson = (term: ChairRow) => ({
  personId: term.personId,
  firstName: term.person?.firstName ?? '',
  lastName: term.person?.lastName ?? '',
  organisationId: term.organisationId,
  startsOn: term.startsOn,
});

export function groupsApiRoutes(services: Services) {
  const { db } = services;
  const settings = notificationSettings(services.config);
  /** Following or leaving for a person: 404 for an unknown one, 403 unless the actor may act for them. */
  const forPerson = async <T>(
    actor: Actor | null,
    personId: string,
    run: (tx: Executor, actorId: string) => Promise<Result<T>>,
  ): Promise<Result<T>> => {
    const person = await getPerson(db, personId);
    if (!person) return fail(404, 'not_found', m.personNotFound());
    if (!policy.followFor(actor, person)) return forbidden();
    return db.transaction((tx) => run(tx, actor!.personId));
  };
  return [
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/groups',
      tag: 'Groupes',
      summary: 'Créer un groupe (groupe-pays, dynamique thématique ou mission transversale)',
      body: groupInput,
      allow: (request) => policy.manage(request.actor),
      responses: { 201: { description: 'Groupe créé', schema: groupOut }, 403: staffOnly },
      handler: async ({ request }) => {
        const result = await db.transaction((tx) => createGroup(tx, request.body, request.actor!.personId));
        return result.ok ? groupJson(result.value) : result;
      },
    }),
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/groups',
      tag: 'Groupes',
      summary: 'Lister les groupes (kind : country, thematic ou mission), archivés exceptés',
      query: z.object({ kind: optional(z.enum(groupKinds, { error: m.kindExpected().text })) }),
      responses: { 200: { description: 'Les groupes', schema: z.object({ items: z.array(groupOut) }) } },
      handler: async ({ query }) => ({ items: (await listGroups(db, query.kind)).map(groupJson) }),
    }),
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/groups/:id',
      tag: 'Groupes',
      summary: 'Lire un groupe, sa présidence en cours et l’historique des présidences',
      params: idParams,
      responses: { 200: { description: 'Le groupe', schema: groupDetailOut }, 404: notFound },
      handler: async ({ params }) => {
        const group = await getGroup(db, params.id);
        if (!group) return fail(404, 'not_found', m.groupNotFound());
        const chairs = await chairsOf(db, group.id);
        const state = await chairState(db, chairs);
        return {
          ...groupJson(group),
          chair: state.state === 'in_office' ? chairJson(state.term) : null,
          chairVacant: state.state === 'vacant',
          chairs: chairs.map((t) => ({ ...chairJson(t), endsOn: t.endsOn })),
        };
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/groups/:id/chairs',
      tag: 'Groupes',
      summary:
        'Nommer la présidence à partir d’un jour (la précédente s’achève la veille) : un·e élu·e d’une collectivité adhérente, avec un mandat en cours',
      params: idParams,
      body: z.object({ personId: uuid, startsOn: z.string() }),
      allow: (request) => policy.manage(request.actor),
      responses: {
        201: {
          description: 'Présidence enregistrée',
          schema: chairOut.extend({ endsOn: z.string().nullable() }),
        },
        403: staffOnly,
        404: notFound,
        409: { description: 'Cette personne préside déjà (code already_chair)' },
        422: {
          description:
            'Pas un·e élu·e d’une collectivité adhérente avec un mandat en cours (code chair_not_eligible, message en français), ou début avant la présidence en cours (code invalid)',
        },
      },
      handler: async ({ params, request }) => {
        const result = await db.transaction((tx) =>
          appointChair(tx, params.id, request.body, request.actor!.personId),
        );
        if (!result.ok) return result;
        const [term] = (await chairsOf(db, params.id)).filter((t) => t.id === result.value.id);
        return { ...chairJson(term!), endsOn: term!.endsOn };
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/groups/:id/members',
      tag: 'Groupes',
      summary: 'Faire d’une organisation un membre du groupe (son référent, ou l’équipe)',
      params: idParams,
      body: z.object({ organisationId: uuid }),
      responses: {
        201: {
          description: 'Membre ajouté',
          schema: z.object({ groupId: z.uuid(), organisationId: z.uuid() }),
        },
        403: { description: 'Ni référent de cette organisation, ni l’équipe (code forbidden)' },
        404: notFound,
        409: { description: 'Déjà membre (code already_member)' },
      },
      handler: async ({ params, body, request }) => {
        if (!policy.joinFor(request.actor, body.organisationId)) return forbidden();
        const result = await db.transaction((tx) =>
          addMember(tx, params.id, body.organisationId, request.actor!.personId),
        );
        return result.ok ? { groupId: params.id, organisationId: body.organisationId } : result;
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/groups/:id/followers',
      tag: 'Groupes',
      summary:
        'Suivre le groupe (soi-même, un·e collègue pour un référent, ou l’équipe) ; le suivre de nouveau ne change rien',
      params: idParams,
      body: z.object({ personId: uuid }),
      responses: {
        201: {
          description: 'La personne suit le groupe',
          schema: z.object({ groupId: z.uuid(), personId: z.uuid() }),
        },
        403: { description: 'Pas le droit d’agir pour cette personne (code forbidden)' },
        404: notFound,
      },
      handler: async ({ params, body, request }) => {
        const result = await forPerson(request.actor, body.personId, (tx, actorId) =>
          follow(tx, params.id, body.personId, actorId),
        );
        return result.ok ? { groupId: params.id, personId: body.personId } : result;
      },
    }),
    defineApiRoute({
      method: 'DELETE',
      url: '/api/v1/groups/:id/followers',
      tag: 'Groupes',
      summary: 'Cesser de suivre le groupe (la personne ne le suivait pas : même réponse)',
      operationId: 'unfollowGroup',
      params: idParams,
      body: z.object({ personId: uuid }),
      responses: {
        204: { description: 'La personne ne suit plus le groupe' },
        403: { description: 'Pas le droit d’agir pour cette personne (code forbidden)' },
        404: notFound,
      },
      handler: async ({ params, body, request }) => {
        const result = await forPerson(request.actor, body.personId, (tx, actorId) =>
          unfollow(tx, params.id, body.personId, actorId),
        );
        return result.ok ? undefined : result;
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/groups/:id/roadmap',
      tag: 'Groupes',
      summary: 'Ajouter une étape à la feuille de route du groupe',
      params: idParams,
      body: roadmapInput,
      allow: (request) => policy.manage(request.actor),
      responses: {
        201: { description: 'Étape ajoutée', schema: roadmapOut },
        403: staffOnly,
        404: notFound,
        422: {
          description: 'Événement ou organisation introuvable (codes unknown_event, unknown_organisation)',
        },
      },
      handler: async ({ params, request }) => {
        const result = await db.transaction((tx) =>
          addRoadmapItem(tx, params.id, request.body, request.actor!.personId),
        );
        if (!result.ok) return result;
        const { id, title, dueOn, status } = result.value;
        return { id, title, dueOn, status };
      },
    }),
    defineApiRoute({
      method: 'PATCH',
      url: '/api/v1/groups/:id/roadmap/:itemId',
      tag: 'Groupes',
      summary:
        'Modifier une étape de la feuille de route (chaque champ facultatif ; null efface la date, l’événement ou l’organisation)',
      operationId: 'updateGroupRoadmapItem',
      params: itemParams,
      body: roadmapPatch,
      allow: (request) => policy.manage(request.actor),
      responses: {
        200: {
          description: 'L’étape modifiée',
          schema: roadmapOut.extend({
            eventId: z.uuid().nullable(),
            ownerOrganisationId: z.uuid().nullable(),
          }),
        },
        403: staffOnly,
        404: { description: 'Aucune étape de ce groupe sous cet identifiant (code not_found)' },
        422: {
          description: 'Événement ou organisation introuvable (codes unknown_event, unknown_organisation)',
        },
      },
      handler: async ({ params, request }) => {
        const result = await db.transaction((tx) =>
          updateRoadmapItem(tx, params.id, params.itemId, request.body, request.actor!.personId),
        );
        if (!result.ok) return result;
        const { id, title, dueOn, status, eventId, ownerOrganisationId } = result.value;
        return { id, title, dueOn, status, eventId, ownerOrganisationId };
      },
    }),
    defineApiRoute({
      method: 'DELETE',
      url: '/api/v1/groups/:id/roadmap/:itemId',
      tag: 'Groupes',
      summary: 'Supprimer une étape de la feuille de route',
      operationId: 'deleteGroupRoadmapItem',
      params: itemParams,
      allow: (request) => policy.manage(request.actor),
      responses: {
        204: { description: 'Étape supprimée' },
        403: staffOnly,
        404: { description: 'Aucune étape de ce groupe sous cet identifiant (code not_found)' },
      },
      handler: async ({ params, request }) => {
        const result = await db.transaction((tx) =>
          deleteRoadmapItem(tx, params.id, params.itemId, request.actor!.personId),
        );
        return result.ok ? undefined : result;
      },
    }),
    defineApiRoute({
      method: 'DELETE',
      url: '/api/v1/groups/:id/meetings/:eventId',
      tag: 'Groupes',
      summary: 'Retirer une réunion du groupe (l’événement reste à l’agenda)',
      params: meetingParams,
      allow: (request) => policy.manage(request.actor),
      responses: {
        204: { description: 'L’événement n’est plus une réunion du groupe' },
        403: staffOnly,
        404: { description: 'Cet événement n’est pas une réunion du groupe (code not_meeting)' },
      },
      handler: async ({ params, request }) => {
        const result = await db.transaction((tx) =>
          unlinkMeeting(tx, params.id, params.eventId, request.actor!.personId),
        );
        return result.ok ? undefined : result;
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/events/:id/invitations/send',
      tag: 'Groupes',
      summary:
        'Inviter à la réunion d’un groupe ses abonnés et les référents de ses organisations membres : chaque personne une fois (de nouveau : queued 0) ; le courriel porte l’invitation .ics et le lien d’inscription',
      operationId: 'sendGroupInvitations',
      params: idParams,
      allow: (request) => policy.manage(request.actor),
      responses: {
        202: {
          description: 'Invitations mises dans la file de travaux',
          schema: z.object({
            queued: z.number().int().describe('Le nombre de personnes invitées cette fois'),
          }),
        },
        403: staffOnly,
        404: notFound,
        422: {
          description:
            'Réunion d’aucun groupe (code not_group_meeting), événement annulé (event_cancelled) ou commencé (event_started)',
        },
      },
      handler: async ({ params, request }) => {
        const result = await db.transaction((tx) =>
          sendGroupInvitations(tx, params.id, request.actor!.personId, settings),
        );
        services.jobs.poke();
        return result.ok ? { queued: result.value.queued } : result;
      },
    }),
  ];
}
