// The review queue's page parts, used by the owners' pages: the filters, an application's detail with its
// reviewers' opinions (never shown to the applicant: these parts are for reviewers' pages only) and the
// decision form.
import { type ComponentChildren, Fragment } from 'preact';
import type { MailContent } from '../../../platform/mail/mail.tsx';
import { formatDate } from '../../../platform/time.ts';
import { CsrfField, Field, type PageContext, Select, TextArea } from '../../../platform/views/layout.tsx';
import { organisationKinds } from '../../organisations/kinds.ts';
import { organisationKindLabels } from '../../organisations/organisations.ts';
import { opinionLabels } from '../applications.messages.ts';
import type { OpinionRow } from '../opinions.ts';
import type { QueueFilters, QueueRow } from '../review-queue.ts';
import { type ApplicationStatus, type Decision, maxScore, opinionKinds } from '../statuses.ts';

/** Hidden fields that carry values (the queue's filters) through a form, to come back to the same list. */
function Hidden({ values }: { values: Record<string, string | undefined> }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
    </>
  );
}

/** The queue's filters: region and kind of organisation, status, and the owner's own (`children`). */
export function QueueFilterForm(props: {
  action: string;
  filters: QueueFilters;
  regions: { code: string; name: string }[];
  statuses: [ApplicationStatus, string][];
  /** The owner's filters, placed before the status. */
  children?: ComponentChildren;
}) {
  const { filters } = props;
  return (
    <form method="get" action={props.action} class="filters" aria-label="Filtrer les candidatures">
      <Select
        name="region"
        label="Région"
        options={props.regions.map((r) => [r.code, r.name] as const)}
        value={filters.region}
        empty="Toutes"
      />
      <Select
        name="kind"
        label="Collectivité"
        options={organisationKinds
          .filter((k) => k !== 'institution' && k !== 'foreign_local_government')
          .map((k) => [k, organisationKindLabels[k]] as const)}
        value={filters.kind}
        empty="Toutes"
      />
      {props.children}
      <Select name="status" label="Statut" options={props.statuses} value={filters.status} empty="Tous" />
      <div class="field">
        <button type="submit">Filtrer</button>
      </div>
    </form>
  );
}

export interface DecisionPart {
  action: string;
  choices: [Decision, string][];
  /** Fields sent back with the form (the filters of the list). */
  hidden: Record<string, string | undefined>;
  error?: string | undefined;
}

export interface OpinionsPart {
  action: string;
  list: OpinionRow[];
  /** The reviewer's own opinion, to change it. */
  mine: OpinionRow | undefined;
  hidden: Record<string, string | undefined>;
  error?: string | undefined;
}

