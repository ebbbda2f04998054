import { beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../src/adapters/node/sqlite-store.js';
import { loadConfig } from '../../../src/config.js';
import { createApp } from '../../../src/http/app.js';
import type { SqlStore } from '../../../src/store/sql-store.js';
import { type FakeOidcProvider, fakeOidcProvider } from '../../support/fake-oidc-provider.js';
import type { RecordingLogger } from '../../support/recording-logger.js';
import { get, postJson, testDeps } from '../../support/http.js';
import { ORIGIN, TOKEN } from './support.js';

let provider: FakeOidcProvider;

beforeEach(async () => {
  provider = await fakeOidcProvider();
});

async function ssoApp(env: Record<string, string> = {}) {
  const store: SqlStore = await openSqliteStore(':memory:');
  const deps = testDeps({
    store,
    fetch: provider.fetch,
    env: {
      ADMIN_TOKEN: TOKEN,
      ADMIN_OIDC_ISSUER: provider.issuer,
      ADMIN_OIDC_CLIENT_ID: provider.clientId,
      ADMIN_OIDC_CLIENT_SECRET: provider.clientSecret,
      ...env,
    },
  });
  return { app: createApp(deps), store, logger: deps.logger as RecordingLogger };
}

type App = Awaited<ReturnType<typeof ssoApp>>['app'];

/** The cookie (`name=value`) a response sets under `name`, if any. */
function setCookie(res: Response, name: string): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
}

function pair(cookie: string | undefined): string {
  return (cookie ?? '').split(';')[0]!;
}

/** Goes through the sign-in: the console's redirect, the provider's, then the callback (after `edit`). */
async function signInThroughProvider(app: App, edit?: (callback: URL) => void) {
  const login = await app.request(get('/api/admin/oidc/login'));
  expect(login.status).toBe(302);
  const transaction = pair(setCookie(login, 'helpdesk_oidc'));
  const authorize = await provider.fetch(login.headers.get('location')!);
  expect(authorize.status).toBe(302);
  const callback = new URL(authorize.headers.get('location')!);
  edit?.(callback);
  const res = await app.request(new Request(callback, { headers: { cookie: transaction } }));
  return { login, transaction, callback, res };
}

function refusalReason(logger: RecordingLogger): unknown {
  return logger.at('warn').find((l) => l.msg === 'console single sign-on refused')?.data?.reason;
}

