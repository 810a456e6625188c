// The registrations part of an event's staff page: the list with attendance and its exports, registering
// someone by their address, and the invitations.
import {
  CsrfField,
  ErrorSummary,
  Field,
  type PageContext,
  Select,
  TextArea,
} from '../../../platform/views/layout.tsx';
import type { Attendance } from '../check-in.ts';
import { invitationSegments } from '../event-notices.ts';
import type { Event } from '../events.ts';
import { invitationSegmentLabels } from '../invitations.ts';
import type { Registration } from '../register.ts';
import {
  attendanceSourceLabels,
  Choices,
  ErrorBox,
  type FormState,
  modeLabels,
  PeopleTable,
  type PersonRow,
  plural,
  registrationStatusLabels,
} from './parts.tsx';

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

/** A person invited to an event, as its staff page lists them. */
export type Invitee = PersonRow;

/** What staff may do for one registration: cancel it, confirm it from the waiting list, change its mode. */
function RowActions({ ctx, event, row }: { ctx: PageContext; event: Event; row: RegistrationRow }) {
  const { registration } = row;
  if (registration.status === 'cancelled' || event.cancelledAt) return <>—</>;
  const base = `/gestion/evenements/${event.id}/inscriptions/${registration.id}`;
  const name = `${row.person.firstName} ${row.person.lastName}`;
  const other = registration.mode === 'online' ? 'in_person' : 'online';
  // Once the event has started a registration can no longer be cancelled; once over, nobody is promoted.
  const now = new Date();
  const started = event.startsAt <= now;
  const promotable = registration.status === 'waitlisted' && event.endsAt > now;
  if (started && !promotable && event.format !== 'hybrid') return <>—</>;
  return (
    <ul class="row-actions">
      {promotable ? (
        <li>
          <a href={`${base}/confirmation`}>
            Confirmer<span class="visually-hidden"> l’inscription de {name}</span>
          </a>
        </li>
      ) : null}
      {event.format === 'hybrid' ? (
        <li>
          <form method="post" action={`${base}/participation`}>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="mode" value={other} />
            <button type="submit" class="link-button">
              {other === 'online' ? 'Passer en visioconférence' : 'Passer sur place'}
              <span class="visually-hidden"> ({name})</span>
            </button>
          </form>
        </li>
      ) : null}
      {started ? null : (
        <li>
          <a href={`${base}/annulation`}>
            Annuler<span class="visually-hidden"> l’inscription de {name}</span>
          </a>
        </li>
      )}
    </ul>
  );
}

