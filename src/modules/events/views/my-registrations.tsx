import { formatDateTime } from '../../../platform/time.ts';
import { CsrfField, Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { type Event, eventFormatLabels } from '../events.ts';
import type { Registration } from '../register.ts';

export interface MyRegistration {
  registration: Registration;
  event: Event;
  attendedAt: Date | null;
  /** The QR code, as an SVG data URI, for confirmed registrations. */
  qr: string | undefined;
}

export function MyRegistrationsPage(props: {
  ctx: PageContext;
  items: MyRegistration[];
  feedUrl: string | undefined;
  hasFeed: boolean;
  notice?: string | undefined;
}) {
  const now = new Date();
  return (
    <Layout ctx={props.ctx} title="Mes inscriptions" notice={props.notice}>
      <h1>Mes inscriptions</h1>
      {props.items.length === 0 ? (
        <p>
          Aucune inscription. <a href="/agenda">Voir l’agenda</a>
        </p>
      ) : (
        <ul class="cards">
          {props.items.map(({ registration, event, attendedAt, qr }) => (
            <li key={registration.id} class="card">
              <h2>
                <a href={`/agenda/${event.id}`}>{event.title}</a>
              </h2>
              <p>
                {formatDateTime(event.startsAt)} — {eventFormatLabels[event.format]}
                {event.venue ? `, ${event.venue}` : ''}
              </p>
              <p>
                <strong>
                  {event.cancelledAt
                    ? 'Événement annulé'
                    : attendedAt
                      ? 'Présence enregistrée'
                      : registration.status === 'confirmed'
                        ? 'Inscription confirmée'
                        : 'Sur liste d’attente'}
                </strong>
              </p>
              {qr && !attendedAt && !event.cancelledAt && event.endsAt > now ? (
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
                  <CsrfField ctx={props.ctx} />
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
          ))}
        </ul>
      )}
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
