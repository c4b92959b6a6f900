/** The shared HTTP helper (`src/internal/http.ts`) against a real local HTTP server. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { AuthError, BackendError, NetworkError, NotFoundError, RateLimitedError } from '@nectar/core/errors';
import { parseRetryAfter } from '@nectar/core/protocol';
import { graphql, requestJson } from '../src/internal/http.ts';
import { sendJson, startServer, type TestServer } from './support/server.ts';

const item = z.object({ id: z.string(), n: z.number() });
let server: TestServer;
let seenAuth: string | undefined;

before(async () => {
  server = await startServer(async (req, body, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    seenAuth = req.headers.authorization;
    switch (path) {
      case '/ok':
        return sendJson(res, 200, { id: 'a', n: 1 });
      case '/wrong-type':
        return sendJson(res, 200, { id: 'a', n: '1' });
      case '/missing':
        return sendJson(res, 200, { id: 'a' });
      case '/not-json':
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return void res.end('{"id": "a", "n":');
      case '/401':
        return sendJson(res, 401, { message: 'token secret-123 expired' });
      case '/403':
        return sendJson(res, 403, {});
      case '/404':
        return sendJson(res, 404, {});
      case '/429-seconds':
        return sendJson(res, 429, {}, { 'Retry-After': '7' });
      case '/429-date':
        return sendJson(res, 429, {}, { 'Retry-After': new Date(Date.now() + 30_000).toUTCString() });
      case '/429-bc':
        return sendJson(res, 429, {}, { 'X-Rate-Limit-Time-Reset-Ms': '2500' });
      case '/429-none':
        return sendJson(res, 429, {});
      case '/500':
        return sendJson(res, 500, { trace: 'secret stack' });
      case '/slow':
        await new Promise((r) => setTimeout(r, 2000));
        return sendJson(res, 200, { id: 'a', n: 1 });
      case '/graphql': {
        const { query, variables } = JSON.parse(body) as { query: string; variables: Record<string, unknown> };
        if (query.includes('throttled'))
          return sendJson(res, 200, {
            errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
            extensions: {},
          });
        if (query.includes('cost'))
          return sendJson(res, 200, {
            errors: [
              {
                message: 'Throttled',
                extensions: {
                  code: 'THROTTLED',
                  cost: {
                    requestedQueryCost: 101,
                    throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 1, restoreRate: 50 },
                  },
                },
              },
            ],
          });
        if (query.includes('unauth'))
          return sendJson(res, 200, {
            data: null,
            errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }],
          });
        if (query.includes('saleorExpired'))
          return sendJson(res, 200, {
            data: { me: null },
            errors: [
              { message: 'Signature has expired', extensions: { exception: { code: 'ExpiredSignatureError' } } },
            ],
          });
        if (query.includes('http401')) return sendJson(res, 401, { errors: [{ message: 'Unauthorized' }] });
        if (query.includes('nodata')) return sendJson(res, 200, {});
        if (query.includes('http500')) return sendJson(res, 500, { errors: [{ message: 'boom' }] });
        return sendJson(res, 200, { data: { item: { id: String(variables.id), n: 2 } } });
      }
      default:
        return sendJson(res, 404, {});
    }
  });
});
after(() => server.close());

const get = (path: string, timeoutMs?: number) =>
  requestJson(
    fetch,
    `${server.url}${path}`,
    { headers: { Authorization: 'Bearer t' } },
    {
      parse: item,
      backend: 'Test',
      ...(timeoutMs ? { timeoutMs } : {}),
    },
  );

describe('requestJson', () => {
  it('returns the validated body and sends the headers', async () => {
    assert.deepEqual(await get('/ok'), { id: 'a', n: 1 });
    assert.equal(seenAuth, 'Bearer t');
  });
  it('rejects wrong types, missing fields and broken JSON as BackendError, never passes them on', async () => {
    for (const path of ['/wrong-type', '/missing', '/not-json']) {
      await assert.rejects(get(path), (e: unknown) => {
        assert.ok(e instanceof BackendError, path);
        assert.equal(e.message, 'Malformed response from Test');
        assert.equal(e.status, 200);
        return true;
      });
    }
  });
  it('maps 401/403 to AuthError without leaking the body', async () => {
    await assert.rejects(
      get('/401'),
      (e: unknown) => e instanceof AuthError && e.status === 401 && !e.message.includes('secret'),
    );
    await assert.rejects(get('/403'), (e: unknown) => e instanceof AuthError && e.status === 403);
  });
  it('maps 404 to NotFoundError and 500 to BackendError(500)', async () => {
    await assert.rejects(get('/404'), NotFoundError);
    await assert.rejects(
      get('/500'),
      (e: unknown) => e instanceof BackendError && e.status === 500 && !e.message.includes('secret'),
    );
  });
  it('maps 429 to RateLimitedError with Retry-After seconds, HTTP-date, BigCommerce ms, or a fallback', async () => {
    await assert.rejects(get('/429-seconds'), (e: unknown) => e instanceof RateLimitedError && e.retryAfter === 7);
    await assert.rejects(
      get('/429-date'),
      (e: unknown) => e instanceof RateLimitedError && e.retryAfter >= 28 && e.retryAfter <= 31,
    );
    await assert.rejects(get('/429-bc'), (e: unknown) => e instanceof RateLimitedError && e.retryAfter === 3);
    await assert.rejects(get('/429-none'), (e: unknown) => e instanceof RateLimitedError && e.retryAfter === 1);
  });
  it('times out as NetworkError', async () => {
    const started = Date.now();
    await assert.rejects(get('/slow', 150), (e: unknown) => e instanceof NetworkError && /150 ms/.test(e.message));
    assert.ok(Date.now() - started < 1500);
  });
  it('maps an unreachable server to NetworkError', async () => {
    await assert.rejects(
      requestJson(fetch, 'http://127.0.0.1:9/x', {}, { parse: item, backend: 'Test', timeoutMs: 2000 }),
      NetworkError,
    );
  });
  it('parses Retry-After', () => {
    assert.equal(parseRetryAfter('12'), 12);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')), 60);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });
});

describe('graphql', () => {
  const run = (query: string) =>
    graphql(fetch, `${server.url}/graphql`, query, { id: 'x1' }, { parse: z.object({ item: item }), backend: 'GQL' });
  it('returns validated data', async () => {
    assert.deepEqual(await run('query { item }'), { item: { id: 'x1', n: 2 } });
  });
  it('maps THROTTLED to RateLimitedError, using the cost bucket when given', async () => {
    await assert.rejects(run('query throttled'), (e: unknown) => e instanceof RateLimitedError && e.retryAfter === 1);
    await assert.rejects(run('query cost'), (e: unknown) => e instanceof RateLimitedError && e.retryAfter === 2);
  });
  it('maps UNAUTHENTICATED, Saleor ExpiredSignatureError and HTTP 401 to AuthError', async () => {
    await assert.rejects(run('query unauth'), AuthError);
    await assert.rejects(run('query saleorExpired'), AuthError);
    await assert.rejects(run('query http401'), AuthError);
  });
  it('maps a response without data to BackendError and HTTP 500 to BackendError(500)', async () => {
    await assert.rejects(
      run('query nodata'),
      (e: unknown) => e instanceof BackendError && e.message === 'Malformed response from GQL',
    );
    await assert.rejects(run('query http500'), (e: unknown) => e instanceof BackendError && e.status === 500);
  });
});
