// The instructors' pages of support calls: the calls, a call's form, its dossiers by tab (the comparison
// table when sorted by score), a dossier with its marks, followers and decision, the committee's screen
// against the envelope, and the preview of who will be mailed what before any decision is recorded.
import { Fragment } from 'preact';
import { formatCents } from '../../../platform/money.ts';
import { formatDate, formatDateTime } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  Layout,
  type PageContext,
  TextArea,
} from '../../../platform/views/layout.tsx';
import { StaffNav } from '../../../platform/views/staff-nav.tsx';
import type { DecisionPreview } from '../../applications/decide.ts';
import { statusLabel } from '../../applications/pipeline.ts';
import type { QueueFilters } from '../../applications/review-queue.ts';
import { selectionField } from '../../applications/selection.ts';
import type { Decision } from '../../applications/statuses.ts';
import { MailSample, QueueFilterForm } from '../../applications/views/review.tsx';
import { regions } from '../../organisations/reference.ts';
import { callName } from '../applicant-queries.ts';
import { callsPipeline } from '../calls.pipeline.ts';
import type { Call } from '../calls.ts';
import type { SavedSearch } from '../searches.ts';
import type { CallFormValues } from '../staff.forms.ts';
import type { CallRow, DossierPage, DossierRow, DossierSort, Tab } from '../staff-queries.ts';
import { tabLabels, tabs } from '../staff-queries.ts';
import { Attachments } from './attachments.tsx';
import { EngagementSummaryBlock } from './engagements.tsx';
import { ExpertsSection } from './experts.tsx';
import { Thread } from './thread.tsx';

export const base = '/gestion/appels';
export const callPath = (id: string) => `${base}/${id}`;
export const dossierPath = (callId: string, id: string) => `${base}/${callId}/dossiers/${id}`;

const euros = (cents: number | null | undefined) =>
  cents === null || cents === undefined ? '—' : formatCents(cents);
const score = (value: number | undefined) =>
  value === undefined ? 'pas encore noté' : `${value.toLocaleString('fr-FR')} / 5`;
const label = (status: DossierRow['application']['status']) => statusLabel(callsPipeline, status);

function windowState(call: Call, at = new Date()) {
  if (at < call.opensAt) return `ouvre le ${formatDateTime(call.opensAt)}`;
  if (at < call.closesAt) return `ouvert jusqu’au ${formatDateTime(call.closesAt)}`;
  return `clos depuis le ${formatDateTime(call.closesAt)}`;
}

// ——— The calls ———

