/**
 * The one HTTP helper every adapter uses: a JSON request with a timeout, statuses mapped to the
 * typed errors of `@nectar/core/errors`, and the body validated with a zod/mini schema, so a
 * malformed answer becomes a `BackendError` and is never passed on. `graphql()` builds on it and
 * also maps a GraphQL `errors` array (UNAUTHENTICATED, THROTTLED, NOT_FOUND…).
 *
 * Error messages are safe to show and log: the backend's name and the status, never a secret,
 * a URL with credentials, or the raw body (it stays in `cause` only for network failures).
 */
import { AuthError, BackendError, NetworkError, NotFoundError, RateLimitedError } from '@nectar/core/errors';
import { RETRY_AFTER_HEADER, parseRetryAfter } from '@nectar/core/protocol';
import type { ZodMiniType } from 'zod/mini';

export type FetchLike = typeof fetch;

/** How a backend says "wait": returns seconds, or null when the response does not say. */
export type RetryAfterMapper = (response: Response, now: number) => number | null;

export interface RequestOptions<T> {
  /** Schema of the successful JSON body. */
  parse: ZodMiniType<T>;
  /** Name of the backend in error messages, e.g. `Shopify`. Default `backend`. */
  backend?: string;
  /** Abort the request (headers and body) after this many ms. Default 10 000. */
  timeoutMs?: number;
  /** Vendor rate-limit headers; default `defaultRetryAfter` (Retry-After, then common vendor headers). */
  retryAfter?: RetryAfterMapper;
  /** Seconds to report when a 429 carries no hint. Default 1. */
  fallbackRetryAfter?: number;
  /**
   * Vendor-specific mapping of a non-2xx response (body parsed as JSON when possible, else the text).
   * Return an error to throw it, or undefined for the default status mapping.
   */
  mapError?: (response: Response, body: unknown) => Error | undefined;
  /** Statuses treated as success besides 2xx (e.g. GraphQL servers answering 400 with `errors`). */
  okStatuses?: number[];
}

const DEFAULT_TIMEOUT = 10_000;

/**
 * `Retry-After` (seconds or HTTP-date), else BigCommerce's `X-Rate-Limit-Time-Reset-Ms`, else
 * `X-RateLimit-Reset` / `RateLimit-Reset` (seconds to wait, or a Unix time in seconds when large).
 */
export const defaultRetryAfter: RetryAfterMapper = (response, now) => {
  const h = response.headers;
  const retryAfter = parseRetryAfter(h.get(RETRY_AFTER_HEADER), now);
  if (retryAfter !== undefined) return retryAfter;
  const resetMs = h.get('X-Rate-Limit-Time-Reset-Ms') ?? h.get('Retry-After-Ms');
  if (resetMs && /^\d+(\.\d+)?$/.test(resetMs.trim())) return Math.max(0, Math.ceil(Number(resetMs) / 1000));
  const reset = h.get('X-RateLimit-Reset') ?? h.get('RateLimit-Reset');
  if (reset && /^\d+(\.\d+)?$/.test(reset.trim())) {
    const n = Number(reset);
    // A Unix timestamp (seconds) rather than a delta.
    if (n > 1e9) return Math.max(0, Math.ceil(n - now / 1000));
    return Math.ceil(n);
  }
  return null;
};

function isAbort(e: unknown): boolean {
  return (
    typeof e === 'object' && e !== null && ((e as Error).name === 'AbortError' || (e as Error).name === 'TimeoutError')
  );
}

/** The default mapping of a non-2xx status to a typed error. */
export function statusError(
  response: Response,
  backend: string,
  options: Pick<RequestOptions<unknown>, 'retryAfter' | 'fallbackRetryAfter'> = {},
): Error {
  const { status } = response;
  if (status === 401 || status === 403) return new AuthError(`${backend} refused the credentials (${status})`, status);
  if (status === 404) return new NotFoundError(`${backend}: not found`);
  if (status === 429) {
    const seconds = (options.retryAfter ?? defaultRetryAfter)(response, Date.now());
    return new RateLimitedError(`${backend} rate limit reached`, seconds ?? options.fallbackRetryAfter ?? 1);
  }
  return new BackendError(`${backend} answered ${status}`, status);
}

