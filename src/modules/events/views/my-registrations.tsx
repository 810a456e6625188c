import { capitalised, formatWhen, parisYear } from '../../../platform/time.ts';
import { CsrfField, Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { type Event, eventFormatLabels, hasEnded } from '../events.ts';
import type { Registration } from '../register.ts';

export interface MyRegistration {
  registration: Registration;
  event: Event;
  attendedAt: Date | null;
  /** The QR code, as an SVG data URI, for confirmed registrations in person (see `showsQr`). */
  qr: string | undefined;
}

/** The QR code is for the door: only a confirmed place in person, at an event not over nor cancelled. */
export const showsQr = (item: Pick<MyRegistration, 'registration' | 'event' | 'attendedAt'>, at: Date) =>
  item.registration.status === 'confirmed' &&
  item.registration.mode !== 'online' &&
  item.event.format !== 'online' &&
  !item.attendedAt &&
  !item.event.cancelledAt &&
  !hasEnded(item.event, at);

function RegistrationCard({ item, ctx, now }: { item: MyRegistration; ctx: PageContext; now: Date }) {
  const { registration, event, attendedAt, qr } = item;
  return (
    <li class="card">
      <h3>
        <a href={`/agenda/${event.id}`}>{event.title}</a>
      </h3>
      <p>
        <time dateTime={event.startsAt.toISOString()}>
          {capitalised(formatWhen(event.startsAt, event.endsAt))}
        </time>{' '}
        — {eventFormatLabels[event.format]}
        {event.venue && registration.mode !== 'online' ? `, ${event.venue}` : ''}
        {event.format === 'hybrid' && registration.mode === 'online' ? ' (vous y participez à distance)' : ''}
      </p>
      <p>
        <strong>
          {event.cancelledAt
            ? 'Événement annulé'
            : attendedAt
              ? 'Présence enregistrée'
              : hasEnded(event, now)
                ? 'Terminé'
                : registration.status === 'confirmed'
                  ? 'Inscription confirmée'
                  : 'Sur liste d’attente'}
        </strong>
      </p>
      {qr && showsQr(item, now) ? (
        <figure>
          <img
            class="qr"
            src={qr}
            alt={`Code de présence pour « ${event.title} » : à présenter à l’accueil`}
          />
          <figcaption>À présenter à l’accueil pour l’émargement.</figcaption>
        </figure>
      ) : null}
      {event.startsAt > now && !event.cancelledAt ? (
        <form method="post" action={`/inscriptions/${registration.id}/annulation`}>
          <CsrfField ctx={ctx} />
          <button
            type="submit"
            class="button-secondary"
            aria-label={`Annuler mon inscription à « ${event.title} »`}
          >
            Annuler
          </button>
        </form>
      ) : null}
    </li>
  );
}

export function MyRegistrationsPage(props: {
  ctx: PageContext;
  items: MyRegistration[];
  feedUrl: string | undefined;
  hasFeed: boolean;
  notice?: string | undefined;
}) {
  const now = new Date();
  // To come (or under way), soonest first; the past folded by year, the latest year first.
  const upcoming = props.items
    .filter((i) => !hasEnded(i.event, now))
    .sort((a, b) => a.event.startsAt.getTime() - b.event.startsAt.getTime());
  const past = props.items
    .filter((i) => hasEnded(i.event, now))
    .sort((a, b) => b.event.startsAt.getTime() - a.event.startsAt.getTime());
  const years = [...new Set(past.map((i) => parisYear(i.event.startsAt)))];
  return (
    <Layout ctx={props.ctx} title="Mes inscriptions" notice={props.notice}>
      <h1>Mes inscriptions</h1>
      <section aria-labelledby="a-venir">
        <h2 id="a-venir">À venir</h2>
        {upcoming.length === 0 ? (
          <p>
            Aucune inscription à venir. <a href="/agenda">Voir l’agenda</a>
          </p>
        ) : (
          <ul class="cards">
            {upcoming.map((item) => (
              <RegistrationCard key={item.registration.id} item={item} ctx={props.ctx} now={now} />
            ))}
          </ul>
        )}
      </section>
      {years.length ? (
        <section aria-labelledby="passees">
          <h2 id="passees">Événements passés</h2>
          {years.map((year) => {
            const ofYear = past.filter((i) => parisYear(i.event.startsAt) === year);
            return (
              <details key={year} class="past-year">
                <summary>
                  {year} — {ofYear.length} événement{ofYear.length > 1 ? 's' : ''}
                </summary>
                <ul class="cards">
                  {ofYear.map((item) => (
                    <RegistrationCard key={item.registration.id} item={item} ctx={props.ctx} now={now} />
                  ))}
                </ul>
              </details>
            );
          })}
        </section>
      ) : null}
      <section aria-labelledby="calendrier">
        <h2 id="calendrier">Mes inscriptions dans mon agenda</h2>
        <p>
          Une adresse secrète à ajouter à votre application d’agenda (Outlook, Google Agenda, Calendrier) :
          vos inscriptions y apparaissent et s’y mettent à jour.
        </p>
        {props.feedUrl ? (
          <p>
            Votre adresse (à garder pour vous) : <code>{props.feedUrl}</code>
          </p>
        ) : props.hasFeed ? (
          <p>
            Votre adresse est active. Pour la revoir, créez-en une nouvelle : l’ancienne cessera de
            fonctionner.
          </p>
        ) : null}
        <div class="actions">
          <form method="post" action="/mes-inscriptions/calendrier">
            <CsrfField ctx={props.ctx} />
            <button type="submit">
              {props.hasFeed ? 'Créer une nouvelle adresse' : 'Créer mon adresse d’agenda'}
            </button>
          </form>
          {props.hasFeed ? (
            <form method="post" action="/mes-inscriptions/calendrier/suppression">
              <CsrfField ctx={props.ctx} />
              <button type="submit" class="button-secondary">
                Désactiver l’adresse
              </button>
            </form>
          ) : null}
        </div>
      </section>
    </Layout>
  );
}