export function CallsPage(props: { ctx: PageContext; rows: CallRow[]; notice?: string | undefined }) {
  return (
    <Layout ctx={props.ctx} title="Appels DCOL — gestion" notice={props.notice}>
      <h1>Appels DCOL</h1>
      <StaffNav ctx={props.ctx} current={base} />
      <p>
        <a class="button" href={`${base}/nouveau`}>
          Ouvrir un appel
        </a>{' '}
        <a href="/gestion/accompagnements">Suivre tous les accompagnements</a>
      </p>
      {props.rows.length === 0 ? (
        <p>Aucun appel pour l’instant.</p>
      ) : (
        <div class="table-scroll">
          <table class="table-cards">
            <caption>
              Les appels, le plus récent d’abord ; les brouillons restent ceux des collectivités
            </caption>
            <thead>
              <tr>
                <th scope="col">Appel</th>
                <th scope="col">Fenêtre</th>
                <th scope="col">Brouillons</th>
                <th scope="col">Déposés</th>
                <th scope="col">En instruction</th>
                <th scope="col">Retenus</th>
                <th scope="col">Enveloppe</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map(({ call, counts }) => (
                <tr key={call.id}>
                  <th scope="row" class="name">
                    <a href={callPath(call.id)}>{callName(call)}</a>
                  </th>
                  <td data-label="Fenêtre">{windowState(call)}</td>
                  <td data-label="Brouillons">{counts.draft ?? 0}</td>
                  <td data-label="Déposés">{counts.submitted ?? 0}</td>
                  <td data-label="En instruction">{counts.in_review ?? 0}</td>
                  <td data-label="Retenus">
                    {counts.accepted ?? 0}
                    {call.engagementsPlanned ? ` sur ${call.engagementsPlanned} prévus` : ''}
                  </td>
                  <td data-label="Enveloppe">{euros(call.envelopeCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function CallFormPage(props: {
  ctx: PageContext;
  call?: Call | undefined;
  values: CallFormValues;
  errors?: Record<string, string> | undefined;
  /** A dossier stands on the current questions: changing them makes a new version. */
  versioned?: boolean;
}) {
  const { values, errors = {}, call } = props;
  const action = call ? `${callPath(call.id)}/modifier` : `${base}/nouveau`;
  const title = call ? `Modifier le ${callName(call)}` : 'Ouvrir un appel';
  return (
    <Layout ctx={props.ctx} title={title}>
      <h1>{title}</h1>
      <p>
        <a href={call ? callPath(call.id) : base}>Revenir sans rien enregistrer</a>
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action={action}>
        <CsrfField ctx={props.ctx} />
        <Field
          name="numero"
          label="Numéro de l’appel"
          type="number"
          value={values.numero}
          required
          error={errors.numero}
          hint="13 pour le 13ᵉ appel."
        />
        <Field name="titre" label="Titre" value={values.titre} required error={errors.titre} />
        <TextArea
          name="description"
          label="Présentation"
          value={values.description}
          error={errors.description}
          rows={4}
        />
        <TextArea
          name="types"
          label="Types d’accompagnement proposés"
          value={values.types}
          error={errors.types}
          hint="Un par ligne : stratégie internationale, montage de projet, recherche de cofinancements, climat…"
          rows={4}
        />
        <Field
          name="ouverture"
          label="Ouverture (heure de Paris)"
          type="datetime-local"
          value={values.ouverture}
          required
          error={errors.ouverture}
        />
        <Field
          name="cloture"
          label="Clôture (heure de Paris)"
          type="datetime-local"
          value={values.cloture}
          required
          error={errors.cloture}
        />
        <Field
          name="enveloppe"
          label="Enveloppe en euros"
          value={values.enveloppe}
          error={errors.enveloppe}
          hint="Ce que les dossiers retenus peuvent coûter ensemble ; vide si l’appel n’en a pas."
        />
        <Field
          name="accompagnements"
          label="Nombre d’accompagnements prévus"
          type="number"
          value={values.accompagnements}
          error={errors.accompagnements}
        />
        <TextArea
          name="criteres"
          label="Grille de notation"
          value={values.criteres}
          required
          error={errors.criteres}
          hint="Un critère par ligne, « libellé ; poids » (poids de 1 à 100). Chaque dossier est noté de 0 à 5 par critère ; la grille ne change plus une fois un dossier noté."
          rows={5}
        />
        <TextArea
          name="questions"
          label="Questions du formulaire"
          value={values.questions}
          error={errors.questions}
          hint={`Une question par ligne ; terminez par « * » une question obligatoire. ${
            props.versioned
              ? 'Des dossiers sont écrits sur ces questions : les changer fait une nouvelle version, et chaque dossier garde la sienne.'
              : 'Vide : les questions habituelles du réseau.'
          }`}
          rows={7}
        />
        <TextArea
          name="comite"
          label="Comité de sélection"
          value={values.comite}
          error={errors.comite}
          hint="Qui choisit les dossiers : élus du bureau exécutif, partenaires (MEAE/DCTCIV, AFD…)."
          rows={2}
        />
        <TextArea
          name="pieces"
          label="Pièces jointes attendues"
          value={values.pieces}
          error={errors.pieces}
          hint="Une pièce par ligne (délibération, budget…) ; terminez par « * » une pièce obligatoire pour déposer. Fichiers PDF ou bureautiques, vérifiés par leur contenu."
          rows={3}
        />
        <button type="submit">{call ? 'Enregistrer' : 'Ouvrir l’appel'}</button>
      </form>
      {call ? (
        <form method="post" action={`${callPath(call.id)}/suppression`}>
          <CsrfField ctx={props.ctx} />
          <h2>Supprimer l’appel</h2>
          <p>
            Seul un appel sans aucun dossier se supprime (ouvert par erreur) ; les autres restent l’histoire
            du réseau.
          </p>
          <button type="submit" class="button-danger">
            Supprimer l’appel
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

// ——— A call's dossiers ———

export interface DossierListView {
  tab: Tab;
  sort: DossierSort;
  filters: QueueFilters;
}

export function listUrl(callId: string, list: DossierListView, overrides: Partial<DossierListView> = {}) {
  const { tab, sort, filters } = { ...list, ...overrides };
  const params = new URLSearchParams();
  if (tab !== 'a-suivre') params.set('onglet', tab);
  if (sort !== 'depot') params.set('tri', sort);
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  const query = params.toString();
  return `${callPath(callId)}${query ? `?${query}` : ''}`;
}

export function CallDossiersPage(props: {
  ctx: PageContext;
  call: Call;
  list: DossierListView;
  rows: DossierRow[];
  counts: Record<Tab, number>;
  drafts: number;
  searches: SavedSearch[];
  searchError?: string | undefined;
  notice?: string | undefined;
}) {
  const { call, list, rows } = props;
  const current = listUrl(call.id, list).split('?')[1] ?? '';
  return (
    <Layout ctx={props.ctx} title={`${callName(call)} — dossiers`} notice={props.notice}>
      <h1>{callName(call)}</h1>
      <p>
        <a href={base}>Tous les appels</a> · <a href={`${callPath(call.id)}/modifier`}>Modifier l’appel</a> ·{' '}
        <a href={`${callPath(call.id)}/comite`}>Comité de sélection</a> ·{' '}
        <a href={`${callPath(call.id)}/derogations`}>Dossiers supplémentaires</a> ·{' '}
        <a href={`${callPath(call.id)}/accompagnements`}>Accompagnements</a> · Exporter les dossiers :{' '}
        <a href={`${callPath(call.id)}/dossiers.csv`}>CSV</a>,{' '}
        <a href={`${callPath(call.id)}/dossiers.xlsx`}>Excel</a>
      </p>
      <p>
        {windowState(call)}. Enveloppe : {euros(call.envelopeCents)}.{' '}
        {props.drafts
          ? `${props.drafts} brouillon${props.drafts > 1 ? 's' : ''} en cours dans les collectivités (visibles une fois déposés).`
          : ''}
      </p>
      <nav aria-label="Onglets des dossiers" class="actions">
        {tabs.map((t) => (
          <a
            key={t}
            href={listUrl(call.id, list, { tab: t })}
            aria-current={t === list.tab ? 'page' : undefined}
          >
            {tabLabels[t]} ({props.counts[t]})
          </a>
        ))}
      </nav>
      <QueueFilterForm
        action={callPath(call.id)}
        filters={list.filters}
        regions={regions()}
        statuses={(['submitted', 'in_review', 'accepted', 'rejected', 'closed'] as const).map((s) => [
          s,
          label(s),
        ])}
      >
        {list.tab !== 'a-suivre' ? <input type="hidden" name="onglet" value={list.tab} /> : null}
        {list.sort !== 'depot' ? <input type="hidden" name="tri" value={list.sort} /> : null}
      </QueueFilterForm>
      <section aria-labelledby="recherches">
        <h2 id="recherches">Mes recherches enregistrées</h2>
        {props.searches.length ? (
          <ul>
            {props.searches.map((search) => (
              <li key={search.id}>
                <a href={`${callPath(call.id)}${search.query ? `?${search.query}` : ''}`}>{search.name}</a>{' '}
                <form
                  method="post"
                  action={`${callPath(call.id)}/recherches/${search.id}/suppression`}
                  class="inline"
                >
                  <CsrfField ctx={props.ctx} />
                  <button type="submit" class="button-secondary">
                    Supprimer<span class="visually-hidden"> la recherche « {search.name} »</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        ) : null}
        <form method="post" action={`${callPath(call.id)}/recherches`}>
          <CsrfField ctx={props.ctx} />
          <input type="hidden" name="query" value={current} />
          <Field
            name="name"
            id="search-name"
            label="Enregistrer la liste affichée (onglet, filtres, ordre) sous le nom"
            error={props.searchError}
          />
          <button type="submit" class="button-secondary">
            Enregistrer la recherche
          </button>
        </form>
      </section>
      <p>
        Ordre :{' '}
        {list.sort === 'score' ? (
          <a href={listUrl(call.id, list, { sort: 'depot' })}>par date de dépôt</a>
        ) : (
          <a href={listUrl(call.id, list, { sort: 'score' })}>par score pondéré (tableau comparatif)</a>
        )}
      </p>
      {rows.length === 0 ? (
        <p>Aucun dossier dans cet onglet.</p>
      ) : (
        <div class="table-scroll">
          <table class="table-cards">
            <caption>
              {tabLabels[list.tab]} — {rows.length} dossier{rows.length > 1 ? 's' : ''},{' '}
              {list.sort === 'score' ? 'le meilleur score d’abord' : 'par statut puis date de dépôt'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Collectivité</th>
                <th scope="col">Statut</th>
                <th scope="col">Déposé le</th>
                <th scope="col">Coût demandé</th>
                <th scope="col">Score pondéré</th>
                <th scope="col">Suivi par</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.application.id}>
                  <th scope="row" class="name">
                    <a href={dossierPath(call.id, r.application.id)}>{r.organisation?.name ?? '—'}</a>
                    {r.organisation?.regionName ? (
                      <span class="muted"> — {r.organisation.regionName}</span>
                    ) : null}
                  </th>
                  <td data-label="Statut">{label(r.application.status)}</td>
                  <td data-label="Déposé le">
                    {r.application.submittedAt ? formatDate(r.application.submittedAt) : '—'}
                  </td>
                  <td data-label="Coût demandé">{euros(r.requestedCents)}</td>
                  <td data-label="Score pondéré">{score(r.score)}</td>
                  <td data-label="Suivi par">{r.followers.join(', ') || 'personne'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

// ——— A dossier ———

export interface DossierErrors {
  marks?: Record<string, string>;
  decision?: Record<string, string>;
  note?: Record<string, string>;
  message?: Record<string, string>;
  expert?: Record<string, string>;
}

export function DossierStaffPage(props: {
  ctx: PageContext;
  call: Call;
  page: DossierPage;
  viewerId: string;
  /** The marks typed, kept after a refused form. */
  typed?: Record<string, string>;
  /** The key of the message form as shown: sent twice, the message is written once. */
  messageKey: string;
  /** The expert request typed, kept after a refused form. */
  expertValues?: Record<string, string>;
  errors?: DossierErrors;
  notice?: string | undefined;
}) {
  const { call, page, errors = {} } = props;
  const { row, form, grid, marks } = page;
  const a = row.application;
  const path = dossierPath(call.id, a.id);
  const mine = marks.find((m) => m.reviewerId === props.viewerId);
  const open = a.status === 'submitted' || a.status === 'in_review';
  return (
    <Layout
      ctx={props.ctx}
      title={`${row.organisation?.name ?? 'Dossier'} — ${callName(call)}`}
      notice={props.notice}
    >
      <h1>
        Dossier de {row.organisation?.name ?? '—'} <span class="muted">— {callName(call)}</span>
      </h1>
      <p>
        <a href={callPath(call.id)}>Revenir aux dossiers de l’appel</a>
      </p>
      <dl class="facts">
        <dt>Statut</dt>
        <dd>
          <strong>{label(a.status)}</strong>
          {a.decisionMotivation ? ` — ${a.decisionMotivation}` : ''}
        </dd>
        <dt>Porté par</dt>
        <dd>
          {row.applicant.firstName} {row.applicant.lastName} ({row.applicant.email})
          {row.submittedByName ? `, déposé par ${row.submittedByName}` : ''}
        </dd>
        <dt>Déposé le</dt>
        <dd>{a.submittedAt ? formatDateTime(a.submittedAt) : '—'}</dd>
        <dt>Coût demandé</dt>
        <dd>{euros(row.requestedCents)}</dd>
        <dt>Score pondéré</dt>
        <dd>{score(row.score)}</dd>
        <dt>Formulaire</dt>
        <dd>version {form?.version ?? '—'}</dd>
      </dl>
      <h2>Réponses</h2>
      {form?.questions.length ? (
        <dl class="answers">
          {form.questions.map((q) => (
            <Fragment key={q.key}>
              <dt>{q.label}</dt>
              <dd>{a.answers[q.key] ? String(a.answers[q.key]) : <em>sans réponse</em>}</dd>
            </Fragment>
          ))}
        </dl>
      ) : (
        <p>Ce formulaire n’a pas de questions.</p>
      )}

      <EngagementSummaryBlock
        audience="staff"
        summary={page.engagement}
        callId={call.id}
        applicationId={a.id}
        accepted={a.status === 'accepted'}
      />

      <Attachments
        ctx={props.ctx}
        expected={form?.attachments ?? []}
        joined={page.attachments}
        href={`/mon-espace/dossiers/${a.id}/pieces`}
      />

      <ExpertsSection
        ctx={props.ctx}
        path={path}
        requests={page.experts}
        open={open}
        values={props.expertValues}
        errors={errors.expert}
      />

      <h2>Messagerie avec la collectivité</h2>
      <Thread messages={page.messages} />
      <form method="post" action={`${path}/messages`}>
        <CsrfField ctx={props.ctx} />
        <input type="hidden" name="key" value={props.messageKey} />
        <ErrorSummary errors={errors.message} targets={{ body: 'message-body' }} />
        <TextArea
          id="message-body"
          name="body"
          label={`Écrire à ${row.applicant.firstName} ${row.applicant.lastName}`}
          hint="Envoyé par courriel à la personne qui porte le dossier, et lu sur la page du dossier."
          error={errors.message?.body}
          rows={3}
        />
        <button type="submit" class="button-secondary">
          Envoyer le message
        </button>
      </form>

      <h2>Annotations privées</h2>
      <p class="hint">
        Lues des seuls instructeurs : jamais montrées, envoyées ni exportées à la collectivité.
      </p>
      {page.notes.length ? (
        <ul class="thread">
          {page.notes.map((n) => (
            <li key={n.id}>
              <p class="muted">
                {n.authorName}, le {formatDateTime(n.createdAt)}
              </p>
              <p class="pre-line">{n.body}</p>
              {n.authorId === props.viewerId ? (
                <form method="post" action={`${path}/annotations/suppression`}>
                  <CsrfField ctx={props.ctx} />
                  <input type="hidden" name="note" value={n.id} />
                  <button type="submit" class="button-secondary">
                    Supprimer mon annotation
                    <span class="visually-hidden"> du {formatDateTime(n.createdAt)}</span>
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucune annotation.</p>
      )}
      <form method="post" action={`${path}/annotations`}>
        <CsrfField ctx={props.ctx} />
        <ErrorSummary errors={errors.note} targets={{ body: 'note-body' }} />
        <TextArea
          id="note-body"
          name="body"
          label="Ajouter une annotation"
          error={errors.note?.body}
          rows={2}
        />
        <button type="submit" class="button-secondary">
          Annoter
        </button>
      </form>

      <h2>Suivi</h2>
      <p>Suivi par : {row.followers.join(', ') || 'personne'}.</p>
      <form method="post" action={`${path}/suivi`}>
        <CsrfField ctx={props.ctx} />
        <input type="hidden" name="suivre" value={row.followedByMe ? 'non' : 'oui'} />
        <button type="submit" class="button-secondary">
          {row.followedByMe ? 'Ne plus suivre ce dossier' : 'Suivre ce dossier'}
        </button>
      </form>

      <h2>Notes sur la grille</h2>
      <p class="hint">Lues des seuls instructeurs : la collectivité ne les voit jamais.</p>
      {marks.length ? (
        <div class="table-scroll">
          <table>
            <caption>Les notes des instructeurs (0 à 5) et leur score pondéré</caption>
            <thead>
              <tr>
                <th scope="col">Instructeur</th>
                {grid.map((c) => (
                  <th key={c.id} scope="col">
                    {c.label} (poids {c.weight})
                  </th>
                ))}
                <th scope="col">Score pondéré</th>
              </tr>
            </thead>
            <tbody>
              {marks.map((m) => (
                <tr key={m.reviewerId}>
                  <th scope="row">{m.reviewerName}</th>
                  {grid.map((c) => (
                    <td key={c.id}>{m.marks.get(c.id) ?? '—'}</td>
                  ))}
                  <td>{m.weighted.toLocaleString('fr-FR')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Pas encore noté.</p>
      )}
      {open ? (
        <form method="post" action={`${path}/notes`}>
          <CsrfField ctx={props.ctx} />
          <ErrorSummary errors={errors.marks} />
          <fieldset>
            <legend>Mes notes (de 0 à 5 par critère)</legend>
            {grid.map((c) => (
              <Field
                key={c.id}
                id={`note-${c.id}`}
                name={`note_${c.id}`}
                label={`${c.label} (poids ${c.weight})`}
                type="number"
                required
                value={props.typed?.[`note_${c.id}`] ?? mine?.marks.get(c.id)?.toString()}
                error={errors.marks?.[`note-${c.id}`]}
              />
            ))}
          </fieldset>
          <p class="hint">
            Noter un dossier déposé le fait passer en instruction : la collectivité ne le corrige plus.
          </p>
          <button type="submit">Enregistrer mes notes</button>
        </form>
      ) : null}

      {a.status !== 'accepted' && a.status !== 'rejected' && a.status !== 'closed' ? (
        <DecisionForm
          ctx={props.ctx}
          action={`${path}/decision`}
          status={a.status}
          errors={errors.decision}
        />
      ) : null}
    </Layout>
  );
}

/** The decisions open to a dossier now: accepting or refusing only once in instruction (decision 021). */
function decisionsFor(status: string): Decision[] {
  return status === 'in_review' ? ['accepted', 'rejected', 'closed'] : ['closed'];
}

function DecisionForm(props: {
  ctx: PageContext;
  action: string;
  status: string;
  errors?: Record<string, string> | undefined;
}) {
  const choices = decisionsFor(props.status);
  return (
    <form method="post" action={props.action}>
      <h2>Décision</h2>
      <CsrfField ctx={props.ctx} />
      <ErrorSummary errors={props.errors} targets={{ decision: `decision-${choices[0]}` }} />
      {props.status === 'submitted' ? (
        <p class="hint">
          Retenir ou refuser demande d’abord l’instruction (une note) ; le dossier peut être classé sans
          suite.
        </p>
      ) : null}
      <DecisionFields
        legend="Décision pour ce dossier"
        choices={choices}
        error={props.errors?.motivation}
        hint="Envoyée à la collectivité avec la décision : toute décision est motivée."
        button="Voir le courriel avant d’enregistrer"
      />
    </form>
  );
}

/** The decision's choices, its motivation and the button that shows the mails before anything is sent. */
function DecisionFields(props: {
  legend: string;
  choices: readonly Decision[];
  error: string | undefined;
  hint: string;
  button: string;
}) {
  return (
    <>
      <fieldset>
        <legend>{props.legend}</legend>
        {props.choices.map((d) => (
          <div key={d}>
            <input type="radio" id={`decision-${d}`} name="decision" value={d} required />{' '}
            <label for={`decision-${d}`}>{callsPipeline.decisions[d]!.label}</label>
          </div>
        ))}
      </fieldset>
      <TextArea
        name="motivation"
        label="Motivation"
        required
        error={props.error}
        hint={props.hint}
        rows={3}
      />
      <button type="submit" name="etape" value="apercu">
        {props.button}
      </button>
    </>
  );
}

// ——— Who will be mailed what ———

export function DecisionPreviewPage(props: {
  ctx: PageContext;
  call: Call;
  preview: DecisionPreview;
  /** Where the confirmation goes, and where to go back. */
  action: string;
  back: string;
  /** Refused when confirmed (the envelope spent meanwhile…). */
  error?: string | undefined;
  organisationNames: Map<string, string>;
}) {
  const { preview, call } = props;
  const verb = callsPipeline.decisions[preview.decision]!.label;
  const mailed = preview.rows.filter((r) => r.mail);
  const refusal = props.error ?? preview.refusal?.message;
  const sample = mailed[0];
  return (
    <Layout ctx={props.ctx} title={`${callName(call)} — décision à confirmer`}>
      <h1>Décision à confirmer — {callName(call)}</h1>
      {refusal ? (
        <div class="error-summary" role="alert">
          <h2>Cette décision ne peut pas être enregistrée</h2>
          <p>{refusal}</p>
        </div>
      ) : null}
      <p>
        <strong>
          {verb} : {preview.rows.length} dossier{preview.rows.length > 1 ? 's' : ''}.{' '}
          {mailed.length === 0
            ? 'Personne ne recevra de courriel : la situation de chacun reste la même.'
            : `${mailed.length} personne${mailed.length > 1 ? 's recevront' : ' recevra'} le courriel ci-dessous, une seule fois.`}
        </strong>
      </p>
      <div class="table-scroll">
        <table class="table-cards">
          <caption>Qui reçoit quoi</caption>
          <thead>
            <tr>
              <th scope="col">Collectivité</th>
              <th scope="col">Destinataire</th>
              <th scope="col">Statut aujourd’hui</th>
              <th scope="col">Courriel</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.id}>
                <th scope="row" class="name">
                  {props.organisationNames.get(r.id) ?? '—'}
                </th>
                <td data-label="Destinataire">
                  {r.person.firstName} {r.person.lastName} ({r.person.email})
                </td>
                <td data-label="Statut aujourd’hui">{label(r.status)}</td>
                <td data-label="Courriel">
                  {r.mail ? `« ${r.mail.subject} »` : 'aucun : sa situation ne change pas'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sample?.mail ? <MailSample mail={sample.mail} firstName={sample.person.firstName} /> : null}
      {refusal ? null : (
        <form method="post" action={props.action}>
          <CsrfField ctx={props.ctx} />
          {preview.rows.map((r) => (
            <input key={r.id} type="hidden" name={selectionField(r.id)} value="oui" />
          ))}
          <input type="hidden" name="decision" value={preview.decision} />
          {preview.motivation ? <input type="hidden" name="motivation" value={preview.motivation} /> : null}
          <p class="actions">
            <button type="submit" name="etape" value="confirmer">
              Confirmer
              {mailed.length ? ` et envoyer ${mailed.length} courriel${mailed.length > 1 ? 's' : ''}` : ''}
            </button>
          </p>
        </form>
      )}
      <p>
        <a href={props.back}>Revenir sans rien enregistrer</a>
      </p>
    </Layout>
  );
}

// ——— The committee ———

export function CommitteePage(props: {
  ctx: PageContext;
  call: Call;
  ranked: DossierRow[];
  acceptedCents: number;
  errors?: Record<string, string> | undefined;
  notice?: string | undefined;
}) {
  const { call, ranked } = props;
  const action = `${callPath(call.id)}/comite`;
  const left = call.envelopeCents === null ? undefined : call.envelopeCents - props.acceptedCents;
  let cumulative = props.acceptedCents;
  return (
    <Layout ctx={props.ctx} title={`${callName(call)} — comité de sélection`} notice={props.notice}>
      <h1>Comité de sélection — {callName(call)}</h1>
      <p>
        <a href={callPath(call.id)}>Revenir aux dossiers de l’appel</a>
      </p>
      <dl class="facts">
        {call.committee ? (
          <>
            <dt>Comité</dt>
            <dd>{call.committee}</dd>
          </>
        ) : null}
        <dt>Enveloppe</dt>
        <dd>{euros(call.envelopeCents)}</dd>
        <dt>Déjà engagé (dossiers retenus)</dt>
        <dd>{euros(props.acceptedCents)}</dd>
        <dt>Reste</dt>
        <dd>{left === undefined ? 'sans limite' : euros(left)}</dd>
        {call.engagementsPlanned ? (
          <>
            <dt>Accompagnements prévus</dt>
            <dd>{call.engagementsPlanned}</dd>
          </>
        ) : null}
      </dl>
      {ranked.length === 0 ? (
        <p>Aucun dossier en instruction : notez les dossiers déposés pour les présenter au comité.</p>
      ) : (
        <form method="post" action={action}>
          <CsrfField ctx={props.ctx} />
          <ErrorSummary errors={props.errors} targets={{ decision: 'decision-accepted', choix: '_' }} />
          <div class="table-scroll">
            <table class="table-cards">
              <caption>
                Les dossiers en instruction et retenus, le meilleur score d’abord ; le cumul dit ce que
                coûterait de retenir chaque dossier avec ceux qui le précèdent
              </caption>
              <thead>
                <tr>
                  <th scope="col">Rang</th>
                  <th scope="col">Collectivité</th>
                  <th scope="col">Score pondéré</th>
                  <th scope="col">Coût demandé</th>
                  <th scope="col">Cumul</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Choisir</th>
                </tr>
              </thead>
              <tbody>
                {ranked.map((r, i) => {
                  const accepted = r.application.status === 'accepted';
                  if (!accepted) cumulative += r.requestedCents ?? 0;
                  const over = call.envelopeCents !== null && !accepted && cumulative > call.envelopeCents;
                  const name = r.organisation?.name ?? '—';
                  return (
                    <tr key={r.application.id}>
                      <td data-label="Rang">{i + 1}</td>
                      <th scope="row" class="name">
                        <a href={dossierPath(call.id, r.application.id)}>{name}</a>
                      </th>
                      <td data-label="Score pondéré">{score(r.score)}</td>
                      <td data-label="Coût demandé">{euros(r.requestedCents)}</td>
                      <td data-label="Cumul">
                        {accepted ? '—' : euros(cumulative)}
                        {over ? <strong> (au-delà de l’enveloppe)</strong> : null}
                      </td>
                      <td data-label="Statut">{label(r.application.status)}</td>
                      <td data-label="Choisir">
                        {accepted ? (
                          'retenu'
                        ) : (
                          <>
                            <input
                              type="checkbox"
                              id={`choix-${r.application.id}`}
                              name={selectionField(r.application.id)}
                              value="oui"
                            />{' '}
                            <label for={`choix-${r.application.id}`}>
                              <span class="visually-hidden">Choisir le dossier de </span>
                              {name}
                            </label>
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <DecisionFields
            legend="Décision pour les dossiers cochés"
            choices={['accepted', 'rejected', 'closed']}
            error={props.errors?.motivation}
            hint="Envoyée à chaque collectivité avec la décision."
            button="Voir les courriels avant d’enregistrer"
          />
        </form>
      )}
    </Layout>
  );
}
