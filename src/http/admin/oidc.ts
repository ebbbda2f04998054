import { createRemoteJWKSet, customFetch, errors as joseErrors, type JWTPayload, jwtVerify } from 'jose';
import { z } from 'zod';
import { HelpdeskError } from '../../errors.js';

/** The settings of the console's single sign-on (from `ADMIN_OIDC_*`). */
export interface OidcSettings {
  /** The issuer exactly as its ID tokens name it; discovery is read from `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** Absent for a public client (PKCE alone). */
  clientSecret?: string;
  /** E-mail domains allowed to sign in (lower case); empty: any. */
  allowedDomains: readonly string[];
  /** App roles of which the user must hold one (`roles` claim); empty: any. */
  allowedRoles: readonly string[];
}

/** The provider's metadata, validated with only the fields used. */
export const OidcMetadata = z.object({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
});
export type OidcMetadata = z.infer<typeof OidcMetadata>;

/** The token endpoint's answer: only the ID token is used (no access token is kept). */
const TokenResponse = z.object({ id_token: z.string().min(1) });

/** What one sign-in attempt carries from the redirect to the callback (kept in a short-lived HttpOnly cookie). */
export interface OidcTransaction {
  state: string;
  nonce: string;
  /** The PKCE code verifier; only its SHA-256 (`code_challenge`) went to the provider. */
  verifier: string;
}

/** Why a sign-in was refused: a stable code for logs and the console's Danish message. */
export type OidcFailure =
  | 'expired'
  | 'state'
  | 'provider'
  | 'exchange'
  | 'nonce'
  | 'audience'
  | 'issuer'
  | 'token_expired'
  | 'signature'
  | 'token'
  | 'not_allowed';

/**
 * A refused sign-in: an `unauthorized` HelpdeskError whose `details.reason` names the failed check.
 * Messages are English: they go to the log; the console shows its own Danish text per reason.
 */
export function oidcRefusal(reason: OidcFailure, message: string, cause?: unknown): HelpdeskError {
  return new HelpdeskError('unauthorized', message, { details: { reason }, ...(cause === undefined ? {} : { cause }) });
}

/** The failed check of a refused sign-in, or undefined for another error (discovery, network). */
export function oidcFailureOf(error: unknown): OidcFailure | undefined {
  if (!HelpdeskError.isInstance(error) || error.code !== 'unauthorized') return undefined;
  return error.details?.reason as OidcFailure | undefined;
}

/** The person an accepted ID token names. */
export interface OidcUser {
  /** Shown in the console and the document history: the `name` claim, else the e-mail, else the subject. */
  name: string;
  email?: string;
  subject: string;
}

/** Allowed clock difference when checking the ID token's `exp`, `iat` and `nbf` (seconds). */
export const OIDC_CLOCK_TOLERANCE_SECONDS = 60;

/**
 * An OpenID Connect relying party for the console: authorization-code flow with PKCE (S256), state
 * and nonce; discovery, token exchange and keys fetched with the injected `fetch`; the ID token
 * verified with jose (signature against the provider's JWKS, issuer, audience, nonce, expiry).
 * Runtime-free: fetch and WebCrypto, so it runs on Node and Workers alike.
 */
export class OidcClient {
  readonly #settings: OidcSettings;
  readonly #fetch: typeof fetch;
  readonly #now: () => Date;
  #metadata: Promise<OidcMetadata> | undefined;
  #keys: { uri: string; set: ReturnType<typeof createRemoteJWKSet> } | undefined;

  /**
   * @param settings the issuer, client and who may sign in
   * @param fetchImpl fetch for discovery, token exchange and keys
   * @param now the clock ID tokens are checked against
   */
  constructor(settings: OidcSettings, fetchImpl: typeof fetch, now: () => Date = () => new Date()) {
    this.#settings = settings;
    this.#fetch = fetchImpl;
    this.#now = now;
  }

  /** A fresh state, nonce and PKCE verifier for one sign-in. */
  static newTransaction(): OidcTransaction {
    return { state: randomToken(), nonce: randomToken(), verifier: randomToken(32) };
  }

