/**
 * Browser-safe pieces shared by the proxied adapters (WooCommerce, Freshdesk, Gorgias, Chatwoot) and
 * the proxy: the headers that carry the verified shopper. No secret lives here — the hash is computed
 * by the merchant's server (`user.hash` in `createNectar`) and only checked by the proxy.
 */

/** Header with the shopper's id (the merchant's user id). */
export const USER_HEADER = 'X-Nectar-User';
/** Header with the hex HMAC-SHA256 of the user id, keyed with the merchant's identity secret. */
export const USER_HASH_HEADER = 'X-Nectar-User-Hash';
/** Response header of a ticket created through the proxy: the bearer token that reads it later. */
export const ACCESS_TOKEN_HEADER = 'X-Nectar-Access-Token';

/** A shopper as the merchant's page knows them: id plus the identity hash from the merchant's server. */
export interface VerifiedUser {
  id: string;
  hash: string;
}

/** Headers that identify the shopper to the proxy (empty for a guest). */
export function shopperHeaders(user: VerifiedUser | null | undefined): Record<string, string> {
  return user ? { [USER_HEADER]: user.id, [USER_HASH_HEADER]: user.hash } : {};
}

/** Joins a base URL and a path without doubling or losing the slash. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
