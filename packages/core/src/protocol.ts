/**
 * The wire protocol's names, written once: the headers of HTTP API v1 and the proxy, and how a
 * `Retry-After` is read. No dependencies, so the server, the adapters and the smallest browser
 * chunk can all import it.
 */

/** The public site key of a browser call. */
export const SITE_HEADER = 'X-Nectar-Site';
/** A verified shopper's id … */
export const USER_HEADER = 'X-Nectar-User';
/** … and its hex HMAC-SHA256 with the site's identity secret. */
export const USER_HASH_HEADER = 'X-Nectar-User-Hash';
/** A token the secrets proxy signs for a ticket it created (read it back with it). */
export const ACCESS_TOKEN_HEADER = 'X-Nectar-Access-Token';
/** Every write carries one; a replay returns the first result. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set to `true` on a replayed write's answer. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';
export const RETRY_AFTER_HEADER = 'Retry-After';

/**
 * Whole seconds to wait from a `Retry-After` value (delta-seconds or an HTTP date), at least 0;
 * `undefined` when it is missing or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text));
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
