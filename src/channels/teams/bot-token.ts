import { HelpdeskError } from '../../errors.js';
import type { ChannelContext } from '../shared/context.js';
import { TokenResponse } from './schemas.js';

/** Scope of tokens for calling the Bot Connector. */
export const BOT_CONNECTOR_SCOPE = 'https://api.botframework.com/.default';

/**
 * Client-credentials tokens for the Bot Connector (`TEAMS_TOKEN_URL`, app id and password),
 * cached until shortly before they expire.
 */
export class BotTokenClient {
  #token: string | undefined;
  #expiresAt = 0;
  #pending: Promise<string> | undefined;

  /** @param ctx channel context (fetch, clock, the Teams settings in config) */
  constructor(readonly ctx: ChannelContext) {}

  /** A valid access token, fetched when none is cached. */
  token(): Promise<string> {
    if (this.#token && this.ctx.now().getTime() < this.#expiresAt) return Promise.resolve(this.#token);
    this.#pending ??= this.#fetch().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** Forgets the cached token (after the connector refused it). */
  invalidate(): void {
    this.#token = undefined;
    this.#expiresAt = 0;
  }

  async #fetch(): Promise<string> {
    const { TEAMS_TOKEN_URL, TEAMS_APP_ID, TEAMS_APP_PASSWORD } = this.ctx.deps.config;
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: TEAMS_APP_ID ?? '',
      client_secret: TEAMS_APP_PASSWORD ?? '',
      scope: BOT_CONNECTOR_SCOPE,
    });
    const res = await this.ctx.fetch(TEAMS_TOKEN_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    if (!res.ok) {
      throw new HelpdeskError(
        'upstream_failed',
        `Bot-token kunne ikke hentes (HTTP ${res.status}). Tjek TEAMS_APP_ID, TEAMS_APP_PASSWORD og TEAMS_TOKEN_URL.`,
      );
    }
    const parsed = TokenResponse.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success)
      throw new HelpdeskError('upstream_failed', 'Token-svaret mangler access_token eller expires_in.');
    const lifetimeMs = parsed.data.expires_in * 1000;
    const margin = Math.min(5 * 60 * 1000, lifetimeMs / 2);
    this.#token = parsed.data.access_token;
    this.#expiresAt = this.ctx.now().getTime() + lifetimeMs - margin;
    return this.#token;
  }
}
