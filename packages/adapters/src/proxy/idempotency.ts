/**
 * Idempotency. `stableStringify` and `requestHash` are written once for the secrets proxy and the
 * reference service (`@nectar/adapters/proxy/shared`): a write's request is hashed from its parts
 * (method and path, the shopper, the body as `stableStringify`), so a retry with the same key and the
 * same request replays the first answer. `idempotency(store)` is the proxy's runner of such writes.
 * WebCrypto only, no `node:` imports.
 */
import { IDEMPOTENCY_KEY_HEADER, REPLAYED_HEADER } from '@nectar/core/protocol';
import type { ProxyStore } from './config.ts';
import { ProxyError } from './errors.ts';
import { toHex } from './identity.ts';

/** Deeper JSON than any write needs; refused before it can exhaust the stack. */
const DEPTH_MAX = 64;
/** The longest `Idempotency-Key` accepted (as the service). */
const KEY_MAX = 255;
/** How long a result is replayed, seconds. */
export const DAY = 86_400;

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

/** A write's answer as the proxy keeps it for replays. */
export interface StoredResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** What the store keeps: the answer and the hash of the request that made it. */
interface StoredWrite extends StoredResponse {
  /** Missing in a result stored before requests were hashed: such a result replays for any body. */
  requestHash?: string;
}

/**
 * Runs `run` once per (backend, path, `Idempotency-Key`) and answers a retry with its first result;
 * the same key with another `body` is 422 `idempotency_conflict`, as in the service.
 */
export type Idempotent = (
  request: Request,
  backend: string,
  body: unknown,
  run: (key: string) => Promise<StoredResponse>,
) => Promise<Response>;

/** The proxy's idempotent writes, kept a day in `store`; a concurrent retry waits for the first. */
export function idempotency(store: ProxyStore): Idempotent {
  const inflight = new Map<string, { hash: string; promise: Promise<StoredResponse> }>();
  return async (request, backend, body, run) => {
    const key = request.headers.get(IDEMPOTENCY_KEY_HEADER)?.trim();
    if (!key || key.length > KEY_MAX)
      throw new ProxyError(422, 'validation_failed', `${IDEMPOTENCY_KEY_HEADER} is required.`, {});
    const { pathname } = new URL(request.url);
    const storeKey = `idem:${backend}:${pathname}:${key}`;
    let canonical: string;
    try {
      canonical = stableStringify(body);
    } catch {
      throw new ProxyError(422, 'validation_failed', 'The request is nested too deeply.');
    }
    const hash = await requestHash([`${request.method} ${pathname}`, canonical]);
    const conflict = (other: string | undefined) => {
      if (other !== undefined && other !== hash)
        throw new ProxyError(
          422,
          'idempotency_conflict',
          `This ${IDEMPOTENCY_KEY_HEADER} was already used with a different request.`,
        );
    };
    const replay = (r: StoredResponse, replayed: boolean) =>
      new Response(r.body, {
        status: r.status,
        headers: { ...r.headers, ...(replayed ? { [REPLAYED_HEADER]: 'true' } : {}) },
      });
    const stored = (await store.get(storeKey)) as StoredWrite | undefined;
    if (stored) {
      conflict(stored.requestHash);
      const { requestHash: _hash, ...answer } = stored;
      return replay(answer, true);
    }
    const pending = inflight.get(storeKey);
    if (pending) {
      conflict(pending.hash);
      return replay(await pending.promise, true);
    }
    const promise = run(key).then(async (r) => {
      await store.set(storeKey, { ...r, requestHash: hash } satisfies StoredWrite, DAY);
      return r;
    });
    inflight.set(storeKey, { hash, promise });
    try {
      return replay(await promise, false);
    } finally {
      inflight.delete(storeKey);
    }
  };
}
