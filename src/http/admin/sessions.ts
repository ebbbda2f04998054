import type { Store } from '../../store/store.js';

/** What a valid console session says about who signed in. */
export interface AdminSession {
  /** The name given at sign-in (shown in the document history). */
  name: string;
  /** When the session ends (epoch milliseconds). */
  expiresAt: number;
  /** Random id of this sign-in; signing out revokes it. */
  id: string;
}

/** Console sessions: signed cookie values that expire, and a revocation list for signed-out ones. */
export interface AdminSessions {
  /** A new session for `name` and its cookie value (`payload.signature`). */
  create(name: string): Promise<{ session: AdminSession; value: string }>;
  /** The session a cookie value carries, or undefined when it is forged, expired, revoked or from another token. */
  verify(value: string | undefined): Promise<AdminSession | undefined>;
  /** Revokes a session until it would have expired anyway. */
  revoke(session: AdminSession): Promise<void>;
}

/**
 * Where signed-out session ids are kept until they expire: the `Store` (SQLite, D1), so a sign-out
 * holds after a restart and in every process or isolate that shares it.
 */
export type RevokedSessions = Pick<Store, 'revokeSession' | 'isSessionRevoked'>;

/** Options of `adminSessions`. */
export interface AdminSessionOptions {
  /** `ADMIN_TOKEN`: the signing key is derived from it, so changing the token ends every session. */
  adminToken: string;
  /** How long a session lasts, in milliseconds. */
  ttlMs: number;
  /** Shared revocation list; without it, sign-outs are remembered in this process's memory only. */
  revoked?: RevokedSessions;
  now?: () => number;
}

const encoder = new TextEncoder();

/**
 * Stateless console sessions: the cookie holds the name, expiry and a random id, signed with
 * HMAC-SHA-256 under a key derived from `ADMIN_TOKEN`. Nothing is stored server-side except the ids
 * of sessions signed out before they expired, kept until their expiry in `options.revoked` (the
 * store) or, without one, in memory.
 */
export function adminSessions(options: AdminSessionOptions): AdminSessions {
  const now = options.now ?? Date.now;
  const key = crypto.subtle.importKey(
    'raw',
    encoder.encode(`opi-helpdesk admin session\u0000${options.adminToken}`),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
  const revoked = options.revoked ?? memoryRevocations(now);
  const sign = async (payload: string) =>
    toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', await key, encoder.encode(payload))));
  return {
    async create(name) {
      const session: AdminSession = { name, expiresAt: now() + options.ttlMs, id: crypto.randomUUID() };
      const payload = toBase64Url(encoder.encode(JSON.stringify({ n: name, e: session.expiresAt, i: session.id })));
      return { session, value: `${payload}.${await sign(payload)}` };
    },
    async verify(value) {
      const [payload, signature, extra] = (value ?? '').split('.');
      if (!payload || !signature || extra !== undefined) return undefined;
      const bytes = fromBase64Url(signature);
      if (!bytes) return undefined;
      const valid = await crypto.subtle.verify('HMAC', await key, bytes, encoder.encode(payload));
      if (!valid) return undefined;
      const session = parsePayload(payload);
      if (!session || session.expiresAt <= now()) return undefined;
      return (await revoked.isSessionRevoked(session.id)) ? undefined : session;
    },
    async revoke(session) {
      await revoked.revokeSession(session.id, new Date(session.expiresAt));
    },
  };
}

/** Revoked ids in this process's memory, each forgotten once past its expiry. */
function memoryRevocations(now: () => number): RevokedSessions {
  const until = new Map<string, number>();
  const forgetExpired = () => {
    for (const [id, at] of until) if (at <= now()) until.delete(id);
  };
  return {
    async revokeSession(id, at) {
      forgetExpired();
      until.set(id, at.getTime());
    },
    async isSessionRevoked(id) {
      forgetExpired();
      return until.has(id);
    },
  };
}

function parsePayload(payload: string): AdminSession | undefined {
  try {
    const bytes = fromBase64Url(payload);
    if (!bytes) return undefined;
    const data = JSON.parse(new TextDecoder().decode(bytes)) as { n?: unknown; e?: unknown; i?: unknown };
    if (typeof data.n !== 'string' || typeof data.e !== 'number' || typeof data.i !== 'string') return undefined;
    return { name: data.n, expiresAt: data.e, id: data.i };
  } catch {
    return undefined;
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  } catch {
    return undefined;
  }
}
