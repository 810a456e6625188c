// Mail: written in the transaction of what it announces (outbox), sent later by the job queue over SMTP.
// Without SMTP (development), mails are kept and listed for staff at /dev/courriels.

import { createHmac, randomUUID } from 'node:crypto';
import { desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import { type Db, type Executor, queryRows } from '../db/client.ts';
import { jobs, mailRegister, mails } from '../db/platform.schema.ts';
import { together } from '../db/together.ts';
import type { Config } from '../env.ts';
import { identityOf, network } from '../identity.ts';
import type { JobHandler } from '../jobs/queue.ts';
import { installedSecretsKey, isSealed, seal, unseal } from '../secrets.ts';
import { renderToString } from '../views/render.tsx';

/** An iTIP calendar part (RFC 5546): the meeting to add or update (REQUEST), or to remove (CANCEL). */
export interface MailCalendar {
  method: 'REQUEST' | 'CANCEL';
  /** The iCalendar text, its METHOD the same as `method`. */
  content: string;
}

export interface MailContent {
  to: string;
  subject: string;
  html: string;
  text: string;
  calendar?: MailCalendar | undefined;
  /**
   * A secret the mail carries (a sign-in link) that the outbox must never keep readable: the html and text
   * hold `placeholder`; the value is sealed beside them, put in at sending, then forgotten.
   */
  secret?: { placeholder: string; value: string } | undefined;
}

/** A value put into a mail's HTML where a placeholder stood (in an attribute or in text). */
export const escapeHtml = (value: string) =>
  value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** What the mails page and the stored mail show where a secret goes. */
export const maskedSecret = '[lien personnel, masqué ici : il ne figure que dans le courriel envoyé]';

export const mailJob = 'mail.send';

/**
 * A mail and its sending job as two parts of one statement (`together`), named `name` and `<name>_job`.
 * With a `key`, a mail already written under that key is not written again, nor its job (a job that runs
 * twice after a crash does not mail twice); the `name` part then returns no row. With `when`, an SQL
 * condition on the statement's other parts, the mail is written only if it holds (the mail of an outcome
 * decided in the same statement).
 */
export function mailInserts(content: MailContent, options: { key?: string; when?: SQL } = {}, name = 'mail') {
  const id = randomUUID();
  const secret = content.secret
    ? JSON.stringify(seal(installedSecretsKey(), JSON.stringify(content.secret), `mails:${id}`))
    : null;
  return {
    [name]: sql`insert into ${mails} (id, secret, "to", subject, html, text, calendar_method, calendar, dedupe_key)
      select ${id}::uuid, ${secret}::jsonb, ${content.to}, ${content.subject}, ${content.html}, ${content.text},
        ${content.calendar?.method ?? null}, ${content.calendar?.content ?? null}, ${options.key ?? null}
      where ${options.when ?? sql`true`}
      on conflict (dedupe_key) do nothing returning id`,
    [`${name}_job`]: sql`insert into ${jobs} (kind, payload, run_at)
      select ${mailJob}, jsonb_build_object('mailId', id), ${new Date().toISOString()}::timestamptz
      from ${sql.identifier(name)}`,
  };
}

/** Writes a mail and its sending job (see `mailInserts`); returns its id, or undefined if it was written already. */
export async function queueMail(
  executor: Executor,
  content: MailContent,
  options: { key?: string } = {},
): Promise<string | undefined> {
  const [row] = await queryRows<{ id: string }>(
    executor,
    together(mailInserts(content, options), sql`select id from mail`),
  );
  return row?.id;
}

export interface MailMessage {
  to: string;
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Shown after the action, in smaller text (e.g. « ce lien expire dans 10 minutes »). */
  footnote?: string;
  /** Why this person receives this mail, said plainly at its end (« Vous êtes inscrite à … »). */
  reason?: string;
}

// ——— Verifying that a mail is ours ———

/**
 * Where a mail shows its verification code and the address of the page that checks it: written by whoever
 * composes the mail, filled by the transport as the mail leaves (the code depends on its Message-ID).
 */
export const verificationPlaceholders = {
  code: '[[code-de-verification]]',
  url: '[[adresse-de-verification]]',
} as const;

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * « K7QF-9XMD-2PAB »: 60 bits of an HMAC of the Message-ID made with the secrets key. The same for a mail sent
 * again after a crash; impossible to guess or to make for a mail we did not send.
 */
export function verificationCode(messageId: string): string {
  const digest = createHmac('sha256', installedSecretsKey())
    .update(`mail.verification:${messageId}`)
    .digest();
  const code = Array.from(digest.subarray(0, 12), (byte) => crockford[byte % 32]).join('');
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** A code as typed by a person (lower case, spaces, O for 0, I or L for 1), written as we print it. */
export function normaliseVerificationCode(typed: string): string | undefined {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(plain)) return undefined;
  return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`;
}

/** « c•••@ville-exemple.fr »: enough for its owner to recognise, nothing for anyone else. */
export const maskAddress = (email: string) => {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, Math.min(1, at))}•••${email.slice(at)}`;
};

export interface RegisteredMail {
  code: string;
  messageId: string;
  subject: string;
  recipientMasked: string;
  sentAt: Date;
}

/** The mail a verification code (or a Message-ID, with or without its angle brackets) names, if we sent it. */
export async function findRegisteredMail(
  executor: Executor,
  typed: string,
): Promise<RegisteredMail | undefined> {
  const code = normaliseVerificationCode(typed);
  const messageId = typed.trim().replace(/^<?/, '<').replace(/>?$/, '>');
  const [row] = await executor
    .select()
    .from(mailRegister)
    .where(code ? eq(mailRegister.code, code) : eq(mailRegister.messageId, messageId));
  return row;
}

/**
 * Every mail ends by saying who sends it and how to check it is us: the network's name, address, telephone
 * and website, and the mail's own verification code. Élus are warned against phishing; a mail that says who we
 * are, never asks for a password and can be checked on our site is one they can trust.
 */
function signature(): string[] {
  const n = network();
  return [
    `— ${n.name}`,
    `${n.address} · ${n.phone} · ${n.website}`,
    'Nous ne vous demandons jamais de mot de passe ni de coordonnées bancaires par courriel.',
    `Code de vérification de ce courriel : ${verificationPlaceholders.code} — vérifiez qu’il vient bien de nous : ${verificationPlaceholders.url}`,
  ];
}

/** Writes an accessible HTML mail and its text part from the same words. */
export function composeMail(message: MailMessage): MailContent {
  const html = `<!doctype html>${renderToString(
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <title>{message.subject}</title>
      </head>
      <body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1e1e1e;">
        <p>{message.greeting}</p>
        {message.paragraphs.map((p) => (
          <p key={p}>{p}</p>
        ))}
        {message.action ? (
          <p>
            <a
              href={message.action.url}
              style="display: inline-block; padding: 12px 20px; background: #1a3d8f; color: #ffffff; text-decoration: none; border-radius: 4px;"
            >
              {message.action.label}
            </a>
          </p>
        ) : null}
        {message.footnote ? <p style="font-size: 14px; color: #4a4a4a;">{message.footnote}</p> : null}
        {message.reason ? <p style="font-size: 14px; color: #4a4a4a;">{message.reason}</p> : null}
        <p style="font-size: 14px; color: #4a4a4a; border-top: 1px solid #c9cedb; padding-top: 8px;">
          {signature()
            .slice(0, -1)
            .map((line, index) => (
              <span key={line}>
                {index ? <br /> : null}
                {line}
              </span>
            ))}
          <br />
          Code de vérification : {verificationPlaceholders.code} —{' '}
          <a href={verificationPlaceholders.url}>Vérifier l’authenticité de ce courriel</a>
        </p>
      </body>
    </html>,
  )}`;
  const text = [
    message.greeting,
    '',
    ...message.paragraphs.flatMap((p) => [p, '']),
    ...(message.action ? [`${message.action.label} : ${message.action.url}`, ''] : []),
    ...(message.footnote ? [message.footnote, ''] : []),
    ...(message.reason ? [message.reason, ''] : []),
    ...signature(),
  ].join('\n');
  return { to: message.to, subject: message.subject, html, text };
}

export interface MailSenderOptions {
  smtpUrl: string | undefined;
  from: string;
  /** The platform's domain (`identityOf(config).domain`): Message-IDs are `<mail id@domain>`. */
  domain: string;
  /** The platform's address: each mail's verification link leads to its page. */
  baseUrl: string;
  /** DKIM signing of every mail (RFC 6376), when a key is configured. */
  dkim?: { domainName: string; keySelector: string; privateKey: string } | undefined;
}

/** The sending options of the configuration. */
export function mailOptionsOf(config: Config): MailSenderOptions {
  const { domain } = identityOf(config);
  return {
    smtpUrl: config.SMTP_URL,
    from: config.MAIL_FROM,
    domain,
    baseUrl: config.baseUrl,
    dkim:
      config.DKIM_PRIVATE_KEY && config.DKIM_SELECTOR
        ? {
            domainName: config.DKIM_DOMAIN ?? domain,
            keySelector: config.DKIM_SELECTOR,
            privateKey: config.DKIM_PRIVATE_KEY,
          }
        : undefined,
  };
}

/** The Message-ID of a mail: fixed by its id, so that a mail sent again is recognised as the same. */
export const messageIdOf = (mailId: string, domain: string) => `<${mailId}@${domain}>`;

/** A mail as it leaves for the SMTP server. */
export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  /** More headers (`List-Unsubscribe`…). */
  headers?: Record<string, string>;
  icalEvent?: { method: string; filename: string; content: string };
}

