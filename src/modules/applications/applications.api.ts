// /api/v1 routes of applications, whatever their owner: deciding and giving an opinion. The application's
// scope names the owner's pipeline, whose reviewers may act. Thin: parse, authorise, call, answer.
import { z } from 'zod';
import { defineApiRoute } from '../../platform/http/api.ts';
import { fail } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import { applicationsMessages as m } from './applications.messages.ts';
import { applicationsPolicy as policy } from './applications.policy.ts';
import { pipelineOfApplication } from './applications.ts';
import { decideApplications, decisionField, motivation } from './decide.ts';
import { giveOpinion, opinionInput } from './opinions.ts';
import { decisionsOf, pipelines } from './pipeline.ts';
import { type Decision, decisionStatuses, opinionKinds } from './statuses.ts';

const idParams = z.object({ id: uuid });

/** The decisions some installed pipeline offers (all of them before any is installed). */
function offeredDecisions(): Decision[] {
  const offered = new Set(pipelines().flatMap(decisionsOf));
  return decisionStatuses.filter((d) => offered.size === 0 || offered.has(d));
}

export function applicationApiRoutes(services: Services) {
  const { db, config } = services;
  const decisions = offeredDecisions();
  return [
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/applications/:id/decision',
      tag: 'Candidatures',
      summary: 'Décider d’une candidature (le candidat est prévenu par courriel)',
      operationId: 'decideApplication',
      params: idParams,
      body: z.object({ decision: decisionField(decisions), comment: motivation }),
      allow: (request) => policy.reviewsAny(request.actor),
      responses: {
        200: {
          description: 'Décision enregistrée',
          schema: z.object({ id: z.uuid(), status: z.enum(decisions as [Decision, ...Decision[]]) }),
        },
        404: { description: 'Candidature introuvable' },
        409: { description: 'Plus de place (la promotion est complète, code cohort_full)' },
      },
      handler: async ({ params, body, request }) => {
        const pipeline = await pipelineOfApplication(db, params.id);
        if (!pipeline) return fail(404, 'not_found', m.notFound());
        if (!policy.review(request.actor, pipeline)) return fail(403, 'forbidden', m.forbidden());
        const result = await db.transaction((tx) =>
          decideApplications(
            tx,
            pipeline,
            { ids: [params.id], decision: body.decision, motivation: body.comment },
            request.actor!.personId,
            config.baseUrl,
          ),
        );
        services.jobs.poke();
        return result.ok ? { id: result.value[0]!.id, status: result.value[0]!.status } : result;
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/applications/:id/opinions',
      tag: 'Candidatures',
      summary:
        'Donner son avis sur une candidature (note sur 20, annotation privée que le candidat ne voit jamais)',
      operationId: 'giveOpinion',
      params: idParams,
      body: opinionInput,
      allow: (request) => policy.reviewsAny(request.actor),
      responses: {
        201: {
          description: 'Avis enregistré (le même instructeur remplace son avis)',
          schema: z.object({
            id: z.uuid(),
            applicationId: z.uuid(),
            opinion: z.enum(opinionKinds),
            score: z.number().nullable(),
          }),
        },
        404: { description: 'Candidature introuvable' },
        422: { description: 'Candidature pas encore déposée (code not_submitted)' },
      },
      handler: async ({ params, body, request }) => {
        const pipeline = await pipelineOfApplication(db, params.id);
        if (!pipeline) return fail(404, 'not_found', m.notFound());
        if (!policy.review(request.actor, pipeline)) return fail(403, 'forbidden', m.forbidden());
        const result = await db.transaction((tx) =>
          giveOpinion(tx, pipeline, params.id, body, request.actor!.personId),
        );
        return result.ok
          ? {
              id: result.value.id,
              applicationId: result.value.applicationId,
              opinion: result.value.opinion,
              score: result.value.score,
            }
          : result;
      },
    }),
  ];
}
