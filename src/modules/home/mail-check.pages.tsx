// « Vérifier un courriel »: anyone pastes the code printed at the foot of a mail (or its Message-ID) and learns
// whether the platform sent it, when, with which subject and to which address (masked); otherwise what to do,
// with the warning of the network (seed 004) and the advice of cybermalveillance.gouv.fr. The codes are 60
// bits of an HMAC (platform/mail): they cannot be guessed, and the page is rate-limited besides.
import { z } from 'zod';
import { defineApiRoute } from '../../platform/http/api.ts';
import { definePage, view } from '../../platform/http/pages.tsx';
import {
  findRegisteredMail,
  normaliseVerificationCode,
  type RegisteredMail,
} from '../../platform/mail/mail.tsx';
import { fail } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import { formatDateTime } from '../../platform/time.ts';
import { CsrfField, ErrorSummary, Field, Layout, type PageContext } from '../../platform/views/layout.tsx';

const checkLimit = { max: 30, timeWindow: '15 minutes' };

type Answer = { kind: 'found'; mail: RegisteredMail } | { kind: 'unknown' } | undefined;

function Advice(props: { network: string; phone: string }) {
  return (
    <section aria-labelledby="conseils">
      <h2 id="conseils">En cas de doute</h2>
      <p>
        Des courriels frauduleux circulent au nom de membres de l’équipe de {props.network}. Le réseau ne vous
        demande jamais vos coordonnées personnelles ou bancaires, ni un mot de passe, par courriel.
      </p>
      <ul>
        <li>Ne cliquez sur aucun lien et n’ouvrez aucune pièce jointe de ce courriel ; n’y répondez pas.</li>
        <li>
          Appelez-nous au {props.phone} pour vérifier une demande, par un numéro que vous connaissez déjà.
        </li>
        <li>
          Signalez le courriel sur <a href="https://www.signal-spam.fr">signal-spam.fr</a> et suivez les
          conseils de <a href="https://www.cybermalveillance.gouv.fr">cybermalveillance.gouv.fr</a>.
        </li>
        <li>Si vous avez déjà donné un mot de passe, changez-le tout de suite.</li>
      </ul>
    </section>
  );
}

function MailCheckPage(props: {
  ctx: PageContext;
  typed: string;
  answer: Answer;
  error?: string | undefined;
}) {
  const { ctx, answer } = props;
  return (
    <Layout ctx={ctx} title="Vérifier un courriel">
      <h1>Vérifier qu’un courriel vient bien de nous</h1>
      <p>
        Chaque courriel de {ctx.network.name} envoyé par cette plateforme porte en bas un code de vérification
        (par exemple K7QF-9XMD-2PAB). Saisissez-le ici, ou l’identifiant du message (Message-ID) que votre
        messagerie montre dans la source du courriel.
      </p>
      <ErrorSummary errors={props.error ? { code: props.error } : undefined} />
      <form method="post" action="/courriels/verifier">
        <CsrfField ctx={ctx} />
        <Field
          name="code"
          label="Code de vérification ou Message-ID"
          value={props.typed}
          required
          error={props.error}
          autocomplete="off"
        />
        <button type="submit">Vérifier</button>
      </form>
      {answer?.kind === 'found' ? (
        <section aria-labelledby="resultat" class="notice" role="status">
          <h2 id="resultat">Oui, ce courriel vient de nous</h2>
          <p>
            Envoyé par la plateforme de {ctx.network.name} le {formatDateTime(answer.mail.sentAt)}, avec le
            sujet « {answer.mail.subject} », à l’adresse {answer.mail.recipientMasked}.
          </p>
          <p>
            Si le courriel que vous avez sous les yeux a un autre sujet ou vient d’une autre adresse
            d’expéditeur, il a pu être imité : suivez les conseils ci-dessous.
          </p>
        </section>
      ) : answer?.kind === 'unknown' ? (
        <section aria-labelledby="resultat" class="error-summary" role="alert">
          <h2 id="resultat">Nous n’avons envoyé aucun courriel avec ce code</h2>
          <p>
            Vérifiez que vous avez bien recopié le code. S’il est exact, ce courriel ne vient pas de notre
            plateforme (ou il a plus d’un an) : méfiez-vous-en.
          </p>
        </section>
      ) : null}
      <Advice network={ctx.network.name} phone={ctx.network.phone} />
    </Layout>
  );
}

/** A code, or something that looks like a Message-ID; anything else is a mistake said in French. */
const readable = (typed: string) =>
  normaliseVerificationCode(typed) !== undefined || /^<?[^\s<>@]+@[^\s<>@]+>?$/.test(typed.trim());
const mistake =
  'Saisissez le code de 12 lettres et chiffres imprimé en bas du courriel (par exemple K7QF-9XMD-2PAB).';

export function mailCheckPages({ db }: Services) {
  const answer = async (typed: string): Promise<Answer> => {
    const mail = await findRegisteredMail(db, typed);
    return mail ? { kind: 'found', mail } : { kind: 'unknown' };
  };
  return [
    definePage({
      method: 'GET',
      url: '/courriels/verifier',
      access: 'public',
      query: z.object({ code: z.string().max(300).optional().catch(undefined) }),
      rateLimit: checkLimit,
      handler: async ({ ctx, query }) => {
        const typed = query.code?.trim() ?? '';
        if (!typed) return view(<MailCheckPage ctx={ctx} typed="" answer={undefined} />);
        if (!readable(typed))
          return view(<MailCheckPage ctx={ctx} typed={typed} answer={undefined} error={mistake} />, 400);
        return view(<MailCheckPage ctx={ctx} typed={typed} answer={await answer(typed)} />);
      },
    }),
    definePage({
      method: 'POST',
      url: '/courriels/verifier',
      access: 'public',
      rateLimit: checkLimit,
      handler: async ({ ctx, form }) => {
        const typed = (form.code ?? '').trim().slice(0, 300);
        if (!readable(typed))
          return view(<MailCheckPage ctx={ctx} typed={typed} answer={undefined} error={mistake} />, 400);
        return view(<MailCheckPage ctx={ctx} typed={typed} answer={await answer(typed)} />);
      },
    }),
  ];
}

export function mailCheckApi({ db }: Services) {
  return [
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/mail-verification/:code',
      tag: 'Courriels',
      summary:
        'Vérifier qu’un courriel vient de la plateforme, par le code imprimé en bas (ou son Message-ID) : quand, quel sujet, à quelle adresse (masquée)',
      operationId: 'verifyMail',
      auth: false,
      params: z.object({ code: z.string().max(200).refine(readable, mistake) }),
      responses: {
        200: {
          description: 'Envoyé par la plateforme',
          schema: z.object({
            sentByUs: z.literal(true),
            sentAt: z.string().describe('Date et heure d’envoi (ISO 8601)'),
            subject: z.string(),
            to: z.string().describe('L’adresse du destinataire, masquée : c•••@ville-exemple.fr'),
          }),
        },
        404: { description: 'Aucun courriel envoyé par la plateforme ne porte ce code' },
      },
      handler: async ({ params }) => {
        const mail = await findRegisteredMail(db, params.code);
        if (!mail) return fail(404, 'not_found', 'Aucun courriel envoyé par la plateforme ne porte ce code.');
        return {
          sentByUs: true as const,
          sentAt: mail.sentAt.toISOString(),
          subject: mail.subject,
          to: mail.recipientMasked,
        };
      },
    }),
  ];
}