/** The one way mails leave the platform: every sender (the outbox, the Lettre) goes through it. */
export interface MailTransport {
  /** False without SMTP (development): nothing can leave. */
  configured: boolean;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * A transport to the SMTP server of `smtpUrl`. With `connections`, a pool of that many connections kept open
 * (the Lettre's thousands of mails); without, one connection per mail (the outbox's few). Each mail gets its
 * verification code (written in the register before it leaves: a mail accepted just before a crash is known)
 * and, with a key, its DKIM signature.
 */
export function createMailTransport(
  db: Executor,
  options: MailSenderOptions & { connections?: number },
): MailTransport {
  const { smtpUrl } = options;
  // nodemailer is loaded for the first mail, not at start: its modules were 0.04 s of every start
  // (decision 025).
  let transport: Promise<Transporter> | undefined;
  const open = (url: string) =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url,
        ...(options.connections
          ? { pool: true, maxConnections: options.connections, maxMessages: Number.POSITIVE_INFINITY }
          : {}),
        ...(options.dkim ? { dkim: options.dkim } : {}),
      }),
    ));
  return {
    configured: Boolean(smtpUrl),
    send: async (mail) => {
      if (!smtpUrl) throw new Error('aucun serveur SMTP configuré (SMTP_URL)');
      const code = verificationCode(mail.messageId);
      const url = `${options.baseUrl}/courriels/verifier?code=${code}`;
      const fill = (body: string, encode: (v: string) => string) =>
        body
          .replaceAll(verificationPlaceholders.code, code)
          .replaceAll(verificationPlaceholders.url, encode(url));
      await db
        .insert(mailRegister)
        .values({
          code,
          messageId: mail.messageId,
          subject: mail.subject,
          recipientMasked: maskAddress(mail.to),
        })
        .onConflictDoNothing();
      await (await open(smtpUrl)).sendMail({
        from: options.from,
        ...mail,
        html: fill(mail.html, escapeHtml),
        text: fill(mail.text, (v) => v),
      });
    },
    close: () => void transport?.then((t) => t.close()),
  };
}

