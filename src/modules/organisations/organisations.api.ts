// /api/v1 routes of organisations, memberships and people. Thin: parse, authorise, call, answer.
import { z } from 'zod';
import { defineApiRoute } from '../../platform/http/api.ts';
import { fail } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import { organisationKinds, personKinds } from './kinds.ts';
import { isMemberInGoodStanding, listMemberships, membershipInput, recordMembership } from './memberships.ts';
import { organisationsMessages as m } from './organisations.messages.ts';
import { organisationsPolicy as policy } from './organisations.policy.ts';
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  organisationFilters,
  organisationInput,
} from './organisations.ts';
import { createPerson, getPerson, listMandates, personInput } from './people.ts';

const forbidden = () => fail(403, 'forbidden', m.forbidden());
const idParams = z.object({ id: uuid });

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
        403: { description: 'Réservé à l’équipe du réseau' },
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
        403: { description: 'Réservé à l’équipe du réseau' },
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
      method: 'POST',
      url: '/api/v1/organisations/:id/memberships',
      tag: 'Organisations',
      summary: 'Enregistrer l’adhésion d’une organisation pour une année',
      params: idParams,
      body: membershipInput,
      responses: {
        201: { description: 'Adhésion enregistrée (ou mise à jour)', schema: membershipOut },
        403: { description: 'Réservé à l’équipe du réseau' },
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
        422: { description: 'Organisation inconnue (code unknown_organisation)' },
      },
      handler: async ({ body, request }) => {
        const actor = request.actor;
        if (!policy.createPerson(actor, body)) return forbidden();
        const result = await db.transaction((tx) => createPerson(tx, body, actor!.personId));
        if (!result.ok) return result;
        return personJson(result.value.id);
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

  async function personJson(id: string) {
    const person = (await getPerson(db, id))!;
    const mandates = await listMandates(db, id);
    return {
      id: person.id,
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email,
      kind: person.kind,
      organisationId: person.organisationId,
      referent: person.referent,
      mandates: mandates.map(({ mandate: m }) => ({
        id: m.id,
        title: m.title,
        startsOn: m.startsOn,
        endsOn: m.endsOn,
        organisationId: m.organisationId,
      })),
    };
  }
}
