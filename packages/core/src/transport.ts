/**
 * HTTP transport of the client and of `httpDesk`, on `ky`: per-attempt timeout, retries with
 * exponential backoff and jitter (network errors, timeouts, 408, 429 honouring `Retry-After`,
 * 5xx; never other 4xx), the same `Idempotency-Key` on every retry, and errors mapped from the
 * service's `{ error: { code, message, fields } }` body to the typed classes of `errors.ts`.
 *
 * `ky` is imported on the first request, not with this module: a page that builds a client but
 * sends nothing yet (a launcher once idle, a form not sent) does not download it. Every write is
 * stored in the outbox before it is sent, so a failure to fetch that code (offline) is a
 * `NetworkError` like any other: the write waits in the outbox and goes out later.
 */
import type { HTTPError as KyHTTPError, KyInstance } from 'ky';
import {
  AuthError,
  BackendError,
  ConfigurationError,
  NectarError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
} from './errors.ts';
import { IDEMPOTENCY_KEY_HEADER, RETRY_AFTER_HEADER, parseRetryAfter } from './protocol.ts';
import type { ErrorBody } from './schema.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface TransportRetry {
  /** Retries after the first attempt. Default 3. */
  limit?: number;
  /** Base delay of the exponential backoff, ms. Default 300. */
  baseDelay?: number;
  /** Longest delay between two attempts, ms. Default 10 000. */
  backoffLimit?: number;
  /** Longest `Retry-After` the transport waits for itself, seconds; longer ones throw `RateLimitedError`. Default 30. */
  maxRetryAfter?: number;
}

export interface TransportOptions {
  /** Base URL, e.g. `https://help.example`. */
  endpoint: string;
  /** Headers of every request (e.g. `X-Nectar-Site`). */
  headers?: Record<string, string>;
  /** Timeout of one attempt, ms. Default 10 000. */
  timeout?: number;
  /** Retry policy, or a number of retries (`0` disables them). */
  retry?: number | TransportRetry;
  /** `fetch` to use (tests, proxies). */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  /** Sent as `Idempotency-Key`, unchanged on every retry. Writes are retried only with one. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface Transport {
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>;
}

const RETRY_STATUS = [408, 429, 500, 502, 503, 504];

type Ky = typeof import('ky');
let kyModule: Promise<Ky> | undefined;
/** `ky`, once per page; a failed import is tried again by the next request. */
const loadKy = (): Promise<Ky> =>
  (kyModule ??= import('ky').catch((error: unknown) => {
    kyModule = undefined;
    throw new NetworkError('Could not load the HTTP client (offline?)', { cause: error });
  }));

export function createTransport(options: TransportOptions): Transport {
  const retry: Required<TransportRetry> = {
    limit: 3,
    baseDelay: 300,
    backoffLimit: 10_000,
    maxRetryAfter: 30,
    ...(typeof options.retry === 'number' ? { limit: options.retry } : options.retry),
  };
  const prefix = options.endpoint.replace(/\/+$/, '');
  const create = ({ default: ky, HTTPError }: Ky): KyInstance =>
    ky.create({
      timeout: options.timeout ?? 10_000,
      headers: options.headers,
      throwHttpErrors: true,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      retry: {
        limit: retry.limit,
        methods: ['get', 'head', 'options', 'put', 'delete', 'post', 'patch'],
        statusCodes: RETRY_STATUS,
        afterStatusCodes: [429, 503],
        maxRetryAfter: retry.maxRetryAfter * 1000,
        backoffLimit: retry.backoffLimit,
        delay: (attempt) => retry.baseDelay * 2 ** (attempt - 1),
        // Full jitter, but never less than a tenth of the step.
        jitter: (delay) => delay * (0.1 + Math.random() * 0.9),
        retryOnTimeout: true,
        shouldRetry: ({ error }) => {
          if (error instanceof HTTPError && error.response.status === 429) {
            // A long wait is the outbox's job: give up now and let it come back later.
            const after = parseRetryAfter(error.response.headers.get(RETRY_AFTER_HEADER));
            if (after !== undefined && after > retry.maxRetryAfter) return false;
          }
          return undefined;
        },
      },
    });
  let api: Promise<{ ky: Ky; instance: KyInstance }> | undefined;

  return {
    async request<T>(method: HttpMethod, path: string, req: RequestOptions = {}): Promise<T> {
      const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
      if (req.idempotencyKey) headers[IDEMPOTENCY_KEY_HEADER] = req.idempotencyKey;
      const writes = method !== 'GET';
      let response: Response;
      let ky: Ky | undefined;
      try {
        const loaded = await (api ??= loadKy().then(
          (k) => ({ ky: k, instance: create(k) }),
          (error: unknown) => {
            api = undefined;
            throw error;
          },
        ));
        ky = loaded.ky;
        response = await loaded.instance(prefix + path, {
          method,
          headers,
          ...(req.json !== undefined ? { json: req.json } : {}),
          ...(req.body !== undefined ? { body: req.body } : {}),
          ...(req.signal ? { signal: req.signal } : {}),
          // A write without an idempotency key must not be repeated.
          ...(writes && !req.idempotencyKey ? { retry: 0 } : {}),
        });
      } catch (error) {
        throw await toNectarError(error, ky, req.signal);
      }
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      if (!text) return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch (cause) {
        throw new BackendError(
          'The service answered with a body that is not JSON',
          response.status,
          'invalid_response',
          {
            cause,
          },
        );
      }
    },
  };
}

/** The configuration errors already told in the console (once each per page). */
const reported = new Set<string>();

/** Maps a ky/fetch failure to a typed Nectar error. */
async function toNectarError(error: unknown, ky: Ky | undefined, signal?: AbortSignal): Promise<unknown> {
  if (signal?.aborted && (error as Error)?.name === 'AbortError') return error;
  if (ky && error instanceof ky.TimeoutError) return new NetworkError('The request timed out', { cause: error });
  if (!ky || !(error instanceof ky.HTTPError)) {
    if (error instanceof NectarError) return error;
    // fetch rejects with a TypeError on network failure, DNS or CORS.
    return new NetworkError((error as Error)?.message || 'Network error', { cause: error });
  }
  const { response } = error as KyHTTPError;
  const status = response.status;
  let body: Partial<ErrorBody['error']> = {};
  try {
    const parsed = (await response.clone().json()) as Partial<ErrorBody>;
    if (parsed && typeof parsed.error === 'object' && parsed.error) body = parsed.error;
  } catch {
    // Not the service's error shape (a proxy's HTML page…): fall back to the status.
  }
  const message = typeof body.message === 'string' && body.message ? body.message : `HTTP ${status}`;
  const code = typeof body.code === 'string' ? body.code : undefined;
  const options = { cause: error };
  if (code === 'origin_not_allowed' || code === 'unknown_site') {
    // A configuration error for the developer, told once per page in the console.
    if (!reported.has(code)) {
      reported.add(code);
      console.error(`[nectar] ${message}`);
    }
    return new ConfigurationError(message, code, options);
  }
  if ((status === 400 || status === 422) && code !== 'idempotency_conflict') {
    const fields = body.fields && typeof body.fields === 'object' ? body.fields : {};
    return new ValidationError(message, fields, options);
  }
  if (status === 401 || status === 403) return new AuthError(message, status, options);
  if (status === 404) return new NotFoundError(message, options);
  if (status === 429) {
    const retryAfter = parseRetryAfter(response.headers.get(RETRY_AFTER_HEADER)) ?? 1;
    return new RateLimitedError(message, retryAfter, options);
  }
  return new BackendError(message, status, code, options);
}
