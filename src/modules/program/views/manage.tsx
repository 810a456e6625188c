// Staff pages of « Diplomates des territoires »: editions, sessions and interests, the review queue, the
// cohort and its certificates.
import { Fragment } from 'preact';
import { formatDate, formatDateTime } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  Layout,
  type PageContext,
  Select,
  TextArea,
} from '../../../platform/views/layout.tsx';
import { StaffNav } from '../../../platform/views/staff-nav.tsx';
import type { Event } from '../../events/events.ts';
import { organisationKinds } from '../../organisations/kinds.ts';
import { organisationKindLabels } from '../../organisations/organisations.ts';
import { type Application, applicationStatusLabels } from '../applications.ts';
import { type ApplicationStatus, applicationStatuses } from '../program.schema.ts';
import type { Program, SessionWithEvent } from '../programs.ts';
import type { RuleOutcome } from '../progress.ts';
import {
  calendarOf,
  cohortStandingLabel,
  type Errors,
  plural,
  ruleInWords,
  SessionBadges,
  type Values,
} from './parts.tsx';

function ProgramNav({ ctx, program, current }: { ctx: PageContext; program?: Program; current: string }) {
  const links: [string, string][] = [['/gestion/parcours', 'Tous les parcours']];
  if (program) {
    const base = `/gestion/parcours/${program.id}`;
    links.push(
      [base, 'Séances et intérêts'],
      [`${base}/candidatures`, 'Candidatures'],
      [`${base}/promotion`, 'Promotion et certificats'],
      [`/parcours/${program.id}`, 'Page publique'],
    );
  }
  return (
    <>
      <StaffNav ctx={ctx} current="/gestion/parcours" />
      <nav aria-label="Gestion du parcours" class="actions">
        {links.map(([href, label]) => (
          <a key={href} href={href} aria-current={current === href ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
    </>
  );
}

function ProgramFacts({ program, sessions }: { program: Program; sessions: SessionWithEvent[] }) {
  const mandatory = sessions.filter((s) => s.mandatory).length;
  return (
    <dl class="facts">
      <dt>Règle</dt>
      <dd>{ruleInWords(program.minSessions, sessions.length, mandatory)}</dd>
      <dt>Places</dt>
      <dd>{program.cohortSize ?? 'non limitées'}</dd>
      {calendarOf(program, sessions).map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
      {program.signatoryName ? (
        <>
          <dt>Signataire</dt>
          <dd>
            {program.signatoryName}
            {program.signatoryTitle ? `, ${program.signatoryTitle}` : ''}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

export function ProgramsPage(props: {
  ctx: PageContext;
  rows: { program: Program; applications: number; accepted: number }[];
  errors?: Errors;
  values?: Values;
  notice?: string | undefined;
}) {
  const v = props.values ?? {};
  const e = props.errors ?? {};
  return (
    <Layout ctx={props.ctx} title="Parcours « Diplomates des territoires »" notice={props.notice}>
      <h1>Parcours « Diplomates des territoires »</h1>
      <ProgramNav ctx={props.ctx} current="/gestion/parcours" />
      {props.rows.length === 0 ? (
        <p>Aucune édition pour le moment : créez la première ci-dessous.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>Éditions du parcours</caption>
            <thead>
              <tr>
                <th scope="col">Édition</th>
                <th scope="col">Séances exigées</th>
                <th scope="col">Places</th>
                <th scope="col">Candidatures</th>
                <th scope="col">Acceptées</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map(({ program, applications, accepted }) => (
                <tr key={program.id}>
                  <td>
                    <a href={`/gestion/parcours/${program.id}`}>{program.title}</a>
                  </td>
                  <td>{program.minSessions}</td>
                  <td>{program.cohortSize ?? 'non limitées'}</td>
                  <td>{applications}</td>
                  <td>{accepted}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="nouvelle-edition">
        <h2 id="nouvelle-edition">Créer une édition</h2>
        <ErrorSummary errors={props.errors} />
        <form method="post" action="/gestion/parcours">
          <CsrfField ctx={props.ctx} />
          <Field
            name="title"
            label="Titre"
            hint="Par exemple : Promotion 2026-2027"
            value={v.title}
            error={e.title}
            required
          />
          <Field
            name="minSessions"
            type="number"
            label="Nombre minimum de séances pour le certificat"
            hint="Les séances obligatoires se marquent ensuite, séance par séance."
            value={v.minSessions ?? '5'}
            error={e.minSessions}
            required
          />
          <Field
            name="cohortSize"
            type="number"
            label="Nombre de places dans la promotion"
            hint="Laissez vide s’il n’y a pas de limite."
            value={v.cohortSize}
            error={e.cohortSize}
          />
          <fieldset>
            <legend>Calendrier</legend>
            <Field
              name="interestOpensOn"
              type="date"
              label="Ouverture des manifestations d’intérêt"
              value={v.interestOpensOn}
              error={e.interestOpensOn}
            />
            <Field
              name="applicationsOpenAt"
              type="date"
              label="Ouverture des candidatures"
              hint="À partir de 0 h, heure de Paris."
              value={v.applicationsOpenAt}
              error={e.applicationsOpenAt}
            />
            <Field
              name="applicationsCloseAt"
              type="date"
              label="Dernier jour des candidatures"
              hint="Jusqu’à 23 h 59, heure de Paris."
              value={v.applicationsCloseAt}
              error={e.applicationsCloseAt}
            />
            <Field
              name="certificatesOn"
              type="date"
              label="Remise des certificats"
              value={v.certificatesOn}
              error={e.certificatesOn}
            />
          </fieldset>
          <fieldset>
            <legend>Signataire du certificat</legend>
            <Field name="signatoryName" label="Nom" value={v.signatoryName} error={e.signatoryName} />
            <Field
              name="signatoryTitle"
              label="Qualité"
              hint="Par exemple : Président de Cités Unies France"
              value={v.signatoryTitle}
              error={e.signatoryTitle}
            />
          </fieldset>
          <button type="submit">Créer l’édition</button>
        </form>
      </section>
    </Layout>
  );
}

export interface InterestRow {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  organisationName: string;
  mandate: string;
  createdAt: Date;
  invitedAt: Date | null;
}

export function ProgramManagePage(props: {
  ctx: PageContext;
  program: Program;
  sessions: SessionWithEvent[];
  events: Event[];
  allEvents: boolean;
  interests: InterestRow[];
  /** Invitations say that applications are open: they leave only while they are. */
  canInvite: boolean;
  sessionErrors?: Errors;
  sessionValues?: Values;
  notice?: string | undefined;
}) {
  const { program, sessions } = props;
  const base = `/gestion/parcours/${program.id}`;
  const pending = props.interests.filter((i) => !i.invitedAt).length;
  const taken = new Set(sessions.map((s) => s.eventId));
  const choices = props.events.filter((e) => !taken.has(e.id));
  const e = props.sessionErrors ?? {};
  return (
    <Layout ctx={props.ctx} title={`${program.title} — séances et intérêts`} notice={props.notice}>
      <h1>{program.title}</h1>
      <ProgramNav ctx={props.ctx} program={program} current={base} />
      <ProgramFacts program={program} sessions={sessions} />
      <section aria-labelledby="seances">
        <h2 id="seances">Séances ({sessions.length})</h2>
        {sessions.length ? (
          <div class="table-scroll">
            <table>
              <caption>Séances du parcours, par date</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Séance</th>
                  <th scope="col">Statut</th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <tr key={s.id}>
                    <td>{formatDateTime(s.event.startsAt)}</td>
                    <td>
                      <a href={`/gestion/evenements/${s.eventId}`}>{s.event.title}</a>
                    </td>
                    <td>
                      {s.mandatory || s.cohortOnly ? <SessionBadges session={s} /> : 'facultative, ouverte'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Aucune séance : ajoutez des événements de l’agenda.</p>
        )}
        <h3 id="ajouter-seance">Ajouter une séance</h3>
        <ErrorSummary errors={props.sessionErrors} />
        {choices.length === 0 ? (
          <p>
            Aucun événement {props.allEvents ? '' : 'à venir '}à ajouter.{' '}
            <a href="/gestion/evenements/nouveau">Créer un événement</a>
          </p>
        ) : (
          <form method="post" action={`${base}/seances`}>
            <CsrfField ctx={props.ctx} />
            <Select
              name="eventId"
              label={props.allEvents ? 'Événement de l’agenda' : 'Événement à venir de l’agenda'}
              options={choices.map((ev) => [ev.id, `${formatDate(ev.startsAt)} — ${ev.title}`] as const)}
              value={props.sessionValues?.eventId}
              error={e.eventId ?? e._}
              empty="Choisir"
              required
            />
            <div class="field">
              <input
                type="checkbox"
                id="mandatory"
                name="mandatory"
                checked={props.sessionValues?.mandatory === 'on'}
              />{' '}
              <label for="mandatory">Séance obligatoire pour le certificat</label>
            </div>
            <div class="field">
              <input
                type="checkbox"
                id="cohortOnly"
                name="cohortOnly"
                checked={props.sessionValues?.cohortOnly === 'on'}
              />{' '}
              <label for="cohortOnly">Réservée à la promotion (les autres ne peuvent pas s’y inscrire)</label>
            </div>
            <button type="submit">Ajouter la séance</button>
          </form>
        )}
        <p>
          {props.allEvents ? (
            <a href={`${base}#ajouter-seance`}>N’afficher que les événements à venir</a>
          ) : (
            <a href={`${base}?tous=1#ajouter-seance`}>Afficher aussi les événements passés</a>
          )}
        </p>
      </section>
      <section aria-labelledby="interets">
        <h2 id="interets">Manifestations d’intérêt ({props.interests.length})</h2>
        <p>
          Exporter : <a href={`${base}/interets.csv`}>CSV</a>, <a href={`${base}/interets.xlsx`}>Excel</a>
        </p>
        {pending > 0 && !props.canInvite ? (
          <p>
            {plural(pending, 'personne n’est pas encore invitée', 'personnes ne sont pas encore invitées')} à
            candidater. L’invitation annonce que les candidatures sont ouvertes : elle ne peut partir que
            pendant la période de candidature.
          </p>
        ) : pending > 0 ? (
          <form method="post" action={`${base}/invitations`}>
            <CsrfField ctx={props.ctx} />
            <p class="hint">
              Chaque personne reçoit un courriel avec le lien pour candidater, une seule fois.
            </p>
            <button type="submit">
              Inviter {pending === 1 ? 'la personne' : `les ${pending} personnes`} à candidater
            </button>
          </form>
        ) : props.interests.length ? (
          <p>Toutes les personnes intéressées ont été invitées à candidater.</p>
        ) : null}
        {props.interests.length ? (
          <div class="table-scroll">
            <table>
              <caption>Personnes intéressées, dans l’ordre d’arrivée</caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Adresse électronique</th>
                  <th scope="col">Collectivité</th>
                  <th scope="col">Mandat</th>
                  <th scope="col">Reçue le</th>
                  <th scope="col">Invitée le</th>
                </tr>
              </thead>
              <tbody>
                {props.interests.map((i) => (
                  <tr key={i.id}>
                    <td>{`${i.firstName} ${i.lastName}`}</td>
                    <td>{i.email}</td>
                    <td>{i.organisationName}</td>
                    <td>{i.mandate}</td>
                    <td>{formatDate(i.createdAt)}</td>
                    <td>{i.invitedAt ? formatDate(i.invitedAt) : <span class="muted">pas encore</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </Layout>
  );
}

export interface ApplicationRow {
  application: Application;
  name: string;
  email: string;
  organisationName: string | undefined;
  organisationKind: string | undefined;
  regionName: string | undefined;
  mandate: { title: string; startsOn: string } | undefined;
  newlyElected: boolean;
  submittedByName: string | undefined;
}

export interface QueueFilters {
  region?: string | undefined;
  kind?: string | undefined;
  nouveaux?: string | undefined;
  status?: string | undefined;
}

const filterKeys = ['region', 'kind', 'nouveaux', 'status'] as const;

export function ApplicationsPage(props: {
  ctx: PageContext;
  program: Program;
  rows: ApplicationRow[];
  total: number;
  accepted: number;
  filters: QueueFilters;
  regions: { code: string; name: string }[];
  /** A refused decision: which application, and why. */
  decisionError?: { applicationId: string; message: string } | undefined;
  notice?: string | undefined;
}) {
  const { program, filters } = props;
  const base = `/gestion/parcours/${program.id}/candidatures`;
  return (
    <Layout ctx={props.ctx} title={`${program.title} — candidatures`} notice={props.notice}>
      <h1>Candidatures — {program.title}</h1>
      <ProgramNav ctx={props.ctx} program={program} current={base} />
      <p role="status">
        {plural(props.total, 'candidature')} ; {plural(props.accepted, 'acceptée')}
        {program.cohortSize ? ` sur ${program.cohortSize} places` : ''}.
      </p>
      <form method="get" action={base} class="filters" aria-label="Filtrer les candidatures">
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
        <Select
          name="status"
          label="Statut"
          options={applicationStatuses.map((s) => [s, applicationStatusLabels[s]] as const)}
          value={filters.status}
          empty="Tous"
        />
        <div class="field">
          <button type="submit">Filtrer</button>
        </div>
      </form>
      {props.rows.length === 0 ? (
        <p>Aucune candidature ne correspond.</p>
      ) : (
        <ul class="cards">
          {props.rows.map((row) => (
            <ApplicationCard
              key={row.application.id}
              ctx={props.ctx}
              row={row}
              action={`${base}/${row.application.id}/decision`}
              filters={filters}
              error={
                props.decisionError?.applicationId === row.application.id
                  ? props.decisionError.message
                  : undefined
              }
            />
          ))}
        </ul>
      )}
    </Layout>
  );
}

const decisions: [Exclude<ApplicationStatus, 'submitted'>, string][] = [
  ['accepted', 'Accepter'],
  ['waitlisted', 'Liste d’attente'],
  ['rejected', 'Ne pas retenir'],
];

function ApplicationCard(props: {
  ctx: PageContext;
  row: ApplicationRow;
  action: string;
  filters: QueueFilters;
  error: string | undefined;
}) {
  const { row } = props;
  const a = row.application;
  const id = a.id;
  return (
    <li class="card" id={`candidature-${id}`}>
      <h2>
        {row.name} {row.newlyElected ? <span class="badge badge-ok">nouvel·le élu·e</span> : null}
      </h2>
      <dl class="facts">
        <dt>Collectivité</dt>
        <dd>
          {row.organisationName ?? '—'}
          {row.organisationKind
            ? ` (${row.organisationKind}${row.regionName ? `, ${row.regionName}` : ''})`
            : ''}
        </dd>
        <dt>Mandat</dt>
        <dd>
          {a.mandate ?? row.mandate?.title ?? '—'}
          {row.mandate ? ` — depuis le ${formatDate(row.mandate.startsOn)}` : ''}
        </dd>
        <dt>Adresse</dt>
        <dd>{row.email}</dd>
        {a.motivation ? (
          <>
            <dt>Motivation</dt>
            <dd>{a.motivation}</dd>
          </>
        ) : null}
        {a.availability ? (
          <>
            <dt>Disponibilités</dt>
            <dd>{a.availability}</dd>
          </>
        ) : null}
        <dt>Déposée</dt>
        <dd>
          le {formatDate(a.createdAt)}
          {row.submittedByName ? ` par ${row.submittedByName}` : ''}
        </dd>
        <dt>Statut</dt>
        <dd>
          <strong>{applicationStatusLabels[a.status]}</strong>
          {a.decisionComment ? ` — ${a.decisionComment}` : ''}
        </dd>
      </dl>
      {props.error ? (
        <p class="error-summary" role="alert" id={`decision-${id}-error`}>
          {props.error}
        </p>
      ) : null}
      <form method="post" action={props.action}>
        <CsrfField ctx={props.ctx} />
        {filterKeys.map((k) =>
          props.filters[k] ? (
            <input key={k} type="hidden" name={`filtre_${k}`} value={props.filters[k]} />
          ) : null,
        )}
        <fieldset>
          <legend>Décision pour {row.name}</legend>
          {decisions.map(([value, label]) => (
            <div key={value}>
              <input
                type="radio"
                id={`decision-${id}-${value}`}
                name="decision"
                value={value}
                checked={a.status === value}
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
    </li>
  );
}

export interface CohortRow {
  personId: string;
  name: string;
  email: string;
  organisationName: string | undefined;
  regionName: string | undefined;
  outcome: RuleOutcome;
  certificate:
    | { code: string; issuedOn: string; revokedAt: Date | null; revocationReason: string | null }
    | undefined;
}

export function CohortPage(props: {
  ctx: PageContext;
  program: Program;
  rows: CohortRow[];
  /** After « Délivrer les certificats »: how many this click issued. */
  issued?: number | undefined;
  revocationError?: { code: string; message: string } | undefined;
  notice?: string | undefined;
}) {
  const { program, rows } = props;
  const base = `/gestion/parcours/${program.id}/promotion`;
  const due = rows.filter((r) => r.outcome.eligible && !r.certificate).length;
  const issued = rows.filter((r) => r.certificate);
  return (
    <Layout ctx={props.ctx} title={`${program.title} — promotion`} notice={props.notice}>
      <h1>Promotion — {program.title}</h1>
      <ProgramNav ctx={props.ctx} program={program} current={base} />
      {props.issued !== undefined ? (
        <p class="notice" role="status">
          {props.issued === 0
            ? 'Aucun nouveau certificat : chaque participant éligible a déjà le sien.'
            : `${plural(props.issued, 'certificat délivré', 'certificats délivrés')}.`}
        </p>
      ) : null}
      <p>
        {plural(rows.length, 'participant')} ;{' '}
        {plural(issued.length, 'certificat délivré', 'certificats délivrés')}
        {due ? ` ; ${due} de plus ${due > 1 ? 'sont éligibles' : 'est éligible'}` : ''}. Exporter :{' '}
        <a href={`${base}.csv`}>CSV</a>, <a href={`${base}.xlsx`}>Excel</a>
      </p>
      {rows.length === 0 ? (
        <p>Aucune candidature acceptée pour le moment.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>La promotion : présences et certificats</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Collectivité</th>
                <th scope="col">Séances suivies</th>
                <th scope="col">Obligatoires</th>
                <th scope="col">Situation</th>
                <th scope="col">Certificat</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.personId}>
                  <td>{r.name}</td>
                  <td>{r.organisationName ?? '—'}</td>
                  <td>
                    {r.outcome.attended} / {r.outcome.minSessions}
                  </td>
                  <td>
                    {r.outcome.mandatoryAttended} / {r.outcome.mandatoryTotal}
                  </td>
                  <td>
                    <span
                      class={
                        r.certificate?.revokedAt || (!r.certificate && r.outcome.standing === 'at_risk')
                          ? 'badge badge-warn'
                          : 'badge badge-ok'
                      }
                    >
                      {cohortStandingLabel(r.outcome.standing, r.certificate)}
                    </span>
                  </td>
                  <td>
                    {r.certificate ? (
                      <a href={`/certificats/${r.certificate.code}`}>{r.certificate.code}</a>
                    ) : (
                      <span class="muted">aucun</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form method="post" action={`/gestion/parcours/${program.id}/certificats`}>
        <CsrfField ctx={props.ctx} />
        <p class="hint">
          Chaque participant éligible qui n’a pas encore de certificat en reçoit un ; cliquer deux fois n’en
          délivre pas deux.
        </p>
        <button type="submit">Délivrer les certificats</button>
      </form>
      {issued.length ? (
        <section aria-labelledby="revocation">
          <h2 id="revocation">Certificats délivrés</h2>
          <ul class="cards">
            {issued.map((r) => {
              const c = r.certificate!;
              const error =
                props.revocationError?.code === c.code ? props.revocationError.message : undefined;
              return (
                <li key={c.code} class="card">
                  <h3>{r.name}</h3>
                  <p>
                    Code <a href={`/certificats/${c.code}`}>{c.code}</a>, délivré le {formatDate(c.issuedOn)}.
                  </p>
                  {c.revokedAt ? (
                    <p>
                      <strong>Révoqué le {formatDate(c.revokedAt)}</strong>
                      {c.revocationReason ? ` : ${c.revocationReason}` : ''}
                    </p>
                  ) : (
                    <form method="post" action={`/gestion/certificats/${c.code}/revocation`}>
                      <CsrfField ctx={props.ctx} />
                      <Field
                        id={`reason-${c.code}`}
                        name="reason"
                        label={`Raison de la révocation du certificat de ${r.name}`}
                        error={error}
                        required
                      />
                      <button type="submit" class="button-secondary">
                        Révoquer ce certificat
                      </button>
                    </form>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
