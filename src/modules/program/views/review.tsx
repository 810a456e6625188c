// Staff's review of an edition's applications: the queue as a table (sortable, filtered, one box per row,
// one decision with one motivation for the boxes ticked, its mails previewed before anything is sent), and
// an application's page with the applications module's parts (its facts, the élu's answers, reviewers'
// opinions, the decision form) in the program's words: the élu's mandate, new élus, places.
import type { ComponentChildren } from 'preact';
import type { Paged } from '../../../platform/pagination.ts';
import { formatDate } from '../../../platform/time.ts';
import { frenchText } from '../../../platform/typography.ts';
import { CsrfField, Layout, type PageContext, Select, TextArea } from '../../../platform/views/layout.tsx';
import { Pagination } from '../../../platform/views/pagination.tsx';
import type { DecisionPreview } from '../../applications/decide.ts';
import type { OpinionRow } from '../../applications/opinions.ts';
import { decisionsOf } from '../../applications/pipeline.ts';
import type { QueueRow } from '../../applications/review-queue.ts';
import { selectionField } from '../../applications/selection.ts';
import type { Decision } from '../../applications/statuses.ts';
import { ApplicationCard, MailSample, QueueFilterForm } from '../../applications/views/review.tsx';
import { type Application, applicationStatuses, applicationStatusLabels } from '../applications.ts';
import { type QueueSort, type QueueView, queueSorts, queueViewUrl } from '../program.forms.ts';
import { programPipeline } from '../program.pipeline.ts';
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
  (d) => [d, programPipeline.decisions[d]!.label] as [Decision, string],
);

/** The list a form comes back to (`filtre_*` fields): its filters, its order, its page. */
export function keptFilters(list: QueueView): Record<string, string | undefined> {
  const { filters, sort, page } = list;
  return {
    filtre_region: filters.region,
    filtre_kind: filters.kind,
    filtre_nouveaux: filters.nouveaux,
    filtre_status: filters.status,
    filtre_tri: sort.by === 'statut' && sort.order === 'asc' ? undefined : sort.by,
    filtre_ordre: sort.by === 'statut' && sort.order === 'asc' ? undefined : sort.order,
    filtre_page: page > 1 ? String(page) : undefined,
  };
}

function Hidden({ values }: { values: Record<string, string | undefined> }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
    </>
  );
}

/** What the bulk form had when it comes back (a refusal, « tout cocher »): boxes, decision, motivation. */
export interface BulkState {
  selected: Set<string>;
  decision?: string | undefined;
  motivation?: string | undefined;
  error?: string | undefined;
}

const sortLabels: Record<QueueSort, string> = {
  nom: 'Nom',
  organisation: 'Collectivité',
  region: 'Région',
  depot: 'Déposée le',
  statut: 'Statut',
};

