// What the agenda's staff pages share: the words of statuses, sources and modes (the exports use them too),
// a link back to the event, a box for a refusal that belongs to no field.
import { timeZone } from '../../../platform/time.ts';
import type { Attendance } from '../check-in.ts';
import type { Event } from '../events.ts';
import type { Registration } from '../register.ts';

export type Errors = Record<string, string> | undefined;
export type Values = Record<string, string | undefined>;

/** What a refused form brings back to its page: why, field by field, and what was typed. */
export interface FormState {
  errors?: Errors;
  values?: Values;
}

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

export const timeOnly = new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit' });

export const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

export function BackLink({ event }: { event: Event }) {
  return (
    <p>
      <a href={`/gestion/evenements/${event.id}`}>← {event.title}</a>
    </p>
  );
}

export function ErrorBox({ title, message }: { title: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <div class="error-summary" role="alert">
      <h2>{title}</h2>
      <p>{message}</p>
    </div>
  );
}

/** A choice among a few options, as radio buttons in a fieldset (its id is the field's, for the error summary). */
export function Choices(props: {
  name: string;
  legend: string;
  options: readonly (readonly [value: string, label: string])[];
  value: string | undefined;
  error: string | undefined;
}) {
  const { name, error } = props;
  return (
    <fieldset
      id={name}
      class={error ? 'field field-error' : 'field'}
      aria-describedby={error ? `${name}-error` : undefined}
    >
      <legend>
        {props.legend}
        <span class="required"> (obligatoire)</span>
      </legend>
      {error ? (
        <p class="error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
      {props.options.map(([value, label]) => (
        <div key={value} class="choice">
          <input
            type="radio"
            id={`${name}-${value}`}
            name={name}
            value={value}
            checked={props.value === value}
          />{' '}
          <label for={`${name}-${value}`}>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** A person as the staff's lists show them: the invitees, the people an invitation or a message reaches. */
export interface PersonRow {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  organisationName: string | null;
}

/** People in a table (name, organisation, address), with one more column where a page needs it. */
export function PeopleTable<P extends PersonRow>(props: {
  people: P[];
  caption: string;
  extra?: { label: string; cell: (person: P) => string };
}) {
  const { extra } = props;
  return (
    <div class="table-scroll">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Organisation</th>
            <th scope="col">Adresse électronique</th>
            {extra ? <th scope="col">{extra.label}</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.people.map((p) => (
            <tr key={p.id}>
              <td class="name">{`${p.firstName} ${p.lastName}`}</td>
              <td>{p.organisationName ?? '—'}</td>
              <td>{p.email}</td>
              {extra ? <td>{extra.cell(p)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
