// /api/v1 routes of support calls (their shape is relied on elsewhere: issue 16). Thin: parse, authorise,
// call the domain in one transaction.
import { z } from 'zod';
import { defineApiRoute } from '../../platform/http/api.ts';
import { fail } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import { type Application, getApplication, listApplications } from '../applications/applications.ts';
import { decideApplications, motivation } from '../applications/decide.ts';
import { applicationStatuses } from '../applications/statuses.ts';
import { getPerson } from '../organisations/people.ts';
import { callsMessages as m } from './calls.messages.ts';
import { callsPipeline as pipeline } from './calls.pipeline.ts';
import { callsPolicy as policy } from './calls.policy.ts';
import { callInput, createCall, getCall } from './calls.ts';
import { correctDossier, correctionInput, createDossier, dossierInput, submitDossier } from './dossiers.ts';
import { scoreApplication, scoresInput, weightedScores } from './scores.ts';

const idParams = z.object({ id: uuid });
const tag = 'Appels à projets (DCOL)';
const staffOnly = { description: 'Réservé à l’équipe du réseau' };
const notFound = { description: 'Introuvable' };
const decisions = ['accepted', 'rejected', 'closed'] as const;

const dossierOut = z.object({
  id: z.uuid(),
  callId: z.uuid(),
  organisationId: z.uuid().nullable(),
  status: z.enum(applicationStatuses),
  submittedAt: z.string().nullable(),
});
const dossierJson = (a: Application) => ({
  id: a.id,
  callId: a.ownerId,
  organisationId: a.organisationId,
  status: a.status,
  submittedAt: a.submittedAt?.toISOString() ?? null,
});

