// « Demander un compte »: the public form (find one's organisation, then say who one is), the answer, and
// the staff's queue of requests with the page of one request.
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
import type { Organisation } from '../../organisations/organisations.ts';
import type { Person } from '../../organisations/people.ts';
import type { ReferenceEntry } from '../../organisations/reference.ts';
import type { AccountRequest } from '../account-requests.ts';

type Errors = Record<string, string> | undefined;
type Values = Record<string, string | undefined>;

export const requestKindLabels: Record<AccountRequest['kind'], string> = {
  elected: 'Élu ou élue',
  officer: 'Technicien ou technicienne',
  partner: 'Partenaire',
};

export interface OrganisationMatches {
  q: string;
  known: { items: Organisation[]; total: number };
  reference: { items: ReferenceEntry[]; total: number };
}

/** The organisations found for what was typed: known ones first, then the reference's (each once). */
function OrganisationChoice(props: {
  matches: OrganisationMatches;
  value: string | undefined;
  error?: string;
}) {
  const { known, reference, q } = props.matches;
  const options: [string, string][] = [
    ...known.items.map((o) => [`id:${o.id}`, o.name] as [string, string]),
    ...reference.items.map((e) => [`ref:${e.kind}:${e.inseeCode}`, e.label] as [string, string]),
  ];
  const more = known.total + reference.total - options.length;
  return (
    <fieldset class={props.error ? 'field field-error' : 'field'} id="organisation">
      <legend>Votre organisation</legend>
      {props.error ? (
        <p class="error" id="organisation-error">
          {props.error}
        </p>
      ) : null}
      {q && options.length === 0 ? (
        <p role="status">Aucune organisation ne correspond à « {q} » : écrivez son nom ci-dessous.</p>
      ) : null}
      {more > 0 ? (
        <p role="status">
          D’autres organisations correspondent à « {q} » : précisez la recherche si la vôtre n’est pas ici.
        </p>
      ) : null}
      {options.map(([value, label], i) => (
        <div key={value}>
          <input
            type="radio"
            id={`organisation-${i}`}
            name="organisation"
            value={value}
            checked={props.value === value}
          />{' '}
          <label for={`organisation-${i}`}>{label}</label>
        </div>
      ))}
      {q ? null : <p class="hint">Cherchez-la d’abord avec le champ ci-dessus.</p>}
    </fieldset>
  );
}

export function AccountRequestPage(props: {
  ctx: PageContext;
  matches: OrganisationMatches;
  errors?: Errors;
  values?: Values;
}) {
  const v = props.values ?? {};
  return (
    <Layout ctx={props.ctx} title="Demander un compte">
      <h1>Demander un compte</h1>
      <p>
        Élus, techniciens et partenaires des collectivités membres de {props.ctx.network.name} : l’équipe du
        réseau examine votre demande et vous répond par courriel.
      </p>
      <form method="get" action="/demander-un-compte" aria-labelledby="find-title">
        <h2 id="find-title">1. Trouver votre organisation</h2>
        <Field
          name="q"
          label="Nom de votre collectivité ou organisation"
          type="search"
          value={props.matches.q}
          hint="Par exemple : Nancy, Métropole de Lyon, Agence française de développement"
        />
        <button type="submit">Chercher</button>
      </form>
      <form method="post" action="/demander-un-compte" novalidate aria-labelledby="who-title">
        <h2 id="who-title">2. Votre demande</h2>
        <CsrfField ctx={props.ctx} />
        {/* The search above, kept: a refused form shows its organisations again. */}
        <input type="hidden" name="q" value={props.matches.q} />
        <ErrorSummary errors={props.errors} />
        <OrganisationChoice
          matches={props.matches}
          value={v.organisation}
          error={props.errors?.organisation}
        />
        <Field
          name="organisationName"
          label="Votre organisation n’est pas dans la liste ? Son nom"
          value={v.organisationName}
          error={props.errors?.organisationName}
          autocomplete="organization"
        />
        <Field
          name="firstName"
          label="Prénom"
          required
          value={v.firstName}
          error={props.errors?.firstName}
          autocomplete="given-name"
        />
        <Field
          name="lastName"
          label="Nom"
          required
          value={v.lastName}
          error={props.errors?.lastName}
          autocomplete="family-name"
        />
        <Field
          name="email"
          label="Adresse électronique professionnelle"
          type="email"
          required
          value={v.email}
          error={props.errors?.email}
          autocomplete="email"
        />
        <Select
          name="kind"
          label="Vous êtes"
          required
          options={Object.entries(requestKindLabels)}
          value={v.kind}
          error={props.errors?.kind}
        />
        <Field
          name="role"
          label="Votre fonction"
          hint="Par exemple : adjointe au maire déléguée aux relations internationales"
          value={v.role}
          error={props.errors?.role}
          autocomplete="organization-title"
        />
        <TextArea
          name="message"
          label="Un mot pour l’équipe (facultatif)"
          value={v.message}
          error={props.errors?.message}
        />
        <button type="submit">Envoyer ma demande</button>
      </form>
    </Layout>
  );
}

export function RequestSentPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="Demande envoyée">
      <h1>Demande envoyée</h1>
      <p role="status">
        Merci. Si cette adresse a déjà un compte, elle vient de recevoir un lien de connexion ; sinon,
        l’équipe du réseau examine votre demande et vous répond à cette adresse.
      </p>
      <p>
        <a href="/connexion">Aller à la page de connexion</a>
      </p>
    </Layout>
  );
}