/** A column's header: a link that sorts by it (the other way when it already does), its state said. */
function SortHeader({ list, by, base }: { list: QueueView; by: QueueSort; base: string }) {
  const current = list.sort.by === by;
  const next = current && list.sort.order === 'asc' ? 'desc' : 'asc';
  return (
    <th
      scope="col"
      aria-sort={current ? (list.sort.order === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <a href={queueViewUrl(base, { ...list, sort: { by, order: next }, page: 1 })}>
        {sortLabels[by]}
        <span class="visually-hidden">
          {current
            ? `, trié par ordre ${list.sort.order === 'asc' ? 'croissant' : 'décroissant'} ; trier par ordre ${next === 'asc' ? 'croissant' : 'décroissant'}`
            : ' : trier par cette colonne'}
        </span>
        {current ? <span aria-hidden="true">{list.sort.order === 'asc' ? ' ▲' : ' ▼'}</span> : null}
      </a>
    </th>
  );
}

const fullName = (row: ApplicationRow) => `${row.queue.applicant.firstName} ${row.queue.applicant.lastName}`;

/** Opinions in a few words: « 2 avis : 1 favorable, 1 réservé ». */
function opinionsInWords(list: OpinionRow[]): string {
  if (list.length === 0) return 'aucun';
  const counts = new Map<string, number>();
  for (const o of list) counts.set(o.opinion, (counts.get(o.opinion) ?? 0) + 1);
  const words = { favourable: 'favorable', reserved: 'réservé', unfavourable: 'défavorable' } as const;
  const parts = (['favourable', 'reserved', 'unfavourable'] as const)
    .filter((k) => counts.get(k))
    .map((k) => `${counts.get(k)} ${words[k]}`);
  return `${list.length} avis : ${parts.join(', ')}`;
}

export function ApplicationsPage(props: {
  ctx: PageContext;
  program: Program;
  rows: Paged<ApplicationRow>;
  total: number;
  accepted: number;
  list: QueueView;
  regions: { code: string; name: string }[];
  bulk?: BulkState | undefined;
  notice?: string | undefined;
}) {
  const { program, list, rows } = props;
  const base = `/gestion/parcours/${program.id}/candidatures`;
  const bulk = props.bulk ?? { selected: new Set<string>() };
  const pageUrl = (page: number) => queueViewUrl(base, { ...list, page });
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
        filters={list.filters}
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
          value={list.filters.nouveaux}
          empty="Tous"
        />
        {/* The order chosen stays when the filters change. */}
        {list.sort.by !== 'statut' || list.sort.order !== 'asc' ? (
          <>
            <input type="hidden" name="tri" value={list.sort.by} />
            <input type="hidden" name="ordre" value={list.sort.order} />
          </>
        ) : null}
      </QueueFilterForm>
      {rows.items.length === 0 ? (
        <p>Aucune candidature ne correspond.</p>
      ) : (
        <form method="post" action={`${base}/decisions`} aria-labelledby="decision-groupee">
          <CsrfField ctx={props.ctx} />
          <Hidden values={keptFilters(list)} />
          {bulk.error ? (
            <div class="error-summary" role="alert" id="decision-groupee-erreur">
              <h2>La décision n’est pas prête</h2>
              <p>{bulk.error}</p>
            </div>
          ) : null}
          <div class="table-scroll">
            <table class="table-cards">
              <caption>
                Les candidatures
                {list.sort.by === 'statut' && list.sort.order === 'asc'
                  ? ', celles qui attendent une décision d’abord'
                  : `, par ${sortLabels[list.sort.by].toLowerCase()}`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span class="visually-hidden">Choisir</span>
                  </th>
                  {queueSorts.map((by) => (
                    <SortHeader key={by} list={list} by={by} base={base} />
                  ))}
                  <th scope="col">Avis</th>
                  <th scope="col">
                    <span class="visually-hidden">Dossier</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.items.map((row) => {
                  const a = row.queue.application;
                  const name = fullName(row);
                  const organisation = row.queue.organisation;
                  return (
                    <tr key={a.id} id={`candidature-${a.id}`}>
                      <td data-label="Choisir">
                        <input
                          type="checkbox"
                          id={`choix-${a.id}`}
                          name={selectionField(a.id)}
                          value="oui"
                          checked={bulk.selected.has(a.id)}
                        />
                        <label for={`choix-${a.id}`} class="visually-hidden">
                          Choisir la candidature de {name}
                        </label>
                      </td>
                      <th scope="row" class="name" data-label="Nom">
                        <a href={`/gestion/personnes/${row.queue.applicant.id}`}>{name}</a>
                        {row.newlyElected ? (
                          <>
                            {' '}
                            <span class="badge badge-ok">nouvel·le élu·e</span>
                          </>
                        ) : null}
                      </th>
                      <td data-label="Collectivité">{organisation?.name ?? '—'}</td>
                      <td data-label="Région">{organisation?.regionName ?? '—'}</td>
                      <td data-label="Déposée le">{formatDate(a.submittedAt ?? a.createdAt)}</td>
                      <td data-label="Statut">{applicationStatusLabels[a.status]}</td>
                      <td data-label="Avis">{opinionsInWords(row.opinions)}</td>
                      <td data-label="Dossier">
                        <a href={queueViewUrl(`${base}/${a.id}`, list)}>
                          Examiner<span class="visually-hidden"> la candidature de {name}</span>
                        </a>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p class="actions">
            <button type="submit" name="etape" value="tout" class="button-secondary">
              Tout cocher sur cette page
            </button>
            <button type="submit" name="etape" value="aucun" class="button-secondary">
              Tout décocher
            </button>
          </p>
          <fieldset>
            <legend id="decision-groupee">Décider pour les candidatures cochées</legend>
            <div class="field">
              <fieldset>
                <legend>Décision</legend>
                {decisionChoices.map(([value, label]) => (
                  <div key={value} class="choice">
                    <input
                      type="radio"
                      id={`decision-groupee-${value}`}
                      name="decision"
                      value={value}
                      checked={bulk.decision === value}
                    />{' '}
                    <label for={`decision-groupee-${value}`}>{label}</label>
                  </div>
                ))}
              </fieldset>
            </div>
            <TextArea
              id="motivation-groupee"
              name="motivation"
              label="Motivation, la même pour chacune (facultatif)"
              hint="Jointe au courriel qui annonce la décision à chaque personne dont la situation change."
              value={bulk.motivation}
              rows={3}
            />
            <button type="submit" name="etape" value="apercu">
              Voir qui recevra quoi avant d’envoyer
            </button>
          </fieldset>
        </form>
      )}
      <Pagination paged={rows} query={pageUrl} label="Pages des candidatures" />
    </Layout>
  );
}

/** Before sending: who is mailed what, who is not (their status stays), and what would refuse it. */
export function DecisionPreviewPage(props: {
  ctx: PageContext;
  program: Program;
  list: QueueView;
  preview: DecisionPreview;
  /** The decision was refused when confirmed (a place taken meanwhile…). */
  error?: string | undefined;
}) {
  const { program, preview, list } = props;
  const base = `/gestion/parcours/${program.id}/candidatures`;
  const verb = programPipeline.decisions[preview.decision]!.label;
  const mailed = preview.rows.filter((r) => r.mail);
  const unchanged = preview.rows.filter((r) => !r.mail);
  const sample = mailed[0]?.mail;
  const refusal = props.error ?? preview.refusal?.message;
  return (
    <Layout ctx={props.ctx} title={`${program.title} — décision à confirmer`}>
      <h1>Décision à confirmer — {program.title}</h1>
      <ProgramNav ctx={props.ctx} program={program} current={base} />
      {refusal ? (
        <div class="error-summary" role="alert">
          <h2>Cette décision ne peut pas être enregistrée</h2>
          <p>{refusal}</p>
        </div>
      ) : null}
      <p>
        <strong>
          {frenchText(
            `${verb} : ${plural(preview.rows.length, 'candidature')}. ${
              mailed.length === 0
                ? 'Personne ne recevra de courriel : la situation de chacune reste la même.'
                : `${plural(mailed.length, 'personne recevra', 'personnes recevront')} le courriel ci-dessous, une seule fois.`
            }`,
          )}
        </strong>
      </p>
      <div class="table-scroll">
        <table class="table-cards">
          <caption>Qui reçoit quoi</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Adresse électronique</th>
              <th scope="col">Statut aujourd’hui</th>
              <th scope="col">Courriel</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.id}>
                <th scope="row" class="name" data-label="Nom">
                  <a
                    href={`/gestion/personnes/${r.person.id}`}
                  >{`${r.person.firstName} ${r.person.lastName}`}</a>
                </th>
                <td data-label="Adresse électronique">{r.person.email}</td>
                <td data-label="Statut aujourd’hui">{applicationStatusLabels[r.status]}</td>
                <td data-label="Courriel">
                  {r.mail ? `« ${r.mail.subject} »` : 'aucun : sa situation ne change pas'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sample ? <MailSample mail={sample} firstName={mailed[0]!.person.firstName} /> : null}
      {unchanged.length && mailed.length ? (
        <p>
          {plural(unchanged.length, 'candidature a', 'candidatures ont')} déjà ce statut : la motivation y est
          mise à jour, sans courriel.
        </p>
      ) : null}
      {refusal ? null : (
        <form method="post" action={`${base}/decisions`}>
          <CsrfField ctx={props.ctx} />
          <Hidden values={keptFilters(list)} />
          {preview.rows.map((r) => (
            <input key={r.id} type="hidden" name={selectionField(r.id)} value="oui" />
          ))}
          <input type="hidden" name="decision" value={preview.decision} />
          {preview.motivation ? <input type="hidden" name="motivation" value={preview.motivation} /> : null}
          <p class="actions">
            <button type="submit" name="etape" value="confirmer">
              Confirmer et envoyer{mailed.length ? ` ${plural(mailed.length, 'courriel')}` : ''}
            </button>
          </p>
        </form>
      )}
      <p>
        <a href={queueViewUrl(base, list)}>Revenir à la liste sans rien enregistrer</a>
      </p>
    </Layout>
  );
}

/** One application as reviewers read it, with the opinion and decision forms. */
export function ApplicationReviewPage(props: {
  ctx: PageContext;
  program: Program;
  row: ApplicationRow;
  list: QueueView;
  decisionError?: string | undefined;
  opinionError?: string | undefined;
  notice?: string | undefined;
}) {
  const { program, row, list } = props;
  const base = `/gestion/parcours/${program.id}/candidatures`;
  const id = row.queue.application.id;
  const hidden = keptFilters(list);
  return (
    <Layout ctx={props.ctx} title={`${fullName(row)} — candidature`} notice={props.notice}>
      <h1>Candidature de {fullName(row)}</h1>
      <ProgramNav ctx={props.ctx} program={program} current={base} />
      <p>
        <a href={queueViewUrl(base, list)}>Revenir à la liste des candidatures</a> ·{' '}
        <a href={`/gestion/personnes/${row.queue.applicant.id}`}>Fiche de la personne</a>
      </p>
      <ul class="cards cards-wide">
        <ApplicationCard
          ctx={props.ctx}
          row={row.queue}
          statusLabel={applicationStatusLabels[row.queue.application.status]}
          badges={row.newlyElected ? <span class="badge badge-ok">nouvel·le élu·e</span> : null}
          facts={answersOf(row)}
          decision={{
            action: `${base}/${id}/decision`,
            choices: decisionChoices,
            hidden,
            error: props.decisionError,
          }}
          opinions={{
            action: `${base}/${id}/avis`,
            list: row.opinions,
            mine: row.myOpinion,
            hidden,
            error: props.opinionError,
          }}
        />
      </ul>
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
