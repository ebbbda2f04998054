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
  /** The activity's `serviceUrl`; the token's `serviceUrl` claim must equal it. */
  serviceUrl: string;
  /** The activity's `channelId` (checked against key endorsements). */
  channelId: string | undefined;
  now: Date;
}

/**
 * Validates a Bot Connector `Authorization: Bearer <JWT>`: RS256 signature by a Bot Framework key,
 * issuer, audience, `exp`/`nbf` with five minutes of skew, and the `serviceUrl` claim.
 * Returns the claims; throws an `unauthorized` HelpdeskError saying what failed.
 */
export async function verifyBotFrameworkToken(keys: BotFrameworkKeys, check: BotTokenCheck): Promise<JWTPayload> {
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/.exec(check.authorization ?? '');
  if (!match?.[1]) throw new HelpdeskError('unauthorized', 'Authorization-headeren skal være "Bearer <token>".');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(match[1], (header) => keys.getKey(header.kid, check.channelId), {
      algorithms: ['RS256'],
      issuer: BOT_FRAMEWORK_ISSUER,
      audience: check.appId,
      clockTolerance: CLOCK_SKEW_SECONDS,
      currentDate: check.now,
      requiredClaims: ['exp'],
    }));
  } catch (error) {
    if (HelpdeskError.isInstance(error)) throw error;
    throw new HelpdeskError('unauthorized', describeJoseError(error), { cause: error });
  }
  const claimed = typeof payload.serviceUrl === 'string' ? payload.serviceUrl : undefined;
  if (!claimed || trimSlash(claimed) !== trimSlash(check.serviceUrl)) {
    throw new HelpdeskError('unauthorized', 'Tokenets serviceUrl passer ikke med aktivitetens serviceUrl.');
  }
  return payload;
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