function RequestSummary({ request }: { request: AccountRequest }) {
  return (
    <dl class="facts">
      <dt>Nom</dt>
      <dd>{`${request.firstName} ${request.lastName}`}</dd>
      <dt>Adresse électronique</dt>
      <dd>{request.email}</dd>
      <dt>Qualité</dt>
      <dd>{requestKindLabels[request.kind]}</dd>
      <dt>Organisation</dt>
      <dd>
        {request.organisationName}
        {request.organisationId
          ? ' (déjà connue du réseau)'
          : request.referenceCode
            ? ' (référentiel officiel : créée à l’acceptation)'
            : ' (écrite par la personne : à rattacher ensuite)'}
      </dd>
      <dt>Fonction</dt>
      <dd>{request.role ?? '—'}</dd>
      <dt>Message</dt>
      <dd>{request.message ?? '—'}</dd>
      <dt>Reçue le</dt>
      <dd>{formatDateTime(request.createdAt)}</dd>
    </dl>
  );
}

const statusLabels: Record<AccountRequest['status'], string> = {
  pending: 'En attente',
  approved: 'Acceptée',
  declined: 'Refusée',
};

export function RequestQueuePage(props: {
  ctx: PageContext;
  pending: AccountRequest[];
  decided: AccountRequest[];
  notice?: string | undefined;
}) {
  return (
    <Layout ctx={props.ctx} title="Demandes de compte" notice={props.notice}>
      <h1>Demandes de compte</h1>
      <StaffNav ctx={props.ctx} current="/gestion/demandes" />
      <p role="status">
        {props.pending.length} demande{props.pending.length > 1 ? 's' : ''} en attente. Sans réponse en 30
        jours, une demande expire et est effacée.
      </p>
      {props.pending.length ? (
        <div class="table-scroll">
          <table class="table-cards">
            <caption>Demandes en attente, la plus ancienne d’abord</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Organisation</th>
                <th scope="col">Qualité</th>
                <th scope="col">Reçue le</th>
                <th scope="col">Expire le</th>
              </tr>
            </thead>
            <tbody>
              {props.pending.map((r) => (
                <tr key={r.id}>
                  <td data-label="Nom">
                    <a href={`/gestion/demandes/${r.id}`}>{`${r.firstName} ${r.lastName}`}</a>
                  </td>
                  <td data-label="Organisation">{r.organisationName}</td>
                  <td data-label="Qualité">{requestKindLabels[r.kind]}</td>
                  <td data-label="Reçue le">{formatDate(r.createdAt)}</td>
                  <td data-label="Expire le">{formatDate(r.expiresAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {props.decided.length ? (
        <>
          <h2>Dernières décisions</h2>
          <ul>
            {props.decided.map((r) => (
              <li key={r.id}>
                <a href={`/gestion/demandes/${r.id}`}>{`${r.firstName} ${r.lastName}`}</a> —{' '}
                {statusLabels[r.status]} le {r.decidedAt ? formatDate(r.decidedAt) : '—'}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}

export function RequestPage(props: {
  ctx: PageContext;
  request: AccountRequest;
  existing: Person | undefined;
  errors?: Errors;
  values?: Values;
  error?: string | undefined;
}) {
  const r = props.request;
  const base = `/gestion/demandes/${r.id}`;
  return (
    <Layout ctx={props.ctx} title={`Demande de ${r.firstName} ${r.lastName}`}>
      <p>
        <a href="/gestion/demandes">← Demandes de compte</a>
      </p>
      <h1>Demande de {`${r.firstName} ${r.lastName}`}</h1>
      {props.error ? (
        <p class="error-summary" role="alert">
          {props.error}
        </p>
      ) : null}
      <RequestSummary request={r} />
      {props.existing ? (
        <p class="notice">
          Cette adresse est déjà celle de{' '}
          <a href={`/gestion/personnes/${props.existing.id}`}>
            {`${props.existing.firstName} ${props.existing.lastName}`}
          </a>
          {props.existing.disabledAt ? ' (compte désactivé)' : ''} : accepter relie la demande à cette fiche.
        </p>
      ) : null}
      {r.status === 'pending' ? (
        <div class="cards">
          <form method="post" action={`${base}/accepter`} class="card" aria-labelledby="approve-title">
            <h2 id="approve-title">Accepter</h2>
            <p>
              La personne est créée
              {r.referenceCode ? ', son organisation ajoutée depuis le référentiel,' : ''} et reçoit un lien
              de connexion.
            </p>
            <CsrfField ctx={props.ctx} />
            <button type="submit">Accepter et envoyer le lien</button>
          </form>
          <form
            method="post"
            action={`${base}/refuser`}
            class="card"
            novalidate
            aria-labelledby="decline-title"
          >
            <h2 id="decline-title">Refuser</h2>
            <CsrfField ctx={props.ctx} />
            <ErrorSummary errors={props.errors} />
            <TextArea
              name="reason"
              label="La raison, envoyée à la personne"
              required
              value={props.values?.reason}
              error={props.errors?.reason}
              hint="Par exemple : votre collectivité n’est pas adhérente ; écrivez-nous pour en parler."
            />
            <button type="submit" class="button-secondary">
              Refuser et prévenir la personne
            </button>
          </form>
        </div>
      ) : (
        <p>
          {statusLabels[r.status]} le {r.decidedAt ? formatDateTime(r.decidedAt) : '—'}
          {r.declineReason ? ` : « ${r.declineReason} »` : ''}
          {r.personId ? (
            <>
              {' '}
              — <a href={`/gestion/personnes/${r.personId}`}>voir la fiche</a>
            </>
          ) : null}
        </p>
      )}
    </Layout>
  );
}
