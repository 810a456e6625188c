// Staff's review queue of an edition: the applications module's page parts (filters, an application's
// detail with opinions, the decision form) with the program's words: the élu's mandate, new élus, places.
import type { ComponentChildren } from 'preact';
import type { Paged } from '../../../platform/pagination.ts';
import { formatDate } from '../../../platform/time.ts';
import { Layout, type PageContext, Select } from '../../../platform/views/layout.tsx';
import { Pagination } from '../../../platform/views/pagination.tsx';
import type { OpinionRow } from '../../applications/opinions.ts';
import { decisionsOf } from '../../applications/pipeline.ts';
import type { QueueRow } from '../../applications/review-queue.ts';
import { ApplicationCard, QueueFilterForm } from '../../applications/views/review.tsx';
import { type Application, applicationStatuses, applicationStatusLabels } from '../applications.ts';
import { programPipeline } from '../program.pipeline.ts';
import type { ProgramQueueFilters } from '../program.queries.ts';
import type { Program } from '../programs.ts';
import { ProgramNav } from './edition-nav.tsx';
import { plural } from './parts.tsx';

export interface ApplicationRow {
  queue: QueueRow;
  /** The élu's answers. */
  application: Pick<Application, 'mandate' | 'motivation' | 'availability'>;
  /** The mandate in progress. */
  mandate: { title: string; startsOn: string } | undefined;
  newlyElected: boolean;
  opinions: OpinionRow[];
  myOpinion: OpinionRow | undefined;
}

/** A form on the page was refused: which application, and why. */
export interface CardError {
  applicationId: string;
  message: string;
}

const decisionChoices = decisionsOf(programPipeline).map(
  (d) => [d, programPipeline.decisions[d]!.label] as [typeof d, string],
);

/** The filters and page carried through the forms of a card, to come back to the same list. */
export function keptFilters(filters: ProgramQueueFilters, page: number): Record<string, string | undefined> {
  return {
    filtre_region: filters.region,
    filtre_kind: filters.kind,
    filtre_nouveaux: filters.nouveaux,
    filtre_status: filters.status,
    filtre_page: page > 1 ? String(page) : undefined,
  };
}

export function ApplicationsPage(props: {
  ctx: PageContext;
  program: Program;
  rows: Paged<ApplicationRow>;
  total: number;
  accepted: number;
  filters: ProgramQueueFilters;
  regions: { code: string; name: string }[];
  decisionError?: CardError | undefined;
  opinionError?: CardError | undefined;
  notice?: string | undefined;
}) {
  const { program, filters, rows } = props;
  const base = `/gestion/parcours/${program.id}/candidatures`;
  const hidden = keptFilters(filters, rows.page);
  const query = new URLSearchParams(
    Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const pageUrl = (page: number) => {
    const q = new URLSearchParams(query);
    q.set('page', String(page));
    return `${base}?${q}`;
  };
  return (
    <Layout ctx={props.ctx} title={`${program.title} — candidatures`} notice={props.notice}>
      <h1>Candidatures — {program.title}</h1>
      <ProgramNav ctx={props.ctx} program={program} current={base} />
      <p role="status">
        {plural(props.total, 'candidature')} ; {plural(props.accepted, 'acceptée')}
        {program.cohortSize ? ` sur ${program.cohortSize} places` : ''}.
      </p>
      <QueueFilterForm
        action={base}
        filters={filters}
        regions={props.regions}
        statuses={applicationStatuses.map((s) => [s, applicationStatusLabels[s]])}
      >
        <Select
          name="nouveaux"
          label="Nouveaux élus (mandat depuis mars 2026)"
          options={[
            ['oui', 'Seulement les nouveaux élus'],
            ['non', 'Seulement les élus déjà en place'],
          ]}
          value={filters.nouveaux}
          empty="Tous"
        />
      </QueueFilterForm>
      {rows.items.length === 0 ? (
        <p>Aucune candidature ne correspond.</p>
      ) : (
        <ul class="cards">
          {rows.items.map((row) => {
            const id = row.queue.application.id;
            const errorOf = (error: CardError | undefined) =>
              error?.applicationId === id ? error.message : undefined;
            return (
              <ApplicationCard
                key={id}
                ctx={props.ctx}
                row={row.queue}
                statusLabel={applicationStatusLabels[row.queue.application.status]}
                badges={row.newlyElected ? <span class="badge badge-ok">nouvel·le élu·e</span> : null}
                facts={answersOf(row)}
                decision={{
                  action: `${base}/${id}/decision`,
                  choices: decisionChoices,
                  hidden,
                  error: errorOf(props.decisionError),
                }}
                opinions={{
                  action: `${base}/${id}/avis`,
                  list: row.opinions,
                  mine: row.myOpinion,
                  hidden,
                  error: errorOf(props.opinionError),
                }}
              />
            );
          })}
        </ul>
      )}
      <Pagination paged={rows} query={pageUrl} label="Pages des candidatures" />
    </Layout>
  );
}

/** The élu's answers, as reviewers read them. */
function answersOf(row: ApplicationRow): [string, ComponentChildren][] {
  const a = row.application;
  const facts: [string, ComponentChildren][] = [
    [
      'Mandat',
      `${a.mandate ?? row.mandate?.title ?? '—'}${row.mandate ? ` — depuis le ${formatDate(row.mandate.startsOn)}` : ''}`,
    ],
  ];
  if (a.motivation) facts.push(['Motivation', a.motivation]);
  if (a.availability) facts.push(['Disponibilités', a.availability]);
  return facts;
}
