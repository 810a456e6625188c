// The preview of an invitation: who will receive it, who is left out and why, the mail as sent, and the
// button that sends it.

import { composeMail } from '../../../platform/mail/mail.tsx';
import { formatWhen } from '../../../platform/time.ts';
import { CsrfField, Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { type InvitationPlan, invitationSegmentLabels } from '../invitations.ts';
import { BackLink, PeopleTable, plural } from './parts.tsx';

export function InvitationPreviewPage(props: { ctx: PageContext; plan: InvitationPlan; emails: string[] }) {
  const { event, segment, toInvite, alreadyRegistered, alreadyInvited, disabled, example } = props.plan;
  const leftOut = [
    alreadyRegistered.length ? plural(alreadyRegistered.length, 'déjà inscrite', 'déjà inscrites') : '',
    alreadyInvited.length ? plural(alreadyInvited.length, 'déjà invitée', 'déjà invitées') : '',
    disabled.length ? plural(disabled.length, 'au compte désactivé', 'aux comptes désactivés') : '',
  ].filter(Boolean);
  const mail = example ? composeMail(example) : undefined;
  return (
    <Layout ctx={props.ctx} title={`Inviter — ${event.title}`}>
      <BackLink event={event} />
      <h1>Inviter à « {event.title} »</h1>
      <p>
        {formatWhen(event.startsAt, event.endsAt, { withHours: true })}. Qui :{' '}
        {invitationSegmentLabels[segment]}.
      </p>
      <p role="status">
        {toInvite.length
          ? `${plural(toInvite.length, 'personne recevra', 'personnes recevront')} l’invitation, une fois chacune.`
          : 'Personne de nouveau à inviter.'}
        {leftOut.length ? ` Laissées de côté : ${leftOut.join(', ')}.` : ''}
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
          <p class="muted">
            Une invitation d’agenda est jointe ; chaque courriel dit à la personne pourquoi elle la reçoit.
          </p>
        </section>
      ) : null}
      {toInvite.length ? (
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
      ) : (
        <p>
          <a href={`/gestion/evenements/${event.id}#invitations`}>Revenir à l’événement</a>
        </p>
      )}
      {toInvite.length ? (
        <PeopleTable
          people={toInvite}
          caption={plural(toInvite.length, 'personne à inviter', 'personnes à inviter')}
        />
      ) : null}
      {alreadyRegistered.length ? (
        <PeopleTable
          people={alreadyRegistered}
          caption={`Déjà inscrites, laissées de côté (${alreadyRegistered.length})`}
        />
      ) : null}
      {alreadyInvited.length ? (
        <PeopleTable
          people={alreadyInvited}
          caption={`Déjà invitées, laissées de côté (${alreadyInvited.length})`}
        />
      ) : null}
      {disabled.length ? (
        <PeopleTable people={disabled} caption={`Comptes désactivés, laissés de côté (${disabled.length})`} />
      ) : null}
    </Layout>
  );
}
