// The public pages of « Diplomates des territoires »: the editions, an edition's page, and what one does
// there — say one is interested (anyone), apply (an élu of a member local government, or her referent).
import type { Executor } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { definePage, notFound, type PageOutcome, redirect, view } from '../../platform/http/pages.tsx';
import { secretsKey } from '../../platform/secrets.ts';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { getPerson } from '../organisations/people.ts';
import { applyToProgram } from './applications.ts';
import { expressInterest } from './interest.ts';
import { idParams, interestFields } from './program.forms.ts';
import { programMessages as m, programNotices as notices } from './program.messages.ts';
import { programPolicy as policy } from './program.policy.ts';
import { type EditionExtra, editionPage } from './program.queries.ts';
import { getProgram, listPrograms, type Program } from './programs.ts';
import type { Errors, Values } from './views/parts.tsx';
import { ProgramPage, ProgramsIndexPage } from './views/program.tsx';

// The anonymous form writes to the database: a client may send it a few times, not thousands.
const interestLimit = { max: 20, timeWindow: '15 minutes' };

/** An edition's page as its viewer sees it; after a refused form, with what was typed and why. */
async function editionView(
  executor: Executor,
  ctx: PageContext,
  program: Program,
  actor: Actor | null,
  options: { extra?: EditionExtra; notice?: string | undefined; status?: number } = {},
): Promise<PageOutcome> {
  const data = await editionPage(executor, program, actor, options.extra);
  return view(<ProgramPage ctx={ctx} notice={options.notice} {...data} />, options.status);
}

export function editionPages(services: Services) {
  const { db, config } = services;
  return [
    definePage({
      method: 'GET',
      url: '/parcours',
      access: 'public',
      cache: ['program'],
      handler: async ({ ctx }) => view(<ProgramsIndexPage ctx={ctx} programs={await listPrograms(db)} />),
    }),
    definePage({
      method: 'GET',
      url: '/parcours/:id',
      access: 'public',
      cache: ['program', 'agenda'],
      params: idParams,
      handler: async ({ params, actor, ctx, notice }) => {
        const program = await getProgram(db, params.id);
        if (!program) return notFound(m.programGone().text);
        return editionView(db, ctx, program, actor, { notice });
      },
    }),
    definePage({
      method: 'POST',
      url: '/parcours/:id/interet',
      access: 'public',
      params: idParams,
      rateLimit: interestLimit,
      handler: async ({ params, actor, form, ctx }) => {
        const program = await getProgram(db, params.id);
        if (!program) return notFound(m.programGone().text);
        const values: Values = Object.fromEntries(interestFields.map((k) => [k, form[k]]));
        const result = await db.transaction((tx) =>
          expressInterest(tx, program.id, values, {
            baseUrl: config.baseUrl,
            secretsKey: secretsKey(config),
          }),
        );
        services.jobs.poke();
        if (result.ok) return redirect(`/parcours/${program.id}#participer`, notices.interest_received);
        const errors = result.error.fields ?? { _: result.error.message };
        return editionView(db, ctx, program, actor, {
          extra: { interest: { values, errors } },
          status: result.error.status,
        });
      },
    }),
    definePage({
      method: 'POST',
      url: '/parcours/:id/candidature',
      access: 'signedIn',
      params: idParams,
      handler: async ({ params, actor, form, ctx }) => {
        const program = await getProgram(db, params.id);
        if (!program) return notFound(m.programGone().text);
        const values: Values = {
          personId: form.personId,
          mandate: form.mandate,
          motivation: form.motivation,
          availability: form.availability,
        };
        // Without personId, one applies for oneself; with one, a referent (or staff) applies for an élu.
        const forOther = form.personId !== undefined && form.personId !== actor.personId;
        const section = forOther ? 'behalf' : 'own';
        const refuse = (status: number, errors: Errors, error?: string) =>
          editionView(db, ctx, program, actor, { extra: { [section]: { values, errors, error } }, status });
        let personId = actor.personId;
        if (forOther) {
          if (!form.personId) return refuse(400, { personId: m.chooseElected().text });
          const person = uuid.safeParse(form.personId).success
            ? await getPerson(db, form.personId)
            : undefined;
          if (!person || !policy.actFor(actor, person))
            return refuse(403, { personId: m.notOfYourOrganisation().text });
          personId = person.id;
        }
        const result = await db.transaction((tx) =>
          applyToProgram(
            tx,
            program.id,
            {
              personId,
              mandate: values.mandate,
              motivation: values.motivation,
              availability: values.availability,
            },
            actor.personId,
          ),
        );
        if (result.ok)
          return redirect(
            `/parcours/${program.id}#participer`,
            forOther ? notices.application_submitted_for : notices.application_submitted,
          );
        const fields = result.error.fields;
        return refuse(result.error.status, fields, fields ? undefined : result.error.message);
      },
    }),
  ];
}
