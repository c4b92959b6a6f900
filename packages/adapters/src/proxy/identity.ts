/**
 * Verified shopper identity, written once for the secrets proxy and the reference service: the page
 * sends `X-Nectar-User: <id>` and `X-Nectar-User-Hash: <hex HMAC-SHA256 of the id keyed with the
 * identity secret>` (the `user.hash` the merchant's server computes). WebCrypto only, no `node:`
 * imports, so it runs on every runtime that speaks fetch.
 */

/** The longest user id accepted (the service stores it; a longer one is refused, not truncated). */
const USER_ID_MAX = 255;

const encoder = new TextEncoder();

/** `HMAC-SHA256(secret, data)` as bytes. */
export async function hmacBytes(secret: string, data: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(data)));
}

/** Lower-case hex of bytes. */
export const toHex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Compares two strings in constant time for a given length (the length of an expected hash or token
 * is no secret): every character is compared whatever the first difference.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ (i < b.length ? b.charCodeAt(i) : 0);
  return diff === 0;
}

/** Hex HMAC-SHA256 of the user id with the identity secret — the identity hash the merchant's server computes for `user.hash`. */
export async function identityHash(secret: string, userId: string): Promise<string> {
  return toHex(await hmacBytes(secret, userId));
}

/**
 * Whether `hash` is the identity hash of `userId` (hex, any case). False for an empty id, hash or
 * secret and for an id over 255 characters; compared in constant time.
 */
export async function verifyIdentity(secret: string, userId: string, hash: string): Promise<boolean> {
  if (!secret || !userId || !hash || userId.length > USER_ID_MAX) return false;
  return timingSafeEqual(await identityHash(secret, userId), hash.toLowerCase());
}
