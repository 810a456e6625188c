// Experts' opinions: the expert's page (reached by the personal link, no account: the dossier, the question,
// the other experts' opinions that are not confidential, the form), and the instructors' part of a dossier's
// page (the requests, their opinions, asking one after a preview of the mail, withdrawing one).
import { Fragment } from 'preact';
import type { MailContent } from '../../../platform/mail/mail.tsx';
import { formatCents } from '../../../platform/money.ts';
import { formatDate, formatDateTime } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  Layout,
  type PageContext,
  TextArea,
} from '../../../platform/views/layout.tsx';
import { MailSample } from '../../applications/views/review.tsx';
import { callName } from '../applicant-queries.ts';
import type { AttachmentCard } from '../attachments.ts';
import type { CallQuestion } from '../calls.schema.ts';
import type { Call } from '../calls.ts';
import { type ExpertInput, type ExpertRequest, expertOpinionLabels, expertOpinions } from '../experts.ts';
import { Attachments } from './attachments.tsx';

function requestState(r: ExpertRequest, at: Date) {
  if (r.answeredAt) return `avis donné le ${formatDateTime(r.answeredAt)}`;
  if (r.cancelledAt) return `retirée le ${formatDate(r.cancelledAt)}`;
  if (r.expiresAt <= at) return 'lien expiré sans réponse';
  return `attendu avant le ${formatDate(r.deadline)}${r.remindedAt ? ' (rappel envoyé)' : ''}`;
}

