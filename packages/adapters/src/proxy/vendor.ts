/** Calls to the backends, with their failures mapped to safe proxy errors (no vendor body, no secret). */
import { RETRY_AFTER_HEADER } from '@nectar/core/protocol';
import { ProxyError } from './errors.ts';

export type VendorJson = (
  backend: string,
  url: string,
  init?: RequestInit,
) => Promise<{ body: unknown; res: Response }>;

/** Calls a backend and reads its JSON answer; passes `Retry-After` on a 429, maps every other failure. */
export function vendorCaller(doFetch: typeof fetch, timeoutMs: number): VendorJson {
  async function vendor(backend: string, url: string, init: RequestInit = {}): Promise<Response> {
    let res: Response;
    try {
      res = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      const timedOut = (e as { name?: string })?.name === 'TimeoutError';
      throw new ProxyError(timedOut ? 504 : 502, 'internal', `${backend} did not answer.`);
    }
    if (res.ok) return res;
    await res.body?.cancel().catch(() => {});
    if (res.status === 429) {
      const retryAfter = res.headers.get(RETRY_AFTER_HEADER) ?? '60';
      throw new ProxyError(429, 'rate_limited', `${backend} is busy. Please try again shortly.`, {
        [RETRY_AFTER_HEADER]: retryAfter,
      });
    }
    if (res.status === 404) throw new ProxyError(404, 'not_found', 'Not found.');
    if (res.status === 401 || res.status === 403)
      throw new ProxyError(502, 'internal', `${backend} refused the proxy's credentials.`);
    if (res.status === 400 || res.status === 422)
      throw new ProxyError(422, 'validation_failed', `${backend} refused the request.`);
    throw new ProxyError(502, 'internal', `${backend} failed (${res.status}).`);
  }

  return async (backend, url, init) => {
    const res = await vendor(backend, url, init);
    try {
      return { body: await res.json(), res };
    } catch {
      throw new ProxyError(502, 'internal', `Malformed response from ${backend}.`);
    }
  };
}
