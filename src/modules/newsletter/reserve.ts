// The pre-electoral reserve (Code électoral, art. L52-1): in the six months before the month of an election, a
// public body's communication must not promote an elected official who may stand. The Lettre is the network's
// communication and its readers are local governments: an issue that names élus, sent inside such a period, gets
// a warning for staff to weigh before it leaves (not a refusal: naming an élu is not always promoting them).
import type { Executor } from '../../platform/db/client.ts';
import { parisDate } from '../../platform/time.ts';
import { allPeople } from '../organisations/people-directory.ts';
import type { IssueDocument } from './issues.ts';

export interface ReservePeriod {
  start: string;
  end: string;
  election: string;
}

/**
 * `ELECTORAL_RESERVE`: « AAAA-MM-JJ/AAAA-MM-JJ nom de l’élection », separated by « ; ». Checked at boot
 * (env.ts), so that a mistake stops the start rather than silence the warning.
 */
export function readReservePeriods(text: string): ReservePeriod[] {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [, start, end, election] = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})\s+(.+)$/.exec(part)!;
      return { start: start!, end: end!, election: election!.trim() };
    });
}

/** Without accents or case: « Hélène » is found in « HELENE ». */
const plain = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

export interface ReserveWarning {
  election: string;
  period: ReservePeriod;
  /** The élus of the platform the issue names. */
  names: string[];
}

/** The warning for sending this issue at `at`, if the day is in a reserve period and the issue names élus. */
export async function reserveWarning(
  executor: Executor,
  document: IssueDocument,
  periods: ReservePeriod[],
  at = new Date(),
): Promise<ReserveWarning | undefined> {
  const day = parisDate(at);
  const period = periods.find((p) => p.start <= day && day <= p.end);
  if (!period) return undefined;
  const { issue, sections } = document;
  const text = plain(
    [
      issue.title,
      issue.editorial ?? '',
      ...sections.flatMap((s) => [s.title, ...s.items.flatMap((i) => [i.title, i.body])]),
    ].join('\n'),
  );
  const elected = await allPeople(executor, { kind: 'elected' }, at);
  const names = elected
    .map(({ person }) => `${person.firstName} ${person.lastName}`)
    .filter((name) => text.includes(plain(name)));
  return names.length ? { election: period.election, period, names: [...new Set(names)] } : undefined;
}
