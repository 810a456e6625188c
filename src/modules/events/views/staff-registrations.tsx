// The registrations part of an event's staff page: the list with attendance and its exports, registering
// someone by their address, and the invitations.
import {
  CsrfField,
  ErrorSummary,
  Field,
  type PageContext,
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

export interface Invitee {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  organisationName: string | null;
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