describe('console single sign-on (OpenID Connect)', () => {
  it('signs in through the provider with PKCE, state and nonce, and gives the same session cookie with the user’s name', async () => {
    const { app, store } = await ssoApp();
    const { login, res } = await signInThroughProvider(app);

    const sent = new URL(login.headers.get('location')!);
    expect(sent.origin + sent.pathname).toBe(`${provider.issuer}/oauth2/v2.0/authorize`);
    const request = provider.authorizations[0]!;
    expect(request).toMatchObject({
      clientId: provider.clientId,
      redirectUri: 'http://localhost/api/admin/oidc/callback',
      codeChallengeMethod: 'S256',
    });
    expect(request.scope.split(' ')).toContain('openid');
    expect(request.state).toMatch(/^[\w-]{32}$/);
    expect(request.nonce).toMatch(/^[\w-]{32}$/);
    expect(request.codeChallenge).toMatch(/^[\w-]{43}$/);
    const transactionCookie = setCookie(login, 'helpdesk_oidc')!;
    expect(transactionCookie).toMatch(/HttpOnly/);
    expect(transactionCookie).toMatch(/SameSite=Lax/);
    expect(transactionCookie).toMatch(/Path=\/api\/admin\/oidc/);
    expect(transactionCookie).toMatch(/Max-Age=600/);
    expect(provider.tokenRequests[0]).toMatchObject({ grant_type: 'authorization_code' });
    expect(provider.tokenRequests[0]!.code_verifier).toMatch(/^[\w-]{43}$/);

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin');
    expect(setCookie(res, 'helpdesk_oidc')).toMatch(/Max-Age=0/);
    const session = setCookie(res, 'helpdesk_admin')!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).toMatch(/Path=\/api\/admin/);
    const who = await app.request(get('/api/admin/session', { cookie: pair(session) }));
    expect(await who.json()).toMatchObject({ name: 'Mette Hansen', via: 'session' });
    expect((await app.request(get('/api/admin/stats', { cookie: pair(session) }))).status).toBe(200);
    await store.close();
  });

  it('tells the sign-in page the button’s text and address, and keeps the token sign-in working', async () => {
    const { app, store } = await ssoApp({ ADMIN_OIDC_BUTTON_TEXT: 'Log ind med Microsoft' });
    const options = await app.request(get('/api/admin/oidc'));
    expect(await options.json()).toEqual({ text: 'Log ind med Microsoft', url: '/api/admin/oidc/login' });
    const token = await app.request(
      postJson('/api/admin/session', { token: TOKEN, name: 'Mette' }, { origin: ORIGIN }),
    );
    expect(token.status).toBe(200);
    await store.close();
    const off = createApp(testDeps({ env: { ADMIN_TOKEN: TOKEN } }));
    expect((await off.request(get('/api/admin/oidc'))).status).toBe(404);
    expect((await off.request(get('/api/admin/oidc/login'))).status).toBe(404);
  });

  it('uses ADMIN_OIDC_REDIRECT_URL, or PUBLIC_BASE_URL, as the redirect address', async () => {
    const a = await ssoApp({ PUBLIC_BASE_URL: 'https://helpdesk.kommune.dk' });
    const derived = await a.app.request(get('/api/admin/oidc/login'));
    expect(new URL(derived.headers.get('location')!).searchParams.get('redirect_uri')).toBe(
      'https://helpdesk.kommune.dk/api/admin/oidc/callback',
    );
    const b = await ssoApp({ ADMIN_OIDC_REDIRECT_URL: 'https://konsol.kommune.dk/api/admin/oidc/callback' });
    const login = await b.app.request(get('/api/admin/oidc/login'));
    expect(new URL(login.headers.get('location')!).searchParams.get('redirect_uri')).toBe(
      'https://konsol.kommune.dk/api/admin/oidc/callback',
    );
    await a.store.close();
    await b.store.close();
  });

  const refusals: [string, (p: FakeOidcProvider) => void, string, ((callback: URL) => void)?][] = [
    ['a wrong state', () => {}, 'state', (callback) => callback.searchParams.set('state', 'x'.repeat(32))],
    ['a state the provider changed', (p) => (p.tamper.state = 'y'.repeat(32)), 'state'],
    ['another nonce in the ID token', (p) => (p.tamper.claims = { nonce: 'z'.repeat(32) }), 'nonce'],
    ['an ID token for another client', (p) => (p.tamper.claims = { aud: 'another-client' }), 'audience'],
    ['an ID token from another issuer', (p) => (p.tamper.claims = { iss: 'https://evil.example/v2.0' }), 'issuer'],
    [
      'an expired ID token',
      (p) => {
        const now = Math.floor(Date.now() / 1000);
        p.tamper.claims = { iat: now - 7200, exp: now - 3600 };
      },
      'token_expired',
    ],
    ['an ID token signed with a key not in the JWKS', (p) => (p.tamper.foreignKey = true), 'signature'],
    [
      'an error from the provider',
      () => {},
      'provider',
      (callback) => callback.searchParams.set('error', 'access_denied'),
    ],
  ];

  for (const [what, tamper, reason, edit] of refusals) {
    it(`refuses ${what}: no session, back to /admin with a reason, logged as ${reason}`, async () => {
      const { app, store, logger } = await ssoApp();
      tamper(provider);
      const { res } = await signInThroughProvider(app, edit);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(/^\/admin\?sso=(failed|cancelled)$/);
      expect(setCookie(res, 'helpdesk_admin')).toBeUndefined();
      expect(refusalReason(logger)).toBe(reason);
      await store.close();
    });
  }

  it('refuses a callback without its transaction cookie, and the same callback twice', async () => {
    const { app, store, logger } = await ssoApp();
    const { callback, transaction, res } = await signInThroughProvider(app);
    expect(res.headers.get('location')).toBe('/admin');
    const bare = await app.request(new Request(callback));
    expect(bare.headers.get('location')).toBe('/admin?sso=expired');
    expect(refusalReason(logger)).toBe('expired');
    const replay = await app.request(new Request(callback, { headers: { cookie: transaction } }));
    expect(replay.headers.get('location')).toBe('/admin?sso=failed');
    expect(setCookie(replay, 'helpdesk_admin')).toBeUndefined();
    await store.close();
  });

  it('lets in only users of the allowed e-mail domains and app roles', async () => {
    const { app, store, logger } = await ssoApp({
      ADMIN_OIDC_ALLOWED_DOMAINS: 'kommune.dk, @Region.dk',
      ADMIN_OIDC_ALLOWED_ROLES: 'Console.Maintainer',
    });
    provider.user = { sub: 'u2', name: 'Eve', email: 'eve@gmail.com', roles: ['Console.Maintainer'] };
    const foreign = await signInThroughProvider(app);
    expect(foreign.res.headers.get('location')).toBe('/admin?sso=denied');
    expect(setCookie(foreign.res, 'helpdesk_admin')).toBeUndefined();
    expect(refusalReason(logger)).toBe('not_allowed');

    provider.user = { sub: 'u3', name: 'Ole', preferred_username: 'ole@kommune.dk' };
    const noRole = await signInThroughProvider(app);
    expect(noRole.res.headers.get('location')).toBe('/admin?sso=denied');

    provider.user = { sub: 'u4', name: 'Rikke', preferred_username: 'rikke@REGION.dk', roles: ['Console.Maintainer'] };
    const allowed = await signInThroughProvider(app);
    expect(allowed.res.headers.get('location')).toBe('/admin');
    const who = await app.request(
      get('/api/admin/session', { cookie: pair(setCookie(allowed.res, 'helpdesk_admin')) }),
    );
    expect(await who.json()).toMatchObject({ name: 'Rikke' });
    await store.close();
  });

  it('sends the browser back with "unavailable" when discovery fails or names another issuer', async () => {
    const { app, store, logger } = await ssoApp({ ADMIN_OIDC_ISSUER: `${provider.issuer}-other` });
    const login = await app.request(get('/api/admin/oidc/login'));
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/admin?sso=unavailable');
    expect(setCookie(login, 'helpdesk_oidc')).toBeUndefined();
    expect(logger.at('error').some((l) => l.msg === 'console single sign-on unavailable')).toBe(true);
    await store.close();
  });
});