function RegistrationsTable({
  ctx,
  event,
  rows,
}: {
  ctx: PageContext;
  event: Event;
  rows: RegistrationRow[];
}) {
  if (rows.length === 0) return <p>Personne n’est encore inscrit.</p>;
  return (
    <div class="table-scroll">
      <table class="table-cards">
        <caption>Inscriptions : confirmées, puis liste d’attente, puis annulées</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Organisation</th>
            <th scope="col">Statut</th>
            <th scope="col">Participation</th>
            <th scope="col">Présence</th>
            <th scope="col">Actions</th>
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
              <td data-label="Organisation">{r.organisationName ?? '—'}</td>
              <td data-label="Statut">{registrationStatusLabels[r.registration.status]}</td>
              <td data-label="Participation">
                {r.registration.mode ? modeLabels[r.registration.mode] : '—'}
              </td>
              <td data-label="Présence">{r.attendance ? attendanceText(r.attendance) : '—'}</td>
              <td>
                <RowActions ctx={ctx} event={event} row={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ModeChoice({ prefix, value }: { prefix: string; value: string | undefined }) {
  return (
    <fieldset>
      <legend>Participation</legend>
      <div>
        <input
          type="radio"
          id={`${prefix}-in-person`}
          name="mode"
          value="in_person"
          checked={value !== 'online'}
        />{' '}
        <label for={`${prefix}-in-person`}>Sur place</label>
      </div>
      <div>
        <input type="radio" id={`${prefix}-online`} name="mode" value="online" checked={value === 'online'} />{' '}
        <label for={`${prefix}-online`}>En visioconférence</label>
      </div>
    </fieldset>
  );
}

/** The new person's fields have ids of their own: the page has another address field. */
const newPersonTargets = {
  firstName: 'new-firstName',
  lastName: 'new-lastName',
  email: 'new-email',
  organisation: 'new-organisation',
};

/** Registering someone who has no account: the person is made, registered and told how to sign in. */
export function NewPersonSection(p: {
  ctx: PageContext;
  event: Event;
  form: FormState | undefined;
  welcome: string[];
}) {
  const v = p.form?.values ?? {};
  const e = p.form?.errors;
  return (
    <>
      <h2 id="sans-compte">Inscrire une personne sans compte</h2>
      <p>
        Son compte est ouvert avec cette adresse (si l’adresse est déjà celle d’un compte, c’est cette
        personne qui est inscrite). Elle reçoit deux courriels : la confirmation de l’inscription (ou la liste
        d’attente, si l’événement est complet), et celui-ci, qui explique comment se connecter :
      </p>
      <div class="mail-preview">
        <p>
          <strong>Objet :</strong> Votre compte et votre inscription : {p.event.title}
        </p>
        {p.welcome.map((text) => (
          <p key={text}>{text}</p>
        ))}
      </div>
      <form method="post" action={`/gestion/evenements/${p.event.id}/inscriptions/sans-compte`} novalidate>
        <CsrfField ctx={p.ctx} />
        <ErrorSummary errors={e} targets={newPersonTargets} />
        <Field
          name="firstName"
          id="new-firstName"
          label="Prénom"
          required
          value={v.firstName}
          error={e?.firstName}
          autocomplete="off"
        />
        <Field
          name="lastName"
          id="new-lastName"
          label="Nom"
          required
          value={v.lastName}
          error={e?.lastName}
          autocomplete="off"
        />
        <Field
          name="email"
          id="new-email"
          label="Adresse électronique"
          type="email"
          required
          value={v.email}
          error={e?.email}
          autocomplete="off"
        />
        <Select
          name="personKind"
          label="Qualité"
          required
          options={[
            ['officer', 'Technicien ou technicienne'],
            ['elected', 'Élu ou élue'],
            ['partner', 'Partenaire'],
          ]}
          value={v.personKind ?? 'officer'}
          error={e?.personKind}
        />
        <Field
          name="organisation"
          id="new-organisation"
          label="Organisation (facultatif)"
          hint="Son nom tel qu’il figure dans la liste des organisations, ou son SIREN."
          value={v.organisation}
          error={e?.organisation}
          autocomplete="off"
        />
        {p.event.format === 'hybrid' ? <ModeChoice prefix="new-mode" value={v.mode} /> : null}
        <button type="submit">Ajouter et inscrire</button>
      </form>
    </>
  );
}

/** The registrations, their exports, and the form to register someone by their address. */
export function RegistrationsSection(p: {
  ctx: PageContext;
  event: Event;
  registrations: RegistrationRow[];
  form: FormState | undefined;
}) {
  const { event } = p;
  const rv = p.form?.values ?? {};
  const re = p.form?.errors;
  const base = `/gestion/evenements/${event.id}`;
  return (
    <>
      <h2 id="inscriptions">Inscriptions</h2>
      <p>
        Exporter les inscriptions et les présences : <a href={`${base}/inscriptions.csv`}>CSV</a>,{' '}
        <a href={`${base}/inscriptions.xlsx`}>Excel</a>
      </p>
      <RegistrationsTable ctx={p.ctx} event={event} rows={p.registrations} />

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
        {event.format === 'hybrid' ? <ModeChoice prefix="mode" value={rv.mode} /> : null}
        <button type="submit">Inscrire</button>
      </form>
    </>
  );
}

/**
 * Who is invited to an event, and the form to invite more: a segment of the members' people or a list of
 * addresses, previewed before anything is sent.
 */
export function InvitationsSection(p: {
  ctx: PageContext;
  event: Event;
  invitees: Invitee[];
  form: FormState | undefined;
}) {
  const iv = p.form?.values ?? {};
  const ie = p.form?.errors;
  const base = `/gestion/evenements/${p.event.id}`;
  const closed = p.event.cancelledAt !== null || p.event.startsAt <= new Date();
  return (
    <>
      <h2 id="invitations">Invitations</h2>
      {p.event.audience === 'restricted' ? (
        <p>
          Cet événement est sur invitation : seules les personnes invitées peuvent le voir et s’y inscrire.
        </p>
      ) : (
        <p>
          Inviter des personnes leur envoie un courriel avec le lien pour s’inscrire ; l’événement reste
          ouvert à son public.
        </p>
      )}
      {p.invitees.length ? (
        <PeopleTable
          people={p.invitees}
          caption={plural(p.invitees.length, 'personne invitée', 'personnes invitées')}
        />
      ) : (
        <p>Personne n’est encore invité.</p>
      )}
      {closed ? (
        <>
          <ErrorBox title="Personne n’a été invité" message={ie ? Object.values(ie).join(' ') : undefined} />
          <p>Cet événement est annulé ou a commencé : il n’est plus possible d’y inviter.</p>
        </>
      ) : (
        <form method="post" action={`${base}/invitations/apercu`} novalidate>
          <CsrfField ctx={p.ctx} />
          <ErrorSummary errors={ie} />
          <Choices
            name="segment"
            legend="Qui inviter"
            options={invitationSegments.map((s) => [s, invitationSegmentLabels[s]] as const)}
            value={iv.segment ?? 'emails'}
            error={ie?.segment}
          />
          <TextArea
            name="emails"
            label="Adresses électroniques des personnes à inviter (pour une liste d’adresses)"
            hint="Une adresse par ligne. Chaque personne doit déjà avoir un compte."
            value={iv.emails}
            error={ie?.emails}
            rows={6}
          />
          <button type="submit">Voir qui recevra l’invitation</button>
        </form>
      )}
    </>
  );
}