/** An application as reviewers read it: who, from where, the owner's answers, its status, opinions, decision. */
export function ApplicationCard(props: {
  ctx: PageContext;
  row: QueueRow;
  statusLabel: string;
  /** After the name (« nouvel·le élu·e »). */
  badges?: ComponentChildren;
  /** The owner's answers and facts, in its words. */
  facts: [string, ComponentChildren][];
  decision: DecisionPart;
  opinions: OpinionsPart;
}) {
  const { row } = props;
  const a = row.application;
  const id = a.id;
  const name = `${row.applicant.firstName} ${row.applicant.lastName}`;
  const organisation = row.organisation;
  return (
    <li class="card" id={`candidature-${id}`}>
      <h2>
        {name} {props.badges}
      </h2>
      <dl class="facts">
        <dt>Collectivité</dt>
        <dd>
          {organisation?.name ?? '—'}
          {organisation
            ? ` (${organisationKindLabels[organisation.kind]}${organisation.regionName ? `, ${organisation.regionName}` : ''})`
            : ''}
        </dd>
        <dt>Adresse</dt>
        <dd>{row.applicant.email}</dd>
        {props.facts.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
        <dt>Déposée</dt>
        <dd>
          le {formatDate(a.submittedAt ?? a.createdAt)}
          {row.submittedByName ? ` par ${row.submittedByName}` : ''}
        </dd>
        <dt>Statut</dt>
        <dd>
          <strong>{props.statusLabel}</strong>
          {a.decisionMotivation ? ` — ${a.decisionMotivation}` : ''}
        </dd>
      </dl>
      <Opinions ctx={props.ctx} id={id} name={name} part={props.opinions} />
      <DecisionForm ctx={props.ctx} id={id} name={name} status={a.status} part={props.decision} />
    </li>
  );
}

function Opinions({
  ctx,
  id,
  name,
  part,
}: {
  ctx: PageContext;
  id: string;
  name: string;
  part: OpinionsPart;
}) {
  const mine = part.mine;
  return (
    <div class="opinions">
      <h3>Avis des instructeurs ({part.list.length})</h3>
      <p class="hint">Lus des seuls instructeurs : la personne ne les voit jamais.</p>
      {part.list.length ? (
        <ul>
          {part.list.map((o) => (
            <li key={o.id}>
              {o.reviewerName} : <strong>{opinionLabels[o.opinion]}</strong>
              {o.score !== null ? `, ${o.score}/${maxScore}` : ''}
              {o.note ? ` — ${o.note}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {part.error ? (
        <p class="error-summary" role="alert" id={`avis-${id}-error`}>
          {part.error}
        </p>
      ) : null}
      <form method="post" action={part.action}>
        <CsrfField ctx={ctx} />
        <Hidden values={part.hidden} />
        <fieldset>
          <legend>Mon avis sur {name}</legend>
          {opinionKinds.map((kind) => (
            <div key={kind}>
              <input
                type="radio"
                id={`avis-${id}-${kind}`}
                name="opinion"
                value={kind}
                checked={mine?.opinion === kind}
                required
              />{' '}
              <label for={`avis-${id}-${kind}`}>{opinionLabels[kind]}</label>
            </div>
          ))}
        </fieldset>
        <Field
          id={`note-sur-20-${id}`}
          name="score"
          type="number"
          label={`Note sur ${maxScore} (facultatif)`}
          value={mine?.score?.toString()}
        />
        <TextArea
          id={`annotation-${id}`}
          name="note"
          label="Annotation privée (facultatif)"
          value={mine?.note ?? undefined}
          rows={2}
        />
        <button type="submit" class="button-secondary">
          Enregistrer mon avis
        </button>
      </form>
    </div>
  );
}

function DecisionForm(props: {
  ctx: PageContext;
  id: string;
  name: string;
  status: ApplicationStatus;
  part: DecisionPart;
}) {
  const { id, part } = props;
  return (
    <>
      {part.error ? (
        <p class="error-summary" role="alert" id={`decision-${id}-error`}>
          {part.error}
        </p>
      ) : null}
      <form method="post" action={part.action}>
        <CsrfField ctx={props.ctx} />
        <Hidden values={part.hidden} />
        <fieldset>
          <legend>Décision pour {props.name}</legend>
          {part.choices.map(([value, label]) => (
            <div key={value}>
              <input
                type="radio"
                id={`decision-${id}-${value}`}
                name="decision"
                value={value}
                checked={props.status === value}
                required
              />{' '}
              <label for={`decision-${id}-${value}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <TextArea
          id={`comment-${id}`}
          name="comment"
          label="Mot pour la personne (facultatif)"
          hint="Joint au courriel qui lui annonce la décision."
          rows={2}
        />
        <button type="submit">Enregistrer la décision</button>
      </form>
    </>
  );
}

/** The mail as the first person will read it (the others differ only by their first name). */
export function MailSample({ mail, firstName }: { mail: MailContent; firstName: string }) {
  return (
    <section aria-labelledby="courriel-envoye">
      <h2 id="courriel-envoye">Le courriel</h2>
      <p class="hint">Tel que {firstName} le recevra ; chaque personne y lit son prénom.</p>
      <dl class="facts">
        <dt>Objet</dt>
        <dd>{mail.subject}</dd>
      </dl>
      <pre class="mail-text">{mail.text}</pre>
    </section>
  );
}
