// Staff's page of a call's leaves (« dérogations »): a town allowed more than one dossier, the number
// changed or the leave withdrawn, never below the dossiers it already made.
import { z } from 'zod';
import { definePage, notFound, type PageOutcome, redirect, view } from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import { optional, uuid } from '../../platform/validation.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { pickableOrganisations } from '../organisations/directory.ts';
import { allowancesOf, grantAllowance, withdrawAllowance } from './allowances.ts';
import { callsPolicy as policy } from './calls.policy.ts';
import { type Call, getCall } from './calls.ts';
import { staffMessages as m, staffNotices as notices } from './staff.messages.ts';
import { AllowancesPage, type AllowanceValues, allowancesPath } from './views/allowances.tsx';

const idParams = z.object({ id: uuid });
const searchQuery = z.object({ organisation: optional(z.string().trim().max(200)) });
/** How many towns the grant form offers to choose from. */
const offered = 50;

export function allowancePages(services: Services) {
  const { db } = services;

  const page = async (
    ctx: PageContext,
    call: Call,
    extra: {
      q?: string | undefined;
      values?: AllowanceValues;
      errors?: Record<string, string>;
      notice?: string | undefined;
    },
    status = 200,
  ): Promise<PageOutcome> => {
    const q = extra.q ?? '';
    const [rows, found] = await Promise.all([
      allowancesOf(db, call.id),
      pickableOrganisations(db, q, offered),
    ]);
    return view(
      <AllowancesPage
        ctx={ctx}
        call={call}
        rows={rows}
        q={q}
        found={found}
        values={extra.values ?? { organisationId: '', dossiers: '2', reason: '' }}
        errors={extra.errors}
        notice={extra.notice}
      />,
      status,
    );
  };

  return [
    definePage({
      method: 'GET',
      url: '/gestion/appels/:id/derogations',
      access: policy.manage,
      params: idParams,
      query: searchQuery,
      handler: async ({ ctx, params, query, notice }) => {
        const call = await getCall(db, params.id);
        if (!call) return notFound(m.callGone().text);
        return page(ctx, call, { q: query.organisation, notice });
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/appels/:id/derogations',
      access: policy.manage,
      params: idParams,
      handler: async ({ ctx, params, form, actor }) => {
        const call = await getCall(db, params.id);
        if (!call) return notFound(m.callGone().text);
        const values = {
          organisationId: form.organisationId ?? '',
          dossiers: form.dossiers ?? '',
          reason: form.reason ?? '',
        };
        const granted = await db.transaction((tx) => grantAllowance(tx, call.id, values, actor.personId));
        if (granted.ok) return redirect(allowancesPath(call.id), notices.allowanceGranted);
        // A row's own form (its town already listed) says why above the table, not under the new leave's fields.
        const listed = (await allowancesOf(db, call.id)).some(
          (r) => r.organisationId === values.organisationId,
        );
        const errors = !listed && granted.error.fields ? granted.error.fields : { _: granted.error.message };
        return page(ctx, call, { values: listed ? undefined : values, errors }, granted.error.status);
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/appels/:id/derogations/:organisationId/retrait',
      access: policy.manage,
      params: idParams.extend({ organisationId: uuid }),
      handler: async ({ ctx, params, actor }) => {
        const call = await getCall(db, params.id);
        if (!call) return notFound(m.callGone().text);
        const withdrawn = await db.transaction((tx) =>
          withdrawAllowance(tx, call.id, params.organisationId, actor.personId),
        );
        if (withdrawn.ok) return redirect(allowancesPath(call.id), notices.allowanceWithdrawn);
        if (withdrawn.error.status === 404) return notFound(withdrawn.error.message);
        return page(ctx, call, { errors: { _: withdrawn.error.message } }, withdrawn.error.status);
      },
    }),
  ];
}
