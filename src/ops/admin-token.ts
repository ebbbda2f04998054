/**
 * Checks an `Authorization` header against the admin token. Both sides are
 * hashed with SHA-256 and the digests compared in constant time, so neither
 * the token's length nor its content leaks through timing.
 */
export async function isAdminAuthorized(authorization: string | undefined, adminToken: string): Promise<boolean> {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
  const given = match?.[1] ?? '';
  const [a, b] = await Promise.all([sha256(given), sha256(adminToken)]);
  let diff = given === '' ? 1 : 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}
