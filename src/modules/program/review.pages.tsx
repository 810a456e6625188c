// Staff's review of an edition's applications: the queue (the applications module's parts), an opinion,
// a decision. After a form, back to the same filtered page, at the application's card.
import type { Executor } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { definePage, notFound, type PageOutcome, redirect, view } from '../../platform/http/pages.tsx';
import type { Failure } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { giveOpinion } from '../applications/opinions.ts';
import { decideApplication, getApplication } from './applications.ts';
import { applicationParams, idParams, keptQueue, queueQuery, queueUrl } from './program.forms.ts';
import { programMessages as m, programNotices as notices } from './program.messages.ts';
import { programPipeline } from './program.pipeline.ts';
import { programPolicy as policy } from './program.policy.ts';
import { type ProgramQueueFilters, regionChoices, reviewQueuePage } from './program.queries.ts';
import { getProgram, type Program } from './programs.ts';
import { ApplicationsPage, type CardError } from './views/review.tsx';

/** A page of an edition's queue; after a refused form, with its error on the application's card. */
async function queueView(
  executor: Executor,
  ctx: PageContext,
  program: Program,
  actor: Actor,
  filters: ProgramQueueFilters,
  page: number,
  extra: { decisionError?: CardError; opinionError?: CardError; notice?: string | undefined } = {},
  status = 200,
): Promise<PageOutcome> {
  const queue = await reviewQueuePage(executor, program, filters, page, actor.personId);
  return view(
    <ApplicationsPage
      ctx={ctx}
      program={program}
      {...queue}
      filters={filters}
      regions={regionChoices()}
      {...extra}
    />,
    status,
  );
}

/** A refused form's sentence: the one of its first field, else the failure's. */
const refusalText = (failure: Failure, field: string, chooseText: string) =>
  failure.fields?.[field]
    ? chooseText
    : failure.fields
      ? Object.values(failure.fields).join(' ')
      : failure.message;

export function reviewPages(services: Services) {
  const { db, config } = services;

  /** The edition and one of its applications named by the address (another edition's is not found). */
  async function applicationOfEdition(params: { id: string; applicationId: string }) {
    const [program, application] = await Promise.all([
      getProgram(db, params.id),
      getApplication(db, params.applicationId),
    ]);
    return program && application?.programId === program.id ? { program, application } : undefined;
  }

  return [
    definePage({
      method: 'GET',
      url: '/gestion/parcours/:id/candidatures',
      access: policy.manage,
      params: idParams,
      query: queueQuery,
      handler: async ({ actor, params, query, ctx, notice }) => {
        const program = await getProgram(db, params.id);
        if (!program) return notFound(m.programGone().text);
        return queueView(db, ctx, program, actor, query.filters, query.page, {
          notice: query.ignored ? m.filtersIgnored().text : notice,
        });
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/parcours/:id/candidatures/:applicationId/decision',
      access: policy.manage,
      params: applicationParams,
      handler: async ({ actor, params, form, ctx }) => {
        const found = await applicationOfEdition(params);
        if (!found) return notFound(m.applicationGone().text);
        const { program, application } = found;
        const { filters, page } = keptQueue(form);
        const result = await db.transaction((tx) =>
          decideApplication(
            tx,
            application.id,
            { decision: form.decision, comment: form.comment },
            actor.personId,
            config.baseUrl,
          ),
        );
        services.jobs.poke();
        if (result.ok)
          return redirect(
            queueUrl(program.id, filters, page, `candidature-${application.id}`),
            notices.decision_saved,
          );
        const message = refusalText(result.error, 'decision', m.chooseDecision().text);
        return queueView(
          db,
          ctx,
          program,
          actor,
          filters,
          page,
          { decisionError: { applicationId: application.id, message } },
          result.error.status,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/parcours/:id/candidatures/:applicationId/avis',
      access: policy.manage,
      params: applicationParams,
      handler: async ({ actor, params, form, ctx }) => {
        const found = await applicationOfEdition(params);
        if (!found) return notFound(m.applicationGone().text);
        const { program, application } = found;
        const { filters, page } = keptQueue(form);
        const result = await db.transaction((tx) =>
          giveOpinion(
            tx,
            programPipeline,
            application.id,
            { opinion: form.opinion, score: form.score, note: form.note },
            actor.personId,
          ),
        );
        if (result.ok)
          return redirect(
            queueUrl(program.id, filters, page, `candidature-${application.id}`),
            notices.opinion_saved,
          );
        const message = refusalText(result.error, 'opinion', m.chooseOpinion().text);
        return queueView(
          db,
          ctx,
          program,
          actor,
          filters,
          page,
          { opinionError: { applicationId: application.id, message } },
          result.error.status,
        );
      },
    }),
  ];
}