  /** The provider's metadata, read once (again after a failure); its `issuer` must equal the configured one. */
  metadata(): Promise<OidcMetadata> {
    this.#metadata ??= this.#discover().catch((error: unknown) => {
      this.#metadata = undefined;
      throw error;
    });
    return this.#metadata;
  }

  /** The provider's authorization URL for `transaction`, sending the browser back to `redirectUri`. */
  async authorizationUrl(transaction: OidcTransaction, redirectUri: string): Promise<string> {
    const { authorization_endpoint } = await this.metadata();
    const url = new URL(authorization_endpoint);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.#settings.clientId);
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('scope', 'openid profile email');
    url.searchParams.set('state', transaction.state);
    url.searchParams.set('nonce', transaction.nonce);
    url.searchParams.set('code_challenge', await codeChallenge(transaction.verifier));
    url.searchParams.set('code_challenge_method', 'S256');
    url.searchParams.set('response_mode', 'query');
    return url.toString();
  }

  /**
   * Finishes a sign-in: checks `state`, exchanges `code` (with the PKCE verifier), verifies the ID
   * token and whether its user may sign in. Throws `oidcRefusal` naming the failed check.
   */
  async signIn(
    query: { code?: string; state?: string; error?: string },
    transaction: OidcTransaction,
    redirectUri: string,
  ): Promise<OidcUser> {
    if (query.error) throw oidcRefusal('provider', `The provider refused the sign-in: ${query.error.slice(0, 100)}`);
    if (!query.state || !constantTimeEqual(query.state, transaction.state)) {
      throw oidcRefusal('state', 'The state returned does not match the one sent.');
    }
    if (!query.code) throw oidcRefusal('provider', 'The provider returned no code.');
    const idToken = await this.#exchange(query.code, transaction.verifier, redirectUri);
    const claims = await this.#verify(idToken, transaction.nonce);
    return this.#allowedUser(claims);
  }

  async #discover(): Promise<OidcMetadata> {
    const issuer = this.#settings.issuer.replace(/\/+$/, '');
    const res = await this.#fetch(`${issuer}/.well-known/openid-configuration`, {
      headers: { accept: 'application/json' },
    });
    if (!res.ok)
      throw new HelpdeskError('upstream_failed', `OpenID discovery failed: HTTP ${res.status} from ${issuer}`);
    const parsed = OidcMetadata.safeParse(await res.json());
    if (!parsed.success)
      throw new HelpdeskError(
        'upstream_failed',
        `OpenID discovery document of ${issuer} lacks ${fieldOf(parsed.error)}`,
      );
    if (parsed.data.issuer !== this.#settings.issuer) {
      throw new HelpdeskError(
        'upstream_failed',
        `OpenID discovery names issuer ${parsed.data.issuer}, not the configured ${this.#settings.issuer}`,
      );
    }
    return parsed.data;
  }

  async #exchange(code: string, verifier: string, redirectUri: string): Promise<string> {
    const metadata = await this.metadata();
    const { clientId, clientSecret } = this.#settings;
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
      client_id: clientId,
    });
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (clientSecret !== undefined) {
      const methods = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
      if (methods.includes('client_secret_post')) body.set('client_secret', clientSecret);
      else headers.authorization = `Basic ${btoa(`${formEncode(clientId)}:${formEncode(clientSecret)}`)}`;
    }
    let res: Response;
    try {
      res = await this.#fetch(metadata.token_endpoint, { method: 'POST', headers, body });
    } catch (cause) {
      throw oidcRefusal('exchange', 'The token endpoint could not be reached.', cause);
    }
    const json: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const error = (json as { error?: unknown } | undefined)?.error;
      throw oidcRefusal(
        'exchange',
        `The token endpoint answered HTTP ${res.status} (${String(error ?? 'no error code')}).`,
      );
    }
    const parsed = TokenResponse.safeParse(json);
    if (!parsed.success) throw oidcRefusal('exchange', 'The token endpoint returned no id_token.');
    return parsed.data.id_token;
  }

  async #verify(idToken: string, nonce: string): Promise<JWTPayload> {
    const { jwks_uri } = await this.metadata();
    if (this.#keys?.uri !== jwks_uri) {
      this.#keys = { uri: jwks_uri, set: createRemoteJWKSet(new URL(jwks_uri), { [customFetch]: this.#fetch }) };
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, this.#keys.set, {
        algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256'],
        issuer: this.#settings.issuer,
        audience: this.#settings.clientId,
        clockTolerance: OIDC_CLOCK_TOLERANCE_SECONDS,
        currentDate: this.#now(),
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      throw joseFailure(error);
    }
    if (payload.nonce !== nonce) throw oidcRefusal('nonce', 'The ID token carries another nonce than the one sent.');
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (audiences.length > 1 && payload.azp !== this.#settings.clientId) {
      throw oidcRefusal('audience', 'The ID token has several audiences and is not authorized for this client (azp).');
    }
    return payload;
  }

  #allowedUser(claims: JWTPayload): OidcUser {
    const email = [claims.email, claims.preferred_username, claims.upn].find(
      (v): v is string => typeof v === 'string' && v.includes('@'),
    );
    const { allowedDomains, allowedRoles } = this.#settings;
    if (allowedDomains.length > 0) {
      const domain = email?.split('@').pop()?.toLowerCase();
      if (!domain || !allowedDomains.includes(domain)) {
        throw oidcRefusal('not_allowed', `The user's e-mail domain (${domain ?? 'none'}) is not allowed.`);
      }
    }
    if (allowedRoles.length > 0) {
      const roles = Array.isArray(claims.roles) ? claims.roles : [];
      if (!roles.some((r) => allowedRoles.includes(String(r)))) {
        throw oidcRefusal('not_allowed', 'The user holds none of the allowed app roles.');
      }
    }
    const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : (email ?? claims.sub!);
    return { name: name.slice(0, 100), subject: claims.sub!, ...(email ? { email } : {}) };
  }
}

/** The refusal for a jose verification error. */
function joseFailure(error: unknown): HelpdeskError {
  if (error instanceof joseErrors.JWTExpired) return oidcRefusal('token_expired', 'The ID token has expired.');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return oidcRefusal('audience', 'The ID token is meant for another client (aud).');
    if (error.claim === 'iss') return oidcRefusal('issuer', 'The ID token comes from another issuer (iss).');
    return oidcRefusal('token', `The ID token's ${error.claim} claim is invalid: ${error.reason}.`);
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSNoMatchingKey) {
    return oidcRefusal('signature', 'The ID token is not signed by one of the provider’s keys.');
  }
  return oidcRefusal(
    'token',
    `The ID token could not be verified: ${error instanceof Error ? error.message : error}`,
    error,
  );
}

/** `count` random bytes as base64url. */
function randomToken(count = 24): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(count)));
}

/** The PKCE S256 challenge of `verifier`. */
export async function codeChallenge(verifier: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `application/x-www-form-urlencoded` encoding, as RFC 6749 §2.3.1 asks for Basic credentials. */
function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function fieldOf(error: z.ZodError): string {
  return error.issues[0]?.path.join('.') || 'a valid body';
}
