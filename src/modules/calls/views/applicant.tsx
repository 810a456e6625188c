// The applicants' pages of support calls: the calls (open, to come, closed), a call with its questions and
// what the visitor may do, a town's dossier form (draft, then submitted) and its follow-up. A small commune
// applying for the first time reads here everything it needs: who may apply, until when, what is asked.
import { Fragment } from 'preact';
import { formatCents } from '../../../platform/money.ts';
import { formatMoment, formatWhen } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  Layout,
  type PageContext,
  TextArea,
} from '../../../platform/views/layout.tsx';
import type { Application } from '../../applications/applications.ts';
import { statusLabel } from '../../applications/pipeline.ts';
import type { ApplicationStatus } from '../../applications/statuses.ts';
import type { Event } from '../../events/events.ts';
import { applicantMessages as m } from '../applicant.messages.ts';
import {
  type CallState,
  callHref,
  callName,
  dossierHref,
  type FollowUp,
  formHref,
  parisMoment,
  type Standing,
  stateOf,
} from '../applicant-queries.ts';
import { callsPipeline } from '../calls.pipeline.ts';
import type { CallQuestion } from '../calls.schema.ts';
import type { Call } from '../calls.ts';
import { Attachments } from './attachments.tsx';
import { EngagementSummaryBlock } from './engagements.tsx';
import { Thread } from './thread.tsx';

const label = (status: ApplicationStatus) => statusLabel(callsPipeline, status);

/** A person's text, its line breaks kept as paragraphs (escaped as any text). */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\r?\n\s*\r?\n|\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line, i) => (
          <p key={i}>{line}</p>
        ))}
    </>
  );
}

function WindowLine({ call, at }: { call: Call; at: Date }) {
  const state = stateOf(call, at);
  if (state === 'upcoming')
    return (
      <p>
        <strong>Ouvre le {parisMoment(call.opensAt)}</strong>, jusqu’au {parisMoment(call.closesAt)}.
      </p>
    );
  if (state === 'open')
    return (
      <p>
        <strong>Ouvert jusqu’au {parisMoment(call.closesAt)}</strong>.
      </p>
    );
  return (
    <p>
      <strong>Clos depuis le {parisMoment(call.closesAt)}</strong> : il ne reçoit plus de dossiers.
    </p>
  );
}

function CallFacts({ call }: { call: Call }) {
  return (
    <dl class="facts">
      {call.supportKinds.length ? (
        <>
          <dt>Accompagnements proposés</dt>
          <dd>{call.supportKinds.join(', ')}</dd>
        </>
      ) : null}
      {call.envelopeCents ? (
        <>
          <dt>Enveloppe de l’appel</dt>
          <dd>{formatCents(call.envelopeCents)}</dd>
        </>
      ) : null}
      {call.engagementsPlanned ? (
        <>
          <dt>Accompagnements prévus</dt>
          <dd>{call.engagementsPlanned.toLocaleString('fr-FR')}</dd>
        </>
      ) : null}
    </dl>
  );
}

function WhoMayApply() {
  return (
    <section aria-labelledby="qui-peut-deposer">
      <h2 id="qui-peut-deposer">Qui peut déposer un dossier ?</h2>
      <p>{m.whoMayApply().text}</p>
    </section>
  );
}

// ——— The calls ———

const stateTitles: Record<CallState, string> = {
  open: 'Appels ouverts',
  upcoming: 'Appels à venir',
  past: 'Appels clos',
};

