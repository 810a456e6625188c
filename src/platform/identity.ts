// Who the platform is to the outside world: the domain that names its calendar UIDs and Message-IDs, and
// the network's mail address, which calendar invitations give as their organiser.
import { isIP } from 'node:net';
import type { Config } from './env.ts';

export interface Identity {
  /** E.g. `coopdec.example.org`: the right-hand side of UIDs (`<event id>@domain`) and Message-IDs. */
  domain: string;
  /** The network as the sender of mails and the organiser of calendar invitations (from MAIL_FROM). */
  sender: { name: string; email: string };
}

/** `Nom <adresse@domaine>`, `"Nom" <adresse@domaine>` or a bare `adresse@domaine`. */
export function parseMailbox(value: string): { name: string; email: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+)>\s*$/.exec(value);
  if (match) return { name: match[1]!.trim(), email: match[2]! };
  return { name: '', email: value.trim() };
}

/**
 * The host of BASE_URL, unless it names no domain of ours (`localhost`, an IP address, a single label):
 * then the domain of MAIL_FROM. A UID or a Message-ID must be unique in the world, which a domain the
 * network owns guarantees and `localhost` does not.
 */
export function platformDomain(baseUrl: string, mailFrom: string): string {
  const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host.includes('.') && !isIP(host)) return host;
  const mailDomain = parseMailbox(mailFrom).email.split('@')[1]?.toLowerCase();
  return mailDomain || host;
}

export function identityOf(config: Pick<Config, 'baseUrl' | 'MAIL_FROM'>): Identity {
  const sender = parseMailbox(config.MAIL_FROM);
  return {
    domain: platformDomain(config.baseUrl, config.MAIL_FROM),
    sender: { name: sender.name || sender.email, email: sender.email },
  };
}
