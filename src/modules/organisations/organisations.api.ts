// /api/v1 routes of organisations, memberships and people. Thin: parse, authorise, call, answer.

import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { defineApiRoute } from '../../platform/http/api.ts';
import { fail } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import { organisationChanges, updateOrganisation } from './edit-organisation.ts';
import { personChanges, updatePerson } from './edit-person.ts';
import { civilities, organisationKinds, personKinds } from './kinds.ts';
import { isMemberInGoodStanding, listMemberships, membershipInput, recordMembership } from './memberships.ts';
import { mergeInput, mergePeople } from './merge-people.ts';
import { organisationsMessages as m } from './organisations.messages.ts';
import { organisationsPolicy as policy } from './organisations.policy.ts';
import { mandates as mandatesTable, people as peopleTable } from './organisations.schema.ts';
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  organisationFilters,
  organisationInput,
} from './organisations.ts';
import { createPerson, getPerson, personInput } from './people.ts';
import { listPeople, peopleFilters } from './people-directory.ts';

const forbidden = () => fail(403, 'forbidden', m.forbidden());
const idParams = z.object({ id: uuid });
const staffOnly = { description: 'Réservé à l’équipe du réseau' };
/** The directory's API filters: the contract names q, organisationId and kind (and the page). */
const peopleQuery = peopleFilters.pick({ q: true, organisationId: true, kind: true, page: true });

const organisationOut = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(organisationKinds),
  siren: z.string().nullable(),
  inseeCode: z.string().nullable(),
  country: z.string(),
  regionCode: z.string().nullable(),
  departementCode: z.string().nullable(),
  memberInGoodStanding: z.boolean(),
  /** When it was archived (out of lists unless asked for); null for a living one. */
  archivedAt: z.string().nullable(),
});
const membershipOut = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  year: z.number(),
  status: z.string(),
  feeCents: z.number().nullable(),
  currency: z.string(),
  paidOn: z.string().nullable(),
});
const personOut = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  kind: z.enum(personKinds),
  civility: z.enum(civilities).nullable(),
  organisationId: z.uuid().nullable(),
  referent: z.boolean(),
  mandates: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      startsOn: z.string(),
      endsOn: z.string().nullable(),
      organisationId: z.uuid().nullable(),
    }),
  ),
});

function organisationJson(o: Awaited<ReturnType<typeof getOrganisation>> & {}, member: boolean) {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    siren: o.siren,
    inseeCode: o.inseeCode,
    country: o.country,
    regionCode: o.regionCode,
    departementCode: o.departementCode,
    memberInGoodStanding: member,
    archivedAt: o.archivedAt ? o.archivedAt.toISOString() : null,
  };
}

const membershipJson = (m: Awaited<ReturnType<typeof listMemberships>>[number]) => ({
  id: m.id,
  organisationId: m.organisationId,
  year: m.year,
  status: m.status,
  feeCents: m.feeCents,
  currency: m.currency,
  paidOn: m.paidOn,
});

