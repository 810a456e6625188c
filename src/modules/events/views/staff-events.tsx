// Staff pages of events: the list (upcoming and past, each paged), the creation form, and one event's page,
// which gathers its registrations, invitations and documents (views of their own).
import { type Paged, pageCount } from '../../../platform/pagination.ts';
import { formatDay, formatTime, formatWhen } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  Layout,
  type PageContext,
  Select,
  TextArea,
} from '../../../platform/views/layout.tsx';
import { Pagination } from '../../../platform/views/pagination.tsx';
import { StaffNav } from '../../../platform/views/staff-nav.tsx';
import { audienceChoices, audienceLabel } from '../audiences.ts';
import type { EventLinkField } from '../event-links.ts';
import type { ChangeLogEntry } from '../events.queries.ts';
import { eventFormats, eventKinds } from '../events.schema.ts';
import { type Event, eventFormatLabels, eventKindLabels, sessionLabel } from '../events.ts';
import { type DocumentRow, DocumentsSection } from './documents.tsx';
import { ChangeLog } from './event-lifecycle.tsx';
import { ErrorBox, type Errors, type FormState, plural, type Values } from './parts.tsx';
import {
  InvitationsSection,
  type Invitee,
  NewPersonSection,
  type RegistrationRow,
  RegistrationsSection,
} from './staff-registrations.tsx';

// ——— The list ———

export interface StaffEventRow {
  event: Event;
  confirmed: number;
  waitlisted: number;
  attended: number;
}

