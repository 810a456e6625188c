// The preview of a renewal reminder campaign: who will receive what, before anything is sent.

import type { MailMessage } from '../../../platform/mail/mail.tsx';
import { formatCents } from '../../../platform/money.ts';
import { formatDate } from '../../../platform/time.ts';
import { CsrfField, Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { ReminderPreviewRow } from '../renewal-reminders.ts';

export function ReminderPreviewPage(props: {
  ctx: PageContext;
  year: number;
  round: number;
  lastRound: number;
  rows: ReminderPreviewRow[];
  example: MailMessage | undefined;
  organisationId?: string | undefined;
  error?: string | undefined;
}) {
  const toSend = props.rows.filter((r) => !r.remindedAt && r.recipients.length);
  const people = toSend.reduce((n, r) => n + r.recipients.length, 0);
  const one = props.organisationId ? props.rows[0]?.organisation : undefined;
  const title = one ? `Relancer ${one.name}` : `Relance n° ${props.round} de ${props.year}`;
  const again = `/gestion/adhesions/relance?${one ? `organisation=${one.id}&` : ''}tour=${props.lastRound + 1}`;
  return (
    <Layout ctx={props.ctx} title={title}>
      <p>
        <a href="/gestion/adhesions/renouvellement">← Renouvellements</a>
      </p>
      <h1>{title}</h1>
      {props.error ? (
        <p class="error-summary" role="alert">
          {props.error}
        </p>
      ) : null}
      <p role="status">
        Relance n° {props.round} de {props.year} : {toSend.length} organisation{toSend.length > 1 ? 's' : ''},{' '}
        {people} destinataire{people > 1 ? 's' : ''}. Chaque organisation n’est relancée qu’une fois par
        campagne, même si le bouton est pressé deux fois.
      </p>
      {props.example ? (
        <section aria-labelledby="mail-title" class="card">
          <h2 id="mail-title">Le courriel (exemple pour {props.example.to})</h2>
          <p>
            <strong>Objet :</strong> {props.example.subject}
          </p>
          <p>{props.example.greeting}</p>
          {props.example.paragraphs.map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
          {props.example.action ? <p>[{props.example.action.label}]</p> : null}
          <p class="muted">{props.example.reason}</p>
        </section>
      ) : null}
      <h2 id="who">Qui reçoit quoi</h2>
      <ul class="cards" aria-labelledby="who">
        {props.rows.map((r) => (
          <li key={r.organisation.id} class="card">
            <h3>{r.organisation.name}</h3>
            <p class="muted">
              Cotisation {props.year - 1} :{' '}
              {r.lastYear.feeCents === null ? '—' : formatCents(r.lastYear.feeCents)}
            </p>
            {r.remindedAt ? (
              <p>
                Déjà relancée dans cette campagne, le {formatDate(r.remindedAt)} : pas de nouveau courriel.
              </p>
            ) : r.recipients.length ? (
              <ul>
                {r.recipients.map(({ person, why }) => (
                  <li key={person.id}>
                    {`${person.firstName} ${person.lastName}`} &lt;{person.email}&gt; —{' '}
                    {why === 'referent' ? 'référent·e' : 'élu·e (pas de référent·e)'}
                  </li>
                ))}
              </ul>
            ) : (
              <p>Personne à relancer : ajoutez un ou une référente à cette organisation.</p>
            )}
          </li>
        ))}
      </ul>
      {toSend.length ? (
        <form method="post" action="/gestion/adhesions/relance">
          <CsrfField ctx={props.ctx} />
          <input type="hidden" name="year" value={String(props.year)} />
          <input type="hidden" name="round" value={String(props.round)} />
          {props.organisationId ? (
            <input type="hidden" name="organisationId" value={props.organisationId} />
          ) : null}
          <button type="submit">
            Envoyer la relance à {people} destinataire{people > 1 ? 's' : ''}
          </button>
        </form>
      ) : (
        <p>Aucun courriel à envoyer dans cette campagne.</p>
      )}
      {props.round === props.lastRound && props.lastRound > 0 ? (
        <p>
          <a href={again}>Préparer une nouvelle relance (n° {props.lastRound + 1})</a>
        </p>
      ) : null}
    </Layout>
  );
}
