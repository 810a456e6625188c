// The pages of a person at the Rencontres: registering (themselves, or a colleague for a referent), and
// « Mon programme »: the workshops they choose, each with its seats, printable.
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
  Layout,
  type PageContext,
  Select,
  TextArea,
} from '../../../platform/views/layout.tsx';
import type { Person } from '../../organisations/people.ts';
import type { Choice } from '../choices.ts';
import type { CategoryCode } from '../conferences.schema.ts';
import {
  type Category,
  type Conference,
  categoryLabels,
  conferenceDays,
  type SessionWithSpeakers,
  sessionKindLabels,
} from '../conferences.ts';
import type { ConferenceRegistration } from '../registrations.ts';

const statusLabels = { confirmed: 'Inscription confirmée', waitlisted: 'Sur la liste d’attente' } as const;
const choiceLabels = { confirmed: 'Place confirmée', waitlisted: 'Sur la liste d’attente' } as const;

const programmeHref = (conference: Conference) => `/rencontres/${conference.id}/programme`;
export const myProgrammeHref = (conference: Conference, personId?: string) =>
  `/rencontres/${conference.id}/mon-programme${personId ? `?personne=${personId}` : ''}`;

function EditionLine({ conference }: { conference: Conference }) {
  const { event } = conference;
  return (
    <p>
      {capitalised(formatWhen(event.startsAt, event.endsAt))}
      {event.venue ? `, ${event.venue}` : ''}.{' '}
      {event.provisional ? <strong>Dates provisoires.</strong> : null}{' '}
      <a href={programmeHref(conference)}>Voir le programme</a>
    </p>
  );
}

export interface RegistrationFormProps {
  ctx: PageContext;
  conference: Conference;
  categories: Category[];
  /** Whom the actor may register: themselves first, then their colleagues for a referent. */
  people: Pick<Person, 'id' | 'firstName' | 'lastName'>[];
  values?: Record<string, string | undefined>;
  error?: string | undefined;
  fields?: Record<string, string> | undefined;
}

export function RegistrationPage(props: RegistrationFormProps) {
  const { conference, values = {} } = props;
  const days = conferenceDays(conference);
  const title = `S’inscrire : ${conference.event.title}`;
  return (
    <Layout ctx={props.ctx} title={title}>
      <h1>{title}</h1>
      <EditionLine conference={conference} />
      <ErrorSummary errors={props.fields ?? (props.error ? { _: props.error } : undefined)} />
      <form method="post" action={`/rencontres/${conference.id}/inscription`}>
        <CsrfField ctx={props.ctx} />
        {props.people.length > 1 ? (
          <Select
            name="personId"
            label="Qui inscrivez-vous ?"
            value={values.personId}
            options={props.people.map(
              (p, i) =>
                [
                  p.id,
                  i === 0 ? `Moi-même (${p.firstName} ${p.lastName})` : `${p.firstName} ${p.lastName}`,
                ] as const,
            )}
          />
        ) : (
          <input type="hidden" name="personId" value={props.people[0]?.id} />
        )}
        <fieldset>
          <legend>Catégorie</legend>
          <p class="hint">
            L’entrée est gratuite pour les collectivités adhérentes. Les catégories presse, intervenant·e et
            exposant sont attribuées par l’équipe.
          </p>
          {props.categories
            .filter((c) => c.selfService)
            .map((c) => (
              <div class="choice" key={c.code}>
                <input
                  type="radio"
                  name="category"
                  id={`category-${c.code}`}
                  value={c.code}
                  checked={values.category === c.code}
                  required
                />
                <label for={`category-${c.code}`}>
                  {categoryLabels[c.code]} — {c.feeCents === 0 ? 'gratuit' : formatCents(c.feeCents)}
                </label>
              </div>
            ))}
        </fieldset>
        {days.length > 1 ? (
          <fieldset>
            <legend>Jours de présence</legend>
            <p class="hint">Ne cochez rien si vous venez tous les jours.</p>
            {days.map((day) => (
              <div class="choice" key={day}>
                <input
                  type="checkbox"
                  name="days"
                  id={`day-${day}`}
                  value={day}
                  checked={(values.days ?? '').includes(day)}
                />
                <label for={`day-${day}`}>{capitalised(formatDay(parisTime(day, '12:00')))}</label>
              </div>
            ))}
          </fieldset>
        ) : null}
        <div class="choice">
          <input type="checkbox" name="lunch" id="lunch" value="1" checked={values.lunch === '1'} />
          <label for="lunch">Je déjeune sur place (cocktail déjeunatoire)</label>
        </div>
        <TextArea
          name="accessibilityNeeds"
          label="Besoins pour vous accueillir (facultatif)"
          hint="Accès de plain-pied, interprétation en langue des signes, place réservée… Seule l’équipe du réseau lit cette réponse."
          value={values.accessibilityNeeds}
          rows={3}
        />
        <button type="submit">M’inscrire</button>
      </form>
    </Layout>
  );
}

