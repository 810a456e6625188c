// Staff's review of an edition's applications: the queue as a table, a decision for the rows ticked (its
// mails previewed, then confirmed), an application's page with its opinion and decision forms. After a
// form, back to the same list (filters, order, page).
import type { Executor } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { definePage, notFound, type PageOutcome, redirect, view } from '../../platform/http/pages.tsx';
import type { Failure } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { giveOpinion } from '../applications/opinions.ts';
import { selectedIds } from '../applications/selection.ts';
import {
  decideApplication,
  decideApplicationsOfEdition,
  getApplication,
  previewDecisions,
} from './applications.ts';
import {
  applicationParams,
  idParams,
  keptQueue,
  type QueueView,
  queueQuery,
  queueUrl,
  queueViewUrl,
} from './program.forms.ts';
import { programMessages as m, programNotices as notices } from './program.messages.ts';
import { programPipeline } from './program.pipeline.ts';
import { programPolicy as policy } from './program.policy.ts';
import { regionChoices, reviewApplicationPage, reviewQueuePage } from './program.queries.ts';
import { getProgram, type Program } from './programs.ts';
import {
  ApplicationReviewPage,
  ApplicationsPage,
  type BulkState,
  DecisionPreviewPage,
} from './views/review.tsx';

/** A page of an edition's queue; the bulk form as it was sent when it comes back. */
async function queueView(
  executor: Executor,
  ctx: PageContext,
  program: Program,
  actor: Actor,
  list: QueueView,
  extra: { bulk?: BulkState; notice?: string | undefined } = {},
  status = 200,
): Promise<PageOutcome> {
  const queue = await reviewQueuePage(executor, program, list, actor.personId);
  return view(
    <ApplicationsPage
      ctx={ctx}
      program={program}
      {...queue}
      list={list}
      regions={regionChoices()}
      {...extra}
    />,
    status,
  );
}

/** An application's review page; after a refused form, with its error. */
async function applicationView(
  executor: Executor,
  ctx: PageContext,
  program: Program,
  actor: Actor,
  applicationId: string,
  list: QueueView,
  extra: { decisionError?: string; opinionError?: string; notice?: string | undefined } = {},
  status = 200,
): Promise<PageOutcome> {
  const row = await reviewApplicationPage(executor, program, applicationId, actor.personId);
  if (!row) return notFound(m.applicationGone().text);
  return view(<ApplicationReviewPage ctx={ctx} program={program} row={row} list={list} {...extra} />, status);
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
        return queueView(db, ctx, program, actor, query, {
          notice: query.ignored ? m.filtersIgnored().text : notice,
        });
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/parcours/:id/candidatures/:applicationId',
      access: policy.manage,
      params: applicationParams,
      query: queueQuery,
      handler: async ({ actor, params, query, ctx, notice }) => {
        const found = await applicationOfEdition(params);
        if (!found) return notFound(m.applicationGone().text);
        return applicationView(db, ctx, found.program, actor, found.application.id, query, { notice });
      },
    }),
    // The table's form: tick every row of the page or none (without JavaScript), preview who will be mailed
    // what, then confirm; nothing is written before the confirmation.
    definePage({
      method: 'POST',
      url: '/gestion/parcours/:id/candidatures/decisions',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const program = await getProgram(db, params.id);
        if (!program) return notFound(m.programGone().text);
        const list = keptQueue(form);
        const ids = selectedIds(form);
        const bulk: BulkState = {
          selected: new Set(ids),
          decision: form.decision,
          motivation: form.motivation,
        };
        if (form.etape === 'tout' || form.etape === 'aucun') {
          const shown = await reviewQueuePage(db, program, list, actor.personId);
          bulk.selected = new Set(
            form.etape === 'tout' ? shown.rows.items.map((r) => r.queue.application.id) : [],
          );
          return queueView(db, ctx, program, actor, list, { bulk });
        }
        const input = { ids, decision: form.decision, motivation: form.motivation };
        if (form.etape === 'confirmer') {
          const decided = await db.transaction((tx) =>
            decideApplicationsOfEdition(tx, program.id, input, actor.personId, config.baseUrl),
          );
          services.jobs.poke();
          if (decided.ok) return redirect(queueUrl(program.id, list), notices.decisions_saved);
          if (decided.error.status === 404) return notFound(m.applicationGone().text);
          // Refused at the last moment (a place taken meanwhile): the preview again, with why.
          const preview = await previewDecisions(db, program.id, input, config.baseUrl);
          if (!preview.ok)
            return queueView(
              db,
              ctx,
              program,
              actor,
              list,
              { bulk: refused(bulk, preview.error) },
              preview.error.status,
            );
          return view(
            <DecisionPreviewPage
              ctx={ctx}
              program={program}
              list={list}
              preview={preview.value}
              error={decided.error.message}
            />,
            decided.error.status,
          );
        }
        const preview = await previewDecisions(db, program.id, input, config.baseUrl);
        if (!preview.ok) {
          if (preview.error.status === 404) return notFound(m.applicationGone().text);
          return queueView(
            db,
            ctx,
            program,
            actor,
            list,
            { bulk: refused(bulk, preview.error) },
            preview.error.status,
          );
        }
        return view(<DecisionPreviewPage ctx={ctx} program={program} list={list} preview={preview.value} />);
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
        const list = keptQueue(form);
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
            queueUrl(program.id, list, `candidature-${application.id}`),
            notices.decision_saved,
          );
        return applicationView(
          db,
          ctx,
          program,
          actor,
          application.id,
          list,
          { decisionError: refusalText(result.error, 'decision', m.chooseDecision().text) },
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
        const list = keptQueue(form);
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
            queueViewUrl(`/gestion/parcours/${program.id}/candidatures/${application.id}`, list),
            notices.opinion_saved,
          );
        return applicationView(
          db,
          ctx,
          program,
          actor,
          application.id,
          list,
          { opinionError: refusalText(result.error, 'opinion', m.chooseOpinion().text) },
          result.error.status,
        );
      },
    }),
  ];
}

/** The bulk form back with the refusal in a sentence: what to tick or choose. */
function refused(bulk: BulkState, failure: Failure): BulkState {
  const fields = failure.fields ?? {};
  const error = fields.ids
    ? m.tickApplications().text
    : fields.decision
      ? m.chooseDecision().text
      : Object.keys(fields).length
        ? Object.values(fields).join(' ')
        : failure.message;
  return { ...bulk, error };
}
