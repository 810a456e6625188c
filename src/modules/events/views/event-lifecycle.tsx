// The staff's pages of an event's life: its change log, cancelling it (who is mailed, and what), and the
// confirmations of an action on someone's registration (cancelling it for them, confirming them from the
// waiting list), each showing who receives which mail before anything is sent.
import { formatMoment, formatWhen } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Layout,
  type PageContext,
  TextArea,
} from '../../../platform/views/layout.tsx';
import { audienceLabel } from '../audiences.ts';
import type { ChangeLogEntry } from '../events.queries.ts';
import { type Event, eventFormatLabels, eventKindLabels } from '../events.ts';
import type { Registration } from '../register.ts';
import { BackLink, ErrorBox, type FormState, plural } from './parts.tsx';

// ——— The change log ———

const fieldLabels: Record<string, string> = {
  title: 'titre',
  theme: 'thème',
  kind: 'type',
  format: 'format',
  audience: 'public',
  startsAt: 'début',
  endsAt: 'fin',
  capacity: 'nombre de places',
  registrationOpensAt: 'ouverture des inscriptions',
  registrationClosesAt: 'clôture des inscriptions',
  venue: 'lieu',
  onlineUrl: 'lien de visioconférence',
  description: 'description',
  series: 'série',
  season: 'saison',
  sessionNumber: 'numéro de session',
  guest: 'invité·e',
  provisional: 'date provisoire',
  organiserIds: 'organisateurs',
  partnerIds: 'partenaires',
};

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A value of the audit log as people read it. */
function valueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'vide';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'string' && isoInstant.test(value)) {
    return formatMoment(new Date(value));
  }
  if (field === 'kind' && typeof value === 'string') return eventKindLabels[value as Event['kind']] ?? value;
  if (field === 'format' && typeof value === 'string')
    return eventFormatLabels[value as Event['format']] ?? value;
  if (field === 'audience' && typeof value === 'string') return audienceLabel(value);
  if (Array.isArray(value)) return plural(value.length, 'organisation', 'organisations');
  const text = String(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/** One entry in words: « a modifié le lieu (« Lyon » → « Limoges ») ». */
export function changeLogText(entry: ChangeLogEntry): string {
  const data = entry.data ?? {};
  switch (entry.action) {
    case 'create':
      return 'a créé l’événement.';
    case 'cancel':
      return `a annulé l’événement. Motif : ${String(data.reason ?? '')}`;
    case 'invite': {
      const ids = Array.isArray(data.personIds) ? data.personIds : [];
      return `a invité ${plural(ids.length, 'personne', 'personnes')}.`;
    }
    case 'audience':
      return `a changé le public : ${valueText('audience', data.audience)}.`;
    case 'change': {
      const changes = (data.changes ?? {}) as Record<string, { before: unknown; after: unknown }>;
      const parts = Object.entries(changes).map(([field, { before, after }]) =>
        field === 'description'
          ? 'la description'
          : `${fieldLabels[field] ?? field} (« ${valueText(field, before)} » → « ${valueText(field, after)} »)`,
      );
      return `a modifié : ${parts.join(' ; ')}.`;
    }
    default:
      return entry.action;
  }
}

export function ChangeLog({ entries }: { entries: ChangeLogEntry[] }) {
  return (
    <>
      <h2 id="historique">Historique des modifications</h2>
      {entries.length === 0 ? (
        <p>Aucune modification enregistrée.</p>
      ) : (
        <ol class="change-log">
          {entries.map((entry) => (
            <li key={`${entry.at.toISOString()}-${entry.action}`}>
              <time dateTime={entry.at.toISOString()}>{formatMoment(entry.at)}</time> —{' '}
              {entry.who ?? 'La plateforme'} {changeLogText(entry)}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

// ——— A mail shown before it is sent ———

export interface MailPreview {
  subject: string;
  paragraphs: string[];
}

function MailShown({ mail }: { mail: MailPreview }) {
  return (
    <div class="mail-preview">
      <p>
        <strong>Objet :</strong> {mail.subject}
      </p>
      <p>Bonjour [prénom],</p>
      {mail.paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}
    </div>
  );
}

/** Each mail an action will send, under the name of who receives it. */
function MailsShown({ mails }: { mails: { to: string; mail: MailPreview }[] }) {
  return mails.map(({ to, mail }) => (
    <section key={to}>
      <h3>À {to}</h3>
      <MailShown mail={mail} />
    </section>
  ));
}

function PeopleList({ people }: { people: { firstName: string; lastName: string; email?: string }[] }) {
  return (
    <ul>
      {people.map((p) => (
        <li key={`${p.lastName} ${p.firstName} ${p.email ?? ''}`}>
          {p.firstName} {p.lastName}
          {p.email ? ` (${p.email})` : ''}
        </li>
      ))}
    </ul>
  );
}

// ——— Cancelling an event ———

export function CancelEventPage(props: {
  ctx: PageContext;
  event: Event;
  recipients: { firstName: string; lastName: string; email: string }[];
  mail: MailPreview;
  form?: FormState | undefined;
}) {
  const { event, recipients } = props;
  const errors = props.form?.errors;
  return (
    <Layout ctx={props.ctx} title={`${errors ? 'Erreur — ' : ''}Annuler ${event.title}`}>
      <BackLink event={event} />
      <h1>Annuler « {event.title} »</h1>
      <p>Prévu {formatWhen(event.startsAt, event.endsAt)}.</p>
      <h2>Qui sera prévenu</h2>
      {recipients.length === 0 ? (
        <p>Personne n’est inscrit ni en attente : aucun courriel ne partira.</p>
      ) : (
        <>
          <p>
            {plural(
              recipients.length,
              'personne inscrite ou en attente recevra',
              'personnes inscrites ou en attente recevront',
            )}{' '}
            ce courriel, une fois, avec une invitation d’agenda qui retire l’événement :
          </p>
          <PeopleList people={recipients} />
          <h3>Le courriel</h3>
          <MailShown mail={props.mail} />
        </>
      )}
      <form method="post" action={`/gestion/evenements/${event.id}/annulation`} novalidate>
        <CsrfField ctx={props.ctx} />
        <ErrorSummary errors={errors} />
        <TextArea
          name="reason"
          label="Motif de l’annulation"
          hint="Il figure dans le courriel et sur la page de l’événement."
          required
          value={props.form?.values?.reason}
          error={errors?.reason}
          rows={4}
        />
        <button type="submit">
          {recipients.length ? 'Annuler l’événement et prévenir par courriel' : 'Annuler l’événement'}
        </button>
      </form>
    </Layout>
  );
}

// ——— An action on someone's registration ———

export interface RegistrationActionProps {
  ctx: PageContext;
  event: Event;
  registration: Registration;
  person: { firstName: string; lastName: string; email: string };
  full: boolean;
  /** Who waiting takes the seat freed (cancelling a confirmed registration). */
  next: { firstName: string; lastName: string }[];
  error?: string | undefined;
  mails: { to: string; mail: MailPreview }[];
}

export function CancelRegistrationPage(p: RegistrationActionProps) {
  const name = `${p.person.firstName} ${p.person.lastName}`;
  return (
    <Layout ctx={p.ctx} title={`Annuler l’inscription de ${name}`}>
      <BackLink event={p.event} />
      <h1>Annuler l’inscription de {name}</h1>
      <ErrorBox title="L’inscription n’a pas été annulée" message={p.error} />
      <p>
        À « {p.event.title} », {formatWhen(p.event.startsAt, p.event.endsAt)}.
        {p.next.length
          ? ` La place libérée va à ${p.next.map((n) => `${n.firstName} ${n.lastName}`).join(', ')}, en tête de la liste d’attente.`
          : ''}
      </p>
      <h2>Les courriels</h2>
      <MailsShown mails={p.mails} />
      <form
        method="post"
        action={`/gestion/evenements/${p.event.id}/inscriptions/${p.registration.id}/annulation`}
      >
        <CsrfField ctx={p.ctx} />
        <button type="submit">Annuler l’inscription et prévenir par courriel</button>
      </form>
    </Layout>
  );
}

export function PromoteRegistrationPage(p: RegistrationActionProps) {
  const name = `${p.person.firstName} ${p.person.lastName}`;
  return (
    <Layout ctx={p.ctx} title={`${p.error ? 'Erreur — ' : ''}Confirmer l’inscription de ${name}`}>
      <BackLink event={p.event} />
      <h1>Confirmer l’inscription de {name}</h1>
      <ErrorBox title="L’inscription n’a pas été confirmée" message={p.error} />
      <p>
        {name} est sur la liste d’attente de « {p.event.title} ».{' '}
        {p.full
          ? `L’événement est complet (${plural(p.event.capacity ?? 0, 'place', 'places')}) : la ou le confirmer dépasse la capacité.`
          : 'Une place est libre.'}
      </p>
      <h2>Le courriel</h2>
      <MailsShown mails={p.mails} />
      <form
        method="post"
        action={`/gestion/evenements/${p.event.id}/inscriptions/${p.registration.id}/confirmation`}
      >
        <CsrfField ctx={p.ctx} />
        {p.full ? (
          <div class="field">
            <input type="checkbox" id="overCapacity" name="overCapacity" value="on" />{' '}
            <label for="overCapacity">Confirmer au-delà de la capacité</label>
          </div>
        ) : null}
        <button type="submit">Confirmer l’inscription et prévenir par courriel</button>
      </form>
    </Layout>
  );
}
