/**
 * What adversarial testing found (issue 7), each closed with a test: respondent spoofing, U+0000,
 * event traffic starving tickets, orphan uploads, deep JSON, weak or guessed agent keys, and the
 * small ones (server sources served, Content-Type ignored, two file parts, `__proto__`, truncated images).
 * Plus a sweep of malformed input over every route: nothing answers 5xx.
 */
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { FeedbackReceipt, TicketReceipt } from '@nectar/core/schema';
import { requestHash, stableStringify } from '@nectar/adapters/proxy/shared';
import { requestHashOf } from '../src/crypto.ts';
import { createApp, startServer, type RunningServer } from '../src/index.ts';
import { IDENTITY_SECRET, SITES } from './api-suite.ts';
import { JPEG_1PX, PNG_1PX } from './fixtures.ts';

const sign = (user: string) => createHmac('sha256', IDENTITY_SECRET).update(user).digest('hex');

describe('hardening (issue 7 defects)', () => {
  let server: RunningServer;
  let url: string;
  const internalErrors: unknown[] = [];

  before(async () => {
    server = await startServer({
      port: 0,
      memory: true,
      sites: SITES,
      rateLimit: { writesPerIp: 10_000, writesPerSite: 100_000 },
      onInternalError: (error) => internalErrors.push(error),
    });
    url = server.url;
  });
  after(() => server?.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(url + path, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Nectar-Site': 'demo',
        'Idempotency-Key': randomUUID(),
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const draft = (over: Record<string, unknown> = {}) => ({
    category: 'damaged',
    message: 'The vase arrived broken.',
    contact: { email: 'shopper@example.com' },
    ...over,
  });
  const fieldsOf = async (res: Response) => ((await res.json()) as { error: { fields?: object } }).error.fields;
  const upload = (form: FormData, headers: Record<string, string> = {}, base = url) =>
    fetch(`${base}/v1/attachments`, {
      method: 'POST',
      headers: { 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID(), ...headers },
      body: form,
    });
  const photo = (bytes: Uint8Array<ArrayBuffer>, name = 'photo.png') => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    return form;
  };

  it('1. an anonymous caller cannot answer as a verified shopper nor read their comment', async () => {
    const alice = `alice-${randomUUID()}`;
    const asAlice = { 'X-Nectar-User': alice, 'X-Nectar-User-Hash': sign(alice) };
    const mine = await post('/v1/feedback', { kind: 'nps', score: 9, comment: 'Private: my order 4411' }, asAlice);
    assert.equal(mine.status, 201);
    const stored = (await mine.json()) as FeedbackReceipt;

    for (const respondent of [`user:${alice}`, alice]) {
      const spoof = await post('/v1/feedback', { kind: 'nps', score: 0, respondent });
      assert.equal(spoof.status, 201, 'a new response of its own, never an update of hers');
      const receipt = (await spoof.json()) as FeedbackReceipt;
      assert.notEqual(receipt.id, stored.id);
      assert.equal(receipt.comment, null, 'her comment is not echoed');
    }
    const { rows } = await server.db.query<{ score: number; comment: string }>(
      'SELECT score, comment FROM feedback WHERE id = $1',
      [stored.id],
    );
    assert.deepEqual(
      rows.map((r) => [Number(r.score), r.comment]),
      [[9, 'Private: my order 4411']],
    );
    // Her own later answer (another key) still amends her response.
    const again = await post('/v1/feedback', { kind: 'nps', score: 10 }, asAlice);
    assert.equal(((await again.json()) as FeedbackReceipt).id, stored.id);
  });

  it('2. U+0000 and other control characters are refused with the field named, never a 500', async () => {
    const cases: [string, unknown, Record<string, string>][] = [
      ['/v1/tickets', draft({ message: 'broken\u0000' }), { message: 'control_character' }],
      ['/v1/tickets', draft({ subject: '\u0000' }), { subject: 'control_character' }],
      [
        '/v1/tickets',
        draft({ contact: { email: 'a@b.co', name: 'A\u0000' } }),
        { 'contact.name': 'control_character' },
      ],
      ['/v1/tickets', draft({ items: [{ sku: 'S\u0000' }] }), { 'items.0.sku': 'control_character' }],
      ['/v1/tickets', draft({ items: [{ title: 'lone \ud800 surrogate' }] }), { 'items.0.title': 'control_character' }],
      ['/v1/tickets', draft({ context: { url: 'https://x.example/\u0000' } }), { 'context.url': 'control_character' }],
      ['/v1/tickets', draft({ attachments: ['\u0000'] }), { 'attachments.0': 'control_character' }],
      ['/v1/feedback', { kind: 'nps', score: 5, comment: 'ok\u0000' }, { comment: 'control_character' }],
      ['/v1/events', { events: [{ name: 'x', props: { q: '\u0000' } }] }, { 'events.0.props.q': 'control_character' }],
    ];
    for (const [path, body, fields] of cases) {
      const res = await post(path, body);
      assert.equal(res.status, 400, `${path} ${JSON.stringify(body)}`);
      assert.deepEqual(await fieldsOf(res), fields);
    }
    const ticket = (await (await post('/v1/tickets', draft())).json()) as TicketReceipt;
    const message = await post(
      `/v1/tickets/${ticket.id}/messages`,
      { message: 'hi\u0000' },
      {
        Authorization: `Bearer ${ticket.accessToken}`,
      },
    );
    assert.deepEqual([message.status, await fieldsOf(message)], [400, { message: 'control_character' }]);
    const site = { 'X-Nectar-Site': 'demo', Authorization: `Bearer ${ticket.accessToken}` };
    for (const path of ['/v1/tickets/%00', `/v1/tickets/${ticket.id}%00`, `/v1/tickets/${ticket.id}/attachments/%00`]) {
      assert.equal((await fetch(url + path, { headers: site })).status, 404, path);
    }
    const answers = await fetch(`${url}/v1/answers?q=%00`, { headers: { 'X-Nectar-Site': 'demo' } });
    assert.deepEqual([answers.status, await fieldsOf(answers)], [400, { q: 'control_character' }]);
    const agent = { Authorization: `Bearer ${server.agentKey}` };
    const queue = await fetch(`${url}/v1/agent/tickets?q=a%00b`, { headers: agent });
    assert.deepEqual([queue.status, await fieldsOf(queue)], [400, { q: 'control_character' }]);
    assert.equal((await fetch(`${url}/v1/agent/tickets/%00`, { headers: agent })).status, 404);
    const keyed = await fetch(`${url}/v1/agent/tickets/%00/claim`, {
      method: 'POST',
      headers: { ...agent, 'Idempotency-Key': randomUUID() },
    });
    assert.equal(keyed.status, 404, 'a NUL in the path never reaches an idempotency scope');
    const metrics = await fetch(`${url}/v1/agent/metrics?from=%00&site=%00`, { headers: agent });
    assert.deepEqual(
      [metrics.status, await fieldsOf(metrics)],
      [400, { from: 'invalid_date', site: 'invalid_choice' }],
    );
    const claim = await fetch(`${url}/v1/agent/tickets/${ticket.id}/reply`, {
      method: 'POST',
      headers: { ...agent, 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: 'x\u0000' }),
    });
    assert.deepEqual([claim.status, await fieldsOf(claim)], [400, { message: 'control_character' }]);
    assert.deepEqual(internalErrors, []);
  });

  it('4. analytics traffic has its own budget: a flood of events never refuses a ticket', async () => {
    const app = createApp({
      db: server.db,
      attachmentsDir: server.attachmentsDir,
      agentKey: server.agentKey,
      sites: SITES,
      trustProxy: true,
      rateLimit: { writesPerIp: 5, writesPerSite: 20 },
    });
    const write = (path: string, body: unknown, ip: string) =>
      app.request(path, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Nectar-Site': 'limits',
          'Idempotency-Key': randomUUID(),
          'X-Forwarded-For': ip,
        },
        body: JSON.stringify(body),
      });
    const statuses: number[] = [];
    for (let ip = 1; ip <= 6; ip++) {
      for (let i = 0; i < 5; i++)
        statuses.push((await write('/v1/events', { events: [{ name: 'page' }] }, `198.51.100.${ip}`)).status);
    }
    assert.equal(statuses.filter((s) => s === 202).length, 20, 'the events budget of the site is 20');
    assert.equal(statuses.filter((s) => s === 429).length, 10);
    assert.equal((await write('/v1/events', { events: [{ name: 'page' }] }, '198.51.100.99')).status, 429);
    const ticket = await write('/v1/tickets', draft(), '198.51.100.99');
    assert.equal(ticket.status, 201, 'the next shopper’s ticket goes through');
    const nps = await write('/v1/feedback', { kind: 'nps', score: 8 }, '198.51.100.99');
    assert.equal(nps.status, 201, 'so does a survey answer');
  });

  it('5. upload bytes are budgeted per IP, and uploads no ticket takes are swept', async () => {
    const app = createApp({
      db: server.db,
      attachmentsDir: server.attachmentsDir,
      agentKey: server.agentKey,
      sites: SITES,
      trustProxy: true,
      rateLimit: { uploadBytesPerIp: PNG_1PX.byteLength * 3 },
    });
    const send = () =>
      app.request('/v1/attachments', {
        method: 'POST',
        headers: { 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID(), 'X-Forwarded-For': '192.0.2.50' },
        body: photo(PNG_1PX),
      });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await send()).status);
    assert.deepEqual(statuses, [201, 201, 201, 429, 429]);

    const sweeping = await startServer({
      port: 0,
      memory: true,
      sites: SITES,
      attachmentRetentionMs: 300,
      sweepIntervalMs: 100,
      onInternalError: () => undefined,
    });
    try {
      const orphan = (await (await upload(photo(PNG_1PX), {}, sweeping.url)).json()) as { id: string };
      const kept = (await (await upload(photo(JPEG_1PX, 'p.jpg'), {}, sweeping.url)).json()) as { id: string };
      const filed = await fetch(`${sweeping.url}/v1/tickets`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify(draft({ attachments: [kept.id] })),
      });
      assert.equal(filed.status, 201);
      assert.deepEqual((await readdir(sweeping.attachmentsDir)).sort(), [orphan.id, kept.id].sort());
      const deadline = Date.now() + 5000;
      while ((await readdir(sweeping.attachmentsDir)).length > 1 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.deepEqual(
        await readdir(sweeping.attachmentsDir),
        [kept.id],
        'the orphan is gone, the ticket’s photo stays',
      );
      const { rows } = await sweeping.db.query<{ id: string }>('SELECT id FROM attachments');
      assert.deepEqual(
        rows.map((r) => r.id),
        [kept.id],
      );
    } finally {
      await sweeping.close();
    }
  });

  it('6. deeply nested JSON is refused with 400 before it is parsed or hashed', async () => {
    const deep = `{"category":"other","message":"m","contact":{"email":"a@b.co"},"zz":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    assert.ok(deep.length <= 10_100);
    for (const path of ['/v1/tickets', '/v1/feedback', '/v1/events']) {
      const res = await post(path, deep);
      assert.equal(res.status, 400, path);
      assert.deepEqual(await fieldsOf(res), { _: 'too_deep' });
    }
    const agent = await fetch(`${url}/v1/agent/answers`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.agentKey}`, 'Content-Type': 'application/json' },
      body: deep,
    });
    assert.equal(agent.status, 400);
    // Ordinary nesting still passes; a string full of brackets is not nesting.
    assert.equal((await post('/v1/tickets', draft({ message: '[[[[{{{{'.repeat(100) }))).status, 201);
    assert.deepEqual(internalErrors, []);
  });

  it('7. a short agent key is refused at start; guessing keys is throttled with 429 and Retry-After', async () => {
    await assert.rejects(startServer({ port: 0, memory: true, agentKey: 'a' }), /at least 24 characters/);
    const app = createApp({
      db: server.db,
      attachmentsDir: server.attachmentsDir,
      agentKey: server.agentKey,
      sites: SITES,
      trustProxy: true,
      rateLimit: { agentAuthFailuresPerIp: 5 },
    });
    const guess = (key: string, ip = '192.0.2.77') =>
      app.request('/v1/agent/tickets', { headers: { Authorization: `Bearer ${key}`, 'X-Forwarded-For': ip } });
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await guess(`wrong-${i}`)).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429, 429]);
    const blocked = await guess(server.agentKey);
    assert.equal(blocked.status, 429, 'even the right key waits out the window from that IP');
    assert.ok(Number(blocked.headers.get('retry-after')) >= 1);
    assert.equal((await guess(server.agentKey, '192.0.2.78')).status, 200, 'other IPs are not affected');
  });

  it('8. no server source under /demo/, JSON needs its Content-Type, one file part, __proto__ named, whole images only', async () => {
    for (const path of ['/demo/vendure/setup.ts', '/demo/vendure/load.ts', '/demo/vendure/']) {
      assert.equal((await fetch(url + path)).status, 404, path);
    }
    assert.equal((await fetch(`${url}/demo/demo.js`)).status, 200);

    for (const type of ['text/plain', 'application/x-www-form-urlencoded', '']) {
      const res = await post('/v1/tickets', draft(), { 'Content-Type': type });
      assert.equal(res.status, 415, type);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'unsupported_media_type');
    }
    assert.equal(
      (await post('/v1/tickets', draft(), { 'Content-Type': 'application/json; charset=utf-8' })).status,
      201,
    );

    const two = new FormData();
    two.append('file', new Blob([PNG_1PX]), 'a.png');
    two.append('file', new Blob([JPEG_1PX]), 'b.jpg');
    const twoRes = await upload(two);
    assert.deepEqual([twoRes.status, await fieldsOf(twoRes)], [400, { file: 'too_many' }]);

    const proto = await post(
      '/v1/tickets',
      '{"category":"other","message":"m","contact":{"email":"a@b.co"},"__proto__":{"x":1}}',
    );
    assert.equal(proto.status, 400);
    assert.equal(JSON.stringify(await fieldsOf(proto)), '{"__proto__":"unknown_field"}');

    for (const [name, bytes] of [
      ['png-16', PNG_1PX.subarray(0, 16)],
      ['png-no-end', PNG_1PX.subarray(0, PNG_1PX.byteLength - 12)],
      ['jpeg-20', JPEG_1PX.subarray(0, 20)],
    ] as const) {
      const res = await upload(photo(new Uint8Array(bytes)));
      assert.deepEqual([res.status, await fieldsOf(res)], [415, { file: 'unsupported_type' }], name);
    }
    assert.equal((await upload(photo(PNG_1PX))).status, 201, 'a whole image still passes');
  });

  it('hashes a write as the proxy does (one format, node:crypto here, WebCrypto there)', async () => {
    const parts = ['POST /v1/tickets', 'user-1', stableStringify({ b: [1, { d: 2, c: null }], a: 'ü\n' })];
    assert.equal(requestHashOf(parts), await requestHash(parts));
  });

  it('answers no malformed input with a 5xx, on any route', async () => {
    const ticket = (await (await post('/v1/tickets', draft())).json()) as TicketReceipt;
    const bodies = [
      '',
      'null',
      '[]',
      '"text"',
      '{"a":',
      '\u0000',
      '{"\u0000":1}',
      '{"category":{"$gt":""}}',
      JSON.stringify({ message: 'x'.repeat(6000) }),
      JSON.stringify({ kind: 'nps', score: 1e308 }),
      JSON.stringify({ kind: 'csat', score: 3, ticketId: '\u0000' }),
      JSON.stringify({ events: [{ name: 'a', at: '9999-99-99T99:99:99Z' }] }),
      '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}',
    ];
    const routes = [
      '/v1/tickets',
      `/v1/tickets/${ticket.id}/messages`,
      '/v1/tickets/not-a-ticket/messages',
      '/v1/feedback',
      '/v1/events',
      '/v1/attachments',
    ];
    for (const path of routes) {
      for (const body of bodies) {
        const res = await post(path, body, { Authorization: `Bearer ${ticket.accessToken}` });
        assert.ok(
          res.status >= 400 && res.status < 500,
          `${path} ${JSON.stringify(body).slice(0, 60)} → ${res.status}`,
        );
      }
    }
    const agent = { Authorization: `Bearer ${server.agentKey}`, 'Content-Type': 'application/json' };
    for (const action of ['claim', 'reply', 'resolve']) {
      for (const body of bodies) {
        const res = await fetch(`${url}/v1/agent/tickets/${ticket.id}/${action}`, {
          method: 'POST',
          headers: agent,
          body,
        });
        assert.ok(res.status < 500, `${action} ${JSON.stringify(body).slice(0, 60)} → ${res.status}`);
      }
    }
    for (const query of ['?status=%00', '?q=%ff%fe', '?status=open&status=new', '?q=' + 'x'.repeat(5000)]) {
      const res = await fetch(`${url}/v1/agent/tickets${query}`, { headers: agent });
      assert.ok(res.status < 500, `${query.slice(0, 40)} → ${res.status}`);
    }
    for (const query of ['?q=%00&locale=%00', '?q=a&limit=1e999', '?q=a&locale=' + 'x'.repeat(100)]) {
      const res = await fetch(`${url}/v1/answers${query}`, { headers: { 'X-Nectar-Site': 'demo' } });
      assert.ok(res.status < 500, `${query.slice(0, 40)} → ${res.status}`);
    }
    assert.deepEqual(internalErrors, []);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });
});