export function callApiRoutes(services: Services) {
  const { db, config } = services;
  return [
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/calls',
      tag,
      summary: 'Ouvrir un appel (numéro, fenêtre en heure de Paris, grille de critères pondérés, enveloppe)',
      body: callInput,
      allow: (request) => policy.manage(request.actor),
      responses: {
        201: {
          description: 'Appel ouvert',
          schema: z.object({
            id: z.uuid(),
            number: z.number(),
            criteria: z.array(z.object({ id: z.uuid(), label: z.string(), weight: z.number() })),
          }),
        },
        403: staffOnly,
        409: { description: 'Ce numéro d’appel existe déjà' },
      },
      handler: async ({ request }) => {
        const result = await db.transaction((tx) => createCall(tx, request.body, request.actor!.personId));
        if (!result.ok) return result;
        const { id, number, criteria } = result.value;
        return { id, number, criteria: criteria.map(({ id, label, weight }) => ({ id, label, weight })) };
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/calls/:id/applications',
      tag,
      summary:
        'Créer le dossier d’une collectivité adhérente (brouillon), par ses élus, agents ou référent, ou par l’équipe en son nom',
      params: idParams,
      body: dossierInput,
      allow: (request) => Boolean(request.actor),
      responses: {
        201: { description: 'Dossier enregistré en brouillon', schema: dossierOut },
        403: { description: 'Collectivité non éligible (code not_eligible, la raison en français)' },
        404: notFound,
        409: { description: 'Cette collectivité a déjà un dossier pour cet appel' },
        422: { description: 'Hors de la fenêtre de l’appel (code call_closed)' },
      },
      handler: async ({ params, body, request }) => {
        const actor = await getPerson(db, request.actor!.personId);
        if (!actor) return fail(403, 'forbidden', m.forbidden());
        const result = await db.transaction((tx) => createDossier(tx, actor, params.id, body));
        return result.ok ? dossierJson(result.value) : result;
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/call-applications/:id/submit',
      tag,
      summary: 'Déposer un dossier (brouillon → déposé) ; la fenêtre et l’adhésion sont vérifiées à nouveau',
      params: idParams,
      allow: (request) => Boolean(request.actor),
      responses: {
        200: { description: 'Dossier déposé', schema: dossierOut },
        403: { description: 'Réservé aux personnes de la collectivité et à l’équipe' },
        404: notFound,
        422: {
          description:
            'Dossier incomplet (code incomplete, les réponses manquantes par champ), hors de la fenêtre de l’appel (code call_closed), ou déjà en instruction',
        },
      },
      handler: async ({ params, request }) => {
        const result = await db.transaction(async (tx) => {
          const dossier = await getApplication(tx, pipeline, params.id);
          if (!dossier) return fail(404, 'not_found', m.dossierNotFound());
          if (!policy.actFor(request.actor, dossier.organisationId))
            return fail(403, 'forbidden', m.forbidden());
          return submitDossier(tx, params.id, request.actor!.personId);
        });
        return result.ok ? dossierJson(result.value) : result;
      },
    }),
    defineApiRoute({
      method: 'PATCH',
      url: '/api/v1/call-applications/:id',
      tag,
      summary:
        'Corriger les réponses d’un dossier, en brouillon ou déposé, tant que l’instruction n’a pas commencé',
      params: idParams,
      body: correctionInput,
      allow: (request) => Boolean(request.actor),
      responses: {
        200: { description: 'Réponses corrigées', schema: dossierOut },
        403: { description: 'Réservé aux personnes de la collectivité et à l’équipe' },
        404: notFound,
        422: {
          description:
            'Dossier en instruction ou décidé : ses réponses ne se modifient plus (code in_instruction)',
        },
      },
      handler: async ({ params, body, request }) => {
        const result = await db.transaction(async (tx) => {
          const dossier = await getApplication(tx, pipeline, params.id);
          if (!dossier) return fail(404, 'not_found', m.dossierNotFound());
          if (!policy.actFor(request.actor, dossier.organisationId))
            return fail(403, 'forbidden', m.forbidden());
          return correctDossier(tx, params.id, body, request.actor!.personId);
        });
        return result.ok ? dossierJson(result.value) : result;
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/call-applications/:id/scores',
      tag,
      summary:
        'Noter un dossier sur la grille de l’appel (0 à 5 par critère) ; le score pondéré est calculé, le dossier passe en instruction',
      params: idParams,
      body: scoresInput,
      allow: (request) => policy.manage(request.actor),
      responses: {
        201: {
          description: 'Notes enregistrées (le même instructeur remplace les siennes)',
          schema: z.object({ applicationId: z.uuid(), weightedScore: z.number() }),
        },
        403: staffOnly,
        404: notFound,
        422: { description: 'Dossier en brouillon ou déjà décidé (code not_scorable)' },
      },
      handler: async ({ params, request }) =>
        db
          .transaction((tx) => scoreApplication(tx, params.id, request.body, request.actor!.personId))
          .then((result) => (result.ok ? result.value : result)),
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/call-applications/:id/decision',
      tag,
      summary:
        'Décider d’un dossier, avec sa motivation (envoyée au demandeur par courriel) : retenu, refusé ou classé sans suite',
      params: idParams,
      body: z.object({ decision: z.enum(decisions), motivation }),
      allow: (request) => policy.manage(request.actor),
      responses: {
        200: { description: 'Décision enregistrée', schema: dossierOut },
        400: { description: 'Motivation manquante' },
        403: staffOnly,
        404: notFound,
        422: {
          description:
            'Brouillon (code not_submitted), acceptation ou refus d’un dossier pas encore en instruction (code not_in_instruction), ou acceptation au-delà de l’enveloppe de l’appel (code over_envelope, les montants en français)',
        },
      },
      handler: async ({ params, body, request }) => {
        const result = await db.transaction(async (tx) => {
          if (!(await getApplication(tx, pipeline, params.id)))
            return fail(404, 'not_found', m.dossierNotFound());
          return decideApplications(
            tx,
            pipeline,
            { ids: [params.id], decision: body.decision, motivation: body.motivation },
            request.actor!.personId,
            config.baseUrl,
          );
        });
        services.jobs.poke();
        return result.ok ? dossierJson(result.value[0]!) : result;
      },
    }),
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/calls/:id/applications',
      tag,
      summary: 'Les dossiers d’un appel, avec leur statut et leur score pondéré (équipe)',
      params: idParams,
      allow: (request) => policy.manage(request.actor),
      responses: {
        200: {
          description: 'Les dossiers, du plus ancien au plus récent',
          schema: z.object({
            items: z.array(dossierOut.extend({ weightedScore: z.number().nullable() })),
          }),
        },
        403: staffOnly,
        404: notFound,
      },
      handler: async ({ params }) => {
        if (!(await getCall(db, params.id))) return fail(404, 'not_found', m.notFound());
        const dossiers = await listApplications(db, pipeline, params.id);
        const scores = await weightedScores(
          db,
          dossiers.map((d) => d.id),
        );
        return {
          items: dossiers.map((d) => ({ ...dossierJson(d), weightedScore: scores.get(d.id) ?? null })),
        };
      },
    }),
  ];
}