function EventsTable({ rows, caption }: { rows: StaffEventRow[]; caption: string }) {
  return (
    <div class="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Événement</th>
            <th scope="col">Début</th>
            <th scope="col">Type et public</th>
            <th scope="col">Confirmé·es</th>
            <th scope="col">Liste d’attente</th>
            <th scope="col">Présent·es</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ event, confirmed, waitlisted, attended }) => (
            <tr key={event.id}>
              <td>
                {event.cancelledAt ? (
                  <>
                    <span class="badge badge-warn">Annulé</span>{' '}
                  </>
                ) : null}
                <a href={`/gestion/evenements/${event.id}`}>{event.title}</a>
              </td>
              <td>
                <time dateTime={event.startsAt.toISOString()}>
                  {formatWhen(event.startsAt, event.endsAt)}
                </time>
                {event.provisional ? ' (provisoire)' : ''}
              </td>
              <td>
                {eventKindLabels[event.kind]} · {audienceLabel(event.audience)}
              </td>
              <td>
                {confirmed}
                {event.capacity !== null ? ` / ${event.capacity}` : ''}
              </td>
              <td>{waitlisted}</td>
              <td>{attended}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The address of the list with these pages of upcoming and past events (the first pages say nothing). */
export function eventsListUrl(pages: { upcoming: number; past: number }) {
  const query = new URLSearchParams();
  if (pages.upcoming > 1) query.set('avenir', String(pages.upcoming));
  if (pages.past > 1) query.set('passes', String(pages.past));
  const search = query.toString();
  return `/gestion/evenements${search ? `?${search}` : ''}`;
}

/** One of the two lists: how many in all, the page shown, the table, the links to the other pages. */
function EventsList(props: {
  rows: Paged<StaffEventRow>;
  caption: string;
  empty: string;
  counted: [one: string, many: string];
  label: string;
  query: (page: number) => string;
}) {
  const { rows } = props;
  if (rows.total === 0) return <p>{props.empty}</p>;
  return (
    <>
      <p>
        {plural(rows.total, ...props.counted)}
        {rows.total > rows.pageSize ? ` — page ${rows.page} sur ${pageCount(rows)}` : ''}.
      </p>
      {rows.items.length ? (
        <EventsTable rows={rows.items} caption={props.caption} />
      ) : (
        <p>Cette page est au-delà de la liste.</p>
      )}
      <Pagination paged={rows} query={props.query} label={props.label} />
    </>
  );
}

export function EventsListPage(props: {
  ctx: PageContext;
  upcoming: Paged<StaffEventRow>;
  past: Paged<StaffEventRow>;
  notice?: string | undefined;
}) {
  const { upcoming, past } = props;
  return (
    <Layout ctx={props.ctx} title="Événements" notice={props.notice}>
      <h1>Événements</h1>
      <StaffNav ctx={props.ctx} current="/gestion/evenements" />
      <p>
        <a class="button" href="/gestion/evenements/nouveau">
          Créer un événement
        </a>{' '}
        <a class="button button-secondary" href="/gestion/series">
          Séries
        </a>
      </p>
      <h2>À venir et en cours</h2>
      <EventsList
        rows={upcoming}
        caption="Événements à venir, du plus proche au plus lointain"
        empty="Aucun événement à venir."
        counted={['événement à venir ou en cours', 'événements à venir ou en cours']}
        label="Pages des événements à venir"
        query={(page) => eventsListUrl({ upcoming: page, past: past.page })}
      />
      <h2>Passés</h2>
      <EventsList
        rows={past}
        caption="Événements passés, du plus récent au plus ancien"
        empty="Aucun événement passé."
        counted={['événement passé', 'événements passés']}
        label="Pages des événements passés"
        query={(page) => eventsListUrl({ upcoming: upcoming.page, past: page })}
      />
    </Layout>
  );
}

// ——— Creation ———

const parisHint =
  'Heure de Paris. Sans calendrier dans votre navigateur, écrivez par exemple 08/07/2026 09:30.';

function DateTimeField(props: {
  name: string;
  label: string;
  value: string | undefined;
  required?: boolean;
  error: string | undefined;
}) {
  return <Field {...props} type="datetime-local" hint={parisHint} />;
}

/** What makes the event form a creation (the default), a copy or a change. */
export interface EventFormMode {
  heading: string;
  action: string;
  submit: string;
  /** Said when the form is refused: « L’événement n’a pas été créé ». */
  notDone: string;
  back: { href: string; label: string };
  intro?: string | undefined;
}

export const creationMode: EventFormMode = {
  heading: 'Créer un événement',
  action: '/gestion/evenements',
  submit: 'Créer l’événement',
  notDone: 'L’événement n’a pas été créé',
  back: { href: '/gestion/evenements', label: 'Événements' },
};

/** One module's boxes: the records the event belongs to (none offered, none shown). */
function LinkBoxes({ link, error }: { link: EventLinkField; error: string | undefined }) {
  if (link.choices.length === 0) return null;
  return (
    <fieldset id={link.field} aria-describedby={error ? `${link.field}-error` : undefined}>
      <legend>{link.legend}</legend>
      {error ? (
        <p class="error" id={`${link.field}-error`}>
          {error}
        </p>
      ) : null}
      {link.choices.map((c) => (
        <div key={c.id}>
          <input
            type="checkbox"
            id={`${link.field}-${c.id}`}
            name={link.field}
            value={c.id}
            checked={link.selected.includes(c.id)}
          />{' '}
          <label for={`${link.field}-${c.id}`}>{c.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function NewEventPage(props: {
  ctx: PageContext;
  series: { id: string; title: string }[];
  errors?: Errors;
  values?: Values;
  error?: string | undefined;
  mode?: EventFormMode | undefined;
  /** A change that mails people, to confirm: what it will do, and the token the confirmation sends back. */
  confirm?: { message: string; token: string } | undefined;
  /** The boxes other modules add (the groups a meeting belongs to). */
  links?: EventLinkField[] | undefined;
}) {
  const v = props.values ?? {};
  const e = props.errors ?? {};
  const mode = props.mode ?? creationMode;
  return (
    <Layout ctx={props.ctx} title={props.errors ? `Erreur — ${mode.heading}` : mode.heading}>
      <p>
        <a href={mode.back.href}>← {mode.back.label}</a>
      </p>
      <h1>{mode.heading}</h1>
      {mode.intro ? <p>{mode.intro}</p> : null}
      <ErrorBox title={mode.notDone} message={props.error} />
      <ErrorSummary errors={props.errors} />
      {props.confirm ? (
        <div class="notice" role="status">
          <h2>À confirmer</h2>
          <p>{props.confirm.message}</p>
        </div>
      ) : null}
      <form method="post" action={mode.action} novalidate>
        <CsrfField ctx={props.ctx} />
        {props.confirm ? <input type="hidden" name="confirm" value={props.confirm.token} /> : null}
        <Field name="title" label="Titre" required value={v.title} error={e.title} autocomplete="off" />
        <Field
          name="theme"
          label="Thème"
          hint="Par exemple : coopération décentralisée et climat"
          value={v.theme}
          error={e.theme}
        />
        <Select
          name="kind"
          label="Type d’événement"
          required
          options={eventKinds.map((k) => [k, eventKindLabels[k]] as const)}
          value={v.kind}
          error={e.kind}
          empty="Choisir un type"
        />
        <Select
          name="format"
          label="Format"
          required
          options={eventFormats.map((k) => [k, eventFormatLabels[k]] as const)}
          value={v.format}
          error={e.format}
          empty="Choisir un format"
        />
        <Select
          name="audience"
          label="Public"
          required
          options={audienceChoices()}
          value={v.audience}
          error={e.audience}
          empty="Choisir un public"
        />
        {(props.links ?? []).map((link) => (
          <LinkBoxes key={link.field} link={link} error={e[link.field]} />
        ))}
        <fieldset>
          <legend>Dates</legend>
          <DateTimeField name="startsAt" label="Début" required value={v.startsAt} error={e.startsAt} />
          <DateTimeField name="endsAt" label="Fin" required value={v.endsAt} error={e.endsAt} />
          <div class="field">
            <input
              type="checkbox"
              id="provisional"
              name="provisional"
              value="on"
              checked={v.provisional === 'on'}
            />{' '}
            <label for="provisional">Date provisoire (annoncée, pas encore confirmée)</label>
          </div>
        </fieldset>
        <fieldset>
          <legend>Inscriptions</legend>
          <Field
            name="capacity"
            label="Nombre de places"
            type="number"
            hint="Laisser vide si le nombre de places n’est pas limité. Au-delà, les inscrits vont sur liste d’attente."
            value={v.capacity}
            error={e.capacity}
          />
          <DateTimeField
            name="registrationOpensAt"
            label="Ouverture des inscriptions (facultatif)"
            value={v.registrationOpensAt}
            error={e.registrationOpensAt}
          />
          <DateTimeField
            name="registrationClosesAt"
            label="Clôture des inscriptions (facultatif, sinon au début de l’événement)"
            value={v.registrationClosesAt}
            error={e.registrationClosesAt}
          />
        </fieldset>
        <fieldset>
          <legend>Lieu</legend>
          <Field
            name="venue"
            label="Adresse du lieu"
            hint="Pour un événement en présentiel ou hybride."
            value={v.venue}
            error={e.venue}
          />
          <Field
            name="onlineUrl"
            label="Lien de la visioconférence"
            type="url"
            hint="Pour un événement hybride ou en visioconférence ; il n’est montré qu’aux inscrits confirmés."
            value={v.onlineUrl}
            error={e.onlineUrl}
          />
        </fieldset>
        <TextArea name="description" label="Description" value={v.description} error={e.description} />
        <div class={e.series ? 'field field-error' : 'field'}>
          <label for="series">Série (facultatif)</label>
          <p class="hint" id="series-hint">
            Un cycle d’événements, par exemple « Rencontres régionales 2026 ». Choisissez une série existante
            ou écrivez-en une nouvelle.
          </p>
          {e.series ? (
            <p class="error" id="series-error">
              {e.series}
            </p>
          ) : null}
          <input
            id="series"
            name="series"
            type="text"
            list="series-list"
            value={v.series}
            aria-invalid={e.series ? 'true' : undefined}
            aria-describedby={e.series ? 'series-hint series-error' : 'series-hint'}
          />
          <datalist id="series-list">
            {props.series.map((s) => (
              <option key={s.id} value={s.title} />
            ))}
          </datalist>
        </div>
        <Field
          name="season"
          label="Saison (facultatif)"
          type="number"
          hint="Pour une série : le numéro de la saison, par exemple 6."
          value={v.season}
          error={e.season}
        />
        <Field
          name="sessionNumber"
          label="Numéro de la session dans la saison (facultatif)"
          type="number"
          hint="Par exemple 2 pour la 2e session."
          value={v.sessionNumber}
          error={e.sessionNumber}
        />
        <Field
          name="guest"
          label="Invité·e ou grand témoin (facultatif)"
          hint="Nom et qualité, par exemple : Dorothée Schmid, directrice de programme à l’IFRI."
          value={v.guest}
          error={e.guest}
        />
        <button type="submit">{props.confirm ? 'Confirmer et prévenir par courriel' : mode.submit}</button>
      </form>
    </Layout>
  );
}

// ——— One event ———

export interface ManageEventProps {
  ctx: PageContext;
  event: Event;
  seriesTitle: string | null;
  registrations: RegistrationRow[];
  invitees: Invitee[];
  documents: DocumentRow[];
  changeLog: ChangeLogEntry[];
  /** The words of the mail that tells a person made by staff how to sign in. */
  welcome: string[];
  registerForm?: FormState | undefined;
  newPersonForm?: FormState | undefined;
  inviteForm?: FormState | undefined;
  documentForm?: FormState | undefined;
  notice?: string | undefined;
}

export function ManageEventPage(p: ManageEventProps) {
  const { event } = p;
  const live = p.registrations.filter((r) => r.registration.status !== 'cancelled');
  const confirmed = live.filter((r) => r.registration.status === 'confirmed').length;
  const waitlisted = live.length - confirmed;
  const present = p.registrations.filter((r) => r.attendance).length;
  const base = `/gestion/evenements/${event.id}`;
  return (
    <Layout ctx={p.ctx} title={`Gestion — ${event.title}`} notice={p.notice}>
      <p>
        <a href="/gestion/evenements">← Événements</a>
      </p>
      <h1>
        {event.cancelledAt ? (
          <>
            <span class="badge badge-warn">Annulé</span>{' '}
          </>
        ) : null}
        {event.title}
      </h1>
      {event.cancelledAt ? (
        <p>
          Annulé le {formatDay(event.cancelledAt)} à {formatTime(event.cancelledAt)}. Motif :{' '}
          {event.cancellationReason}
        </p>
      ) : null}
      {p.seriesTitle && event.seriesId ? (
        <p>
          <a href={`/agenda/series/${event.seriesId}`}>{p.seriesTitle}</a>
          {sessionLabel(event) ? ` · ${sessionLabel(event)}` : ''}
          {event.guest ? ` · ${event.guest}` : ''}
        </p>
      ) : null}
      <dl class="facts">
        <dt>Quand</dt>
        <dd>
          <time dateTime={event.startsAt.toISOString()}>
            {formatWhen(event.startsAt, event.endsAt, { withHours: true })}
          </time>{' '}
          (heure de Paris)
          {event.provisional ? ' — date provisoire' : ''}
        </dd>
        <dt>Type</dt>
        <dd>{eventKindLabels[event.kind]}</dd>
        <dt>Format</dt>
        <dd>{eventFormatLabels[event.format]}</dd>
        {event.venue ? (
          <>
            <dt>Lieu</dt>
            <dd>{event.venue}</dd>
          </>
        ) : null}
        {event.onlineUrl ? (
          <>
            <dt>Visioconférence</dt>
            <dd>
              <a href={event.onlineUrl}>{event.onlineUrl}</a>
            </dd>
          </>
        ) : null}
        <dt>Public</dt>
        <dd>{audienceLabel(event.audience)}</dd>
        <dt>Inscriptions</dt>
        <dd>
          {plural(confirmed, 'confirmée', 'confirmées')}
          {event.capacity !== null ? ` sur ${plural(event.capacity, 'place', 'places')}` : ''}, {waitlisted}{' '}
          sur liste d’attente, {plural(present, 'présence enregistrée', 'présences enregistrées')}
        </dd>
      </dl>
      <nav aria-label="Actions sur l’événement" class="actions">
        <a class="button" href={`${base}/emargement`}>
          Émargement
        </a>
        <a href={`${base}/messages`}>Écrire aux inscrits</a>
        <a href={`${base}/presences-en-ligne`}>Importer les présences en ligne</a>
        <a href={`/agenda/${event.id}`}>Voir la page publique</a>
        {event.cancelledAt ? null : <a href={`${base}/modification`}>Modifier</a>}
        <a href={`${base}/copie`}>Copier pour une nouvelle séance</a>
        {event.cancelledAt || event.endsAt <= new Date() ? null : (
          <a href={`${base}/annulation`}>Annuler l’événement</a>
        )}
      </nav>

      <RegistrationsSection ctx={p.ctx} event={event} registrations={p.registrations} form={p.registerForm} />
      {event.cancelledAt ? null : (
        <NewPersonSection ctx={p.ctx} event={event} form={p.newPersonForm} welcome={p.welcome} />
      )}
      <InvitationsSection ctx={p.ctx} event={event} invitees={p.invitees} form={p.inviteForm} />
      <DocumentsSection ctx={p.ctx} event={event} documents={p.documents} form={p.documentForm} />
      <ChangeLog entries={p.changeLog} />
    </Layout>
  );
}
