// Staff's pages for sending the Lettre and finding its readers: the sending part of an issue's page (a test to
// oneself, the choice of recipients, then whom it will reach before it leaves; the progress), the readers'
// list and one reader's consent record.
import { formatDate, formatDateTime } from '../../../platform/time.ts';
import { assetUrl } from '../../../platform/views/assets.ts';
import { CsrfField, Field, Layout, type PageContext, Select } from '../../../platform/views/layout.tsx';
import { Pagination } from '../../../platform/views/pagination.tsx';
import { StaffNav } from '../../../platform/views/staff-nav.tsx';
import type { Issue } from '../issues.ts';
import type { ReserveWarning } from '../reserve.ts';
import type { Progress, SendPreview } from '../sending.ts';
import type { Consent, Subscriber } from '../subscriptions.ts';
import { staffBase } from './staff.tsx';

export const subscribersBase = `${staffBase}/abonnes`;

export const statusLabels: Record<Subscriber['status'], string> = {
  pending: 'À confirmer',
  confirmed: 'Abonné',
  unsubscribed: 'Désabonné',
  paused: 'Suspendu (adresse refusée)',
};

const methodLabels: Record<Consent['method'], string> = {
  form: 'formulaire du site',
  api: 'API',
  my_space: 'son compte',
  one_click: 'bouton « se désabonner » de sa messagerie',
  link: 'lien reçu par courriel',
  staff: 'l’équipe du réseau',
};

const actionLabels: Record<Consent['action'], string> = {
  subscribe: 'Abonnement demandé',
  confirm: 'Adresse confirmée',
  preferences: 'Choix modifiés',
  unsubscribe: 'Désabonnement',
};

/** The pre-electoral reserve's warning, before an issue naming élus leaves. */
function Reserve({ warning }: { warning: ReserveWarning | undefined }) {
  if (!warning) return null;
  return (
    <div class="error-summary" role="alert">
      <p>
        <strong>Période de réserve électorale</strong> ({warning.election}, du{' '}
        {formatDate(warning.period.start)} au {formatDate(warning.period.end)}) : cette Lettre nomme{' '}
        {warning.names.join(', ')}. La communication du réseau ne doit pas mettre en valeur un élu ou une élue
        susceptible d’être candidat (Code électoral, art. L52-1). Relisez-la avant de l’envoyer.
      </p>
    </div>
  );
}

