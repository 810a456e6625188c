// Staff pages of organisations and their memberships: the list, adding one, its page, recording a
// membership, the renewals due.
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import {
  definePage,
  message,
  notFound,
  type PageOutcome,
  redirect,
  view,
} from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { updateOrganisation } from './edit-organisation.ts';
import { recordMembership } from './memberships.ts';
import {
  idParams,
  membershipFromForm,
  organisationChangesFromForm,
  organisationFromForm,
  searchText,
} from './organisations.forms.ts';
import { organisationsMessages as m, organisationsNotices as notices } from './organisations.messages.ts';
import { organisationsPolicy as policy } from './organisations.policy.ts';
import {
  organisationPage,
  organisationsList,
  referenceSearch,
  renewalsPage,
} from './organisations.queries.ts';
import { createOrganisation, organisationFilters } from './organisations.ts';
import { previewQuery, queueRenewalReminders, reminderPreview } from './renewal-reminders.ts';
import { RenewalsPage } from './views/memberships.tsx';
import { OrganisationPage, type OrganisationPageExtras } from './views/organisation.tsx';
import { NewOrganisationPage, OrganisationsListPage } from './views/organisations-list.tsx';
import { ReminderPreviewPage } from './views/reminders.tsx';

/** Invalid filters are all set aside, and the page says so: the list is still worth showing. */
const listQuery = z.unknown().transform((query) => {
  const parsed = organisationFilters.safeParse(query);
  return parsed.success ? { filters: parsed.data, ignored: false } : { filters: {}, ignored: true };
});

/**
 * An organisation's page; after a refused form, with its errors and what was typed (the status says why).
 * An organisation that does not exist (any more) is a 404.
 */
export async function organisationView(
  executor: Executor,
  ctx: PageContext,
  id: string,
  extra: OrganisationPageExtras = {},
  status = 200,
): Promise<PageOutcome> {
  const data = await organisationPage(executor, id);
  if (!data) return notFound(m.organisationGone().text);
  return view(<OrganisationPage ctx={ctx} {...data} {...extra} />, status);
}

/** The preview's query as people may alter it: a bad organisation or round reads as not given. */
const reminderQuery = z.unknown().transform((query) => {
  const parsed = previewQuery.safeParse(query);
  return parsed.success ? parsed.data : {};
});

export function organisationPages({ db, config, jobs }: Services) {
  return [
    definePage({
      method: 'GET',
      url: '/gestion/organisations',
      access: policy.manage,
      query: listQuery,
      handler: async ({ query, ctx, notice }) =>
        view(
          <OrganisationsListPage
            ctx={ctx}
            filters={query.filters}
            {...(await organisationsList(db, query.filters))}
            notice={query.ignored ? m.filtersIgnored().text : notice}
          />,
        ),
    }),
    definePage({
      method: 'GET',
      url: '/gestion/organisations/nouvelle',
      access: policy.manage,
      query: z.object({ q: searchText }),
      handler: async ({ query, ctx }) =>
        view(<NewOrganisationPage ctx={ctx} {...referenceSearch(query.q)} />),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/organisations',
      access: policy.manage,
      handler: async ({ actor, form, ctx }) => {
        const result = await db.transaction((tx) =>
          createOrganisation(tx, organisationFromForm(form), actor.personId),
        );
        if (result.ok)
          return redirect(`/gestion/organisations/${result.value.id}`, notices.organisation_created);
        // A choice from the reference has no field to point at: its refusal is said above the search.
        const fromReference = Boolean(form.inseeCode);
        return view(
          <NewOrganisationPage
            ctx={ctx}
            {...referenceSearch('')}
            errors={fromReference ? undefined : result.error.fields}
            values={form}
            error={fromReference || !result.error.fields ? result.error.message : undefined}
          />,
          result.error.status,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/organisations/:id',
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx, notice }) => organisationView(db, ctx, params.id, { notice }),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/organisations/:id/adhesions',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const input = membershipFromForm(form);
        const result = input.ok
          ? await db.transaction((tx) => recordMembership(tx, params.id, input.value, actor.personId))
          : input;
        if (result.ok)
          return redirect(`/gestion/organisations/${params.id}#adhesions`, notices.membership_saved);
        return organisationView(
          db,
          ctx,
          params.id,
          {
            membershipErrors: result.error.fields ?? { year: result.error.message },
            membershipValues: form,
          },
          result.error.status,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/organisations/:id/modifier',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const result = await db.transaction((tx) =>
          updateOrganisation(tx, params.id, organisationChangesFromForm(form), actor.personId),
        );
        if (result.ok) return redirect(`/gestion/organisations/${params.id}`, notices.organisation_updated);
        return organisationView(
          db,
          ctx,
          params.id,
          { editErrors: result.error.fields ?? { _: result.error.message }, editValues: form },
          result.error.status,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/organisations/:id/archive',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const archived = form.archived === 'true';
        const result = await db.transaction((tx) =>
          updateOrganisation(tx, params.id, { archived }, actor.personId),
        );
        if (result.ok)
          return redirect(
            `/gestion/organisations/${params.id}`,
            archived ? notices.organisation_archived : notices.organisation_restored,
          );
        return organisationView(db, ctx, params.id, { error: result.error.message }, result.error.status);
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/adhesions/renouvellement',
      access: policy.manage,
      handler: async ({ ctx, notice }) =>
        view(<RenewalsPage ctx={ctx} {...(await renewalsPage(db))} notice={notice} />),
    }),
    definePage({
      method: 'GET',
      url: '/gestion/adhesions/relance',
      access: policy.manage,
      query: reminderQuery,
      handler: async ({ query, ctx }) => {
        const preview = await reminderPreview(db, {
          organisationId: query.organisation,
          round: query.tour,
          baseUrl: config.baseUrl,
        });
        if (!preview.ok) return message(preview.error.status, 'Relance impossible', preview.error.message);
        return view(<ReminderPreviewPage ctx={ctx} {...preview.value} organisationId={query.organisation} />);
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/adhesions/relance',
      access: policy.manage,
      handler: async ({ actor, form }) => {
        const result = await db.transaction((tx) =>
          queueRenewalReminders(
            tx,
            { year: form.year, round: form.round, organisationId: form.organisationId },
            actor.personId,
          ),
        );
        if (!result.ok) return message(result.error.status, 'Relance non envoyée', result.error.message);
        jobs.poke();
        return redirect('/gestion/adhesions/renouvellement', notices.reminders_queued);
      },
    }),
  ];
}
