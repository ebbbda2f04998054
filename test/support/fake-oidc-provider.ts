import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { codeChallenge } from '../../src/http/admin/oidc.js';

/** The path below the provider's origin where it lives, shaped like Microsoft Entra ID's `/<tenant>/v2.0`. */
export const TENANT_PATH = '/11111111-2222-3333-4444-555555555555/v2.0';

/** What the fake provider does wrong on purpose, to prove the console refuses it. */
export interface Tampering {
  /** Claims replacing or adding to the ID token's (e.g. another `aud`, `nonce` or `exp`). */
  claims?: JWTPayload;
  /** Sign the ID token with a key that is not in the JWKS (under the published key's `kid`). */
  foreignKey?: boolean;
  /** Return this `state` to the callback instead of the one sent. */
  state?: string;
}

/** One authorization request as the provider saw it. */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state: string;
  nonce: string;
  scope: string;
  codeChallenge: string;
  codeChallengeMethod: string;
}

/** A local OpenID Connect provider for tests (Entra-like paths), signing RS256 ID tokens. */
export interface FakeOidcProvider {
  /** The issuer URL (`origin + TENANT_PATH`). */
  issuer: string;
  app: Hono;
  /** A fetch that sends the provider's URLs to `app` in-process (no port). */
  fetch: typeof fetch;
  clientId: string;
  clientSecret: string;
  /** The user the next sign-in is for (claims of the ID token). */
  user: JWTPayload;
  tamper: Tampering;
  /** Every authorization request received. */
  authorizations: AuthorizeRequest[];
  /** Every token request's form (client_secret removed). */
  tokenRequests: Record<string, string>[];
}

/**
 * An in-process fake of an OpenID Connect provider: discovery, `/authorize` (signs the configured
 * user in at once and redirects back with a one-time code), `/token` (checks the client secret,
 * redirect URI and PKCE verifier; returns an RS256 ID token with the request's nonce) and the JWKS.
 */
export async function fakeOidcProvider(
  origin = 'https://login.fake-idp.test',
  clientId = 'console-client-id',
): Promise<FakeOidcProvider> {
  const keys = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256', { extractable: true });
  const kid = 'fake-key-1';
  const codes = new Map<string, { request: AuthorizeRequest; user: JWTPayload; used: boolean }>();
  const app = new Hono().basePath(TENANT_PATH);
  const provider: FakeOidcProvider = {
    issuer: `${origin}${TENANT_PATH}`,
    app,
    fetch: async (input, init) => app.request(new Request(input, init)),
    clientId,
    clientSecret: 'console-client-secret',
    user: { sub: 'user-1', name: 'Mette Hansen', email: 'mette.hansen@kommune.dk', roles: ['Console.Maintainer'] },
    tamper: {},
    authorizations: [],
    tokenRequests: [],
  };

  app.get('/.well-known/openid-configuration', (c) => {
    const base = provider.issuer;
    return c.json({
      issuer: base,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_types_supported: ['code'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      code_challenge_methods_supported: ['S256'],
    });
  });

  app.get('/discovery/v2.0/keys', async (c) =>
    c.json({ keys: [{ ...(await exportJWK(keys.publicKey)), kid, alg: 'RS256', use: 'sig' }] }),
  );

  app.get('/oauth2/v2.0/authorize', (c) => {
    const q = c.req.query();
    const request: AuthorizeRequest = {
      clientId: q.client_id ?? '',
      redirectUri: q.redirect_uri ?? '',
      state: q.state ?? '',
      nonce: q.nonce ?? '',
      scope: q.scope ?? '',
      codeChallenge: q.code_challenge ?? '',
      codeChallengeMethod: q.code_challenge_method ?? '',
    };
    provider.authorizations.push(request);
    if (request.clientId !== provider.clientId || q.response_type !== 'code' || !request.redirectUri) {
      return c.text('invalid authorization request', 400);
    }
    const code = crypto.randomUUID();
    codes.set(code, { request, user: { ...provider.user }, used: false });
    const back = new URL(request.redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', provider.tamper.state ?? request.state);
    return c.redirect(back.toString(), 302);
  });

  app.post('/oauth2/v2.0/token', async (c) => {
    const form = Object.fromEntries(new URLSearchParams(await c.req.text())) as Record<string, string>;
    const { client_secret: secret, ...recorded } = form;
    provider.tokenRequests.push(recorded);
    const grant = codes.get(form.code ?? '');
    const invalid = (error: string) => c.json({ error }, 400);
    if (form.grant_type !== 'authorization_code' || !grant || grant.used) return invalid('invalid_grant');
    grant.used = true;
    if (form.client_id !== provider.clientId || secret !== provider.clientSecret) return invalid('invalid_client');
    if (form.redirect_uri !== grant.request.redirectUri) return invalid('invalid_grant');
    if (grant.request.codeChallengeMethod !== 'S256' || !form.code_verifier) return invalid('invalid_grant');
    if ((await codeChallenge(form.code_verifier)) !== grant.request.codeChallenge) return invalid('invalid_grant');
    const now = Math.floor(Date.now() / 1000);
    const claims: JWTPayload = {
      iss: provider.issuer,
      aud: provider.clientId,
      iat: now,
      exp: now + 3600,
      ...grant.user,
      nonce: grant.request.nonce,
      tid: TENANT_PATH.split('/')[1],
      ...provider.tamper.claims,
    };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .sign(provider.tamper.foreignKey ? foreign.privateKey : keys.privateKey);
    return c.json({ token_type: 'Bearer', id_token: token, access_token: 'not-used', expires_in: 3600 });
  });

  return provider;
}

/** The fake provider listening on a port of `localhost` (another site than the console's `127.0.0.1`), for a browser. */
export async function startFakeOidcProvider(): Promise<FakeOidcProvider & { close(): Promise<void> }> {
  let provider: FakeOidcProvider | undefined;
  const server = serve({ fetch: (req) => provider!.app.fetch(req), port: 0, hostname: 'localhost' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  provider = await fakeOidcProvider(`http://localhost:${port}`);
  return Object.assign(provider, {
    close: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  });
}