export interface MyProgrammeProps {
  ctx: PageContext;
  conference: Conference;
  person: Pick<Person, 'id' | 'firstName' | 'lastName'>;
  /** Null: not registered (yet). */
  registration: {
    conference: ConferenceRegistration;
    status: 'confirmed' | 'waitlisted' | 'cancelled';
  } | null;
  sessions: SessionWithSpeakers[];
  choices: Choice[];
  fill: Map<string, { seats: number | null; confirmed: number; waitlisted: number }>;
  /** The sessions a person chooses, by kind. */
  choosable: readonly string[];
  forOther: boolean;
  ended: boolean;
  notice?: string | undefined;
  error?: string | undefined;
}

/** « 12 places restantes », « Complet : liste d’attente », « Places illimitées ». */
function seatsLeft(fill: MyProgrammeProps['fill'] extends Map<string, infer F> ? F | undefined : never) {
  if (!fill || fill.seats === null) return 'Places illimitées';
  const left = fill.seats - fill.confirmed;
  if (left <= 0)
    return fill.waitlisted === 0
      ? 'Complet : la liste d’attente est ouverte'
      : `Complet : ${fill.waitlisted} en liste d’attente`;
  return left === 1 ? '1 place restante' : `${left} places restantes`;
}

export function MyProgrammePage(props: MyProgrammeProps) {
  const { conference, registration, person } = props;
  const title = props.forOther ? `Programme de ${person.firstName} ${person.lastName}` : 'Mon programme';
  const chosen = new Map(props.choices.map((c) => [c.sessionId, c]));
  const query = props.forOther ? `?personne=${person.id}` : '';
  const days = conferenceDays(conference).filter(
    (day) => !registration?.conference.days.length || registration.conference.days.includes(day),
  );
  return (
    <Layout ctx={props.ctx} title={`${title} — ${conference.event.title}`} notice={props.notice}>
      <h1>
        {title} <span class="subtitle">{conference.event.title}</span>
      </h1>
      <EditionLine conference={conference} />
      <ErrorSummary errors={props.error ? { _: props.error } : undefined} />
      {!registration ? (
        <p>
          {props.forOther ? 'Cette personne n’est pas inscrite.' : 'Vous n’êtes pas inscrit·e.'}{' '}
          <a href={`/rencontres/${conference.id}/inscription`}>S’inscrire aux Rencontres</a>
        </p>
      ) : (
        <>
          <dl class="facts">
            <dt>Inscription</dt>
            <dd>{registration.status === 'cancelled' ? 'Annulée' : statusLabels[registration.status]}</dd>
            <dt>Catégorie</dt>
            <dd>{categoryLabels[registration.conference.category as CategoryCode]}</dd>
            <dt>Montant dû</dt>
            <dd>
              {registration.conference.amountDueCents === 0
                ? 'Gratuit'
                : formatCents(registration.conference.amountDueCents)}
            </dd>
            <dt>Déjeuner</dt>
            <dd>{registration.conference.lunch ? 'Oui' : 'Non'}</dd>
          </dl>
          <p class="no-print">
            <a href={`/rencontres/${conference.id}/mon-programme.ics${query}`}>
              Ajouter mon programme à mon agenda (iCal)
            </a>
          </p>
          {registration.status === 'waitlisted' ? (
            <p>Vous choisirez vos ateliers quand votre inscription sera confirmée : nous vous écrirons.</p>
          ) : null}
          {days.map((day) => {
            const ofDay = props.sessions.filter((s) => parisDate(s.startsAt) === day);
            if (ofDay.length === 0) return null;
            return (
              <section key={day} aria-labelledby={`jour-${day}`}>
                <h2 id={`jour-${day}`}>{capitalised(formatDay(parisTime(day, '12:00')))}</h2>
                <ul class="programme-list">
                  {ofDay.map((s) => {
                    const choice = chosen.get(s.id);
                    const choosable = props.choosable.includes(s.kind);
                    if (choosable && !choice && (props.ended || registration.status !== 'confirmed'))
                      return null;
                    return (
                      <li key={s.id} class={choice ? 'chosen' : undefined}>
                        <p>
                          <strong>
                            {formatTime(s.startsAt)} – {formatTime(s.endsAt)}
                          </strong>{' '}
                          · {sessionKindLabels[s.kind]} ·{' '}
                          <a href={`/rencontres/${conference.id}/seances/${s.id}`}>{s.title}</a>
                        </p>
                        {choosable ? (
                          <div class="row-actions">
                            {choice ? (
                              <strong>{choiceLabels[choice.status as 'confirmed' | 'waitlisted']}</strong>
                            ) : (
                              seatsLeft(props.fill.get(s.id))
                            )}
                            {props.ended || registration.status !== 'confirmed' ? null : (
                              <form
                                method="post"
                                class="inline no-print"
                                action={`/rencontres/${conference.id}/mon-programme/${choice ? 'retirer' : 'choisir'}${query}`}
                              >
                                <CsrfField ctx={props.ctx} />
                                <input type="hidden" name="sessionId" value={s.id} />
                                <button type="submit" class={choice ? 'button-secondary' : undefined}>
                                  {choice ? 'Retirer' : 'Choisir'}
                                  <span class="visually-hidden"> « {s.title} »</span>
                                </button>
                              </form>
                            )}
                          </div>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              </section>
            );
          })}
        </>
      )}
    </Layout>
  );
}
