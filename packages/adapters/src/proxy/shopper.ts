/**
 * Browser-safe pieces shared by the proxied adapters (WooCommerce, Freshdesk, Gorgias, Chatwoot) and
 * the proxy: the headers that carry the verified shopper. No secret lives here — the hash is computed
 * by the merchant's server (`user.hash` in `createNectar`) and only checked by the proxy.
 */
import { USER_HASH_HEADER, USER_HEADER } from '@nectar/core/protocol';

/** The shopper headers and the access-token header, named once in `@nectar/core/protocol`. */
export { ACCESS_TOKEN_HEADER, USER_HASH_HEADER, USER_HEADER } from '@nectar/core/protocol';

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