/**
 * The job that sends one mail. A mail already sent is never sent again (its Message-ID is fixed too).
 * A calendar part goes as nodemailer's `icalEvent`: a `text/calendar; method=…` alternative beside the
 * text and HTML (what Outlook, Gmail and Thunderbird look for) and the same as an `invitation.ics` file.
 */
export function createMailSender(db: Db, options: MailSenderOptions): { handler: JobHandler; close(): void } {
  const transport = createMailTransport(db, options);
  const handler: JobHandler = async (payload) => {
    const mailId = String(payload.mailId);
    const [mail] = await db.select().from(mails).where(eq(mails.id, mailId));
    if (!mail || mail.sentAt) return;
    if (!transport.configured) {
      // Kept for the development page, which must not show the secret: it is forgotten at once.
      if (mail.secret) await db.update(mails).set({ secret: null }).where(eq(mails.id, mailId));
      return;
    }
    const secret = isSealed(mail.secret)
      ? (JSON.parse(unseal(installedSecretsKey(), mail.secret, `mails:${mail.id}`)) as {
          placeholder: string;
          value: string;
        })
      : undefined;
    const fill = (body: string, encode: (v: string) => string) =>
      secret ? body.replaceAll(secret.placeholder, encode(secret.value)) : body;
    await transport.send({
      to: mail.to,
      subject: mail.subject,
      html: fill(mail.html, escapeHtml),
      text: fill(mail.text, (v) => v),
      messageId: messageIdOf(mail.id, options.domain),
      ...(mail.calendar && mail.calendarMethod
        ? { icalEvent: { method: mail.calendarMethod, filename: 'invitation.ics', content: mail.calendar } }
        : {}),
    });
    await db.update(mails).set({ sentAt: new Date(), secret: null }).where(eq(mails.id, mailId));
  };
  return { handler, close: transport.close };
}

