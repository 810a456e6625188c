// Staff pages of the agenda (« Gestion » of events): list, creation, one event's registrations and documents,
// check-in at the door (made for a phone), the QR code scan, online attendance from a video-call report.
import { formatDateTime, timeZone } from '../../../platform/time.ts';
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
import type { AttendanceReport } from '../attendance-import.ts';
import { audienceChoices, audienceLabel } from '../audiences.ts';
import type { Attendance } from '../check-in.ts';
import { eventFormats, eventKinds } from '../events.schema.ts';
import { type Event, eventFormatLabels, eventKindLabels } from '../events.ts';
import type { Registration } from '../register.ts';

type Errors = Record<string, string> | undefined;
type Values = Record<string, string | undefined>;

export const registrationStatusLabels: Record<Registration['status'], string> = {
  confirmed: 'Confirmée',
  waitlisted: 'Liste d’attente',
  cancelled: 'Annulée',
};

export const attendanceSourceLabels: Record<Attendance['source'], string> = {
  check_in: 'émargement',
  qr: 'code QR',
  import: 'rapport de visioconférence',
};

export const modeLabels = { in_person: 'Sur place', online: 'En ligne' } as const;

const timeOnly = new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit' });

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

function BackLink({ event }: { event: Event }) {
  return (
    <p>
      <a href={`/gestion/evenements/${event.id}`}>← {event.title}</a>
    </p>
  );
}

function ErrorBox({ title, message }: { title: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <div class="error-summary" role="alert">
      <h2>{title}</h2>
      <p>{message}</p>
    </div>
  );
}

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
                <a href={`/gestion/evenements/${event.id}`}>{event.title}</a>
              </td>
              <td>
                <time dateTime={event.startsAt.toISOString()}>{formatDateTime(event.startsAt)}</time>
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

