import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** A random secret, URL-safe. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Compares two secrets in constant time (hashing first, so lengths never leak). */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** Compares a presented token with a stored sha256 hex hash in constant time. */
export function tokenMatchesHash(token: string, hashHex: string): boolean {
  const presented = createHash('sha256').update(token).digest();
  const stored = Buffer.from(hashHex, 'hex');
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `NC-` + 6 Crockford base32 characters (no I, L, O, U): about a billion numbers. */
export function ticketNumber(): string {
  const bytes = randomBytes(6);
  let out = '';
  for (const byte of bytes) out += CROCKFORD[byte & 31];
  return `NC-${out}`;
}

/** AES-256-GCM with a key derived from a secret the client holds (its idempotency key). */
export function seal(plain: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', createHash('sha256').update(`nectar-seal:${secret}`).digest(), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function unseal(sealed: string, secret: string): string {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    createHash('sha256').update(`nectar-seal:${secret}`).digest(),
    raw.subarray(0, 12),
  );
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/**
 * The request hash of an idempotent write: hex SHA-256 of its parts joined by newlines — the format
 * of `requestHash` in `@nectar/adapters/proxy/shared` (a test holds them equal), computed synchronously:
 * WebCrypto's digest is asynchronous and cost the ticket route 0.6 ms a write on a busy event loop.
 */
export const requestHashOf = (parts: readonly string[]): string => sha256(parts.join('\n'));
