import { expect } from '@open-wc/testing';
import { parseRetryAfter } from './protocol.ts';
import { createTransport } from './transport.ts';
import {
  isAuthError,
  isBackendError,
  isNetworkError,
  isNotFoundError,
  isRateLimitedError,
  isValidationError,
  type BackendError,
  type RateLimitedError,
  type ValidationError,
} from './errors.ts';

interface Logged {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}
let n = 0;
const testId = () => `tr-${Date.now().toString(36)}-${n++}`;
const log = async (id: string) =>
  (await (await fetch(`/__test/log/${id}`)).json()) as { count: number; requests: Logged[] };
/** A transport against the test endpoint that answers with `seq`. */
const endpoint = (id: string, seq: string, extra = '') => ({
  transport: createTransport({
    endpoint: `${location.origin}/__test/seq/${id}`,
    headers: { 'X-Nectar-Site': 'demo' },
    retry: { baseDelay: 20, backoffLimit: 100 },
    timeout: 1000,
  }),
  q: `?seq=${seq}${extra}`,
});

describe('transport', () => {
  it('retries 503s with the same Idempotency-Key and returns the 201 body', async () => {
    const id = testId();
    const { transport, q } = endpoint(id, '503,503,201');
    const body = await transport.request<{ number: string }>('POST', `/v1/tickets${q}`, {
      json: { message: 'hi' },
      idempotencyKey: 'key-1',
    });
    expect(body.number).to.equal('NC-TEST01');
    const { count, requests } = await log(id);
    expect(count).to.equal(3);
    expect(requests.map((r) => r.headers['idempotency-key'])).to.deep.equal(['key-1', 'key-1', 'key-1']);
    expect(requests.every((r) => r.headers['x-nectar-site'] === 'demo')).to.equal(true);
    expect(requests.every((r) => r.body === '{"message":"hi"}')).to.equal(true);
  });

  it('never retries a 400, and maps it to ValidationError with fields', async () => {
    const id = testId();
    const { transport, q } = endpoint(id, '400,201');
    const error = await transport.request('POST', `/v1/tickets${q}`, { json: {}, idempotencyKey: 'k' }).catch((e) => e);
    expect(isValidationError(error)).to.equal(true);
    expect((error as ValidationError).fields).to.deep.equal({ message: 'required', 'contact.email': 'invalid_email' });
    expect((await log(id)).count).to.equal(1);
  });

  it('maps 401/403/404/413 without retrying', async () => {
    for (const [status, check] of [
      ['401', isAuthError],
      ['403', isAuthError],
      ['404', isNotFoundError],
      ['413', isBackendError],
    ] as const) {
      const id = testId();
      const { transport, q } = endpoint(id, `${status},200`);
      const error = await transport.request('GET', `/v1/tickets/x${q}`).catch((e) => e);
      expect(check(error), status).to.equal(true);
      expect((await log(id)).count, status).to.equal(1);
    }
  });

  it('honours Retry-After on 429 before retrying', async () => {
    const id = testId();
    const { transport, q } = endpoint(id, '429,201', '&retryAfter=1');
    await transport.request('POST', `/v1/tickets${q}`, { json: {}, idempotencyKey: 'k' });
    const { requests } = await log(id);
    expect(requests.length).to.equal(2);
    expect(requests[1]!.at - requests[0]!.at).to.be.at.least(900);
  });

  it('gives up on a long Retry-After with RateLimitedError(retryAfter)', async () => {
    const id = testId();
    const { transport, q } = endpoint(id, '429,201', '&retryAfter=120');
    const error = await transport.request('POST', `/v1/tickets${q}`, { json: {}, idempotencyKey: 'k' }).catch((e) => e);
    expect(isRateLimitedError(error)).to.equal(true);
    expect((error as RateLimitedError).retryAfter).to.equal(120);
    expect((await log(id)).count).to.equal(1);
  });

  it('retries network failures, then reports NetworkError', async () => {
    const id = testId();
    const { transport, q } = endpoint(id, 'drop,drop,201');
    await transport.request('POST', `/v1/tickets${q}`, { json: {}, idempotencyKey: 'k' });
    expect((await log(id)).count).to.equal(3);

    const id2 = testId();
    const failing = endpoint(id2, 'drop');
    const error = await failing.transport.request('GET', `/v1/health${failing.q}`).catch((e) => e);
    expect(isNetworkError(error)).to.equal(true);
    // First attempt + 3 retries; Chromium itself may repeat a request whose reused connection dropped.
    expect((await log(id2)).count).to.be.within(4, 8);
  });

  it('times out slow attempts and retries them', async () => {
    const id = testId();
    const { transport, q } = endpoint(id, '201@3000,201');
    const body = await transport.request<{ id: string }>('POST', `/v1/attachments${q}`, {
      body: new FormData(),
      idempotencyKey: 'k',
    });
    expect(body.id).to.equal('a_1');
    expect((await log(id)).count).to.equal(2);
  });

  it('does not repeat a write that has no idempotency key', async () => {
    const id = testId();
    const { transport, q } = endpoint(id, '503,201');
    const error = await transport.request('POST', `/v1/events${q}`, { json: [] }).catch((e) => e);
    expect(isBackendError(error)).to.equal(true);
    expect((error as BackendError).status).to.equal(503);
    expect((await log(id)).count).to.equal(1);
  });

  it('maps a non-JSON error page to BackendError(status)', async () => {
    const id = testId();
    const t = createTransport({ endpoint: `${location.origin}/__test/seq/${id}`, retry: 0 });
    const error = await t.request('GET', '/v1/health?seq=html').catch((e) => e);
    expect(isBackendError(error)).to.equal(true);
    expect((error as BackendError).status).to.equal(502);
  });

  it('reports an unreachable service (CORS, refused) as NetworkError', async () => {
    const t = createTransport({ endpoint: 'http://127.0.0.1:9', retry: 0, timeout: 2000 });
    expect(isNetworkError(await t.request('GET', '/v1/health').catch((e) => e))).to.equal(true);
  });

  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('5')).to.equal(5);
    expect(parseRetryAfter(new Date(Date.now() + 10_000).toUTCString())).to.be.within(8, 10);
    expect(parseRetryAfter('soon')).to.equal(undefined);
  });
});
