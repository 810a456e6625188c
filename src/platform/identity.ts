// Who we are: the network's name, address and contacts (configuration, read once at boot), said on every
// page, in every mail and on every certificate — élus are warned against phishing and must recognise us.
import type { Config } from './env.ts';
import { parseEnv } from './env.ts';

export interface Identity {
  name: string;
  address: string;
  phone: string;
  email: string;
  website: string;
  logo: string;
}

const fromConfig = (config: Config): Identity => ({
  name: config.NETWORK_NAME,
  address: config.NETWORK_ADDRESS,
  phone: config.NETWORK_PHONE,
  email: config.NETWORK_EMAIL,
  website: config.NETWORK_WEBSITE,
  logo: config.NETWORK_LOGO,
});

// Before boot (a test that builds a mail without the app), the defaults of the configuration.
let current: Identity = fromConfig(parseEnv({}));

/** Installs the configured identity (at boot). */
export function installIdentity(config: Config) {
  current = fromConfig(config);
}

export const identity = (): Identity => current;
