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

/** The queue's address: invalid filters are all set aside, and the page says so. */
export const queueQuery = z.unknown().transform((query) => {
  const parsed = programQueueFilters.safeParse(query);
  const page = pageParam.parse((query as Record<string, unknown> | undefined)?.page);
  return parsed.success
    ? { filters: parsed.data as ProgramQueueFilters, page, ignored: false }
    : { filters: {}, page, ignored: true };
});

/** The filters and page a card's form carries (`filtre_*`), to come back to the same list. */
export function keptQueue(form: Record<string, string | undefined>) {
  const kept = programQueueFilters.safeParse({
    region: form.filtre_region,
    kind: form.filtre_kind,
    nouveaux: form.filtre_nouveaux,
    status: form.filtre_status,
  });
  return {
    filters: (kept.success ? kept.data : {}) as ProgramQueueFilters,
    page: pageParam.parse(form.filtre_page),
  };
}

/** The queue's address with these filters and page, and an anchor. */
export function queueUrl(programId: string, filters: ProgramQueueFilters, page: number, anchor?: string) {
  const query = new URLSearchParams(
    Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  if (page > 1) query.set('page', String(page));
  const search = query.toString();
  return `/gestion/parcours/${programId}/candidatures${search ? `?${search}` : ''}${anchor ? `#${anchor}` : ''}`;
}

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