export function CallsIndexPage(props: { ctx: PageContext; byState: Record<CallState, Call[]>; at: Date }) {
  const states: CallState[] = ['open', 'upcoming', 'past'];
  const none = states.every((s) => props.byState[s].length === 0);
  return (
    <Layout ctx={props.ctx} title="Appels à candidatures DCOL">
      <h1>Appels à candidatures DCOL</h1>
      <p>
        Chaque année, le réseau ouvre un appel de son dispositif d’appui aux collectivités (DCOL) : l’équipe
        accompagne les collectivités retenues dans leur action internationale (stratégie, montage de projet,
        recherche de cofinancements…). Chaque appel dit ce qu’il propose, jusqu’à quand il reçoit les dossiers
        et les questions auxquelles répondre.
      </p>
      <WhoMayApply />
      {none ? <p>Aucun appel pour le moment.</p> : null}
      {states.map((state) =>
        props.byState[state].length ? (
          <section key={state} aria-labelledby={`appels-${state}`}>
            <h2 id={`appels-${state}`}>{stateTitles[state]}</h2>
            <ul class="cards">
              {props.byState[state].map((call) => (
                <li key={call.id} class="card">
                  <h3>
                    <a href={callHref(call.id)}>{callName(call)}</a>
                  </h3>
                  <WindowLine call={call} at={props.at} />
                  <CallFacts call={call} />
                </li>
              ))}
            </ul>
          </section>
        ) : null,
      )}
    </Layout>
  );
}

// ——— A call ———

/** What the visitor may do: sign in, start or continue their town's dossier, or why not. */
function YourDossier({ call, standing, at }: { call: Call; standing: Standing; at: Date }) {
  const open = stateOf(call, at) === 'open';
  switch (standing.kind) {
    case 'visitor':
      return (
        <p>
          {m.signInToApply().text} <a href="/connexion">Se connecter</a>
        </p>
      );
    case 'staff':
      return <p>{m.staffApply().text}</p>;
    case 'refused':
      return <p role="status">{standing.reason}</p>;
    case 'applicant': {
      const { dossiers, places, organisationName } = standing;
      const more = dossiers.length < places;
      return (
        <>
          {places > 1 ? (
            <p>
              L’équipe du réseau autorise {places} dossiers de {organisationName} à cet appel (
              {dossiers.length} ouvert{dossiers.length > 1 ? 's' : ''}).
            </p>
          ) : null}
          {dossiers.length ? (
            <ul>
              {dossiers.map((dossier, i) => (
                <li key={dossier.id}>
                  <p>
                    Dossier{dossiers.length > 1 ? ` n° ${i + 1}` : ''} de {organisationName} :{' '}
                    <strong>{label(dossier.status)}</strong>
                    {dossier.submittedAt ? `, déposé le ${formatMoment(dossier.submittedAt)}` : ''}.
                  </p>
                  <p>
                    {dossier.status === 'draft' && open ? (
                      <>
                        <a class="button" href={formHref(call.id, dossier.id)}>
                          Reprendre le brouillon{dossiers.length > 1 ? ` n° ${i + 1}` : ''}
                        </a>{' '}
                      </>
                    ) : null}
                    <a href={dossierHref(dossier.id)}>
                      Suivre le dossier{dossiers.length > 1 ? ` n° ${i + 1}` : ''} de {organisationName}
                    </a>
                  </p>
                </li>
              ))}
            </ul>
          ) : null}
          <NewDossier call={call} standing={standing} at={at} more={more} />
        </>
      );
    }
  }
}

/** Whether the town may start a dossier (another one, when staff allowed more), or why not. */
function NewDossier(props: {
  call: Call;
  standing: Extract<Standing, { kind: 'applicant' }>;
  at: Date;
  more: boolean;
}) {
  const { call, standing } = props;
  const first = standing.dossiers.length === 0;
  if (!props.more) return null;
  if (standing.refusal) return <p role="status">{standing.refusal}</p>;
  const state = stateOf(call, props.at);
  if (state === 'upcoming')
    return (
      <p>
        Le dossier de {standing.organisationName} se prépare à partir du {parisMoment(call.opensAt)}.
      </p>
    );
  if (state === 'past')
    return first ? <p>{standing.organisationName} n’a pas de dossier à cet appel.</p> : null;
  return (
    <p>
      <a class="button" href={formHref(call.id)}>
        {first ? 'Préparer le dossier' : 'Préparer un autre dossier'} de {standing.organisationName}
      </a>
    </p>
  );
}

