// Sign-in by emailed link: single use, short-lived, rate-limited per address, and the same answer
// whether or not the address has an account.
import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { network } from '../../platform/identity.ts';
import { composeMail, maskedSecret, queueMail } from '../../platform/mail/mail.tsx';
import { fail, ok, type Result } from '../../platform/result.ts';
import { hashSecret, newSecret } from '../../platform/secrets.ts';
import { findPersonByEmail, getPerson } from '../organisations/people.ts';
import { accountsMessages as messages } from './accounts.messages.ts';
import { signInTokens } from './accounts.schema.ts';

/** At most this many links per address in a quarter of an hour; further requests send nothing. */
export const linksPerAddress = 3;

export interface SignInLinkOptions {
  baseUrl: string;
  validMinutes: number;
}

/** Creates a link and returns it (the CLI prints it); `requestSignInLink` mails it. */
export async function createSignInLink(
  executor: Executor,
  personId: string,
  options: SignInLinkOptions,
): Promise<string> {
  const token = newSecret();
  await executor.insert(signInTokens).values({
    tokenHash: hashSecret(token),
    personId,
    expiresAt: new Date(Date.now() + options.validMinutes * 60_000),
  });
  return `${options.baseUrl}/connexion/lien?jeton=${encodeURIComponent(token)}`;
}

/** How many links the person was sent in the last quarter of an hour. */
export async function recentLinks(executor: Executor, personId: string): Promise<number> {
  const [recent] = await executor
    .select({ n: count() })
    .from(signInTokens)
    .where(
      and(
        eq(signInTokens.personId, personId),
        gt(signInTokens.createdAt, sql`now() - interval '15 minutes'`),
      ),
    );
  return recent?.n ?? 0;
}

/** Mails a link if the address belongs to an enabled account; says nothing either way. */
export async function requestSignInLink(
  executor: Executor,
  email: string,
  options: SignInLinkOptions,
): Promise<void> {
  const person = await findPersonByEmail(executor, email);
  if (!person || person.disabledAt) return;
  if ((await recentLinks(executor, person.id)) >= linksPerAddress) return;
  const url = await createSignInLink(executor, person.id, options);
  // The link is a key to the account: the outbox keeps the mail with it masked, the link sealed beside it.
  const mail = composeMail({
    to: person.email,
    subject: `Votre lien de connexion — ${network().name}`,
    greeting: `Bonjour ${person.firstName},`,
    paragraphs: [
      `Vous avez demandé à vous connecter à la plateforme de ${network().name}. Ce lien ne sert qu’une fois.`,
    ],
    action: { label: 'Me connecter', url: maskedSecret },
    footnote: `Ce lien expire dans ${options.validMinutes} minutes. Si vous n’avez rien demandé, ignorez ce message : personne ne peut se connecter sans lui.`,
    reason: `Vous recevez ce courriel parce que quelqu’un a demandé un lien de connexion pour ${person.email} sur ${new URL(options.baseUrl).host}.`,
  });
  await queueMail(executor, { ...mail, secret: { placeholder: maskedSecret, value: url } });
}

/** Spends a link: succeeds once, within its validity, for an enabled account. */
export async function consumeSignInLink(executor: Executor, token: string): Promise<Result<string>> {
  const [row] = await executor
    .update(signInTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(signInTokens.tokenHash, hashSecret(token)),
        isNull(signInTokens.usedAt),
        gt(signInTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ personId: signInTokens.personId });
  // A link of an account disabled since it was sent is spent all the same, and opens nothing.
  const person = row ? await getPerson(executor, row.personId) : undefined;
  if (!row || !person || person.disabledAt) {
    return fail(410, 'link_expired', messages.linkExpired());
  }
  await audit(executor, {
    actorId: row.personId,
    action: 'sign_in',
    entity: 'person',
    entityId: row.personId,
  });
  return ok(row.personId);
}