/** The expert's page: who asks, the dossier as submitted, and the one form of the link. */
export function ExpertPage(props: {
  ctx: PageContext;
  call: Call;
  townName: string;
  request: ExpertRequest;
  questions: CallQuestion[];
  answers: Record<string, unknown>;
  requestedCents: number | null;
  /** The other experts' answered opinions that are not confidential. */
  others: ExpertRequest[];
  values?: { opinion?: string | undefined; body?: string | undefined };
  errors?: Record<string, string> | undefined;
  /** The link's own address (the form posts back to it). */
  action: string;
  expectedAttachments: CallQuestion[];
  attachments: AttachmentCard[];
}) {
  const { call, request, errors = {} } = props;
  return (
    <Layout ctx={props.ctx} title={`Avis d’expert — dossier de ${props.townName}`}>
      <h1>
        Avis d’expert : dossier de {props.townName} <span class="muted">— {callName(call)}</span>
      </h1>
      <p>
        Bonjour {request.expertName}, l’équipe du réseau vous demande votre avis sur ce dossier d’ici le{' '}
        <strong>{formatDate(request.deadline)}</strong>. Ce lien est personnel et ne sert qu’une fois.
      </p>
      {request.question ? (
        <p>
          <strong>Notre question :</strong> {request.question}
        </p>
      ) : null}
      <h2>Le dossier</h2>
      <dl class="answers">
        {props.questions.map((q) => (
          <Fragment key={q.key}>
            <dt>{q.label}</dt>
            <dd class="pre-line">
              {props.answers[q.key] ? String(props.answers[q.key]) : <em>sans réponse</em>}
            </dd>
          </Fragment>
        ))}
        <dt>Coût estimé de l’accompagnement demandé</dt>
        <dd>{props.requestedCents === null ? 'non indiqué' : formatCents(props.requestedCents)}</dd>
      </dl>
      <Attachments
        ctx={props.ctx}
        expected={props.expectedAttachments}
        joined={props.attachments}
        href={`${props.action}/pieces`}
      />
      {props.others.length ? (
        <>
          <h2>Les avis des autres experts</h2>
          <ul class="thread">
            {props.others.map((o) => (
              <li key={o.id}>
                <p>
                  <strong>{expertOpinionLabels[o.opinion as keyof typeof expertOpinionLabels]}</strong>
                  {o.expertise ? ` — ${o.expertise}` : ''}
                </p>
                <p class="pre-line">{o.body}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>Votre avis</h2>
      <form method="post" action={props.action}>
        <CsrfField ctx={props.ctx} />
        <ErrorSummary errors={errors} targets={{ opinion: `avis-${expertOpinions[0]}`, body: 'body' }} />
        <fieldset>
          <legend>Votre avis sur ce dossier (obligatoire)</legend>
          {errors.opinion ? (
            <p class="error" id="opinion-error">
              {errors.opinion}
            </p>
          ) : null}
          {expertOpinions.map((o) => (
            <div key={o}>
              <input
                type="radio"
                id={`avis-${o}`}
                name="opinion"
                value={o}
                checked={props.values?.opinion === o}
                required
              />{' '}
              <label for={`avis-${o}`}>{expertOpinionLabels[o]}</label>
            </div>
          ))}
        </fieldset>
        <TextArea
          name="body"
          label="Votre motivation"
          required
          value={props.values?.body}
          error={errors.body}
          hint={
            request.confidential
              ? 'Votre avis est confidentiel : seuls les instructeurs du réseau le liront.'
              : 'Lu des instructeurs du réseau et des autres experts du dossier ; jamais de la collectivité.'
          }
          rows={8}
        />
        <button type="submit">Envoyer mon avis</button>
      </form>
    </Layout>
  );
}

/** The instructors' part of a dossier's page: every request and opinion, the form to ask another. */
export function ExpertsSection(props: {
  ctx: PageContext;
  path: string;
  requests: ExpertRequest[];
  open: boolean;
  values?: Partial<Record<keyof ExpertInput, string>> | undefined;
  errors?: Record<string, string> | undefined;
}) {
  const at = new Date();
  const { values = {}, errors } = props;
  return (
    <>
      <h2>Avis d’experts</h2>
      <p class="hint">
        Lus des seuls instructeurs (et des autres experts, sauf un avis confidentiel) : jamais de la
        collectivité.
      </p>
      {props.requests.length ? (
        <ul class="thread">
          {props.requests.map((r) => (
            <li key={r.id}>
              <p>
                <strong>{r.expertName}</strong> ({r.expertEmail}){r.expertise ? ` — ${r.expertise}` : ''}
                {r.confidential ? ' — confidentiel' : ''} : {requestState(r, at)}
              </p>
              {r.opinion ? (
                <p>
                  <strong>{expertOpinionLabels[r.opinion as keyof typeof expertOpinionLabels]}</strong> —{' '}
                  <span class="pre-line">{r.body}</span>
                </p>
              ) : null}
              {!r.answeredAt && !r.cancelledAt && r.expiresAt > at ? (
                <form method="post" action={`${props.path}/experts/${r.id}/retrait`}>
                  <CsrfField ctx={props.ctx} />
                  <button type="submit" class="button-secondary">
                    Retirer la demande faite à {r.expertName}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucun avis demandé.</p>
      )}
      {props.open ? (
        <form method="post" action={`${props.path}/experts`}>
          <CsrfField ctx={props.ctx} />
          <ErrorSummary
            errors={errors}
            targets={{ name: 'expert-name', email: 'expert-email', deadline: 'expert-deadline' }}
          />
          <fieldset>
            <legend>Demander un avis</legend>
            <Field
              id="expert-name"
              name="name"
              label="Nom de l’expert"
              value={values.name}
              required
              error={errors?.name}
              autocomplete="off"
            />
            <Field
              id="expert-email"
              name="email"
              label="Adresse électronique"
              type="email"
              value={values.email}
              required
              error={errors?.email}
              autocomplete="off"
            />
            <Field
              id="expert-expertise"
              name="expertise"
              label="Domaine d’expertise"
              value={values.expertise}
              error={errors?.expertise}
            />
            <TextArea
              id="expert-question"
              name="question"
              label="Votre question"
              value={values.question}
              error={errors?.question}
              rows={2}
            />
            <Field
              id="expert-deadline"
              name="deadline"
              label="Avis attendu avant le"
              type="date"
              value={values.deadline}
              required
              error={errors?.deadline}
              hint="Un rappel part deux jours avant ; le lien expire une semaine après."
            />
            <div>
              <input
                type="checkbox"
                id="expert-confidential"
                name="confidential"
                value="oui"
                checked={values.confidential === 'oui'}
              />{' '}
              <label for="expert-confidential">Avis confidentiel (lu des seuls instructeurs)</label>
            </div>
          </fieldset>
          <button type="submit" name="etape" value="apercu">
            Voir le courriel avant de l’envoyer
          </button>
        </form>
      ) : null}
    </>
  );
}

/** Who will receive what: the mail to the expert, its link masked, then the confirmation. */
export function ExpertPreviewPage(props: {
  ctx: PageContext;
  call: Call;
  townName: string;
  action: string;
  back: string;
  values: Record<string, string>;
  mail: MailContent;
}) {
  return (
    <Layout ctx={props.ctx} title={`Demande d’avis à confirmer — ${props.townName}`}>
      <h1>Demande d’avis à confirmer — dossier de {props.townName}</h1>
      <p>
        <strong>
          Un courriel partira à {props.values.name} ({props.mail.to}), une seule fois, avec un lien personnel
          vers le dossier.
        </strong>
      </p>
      <MailSample mail={props.mail} firstName={props.values.name ?? ''} />
      <form method="post" action={props.action}>
        <CsrfField ctx={props.ctx} />
        {Object.entries(props.values).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p class="actions">
          <button type="submit" name="etape" value="confirmer">
            Confirmer et envoyer le courriel
          </button>
        </p>
      </form>
      <p>
        <a href={props.back}>Revenir au dossier sans rien envoyer</a>
      </p>
    </Layout>
  );
}
