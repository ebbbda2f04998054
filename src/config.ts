import { z } from 'zod';
import { HelpdeskError } from './errors.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));
const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** Microsoft's Bot Connector hosts: Teams (public cloud, GCC, GCC High, DoD) and the other Bot Framework channels. */
const DEFAULT_TEAMS_SERVICE_URL_HOSTS =
  'smba.trafficmanager.net,smba.infra.gcc.teams.microsoft.com,smba.infra.gov.teams.microsoft.us,smba.infra.dod.teams.microsoft.us,*.botframework.com';

/**
 * Every setting of opi-helpdesk, read from environment-style strings.
 * No variable is required: the defaults run offline with extractive answers.
 */
export const Config = z.object({
  // server
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_BASE_URL: optionalString,
  CORPUS_DIR: z.string().default('corpus'),
  DATA_DIR: z.string().default('data'),
  WATCH_CORPUS: bool.default(true),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  CORS_ORIGINS: list,
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(120),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // worker threads that search the shared index (0: search on the main thread; unset: one per core, at most four, none
  // on one core — see docs/BENCHMARKS.md, rounds 9 and 10)
  SEARCH_WORKERS: z.coerce.number().int().min(0).max(64).optional(),

  // answers
  // override corpus/_meta/site.yaml's contactText and contactEmail
  CONTACT_TEXT: optionalString,
  CONTACT_EMAIL: optionalString,

  // embeddings
  EMBEDDER: z.enum(['local', 'openai', 'workers-ai']).default('local'),
  EMBEDDINGS_BASE_URL: optionalString,
  EMBEDDINGS_MODEL: optionalString,
  EMBEDDINGS_API_KEY: optionalString,
  EMBEDDINGS_DIMENSIONS: z.coerce.number().int().positive().optional(),

  // chat model
  CHAT_PROVIDER: z.enum(['none', 'openai', 'workers-ai']).default('none'),
  CHAT_BASE_URL: optionalString,
  CHAT_MODEL: optionalString,
  CHAT_API_KEY: optionalString,
  CHAT_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  CHAT_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  CHAT_CONTEXT_TOKENS: z.coerce.number().int().positive().default(8192),

  // operations
  ADMIN_TOKEN: optionalString,
  /** Hours a console sign-in (`POST /api/admin/session`) lasts before the session cookie is refused. */
  ADMIN_SESSION_HOURS: z.coerce.number().positive().max(720).default(8),
  /**
   * Single sign-on to the console with OpenID Connect (e.g. Microsoft Entra ID:
   * `https://login.microsoftonline.com/<tenant-id>/v2.0`). Off when unset; needs `ADMIN_TOKEN`,
   * which signs the sessions, and `ADMIN_OIDC_CLIENT_ID`.
   */
  ADMIN_OIDC_ISSUER: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** The application (client) id registered with the provider: the ID token's required audience. */
  ADMIN_OIDC_CLIENT_ID: optionalString,
  /** The client secret (Entra: "Certificates & secrets"); unset for a public client that relies on PKCE alone. */
  ADMIN_OIDC_CLIENT_SECRET: optionalString,
  /** Where the provider sends the browser back; default `<PUBLIC_BASE_URL or the request's origin>/api/admin/oidc/callback`. */
  ADMIN_OIDC_REDIRECT_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** Only users whose e-mail (`email`, `preferred_username` or `upn` claim) ends in one of these domains may sign in. */
  ADMIN_OIDC_ALLOWED_DOMAINS: list.transform((domains) => domains.map((d) => d.toLowerCase().replace(/^@/, ''))),
  /** Only users with one of these app roles (the `roles` claim; Entra: "App roles" assigned to users or groups). */
  ADMIN_OIDC_ALLOWED_ROLES: list,
  /** The sign-in button's text. */
  ADMIN_OIDC_BUTTON_TEXT: z.string().trim().min(1).max(60).default('Log ind med organisationens login'),
  /** Days after a document's `updated` date when the console marks it stale. */
  STALE_AFTER_DAYS: z.coerce.number().int().positive().default(365),
  RETENTION_DAYS: z.coerce.number().int().positive().default(90),
  ESCALATION_WEBHOOK_URL: optionalString,
  ESCALATION_WEBHOOK_KIND: z.enum(['slack', 'teams']).default('slack'),

  // slack
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_API_BASE_URL: z.string().default('https://slack.com/api'),

  // teams
  TEAMS_APP_ID: optionalString,
  TEAMS_APP_PASSWORD: optionalString,
  TEAMS_OPENID_METADATA_URL: z.string().default('https://login.botframework.com/v1/.well-known/openidconfiguration'),
  TEAMS_TOKEN_URL: z.string().default('https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token'),
  TEAMS_WEBHOOK_SECRET: optionalString,
  /**
   * Bot Connector hosts the Teams bot sends replies (with its bearer token) to: host names, `*.domain`
   * for subdomains (https only), or whole origins such as `http://127.0.0.1:3978` for a local emulator.
   */
  TEAMS_SERVICE_URL_HOSTS: z
    .string()
    .optional()
    .transform((v) =>
      (v?.trim() ? v : DEFAULT_TEAMS_SERVICE_URL_HOSTS)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
});
export type Config = z.infer<typeof Config>;

/**
 * Validate a raw environment (`process.env` in `runtime/`, bindings on Workers).
 * Throws a `config_invalid` HelpdeskError naming each bad variable.
 */
export function loadConfig(raw: Record<string, string | undefined>): Config {
  const result = Config.safeParse(raw);
  const lines = result.success
    ? combinationIssues(result.data)
    : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  if (!result.success || lines.length > 0) {
    throw new HelpdeskError('config_invalid', `Ugyldig konfiguration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Settings that are valid alone but not together (single sign-on needs its client and the admin token). */
function combinationIssues(config: Config): string[] {
  const issues: string[] = [];
  const oidc = Object.entries(config).filter(
    ([key, value]) =>
      key.startsWith('ADMIN_OIDC_') &&
      key !== 'ADMIN_OIDC_BUTTON_TEXT' &&
      (typeof value === 'string' || (Array.isArray(value) && value.length > 0)),
  );
  if (oidc.length > 0 && !config.ADMIN_OIDC_ISSUER) {
    issues.push(
      `ADMIN_OIDC_ISSUER: mangler, men ${oidc.map(([k]) => k).join(', ')} er sat (single sign-on kræver udsteders adresse)`,
    );
  }
  if (config.ADMIN_OIDC_ISSUER && !config.ADMIN_OIDC_CLIENT_ID) {
    issues.push('ADMIN_OIDC_CLIENT_ID: mangler (single sign-on kræver klient-id fra app-registreringen)');
  }
  if (config.ADMIN_OIDC_ISSUER && !config.ADMIN_TOKEN) {
    issues.push(
      'ADMIN_TOKEN: mangler (single sign-on til konsollen kræver ADMIN_TOKEN, som login-sessionerne signeres med)',
    );
  }
  if (config.ADMIN_OIDC_ISSUER && !isSecureOrLoopback(config.ADMIN_OIDC_ISSUER)) {
    issues.push('ADMIN_OIDC_ISSUER: skal være en https-adresse (http kun for localhost under test)');
  }
  return issues;
}

/** True for an https URL, or http to this machine (a local test provider). */
function isSecureOrLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
}

/** The configured secret values (keys, tokens, passwords, signing secrets, the notification webhook URL). */
export function configuredSecrets(config: Config): string[] {
  return Object.entries(config)
    .filter(
      ([key, value]) => typeof value === 'string' && /(_SECRET|_TOKEN|_PASSWORD|_API_KEY|_WEBHOOK_URL)$/.test(key),
    )
    .map(([, value]) => value as string);
}