export function EventsListPage(props: {
  ctx: PageContext;
  upcoming: StaffEventRow[];
  past: StaffEventRow[];
  notice?: string | undefined;
}) {
  return (
    <Layout ctx={props.ctx} title="Événements" notice={props.notice}>
      <h1>Événements</h1>
      <StaffNav ctx={props.ctx} current="/gestion/evenements" />
      <p>
        <a class="button" href="/gestion/evenements/nouveau">
          Créer un événement
        </a>
      </p>
      <h2>À venir et en cours</h2>
      {props.upcoming.length ? (
        <EventsTable rows={props.upcoming} caption="Événements à venir, du plus proche au plus lointain" />
      ) : (
        <p>Aucun événement à venir.</p>
      )}
      <h2>Passés</h2>
      {props.past.length ? (
        <EventsTable rows={props.past} caption="Événements passés, du plus récent au plus ancien" />
      ) : (
        <p>Aucun événement passé.</p>
      )}
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

export function NewEventPage(props: {
  ctx: PageContext;
  series: { id: string; title: string }[];
  errors?: Errors;
  values?: Values;
  error?: string | undefined;
}) {
  const v = props.values ?? {};
  const e = props.errors ?? {};
  return (
    <Layout ctx={props.ctx} title={props.errors ? 'Erreur — Créer un événement' : 'Créer un événement'}>
      <p>
        <a href="/gestion/evenements">← Événements</a>
      </p>
      <h1>Créer un événement</h1>
      <ErrorBox title="L’événement n’a pas été créé" message={props.error} />
      <ErrorSummary errors={props.errors} />
      <form method="post" action="/gestion/evenements" novalidate>
        <CsrfField ctx={props.ctx} />
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
        <button type="submit">Créer l’événement</button>
      </form>
    </Layout>
  );
}

// ——— One event ———

export interface RegistrationRow {
  registration: Registration;
  person: { id: string; firstName: string; lastName: string; email: string };
  organisationName: string | null;
  attendance: { recordedAt: Date; source: Attendance['source']; minutes: number | null } | null;
}

export function attendanceText(a: RegistrationRow['attendance']): string {
  if (!a) return '';
  const minutes = a.minutes !== null ? `, ${a.minutes} min` : '';
  return `Présent·e (${attendanceSourceLabels[a.source]}${minutes})`;
}

export interface Invitee {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  organisationName: string | null;
}

export interface DocumentRow {
  id: string;
  kind: 'minutes' | 'document';
  title: string;
  fileName: string;
  size: number;
  createdAt: Date;
}

export interface FormState {
  errors?: Errors;
  values?: Values;
}

export interface ManageEventProps {
  ctx: PageContext;
  event: Event;
  seriesTitle: string | null;
  registrations: RegistrationRow[];
  invitees: Invitee[] | undefined;
  documents: DocumentRow[];
  registerForm?: FormState | undefined;
  inviteForm?: FormState | undefined;
  documentForm?: FormState | undefined;
  notice?: string | undefined;
}

function RegistrationsTable({ rows }: { rows: RegistrationRow[] }) {
  if (rows.length === 0) return <p>Personne n’est encore inscrit.</p>;
  return (
    <div class="table-scroll">
      <table>
        <caption>Inscriptions : confirmées, puis liste d’attente, puis annulées</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Organisation</th>
            <th scope="col">Statut</th>
            <th scope="col">Participation</th>
            <th scope="col">Présence</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.registration.id}>
              <td>
                <a
                  href={`/gestion/personnes/${r.person.id}`}
                >{`${r.person.firstName} ${r.person.lastName}`}</a>
                <br />
                <span class="muted">{r.person.email}</span>
              </td>
              <td>{r.organisationName ?? '—'}</td>
              <td>{registrationStatusLabels[r.registration.status]}</td>
              <td>{r.registration.mode ? modeLabels[r.registration.mode] : '—'}</td>
              <td>{r.attendance ? attendanceText(r.attendance) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ManageEventPage(p: ManageEventProps) {
  const { event } = p;
  const live = p.registrations.filter((r) => r.registration.status !== 'cancelled');
  const confirmed = live.filter((r) => r.registration.status === 'confirmed').length;
  const waitlisted = live.length - confirmed;
  const present = p.registrations.filter((r) => r.attendance).length;
  const rv = p.registerForm?.values ?? {};
  const re = p.registerForm?.errors;
  const iv = p.inviteForm?.values ?? {};
  const ie = p.inviteForm?.errors;
  const dv = p.documentForm?.values ?? {};
  const de = p.documentForm?.errors;
  const base = `/gestion/evenements/${event.id}`;
  return (
    <Layout ctx={p.ctx} title={`Gestion — ${event.title}`} notice={p.notice}>
      <p>
        <a href="/gestion/evenements">← Événements</a>
      </p>
      <h1>{event.title}</h1>
      {p.seriesTitle ? <p>{p.seriesTitle}</p> : null}
      <dl class="facts">
        <dt>Quand</dt>
        <dd>
          du <time dateTime={event.startsAt.toISOString()}>{formatDateTime(event.startsAt)}</time> au{' '}
          <time dateTime={event.endsAt.toISOString()}>{formatDateTime(event.endsAt)}</time> (heure de Paris)
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
        <a href={`${base}/presences-en-ligne`}>Importer les présences en ligne</a>
        <a href={`/agenda/${event.id}`}>Voir la page publique</a>
      </nav>

      <h2 id="inscriptions">Inscriptions</h2>
      <p>
        Exporter les inscriptions et les présences : <a href={`${base}/inscriptions.csv`}>CSV</a>,{' '}
        <a href={`${base}/inscriptions.xlsx`}>Excel</a>
      </p>
      <RegistrationsTable rows={p.registrations} />

      <h2 id="inscrire">Inscrire une personne</h2>
      <p>
        La personne doit déjà avoir un compte (ajoutez-la sinon depuis la page de son organisation). Elle
        reçoit un courriel de confirmation, ou de liste d’attente si l’événement est complet.
      </p>
      <form method="post" action={`${base}/inscriptions`} novalidate>
        <CsrfField ctx={p.ctx} />
        <ErrorSummary errors={re} />
        <Field
          name="email"
          label="Adresse électronique de la personne"
          type="email"
          required
          value={rv.email}
          error={re?.email}
          autocomplete="off"
        />
        {event.format === 'hybrid' ? (
          <fieldset>
            <legend>Participation</legend>
            <div>
              <input
                type="radio"
                id="mode-in-person"
                name="mode"
                value="in_person"
                checked={rv.mode !== 'online'}
              />{' '}
              <label for="mode-in-person">Sur place</label>
            </div>
            <div>
              <input
                type="radio"
                id="mode-online"
                name="mode"
                value="online"
                checked={rv.mode === 'online'}
              />{' '}
              <label for="mode-online">En visioconférence</label>
            </div>
          </fieldset>
        ) : null}
        <button type="submit">Inscrire</button>
      </form>

      {p.invitees ? (
        <>
          <h2 id="invitations">Invitations</h2>
          <p>
            Cet événement est sur invitation : seules les personnes invitées peuvent le voir et s’y inscrire.
          </p>
          {p.invitees.length ? (
            <div class="table-scroll">
              <table>
                <caption>{plural(p.invitees.length, 'personne invitée', 'personnes invitées')}</caption>
                <thead>
                  <tr>
                    <th scope="col">Nom</th>
                    <th scope="col">Organisation</th>
                    <th scope="col">Adresse électronique</th>
                  </tr>
                </thead>
                <tbody>
                  {p.invitees.map((i) => (
                    <tr key={i.id}>
                      <td>{`${i.firstName} ${i.lastName}`}</td>
                      <td>{i.organisationName ?? '—'}</td>
                      <td>{i.email}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>Personne n’est encore invité.</p>
          )}
          <form method="post" action={`${base}/invitations`} novalidate>
            <CsrfField ctx={p.ctx} />
            <ErrorSummary errors={ie} />
            <TextArea
              name="emails"
              label="Adresses électroniques des personnes à inviter"
              hint="Une adresse par ligne. Chaque personne doit déjà avoir un compte."
              required
              value={iv.emails}
              error={ie?.emails}
              rows={6}
            />
            <button type="submit">Inviter</button>
          </form>
        </>
      ) : null}

      <h2 id="documents">Compte rendu et documents</h2>
      {p.documents.length ? (
        <ul>
          {p.documents.map((d) => (
            <li key={d.id}>
              <a href={`/agenda/${event.id}/documents/${d.id}`}>
                {d.kind === 'minutes' ? `Compte rendu : ${d.title}` : d.title}
              </a>{' '}
              <span class="muted">
                ({d.fileName}, {Math.max(1, Math.round(d.size / 1024))} Ko, ajouté le{' '}
                {formatDateTime(d.createdAt)})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucun document.</p>
      )}
      <p>Les documents sont visibles par le public de l’événement, sur sa page.</p>
      <form method="post" action={`${base}/documents`} enctype="multipart/form-data" novalidate>
        <CsrfField ctx={p.ctx} />
        <ErrorSummary errors={de} />
        <Select
          name="kind"
          label="Nature"
          required
          options={[
            ['document', 'Document'],
            ['minutes', 'Compte rendu'],
          ]}
          value={dv.kind ?? 'document'}
          error={de?.kind}
        />
        <Field
          name="title"
          label="Titre"
          hint="Laisser vide pour reprendre le nom du fichier."
          value={dv.title}
          error={de?.title}
        />
        <div class={de?.file ? 'field field-error' : 'field'}>
          <label for="file">
            Fichier <span class="required"> (obligatoire)</span>
          </label>
          <p class="hint" id="file-hint">
            PDF ou bureautique (Word, Excel, PowerPoint, OpenDocument), 10 Mo au plus.
          </p>
          {de?.file ? (
            <p class="error" id="file-error">
              {de.file}
            </p>
          ) : null}
          <input
            id="file"
            name="file"
            type="file"
            required
            accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"
            aria-invalid={de?.file ? 'true' : undefined}
            aria-describedby={de?.file ? 'file-hint file-error' : 'file-hint'}
          />
        </div>
        <button type="submit">Ajouter le document</button>
      </form>
    </Layout>
  );
}

// ——— Check-in at the door ———

export interface CheckInRow {
  registrationId: string;
  name: string;
  organisationName: string | null;
  attendance: { recordedAt: Date; source: Attendance['source'] } | null;
}

const bigButton = 'width: 100%; font-size: 1.25rem; min-height: 3.5rem; margin-top: 0.5rem;';

export function CheckInPage(props: {
  ctx: PageContext;
  event: Event;
  rows: CheckInRow[];
  q: string;
  present: number;
  confirmed: number;
  notice?: string | undefined;
}) {
  const { event, q } = props;
  const base = `/gestion/evenements/${event.id}/emargement`;
  return (
    <Layout ctx={props.ctx} title={`Émargement — ${event.title}`} notice={props.notice}>
      <BackLink event={event} />
      <h1>Émargement</h1>
      <p>
        {event.title} — {formatDateTime(event.startsAt)}
      </p>
      <p style="font-size: 1.25rem;">
        <strong>
          {props.present} présent·e{props.present > 1 ? 's' : ''} sur {props.confirmed} inscrit·e
          {props.confirmed > 1 ? 's' : ''}
        </strong>
      </p>
      <form method="get" action={base} aria-label="Chercher une personne inscrite">
        <Field name="q" label="Nom de la personne" type="search" value={q} autocomplete="off" />
        <div class="actions">
          <button type="submit">Chercher</button>
          {q ? <a href={base}>Tout afficher</a> : null}
        </div>
      </form>
      <h2 id="liste">
        {q
          ? `${plural(props.rows.length, 'personne trouvée', 'personnes trouvées')} pour « ${q} »`
          : 'Inscrit·es confirmé·es'}
      </h2>
      {props.rows.length === 0 ? (
        <p role="status">
          {q ? 'Aucune personne inscrite ne porte ce nom.' : 'Aucune inscription confirmée.'}
        </p>
      ) : (
        <ul class="cards" aria-labelledby="liste">
          {props.rows.map((r) => (
            <li key={r.registrationId} id={`r-${r.registrationId}`} class="card">
              <p style="margin: 0;">
                <strong>{r.name}</strong>
                {r.organisationName ? (
                  <>
                    <br />
                    <span class="muted">{r.organisationName}</span>
                  </>
                ) : null}
              </p>
              {r.attendance ? (
                <>
                  <p style="margin: 0.5rem 0 0;">
                    <span class="badge badge-ok">Présent·e</span> depuis{' '}
                    {timeOnly.format(r.attendance.recordedAt)} ({attendanceSourceLabels[r.attendance.source]})
                  </p>
                  {r.attendance.source !== 'import' ? (
                    <form method="post" action={`${base}/${r.registrationId}/annulation`}>
                      <CsrfField ctx={props.ctx} />
                      <input type="hidden" name="q" value={q} />
                      <button
                        type="submit"
                        class="button-secondary"
                        style="margin-top: 0.5rem;"
                        aria-label={`Annuler la présence de ${r.name}`}
                      >
                        Annuler
                      </button>
                    </form>
                  ) : null}
                </>
              ) : (
                <form method="post" action={`${base}/${r.registrationId}`}>
                  <CsrfField ctx={props.ctx} />
                  <input type="hidden" name="q" value={q} />
                  <button type="submit" style={bigButton} aria-label={`Présent·e : ${r.name}`}>
                    Présent·e
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** What a staff member sees after scanning a participant's QR code. */
export function QrCheckInPage(props: { ctx: PageContext; event: Event; name: string; recorded: boolean }) {
  const title = props.recorded ? 'Présence enregistrée' : 'Déjà enregistrée';
  return (
    <Layout ctx={props.ctx} title={title}>
      <h1>
        {title} : {props.name}
      </h1>
      <p role="status">
        {props.recorded
          ? `${props.name} est enregistré·e comme présent·e à « ${props.event.title} ».`
          : `La présence de ${props.name} à « ${props.event.title} » était déjà enregistrée : rien de nouveau n’a été noté.`}
      </p>
      <p class="actions">
        <a class="button" href={`/gestion/evenements/${props.event.id}/emargement`}>
          Émargement de l’événement
        </a>
      </p>
    </Layout>
  );
}

// ——— Online attendance ———

export interface ImportSummary {
  id: string;
  fileName: string;
  createdAt: Date;
  appliedAt: Date | null;
}

export function AttendanceUploadPage(props: {
  ctx: PageContext;
  event: Event;
  imports: ImportSummary[];
  errors?: Errors;
  values?: Values;
}) {
  const { event } = props;
  const e = props.errors ?? {};
  return (
    <Layout
      ctx={props.ctx}
      title={props.errors ? 'Erreur — Présences en ligne' : `Présences en ligne — ${event.title}`}
    >
      <BackLink event={event} />
      <h1>Présences en ligne</h1>
      <p>
        Déposez le rapport de participation de la visioconférence (Teams, Zoom, BigBlueButton…), en CSV ou en
        Excel : une ligne par connexion, avec l’adresse électronique et la durée. Les connexions d’une même
        personne sont additionnées. Rien n’est enregistré avant votre confirmation.
      </p>
      <ErrorSummary errors={props.errors} />
      <form
        method="post"
        action={`/gestion/evenements/${event.id}/presences-en-ligne`}
        enctype="multipart/form-data"
        novalidate
      >
        <CsrfField ctx={props.ctx} />
        <div class={e.file ? 'field field-error' : 'field'}>
          <label for="file">
            Rapport de participation <span class="required"> (obligatoire)</span>
          </label>
          <p class="hint" id="file-hint">
            Fichier CSV ou Excel (.xlsx), 10 Mo au plus.
          </p>
          {e.file ? (
            <p class="error" id="file-error">
              {e.file}
            </p>
          ) : null}
          <input
            id="file"
            name="file"
            type="file"
            required
            accept=".csv,.xlsx,text/csv"
            aria-invalid={e.file ? 'true' : undefined}
            aria-describedby={e.file ? 'file-hint file-error' : 'file-hint'}
          />
        </div>
        <Field
          name="minMinutes"
          label="Durée minimale de présence, en minutes"
          type="number"
          required
          hint="En dessous, la personne n’est pas comptée présente."
          value={props.values?.minMinutes ?? '30'}
          error={e.minMinutes}
        />
        <button type="submit">Prévisualiser</button>
      </form>
      {props.imports.length ? (
        <>
          <h2>Rapports déjà déposés</h2>
          <ul>
            {props.imports.map((i) => (
              <li key={i.id}>
                <a href={`/gestion/evenements/${event.id}/presences-en-ligne/${i.id}`}>{i.fileName}</a>{' '}
                <span class="muted">
                  (déposé le {formatDateTime(i.createdAt)}
                  {i.appliedAt ? `, enregistré le ${formatDateTime(i.appliedAt)}` : ', pas encore enregistré'}
                  )
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}

/** People of a video-call report with the minutes they stayed. */
function DurationsTable({
  people,
  caption,
}: {
  people: { name: string; email: string; minutes: number }[];
  caption: string;
}) {
  if (people.length === 0) return null;
  return (
    <div class="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Adresse électronique</th>
            <th scope="col">Durée</th>
          </tr>
        </thead>
        <tbody>
          {people.map((m) => (
            <tr key={m.email}>
              <td>{m.name}</td>
              <td>{m.email}</td>
              <td>{m.minutes} min</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AttendanceReportPage(props: {
  ctx: PageContext;
  event: Event;
  fileName: string;
  minMinutes: number;
  report: AttendanceReport;
  appliedAt: Date | null;
  importId: string;
  result?: { recorded: number } | undefined;
}) {
  const { event, report } = props;
  return (
    <Layout ctx={props.ctx} title={`Rapport de présence — ${event.title}`}>
      <BackLink event={event} />
      <h1>Rapport de présence en ligne</h1>
      <p>
        Fichier : {props.fileName} — durée minimale : {props.minMinutes} min
      </p>
      {props.result ? (
        <p class="notice" role="status">
          {plural(props.result.recorded, 'présence enregistrée', 'présences enregistrées')}
          {props.result.recorded < report.matched.length
            ? ` (${report.matched.length - props.result.recorded} déjà connue${report.matched.length - props.result.recorded > 1 ? 's' : ''})`
            : ''}
          .
        </p>
      ) : null}
      <p role={props.result ? undefined : 'status'}>
        {plural(report.matched.length, 'personne présente', 'personnes présentes')},{' '}
        {plural(report.tooShort.length, 'présence trop courte', 'présences trop courtes')},{' '}
        {plural(report.unmatched.length, 'ligne non reconnue', 'lignes non reconnues')}.
      </p>
      <DurationsTable people={report.matched} caption={`Présent·es (au moins ${props.minMinutes} min)`} />
      <DurationsTable
        people={report.tooShort}
        caption={`Présences trop courtes (moins de ${props.minMinutes} min) : non comptées`}
      />
      {report.unmatched.length ? (
        <div class="table-scroll">
          <table>
            <caption>Lignes non reconnues et pourquoi</caption>
            <thead>
              <tr>
                <th scope="col">Ligne</th>
                <th scope="col">Adresse électronique</th>
                <th scope="col">Raison</th>
              </tr>
            </thead>
            <tbody>
              {report.unmatched.map((u) => (
                <tr key={`${u.line}-${u.email}`}>
                  <td>{u.line}</td>
                  <td>{u.email || '—'}</td>
                  <td>{u.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {props.appliedAt ? (
        <p>
          Ce rapport a été enregistré le {formatDateTime(props.appliedAt)}.{' '}
          <a href={`/gestion/evenements/${event.id}#inscriptions`}>Retour à l’événement</a>
        </p>
      ) : report.matched.length ? (
        <form
          method="post"
          action={`/gestion/evenements/${event.id}/presences-en-ligne/${props.importId}/confirmer`}
        >
          <CsrfField ctx={props.ctx} />
          <button type="submit">Enregistrer {plural(report.matched.length, 'présence', 'présences')}</button>
        </form>
      ) : (
        <p>
          Aucune présence à enregistrer.{' '}
          <a href={`/gestion/evenements/${event.id}/presences-en-ligne`}>Déposer un autre rapport</a>
        </p>
      )}
    </Layout>
  );
}
