import { importJWK, type JWK } from 'jose';
import { HelpdeskError } from '../../errors.js';
import type { ChannelContext } from '../shared/context.js';
import { type Jwk, Jwks, OpenIdMetadata } from './schemas.js';

/** Shortest time between two forced refreshes when a token names an unknown key (ms). */
const FORCED_REFRESH_MS = 5 * 60 * 1000;

/**
 * The Bot Framework's token-signing keys: read from the OpenID metadata's `jwks_uri`
 * (with the injected fetch), cached for a TTL, refreshed early when an unknown key id appears.
 */
export class BotFrameworkKeys {
  #keys: Jwk[] | undefined;
  #loadedAt = 0;
  #lastForced = Number.NEGATIVE_INFINITY;
  #loading: Promise<Jwk[]> | undefined;
  readonly #imported = new Map<string, CryptoKey | Uint8Array>();

  /** @param ctx channel context (fetch, clock, key TTL, the metadata URL in config) */
  constructor(readonly ctx: ChannelContext) {}

  /**
   * The public key with id `kid`; when the key lists endorsements it must endorse `channelId`.
   * Throws an `unauthorized` HelpdeskError when no such key exists.
   */
  async getKey(kid: string | undefined, channelId: string | undefined): Promise<CryptoKey | Uint8Array> {
    if (!kid) throw new HelpdeskError('unauthorized', 'Tokenet mangler et nøgle-id (kid).');
    let jwk = (await this.#current()).find((k) => k.kid === kid);
    const now = this.ctx.now().getTime();
    if (!jwk && now - this.#lastForced > FORCED_REFRESH_MS) {
      this.#lastForced = now;
      jwk = (await this.#load()).find((k) => k.kid === kid);
    }
    if (!jwk) throw new HelpdeskError('unauthorized', 'Tokenet er signeret med en ukendt nøgle.');
    if (jwk.endorsements && channelId && !jwk.endorsements.includes(channelId)) {
      throw new HelpdeskError('unauthorized', `Signeringsnøglen er ikke godkendt til kanalen ${channelId}.`);
    }
    const cached = this.#imported.get(kid);
    if (cached) return cached;
    const { endorsements: _e, ...material } = jwk;
    const key = await importJWK(material as JWK, 'RS256');
    this.#imported.set(kid, key);
    return key;
  }

  async #current(): Promise<Jwk[]> {
    const fresh = this.#keys && this.ctx.now().getTime() - this.#loadedAt < this.ctx.options.teamsKeysTtlMs;
    return fresh && this.#keys ? this.#keys : this.#load();
  }

  #load(): Promise<Jwk[]> {
    this.#loading ??= this.#fetchKeys().finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  async #fetchKeys(): Promise<Jwk[]> {
    const metadataUrl = this.ctx.deps.config.TEAMS_OPENID_METADATA_URL;
    const metadata = OpenIdMetadata.safeParse(await this.#getJson(metadataUrl, 'OpenID-metadata'));
    if (!metadata.success) throw new HelpdeskError('upstream_failed', 'OpenID-metadata mangler jwks_uri.');
    const jwks = Jwks.safeParse(await this.#getJson(metadata.data.jwks_uri, 'JWKS'));
    if (!jwks.success) throw new HelpdeskError('upstream_failed', 'JWKS-dokumentet har ikke en gyldig keys-liste.');
    this.#keys = jwks.data.keys.filter((k) => k.kty === 'RSA');
    this.#loadedAt = this.ctx.now().getTime();
    this.#imported.clear();
    return this.#keys;
  }

  async #getJson(url: string, what: string): Promise<unknown> {
    const res = await this.ctx.fetch(url, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new HelpdeskError('upstream_failed', `${what} kunne ikke hentes (HTTP ${res.status}).`);
    return res.json();
  }
}
