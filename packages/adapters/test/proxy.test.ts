/** The secrets proxy as a plain fetch handler: routes, shopper verification, CORS, rate-limit hook. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createProxy, identityHash } from '../src/proxy/index.ts';
import { userHash } from './proxy-fakes.ts';

const SECRET = 'identity-secret-proxy';
const calls: string[] = [];
const backend = (async (input: RequestInfo | URL) => {
  calls.push(String(input));
  return new Response(
    JSON.stringify({ id: 7, email: 'eve@example.com', first_name: 'Eve', last_name: 'S', password_hash: 'x' }),
    {
      headers: { 'Content-Type': 'application/json' },
    },
  );
}) as typeof fetch;
const proxy = createProxy({
  identitySecret: SECRET,
  allowedOrigins: ['https://shop.example'],
  fetch: backend,
  rateLimit: ({ shopperId }) => (shopperId === 'busy' ? 12 : null),
  woocommerce: { url: 'https://wp.example', consumerKey: 'ck_x', consumerSecret: 'cs_y' },
});
const req = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  proxy(new Request(`https://help.example/v1/proxy${path}`, init));
const as = (id: string) => ({ 'X-Nectar-User': id, 'X-Nectar-User-Hash': userHash(SECRET, id) });

describe('createProxy', () => {
  it('computes the identity hash like the merchant server (hex HMAC-SHA256)', async () => {
    assert.equal(await identityHash(SECRET, '7'), userHash(SECRET, '7'));
  });

  it('passes the verified shopper only, with only the fields the adapter needs', async () => {
    const res = await req('/woocommerce/customer', { headers: as('7') });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { id: 7, email: 'eve@example.com', first_name: 'Eve', last_name: 'S' });
    assert.equal(calls.at(-1), 'https://wp.example/wp-json/wc/v3/customers/7');
    const forged = await req('/woocommerce/customer', {
      headers: { 'X-Nectar-User': '8', 'X-Nectar-User-Hash': userHash(SECRET, '7') },
    });
    assert.equal(forged.status, 401);
    assert.equal(((await forged.json()) as { error: { code: string } }).error.code, 'unauthorized');
    assert.equal((await req('/woocommerce/customer')).status, 401);
  });

  it('answers 404 for routes outside the allow-list and for backends not configured', async () => {
    for (const path of ['/woocommerce/customers', '/woocommerce/orders/1/notes', '/freshdesk/tickets', '/../admin'])
      assert.equal((await req(path, { headers: as('7') })).status, 404, path);
    assert.equal((await req('/woocommerce/orders', { method: 'DELETE', headers: as('7') })).status, 405);
  });

  it('CORS: configured origins only, preflight answered', async () => {
    const ok = await req('/woocommerce/customer', { headers: { ...as('7'), Origin: 'https://shop.example' } });
    assert.equal(ok.headers.get('Access-Control-Allow-Origin'), 'https://shop.example');
    assert.match(ok.headers.get('Access-Control-Expose-Headers') ?? '', /X-WP-TotalPages/);
    const evil = await req('/woocommerce/customer', { headers: { ...as('7'), Origin: 'https://evil.example' } });
    assert.equal(evil.status, 403);
    assert.equal(evil.headers.get('Access-Control-Allow-Origin'), null);
    const pre = await req('/woocommerce/orders', {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'GET' },
    });
    assert.equal(pre.status, 204);
    assert.match(pre.headers.get('Access-Control-Allow-Headers') ?? '', /X-Nectar-User-Hash/);
  });

  it('the rate-limit hook refuses with 429 and Retry-After before the backend is called', async () => {
    const before = calls.length;
    const res = await req('/woocommerce/customer', { headers: as('busy') });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('Retry-After'), '12');
    assert.equal(calls.length, before);
  });
});

describe('createProxy idempotency', () => {
  let created = 0;
  const freshdesk = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    if (init?.method === 'POST') created += 1;
    return new Response(JSON.stringify({ id: 100 + created }), { headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  const desk = createProxy({
    identitySecret: SECRET,
    fetch: freshdesk,
    freshdesk: { url: 'https://acme.freshdesk.example', apiKey: 'fd_key' },
  });
  const create = (key: string, body: unknown) =>
    desk(
      new Request('https://help.example/v1/proxy/freshdesk/tickets', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
  const fields = { email: 'ann@example.com', subject: 'Parcel', description: 'Where is it?' };

  it('replays the same request under its key (in any key order), once also concurrently', async () => {
    const [a, b] = await Promise.all([create('k-1', fields), create('k-1', fields)]);
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    const reordered = await create('k-1', {
      description: fields.description,
      subject: fields.subject,
      email: fields.email,
    });
    assert.equal(reordered.headers.get('Idempotent-Replayed'), 'true');
    const ids = [await a.json(), await b.json(), await reordered.json()].map((t) => (t as { id: number }).id);
    assert.deepEqual(new Set(ids).size, 1);
    assert.equal(created, 1);
  });

  it('answers the same key with another body 422 idempotency_conflict, never a second ticket', async () => {
    await create('k-2', fields);
    const before = created;
    for (const other of [
      create('k-2', { ...fields, description: 'Another question' }),
      Promise.all([create('k-3', fields), create('k-3', { ...fields, subject: 'Other' })]).then(([, second]) => second),
    ]) {
      const res = await other;
      assert.equal(res.status, 422);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'idempotency_conflict');
    }
    assert.equal(created, before + 1);
  });

  it('refuses a body nested too deeply to hash with 422, not 500', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const res = await create('k-4', `${JSON.stringify(fields).slice(0, -1)},"ignored":${deep}}`);
    assert.equal(res.status, 422);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'validation_failed');
  });
});
