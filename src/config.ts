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
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new HelpdeskError('config_invalid', `Ugyldig konfiguration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** The configured secret values (keys, tokens, passwords, signing secrets, the notification webhook URL). */
export function configuredSecrets(config: Config): string[] {
  return Object.entries(config)
    .filter(
      ([key, value]) => typeof value === 'string' && /(_SECRET|_TOKEN|_PASSWORD|_API_KEY|_WEBHOOK_URL)$/.test(key),
    )
    .map(([, value]) => value as string);
}
