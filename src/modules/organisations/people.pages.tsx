// Staff pages of people: the directory, adding one to an organisation, a person's page, correcting it, their
// mandates, moving them, their referent role and their account, merging two records of one person.
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
import { uuid } from '../../platform/validation.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { updatePerson } from './edit-person.ts';
import { mergePeople } from './merge-people.ts';
import { idParams, personChangesFromForm, personFromForm, searchText } from './organisations.forms.ts';
import { organisationsMessages as m, organisationsNotices as notices } from './organisations.messages.ts';
import { organisationView } from './organisations.pages.tsx';
import { organisationsPolicy as policy } from './organisations.policy.ts';
import { directoryPage, mergePage, personPage } from './organisations.queries.ts';
import { getOrganisation } from './organisations.ts';
import { createPerson, endMandate, movePerson, setDisabled, setReferent, startMandate } from './people.ts';
import { peopleFilters } from './people-directory.ts';
import { MergePage } from './views/merge.tsx';
import { PeopleDirectoryPage } from './views/people-directory.tsx';
import { PersonPage } from './views/person.tsx';

type Form = Record<string, string | undefined>;
type Outcome = Promise<{ ok: true } | { ok: false; error: Failure }>;

/** A person's page (with the organisations to move them to, when asked); after a refused form, its errors. */
async function personView(
  executor: Executor,
  ctx: PageContext,
  id: string,
  options: {
    moveQuery?: string;
    errors?: Record<string, string>;
    editErrors?: Record<string, string>;
    editValues?: Record<string, string | undefined>;
    notice?: string | undefined;
  } = {},
  status = 200,
): Promise<PageOutcome> {
  const data = await personPage(executor, id, options.moveQuery ?? '');
  if (!data) return notFound(m.personGone().text);
  return view(
    <PersonPage
      ctx={ctx}
      {...data}
      errors={options.errors}
      editErrors={options.editErrors}
      editValues={options.editValues}
      notice={options.notice}
    />,
    status,
  );
}

/** The directory's filters as people may alter the address: invalid ones are set aside, and the page says so. */
const directoryQuery = z.unknown().transform((query) => {
  const parsed = peopleFilters.safeParse(query);
  return parsed.success ? { filters: parsed.data, ignored: false } : { filters: {}, ignored: true };
});

/** The merge page's address: what staff typed to find the record to keep, or the record chosen. */
const mergeQuery = z.object({ q: searchText, vers: uuid.optional().catch(undefined) });

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
      method: 'GET',
      url: '/gestion/personnes',
      access: policy.manage,
      query: directoryQuery,
      handler: async ({ query, ctx, notice }) => {
        const { filters } = query;
        const organisation = filters.organisationId
          ? await getOrganisation(db, filters.organisationId)
          : undefined;
        return view(
          <PeopleDirectoryPage
            ctx={ctx}
            filters={filters}
            organisationName={organisation?.name}
            {...(await directoryPage(db, filters))}
            notice={query.ignored ? m.filtersIgnored().text : notice}
          />,
        );
      },
    }),
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
      url: '/gestion/personnes/:id/modifier',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const input = personChangesFromForm(form, { staff: true });
        const result = await db.transaction((tx) => updatePerson(tx, params.id, input, actor.personId));
        if (result.ok) return redirect(`/gestion/personnes/${params.id}`, notices.person_updated);
        return personView(
          db,
          ctx,
          params.id,
          { editErrors: result.error.fields ?? { _: result.error.message }, editValues: form },
          result.error.status,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/personnes/:id/fusionner',
      access: policy.manage,
      params: idParams,
      query: mergeQuery,
      handler: async ({ params, query, ctx }) => {
        const data = await mergePage(db, params.id, { q: query.q, intoId: query.vers });
        if (!data) return notFound(m.personGone().text);
        return view(<MergePage ctx={ctx} {...data} />);
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/personnes/:id/fusionner',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const result = await db.transaction((tx) =>
          mergePeople(tx, params.id, { intoId: form.intoId }, actor.personId),
        );
        if (result.ok) return redirect(`/gestion/personnes/${result.value.id}`, notices.people_merged);
        const intoId = uuid.safeParse(form.intoId);
        const data = await mergePage(db, params.id, {
          q: '',
          intoId: intoId.success ? intoId.data : undefined,
        });
        if (!data) return notFound(m.personGone().text);
        return view(<MergePage ctx={ctx} {...data} error={result.error.message} />, result.error.status);
      },
    }),
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
