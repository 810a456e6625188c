// The staff's pages of the Rencontres: the editions (and a new one), an edition's page (its rooms, its
// categories with their fees and quotas, its grid, the links to everything the event team needs) and the
// form of a session.
import { formatCents } from '../../../platform/money.ts';
import {
  capitalised,
  formatDay,
  formatTime,
  formatWhen,
  parisDate,
  parisTime,
} from '../../../platform/time.ts';
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
import { sessionKinds } from '../conferences.schema.ts';
import {
  type Category,
  type Conference,
  categoryLabels,
  conferenceDays,
  type Room,
  type SessionWithSpeakers,
  sessionKindLabels,
} from '../conferences.ts';

export type FormValues = Record<string, string | undefined>;
export interface FormState {
  values: FormValues;
  errors: Record<string, string>;
}

const dayLabel = (day: string) => capitalised(formatDay(parisTime(day, '12:00')));

export function StaffConferencesPage(props: {
  ctx: PageContext;
  conferences: (Conference & { registered: number })[];
  form?: FormState | undefined;
  notice?: string | undefined;
}) {
  const values = props.form?.values ?? {};
  const errors = props.form?.errors ?? {};
  return (
    <Layout ctx={props.ctx} title="Rencontres — gestion" notice={props.notice}>
      <StaffNav ctx={props.ctx} current="/gestion/rencontres" />
      <h1>Rencontres</h1>
      {props.conferences.length === 0 ? (
        <p>Aucune édition pour le moment.</p>
      ) : (
        <table>
          <caption>Les éditions, la plus récente d’abord</caption>
          <thead>
            <tr>
              <th scope="col">Édition</th>
              <th scope="col">Dates et lieu</th>
              <th scope="col">Inscriptions</th>
            </tr>
          </thead>
          <tbody>
            {props.conferences.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <a href={`/gestion/rencontres/${c.id}`}>{c.event.title}</a>
                  {c.archivedAt ? <span class="muted"> (archivée)</span> : null}
                </th>
                <td>
                  {capitalised(formatWhen(c.event.startsAt, c.event.endsAt))}
                  {c.event.provisional ? ' (dates provisoires)' : ''}, {c.event.venue}
                </td>
                <td>{c.registered}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="nouvelle">Nouvelle édition</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action="/gestion/rencontres">
        <CsrfField ctx={props.ctx} />
        <Field name="title" label="Titre" required value={values.title} error={errors.title} />
        <Field
          name="edition"
          label="Numéro de l’édition"
          type="number"
          value={values.edition}
          error={errors.edition}
        />
        <Field name="theme" label="Fil rouge" value={values.theme} error={errors.theme} />
        <Field
          name="startsOn"
          label="Premier jour"
          type="date"
          required
          value={values.startsOn}
          error={errors.startsOn}
        />
        <Field
          name="endsOn"
          label="Dernier jour"
          type="date"
          required
          value={values.endsOn}
          error={errors.endsOn}
        />
        <Field name="venue" label="Lieu" required value={values.venue} error={errors.venue} />
        <Field
          name="registrationOpensAt"
          label="Ouverture des inscriptions"
          type="date"
          required
          value={values.registrationOpensAt}
          error={errors.registrationOpensAt}
        />
        <Field
          name="registrationClosesAt"
          label="Clôture des inscriptions"
          type="date"
          hint="Au début des Rencontres si vide."
          value={values.registrationClosesAt}
          error={errors.registrationClosesAt}
        />
        <Field
          name="capacity"
          label="Places sur le lieu"
          type="number"
          hint="Au-delà, liste d’attente. Vide : sans limite."
          value={values.capacity}
          error={errors.capacity}
        />
        <div class="choice">
          <input
            type="checkbox"
            name="provisional"
            id="provisional"
            value="1"
            checked={values.provisional === '1'}
          />
          <label for="provisional">Dates provisoires</label>
        </div>
        <button type="submit">Créer l’édition</button>
      </form>
    </Layout>
  );
}

export interface ManageConferenceProps {
  ctx: PageContext;
  conference: Conference;
  rooms: Room[];
  categories: Category[];
  sessions: SessionWithSpeakers[];
  registered: Map<string, number>;
  roomForm?: FormState | undefined;
  registrationForm?: FormState | undefined;
  categoryError?: { code: string; message: string } | undefined;
  notice?: string | undefined;
}

export function ManageConferencePage(props: ManageConferenceProps) {
  const { conference, rooms } = props;
  const { event } = conference;
  const base = `/gestion/rencontres/${conference.id}`;
  const roomName = new Map(rooms.map((r) => [r.id, r.name]));
  const roomValues = props.roomForm?.values ?? {};
  const roomErrors = props.roomForm?.errors ?? {};
  return (
    <Layout ctx={props.ctx} title={`${event.title} — gestion`} notice={props.notice}>
      <p>
        <a href="/gestion/rencontres">Toutes les éditions</a>
      </p>
      <h1>{event.title}</h1>
      <p>
        {capitalised(formatWhen(event.startsAt, event.endsAt))}
        {event.provisional ? ' (dates provisoires)' : ''}, {event.venue}.{' '}
        {event.registrationOpensAt
          ? `Inscriptions ouvertes à partir du ${formatDay(event.registrationOpensAt)}.`
          : ''}
      </p>
      <ul class="actions">
        <li>
          <a href={`/gestion/evenements/${event.id}`}>
            Dates, lieu, places, inscriptions et messages (l’événement)
          </a>
        </li>
        <li>
          <a href={`/rencontres/${conference.id}/programme`}>Programme public</a>
        </li>
        <li>
          <a href={`${base}/statistiques`}>Statistiques et exports</a>
        </li>
        <li>
          <a href={`${base}/accueil`}>Accueil : scanner les badges</a>
        </li>
        <li>
          <a href={`/api/v1/conferences/${conference.id}/badges.pdf`}>Badges (planches A4)</a>
        </li>
        <li>
          <a href={`/api/v1/conferences/${conference.id}/badges.pdf?format=single`}>Badges (un par page)</a>
        </li>
      </ul>

      <h2>Inscrire une personne</h2>
      <p>
        Toute catégorie, pour une personne qui a un compte : intervenant·es, presse, exposants, délégations
        étrangères. Elle reçoit le message de confirmation.
      </p>
      <ErrorSummary errors={props.registrationForm?.errors} />
      <form method="post" action={`${base}/inscriptions`}>
        <CsrfField ctx={props.ctx} />
        <Field
          name="email"
          label="Adresse électronique de la personne"
          type="email"
          required
          value={props.registrationForm?.values.email}
          error={props.registrationForm?.errors.email}
        />
        <Select
          name="category"
          id="registration-category"
          label="Catégorie"
          required
          value={props.registrationForm?.values.category}
          error={props.registrationForm?.errors.category}
          options={props.categories.map((c) => [c.code, categoryLabels[c.code]] as const)}
        />
        <button type="submit">Inscrire</button>
      </form>

      <h2>Catégories de participants</h2>
      {props.categoryError ? (
        <ErrorSummary errors={{ [`fee-${props.categoryError.code}`]: props.categoryError.message }} />
      ) : null}
      <table>
        <caption>Tarif, quota et inscriptions par catégorie</caption>
        <thead>
          <tr>
            <th scope="col">Catégorie</th>
            <th scope="col">Inscrits</th>
            <th scope="col">Tarif, quota, ouverture</th>
          </tr>
        </thead>
        <tbody>
          {props.categories.map((c) => (
            <tr key={c.code}>
              <th scope="row">
                {categoryLabels[c.code]}
                <br />
                <span class="muted">{c.feeCents === 0 ? 'Gratuit' : formatCents(c.feeCents)}</span>
              </th>
              <td>
                {props.registered.get(c.code) ?? 0}
                {c.quota !== null ? ` / ${c.quota}` : ''}
              </td>
              <td>
                <form method="post" action={`${base}/categories/${c.code}`} class="inline">
                  <CsrfField ctx={props.ctx} />
                  <Field
                    name="fee"
                    id={`fee-${c.code}`}
                    label={`Tarif en euros (${categoryLabels[c.code]})`}
                    value={(c.feeCents / 100).toFixed(2).replace('.', ',')}
                  />
                  <Field
                    name="quota"
                    id={`quota-${c.code}`}
                    label="Quota (vide : aucun)"
                    type="number"
                    value={c.quota === null ? '' : String(c.quota)}
                  />
                  <div class="choice">
                    <input
                      type="checkbox"
                      name="selfService"
                      id={`self-${c.code}`}
                      value="1"
                      checked={c.selfService}
                    />
                    <label for={`self-${c.code}`}>Au choix des participants</label>
                  </div>
                  <button type="submit">
                    Enregistrer<span class="visually-hidden"> : {categoryLabels[c.code]}</span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Salles</h2>
      {rooms.length ? (
        <ul>
          {rooms.map((r) => (
            <li key={r.id}>
              {r.name} — {r.capacity} places{r.accessible ? '' : ' — non accessible en fauteuil'}
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucune salle : ajoutez celles du lieu avant de placer les séances.</p>
      )}
      <ErrorSummary errors={roomErrors} />
      <form method="post" action={`${base}/salles`}>
        <CsrfField ctx={props.ctx} />
        <Field name="name" label="Nom de la salle" required value={roomValues.name} error={roomErrors.name} />
        <Field
          name="capacity"
          id="room-capacity"
          label="Places"
          type="number"
          required
          value={roomValues.capacity}
          error={roomErrors.capacity}
        />
        <div class="choice">
          <input
            type="checkbox"
            name="notAccessible"
            id="notAccessible"
            value="1"
            checked={roomValues.notAccessible === '1'}
          />
          <label for="notAccessible">Non accessible en fauteuil roulant</label>
        </div>
        <button type="submit">Ajouter la salle</button>
      </form>

      <h2>Grille</h2>
      <p>
        <a href={`${base}/seances/nouvelle`} class="button">
          Placer une séance
        </a>
      </p>
      {conferenceDays(conference).map((day) => {
        const ofDay = props.sessions.filter((s) => parisDate(s.startsAt) === day);
        return (
          <table key={day}>
            <caption>{dayLabel(day)}</caption>
            <thead>
              <tr>
                <th scope="col">Horaire</th>
                <th scope="col">Séance</th>
                <th scope="col">Salle</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {ofDay.length === 0 ? (
                <tr>
                  <td colSpan={4}>Aucune séance ce jour-là.</td>
                </tr>
              ) : (
                ofDay.map((s) => (
                  <tr key={s.id}>
                    <td>
                      {formatTime(s.startsAt)} – {formatTime(s.endsAt)}
                    </td>
                    <th scope="row">
                      {sessionKindLabels[s.kind]} : {s.title}
                      {s.invitationOnly ? ' (sur invitation)' : ''}
                    </th>
                    <td>{s.roomId ? roomName.get(s.roomId) : 'Toutes les salles'}</td>
                    <td>
                      <a href={`${base}/seances/${s.id}`}>
                        Modifier<span class="visually-hidden"> « {s.title} »</span>
                      </a>
                      <form method="post" action={`${base}/seances/${s.id}/annuler`} class="inline">
                        <CsrfField ctx={props.ctx} />
                        <button type="submit" class="button-secondary">
                          Annuler<span class="visually-hidden"> « {s.title} »</span>
                        </button>
                      </form>
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        );
      })}
      {conference.archivedAt ? null : (
        <form method="post" action={`${base}/archiver`}>
          <CsrfField ctx={props.ctx} />
          <button type="submit" class="button-secondary">
            Archiver l’édition (elle quitte les listes publiques)
          </button>
        </form>
      )}
    </Layout>
  );
}

export function SessionFormPage(props: {
  ctx: PageContext;
  conference: Conference;
  rooms: Room[];
  groups: { id: string; label: string }[];
  session?: SessionWithSpeakers | undefined;
  form: FormState;
}) {
  const { conference, session } = props;
  const base = `/gestion/rencontres/${conference.id}`;
  const values = props.form.values;
  const errors = props.form.errors;
  const title = session ? `Modifier « ${session.title} »` : 'Placer une séance';
  return (
    <Layout ctx={props.ctx} title={`${title} — ${conference.event.title}`}>
      <p>
        <a href={base}>{conference.event.title}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={session ? `${base}/seances/${session.id}` : `${base}/seances`}>
        <CsrfField ctx={props.ctx} />
        <Field name="title" label="Titre" required value={values.title} error={errors.title} />
        <Select
          name="kind"
          label="Type"
          required
          value={values.kind}
          error={errors.kind}
          options={sessionKinds.map((k) => [k, sessionKindLabels[k]] as const)}
        />
        <Select
          name="roomId"
          label="Salle"
          value={values.roomId}
          error={errors.roomId}
          empty="Toutes les salles (pause, déjeuner, accueil)"
          options={props.rooms.map((r) => [r.id, `${r.name} (${r.capacity} places)`] as const)}
        />
        <Select
          name="day"
          label="Jour"
          required
          value={values.day}
          error={errors.startsAt}
          options={conferenceDays(conference).map((d) => [d, dayLabel(d)] as const)}
        />
        <Field
          name="from"
          label="Début (heure de Paris)"
          type="time"
          required
          value={values.from}
          error={errors.from}
        />
        <Field
          name="to"
          label="Fin (heure de Paris)"
          type="time"
          required
          value={values.to}
          error={errors.endsAt}
        />
        <Field
          name="capacity"
          label="Places"
          type="number"
          hint="Celles de la salle si vide."
          value={values.capacity}
          error={errors.capacity}
        />
        <TextArea name="note" label="Note de cadrage" value={values.note} error={errors.note} rows={5} />
        <Field name="chair" label="Modération" value={values.chair} error={errors.chair} />
        <TextArea
          name="speakers"
          label="Intervenant·es"
          hint="Une personne par ligne : « Nom, fonction »."
          value={values.speakers}
          error={errors.speakers}
          rows={4}
        />
        <Field name="partners" label="Partenaires" value={values.partners} error={errors.partners} />
        <Select
          name="groupId"
          label="Groupe (point pays, réunion en marge)"
          value={values.groupId}
          error={errors.groupId}
          empty="Aucun"
          options={props.groups.map((g) => [g.id, g.label] as const)}
        />
        <div class="choice">
          <input
            type="checkbox"
            name="invitationOnly"
            id="invitationOnly"
            value="1"
            checked={values.invitationOnly === '1'}
          />
          <label for="invitationOnly">Sur invitation (un comité de pilotage)</label>
        </div>
        <button type="submit">{session ? 'Enregistrer' : 'Placer la séance'}</button>
      </form>
    </Layout>
  );
}
