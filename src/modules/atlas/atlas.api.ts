// /api/v1 routes of the atlas (their shape is relied on elsewhere: issue 14). Thin: parse, authorise, call.
import { z } from 'zod';
import { defineApiRoute } from '../../platform/http/api.ts';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import { atlasPolicy as policy } from './atlas.policy.ts';
import { type Card, cardsOf } from './atlas.queries.ts';
import { partnershipKinds, partnershipStatuses } from './atlas.schema.ts';
import { addProject, createPartnership, partnershipInput, projectInput } from './partnerships.ts';
import { countryName } from './places.ts';
import { facetNames, searchFilters, searchPartnerships } from './search.ts';
import { sdgs, themes } from './themes.ts';

const staffOnly = { description: 'Réservé à l’équipe du réseau' };

const sideOut = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  regionCode: z.string().nullable().describe('Code INSEE de la région'),
  departementCode: z.string().nullable(),
});

const partnershipOut = z.object({
  id: z.uuid(),
  frenchOrganisations: z.array(sideOut).describe('Le côté français : une ou plusieurs collectivités'),
  partner: z.object({
    id: z.uuid(),
    name: z.string(),
    country: z.string().describe('Code ISO 3166-1 alpha-2'),
    countryName: z.string(),
    region: z.string().nullable().describe('Province, région ou préfecture, quand elle est connue'),
  }),
  kind: z.enum(partnershipKinds),
  status: z.enum(partnershipStatuses),
  since: z.number().int().nullable(),
  themes: z.array(z.string()).describe('Codes de GET /api/v1/themes'),
  projects: z.number().int().describe('Nombre de projets'),
  updatedAt: z.string(),
});

const partnershipJson = (card: Card) => ({
  id: card.id,
  frenchOrganisations: card.french,
  partner: { ...card.partner, countryName: countryName(card.partner.country) },
  kind: card.kind,
  status: card.status,
  since: card.since,
  themes: card.themes,
  projects: card.projects.length,
  updatedAt: card.updatedAt.toISOString(),
});

const counts = z.record(z.string(), z.number().int());

export function atlasApiRoutes(services: Services) {
  const { db } = services;
  return [
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/partnerships',
      tag: 'Atlas',
      summary:
        'Créer un partenariat (une ou plusieurs collectivités françaises ↔ une collectivité étrangère)',
      body: partnershipInput,
      allow: (request) => policy.manage(request.actor),
      responses: {
        201: { description: 'Partenariat créé', schema: partnershipOut },
        403: staffOnly,
        422: {
          description:
            'Organisations inconnues, côté français qui n’est pas une collectivité française, partenaire qui n’est pas étranger',
        },
      },
      handler: async ({ request }) => {
        const result = await db.transaction((tx) =>
          createPartnership(tx, request.body, request.actor!.personId),
        );
        if (!result.ok) return result;
        const [card] = await cardsOf(db, [result.value.id]);
        return partnershipJson(card!);
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/partnerships/:id/projects',
      tag: 'Atlas',
      summary: 'Ajouter un projet à un partenariat (montant en centimes entiers)',
      params: z.object({ id: uuid }),
      body: projectInput,
      allow: (request) => policy.manage(request.actor),
      responses: {
        201: {
          description: 'Projet ajouté',
          schema: z.object({
            id: z.uuid(),
            partnershipId: z.uuid(),
            title: z.string(),
            startYear: z.number().int(),
          }),
        },
        403: staffOnly,
        404: { description: 'Partenariat introuvable' },
      },
      handler: async ({ request, params }) => {
        const result = await db.transaction((tx) =>
          addProject(tx, params.id, request.body, request.actor!.personId),
        );
        if (!result.ok) return result;
        const { id, partnershipId, title, startYear } = result.value;
        return { id, partnershipId, title, startYear };
      },
    }),
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/partnerships',
      tag: 'Atlas',
      summary:
        'Chercher des partenariats (texte en français, sans accents ni majuscules requis) avec facettes : chaque compte est le total qu’on obtiendrait en choisissant la valeur',
      auth: false,
      query: searchFilters,
      responses: {
        200: {
          description: 'Une page de 30 partenariats, le total et les facettes',
          schema: z.object({
            items: z.array(partnershipOut),
            total: z.number().int(),
            page: z.number().int(),
            facets: z.object(
              Object.fromEntries(facetNames.map((f) => [f, counts])) as Record<
                (typeof facetNames)[number],
                typeof counts
              >,
            ),
          }),
        },
      },
      handler: async ({ query }) => {
        const found = await searchPartnerships(db, query);
        return {
          items: (await cardsOf(db, found.ids)).map(partnershipJson),
          total: found.total,
          page: query.page,
          facets: found.facets,
        };
      },
    }),
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/themes',
      tag: 'Atlas',
      summary: 'La liste des thèmes du réseau, chacun relié aux objectifs de développement durable (ODD)',
      auth: false,
      responses: {
        200: {
          description: 'Les thèmes',
          schema: z.object({
            items: z.array(
              z.object({
                code: z.string(),
                label: z.string(),
                sdgs: z.array(z.object({ number: z.number().int(), label: z.string() })),
              }),
            ),
          }),
        },
      },
      handler: async () => ({
        items: themes.map((t) => ({
          code: t.code,
          label: t.label,
          sdgs: t.sdgs.map((n) => ({ number: n, label: sdgs[n]! })),
        })),
      }),
    }),
  ];
}
