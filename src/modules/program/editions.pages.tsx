// Staff's pages of the editions and their sessions: the list, creating an edition, an edition's page,
// adding a session (an event of the agenda).
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { definePage, notFound, type PageOutcome, redirect, view } from '../../platform/http/pages.tsx';
import { pageParam } from '../../platform/pagination.ts';
import type { Services } from '../../platform/services.ts';
import { fieldErrors } from '../../platform/validation.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { idParams, programFromForm } from './program.forms.ts';
import { programMessages as m, programNotices as notices } from './program.messages.ts';
import { programPolicy as policy } from './program.policy.ts';
import { editionsOverview, manageEditionPage } from './program.queries.ts';
import { addSession, createProgram, getProgram, type Program, programInput } from './programs.ts';
import { ProgramManagePage, ProgramsPage } from './views/editions.tsx';
import type { Errors, Values } from './views/parts.tsx';

/** An edition's staff page; after a refused form or an action, with its errors or what it did. */
export async function manageView(
  executor: Executor,
  ctx: PageContext,
  program: Program,
  actor: Actor,
  options: {
    allEvents?: boolean;
    page?: number;
    notice?: string | undefined;
    sessionErrors?: Errors;
    sessionValues?: Values;
    status?: number;
  } = {},
): Promise<PageOutcome> {
  const data = await manageEditionPage(executor, program, actor, {
    allEvents: options.allEvents ?? false,
    page: options.page ?? 1,
  });
  return view(
    <ProgramManagePage
      ctx={ctx}
      {...data}
      notice={options.notice}
      sessionErrors={options.sessionErrors}
      sessionValues={options.sessionValues}
    />,
    options.status,
  );
}

export function editionsPages({ db }: Services) {
  const editionsView = async (
    ctx: PageContext,
    extra: { errors?: Errors; values?: Values; notice?: string | undefined } = {},
    status = 200,
  ) => view(<ProgramsPage ctx={ctx} rows={await editionsOverview(db)} {...extra} />, status);

  return [
    definePage({
      method: 'GET',
      url: '/gestion/parcours',
      access: policy.manage,
      handler: async ({ ctx, notice }) => editionsView(ctx, { notice }),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/parcours',
      access: policy.manage,
      handler: async ({ actor, form, ctx }) => {
        const { input, errors } = programFromForm(form);
        if (Object.keys(errors).length) {
          const parsed = programInput.safeParse(input);
          const others = parsed.success ? {} : fieldErrors(parsed.error);
          return editionsView(ctx, { errors: { ...others, ...errors }, values: form }, 400);
        }
        const result = await db.transaction((tx) => createProgram(tx, input, actor.personId));
        if (result.ok) return redirect(`/gestion/parcours/${result.value.id}`, notices.program_created);
        return editionsView(
          ctx,
          { errors: result.error.fields ?? { _: result.error.message }, values: form },
          result.error.status,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/parcours/:id',
      access: policy.manage,
      params: idParams,
      query: z.object({ tous: z.string().optional().catch(undefined), page: pageParam }),
      handler: async ({ actor, params, query, ctx, notice }) => {
        const program = await getProgram(db, params.id);
        if (!program) return notFound(m.programGone().text);
        return manageView(db, ctx, program, actor, {
          allEvents: query.tous === '1',
          page: query.page,
          notice,
        });
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/parcours/:id/seances',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const program = await getProgram(db, params.id);
        if (!program) return notFound(m.programGone().text);
        const result = await db.transaction((tx) =>
          addSession(
            tx,
            program.id,
            {
              eventId: form.eventId,
              mandatory: form.mandatory === 'on',
              cohortOnly: form.cohortOnly === 'on',
            },
            actor.personId,
          ),
        );
        if (result.ok) return redirect(`/gestion/parcours/${program.id}#seances`, notices.session_added);
        const sessionErrors = !form.eventId
          ? { eventId: m.chooseEvent().text }
          : (result.error.fields ?? { eventId: result.error.message });
        return manageView(db, ctx, program, actor, {
          sessionErrors,
          sessionValues: form,
          status: result.error.status,
        });
      },
    }),
  ];
}
