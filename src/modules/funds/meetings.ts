// The donors committee's meetings are events of the agenda linked to a fund (`fund_events`), open to the
// people of its contributing organisations (the `fund_committee` audience). The agenda learns of both
// through the manifest: the `fundIds` of an event's creation, the fund's name on the event's page.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { prepared } from '../../platform/db/prepared.ts';
import { fail, ok } from '../../platform/result.ts';
import type { AudienceDefinition } from '../events/audiences.ts';
import { refuse } from '../events/eligibility.ts';
import type { EventLinkDefinition } from '../events/event-links.ts';
import { contributorsOf } from './contributions.ts';
import { fundsMessages as m } from './funds.messages.ts';
import { fundEvents } from './funds.schema.ts';
import { getFundsByIds, listFunds } from './funds.ts';

async function linkedFundIds(executor: Executor, eventId: string): Promise<string[]> {
  const rows = await executor
    .select({ fundId: fundEvents.fundId })
    .from(fundEvents)
    .where(eq(fundEvents.eventId, eventId));
  return rows.map((r) => r.fundId);
}

/** A fund's committee meetings (event ids). */
export async function meetingIdsOf(executor: Executor, fundId: string): Promise<string[]> {
  const rows = await executor
    .select({ eventId: fundEvents.eventId })
    .from(fundEvents)
    .where(eq(fundEvents.fundId, fundId));
  return rows.map((r) => r.eventId);
}

export const committeeAudience: AudienceDefinition = {
  key: 'fund_committee',
  label: 'Réservé au comité des donateurs',
  rule: async ({ executor, event, person }) => {
    const funds = await getFundsByIds(executor, await linkedFundIds(executor, event.id));
    for (const fund of funds) {
      const contributors = await contributorsOf(executor, fund.id);
      if (contributors.some((c) => c.organisation.id === person.organisationId)) return ok(true);
    }
    const names = funds.length ? funds.map((f) => `« ${f.name} »`).join(', ') : 'son fonds';
    return refuse(m.committeeOnly({ names }).text);
  },
};

// Asked by the agenda for each page of events (prepared: platform/db/prepared.ts).
const fundsOfEvents = prepared((executor) =>
  executor
    .select({ fundId: fundEvents.fundId, eventId: fundEvents.eventId })
    .from(fundEvents)
    .where(sql`${fundEvents.eventId} = any(${sql.placeholder('events')}::uuid[])`)
    .prepare('fund_meetings_of'),
);

export const fundEventLinks: EventLinkDefinition = {
  field: 'fundIds',
  description: 'Les fonds de solidarité dont l’événement est une réunion du comité des donateurs',
  legend: 'Réunion du comité des donateurs',
  async check(executor, ids) {
    const found = await getFundsByIds(executor, ids);
    if (found.length !== ids.length)
      return fail(422, 'unknown_fund', m.fundNotFound(), { fundIds: m.fundNotFound().text });
    return ok(true);
  },
  async set(executor, eventId, ids) {
    const current = await linkedFundIds(executor, eventId);
    const added = ids.filter((id) => !current.includes(id));
    const removed = current.filter((id) => !ids.includes(id));
    if (added.length)
      await executor
        .insert(fundEvents)
        .values(added.map((fundId) => ({ fundId, eventId })))
        .onConflictDoNothing();
    if (removed.length)
      await executor
        .delete(fundEvents)
        .where(and(eq(fundEvents.eventId, eventId), inArray(fundEvents.fundId, removed)));
    return added.length + removed.length > 0;
  },
  linked: linkedFundIds,
  async choices(executor, selected) {
    // Closed funds are offered only to the meetings that are theirs already.
    const open = await listFunds(executor, { status: 'open' });
    const openIds = new Set(open.map((f) => f.id));
    const closed = await getFundsByIds(
      executor,
      selected.filter((id) => !openIds.has(id)),
    );
    return [...open, ...closed].map((f) => ({ id: f.id, label: `Fonds « ${f.name} »` }));
  },
  async labels(executor, eventIds) {
    const rows = await fundsOfEvents(executor).execute({ events: eventIds });
    const named = new Map(
      (
        await getFundsByIds(
          executor,
          rows.map((r) => r.fundId),
        )
      ).map((f) => [f.id, f]),
    );
    const labels = new Map<string, { label: string; href: string }[]>();
    for (const { fundId, eventId } of rows) {
      const fund = named.get(fundId);
      if (!fund) continue;
      labels.set(eventId, [
        ...(labels.get(eventId) ?? []),
        { label: `Comité des donateurs du fonds « ${fund.name} »`, href: `/fonds/${fund.id}` },
      ]);
    }
    return labels;
  },
};