export function organisationApiRoutes({ db }: Services) {
  return [
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/organisations',
      tag: 'Organisations',
      summary:
        'Créer une organisation (collectivité française du référentiel, collectivité étrangère, institution)',
      body: organisationInput,
      responses: {
        201: { description: 'Organisation créée', schema: organisationOut },
        403: staffOnly,
        409: { description: 'Organisation déjà enregistrée' },
        422: { description: 'Introuvable dans le référentiel officiel' },
      },
      allow: (request) => policy.manage(request.actor),
      handler: async ({ body, request }) => {
        const result = await db.transaction((tx) => createOrganisation(tx, body, request.actor!.personId));
        return result.ok ? organisationJson(result.value, false) : result;
      },
    }),
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/organisations',
      tag: 'Organisations',
      summary: 'Chercher des organisations',
      query: organisationFilters,
      responses: {
        200: {
          description: 'Une page de résultats (25 par page)',
          schema: z.object({ items: z.array(organisationOut), total: z.number(), page: z.number() }),
        },
        403: staffOnly,
      },
      allow: (request) => policy.manage(request.actor),
      handler: async ({ query }) => {
        const { items, total, page } = await listOrganisations(db, query);
        return { items: items.map((o) => organisationJson(o, o.memberThisYear)), total, page };
      },
    }),
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/organisations/:id',
      tag: 'Organisations',
      summary: 'Lire une organisation et ses adhésions',
      params: idParams,
      responses: {
        200: {
          description: 'L’organisation',
          schema: organisationOut.extend({ memberships: z.array(membershipOut) }),
        },
        403: { description: 'Ni équipe du réseau, ni membre de cette organisation' },
        404: { description: 'Introuvable' },
      },
      handler: async ({ params, request }) => {
        const organisation = await getOrganisation(db, params.id);
        if (!organisation) return fail(404, 'not_found', m.organisationNotFound());
        if (!policy.viewOrganisation(request.actor, organisation.id)) return forbidden();
        const [member, memberships] = await Promise.all([
          isMemberInGoodStanding(db, organisation.id),
          listMemberships(db, organisation.id),
        ]);
        return { ...organisationJson(organisation, member), memberships: memberships.map(membershipJson) };
      },
    }),
    defineApiRoute({
      method: 'PATCH',
      url: '/api/v1/organisations/:id',
      tag: 'Organisations',
      summary:
        'Modifier une organisation (nom, pays, SIREN d’une institution ou d’une collectivité étrangère), l’archiver ou la restaurer',
      params: idParams,
      body: organisationChanges,
      responses: {
        200: { description: 'L’organisation modifiée', schema: organisationOut },
        403: staffOnly,
        404: { description: 'Introuvable' },
        409: {
          description: 'Déjà archivée ou pas archivée, archivée (restaurez-la d’abord), SIREN déjà pris',
        },
        422: {
          description:
            'Le nom et les codes d’une collectivité française viennent du référentiel (from_reference)',
        },
      },
      allow: (request) => policy.manage(request.actor),
      handler: async ({ params, body, request }) => {
        const result = await db.transaction((tx) =>
          updateOrganisation(tx, params.id, body, request.actor!.personId),
        );
        if (!result.ok) return result;
        return organisationJson(result.value, await isMemberInGoodStanding(db, result.value.id));
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/organisations/:id/memberships',
      tag: 'Organisations',
      summary: 'Enregistrer l’adhésion d’une organisation pour une année',
      params: idParams,
      body: membershipInput,
      responses: {
        201: { description: 'Adhésion enregistrée (ou mise à jour)', schema: membershipOut },
        403: staffOnly,
        404: { description: 'Organisation introuvable' },
      },
      allow: (request) => policy.manage(request.actor),
      handler: async ({ params, body, request }) => {
        const result = await db.transaction((tx) =>
          recordMembership(tx, params.id, body, request.actor!.personId),
        );
        return result.ok ? membershipJson(result.value) : result;
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/people',
      tag: 'Personnes',
      summary: 'Créer une personne (avec son mandat pour un élu)',
      body: personInput,
      responses: {
        201: { description: 'Personne créée', schema: personOut },
        403: { description: 'Ni équipe du réseau, ni référent de cette organisation' },
        409: { description: 'Adresse électronique déjà utilisée' },
        422: {
          description: 'Organisation inconnue (unknown_organisation) ou archivée (organisation_archived)',
        },
      },
      handler: async ({ body, request }) => {
        const actor = request.actor;
        if (!policy.createPerson(actor, body)) return forbidden();
        const result = await db.transaction((tx) => createPerson(tx, body, actor!.personId));
        return result.ok ? personJson(result.value.id) : result;
      },
    }),
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/people',
      tag: 'Personnes',
      summary:
        'Chercher des personnes : q (nom, prénom ou adresse, sans tenir compte des accents ni des majuscules), organisationId, kind',
      query: peopleQuery,
      responses: {
        200: {
          description: 'Une page de résultats (25 par page, ?page=) et le nombre total de personnes trouvées',
          schema: z.object({ items: z.array(personOut), total: z.number() }),
        },
        403: staffOnly,
      },
      allow: (request) => policy.manage(request.actor),
      handler: async ({ query }) => {
        const { items, total } = await listPeople(db, query);
        return { items: await peopleJson(items.map((i) => i.person.id)), total };
      },
    }),
    defineApiRoute({
      method: 'PATCH',
      url: '/api/v1/people/:id',
      tag: 'Personnes',
      summary:
        'Modifier une personne : nom, prénom, civilité (la personne, son ou sa référente, l’équipe) ; adresse et type (l’équipe)',
      params: idParams,
      body: personChanges,
      responses: {
        200: { description: 'La personne modifiée', schema: personOut },
        403: { description: 'Accès refusé (l’adresse et le type sont réservés à l’équipe du réseau)' },
        404: { description: 'Introuvable' },
        409: { description: 'Adresse électronique déjà utilisée par une autre personne (email_taken)' },
        422: { description: 'Changer son propre type de compte (own_kind)' },
      },
      handler: async ({ params, body, request }) => {
        const person = await getPerson(db, params.id);
        if (!person) return fail(404, 'not_found', m.personNotFound());
        if (!policy.editPerson(request.actor, person, body)) {
          return fail(
            403,
            'forbidden',
            policy.actFor(request.actor, person) ? m.staffOnlyChanges() : m.forbidden(),
          );
        }
        const result = await db.transaction((tx) =>
          updatePerson(tx, params.id, body, request.actor!.personId),
        );
        return result.ok ? personJson(params.id) : result;
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/people/:id/merge',
      tag: 'Personnes',
      summary:
        'Fusionner deux fiches d’une même personne : tout ce que porte la première (inscriptions, présences, mandats, candidatures, certificats…) passe à intoId, puis elle est supprimée',
      operationId: 'mergePerson',
      params: idParams,
      body: mergeInput,
      responses: {
        200: { description: 'La fiche gardée', schema: personOut },
        403: staffOnly,
        404: { description: 'La fiche à fusionner n’existe pas (ou plus)' },
        422: {
          description:
            'Même fiche des deux côtés (same_person), fiche à garder inconnue (unknown_person), sa propre fiche (merge_self)',
        },
      },
      allow: (request) => policy.manage(request.actor),
      handler: async ({ params, body, request }) => {
        const result = await db.transaction((tx) =>
          mergePeople(tx, params.id, body, request.actor!.personId),
        );
        return result.ok ? personJson(result.value.id) : result;
      },
    }),
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/people/:id',
      tag: 'Personnes',
      summary: 'Lire une personne et ses mandats',
      params: idParams,
      responses: {
        200: { description: 'La personne', schema: personOut },
        403: { description: 'Accès refusé' },
        404: { description: 'Introuvable' },
      },
      handler: async ({ params, request }) => {
        const person = await getPerson(db, params.id);
        if (!person) return fail(404, 'not_found', m.personNotFound());
        if (!policy.actFor(request.actor, person)) return forbidden();
        return personJson(person.id);
      },
    }),
  ];

  /** A person as the API gives them. */
  async function personJson(id: string) {
    return (await peopleJson([id]))[0];
  }

  /** People as the API gives them, with their mandates, in the order of `ids`. */
  async function peopleJson(ids: string[]) {
    if (ids.length === 0) return [];
    const [rows, mandates] = await Promise.all([
      db.select().from(peopleTable).where(inArray(peopleTable.id, ids)),
      db.select().from(mandatesTable).where(inArray(mandatesTable.personId, ids)),
    ]);
    return ids.flatMap((id) => {
      const person = rows.find((r) => r.id === id);
      if (!person) return [];
      return [
        {
          id: person.id,
          firstName: person.firstName,
          lastName: person.lastName,
          email: person.email,
          kind: person.kind,
          civility: person.civility,
          organisationId: person.organisationId,
          referent: person.referent,
          mandates: mandates
            .filter((m) => m.personId === id)
            .sort((a, b) => b.startsOn.localeCompare(a.startsOn))
            .map((m) => ({
              id: m.id,
              title: m.title,
              startsOn: m.startsOn,
              endsOn: m.endsOn,
              organisationId: m.organisationId,
            })),
        },
      ];
    });
  }
}
