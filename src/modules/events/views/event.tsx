import { formatMoment, formatWhen } from '../../../platform/time.ts';
import { JsonLd } from '../../../platform/views/json-ld.tsx';
import { CsrfField, Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { Person } from '../../organisations/people.ts';
import { audienceLabel } from '../audiences.ts';
import type { EventLabel } from '../event-links.ts';
import { type Event, eventFormatLabels, eventKindLabels, hasEnded, sessionLabel } from '../events.ts';
import type { Registration } from '../register.ts';
import { LinkedTo, seatsLeft } from './agenda.tsx';

export interface EventPageProps {
  ctx: PageContext;
  event: Event;
  seriesTitle: string | null;
  /** What the series calls a session's guest (« Grand témoin »); « Invité·e » otherwise. */
  guestLabel: string | null;
  /** What other modules link the event to (the groups it is a meeting of). */
  labels: EventLabel[];
  organisers: { id: string; name: string }[];
  partners: { id: string; name: string }[];
  confirmed: number;
  baseUrl: string;
  /** The network, organiser of the events that name no organiser (structured data). */
  network: { name: string; url: string };
  /** What the signed-in person can do: register, or why not. */
  registration: Registration | undefined;
  canRegister: { ok: true } | { ok: false; message: string } | null;
  colleagues: (Person & { registered: boolean })[] | undefined;
  showOnlineUrl: boolean;
  documents: { id: string; kind: string; title: string; fileName: string; size: number }[] | undefined;
  staff: boolean;
  notice?: string | undefined;
  error?: string | undefined;
}

const statusLabels: Record<Registration['status'], string> = {
  confirmed: 'Votre inscription est confirmée.',
  waitlisted: 'Vous êtes sur la liste d’attente : nous vous écrirons si une place se libère.',
  cancelled: 'Inscription annulée.',
};

const schema = (name: string) => `https://schema.org/${name}`;

/**
 * schema.org `Event` for search engines. The venue is free text (« Sénat, Paris »): it goes whole into the
 * place's name and its postal address rather than being split by guesswork. The video link is never
 * published: an online event's `VirtualLocation` is its page.
 */
function eventJsonLd(event: Event, p: Omit<EventPageProps, 'ctx'>, at: Date = new Date()) {
  const url = `${p.baseUrl}/agenda/${event.id}`;
  const cancelled = event.cancelledAt !== null;
  const location: object[] = [];
  if (event.format !== 'online' && event.venue) {
    location.push({
      '@type': 'Place',
      name: event.venue,
      address: { '@type': 'PostalAddress', streetAddress: event.venue },
    });
  }
  if (event.format !== 'in_person') location.push({ '@type': 'VirtualLocation', url });
  const left = seatsLeft(event, p.confirmed);
  // A free event anyone may attend: an offer at no cost, while one may still register.
  const offers =
    event.audience === 'public' && !cancelled && at < event.startsAt
      ? {
          '@type': 'Offer',
          price: 0,
          priceCurrency: 'EUR',
          url,
          availability: schema(left === 0 ? 'SoldOut' : 'InStock'),
          validFrom: (event.registrationOpensAt ?? event.createdAt).toISOString(),
        }
      : undefined;
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.title,
    ...(event.description ? { description: event.description } : {}),
    startDate: event.startsAt.toISOString(),
    endDate: event.endsAt.toISOString(),
    eventStatus: schema(
      cancelled ? 'EventCancelled' : event.previousStartsAt ? 'EventRescheduled' : 'EventScheduled',
    ),
    ...(event.previousStartsAt ? { previousStartDate: event.previousStartsAt.toISOString() } : {}),
    eventAttendanceMode: schema(
      {
        in_person: 'OfflineEventAttendanceMode',
        online: 'OnlineEventAttendanceMode',
        hybrid: 'MixedEventAttendanceMode',
      }[event.format],
    ),
    ...(location.length ? { location: location.length === 1 ? location[0] : location } : {}),
    url,
    inLanguage: 'fr',
    organizer: p.organisers.length
      ? p.organisers.map((o) => ({ '@type': 'Organization', name: o.name }))
      : { '@type': 'Organization', name: p.network.name, url: p.network.url },
    ...(p.partners.length
      ? { sponsor: p.partners.map((o) => ({ '@type': 'Organization', name: o.name })) }
      : {}),
    ...(event.audience === 'public' ? { isAccessibleForFree: true } : {}),
    ...(offers ? { offers } : {}),
    ...(event.capacity !== null
      ? { maximumAttendeeCapacity: event.capacity, remainingAttendeeCapacity: left }
      : {}),
  };
}

