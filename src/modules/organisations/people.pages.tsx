// Staff pages of people: adding one to an organisation, a person's page, their mandates, moving them,
// their referent role and their account.
import { z } from 'zod';
import type { Executor, Tx } from '../../platform/db/client.ts';
import {
  definePage,
  message,
  notFound,
  type PageOutcome,
  redirect,
  view,
} from '../../platform/http/pages.tsx';
import type { Failure } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { idParams, personFromForm, searchText } from './organisations.forms.ts';
import { organisationsMessages as m, organisationsNotices as notices } from './organisations.messages.ts';
import { organisationView } from './organisations.pages.tsx';
import { organisationsPolicy as policy } from './organisations.policy.ts';
import { personPage } from './organisations.queries.ts';
import { createPerson, endMandate, movePerson, setDisabled, setReferent, startMandate } from './people.ts';
import { PersonPage } from './views/person.tsx';

type Form = Record<string, string | undefined>;
type Outcome = Promise<{ ok: true } | { ok: false; error: Failure }>;

/** A person's page (with the organisations to move them to, when asked); after a refused form, its errors. */
async function personView(
  executor: Executor,
  ctx: PageContext,
  id: string,
  options: { moveQuery?: string; errors?: Record<string, string>; notice?: string | undefined } = {},
  status = 200,
): Promise<PageOutcome> {
  const data = await personPage(executor, id, options.moveQuery ?? '');
  if (!data) return notFound(m.personGone().text);
  return view(<PersonPage ctx={ctx} {...data} errors={options.errors} notice={options.notice} />, status);
}

export function peoplePages({ db }: Services) {
  /** A staff action on a person (`POST /gestion/personnes/:id/<path>`): on success, their page again. */
  const personAction = (
    path: string,
    notice: string,
    action: (tx: Tx, personId: string, form: Form, actorId: string) => Outcome,
  ) =>
    definePage({
      method: 'POST',
      url: `/gestion/personnes/:id/${path}`,
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const result = await db.transaction((tx) => action(tx, params.id, form, actor.personId));
        if (result.ok) return redirect(`/gestion/personnes/${params.id}`, notice);
        const { error } = result;
        return personView(db, ctx, params.id, { errors: error.fields ?? { _: error.message } }, error.status);
      },
    });

  return [
    definePage({
      method: 'POST',
      url: '/gestion/organisations/:id/personnes',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const input = personFromForm(form, params.id, { grantsRoles: policy.grantRoles(actor) });
        const result = await db.transaction((tx) => createPerson(tx, input, actor.personId));
        if (result.ok)
          return redirect(`/gestion/organisations/${params.id}#personnes`, notices.person_created);
        return organisationView(
          db,
          ctx,
          params.id,
          { personErrors: result.error.fields ?? { email: result.error.message }, personValues: form },
          result.error.status,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/personnes/:id',
      access: policy.manage,
      params: idParams,
      query: z.object({ organisation: searchText }),
      handler: async ({ params, query, ctx, notice }) =>
        personView(db, ctx, params.id, { moveQuery: query.organisation, notice }),
    }),
    personAction('mandats', notices.mandate_started, (tx, id, form, actorId) =>
      startMandate(tx, id, form, actorId),
    ),
    personAction('deplacer', notices.person_moved, (tx, id, form, actorId) =>
      movePerson(tx, id, form, actorId),
    ),
    personAction('referent', notices.referent_updated, (tx, id, form, actorId) =>
      setReferent(tx, id, form.referent === 'true', actorId),
    ),
    personAction('compte', notices.account_updated, (tx, id, form, actorId) =>
      setDisabled(tx, id, form.disabled === 'true', actorId),
    ),
    definePage({
      method: 'POST',
      url: '/gestion/mandats/:id/fin',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form }) => {
        // Each open mandate of the person page has its own form; the field names which one.
        const endsOn = form[`endsOn-${params.id}`];
        const result = await db.transaction((tx) => endMandate(tx, params.id, { endsOn }, actor.personId));
        if (result.ok) return redirect(`/gestion/personnes/${result.value.personId}`, notices.mandate_ended);
        return message(
          result.error.status,
          'Mandat non terminé',
          result.error.fields?.endsOn ?? result.error.message,
        );
      },
    }),
  ];
}
