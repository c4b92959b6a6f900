/**
 * What the desks behind the secrets proxy (Freshdesk, Gorgias) share: one validated call to the
 * proxy, the photo upload, the access token the proxy signs for a created ticket, and the shopper's
 * message. Each desk keeps only its own vendor mapping.
 */
import * as z from 'zod/mini';
import { BackendError } from '@nectar/core/errors';
import { IDEMPOTENCY_KEY_HEADER } from '@nectar/core/protocol';
import type { WriteOptions } from '@nectar/core';
import { requestRaw, type FetchLike } from './http.ts';
import { ACCESS_TOKEN_HEADER, joinUrl } from '../proxy/shopper.ts';

export interface ProxyDeskOptions {
  /** URL of the proxy's base path, e.g. `https://help.example/v1/proxy`. */
  proxyUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export type ProxyCall = <T>(
  path: string,
  init: RequestInit,
  schema: z.ZodMiniType<T>,
) => Promise<{ body: T; response: Response }>;

/** Calls `<proxyUrl>/<prefix>/<path>` and validates the answer (a mismatch is a BackendError). */
export function proxyCaller(backend: string, prefix: string, options: ProxyDeskOptions): ProxyCall {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const opts = { backend, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) };
  return async (path, init, schema) => {
    const { response, body } = await requestRaw(doFetch, joinUrl(options.proxyUrl, `/${prefix}/${path}`), init, opts);
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new BackendError(`Malformed response from ${backend}`, response.status, 'malformed_response');
    return { body: parsed.data, response };
  };
}

/** The access token the proxy signed for a ticket it created (its answer is malformed without one). */
export function proxyAccessToken(response: Response, backend: string): string {
  const token = response.headers.get(ACCESS_TOKEN_HEADER);
  if (!token) throw new BackendError(`Malformed response from ${backend}`, response.status, 'malformed_response');
  return token;
}

/** Uploads one photo to the proxy, which holds it until the ticket is created. */
export async function proxyUpload(
  call: ProxyCall,
  file: Blob,
  filename: string,
  { idempotencyKey, signal }: WriteOptions,
): Promise<{ id: string }> {
  const form = new FormData();
  form.append('file', file, filename);
  const { body } = await call(
    'uploads',
    {
      method: 'POST',
      headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
      body: form,
      ...(signal ? { signal } : {}),
    },
    z.object({ id: z.string().check(z.minLength(1), z.maxLength(64)) }),
  );
  return { id: body.id };
}

/** Posts the shopper's message (`body` in the vendor's shape) to `path`, authorised by the ticket's token. */
export async function proxyMessage(
  call: ProxyCall,
  path: string,
  accessToken: string,
  body: unknown,
  { idempotencyKey, signal }: WriteOptions,
): Promise<void> {
  await call(
    path,
    {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${accessToken}`,
        [IDEMPOTENCY_KEY_HEADER]: idempotencyKey,
      },
      body: JSON.stringify(body),
      ...(signal ? { signal } : {}),
    },
    z.object({ id: z.number() }),
  );
}
