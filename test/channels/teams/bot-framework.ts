import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { type StandIn, startStandIn } from '../helpers.js';

export const APP_ID = '11111111-2222-3333-4444-555555555555';
export const APP_PASSWORD = 'teams-app-password-geheim';
export const CONNECTOR_TOKEN = 'connector-access-token-geheim';
export const ISSUER = 'https://api.botframework.com';

/** A test signing key, its public JWK (with kid) and a stand-in for Microsoft's endpoints. */
export interface BotFrameworkStandIn {
  server: StandIn;
  privateKey: CryptoKey;
  jwk: JWK;
  /** The serviceUrl activities name (the connector stand-in). */
  serviceUrl: string;
  env: Record<string, string>;
  /** Signs a Bot Connector token; `claims` override the defaults. */
  sign(
    claims?: Record<string, unknown>,
    opts?: { key?: CryptoKey; kid?: string; expiresIn?: string | number },
  ): Promise<string>;
}

/**
 * Starts one local server acting as OpenID metadata (`/openid`), JWKS (`/keys`),
 * token endpoint (`/token`) and Bot Connector (`/connector/...`).
 */
export async function startBotFramework(endorsements?: string[]): Promise<BotFrameworkStandIn> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key-1', use: 'sig', alg: 'RS256' };
  let base = '';
  let replies = 0;
  const server = await startStandIn((req) => {
    if (req.path === '/openid') return { json: { issuer: ISSUER, jwks_uri: `${base}/keys` } };
    if (req.path === '/keys') return { json: { keys: [{ ...jwk, ...(endorsements ? { endorsements } : {}) }] } };
    if (req.path === '/token')
      return { json: { token_type: 'Bearer', expires_in: 3600, access_token: CONNECTOR_TOKEN } };
    if (req.path.startsWith('/connector/')) return { json: { id: `reply-${++replies}` } };
    return { status: 404, json: {} };
  });
  base = server.url;
  const serviceUrl = `${server.url}/connector/`;
  return {
    server,
    privateKey,
    jwk,
    serviceUrl,
    env: {
      TEAMS_APP_ID: APP_ID,
      TEAMS_APP_PASSWORD: APP_PASSWORD,
      TEAMS_OPENID_METADATA_URL: `${server.url}/openid`,
      TEAMS_TOKEN_URL: `${server.url}/token`,
      // the connector stand-in is the one Bot Connector host replies may go to
      TEAMS_SERVICE_URL_HOSTS: server.url,
    },
    sign: async (claims = {}, opts = {}) => {
      const { iss = ISSUER, aud = APP_ID, exp, ...rest } = claims;
      return new SignJWT({ serviceUrl, ...rest })
        .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'test-key-1', typ: 'JWT' })
        .setIssuer(String(iss))
        .setAudience(String(aud))
        .setIssuedAt()
        .setNotBefore(Math.floor(Date.now() / 1000) - 3600)
        .setExpirationTime((exp as number | undefined) ?? opts.expiresIn ?? '1h')
        .sign(opts.key ?? privateKey);
    },
  };
}

/** A Teams message activity addressed to the bot. */
export function messageActivity(serviceUrl: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: '1714557000123',
    channelId: 'msteams',
    serviceUrl,
    text,
    from: { id: '29:user-1', name: 'Mette Hansen', aadObjectId: 'aad-1' },
    recipient: { id: `28:${APP_ID}`, name: 'OPI-hjælp' },
    conversation: { id: 'a:1conversation-id;messageid=1', conversationType: 'personal' },
    ...extra,
  };
}