export async function listRecentMails(executor: Executor, limit = 50) {
  return executor.select().from(mails).orderBy(desc(mails.createdAt)).limit(limit);
}

// ——— Mails the queue gave up on ———

/** A mail whose sending job failed for good (after its retries): what staff sees to act on it. */
export interface FailedMail {
  id: string;
  to: string;
  subject: string;
  createdAt: Date;
  failedAt: Date;
  lastError: string | null;
}

// A mail is failed when its sending job was set aside (`failed_at`) and the mail was never sent.
const failedMails = sql`from mails m join jobs j on j.kind = ${mailJob} and j.payload->>'mailId' = m.id::text
  where j.failed_at is not null and m.sent_at is null`;

export async function countFailedMails(executor: Executor): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    executor,
    sql`select count(distinct m.id)::int as n ${failedMails}`,
  );
  return row?.n ?? 0;
}

/** The failed mails, newest first (at most `limit`), with the last error of their job. */
export async function listFailedMails(executor: Executor, limit = 100): Promise<FailedMail[]> {
  const rows = await queryRows<{
    id: string;
    to: string;
    subject: string;
    created_at: string | Date;
    failed_at: string | Date;
    last_error: string | null;
  }>(
    executor,
    sql`select distinct on (m.id) m.id, m."to", m.subject, m.created_at, j.failed_at, j.last_error
      ${failedMails} order by m.id, j.failed_at desc`,
  );
  return rows
    .map((r) => ({
      id: r.id,
      to: r.to,
      subject: r.subject,
      createdAt: new Date(r.created_at),
      failedAt: new Date(r.failed_at),
      lastError: r.last_error,
    }))
    .sort((a, b) => b.failedAt.getTime() - a.failedAt.getTime())
    .slice(0, limit);
}

/**
 * Gives a failed mail's job its attempts again (after an SMTP outage, say), to run now; returns false for
 * a mail that is not failed (sent since, retried already, unknown).
 */
export async function retryFailedMail(executor: Executor, mailId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    executor,
    sql`update jobs set failed_at = null, attempts = 0, run_at = now(), locked_until = null
      where kind = ${mailJob} and payload->>'mailId' = ${mailId} and failed_at is not null
        and not exists (select 1 from mails where id::text = ${mailId} and sent_at is not null)
      returning id`,
  );
  return rows.length > 0;
}
