// What every form of an issue (web version, mail, PDF) shows beside its own text, read from the platform when
// it is shown: the agenda of its period, « autres dates à retenir », the live data of the records its items
// point to.
import type { Executor } from '../../platform/db/client.ts';
import { agendaOf, laterDates } from './agenda.ts';
import type { IssueDocument } from './issues.ts';
import { liveRecordsOf } from './live.ts';

export async function generatedParts(executor: Executor, document: IssueDocument, baseUrl: string) {
  const { periodStart, periodEnd } = document.issue;
  const [months, later, live] = await Promise.all([
    agendaOf(executor, { start: periodStart, end: periodEnd }, baseUrl),
    laterDates(executor, periodEnd, baseUrl),
    liveRecordsOf(executor, document.sections, baseUrl),
  ]);
  return { months, later, live };
}
