// What the program's pages read from addresses and forms: ids, the queue's filters, an edition's form (days
// typed by staff become Paris instants), the interest form.
import { z } from 'zod';
import { pageParam } from '../../platform/pagination.ts';
import { parisInstant, readDay } from '../../platform/time.ts';
import { optional, uuid } from '../../platform/validation.ts';
import { queueFilters } from '../applications/review-queue.ts';
import { programMessages as m } from './program.messages.ts';
import type { ProgramQueueFilters } from './program.queries.ts';

export const idParams = z.object({ id: uuid });
export const applicationParams = z.object({ id: uuid, applicationId: uuid });

/** A certificate's code as printed (upper case, groups of four). */
export const codePattern = /^[A-Z0-9-]{8,40}$/;

/** The review queue's filters: the pipeline's, and the program's « new élus ». */
const programQueueFilters = queueFilters.extend({ nouveaux: optional(z.enum(['oui', 'non'])) });

/** The columns the queue sorts by (`?tri=`), in the table's order. */
export const queueSorts = ['nom', 'organisation', 'region', 'depot', 'statut'] as const;
export type QueueSort = (typeof queueSorts)[number];
export interface QueueOrder {
  by: QueueSort;
  order: 'asc' | 'desc';
}
/** By status (what awaits a decision first), then by date: the pipeline's own order. */
export const defaultQueueOrder: QueueOrder = { by: 'statut', order: 'asc' };
const queueOrderInput = z.object({
  tri: optional(z.enum(queueSorts)),
  ordre: optional(z.enum(['asc', 'desc'])),
});

/** The list of the queue as an address names it: its filters, its order, its page. */
export interface QueueView {
  filters: ProgramQueueFilters;
  sort: QueueOrder;
  page: number;
}

function readOrder(tri: unknown, ordre: unknown): QueueOrder | undefined {
  const parsed = queueOrderInput.safeParse({ tri, ordre });
  if (!parsed.success) return undefined;
  return { by: parsed.data.tri ?? defaultQueueOrder.by, order: parsed.data.ordre ?? 'asc' };
}

/** The queue's address: invalid filters or order are all set aside, and the page says so. */
export const queueQuery = z.unknown().transform((query) => {
  const q = (query ?? {}) as Record<string, unknown>;
  const { tri, ordre, page: _, ...rest } = q;
  const parsed = programQueueFilters.safeParse(rest);
  const sort = readOrder(tri, ordre);
  const page = pageParam.parse(q.page);
  const ignored = !parsed.success || !sort;
  return {
    filters: (parsed.success ? parsed.data : {}) as ProgramQueueFilters,
    sort: sort ?? defaultQueueOrder,
    page,
    ignored,
  };
});

/** The list a form carries (`filtre_*`), to come back to the same list. */
export function keptQueue(form: Record<string, string | undefined>): QueueView {
  const kept = programQueueFilters.safeParse({
    region: form.filtre_region,
    kind: form.filtre_kind,
    nouveaux: form.filtre_nouveaux,
    status: form.filtre_status,
  });
  return {
    filters: (kept.success ? kept.data : {}) as ProgramQueueFilters,
    sort: readOrder(form.filtre_tri, form.filtre_ordre) ?? defaultQueueOrder,
    page: pageParam.parse(form.filtre_page),
  };
}

/** The address of a list of the queue (or of an application's page, keeping the list to come back to). */
export function queueViewUrl(path: string, list: QueueView, anchor?: string) {
  const query = new URLSearchParams(
    Object.entries(list.filters).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  if (list.sort.by !== defaultQueueOrder.by || list.sort.order !== defaultQueueOrder.order) {
    query.set('tri', list.sort.by);
    query.set('ordre', list.sort.order);
  }
  if (list.page > 1) query.set('page', String(list.page));
  const search = query.toString();
  return `${path}${search ? `?${search}` : ''}${anchor ? `#${anchor}` : ''}`;
}

/** The queue's address with this list, and an anchor. */
export const queueUrl = (programId: string, list: QueueView, anchor?: string) =>
  queueViewUrl(`/gestion/parcours/${programId}/candidatures`, list, anchor);

/** The staff form of an edition as createProgram expects it; days become Paris instants. */
export function programFromForm(form: Record<string, string | undefined>) {
  const errors: Record<string, string> = {};
  const input: Record<string, unknown> = {
    title: form.title,
    minSessions: form.minSessions,
    cohortSize: form.cohortSize,
    signatoryName: form.signatoryName,
    signatoryTitle: form.signatoryTitle,
  };
  const days: [string, '00:00:00' | '23:59:59' | null][] = [
    ['interestOpensOn', null],
    ['applicationsOpenAt', '00:00:00'],
    ['applicationsCloseAt', '23:59:59'],
    ['certificatesOn', null],
  ];
  for (const [name, time] of days) {
    const raw = form[name]?.trim();
    if (!raw) continue;
    const day = readDay(raw);
    if (!day) errors[name] = m.unreadableDay().text;
    else input[name] = time ? parisInstant(day, time) : day;
  }
  if (
    typeof input.applicationsOpenAt === 'string' &&
    typeof input.applicationsCloseAt === 'string' &&
    new Date(input.applicationsCloseAt) < new Date(input.applicationsOpenAt)
  ) {
    errors.applicationsCloseAt = m.closesBeforeOpening().text;
  }
  return { input, errors };
}

export const interestFields = ['firstName', 'lastName', 'email', 'organisationName', 'mandate'] as const;