/** The body parsed as JSON, or the text when it is not JSON, or undefined when empty/unreadable. */
function parseLoose(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Sends one request and returns the response with its body parsed as JSON (not yet validated).
 * Throws the typed errors of `requestJson` for statuses, invalid JSON and network failures.
 */
export async function requestRaw(
  fetchFn: FetchLike,
  url: string | URL,
  init: RequestInit,
  options: Omit<RequestOptions<unknown>, 'parse'>,
): Promise<{ response: Response; body: unknown }> {
  const backend = options.backend ?? 'backend';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const outer = init.signal;
  const onOuterAbort = () => controller.abort();
  if (outer) {
    if (outer.aborted) controller.abort();
    else outer.addEventListener('abort', onOuterAbort, { once: true });
  }
  const headers = new Headers(init.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  let response: Response;
  let text: string;
  try {
    response = await fetchFn(url, { ...init, headers, signal: controller.signal });
    text = await response.text();
  } catch (e) {
    if (timedOut) throw new NetworkError(`${backend} did not answer within ${timeoutMs} ms`, { cause: e });
    if (isAbort(e)) throw new NetworkError(`Request to ${backend} aborted`, { cause: e });
    throw new NetworkError(`${backend} is unreachable`, { cause: e });
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
  const ok = response.ok || (options.okStatuses?.includes(response.status) ?? false);
  if (!ok) {
    const mapped = options.mapError?.(response, parseLoose(text));
    throw mapped ?? statusError(response, backend, options);
  }
  try {
    return { response, body: JSON.parse(text) };
  } catch {
    throw new BackendError(`Malformed response from ${backend}`, response.status, 'malformed_response');
  }
}

/**
 * Sends one request and returns the validated JSON body. Throws `AuthError` (401/403),
 * `NotFoundError` (404), `RateLimitedError` (429), `BackendError` (other statuses, invalid JSON,
 * a body that does not match `parse`), `NetworkError` (unreachable, aborted, timed out).
 */
export async function requestJson<T>(
  fetchFn: FetchLike,
  url: string | URL,
  init: RequestInit,
  options: RequestOptions<T>,
): Promise<T> {
  const { response, body } = await requestRaw(fetchFn, url, init, options);
  const result = options.parse.safeParse(body);
  if (!result.success)
    throw new BackendError(
      `Malformed response from ${options.backend ?? 'backend'}`,
      response.status,
      'malformed_response',
    );
  return result.data;
}

/** One entry of a GraphQL `errors` array (only the parts Nectar reads). */
export interface GraphQLErrorEntry {
  message?: string;
  path?: ReadonlyArray<string | number>;
  extensions?: {
    code?: string;
    /** Saleor (graphene) puts the code here. */
    exception?: { code?: string };
    /** Shopify's query cost (Admin/Customer Account API throttling). */
    cost?: {
      requestedQueryCost?: number;
      throttleStatus?: { maximumAvailable?: number; currentlyAvailable?: number; restoreRate?: number };
    };
    [key: string]: unknown;
  };
}

export interface GraphQLOptions<T> extends Omit<RequestOptions<T>, 'okStatuses'> {
  /** Extra request headers (tokens). */
  headers?: Record<string, string>;
  /** Vendor mapping of a GraphQL error entry; return undefined for the default mapping. */
  mapGraphQLError?: (error: GraphQLErrorEntry, response: Response) => Error | undefined;
  signal?: AbortSignal;
}

const AUTH_CODES = new Set([
  'UNAUTHENTICATED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'ACCESS_DENIED',
  'PERMISSION_DENIED',
  'INVALID_TOKEN',
  'JSONWEBTOKENERROR',
  'EXPIREDSIGNATUREERROR',
  'INVALIDTOKENERROR',
]);

/** Seconds until a Shopify-style cost bucket holds the requested cost again, or null. */
export function throttleRetryAfter(error: GraphQLErrorEntry): number | null {
  const cost = error.extensions?.cost;
  const status = cost?.throttleStatus;
  if (!cost || !status?.restoreRate) return null;
  const needed = (cost.requestedQueryCost ?? 0) - (status.currentlyAvailable ?? 0);
  return Math.max(1, Math.ceil(needed / status.restoreRate));
}

/** The default mapping of a GraphQL error entry to a typed error. */
export function graphqlError(
  error: GraphQLErrorEntry,
  response: Response,
  backend: string,
  fallbackRetryAfter = 1,
): Error {
  const code = String(error.extensions?.code ?? error.extensions?.exception?.code ?? '').toUpperCase();
  if (AUTH_CODES.has(code))
    return new AuthError(
      `${backend} refused the credentials`,
      code === 'FORBIDDEN' || code === 'ACCESS_DENIED' ? 403 : 401,
    );
  if (code === 'THROTTLED' || code === 'RATE_LIMITED' || code === 'TOO_MANY_REQUESTS')
    return new RateLimitedError(
      `${backend} rate limit reached`,
      throttleRetryAfter(error) ?? defaultRetryAfter(response, Date.now()) ?? fallbackRetryAfter,
    );
  if (code === 'NOT_FOUND' || code === 'NOTFOUND') return new NotFoundError(`${backend}: not found`);
  if (code === 'INTERNAL_SERVER_ERROR' || code === 'INTERNAL_ERROR' || code === 'SERVICE_UNAVAILABLE')
    return new BackendError(`${backend} failed`, 500);
  return new BackendError(
    `${backend} rejected the query${code ? ` (${code})` : ''}`,
    response.status >= 400 ? response.status : 502,
    'graphql_error',
  );
}

interface Envelope {
  data?: unknown;
  errors?: GraphQLErrorEntry[];
}

const isEnvelope = (v: unknown): v is Envelope =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && ('data' in v || 'errors' in v);

/**
 * Runs one GraphQL operation (POST, JSON) and returns its validated `data`. HTTP statuses map as in
 * `requestJson`; an `errors` array maps by `extensions.code` (auth → `AuthError`, `THROTTLED` →
 * `RateLimitedError` with the time the cost bucket needs, `NOT_FOUND` → `NotFoundError`, else
 * `BackendError`). A response without `data` or with `data` that does not match `parse` is a
 * `BackendError`.
 */
export async function graphql<T>(
  fetchFn: FetchLike,
  url: string | URL,
  query: string,
  variables: Record<string, unknown>,
  options: GraphQLOptions<T>,
): Promise<T> {
  const backend = options.backend ?? 'backend';
  const mapBody = (response: Response, body: unknown): Error | undefined => {
    const errors = isEnvelope(body) ? body.errors : undefined;
    if (Array.isArray(errors) && errors.length > 0) {
      // Shopify puts the query cost at the top level (`extensions.cost`); give it to each error.
      const topCost = (body as { extensions?: { cost?: unknown } }).extensions?.cost;
      if (topCost && typeof topCost === 'object')
        errors.forEach((e, i) => {
          if (e && typeof e === 'object' && !e.extensions?.cost)
            errors[i] = {
              ...e,
              extensions: { ...e.extensions, cost: topCost as NonNullable<GraphQLErrorEntry['extensions']>['cost'] },
            };
        });
      for (const e of errors) {
        const vendor = options.mapGraphQLError?.(e, response);
        if (vendor) return vendor;
      }
      // The most telling error wins: auth, then rate limit, then not found, then the first.
      const mapped = errors.map((e) => graphqlError(e ?? {}, response, backend, options.fallbackRetryAfter));
      return (
        mapped.find((e) => e instanceof AuthError) ??
        mapped.find((e) => e instanceof RateLimitedError) ??
        mapped.find((e) => e instanceof NotFoundError) ??
        mapped[0]
      );
    }
    return undefined;
  };
  const { response, body: envelope } = await requestRaw(
    fetchFn,
    url,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...options.headers },
      body: JSON.stringify({ query, variables }),
      ...(options.signal ? { signal: options.signal } : {}),
    },
    {
      backend,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.retryAfter ? { retryAfter: options.retryAfter } : {}),
      ...(options.fallbackRetryAfter !== undefined ? { fallbackRetryAfter: options.fallbackRetryAfter } : {}),
      mapError: (response, body) =>
        options.mapError?.(response, body) ??
        (response.status === 429 ? undefined : preciseOrNothing(mapBody(response, body), response)),
    },
  );
  if (!isEnvelope(envelope))
    throw new BackendError(`Malformed response from ${backend}`, response.status, 'malformed_response');
  if (envelope.errors !== undefined && !Array.isArray(envelope.errors))
    throw new BackendError(`Malformed response from ${backend}`, response.status, 'malformed_response');
  const error = mapBody(response, envelope);
  if (error) throw error;
  if (envelope.data == null)
    throw new BackendError(`Malformed response from ${backend}`, response.status, 'malformed_response');
  const result = options.parse.safeParse(envelope.data);
  if (!result.success)
    throw new BackendError(`Malformed response from ${backend}`, response.status, 'malformed_response');
  return result.data;
}

/**
 * On a non-2xx GraphQL response, a mapped error from the body is used only when it is more precise
 * than the status (e.g. 400 + UNAUTHENTICATED, 200-less THROTTLED); otherwise the status decides.
 */
function preciseOrNothing(mapped: Error | undefined, _response: Response): Error | undefined {
  if (!mapped) return undefined;
  return mapped instanceof BackendError ? undefined : mapped;
}
