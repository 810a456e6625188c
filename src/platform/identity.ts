// Who we are: the network's name, address and contacts (configuration, read once at boot), said on every
// page, in every mail and on every certificate — élus are warned against phishing and must recognise us;
// and the platform's own domain, which names calendar UIDs and Message-IDs.
import { isIP } from 'node:net';
import type { Config } from './env.ts';
import { parseEnv } from './env.ts';

/** The network: its name, address and contacts. */
export interface Network {
  name: string;
  address: string;
  phone: string;
  email: string;
  website: string;
  logo: string;
}

export const networkOf = (config: Config): Network => ({
  name: config.NETWORK_NAME,
  address: config.NETWORK_ADDRESS,
  phone: config.NETWORK_PHONE,
  email: config.NETWORK_EMAIL,
  website: config.NETWORK_WEBSITE,
  logo: config.NETWORK_LOGO,
});

// Before boot (a test that builds a mail without the app), the defaults of the configuration.
let current: Network = networkOf(parseEnv({}));

/** Installs the configured network (at boot). */
export function installNetwork(config: Config) {
  current = networkOf(config);
}

export const network = (): Network => current;

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