export function CallPage(props: {
  ctx: PageContext;
  call: Call;
  questions: CallQuestion[];
  standing: Standing;
  /** Its information webinars, events of the agenda. */
  webinars: Event[];
  at: Date;
}) {
  const { call } = props;
  return (
    <Layout ctx={props.ctx} title={callName(call)}>
      <p>
        <a href="/appels">← Appels à candidatures DCOL</a>
      </p>
      <h1>{callName(call)}</h1>
      <WindowLine call={call} at={props.at} />
      <CallFacts call={call} />
      {call.description ? <Paragraphs text={call.description} /> : null}
      {props.webinars.length ? (
        <section aria-labelledby="ateliers">
          <h2 id="ateliers">Ateliers d’information</h2>
          <ul>
            {props.webinars.map((w) => (
              <li key={w.id}>
                <a href={`/agenda/${w.id}`}>{w.title}</a> :{' '}
                {formatWhen(w.startsAt, w.endsAt, { withHours: true })}
                {w.cancelledAt ? ' (annulé)' : w.endsAt < props.at ? ' (passé)' : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="votre-dossier">
        <h2 id="votre-dossier">Le dossier de votre collectivité</h2>
        <YourDossier call={call} standing={props.standing} at={props.at} />
      </section>

      <section aria-labelledby="questions">
        <h2 id="questions">Les questions du dossier</h2>
        <p>
          Pour préparer vos réponses avant de les saisir : le dossier s’enregistre en brouillon et se complète
          en plusieurs fois, avec vos collègues. Les questions marquées « obligatoire » doivent avoir une
          réponse pour déposer le dossier.
          {call.envelopeCents
            ? ' Le coût estimé de l’accompagnement demandé, en euros, est aussi à indiquer.'
            : ''}
        </p>
        {props.questions.length ? (
          <ol>
            {props.questions.map((q) => (
              <li key={q.key}>
                {q.label}
                {q.required ? ' (obligatoire)' : ' (facultative)'}
              </li>
            ))}
          </ol>
        ) : (
          <p>Cet appel ne pose pas de questions.</p>
        )}
      </section>
      <WhoMayApply />
    </Layout>
  );
}

// ——— The dossier's form ———

/** Field errors keyed by the field's id (`question-q1`, `cout`), `_` for the form as a whole. */
export type FormErrors = Record<string, string>;
export const questionId = (key: string) => `question-${key}`;

export interface DossierFormProps {
  ctx: PageContext;
  call: Call;
  organisationName: string;
  questions: CallQuestion[];
  /** The town's dossier, or undefined before its first save. */
  dossier: Application | undefined;
  /** What the form shows: the question keys, `cout`. */
  values: Record<string, string>;
  errors?: FormErrors | undefined;
  /** A colleague's dossier the form does not know of: the link to it. */
  conflict?: { message: string; href: string } | undefined;
  /** Why the form is not offered (the call closed, the dossier in instruction), with the follow-up's link. */
  closed?: string | undefined;
}

export function DossierFormPage(props: DossierFormProps) {
  const { call, dossier } = props;
  const e = props.errors ?? {};
  const title = `Dossier de ${props.organisationName} au ${callName(call)}`;
  const submitted = dossier?.status === 'submitted';
  return (
    <Layout ctx={props.ctx} title={title}>
      <p>
        <a href={callHref(call.id)}>← {callName(call)}</a>
      </p>
      <h1>{title}</h1>
      {dossier ? (
        <p>
          Statut : <strong>{label(dossier.status)}</strong>.{' '}
          <a href={dossierHref(dossier.id)}>Suivre le dossier</a>
        </p>
      ) : null}
      {props.closed ? (
        <p role="status">{props.closed}</p>
      ) : (
        <>
          <p>
            À déposer avant le <strong>{parisMoment(call.closesAt)}</strong>.{' '}
            {submitted
              ? 'Le dossier est déposé : vous pouvez le corriger jusqu’au début de son instruction ; il doit rester complet.'
              : 'Enregistrez le brouillon autant de fois que nécessaire : vos collègues le voient et peuvent le compléter. Déposez-le quand il est complet.'}
          </p>
          {props.conflict ? (
            <div class="error-summary" role="alert">
              <p>
                {props.conflict.message} <a href={props.conflict.href}>Voir le dossier</a>
              </p>
            </div>
          ) : null}
          <ErrorSummary errors={props.errors} />
          <form method="post" action={formHref(call.id)}>
            <CsrfField ctx={props.ctx} />
            <input type="hidden" name="dossier" value={dossier?.id ?? ''} />
            {props.questions.map((q) => (
              <TextArea
                key={q.key}
                id={questionId(q.key)}
                name={q.key}
                label={q.label}
                required={q.required}
                value={props.values[q.key]}
                error={e[questionId(q.key)]}
                rows={6}
              />
            ))}
            <Field
              name="cout"
              label="Coût estimé de l’accompagnement demandé, en euros"
              hint={`Par exemple 15 000 ou 12 500,50.${call.envelopeCents ? ' À indiquer pour déposer le dossier.' : ''}`}
              required={Boolean(call.envelopeCents)}
              value={props.values.cout}
              error={e.cout}
            />
            {submitted ? (
              <button type="submit" name="action" value="corriger">
                Enregistrer les corrections
              </button>
            ) : (
              <p>
                {/* The draft is saved incomplete: the browser does not ask for the required answers. */}
                <button type="submit" name="action" value="brouillon" class="button-secondary" formNoValidate>
                  Enregistrer le brouillon
                </button>{' '}
                <button type="submit" name="action" value="deposer">
                  Déposer le dossier
                </button>
              </p>
            )}
          </form>
        </>
      )}
    </Layout>
  );
}

// ——— The dossier's follow-up ———

const steps = ['Brouillon', 'Déposé, en construction', 'En instruction', 'Décision'] as const;
const stepOf: Record<ApplicationStatus, number> = {
  draft: 0,
  submitted: 1,
  in_review: 2,
  accepted: 3,
  rejected: 3,
  closed: 3,
  waitlisted: 3,
};

function Steps({ status }: { status: ApplicationStatus }) {
  const current = stepOf[status];
  return (
    <ol class="steps">
      {steps.map((step, i) => (
        <li key={step} aria-current={i === current ? 'step' : undefined}>
          {i === current ? <strong>{i === 3 ? `Décision : ${label(status)}` : step}</strong> : step}
          {i < current ? ' — fait' : i === current ? ' — le dossier en est là' : ' — à venir'}
        </li>
      ))}
    </ol>
  );
}

export function DossierFollowUpPage(props: {
  ctx: PageContext;
  page: FollowUp;
  at: Date;
  notice?: string | undefined;
  /** The key of the message form as shown: sent twice, the message is written once. */
  messageKey: string;
  messageError?: string | undefined;
  messageValue?: string | undefined;
  /** A refused file, by expected attachment. */
  attachmentErrors?: Record<string, string> | undefined;
}) {
  const { call, dossier, questions } = props.page;
  // A draft is completed only while the call is open; a submitted dossier is corrected until instruction.
  const draftOpen = dossier.status === 'draft' && stateOf(call, props.at) === 'open';
  const title = `Dossier de ${props.page.organisationName} au ${callName(call)}`;
  const decided = stepOf[dossier.status] === 3;
  return (
    <Layout ctx={props.ctx} title={title} notice={props.notice}>
      <p>
        <a href="/mon-espace">← Mon espace</a>
      </p>
      <h1>{title}</h1>
      <p>
        Statut : <strong>{label(dossier.status)}</strong>
      </p>
      <h2>Où en est le dossier</h2>
      <Steps status={dossier.status} />
      {decided ? (
        <section aria-labelledby="decision">
          <h2 id="decision">Décision : {label(dossier.status)}</h2>
          {dossier.decidedAt ? <p>Décidée le {formatMoment(dossier.decidedAt)}.</p> : null}
          {dossier.decisionMotivation ? (
            <>
              <h3>Motivation</h3>
              <Paragraphs text={dossier.decisionMotivation} />
            </>
          ) : null}
        </section>
      ) : null}
      {draftOpen || dossier.status === 'submitted' ? (
        <p>
          <a class="button" href={formHref(call.id, dossier.id)}>
            {draftOpen ? 'Compléter et déposer le dossier' : 'Corriger le dossier'}
          </a>
        </p>
      ) : dossier.status === 'draft' ? (
        <p>L’appel n’est pas ouvert : ce brouillon ne se dépose pas.</p>
      ) : dossier.status === 'in_review' ? (
        <p>Le dossier est en instruction : ses réponses ne se modifient plus.</p>
      ) : null}
      <EngagementSummaryBlock
        audience="town"
        summary={props.page.engagement}
        callId={call.id}
        applicationId={dossier.id}
        accepted={dossier.status === 'accepted'}
      />
      <Attachments
        ctx={props.ctx}
        expected={props.page.expectedAttachments}
        joined={props.page.attachments}
        href={`${dossierHref(dossier.id)}/pieces`}
        editable={draftOpen || dossier.status === 'submitted'}
        errors={props.attachmentErrors}
      />
      {dossier.status !== 'draft' ? (
        <section aria-labelledby="messagerie">
          <h2 id="messagerie">Messagerie avec l’équipe du réseau</h2>
          <Thread messages={props.page.messages} />
          <form method="post" action={`${dossierHref(dossier.id)}/messages`}>
            <CsrfField ctx={props.ctx} />
            <input type="hidden" name="key" value={props.messageKey} />
            <ErrorSummary
              errors={props.messageError ? { body: props.messageError } : undefined}
              targets={{ body: 'message-body' }}
            />
            <TextArea
              id="message-body"
              name="body"
              label="Écrire à l’équipe du réseau"
              hint="Les instructeurs qui suivent votre dossier reçoivent votre message par courriel."
              value={props.messageValue}
              error={props.messageError}
              rows={3}
            />
            <button type="submit" class="button-secondary">
              Envoyer le message
            </button>
          </form>
        </section>
      ) : null}
      <h2>Le dossier</h2>
      <dl class="facts">
        <dt>Appel</dt>
        <dd>
          <a href={callHref(call.id)}>{callName(call)}</a>
        </dd>
        <dt>Collectivité</dt>
        <dd>{props.page.organisationName}</dd>
        <dt>Déposé le</dt>
        <dd>{dossier.submittedAt ? formatMoment(dossier.submittedAt) : 'pas encore déposé'}</dd>
        <dt>Coût estimé</dt>
        <dd>{props.page.requestedCents ? formatCents(props.page.requestedCents) : 'non indiqué'}</dd>
        <dt>Clôture de l’appel</dt>
        <dd>{parisMoment(call.closesAt)}</dd>
      </dl>
      <h2>Réponses</h2>
      {questions.length ? (
        <dl class="answers">
          {questions.map((q) => {
            const answer = dossier.answers[q.key];
            return (
              <Fragment key={q.key}>
                <dt>
                  {q.label}
                  {q.required ? ' (obligatoire)' : ''}
                </dt>
                <dd>
                  {typeof answer === 'string' && answer.trim() ? (
                    <Paragraphs text={answer} />
                  ) : (
                    <em>sans réponse</em>
                  )}
                </dd>
              </Fragment>
            );
          })}
        </dl>
      ) : (
        <p>Ce formulaire n’a pas de questions.</p>
      )}
    </Layout>
  );
}
