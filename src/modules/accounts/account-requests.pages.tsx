// « Demander un compte » (public, rate-limited) and the staff's queue of requests; the staff's list of
// mails that failed.
import { z } from 'zod';
import { staffOnly } from '../../platform/http/actor.ts';
import { definePage, message, notFound, redirect, view } from '../../platform/http/pages.tsx';
import { listFailedMails } from '../../platform/mail/mail.tsx';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import { pickableOrganisations } from '../organisations/directory.ts';
import { findInReference } from '../organisations/reference.ts';
import {
  approveAccountRequest,
  declineAccountRequest,
  getAccountRequest,
  requestQueue,
  submitAccountRequest,
} from './account-requests.ts';
import { accountsMessages as m, accountsNotices as notices } from './accounts.messages.ts';
import { retryMail } from './staff-home.ts';
import {
  AccountRequestPage,
  type OrganisationMatches,
  RequestPage,
  RequestQueuePage,
  RequestSentPage,
} from './views/account-requests.tsx';
import { FailedMailsPage } from './views/failed-mails.tsx';

const idParams = z.object({ id: uuid });
const searchQuery = z.object({
  q: z
    .string()
    .catch('')
    .transform((text) => text.slice(0, 100)),
});
// Requests per client address: enough for a team asking together from one office, not for a flood.
const requestLimit = { max: 5, timeWindow: '1 hour' };
const pickerSize = 10;

export function accountRequestPages({ db, config, jobs }: Services) {
  const options = { baseUrl: config.baseUrl, validMinutes: config.MAGIC_LINK_MINUTES };

  /** The organisations found for what was typed: the known ones, then those of the official reference. */
  async function matches(q: string): Promise<OrganisationMatches> {
    if (q.trim().length < 2) return { q, known: { items: [], total: 0 }, reference: { items: [], total: 0 } };
    const known = await pickableOrganisations(db, q, pickerSize);
    const reference = findInReference(q, pickerSize + known.items.length);
    const knownCodes = new Set(known.items.map((o) => `${o.kind}:${o.inseeCode}`));
    const fresh = reference.items.filter((e) => !knownCodes.has(`${e.kind}:${e.inseeCode}`));
    return {
      q,
      known,
      reference: {
        items: fresh.slice(0, pickerSize),
        total: reference.total - (reference.items.length - fresh.length),
      },
    };
  }

  const requestView = async (
    id: string,
    ctx: Parameters<typeof RequestPage>[0]['ctx'],
    extra = {},
    status = 200,
  ) => {
    const found = await getAccountRequest(db, id);
    if (!found) return notFound(m.requestGone().text);
    return view(<RequestPage ctx={ctx} {...found} {...extra} />, status);
  };

  return [
    definePage({
      method: 'GET',
      url: '/demander-un-compte',
      access: 'public',
      query: searchQuery,
      handler: async ({ query, ctx }) =>
        view(<AccountRequestPage ctx={ctx} matches={await matches(query.q)} />),
    }),
    definePage({
      method: 'POST',
      url: '/demander-un-compte',
      access: 'public',
      rateLimit: requestLimit,
      handler: async ({ form, ctx }) => {
        const result = await db.transaction((tx) => submitAccountRequest(tx, form, options));
        if (!result.ok) {
          return view(
            <AccountRequestPage
              ctx={ctx}
              matches={await matches((form.q ?? '').slice(0, 100))}
              errors={result.error.fields ?? { _: result.error.message }}
              values={form}
            />,
            result.error.status,
          );
        }
        jobs.poke();
        return view(<RequestSentPage ctx={ctx} />);
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/demandes',
      access: staffOnly,
      handler: async ({ ctx, notice }) =>
        view(<RequestQueuePage ctx={ctx} {...(await requestQueue(db))} notice={notice} />),
    }),
    definePage({
      method: 'GET',
      url: '/gestion/demandes/:id',
      access: staffOnly,
      params: idParams,
      handler: async ({ params, ctx }) => requestView(params.id, ctx),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/demandes/:id/accepter',
      access: staffOnly,
      params: idParams,
      handler: async ({ actor, params, ctx }) => {
        const result = await db.transaction((tx) =>
          approveAccountRequest(tx, params.id, actor.personId, options),
        );
        if (result.ok) {
          jobs.poke();
          return redirect('/gestion/demandes', notices.request_approved);
        }
        return requestView(params.id, ctx, { error: result.error.message }, result.error.status);
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/demandes/:id/refuser',
      access: staffOnly,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const result = await db.transaction((tx) =>
          declineAccountRequest(tx, params.id, { reason: form.reason }, actor.personId, options),
        );
        if (result.ok) {
          jobs.poke();
          return redirect('/gestion/demandes', notices.request_declined);
        }
        return requestView(
          params.id,
          ctx,
          result.error.fields
            ? { errors: result.error.fields, values: form }
            : { error: result.error.message },
          result.error.status,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/courriels/echecs',
      access: staffOnly,
      handler: async ({ ctx, notice }) =>
        view(<FailedMailsPage ctx={ctx} mails={await listFailedMails(db)} notice={notice} />),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/courriels/:id/renvoyer',
      access: staffOnly,
      params: idParams,
      handler: async ({ actor, params }) => {
        const retried = await db.transaction((tx) => retryMail(tx, params.id, actor.personId));
        if (!retried) return message(409, 'Courriel non renvoyé', m.mailNotFailed().text);
        jobs.poke();
        return redirect('/gestion/courriels/echecs', notices.mail_retried);
      },
    }),
  ];
}
