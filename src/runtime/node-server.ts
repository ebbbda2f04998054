import type { Duplex } from 'node:stream';
import type { Config } from '../config.js';
import type { ErrorCode } from '../errors.js';
import { errorBody } from '../http/errors.js';
import type { Logger } from '../logger.js';

/** Node's limits on receiving a request (`http.createServer` options). */
export interface ReceiveTimeouts {
  /** Milliseconds for the request line and headers to arrive. */
  headersTimeout: number;
  /** Milliseconds for the whole request, body included, to arrive. */
  requestTimeout: number;
  /** How often Node looks for requests past these limits (its default, 30 s, would let them run that much longer). */
  connectionsCheckingInterval: number;
}

/**
 * Node's limits on receiving a request, inside the app's own time budget so that a client sending
 * its headers or body slowly is cut off by Node (408) before the app would give up on the answer
 * (504): the whole request must arrive within half of `REQUEST_TIMEOUT_MS`, its headers within
 * 10 s of that.
 * @param requestTimeoutMs the app's `REQUEST_TIMEOUT_MS`
 */
export function receiveTimeouts(requestTimeoutMs: number): ReceiveTimeouts {
  const requestTimeout = Math.max(1000, Math.floor(requestTimeoutMs / 2));
  return {
    requestTimeout,
    headersTimeout: Math.min(10_000, requestTimeout),
    connectionsCheckingInterval: Math.min(1000, Math.floor(requestTimeout / 4)),
  };
}

/** The answers Node itself gives, as the contract's JSON errors. */
const CLIENT_ERRORS: Record<string, { status: number; reason: string; code: ErrorCode; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    code: 'timeout',
    message: 'Anmodningen blev ikke modtaget færdig i tide. Send den igen.',
  },
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'payload_too_large',
    message: 'Anmodningens headere er for store. Send færre eller kortere headere (fx cookies).',
  },
};
const BAD_REQUEST = {
  status: 400,
  reason: 'Bad Request',
  code: 'bad_request' as ErrorCode,
  message: 'Anmodningen er ikke gyldig HTTP.',
};

/**
 * A `clientError` listener for the Node server: errors Node meets before the app sees a request
 * (malformed HTTP, oversized headers, a request that does not arrive in time) are answered with the
 * contract's JSON error (400, 431, 408) instead of Node's empty reply, and the connection is closed.
 * A request cut off for being too slow is logged as a warning, without a stack trace; a connection
 * the client reset gets no answer.
 */
export function clientErrorListener(logger: Logger): (error: NodeJS.ErrnoException, socket: Duplex) => void {
  return (error, socket) => {
    const code = error.code ?? '';
    // An answer already on its way cannot be replaced (Node's own rule for its default reply).
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (code === 'ECONNRESET' || code === 'EPIPE' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const answer = CLIENT_ERRORS[code] ?? BAD_REQUEST;
    if (answer.status === 408) {
      logger.warn('A request did not arrive in time (slow headers or body); cut off with 408', {
        event: 'http.request_timeout',
        code,
      });
    } else {
      logger.debug('Node refused an invalid HTTP request', {
        event: 'http.invalid_request',
        code,
        status: answer.status,
      });
    }
    const body = JSON.stringify(errorBody(answer.code, answer.message));
    socket.end(
      [
        `HTTP/1.1 ${answer.status} ${answer.reason}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'X-Content-Type-Options: nosniff',
        "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'",
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
    setTimeout(() => socket.destroy(), 1000).unref();
  };
}

/**
 * The warning for a server that trusts `X-Forwarded-For` (`TRUST_PROXY_HOPS` > 0) while it listens on
 * every address: a client that reaches it directly, past the proxy, then picks its own rate-limit key
 * by writing the header. Undefined when `HOST` is a single address (bind it to one only the proxy reaches).
 */
export function proxyBindingWarning(config: Pick<Config, 'HOST' | 'TRUST_PROXY_HOPS'>): string | undefined {
  if (config.TRUST_PROXY_HOPS === 0 || !['0.0.0.0', '::', '[::]', ''].includes(config.HOST.trim())) return undefined;
  return (
    `TRUST_PROXY_HOPS=${config.TRUST_PROXY_HOPS}, men serveren lytter på alle adresser (HOST=${config.HOST}): ` +
    'en klient, der går uden om proxyen, kan selv skrive X-Forwarded-For og vælge sin kvote. ' +
    'Sæt HOST til en adresse, kun proxyen når (fx 127.0.0.1), eller luk porten i firewallen.'
  );
}
