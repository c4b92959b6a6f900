/**
 * The desk adapter of the Nectar reference service (HTTP API v1).
 *
 * ```ts
 * const desk = httpDesk({ endpoint: 'http://localhost:8787', siteKey: 'demo' });
 * ```
 */
import type { DeskAdapter } from '@nectar/core';
import { createTransport, type TransportRetry } from '@nectar/core/transport';

export interface HttpDeskOptions {
  /** Base URL of the service, e.g. `https://help.example`. */
  endpoint: string;
  /** Public site key, sent as `X-Nectar-Site`. */
  siteKey: string;
  /** Timeout of one attempt, ms. Default 10 000. */
  timeout?: number;
  /** Retry policy of the transport (or a number of retries). */
  retry?: number | TransportRetry;
  fetch?: typeof fetch;
}

export function httpDesk(options: HttpDeskOptions): DeskAdapter {
  if (!options?.endpoint || !options.siteKey) throw new TypeError('httpDesk needs `endpoint` and `siteKey`');
  const transport = createTransport({
    endpoint: options.endpoint,
    headers: { 'X-Nectar-Site': options.siteKey },
    ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
    ...(options.retry !== undefined ? { retry: options.retry } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    name: 'http',
    capabilities: { attachments: true, ticketStatus: true, messages: true, feedback: true },
    createTicket: (input, { idempotencyKey, signal }) =>
      transport.request('POST', '/v1/tickets', { json: input, idempotencyKey, ...(signal ? { signal } : {}) }),
    uploadAttachment(file, filename, { idempotencyKey, signal }) {
      const body = new FormData();
      body.append('file', file, filename);
      return transport.request('POST', '/v1/attachments', { body, idempotencyKey, ...(signal ? { signal } : {}) });
    },
    getTicket: (id, accessToken) =>
      transport.request('GET', `/v1/tickets/${encodeURIComponent(id)}`, {
        headers: { Authorization: `Bearer ${accessToken}` },
      }),
    sendFeedback: (input, { idempotencyKey, signal, accessToken }) =>
      transport.request('POST', '/v1/feedback', {
        json: input,
        idempotencyKey,
        ...(accessToken ? { headers: { Authorization: `Bearer ${accessToken}` } } : {}),
        ...(signal ? { signal } : {}),
      }),
  };
}