describe('single sign-on configuration', () => {
  const base = { ADMIN_TOKEN: TOKEN, ADMIN_OIDC_CLIENT_ID: 'client' };
  it('fails with a message naming the missing or bad variable', () => {
    expect(() =>
      loadConfig({ ...base, ADMIN_OIDC_CLIENT_ID: '', ADMIN_OIDC_ISSUER: 'https://idp.example/v2.0' }),
    ).toThrow(/ADMIN_OIDC_CLIENT_ID: mangler/);
    expect(() => loadConfig({ ADMIN_OIDC_ISSUER: 'https://idp.example/v2.0', ADMIN_OIDC_CLIENT_ID: 'c' })).toThrow(
      /ADMIN_TOKEN: mangler/,
    );
    expect(() => loadConfig({ ...base })).toThrow(/ADMIN_OIDC_ISSUER: mangler, men ADMIN_OIDC_CLIENT_ID er sat/);
    expect(() => loadConfig({ ...base, ADMIN_OIDC_ISSUER: 'not a url' })).toThrow(/ADMIN_OIDC_ISSUER/);
    expect(() => loadConfig({ ...base, ADMIN_OIDC_ISSUER: 'http://idp.example/v2.0' })).toThrow(
      /ADMIN_OIDC_ISSUER: skal være en https-adresse/,
    );
  });

  it('reads the allowed domains in lower case without "@"', () => {
    const config = loadConfig({
      ...base,
      ADMIN_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
      ADMIN_OIDC_ALLOWED_DOMAINS: '@Kommune.dk, region.dk',
    });
    expect(config.ADMIN_OIDC_ALLOWED_DOMAINS).toEqual(['kommune.dk', 'region.dk']);
    expect(config.ADMIN_OIDC_BUTTON_TEXT).toBe('Log ind med organisationens login');
  });
});
