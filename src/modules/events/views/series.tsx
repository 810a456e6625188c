// A series' public page (its sessions to come and past, with their minutes), and what registering for a
// whole season did, session by session.
import { capitalised, formatWhen } from '../../../platform/time.ts';
import { CsrfField, Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { audienceLabel } from '../audiences.ts';
import type { SeriesPageData } from '../events.queries.ts';
import { type Event, eventFormatLabels, sessionLabel } from '../events.ts';
import type { SeasonRegistration } from '../register-season.ts';

function SessionTitle({ event }: { event: Event }) {
  const session = sessionLabel(event);
  return (
    <>
      <a href={`/agenda/${event.id}`}>{event.title}</a>
      {session ? <span class="muted"> — {session}</span> : null}
    </>
  );
}

function When({ event }: { event: Event }) {
  return (
    <time dateTime={event.startsAt.toISOString()}>
      {capitalised(formatWhen(event.startsAt, event.endsAt))}
    </time>
  );
}

const yourPart: Record<string, string> = {
  confirmed: 'Vous êtes inscrit·e.',
  waitlisted: 'Vous êtes sur la liste d’attente.',
};

export function SeriesPage(
  p: SeriesPageData & { ctx: PageContext; error?: string | undefined; notice?: string | undefined },
) {
  const guestLabel = p.series.guestLabel ?? 'Invité·e';
  const seasons = [...new Set(p.upcoming.map((u) => u.event.season))];
  return (
    <Layout ctx={p.ctx} title={p.series.title} notice={p.notice}>
      <p>
        <a href="/agenda">← Agenda</a>
      </p>
      <h1>{p.series.title}</h1>
      {p.series.description ? <p class="description series-description">{p.series.description}</p> : null}
      {p.error ? (
        <p class="error-summary" role="alert">
          {p.error}
        </p>
      ) : null}
      <section aria-labelledby="a-venir">
        <h2 id="a-venir">Prochaines sessions</h2>
        {p.upcoming.length === 0 ? <p>Aucune session annoncée pour le moment.</p> : null}
        {seasons.map((season) => (
          <div key={season ?? 'hors-saison'}>
            {season !== null ? <h3>Saison {season}</h3> : null}
            <ul class="cards">
              {p.upcoming
                .filter((u) => u.event.season === season)
                .map(({ event, status }) => (
                  <li key={event.id} class="card">
                    <h4>
                      <SessionTitle event={event} />
                      {event.cancelledAt ? (
                        <>
                          {' '}
                          <span class="badge badge-warn">Annulé</span>
                        </>
                      ) : null}
                    </h4>
                    <p>
                      <When event={event} /> · {eventFormatLabels[event.format]} ·{' '}
                      <strong>{audienceLabel(event.audience)}</strong>
                    </p>
                    {event.theme ? <p>{event.theme}</p> : null}
                    {event.guest ? (
                      <p>
                        {guestLabel} : {event.guest}
                      </p>
                    ) : null}
                    {status ? <p class="muted">{yourPart[status]}</p> : null}
                  </li>
                ))}
            </ul>
            {season !== null && p.seasonsToCome.includes(season) ? (
              p.ctx.viewer ? (
                <form method="post" action={`/agenda/series/${p.series.id}/saisons/${season}/inscription`}>
                  <CsrfField ctx={p.ctx} />
                  <button type="submit">Inscrivez-moi à toute la saison {season}</button>
                  <p class="hint">
                    Vous serez inscrit·e à chaque session à venir de la saison qui vous est ouverte, et
                    recevrez un courriel pour chacune.
                  </p>
                </form>
              ) : (
                <p>
                  <a href="/connexion">Connectez-vous</a> pour vous inscrire à toute la saison.
                </p>
              )
            ) : null}
          </div>
        ))}
      </section>
      <section aria-labelledby="passees">
        <h2 id="passees">Sessions passées</h2>
        {p.past.length === 0 ? <p>Aucune session passée.</p> : null}
        <ul class="cards">
          {p.past.map(({ event, documents, attended }) => (
            <li key={event.id} class="card">
              <h3>
                <SessionTitle event={event} />{' '}
                {event.cancelledAt ? (
                  <span class="badge badge-warn">Annulé</span>
                ) : (
                  <span class="badge">Terminé</span>
                )}
              </h3>
              <p>
                <When event={event} />
                {event.theme ? ` · ${event.theme}` : ''}
              </p>
              {event.guest ? (
                <p>
                  {guestLabel} : {event.guest}
                </p>
              ) : null}
              {attended ? <p class="muted">Vous y avez participé.</p> : null}
              {documents.length ? (
                <ul>
                  {documents.map((d) => (
                    <li key={d.id}>
                      <a href={`/agenda/${event.id}/documents/${d.id}`}>
                        {d.kind === 'minutes' ? `Compte rendu : ${d.title}` : d.title}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

function Sessions({ title, items }: { title: string; items: { event: Event; reason?: string }[] }) {
  if (items.length === 0) return null;
  return (
    <section>
      <h2>{title}</h2>
      <ul>
        {items.map(({ event, reason }) => (
          <li key={event.id}>
            <SessionTitle event={event} /> — <When event={event} />
            {reason ? <span> : {reason}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function SeasonRegistrationPage({ ctx, result }: { ctx: PageContext; result: SeasonRegistration }) {
  const wrap = (events: Event[]) => events.map((event) => ({ event }));
  return (
    <Layout ctx={ctx} title={`Inscription à la saison ${result.season}`}>
      <p>
        <a href={`/agenda/series/${result.seriesId}`}>← {result.seriesTitle}</a>
      </p>
      <h1>
        {result.seriesTitle} : saison {result.season}
      </h1>
      <p role="status">
        {result.registered.length} session{result.registered.length > 1 ? 's' : ''} confirmée
        {result.registered.length > 1 ? 's' : ''}, {result.waitlisted.length} sur liste d’attente,{' '}
        {result.refused.length} refusée{result.refused.length > 1 ? 's' : ''}. Un courriel part pour chaque
        inscription.
      </p>
      <Sessions title="Inscriptions confirmées" items={wrap(result.registered)} />
      <Sessions title="Complet : vous êtes sur la liste d’attente" items={wrap(result.waitlisted)} />
      <Sessions title="Déjà inscrit·e" items={wrap(result.already)} />
      <Sessions title="Inscription refusée" items={result.refused} />
      <p>
        <a href="/mes-inscriptions">Voir mes inscriptions</a>
      </p>
    </Layout>
  );
}
