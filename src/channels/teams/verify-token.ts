import { errors as joseErrors, type JWTPayload, jwtVerify } from 'jose';
import { HelpdeskError } from '../../errors.js';
import type { BotFrameworkKeys } from './signing-keys.js';

/** Issuer of tokens the Bot Connector sends to bots. */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
/** Allowed clock difference when checking `exp` and `nbf` (seconds). */
export const CLOCK_SKEW_SECONDS = 5 * 60;

/** What a request must prove and against what. */
export interface BotTokenCheck {
  /** The `Authorization` header as received. */
  authorization: string | undefined;
  /** The bot's Microsoft App ID: the required audience. */
  appId: string;
  now: Date;
}

/** A Bot Connector token whose signature, issuer, audience and lifetime were checked. */
export interface VerifiedBotToken {
  claims: JWTPayload;
  /** Id of the key that signed it. */
  kid: string | undefined;
}

/**
 * Validates a Bot Connector `Authorization: Bearer <JWT>`: RS256 signature by a Bot Framework key,
 * issuer, audience, `exp`/`nbf` with five minutes of skew. Needs nothing of the request body, so a
 * forged request is refused (401) before its body is parsed; `checkTokenCoversActivity` then ties
 * the token to the activity. Throws an `unauthorized` HelpdeskError saying what failed.
 */
export async function verifyBotFrameworkToken(keys: BotFrameworkKeys, check: BotTokenCheck): Promise<VerifiedBotToken> {
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/.exec(check.authorization ?? '');
  if (!match?.[1]) throw new HelpdeskError('unauthorized', 'Authorization-headeren skal være "Bearer <token>".');
  let kid: string | undefined;
  try {
    const { payload } = await jwtVerify(
      match[1],
      (header) => {
        kid = header.kid;
        return keys.getKey(header.kid, undefined);
      },
      {
        algorithms: ['RS256'],
        issuer: BOT_FRAMEWORK_ISSUER,
        audience: check.appId,
        clockTolerance: CLOCK_SKEW_SECONDS,
        currentDate: check.now,
        requiredClaims: ['exp'],
      },
    );
    return { claims: payload, kid };
  } catch (error) {
    if (HelpdeskError.isInstance(error)) throw error;
    throw new HelpdeskError('unauthorized', describeJoseError(error), { cause: error });
  }
}

/**
 * Ties a verified token to the activity it came with: the token's `serviceUrl` claim must equal the
 * activity's, and a key that lists endorsements must endorse the activity's `channelId`.
 * Throws an `unauthorized` HelpdeskError saying what failed.
 */
export async function checkTokenCoversActivity(
  keys: BotFrameworkKeys,
  token: VerifiedBotToken,
  activity: { serviceUrl: string; channelId?: string | undefined },
): Promise<void> {
  await keys.getKey(token.kid, activity.channelId);
  const claimed = typeof token.claims.serviceUrl === 'string' ? token.claims.serviceUrl : undefined;
  if (!claimed || trimSlash(claimed) !== trimSlash(activity.serviceUrl)) {
    throw new HelpdeskError('unauthorized', 'Tokenets serviceUrl passer ikke med aktivitetens serviceUrl.');
  }
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'Tokenet er udløbet.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return `Tokenets ${error.claim}-claim er ugyldigt (${error.reason}).`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'Tokenets signatur er ugyldig.';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'Tokenet bruger en algoritme, der ikke er tilladt.';
  return 'Tokenet kunne ikke valideres.';
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
