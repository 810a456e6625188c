// Writing to an event's registrants: the form, the preview (who receives what, the mail as sent) with the
// button that sends it, and the messages sent before.
import { composeMail } from '../../../platform/mail/mail.tsx';
import { formatMoment, formatWhen } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  Layout,
  type PageContext,
  TextArea,
} from '../../../platform/views/layout.tsx';
import {
  type EventMessageRow,
  type MessagePreview,
  messageAudienceLabels,
  messageReasonLabels,
} from '../event-messages.ts';
import { messageAudiences } from '../events.schema.ts';
import type { Event } from '../events.ts';
import { BackLink, Choices, ErrorBox, type FormState, PeopleTable, plural } from './parts.tsx';

/** « mardi 22 décembre 2026 à 9 h 30 » */

function PreviewSection({ ctx, preview }: { ctx: PageContext; preview: MessagePreview }) {
  const { event, message, recipients, example } = preview;
  const mail = composeMail(example);
  return (
    <section aria-labelledby="apercu" class="preview">
      <h2 id="apercu">Aperçu avant l’envoi</h2>
      <p role="status">
        {plural(recipients.length, 'destinataire', 'destinataires')} ({messageAudienceLabels[message.to]}).
        Chacun reçoit ce message une fois, même si le bouton est pressé deux fois.
      </p>
      <h3>Le courriel (tel que le lira {`${recipients[0]!.firstName} ${recipients[0]!.lastName}`})</h3>
      <p>
        <strong>Objet :</strong> {mail.subject}
      </p>
      <pre class="mail-text">{mail.text}</pre>
      <form method="post" action={`/gestion/evenements/${event.id}/messages`}>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="to" value={message.to} />
        <input type="hidden" name="subject" value={message.subject} />
        <input type="hidden" name="body" value={message.body} />
        <button type="submit">Envoyer à {plural(recipients.length, 'destinataire', 'destinataires')}</button>
      </form>
      <PeopleTable
        people={recipients}
        caption="Les destinataires"
        extra={{ label: 'Situation', cell: (r) => messageReasonLabels[r.why] }}
      />
    </section>
  );
}

function SentMessages({ messages }: { messages: EventMessageRow[] }) {
  if (messages.length === 0) return <p>Aucun message n’a encore été écrit aux inscrits de cet événement.</p>;
  return (
    <div class="table-scroll">
      <table>
        <caption>
          {plural(messages.length, 'message envoyé', 'messages envoyés')}, du plus récent au plus ancien
        </caption>
        <thead>
          <tr>
            <th scope="col">Envoyé le</th>
            <th scope="col">Objet</th>
            <th scope="col">Destinataires</th>
            <th scope="col">Par</th>
          </tr>
        </thead>
        <tbody>
          {messages.map(({ message, sentByName }) => (
            <tr key={message.id}>
              <td>
                <time dateTime={message.sentAt.toISOString()}>{formatMoment(message.sentAt)}</time>
              </td>
              <td>
                <details>
                  <summary>{message.subject}</summary>
                  <pre class="mail-text">{message.body}</pre>
                </details>
              </td>
              <td>
                {messageAudienceLabels[message.audience]} :{' '}
                {plural(message.recipients, 'personne', 'personnes')}
              </td>
              <td>{sentByName ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EventMessagesPage(props: {
  ctx: PageContext;
  event: Event;
  messages: EventMessageRow[];
  form?: FormState | undefined;
  /** A refusal about no field (the event cancelled meanwhile, say). */
  error?: string | undefined;
  preview?: MessagePreview | undefined;
  notice?: string | undefined;
}) {
  const { event } = props;
  const v = props.form?.values ?? {};
  const e = props.form?.errors;
  const title = `Écrire aux inscrits — ${event.title}`;
  return (
    <Layout ctx={props.ctx} title={e || props.error ? `Erreur — ${title}` : title} notice={props.notice}>
      <BackLink event={event} />
      <h1>Écrire aux inscrits</h1>
      <p>
        {event.title}, {formatWhen(event.startsAt, event.endsAt, { withHours: true })}.
      </p>
      <ErrorBox title="Le message n’est pas parti" message={props.error} />
      {event.cancelledAt ? (
        <p>
          Cet événement est annulé : ses inscrits ont reçu l’annonce de l’annulation, on ne peut plus leur
          écrire d’ici.
        </p>
      ) : (
        <form method="post" action={`/gestion/evenements/${event.id}/messages/apercu`} novalidate>
          <CsrfField ctx={props.ctx} />
          <ErrorSummary errors={e} />
          <Choices
            name="to"
            legend="Destinataires"
            options={messageAudiences.map((a) => [a, messageAudienceLabels[a]] as const)}
            value={v.to}
            error={e?.to}
          />
          <Field
            name="subject"
            label="Objet"
            required
            value={v.subject}
            error={e?.subject}
            autocomplete="off"
          />
          <TextArea
            name="body"
            label="Message"
            hint="Texte simple. Séparez les paragraphes par une ligne vide. Le courriel commence par « Bonjour » et le prénom, et se termine par la raison de l’envoi et la signature du réseau."
            required
            value={v.body}
            error={e?.body}
            rows={10}
          />
          <button type="submit">Prévisualiser</button>
        </form>
      )}
      {props.preview ? <PreviewSection ctx={props.ctx} preview={props.preview} /> : null}
      <h2 id="envoyes">Messages envoyés</h2>
      <SentMessages messages={props.messages} />
    </Layout>
  );
}
