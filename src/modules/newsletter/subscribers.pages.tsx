// Staff's pages of the Lettre's readers: the list (found by address, by state), one reader's consent record,
// unsubscribing an address at its owner's request, the list exported (CSV, XLSX).
import { z } from 'zod';
import type { Actor } from '../../platform/http/actor.ts';
import { definePage, notFound, redirect, view } from '../../platform/http/pages.tsx';
import { type SheetFormat, sendSheet, sheetFormats } from '../../platform/http/send-sheet.ts';
import { pageParam, pageWindow } from '../../platform/pagination.ts';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import { newsletterMessages as m, newsletterNotices as notices } from './newsletter.messages.ts';
import {
  consentsOf,
  listSubscribers,
  type Subscriber,
  subscriberCounts,
  topicChoices,
  unsubscribe,
} from './subscriptions.ts';
import { SubscriberPage, SubscribersPage, statusLabels, subscribersBase } from './views/sending.tsx';

const manage = (actor: Actor | null) => Boolean(actor?.staff);
const pageSize = 50;
const statuses = Object.keys(statusLabels) as [keyof typeof statusLabels, ...(keyof typeof statusLabels)[]];

const filtersQuery = z.object({
  q: z.string().trim().max(200).catch(''),
  statut: z.enum(statuses).or(z.literal('')).catch(''),
  page: pageParam,
});
const filtersOf = (query: z.infer<typeof filtersQuery>) => ({
  q: query.q || undefined,
  status: query.statut || undefined,
});

export function subscriberPages({ db }: Services) {
  const byId = async (id: string) => (await listSubscribers(db, { id }))[0];
  const exportOf = (format: SheetFormat) =>
    definePage({
      method: 'GET',
      url: `${subscribersBase}.${format}`,
      access: manage,
      query: filtersQuery,
      handler: async ({ query, reply }) => {
        const labels = new Map((await topicChoices(db)).map((c) => [c.value, c.label]));
        return sendSheet(reply, {
          name: 'abonnes-lettre',
          format,
          title: 'Abonnés à La Lettre',
          columns: [
            { header: 'Adresse', value: (s: Subscriber) => s.email },
            { header: 'État', value: (s) => statusLabels[s.status] },
            { header: 'Reçoit', value: (s) => s.topics.map((t) => labels.get(t) ?? t).join(' ; ') },
            { header: 'Inscrit le', type: 'datetime', value: (s) => s.createdAt },
            { header: 'Confirmé le', type: 'datetime', value: (s) => s.confirmedAt },
          ],
          rows: await listSubscribers(db, filtersOf(query)),
        });
      },
    });
  return [
    ...sheetFormats.map(exportOf),
    definePage({
      method: 'GET',
      url: subscribersBase,
      access: manage,
      query: filtersQuery,
      handler: async ({ ctx, query }) => {
        const filters = filtersOf(query);
        const [subscribers, counts] = await Promise.all([
          listSubscribers(db, filters, pageWindow(query.page, pageSize)),
          subscriberCounts(db, filters),
        ]);
        return view(
          <SubscribersPage
            ctx={ctx}
            subscribers={subscribers}
            counts={counts}
            filters={{ q: query.q, status: query.statut }}
            page={query.page}
            pageSize={pageSize}
          />,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: `${subscribersBase}/:id`,
      access: manage,
      params: z.object({ id: uuid }),
      handler: async ({ ctx, params, notice }) => {
        const subscriber = await byId(params.id);
        if (!subscriber) return notFound(m.subscriptionGone().text);
        const choices = await topicChoices(db);
        return view(
          <SubscriberPage
            ctx={ctx}
            subscriber={subscriber}
            consents={await consentsOf(db, subscriber.id)}
            topics={choices.filter((c) => subscriber.topics.includes(c.value)).map((c) => c.label)}
            notice={notice}
          />,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: `${subscribersBase}/:id/desabonnement`,
      access: manage,
      params: z.object({ id: uuid }),
      handler: async ({ params, request }) => {
        const done = await db.transaction((tx) =>
          unsubscribe(tx, params.id, 'staff', request.url.split('?')[0]!),
        );
        if (!done.ok) return notFound(done.error.message);
        return redirect(`${subscribersBase}/${params.id}`, notices.unsubscribedByStaff);
      },
    }),
  ];
}
