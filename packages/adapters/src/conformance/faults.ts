/**
 * A `fetch` that passes requests to the real one until a fault is armed, then answers every request
 * with that fault (or mutates the real response) until it is disarmed. The conformance kit puts it
 * in front of a real backend to see how an adapter fails.
 */
import { isBackendError, isNetworkError, isRateLimitedError } from '@nectar/core/errors';
import { RETRY_AFTER_HEADER } from '@nectar/core/protocol';
import { equal } from './assert.ts';
import type { FaultOverrides } from './types.ts';

export type Fault =
  | { kind: 'response'; make: () => Response }
  | { kind: 'timeout' }
  | { kind: 'offline' }
  | { kind: 'mutate'; mutate: (text: string, response: Response) => string };

export interface FaultyFetch {
  fetch: typeof fetch;
  arm(fault: Fault): void;
  disarm(): void;
  /** Requests seen (method and URL), for checks and debugging. */
  readonly requests: { method: string; url: string }[];
}

export function faultyFetch(base: typeof fetch = globalThis.fetch.bind(globalThis)): FaultyFetch {
  let fault: Fault | null = null;
  const requests: { method: string; url: string }[] = [];
  const wrapped = (async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    requests.push({ method: init?.method ?? (input instanceof Request ? input.method : 'GET'), url });
    const current = fault;
    if (!current) return base(input, init);
    switch (current.kind) {
      case 'response':
        return current.make();
      case 'offline':
        throw new TypeError('fetch failed');
      case 'timeout': {
        const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
        return new Promise<Response>((_resolve, reject) => {
          const abort = () => reject(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
          if (signal?.aborted) abort();
          else signal?.addEventListener('abort', abort, { once: true });
          // Without a signal the request hangs for good: the kit's own timer reports it.
        });
      }
      case 'mutate': {
        const real = await base(input, init);
        const text = await real.text();
        const headers = new Headers(real.headers);
        headers.delete('content-length');
        headers.delete('content-encoding');
        return new Response(current.mutate(text, real), { status: real.status, statusText: real.statusText, headers });
      }
    }
  }) as typeof fetch;
  return {
    fetch: wrapped,
    arm: (f) => (fault = f),
    disarm: () => (fault = null),
    requests,
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function walk(value: Json, depth: number, leaf: (v: Json, depth: number) => Json | undefined): Json {
  if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1, leaf));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) {
      const next = v !== null && typeof v === 'object' ? walk(v, depth + 1, leaf) : leaf(v, depth + 1);
      if (next !== undefined) out[k] = next;
    }
    return out;
  }
  return value;
}

const parseOr = (text: string): Json | undefined => {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
};

/** Invalid JSON: the real body cut in half. */
export const truncateBody = (text: string): string =>
  text.length > 2 ? text.slice(0, Math.floor(text.length / 2)) : '{';

/**
 * Drops every scalar field from `minDepth` down (default 2: below the top level of a list answer —
 * ids, numbers, dates, totals, titles…; 1 for flat answers such as a ticket receipt).
 */
export function dropFields(text: string, minDepth = 2): string {
  const json = parseOr(text);
  if (json === undefined) return truncateBody(text);
  return JSON.stringify(walk(json, 0, (v, depth) => (depth >= minDepth ? undefined : v)));
}

/** Swaps the types of every scalar from `minDepth` down (as `dropFields`): strings → numbers, numbers/booleans → strings. */
export function swapTypes(text: string, minDepth = 2): string {
  const json = parseOr(text);
  if (json === undefined) return truncateBody(text);
  return JSON.stringify(
    walk(json, 0, (v, depth) => {
      if (depth < minDepth) return v;
      if (typeof v === 'string') return 42;
      if (typeof v === 'number' || typeof v === 'boolean') return String(v) + 'x';
      return v;
    }),
  );
}

/** One fault case of the kits: the fault to arm, the typed error it must become, and extra checks. */
export interface FaultCase {
  title: string;
  fault: Fault;
  guard: (e: unknown) => boolean;
  what: string;
  extra?: (e: unknown) => void;
}

/**
 * The fault cases both kits run (rate limit, server error, timeout, unreachable, invalid JSON, missing
 * fields, wrong types), with the seed's vendor-shaped answers where it gives them.
 */
export function faultCases(
  overrides: FaultOverrides | undefined,
  options: {
    /** What cannot be reached, in the test title: `backend` or `helpdesk`. */
    peer: string;
    /** Mutations start at this depth of the JSON (a flat receipt needs 1). */
    mutateDepth: number;
    /** Suffix of the malformed-response titles, e.g. `, never passes them on`. */
    malformedSuffix: string;
    /** Body of the default 429 and 500 answers. */
    errorBody: (message: string) => unknown;
  },
): FaultCase[] {
  const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
  const rateLimited = overrides?.rateLimited ?? {
    response: () => json(options.errorBody('Too many requests'), 429, { [RETRY_AFTER_HEADER]: '7' }),
    retryAfter: 7,
  };
  const serverError = overrides?.serverError ?? {
    response: () => json(options.errorBody('Internal Server Error'), 500),
    status: 500,
  };
  return [
    {
      title: `throws RateLimitedError with retryAfter ${rateLimited.retryAfter} on a rate-limit answer`,
      fault: { kind: 'response', make: rateLimited.response },
      guard: isRateLimitedError,
      what: 'rate limited',
      extra: (e) => equal((e as { retryAfter: number }).retryAfter, rateLimited.retryAfter, 'retryAfter'),
    },
    {
      title: `throws BackendError(${serverError.status}) on a server error`,
      fault: { kind: 'response', make: serverError.response },
      guard: isBackendError,
      what: 'server error',
      extra: (e) => equal((e as { status: number }).status, serverError.status, 'BackendError.status'),
    },
    { title: 'throws NetworkError on a timeout', fault: { kind: 'timeout' }, guard: isNetworkError, what: 'timed out' },
    {
      title: `throws NetworkError when the ${options.peer} is unreachable`,
      fault: { kind: 'offline' },
      guard: isNetworkError,
      what: 'offline',
    },
    {
      title: 'throws BackendError on invalid JSON',
      fault: { kind: 'mutate', mutate: truncateBody },
      guard: isBackendError,
      what: 'invalid JSON',
    },
    {
      title: `throws BackendError on missing fields${options.malformedSuffix}`,
      fault: { kind: 'mutate', mutate: (text) => dropFields(text, options.mutateDepth) },
      guard: isBackendError,
      what: 'missing fields',
    },
    {
      title: `throws BackendError on wrong types${options.malformedSuffix}`,
      fault: { kind: 'mutate', mutate: (text) => swapTypes(text, options.mutateDepth) },
      guard: isBackendError,
      what: 'wrong types',
    },
  ];
}
