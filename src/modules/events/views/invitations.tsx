// The preview of an invitation: who will receive it, who is left out and why, the mail as sent, and the
// button that sends it.

import type { ComponentChildren } from 'preact';
import { composeMail, type MailContent } from '../../../platform/mail/mail.tsx';
import { formatWhen } from '../../../platform/time.ts';
import { CsrfField, Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { type InvitationPlan, invitationSegmentLabels } from '../invitations.ts';
import { BackLink, PeopleTable, type PersonRow, plural } from './parts.tsx';

export function InvitationPreviewPage(props: { ctx: PageContext; plan: InvitationPlan; emails: string[] }) {
  const { event, segment, toInvite, alreadyRegistered, alreadyInvited, disabled, example } = props.plan;
  return (
    <Layout ctx={props.ctx} title={`Inviter — ${event.title}`}>
      <BackLink event={event} />
      <h1>Inviter à « {event.title} »</h1>
      <p>
        {formatWhen(event.startsAt, event.endsAt, { withHours: true })}. Qui :{' '}
        {invitationSegmentLabels[segment]}.
      </p>
      <InvitationPreview
        toInvite={toInvite}
        leftOut={[
          {
            people: alreadyRegistered,
            one: 'déjà inscrite',
            many: 'déjà inscrites',
            caption: 'Déjà inscrites, laissées de côté',
          },
          {
            people: alreadyInvited,
            one: 'déjà invitée',
            many: 'déjà invitées',
            caption: 'Déjà invitées, laissées de côté',
          },
          {
            people: disabled,
            one: 'au compte désactivé',
            many: 'aux comptes désactivés',
            caption: 'Comptes désactivés, laissés de côté',
          },
        ]}
        mail={example ? composeMail(example) : undefined}
        attachment="Une invitation d’agenda est jointe ; chaque courriel dit à la personne pourquoi elle la reçoit."
        send={
          <form method="post" action={`/gestion/evenements/${event.id}/invitations`}>
            <CsrfField ctx={props.ctx} />
            <input type="hidden" name="segment" value={segment} />
            {segment === 'emails' ? (
              <input type="hidden" name="emails" value={props.emails.join('\n')} />
            ) : null}
            <button type="submit">
              Envoyer l’invitation à {plural(toInvite.length, 'personne', 'personnes')}
            </button>
          </form>
        }
        nobody={
          <p>
            <a href={`/gestion/evenements/${event.id}#invitations`}>Revenir à l’événement</a>
          </p>
        }
      />
    </Layout>
  );
}

/** People left out of an invitation, and why (« déjà inscrite »): counted in the summary, listed below. */
export interface LeftOut {
  people: PersonRow[];
  one: string;
  many: string;
  /** The caption of their list: « Déjà inscrites, laissées de côté ». */
  caption: string;
}

/**
 * The body of an invitation's preview, the same for the agenda's segments and a group's meeting: how many
 * will receive it and who is left out, the mail as the first of them will read it, the button that sends
 * it (or what to do when there is nobody), then the lists.
 */
export function InvitationPreview<P extends PersonRow>(props: {
  toInvite: P[];
  /** Why each person is invited, when the recipients come from several sources. */
  why?: { label: string; cell: (person: P) => string };
  leftOut: LeftOut[];
  mail: MailContent | undefined;
  /** What is attached and what follows, said under the mail. */
  attachment: string;
  send: ComponentChildren;
  nobody?: ComponentChildren;
}) {
  const { toInvite, mail } = props;
  const leftOut = props.leftOut.filter((l) => l.people.length > 0);
  return (
    <>
      <p role="status">
        {toInvite.length
          ? `${plural(toInvite.length, 'personne recevra', 'personnes recevront')} l’invitation, une fois chacune.`
          : 'Personne de nouveau à inviter.'}
        {leftOut.length
          ? ` Laissées de côté : ${leftOut.map((l) => plural(l.people.length, l.one, l.many)).join(', ')}.`
          : ''}
      </p>
      {mail ? (
        <section aria-labelledby="courriel" class="preview">
          <h2 id="courriel">
            Le courriel (tel que le lira {`${toInvite[0]!.firstName} ${toInvite[0]!.lastName}`})
          </h2>
          <p>
            <strong>Objet :</strong> {mail.subject}
          </p>
          <pre class="mail-text">{mail.text}</pre>
          <p class="muted">{props.attachment}</p>
        </section>
      ) : null}
      {toInvite.length ? props.send : (props.nobody ?? null)}
      {toInvite.length ? (
        <PeopleTable
          people={toInvite}
          caption={plural(toInvite.length, 'personne à inviter', 'personnes à inviter')}
          {...(props.why ? { extra: props.why } : {})}
        />
      ) : null}
      {leftOut.map((l) => (
        <PeopleTable key={l.one} people={l.people} caption={`${l.caption} (${l.people.length})`} />
      ))}
    </>
  );
}
