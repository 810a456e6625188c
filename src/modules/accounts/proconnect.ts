// ProConnect, the identity federation of public agents (OpenID Connect), as an optional sign-in.
// Claims used: sub, email, email_verified, acr. A person is matched by sub, then by a verified email; the
// ID token must carry the level of assurance we asked for (acr).
import * as oidc from 'openid-client';
import type { Executor } from '../../platform/db/client.ts';
import type { Config } from '../../platform/env.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import {
  findPersonByEmail,
  findPersonByOidcSubject,
  linkOidcSubject,
  type Person,
} from '../organisations/people.ts';
import { accountsMessages as messages } from './accounts.messages.ts';

export interface ProConnectSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/** What the browser keeps (in an httpOnly cookie) between the redirect and the callback. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
}

const scope = 'openid email given_name usual_name siret';

/** The level of assurance asked (`acr_values`) and those accepted in return (eIDAS « substantiel », « élevé »). */
const askedAcr = 'eidas1';
const acceptedAcr = new Set(['eidas1', 'eidas2', 'eidas3']);

export interface ProConnectIdentity {
  sub: string;
  email: string;
  /** Only a verified email may link a ProConnect identity to an account found by its address. */
  emailVerified: boolean;
}

/** The pending sign-in kept in the browser's cookie, or undefined when it is missing or unreadable. */
export function readPendingSignIn(cookie: string | undefined): PendingSignIn | undefined {
  try {
    const pending = JSON.parse(cookie ?? '') as Partial<PendingSignIn> | null;
    return pending?.state ? (pending as PendingSignIn) : undefined;
  } catch {
    return undefined;
  }
}

/** ProConnect as configured, or undefined when it is not (then its pages do not exist). */
export function proConnectFrom(config: Config): ProConnect | undefined {
  if (!config.PROCONNECT_ISSUER) return undefined;
  return new ProConnect({
    issuer: config.PROCONNECT_ISSUER,
    clientId: config.PROCONNECT_CLIENT_ID!,
    clientSecret: config.PROCONNECT_CLIENT_SECRET!,
    redirectUri: `${config.baseUrl}/connexion/proconnect/retour`,
  });
}

export class ProConnect {
  #configuration: Promise<oidc.Configuration> | undefined;

  private readonly settings: ProConnectSettings;

  constructor(settings: ProConnectSettings) {
    this.settings = settings;
  }

  #discover(): Promise<oidc.Configuration> {
    this.#configuration ??= (async () => {
      const issuer = new URL(this.settings.issuer);
      // Plain HTTP only for a provider on this machine (tests, local development).
      const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
      const configuration = await oidc.discovery(
        issuer,
        this.settings.clientId,
        { client_secret: this.settings.clientSecret, id_token_signed_response_alg: 'RS256' },
        oidc.ClientSecretPost(this.settings.clientSecret),
        loopback && issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined,
      );
      return configuration;
    })().catch((error) => {
      this.#configuration = undefined;
      throw error;
    });
    return this.#configuration;
  }

  async start(): Promise<{ url: string; pending: PendingSignIn }> {
    const configuration = await this.#discover();
    const pending = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUri,
      scope,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      acr_values: askedAcr,
    });
    return { url: url.href, pending };
  }

  /** Checks the callback and returns the identity's claims. */
  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<Result<ProConnectIdentity>> {
    const configuration = await this.#discover();
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
      });
      const idClaims = tokens.claims();
      if (!idClaims) return fail(401, 'proconnect', messages.proConnectNoIdentity());
      // The provider must say it authenticated the person at the level asked, not lower.
      if (typeof idClaims.acr !== 'string' || !acceptedAcr.has(idClaims.acr)) {
        return fail(401, 'proconnect', messages.proConnectWeakAuthentication());
      }
      const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      const email = typeof userInfo.email === 'string' ? userInfo.email : undefined;
      if (!email) return fail(401, 'proconnect', messages.proConnectNoEmail());
      return ok({ sub: idClaims.sub, email, emailVerified: userInfo.email_verified === true });
    } catch {
      return fail(401, 'proconnect', messages.proConnectFailed());
    }
  }
}

/** The account behind a ProConnect identity: by sub first, then by a verified email (which links the sub). */
export async function matchProConnectIdentity(
  executor: Executor,
  identity: ProConnectIdentity,
): Promise<Result<Person>> {
  const bySub = await findPersonByOidcSubject(executor, identity.sub);
  if (!bySub && !identity.emailVerified)
    return fail(403, 'no_account', messages.proConnectEmailNotVerified());
  const person = bySub ?? (await findPersonByEmail(executor, identity.email));
  if (!person || person.disabledAt) {
    return fail(403, 'no_account', messages.noAccount());
  }
  if (!bySub) {
    if (person.oidcSub) {
      return fail(403, 'no_account', messages.linkedToAnotherIdentity());
    }
    await linkOidcSubject(executor, person.id, identity.sub);
  }
  return ok(person);
}