function RegistrationBox(p: EventPageProps) {
  const { event } = p;
  if (event.cancelledAt) {
    return (
      <section class="registration-box" aria-labelledby="inscription">
        <h2 id="inscription">Inscription</h2>
        <p>
          Cet événement est annulé : il n’est plus possible de s’y inscrire.
          {p.registration ? ' Votre inscription est sans objet ; vous n’avez rien à faire.' : ''}
        </p>
      </section>
    );
  }
  if (hasEnded(event)) {
    return (
      <section class="registration-box" aria-labelledby="inscription">
        <h2 id="inscription">Inscription</h2>
        <p>
          Cet événement est terminé.
          {p.registration?.status === 'confirmed' ? ' Vous y étiez inscrit·e.' : ''}
        </p>
      </section>
    );
  }
  if (!p.ctx.viewer) {
    return (
      <section class="registration-box" aria-labelledby="inscription">
        <h2 id="inscription">Inscription</h2>
        <p>
          <a href="/connexion">Connectez-vous</a> pour vous inscrire.
        </p>
      </section>
    );
  }
  return (
    <section class="registration-box" aria-labelledby="inscription">
      <h2 id="inscription">Inscription</h2>
      {p.error ? (
        <p class="error-summary" role="alert">
          {p.error}
        </p>
      ) : null}
      {p.registration ? (
        <>
          <p>
            <strong>{statusLabels[p.registration.status]}</strong>
            {p.registration.mode && event.format === 'hybrid'
              ? ` Vous participerez ${p.registration.mode === 'online' ? 'en visioconférence' : 'sur place'}.`
              : ''}
          </p>
          {p.showOnlineUrl && event.onlineUrl ? (
            <p>
              Lien de la visioconférence : <a href={event.onlineUrl}>{event.onlineUrl}</a>
            </p>
          ) : null}
          <div class="actions">
            <a href="/mes-inscriptions">Mes inscriptions et mon code de présence</a>
            {event.startsAt > new Date() ? (
              <form method="post" action={`/inscriptions/${p.registration.id}/annulation`}>
                <CsrfField ctx={p.ctx} />
                <button type="submit" class="button-secondary">
                  Annuler mon inscription
                </button>
              </form>
            ) : null}
          </div>
        </>
      ) : p.canRegister?.ok ? (
        <form method="post" action={`/agenda/${event.id}/inscription`}>
          <CsrfField ctx={p.ctx} />
          {event.format === 'hybrid' ? (
            <fieldset>
              <legend>Comment participerez-vous ?</legend>
              <div>
                <input type="radio" id="mode-in-person" name="mode" value="in_person" checked />{' '}
                <label for="mode-in-person">Sur place{event.venue ? ` (${event.venue})` : ''}</label>
              </div>
              <div>
                <input type="radio" id="mode-online" name="mode" value="online" />{' '}
                <label for="mode-online">En visioconférence</label>
              </div>
            </fieldset>
          ) : null}
          <button type="submit">
            {seatsLeft(event, p.confirmed) === 0 ? 'M’inscrire sur la liste d’attente' : 'M’inscrire'}
          </button>
        </form>
      ) : (
        <p role="status">{p.canRegister?.message}</p>
      )}
      {p.showOnlineUrl && !p.registration && event.onlineUrl ? (
        <p>
          Lien de la visioconférence : <a href={event.onlineUrl}>{event.onlineUrl}</a>
        </p>
      ) : null}
      {p.colleagues?.length ? (
        <form method="post" action={`/agenda/${event.id}/inscription`}>
          <CsrfField ctx={p.ctx} />
          <fieldset>
            <legend>Inscrire des collègues de ma collectivité</legend>
            {p.colleagues.map((c) => (
              <div key={c.id}>
                <input
                  type="checkbox"
                  id={`colleague-${c.id}`}
                  name="personIds"
                  value={c.id}
                  disabled={c.registered}
                />{' '}
                <label for={`colleague-${c.id}`}>
                  {`${c.firstName} ${c.lastName}`}
                  {c.registered ? ' (déjà inscrit·e)' : ''}
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit">Inscrire les personnes cochées</button>
        </form>
      ) : null}
    </section>
  );
}

export function EventPage(p: EventPageProps) {
  const { event } = p;
  const ended = hasEnded(event);
  // An event over has no seats left to tell.
  const left = ended ? null : seatsLeft(event, p.confirmed);
  const session = sessionLabel(event);
  const documents = p.documents?.length ? (
    <section aria-labelledby="documents">
      <h2 id="documents">Compte rendu et documents</h2>
      <ul>
        {p.documents.map((d) => (
          <li key={d.id}>
            <a href={`/agenda/${event.id}/documents/${d.id}`}>
              {d.kind === 'minutes' ? `Compte rendu : ${d.title}` : d.title}
            </a>{' '}
            <span class="muted">
              ({d.fileName.split('.').pop()?.toUpperCase()}, {Math.max(1, Math.round(d.size / 1024))} Ko)
            </span>
          </li>
        ))}
      </ul>
    </section>
  ) : null;
  return (
    <Layout ctx={p.ctx} title={event.title} notice={p.notice}>
      <JsonLd data={eventJsonLd(event, p)} />
      <p>
        <a href="/agenda">← Agenda</a>
      </p>
      <h1>
        {event.title}
        {event.cancelledAt ? (
          <>
            {' '}
            <span class="badge badge-warn">Annulé</span>
          </>
        ) : ended ? (
          <>
            {' '}
            <span class="badge">Terminé</span>
          </>
        ) : null}
      </h1>
      {event.cancelledAt ? (
        <p class="error-summary" role="status">
          <strong>Cet événement est annulé.</strong>
          {event.cancellationReason ? ` Motif : ${event.cancellationReason}` : ''}
        </p>
      ) : null}
      {p.seriesTitle && event.seriesId ? (
        <p class="series-line">
          <a href={`/agenda/series/${event.seriesId}`}>{p.seriesTitle}</a>
          {session ? ` · ${session}` : ''}
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
          {event.previousStartsAt && !event.cancelledAt
            ? ` — date modifiée (d’abord annoncé le ${formatMoment(event.previousStartsAt)})`
            : ''}
        </dd>
        <dt>Type</dt>
        <dd>{eventKindLabels[event.kind]}</dd>
        {event.theme ? (
          <>
            <dt>Thème</dt>
            <dd>{event.theme}</dd>
          </>
        ) : null}
        <dt>Format</dt>
        <dd>{eventFormatLabels[event.format]}</dd>
        {event.venue ? (
          <>
            <dt>Lieu</dt>
            <dd>{event.venue}</dd>
          </>
        ) : null}
        <dt>Public</dt>
        <dd>{audienceLabel(event.audience)}</dd>
        {left !== null ? (
          <>
            <dt>Places</dt>
            <dd>
              {left === 0
                ? 'Complet — inscription sur liste d’attente'
                : `${left} place${left > 1 ? 's' : ''} restante${left > 1 ? 's' : ''} sur ${event.capacity}`}
            </dd>
          </>
        ) : null}
        {event.guest ? (
          <>
            <dt>{p.guestLabel ?? 'Invité·e'}</dt>
            <dd>{event.guest}</dd>
          </>
        ) : null}
        {!ended && (event.registrationOpensAt || event.registrationClosesAt) ? (
          <>
            <dt>Inscriptions</dt>
            <dd>
              {event.registrationOpensAt ? `à partir du ${formatMoment(event.registrationOpensAt)}` : ''}
              {event.registrationOpensAt && event.registrationClosesAt ? ', ' : ''}
              {event.registrationClosesAt ? `jusqu’au ${formatMoment(event.registrationClosesAt)}` : ''}
            </dd>
          </>
        ) : null}
        {p.labels.length ? (
          <>
            <dt>Réunion de</dt>
            <dd>
              <LinkedTo labels={p.labels} />
            </dd>
          </>
        ) : null}
        {p.organisers.length ? (
          <>
            <dt>Organisé par</dt>
            <dd>{p.organisers.map((o) => o.name).join(', ')}</dd>
          </>
        ) : null}
        {p.partners.length ? (
          <>
            <dt>Partenaires</dt>
            <dd>{p.partners.map((o) => o.name).join(', ')}</dd>
          </>
        ) : null}
      </dl>
      {event.description ? <p class="description">{event.description}</p> : null}
      {/* Once it is over, what it left (minutes, documents) comes before the registration's last word. */}
      {ended ? documents : null}
      <RegistrationBox {...p} />
      {ended ? null : documents}
      <p class="actions">
        <a href={`/agenda/${event.id}.ics`}>Ajouter à mon agenda (.ics)</a>
        {p.staff ? <a href={`/gestion/evenements/${event.id}`}>Gérer l’événement</a> : null}
      </p>
    </Layout>
  );
}