export function SendingPart(props: {
  ctx: PageContext;
  issue: Issue;
  reserve?: ReserveWarning | undefined;
  segments: { value: string; label: string }[];
  progress: Progress;
  sends: { id: string; segment: string; recipients: number; createdAt: Date }[];
  failures: { email: string; lastError: string | null }[];
}) {
  const { issue, progress } = props;
  const path = `${staffBase}/${issue.id}`;
  const total = progress.sent + progress.remaining + progress.failed;
  const label = (segment: string) => props.segments.find((s) => s.value === segment)?.label ?? segment;
  return (
    <section aria-labelledby="envoi">
      <h2 id="envoi">Envoi par courriel</h2>
      <Reserve warning={props.reserve} />
      <form method="post" action={`${path}/essai`}>
        <CsrfField ctx={props.ctx} />
        <p>Recevez d’abord la Lettre telle que les abonnés la liront, à votre adresse.</p>
        <button type="submit" class="button-secondary">
          M’envoyer un essai
        </button>
      </form>
      {issue.publishedAt ? (
        <form method="get" action={`${path}/envoi`}>
          <Select
            name="segment"
            label="Destinataires"
            options={props.segments.map((s) => [s.value, s.label])}
          />
          <button type="submit">Voir qui la recevra</button>
        </form>
      ) : (
        <p>Publiez la Lettre pour l’envoyer : le courriel renvoie à sa version en ligne.</p>
      )}
      {total ? (
        <div id="progression" data-progress-url={progress.remaining ? `${path}/progression` : undefined}>
          <h3>Progression</h3>
          <progress max={total} value={progress.sent + progress.failed} aria-labelledby="progression-texte" />
          <p id="progression-texte" role="status" data-progress-text>
            {progress.sent} envoyé{progress.sent > 1 ? 's' : ''}, {progress.remaining} restant
            {progress.remaining > 1 ? 's' : ''}, {progress.failed} en échec, sur {total}.
            {progress.remaining ? ' Rechargez la page pour suivre l’envoi.' : ''}
          </p>
          {progress.remaining ? <script src={assetUrl('/static/progress.js')} defer /> : null}
          <ul>
            {props.sends.map((send) => (
              <li key={send.id}>
                {formatDateTime(send.createdAt)} : {label(send.segment)}, {send.recipients} destinataire
                {send.recipients > 1 ? 's' : ''}
              </li>
            ))}
          </ul>
          {props.failures.length ? (
            <details>
              <summary>Les adresses en échec ({props.failures.length})</summary>
              <ul>
                {props.failures.map((f) => (
                  <li key={f.email}>
                    {f.email} : {f.lastError ?? 'raison inconnue'}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

export function SendPreviewPage(props: {
  ctx: PageContext;
  issue: Issue;
  segment: { value: string; label: string };
  preview: SendPreview;
  reserve?: ReserveWarning | undefined;
}) {
  const { issue, preview } = props;
  const path = `${staffBase}/${issue.id}`;
  return (
    <Layout ctx={props.ctx} title={`Envoyer « ${issue.title} »`}>
      <p>
        <a href={path}>← Retour</a>
      </p>
      <h1>Envoyer « {issue.title} »</h1>
      <Reserve warning={props.reserve} />
      <p>
        Destinataires : {props.segment.label}. <strong>{preview.count}</strong> abonné
        {preview.count > 1 ? 's' : ''} la recevr{preview.count > 1 ? 'ont' : 'a'}
        {preview.already
          ? ` ; ${preview.already} l’ont déjà reçue et ne la recevront pas une seconde fois`
          : ''}
        .
      </p>
      {preview.sample.length ? (
        <>
          <p>Les premières adresses :</p>
          <ul>
            {preview.sample.map((email) => (
              <li key={email}>{email}</li>
            ))}
          </ul>
        </>
      ) : null}
      {preview.count ? (
        <form method="post" action={`${path}/envoi`}>
          <CsrfField ctx={props.ctx} />
          <input type="hidden" name="segment" value={props.segment.value} />
          <button type="submit">
            Envoyer à {preview.count} abonné{preview.count > 1 ? 's' : ''}
          </button>
        </form>
      ) : (
        <p>Personne à qui l’envoyer : chacun l’a déjà reçue, ou personne n’est abonné dans ce groupe.</p>
      )}
    </Layout>
  );
}

export function SubscribersPage(props: {
  ctx: PageContext;
  subscribers: Subscriber[];
  counts: Record<Subscriber['status'] | 'matching', number>;
  filters: { q: string; status: string };
  page: number;
  pageSize: number;
}) {
  const { counts, filters } = props;
  const query = (page: number) =>
    `${subscribersBase}?${new URLSearchParams({ q: filters.q, statut: filters.status, page: String(page) })}`;
  return (
    <Layout ctx={props.ctx} title="Abonnés à La Lettre">
      <h1>Abonnés à La Lettre</h1>
      <StaffNav ctx={props.ctx} current={staffBase} />
      <p>
        {counts.confirmed} abonné{counts.confirmed > 1 ? 's' : ''}, {counts.pending} à confirmer,{' '}
        {counts.unsubscribed} désabonné{counts.unsubscribed > 1 ? 's' : ''}, {counts.paused} suspendu
        {counts.paused > 1 ? 's' : ''}.
      </p>
      <form method="get" action={subscribersBase}>
        <Field name="q" label="Adresse contenant" type="search" value={filters.q} />
        <Select
          name="statut"
          label="État"
          options={Object.entries(statusLabels)}
          value={filters.status}
          empty="Tous"
        />
        <button type="submit">Chercher</button>
      </form>
      <p>
        {counts.matching} résultat{counts.matching > 1 ? 's' : ''}. Exporter :{' '}
        <a href={`${subscribersBase}.csv?${new URLSearchParams({ q: filters.q, statut: filters.status })}`}>
          CSV
        </a>
        {' · '}
        <a href={`${subscribersBase}.xlsx?${new URLSearchParams({ q: filters.q, statut: filters.status })}`}>
          tableur (XLSX)
        </a>
      </p>
      {props.subscribers.length ? (
        <div class="table-scroll">
          <table class="table-cards">
            <caption>Les abonnés, par adresse</caption>
            <thead>
              <tr>
                <th scope="col">Adresse</th>
                <th scope="col">État</th>
                <th scope="col">Depuis</th>
              </tr>
            </thead>
            <tbody>
              {props.subscribers.map((s) => (
                <tr key={s.id}>
                  <th scope="row" class="name">
                    <a href={`${subscribersBase}/${s.id}`}>{s.email}</a>
                  </th>
                  <td data-label="État">{statusLabels[s.status]}</td>
                  <td data-label="Depuis">{formatDateTime(s.confirmedAt ?? s.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pagination
        paged={{ page: props.page, total: counts.matching, pageSize: props.pageSize }}
        query={query}
        label="Pages des abonnés"
      />
    </Layout>
  );
}

export function SubscriberPage(props: {
  ctx: PageContext;
  subscriber: Subscriber;
  consents: Consent[];
  topics: string[];
  notice?: string | undefined;
}) {
  const { subscriber } = props;
  return (
    <Layout ctx={props.ctx} title={`${subscriber.email} — abonné à La Lettre`} notice={props.notice}>
      <p>
        <a href={subscribersBase}>← Les abonnés</a>
      </p>
      <h1>{subscriber.email}</h1>
      <p>
        {statusLabels[subscriber.status]}. Reçoit : {props.topics.length ? props.topics.join(' ; ') : 'rien'}.
      </p>
      <h2>Trace du consentement</h2>
      <ul>
        {props.consents.map((c) => (
          <li key={c.id}>
            {formatDateTime(c.at)} — {actionLabels[c.action]}, par {methodLabels[c.method]}
            {c.source ? ` (${c.source})` : ''}
            {c.consentText ? <> ; texte accepté : « {c.consentText} »</> : null}
          </li>
        ))}
      </ul>
      {subscriber.status === 'unsubscribed' ? null : (
        <form method="post" action={`${subscribersBase}/${subscriber.id}/desabonnement`}>
          <CsrfField ctx={props.ctx} />
          <p>À la demande de la personne (par téléphone, par courrier) :</p>
          <button type="submit" class="button-secondary">
            Désabonner cette adresse
          </button>
        </form>
      )}
    </Layout>
  );
}
