/**
 * Idempotency, written once for the secrets proxy and the reference service: a write's request is
 * hashed from its parts (method and path, the shopper, the body as `stableStringify`), so a retry
 * with the same key and the same request replays the first answer and the same key with another
 * body is a conflict. WebCrypto only, no `node:` imports.
 */
import { toHex } from './identity.ts';

/** Deeper JSON than any write needs; refused before it can exhaust the stack. */
const DEPTH_MAX = 64;

/**
 * JSON with sorted object keys, so the same body hashes the same whatever its key order; object
 * members that are `undefined` are dropped (in arrays they become `null`, as in `JSON.stringify`).
 * Throws a `RangeError` for values nested deeper than `maxDepth` (default 64) arrays or objects.
 */
export function stableStringify(value: unknown, maxDepth = DEPTH_MAX): string {
  const walk = (v: unknown, depth: number): string => {
    if (Array.isArray(v) || (v && typeof v === 'object')) {
      if (depth >= maxDepth) throw new RangeError(`JSON nested deeper than ${maxDepth} levels`);
      if (Array.isArray(v)) return `[${v.map((item) => walk(item, depth + 1)).join(',')}]`;
      const entries = Object.entries(v as Record<string, unknown>)
        .filter(([, member]) => member !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, member]) => `${JSON.stringify(k)}:${walk(member, depth + 1)}`).join(',')}}`;
    }
    return JSON.stringify(v) ?? 'null';
  };
  return walk(value, 0);
}

/** Hex SHA-256 of the request's parts joined by newlines, e.g. `['POST /v1/tickets', userId, stableStringify(body)]`. */
export async function requestHash(parts: readonly string[]): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(parts.join('\n')))));
}
