// Mails the queue gave up sending: to whom, what, why, and a button to try again (after an outage).
import type { FailedMail } from '../../../platform/mail/mail.tsx';
import { formatDateTime } from '../../../platform/time.ts';
import { CsrfField, Layout, type PageContext } from '../../../platform/views/layout.tsx';

export function FailedMailsPage(props: {
  ctx: PageContext;
  mails: FailedMail[];
  notice?: string | undefined;
}) {
  return (
    <Layout ctx={props.ctx} title="Courriels en échec" notice={props.notice}>
      <h1>Courriels en échec</h1>
      <p role="status">
        {props.mails.length
          ? `${props.mails.length} courriel${props.mails.length > 1 ? 's' : ''} n’${props.mails.length > 1 ? 'ont' : 'a'} pas pu partir malgré 8 essais.`
          : 'Aucun courriel en échec.'}{' '}
        Une adresse erronée se corrige sur la fiche de la personne ; une panne du serveur d’envoi passée, le
        courriel peut repartir.
      </p>
      {props.mails.map((mail) => (
        <article key={mail.id} class="card">
          <h2>{mail.subject}</h2>
          <p>
            À {mail.to}, écrit le {formatDateTime(mail.createdAt)}, abandonné le{' '}
            {formatDateTime(mail.failedAt)}.
          </p>
          {mail.lastError ? <pre>{mail.lastError}</pre> : null}
          <form method="post" action={`/gestion/courriels/${mail.id}/renvoyer`}>
            <CsrfField ctx={props.ctx} />
            <button type="submit" class="button-secondary" aria-label={`Réessayer le courriel à ${mail.to}`}>
              Réessayer
            </button>
          </form>
        </article>
      ))}
    </Layout>
  );
}
