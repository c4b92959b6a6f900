/**
 * The HTTP API v1 contract, run against a real server over HTTP. `api-pglite.test.ts` and
 * `api-postgres.test.ts` run it on each storage.
 */
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Ticket, TicketReceipt } from '@nectar/core/schema';
import { createApp, type RunningServer } from '../src/index.ts';
import { EXE_BYTES, JPEG_1PX, PNG_1PX } from './fixtures.ts';

export const IDENTITY_SECRET = 'test-identity-secret-0123456789';
export const SITES = [
  { key: 'demo', origins: ['http://localhost:*', 'http://127.0.0.1:*'], identitySecret: IDENTITY_SECRET },
  { key: 'other', origins: ['https://other.example'] },
  { key: 'metrics', origins: [] },
  { key: 'limits', origins: [] },
];

const HOUR = 3_600_000;
const XSS = '<img src=x onerror=alert(1)>';

export function apiSuite(label: string, start: () => Promise<RunningServer>): void {
  describe(`HTTP API v1 on ${label}`, () => {
    let server: RunningServer;
    let url: string;

    before(async () => {
      server = await start();
      url = server.url;
    });
    after(() => server?.close());

    const post = (
      path: string,
      body: unknown,
      opts: { key?: string | null; site?: string | null; headers?: Record<string, string> } = {},
    ) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', ...opts.headers };
      if (opts.site !== null) headers['X-Nectar-Site'] = opts.site ?? 'demo';
      if (opts.key !== null) headers['Idempotency-Key'] = opts.key ?? randomUUID();
      return fetch(url + path, {
        method: 'POST',
        headers,
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    };
    const draft = (over: Record<string, unknown> = {}) => ({
      category: 'damaged',
      message: 'The vase arrived broken.',
      contact: { email: 'shopper@example.com', name: 'Ana' },
      ...over,
    });
    const createTicket = async (over: Record<string, unknown> = {}) => {
      const res = await post('/v1/tickets', draft(over));
      assert.equal(res.status, 201, await res.clone().text());
      return (await res.json()) as TicketReceipt;
    };
    const getTicket = (id: string, token?: string, site = 'demo') =>
      fetch(`${url}/v1/tickets/${id}`, {
        headers: { 'X-Nectar-Site': site, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      });
    const upload = (bytes: Uint8Array<ArrayBuffer>, name: string, opts: { key?: string; site?: string } = {}) => {
      const form = new FormData();
      form.append('file', new Blob([bytes]), name);
      return fetch(`${url}/v1/attachments`, {
        method: 'POST',
        headers: { 'X-Nectar-Site': opts.site ?? 'demo', 'Idempotency-Key': opts.key ?? randomUUID() },
        body: form,
      });
    };
    const agent = (path: string, body?: unknown, key = server.agentKey) =>
      fetch(url + path, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const count = async (sql: string, params: unknown[] = []) =>
      Number((await server.db.query<{ n: string | number }>(sql, params)).rows[0]!.n);

    it('reports health and its storage', async () => {
      const res = await fetch(`${url}/v1/health`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: 'ok', storage: label === 'PostgreSQL' ? 'postgres' : 'pglite' });
    });

    it('creates a ticket with a short number and the promise of its severity', async () => {
      for (const [category, first, resolve] of [
        ['damaged', 2, 24],
        ['delivery', 4, 48],
        ['product_question', 24, 72],
      ] as const) {
        const receipt = await createTicket({ category });
        assert.match(receipt.number, /^NC-[0-9A-HJKMNP-TV-Z]{6}$/);
        assert.equal(receipt.status, 'new');
        assert.match(receipt.accessToken, /^[\w-]{32,}$/);
        const created = Date.parse(receipt.createdAt);
        assert.ok(Math.abs(created - Date.now()) < 60_000);
        assert.equal(Date.parse(receipt.promise.firstResponseBy) - created, first * HOUR, category);
        assert.equal(Date.parse(receipt.promise.resolveBy) - created, resolve * HOUR, category);
      }
    });

    it('reads a ticket only with its access token, without revealing whether it exists', async () => {
      const a = await createTicket({ subject: 'Broken vase', orderRef: 'ORD-1001' });
      const b = await createTicket();
      const res = await getTicket(a.id, a.accessToken);
      assert.equal(res.status, 200);
      const ticket = (await res.json()) as Ticket;
      assert.equal(ticket.number, a.number);
      assert.equal(ticket.subject, 'Broken vase');
      assert.equal(ticket.orderRef, 'ORD-1001');
      assert.equal(ticket.category, 'damaged');
      assert.deepEqual(ticket.promise, a.promise);
      assert.deepEqual(
        ticket.timeline.map((t) => [t.kind, t.by]),
        [['created', 'customer']],
      );
      assert.equal('contact' in ticket, false, 'the shopper view does not echo contact data');

      const missing = await getTicket(a.id);
      assert.equal(missing.status, 401);
      assert.equal(((await missing.json()) as any).error.code, 'unauthorized');

      const wrong = await getTicket(a.id, b.accessToken);
      const unknown = await getTicket(randomUUID(), a.accessToken);
      assert.equal(wrong.status, 404);
      assert.equal(unknown.status, 404);
      assert.deepEqual(await wrong.json(), await unknown.json());

      assert.equal((await getTicket(a.id, a.accessToken, 'other')).status, 404, 'another site cannot read it');
      assert.equal((await getTicket(a.id, a.accessToken, 'nope')).status, 403, 'an unknown site key: unknown_site');
    });

    it('names the bad fields and stores nothing', async () => {
      const before = await count('SELECT count(*) AS n FROM tickets');
      const cases: [unknown, Record<string, string>][] = [
        [draft({ message: '   ' }), { message: 'required' }],
        [draft({ contact: { email: 'not-an-email' } }), { 'contact.email': 'invalid_email' }],
        [draft({ phone: '+1 555' }), { phone: 'unknown_field' }],
        [draft({ category: 'spam' }), { category: 'invalid_choice' }],
        [draft({ message: 'x'.repeat(100_000) }), { message: 'too_long' }],
        // A missing enum is reported by core's issuesToFields as `invalid_choice`.
        [{ message: 'hi' }, { category: 'required', 'contact.email': 'required' }],
        [draft({ category: 'broken' }), { category: 'invalid_choice' }],
        [draft({ message: 7 }), { message: 'invalid_type' }],
      ];
      for (const [body, fields] of cases) {
        const res = await post('/v1/tickets', body);
        assert.equal(res.status, 400);
        const error = ((await res.json()) as any).error;
        assert.equal(error.code, 'validation_failed');
        assert.equal(typeof error.message, 'string');
        for (const [field, reason] of Object.entries(fields)) assert.equal(error.fields[field], reason, field);
      }
      const malformed = await post('/v1/tickets', '{"category": "damaged",');
      assert.equal(malformed.status, 400);
      assert.equal(((await malformed.json()) as any).error.code, 'validation_failed');

      const huge = await post('/v1/tickets', draft({ message: 'x'.repeat(2 * 1024 * 1024) }));
      assert.equal(huge.status, 413);
      assert.equal(((await huge.json()) as any).error.code, 'payload_too_large');

      const noKey = await post('/v1/tickets', draft(), { key: null });
      assert.equal(noKey.status, 400);
      assert.deepEqual(((await noKey.json()) as any).error.fields, { 'Idempotency-Key': 'required' });

      for (const site of [null, 'unknown-site']) {
        const res = await post('/v1/tickets', draft(), { site });
        assert.equal(res.status, 403);
        assert.equal(((await res.json()) as any).error.code, 'unknown_site');
      }
      assert.equal(await count('SELECT count(*) AS n FROM tickets'), before);
    });

    it('matches any language tag to a supported locale', async () => {
      for (const [tag, locale] of [
        ['en-US', 'en'],
        ['zh-Hant-HK', 'zh-TW'],
        ['zh_CN', 'zh-CN'],
        ['fr', 'en'],
      ]) {
        const receipt = await createTicket({ locale: tag });
        const { rows } = await server.db.query<{ locale: string }>('SELECT locale FROM tickets WHERE id = $1', [
          receipt.id,
        ]);
        assert.equal(rows[0]!.locale, locale, tag);
      }
    });

    it('stores markup as typed and returns it as JSON text', async () => {
      const receipt = await createTicket({
        message: XSS,
        subject: XSS,
        orderRef: XSS,
        contact: { email: 'shopper@example.com', name: XSS },
        items: [{ title: XSS, sku: XSS, quantity: 1 }],
      });
      const res = await getTicket(receipt.id, receipt.accessToken);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const ticket = (await res.json()) as Ticket;
      assert.equal(ticket.message, XSS);
      assert.equal(ticket.subject, XSS);
      assert.equal(ticket.orderRef, XSS);
      const full = (await (await agent(`/v1/agent/tickets/${receipt.id}`)).json()) as any;
      assert.equal(full.contact.name, XSS);
      assert.deepEqual(full.items, [{ title: XSS, sku: XSS, quantity: 1 }]);
    });

    it('replays a write with the same Idempotency-Key instead of creating a second ticket', async () => {
      const key = randomUUID();
      const body = draft({ message: `replay ${key}` });
      const first = await post('/v1/tickets', body, { key });
      assert.equal(first.status, 201);
      assert.equal(first.headers.get('idempotent-replayed'), null);
      const again = await post(
        '/v1/tickets',
        { ...body, contact: { name: 'Ana', email: 'shopper@example.com' } },
        { key },
      );
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(await again.json(), await first.json());
      assert.equal(await count('SELECT count(*) AS n FROM tickets WHERE message = $1', [`replay ${key}`]), 1);

      const conflict = await post('/v1/tickets', { ...body, message: 'something else' }, { key });
      assert.equal(conflict.status, 422);
      assert.equal(((await conflict.json()) as any).error.code, 'idempotency_conflict');
      assert.equal(await count('SELECT count(*) AS n FROM tickets WHERE message = $1', ['something else']), 0);

      const otherSite = await post('/v1/tickets', body, {
        key,
        site: 'other',
        headers: { Origin: 'https://other.example' },
      });
      assert.equal(otherSite.status, 201, 'keys are scoped per site');
      assert.equal(otherSite.headers.get('idempotent-replayed'), null);
    });

    it('creates exactly one ticket for 10 concurrent requests with the same key', async () => {
      const key = randomUUID();
      const body = draft({ message: `concurrent ${key}` });
      const responses = await Promise.all(Array.from({ length: 10 }, () => post('/v1/tickets', body, { key })));
      const bodies = await Promise.all(responses.map((r) => r.json() as Promise<TicketReceipt>));
      assert.deepEqual(
        responses.map((r) => r.status),
        Array(10).fill(201),
      );
      assert.equal(new Set(bodies.map((b) => b.id)).size, 1);
      assert.equal(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 9);
      assert.equal(await count('SELECT count(*) AS n FROM tickets WHERE message = $1', [`concurrent ${key}`]), 1);
    });

    it('accepts real images, checks the bytes not the name, and links them to the ticket', async () => {
      const png = await upload(PNG_1PX, 'photo.png');
      assert.equal(png.status, 201);
      const { id: pngId } = (await png.json()) as { id: string };
      const jpegKey = randomUUID();
      const jpeg = await upload(JPEG_1PX, 'IMG_0001.HEIC.png', { key: jpegKey });
      assert.equal(jpeg.status, 201);
      const { id: jpegId } = (await jpeg.json()) as { id: string };
      const jpegAgain = await upload(JPEG_1PX, 'IMG_0001.HEIC.png', { key: jpegKey });
      assert.equal(jpegAgain.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(await jpegAgain.json(), { id: jpegId });

      // Bytes live in files, not in rows.
      assert.deepEqual(await readFile(join(server.attachmentsDir, pngId)), PNG_1PX);

      const exe = await upload(EXE_BYTES, 'photo.jpg');
      assert.equal(exe.status, 415);
      assert.equal(((await exe.json()) as any).error.code, 'unsupported_media_type');

      const receipt = await createTicket({ attachments: [pngId, jpegId] });
      const ticket = (await (await getTicket(receipt.id, receipt.accessToken)).json()) as Ticket;
      assert.deepEqual(
        ticket.attachments.map((a) => [a.id, a.contentType, a.size]).sort(),
        [
          [pngId, 'image/png', PNG_1PX.length],
          [jpegId, 'image/jpeg', JPEG_1PX.length],
        ].sort(),
      );
      const image = await fetch(`${url}/v1/tickets/${receipt.id}/attachments/${pngId}`, {
        headers: { 'X-Nectar-Site': 'demo', Authorization: `Bearer ${receipt.accessToken}` },
      });
      assert.equal(image.status, 200);
      assert.equal(image.headers.get('content-type'), 'image/png');
      assert.equal(image.headers.get('x-content-type-options'), 'nosniff');
      assert.deepEqual(Buffer.from(await image.arrayBuffer()), PNG_1PX);
      const other = await createTicket();
      const stolen = await fetch(`${url}/v1/tickets/${receipt.id}/attachments/${pngId}`, {
        headers: { 'X-Nectar-Site': 'demo', Authorization: `Bearer ${other.accessToken}` },
      });
      assert.equal(stolen.status, 404);

      // Used once only; unknown ids and another site's uploads are refused.
      const foreign = (await (await upload(PNG_1PX, 'x.png', { site: 'other' })).json()) as { id: string };
      for (const attachments of [[pngId], [randomUUID()], [foreign.id]]) {
        const res = await post('/v1/tickets', draft({ attachments }));
        assert.equal(res.status, 400);
        assert.equal(((await res.json()) as any).error.fields.attachments, 'invalid');
      }

      const noFile = await fetch(`${url}/v1/attachments`, {
        method: 'POST',
        headers: { 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
        body: new FormData(),
      });
      assert.equal(noFile.status, 400);
      assert.equal(((await noFile.json()) as any).error.fields.file, 'required');
    });

    it('refuses a 30 MB upload with 413 and stores nothing', async () => {
      const before = await count('SELECT count(*) AS n FROM attachments');
      const big = Buffer.alloc(30 * 1024 * 1024);
      PNG_1PX.copy(big);
      const res = await upload(big, 'huge.png');
      assert.equal(res.status, 413);
      assert.equal(((await res.json()) as any).error.code, 'payload_too_large');
      // Streamed without a Content-Length: counted while reading, and a runaway stream is cut off.
      const streamUpload = (megabytes: number) => {
        const chunk = new Uint8Array(1024 * 1024);
        const progress = { sent: 0 };
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (progress.sent++ >= megabytes) controller.close();
            else controller.enqueue(chunk);
          },
        });
        const response = fetch(`${url}/v1/attachments`, {
          method: 'POST',
          headers: {
            'X-Nectar-Site': 'demo',
            'Idempotency-Key': randomUUID(),
            'Content-Type': 'multipart/form-data; boundary=x',
          },
          body: stream,
          duplex: 'half',
        } as RequestInit);
        return { response, progress };
      };
      const streamed = streamUpload(30);
      assert.equal((await streamed.response).status, 413);
      const runaway = streamUpload(1024);
      const outcome = await runaway.response.then(
        (res) => res.status,
        () => 'connection closed',
      );
      assert.ok(outcome === 413 || outcome === 'connection closed', String(outcome));
      assert.ok(runaway.progress.sent < 200, `stopped reading a 1 GB stream early (read ${runaway.progress.sent} MB)`);
      assert.equal(await count('SELECT count(*) AS n FROM attachments'), before);
    });

    it('allows CORS only from the site’s configured origins', async () => {
      const preflight = (origin: string) =>
        fetch(`${url}/v1/tickets`, {
          method: 'OPTIONS',
          headers: {
            Origin: origin,
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'content-type,x-nectar-site,idempotency-key',
          },
        });
      const ok = await preflight('http://localhost:5173');
      assert.equal(ok.status, 204);
      assert.equal(ok.headers.get('access-control-allow-origin'), 'http://localhost:5173');
      assert.match(ok.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
      assert.match(ok.headers.get('access-control-allow-headers') ?? '', /X-Nectar-Site/);

      // A refused origin's preflight is answered (briefly cached), so that the page can read the refusal…
      const denied = await preflight('https://evil.example');
      assert.equal(denied.status, 204);
      assert.equal(denied.headers.get('access-control-max-age'), '60');

      // … which is all it reads: the request is refused before any route runs, naming origin and setting.
      const before = await count('SELECT count(*) AS n FROM tickets');
      const evil = await post('/v1/tickets', draft(), { headers: { Origin: 'https://evil.example' } });
      assert.equal(evil.status, 403);
      assert.equal(evil.headers.get('access-control-allow-origin'), 'https://evil.example');
      const refusal = (await evil.json()) as any;
      assert.equal(refusal.error.code, 'origin_not_allowed');
      assert.match(refusal.error.message, /https:\/\/evil\.example.*NECTAR_SITES/);
      const readEvil = await fetch(`${url}/v1/answers?q=refund`, {
        headers: { 'X-Nectar-Site': 'demo', Origin: 'https://evil.example' },
      });
      assert.equal(readEvil.status, 403, 'reads are refused the same way');
      assert.equal(((await readEvil.json()) as any).answers, undefined);
      const wrongSite = await post('/v1/tickets', draft(), {
        site: 'other',
        headers: { Origin: 'http://localhost:5173' },
      });
      assert.equal(wrongSite.status, 403, 'an origin of one site cannot write to another');
      assert.equal(((await wrongSite.json()) as any).error.code, 'origin_not_allowed');
      const unknownSite = await post('/v1/tickets', draft(), {
        site: 'no-such-site',
        headers: { Origin: 'http://localhost:5173' },
      });
      assert.equal(unknownSite.status, 403);
      assert.equal(unknownSite.headers.get('access-control-allow-origin'), 'http://localhost:5173');
      assert.equal(((await unknownSite.json()) as any).error.code, 'unknown_site');
      assert.equal(await count('SELECT count(*) AS n FROM tickets'), before);

      // Agent routes keep plain CORS: a foreign origin may not even ask.
      const agentPreflight = await fetch(`${url}/v1/agent/tickets`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
      });
      assert.equal(agentPreflight.status, 403);
      assert.equal(agentPreflight.headers.get('access-control-allow-origin'), null);

      const allowed = await post('/v1/tickets', draft(), { headers: { Origin: 'http://127.0.0.1:8080' } });
      assert.equal(allowed.status, 201);
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'http://127.0.0.1:8080');
      assert.match(allowed.headers.get('access-control-expose-headers') ?? '', /Idempotent-Replayed/);
      assert.match(allowed.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    });

    it('lets an agent claim, reply and resolve, and the shopper sees it in the timeline', async () => {
      const receipt = await createTicket({ message: 'Where is my parcel? ZEBRA-unique-words', category: 'delivery' });

      for (const key of ['wrong-key', '']) {
        const res = await agent('/v1/agent/tickets', undefined, key);
        assert.equal(res.status, 401);
        assert.equal(((await res.json()) as any).error.code, 'unauthorized');
      }
      assert.equal((await agent(`/v1/agent/tickets/${receipt.id}/resolve`, {}, 'wrong-key')).status, 401);

      const claim = await agent(`/v1/agent/tickets/${receipt.id}/claim`, { agentName: 'Mei' });
      assert.equal(claim.status, 200);
      assert.equal(((await claim.json()) as any).status, 'open');
      const badReply = await agent(`/v1/agent/tickets/${receipt.id}/reply`, { message: '' });
      assert.equal(badReply.status, 400);
      assert.equal(((await badReply.json()) as any).error.fields.message, 'required');
      const reply = await agent(`/v1/agent/tickets/${receipt.id}/reply`, {
        message: 'It ships <b>today</b>.',
        agentName: 'Mei',
      });
      assert.equal(reply.status, 200);
      const replied = (await reply.json()) as any;
      assert.equal(replied.status, 'waiting_on_customer');
      assert.ok(replied.firstRespondedAt);
      assert.equal(replied.contact.email, 'shopper@example.com');

      let ticket = (await (await getTicket(receipt.id, receipt.accessToken)).json()) as Ticket;
      assert.equal(ticket.status, 'waiting_on_customer');
      assert.deepEqual(
        ticket.timeline.map((t) => [t.kind, t.by, t.authorName, t.body]),
        [
          ['created', 'customer', undefined, undefined],
          ['assigned', 'agent', 'Mei', undefined],
          ['replied', 'agent', 'Mei', 'It ships <b>today</b>.'],
        ],
      );

      const key = randomUUID();
      const resolve = await fetch(`${url}/v1/agent/tickets/${receipt.id}/resolve`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.agentKey}`, 'Idempotency-Key': key },
      });
      assert.equal(resolve.status, 200);
      const resolveAgain = await fetch(`${url}/v1/agent/tickets/${receipt.id}/resolve`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.agentKey}`, 'Idempotency-Key': key },
      });
      assert.equal(resolveAgain.headers.get('idempotent-replayed'), 'true');
      ticket = (await (await getTicket(receipt.id, receipt.accessToken)).json()) as Ticket;
      assert.equal(ticket.status, 'resolved');
      assert.deepEqual(
        ticket.timeline.map((t) => t.kind),
        ['created', 'assigned', 'replied', 'resolved'],
      );

      const found = (await (await agent('/v1/agent/tickets?q=zebra-UNIQUE')).json()) as any;
      assert.deepEqual(
        found.tickets.map((t: any) => t.id),
        [receipt.id],
      );
      const wildcard = (await (await agent('/v1/agent/tickets?q=%25')).json()) as any;
      assert.equal(wildcard.tickets.length, 0, '% is searched literally');
      assert.equal((await agent('/v1/agent/tickets?status=bogus')).status, 400);
      assert.equal((await agent(`/v1/agent/tickets/${randomUUID()}/claim`, {})).status, 404);
    });

    it('orders the agent queue by SLA urgency, resolved tickets last', async () => {
      const tag = `sla-${randomUUID()}`;
      const low = await createTicket({ category: 'other', message: `${tag} low` });
      const high = await createTicket({ category: 'damaged', message: `${tag} high` });
      const medium = await createTicket({ category: 'delivery', message: `${tag} medium` });
      const done = await createTicket({ category: 'damaged', message: `${tag} done` });
      await agent(`/v1/agent/tickets/${done.id}/resolve`, {});
      // Answered: now due by its resolution time (24 h), after the unanswered medium (4 h) and before low (24 h + a bit).
      const answered = await createTicket({ category: 'damaged', message: `${tag} answered` });
      await agent(`/v1/agent/tickets/${answered.id}/reply`, { message: 'On it' });

      const list = (await (await agent(`/v1/agent/tickets?q=${tag}`)).json()) as any;
      assert.deepEqual(
        list.tickets.map((t: any) => t.id),
        [high.id, medium.id, low.id, answered.id, done.id],
      );
      const open = (await (await agent(`/v1/agent/tickets?q=${tag}&status=resolved`)).json()) as any;
      assert.deepEqual(
        open.tickets.map((t: any) => t.id),
        [done.id],
      );
    });

    it('rate-limits writes per IP and per site with Retry-After', async () => {
      const limited = createApp({
        db: server.db,
        attachmentsDir: server.attachmentsDir,
        agentKey: server.agentKey,
        sites: SITES,
        trustProxy: true,
        rateLimit: { writesPerIp: 3, writesPerSite: 5 },
      });
      const write = (ip: string) =>
        limited.request('/v1/tickets', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            // Budgets live in the shared database: a site of its own, so other tests' writes do not count.
            'X-Nectar-Site': 'limits',
            'Idempotency-Key': randomUUID(),
            'X-Forwarded-For': ip,
          },
          body: JSON.stringify(draft()),
        });
      for (let i = 0; i < 3; i++) assert.equal((await write('203.0.113.1')).status, 201);
      const blocked = await write('203.0.113.1');
      assert.equal(blocked.status, 429);
      const retryAfter = Number(blocked.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
      assert.equal(((await blocked.json()) as any).error.code, 'rate_limited');
      assert.equal((await limited.request('/v1/health')).status, 200, 'reads are not limited');
      // Two more IPs share the site's cap of 5.
      assert.equal((await write('203.0.113.2')).status, 201);
      assert.equal((await write('203.0.113.3')).status, 201);
      assert.equal((await write('203.0.113.4')).status, 429);
    });

    it('lists and reads the tickets of a verified shopper, and refuses a forged identity', async () => {
      const userId = `cus_${randomUUID()}`;
      const hash = createHmac('sha256', IDENTITY_SECRET).update(userId).digest('hex');
      const as = (user: string, h: string) => ({ 'X-Nectar-User': user, 'X-Nectar-User-Hash': h });
      const mine = await post('/v1/tickets', draft({ message: 'Signed-in ticket' }), { headers: as(userId, hash) });
      assert.equal(mine.status, 201);
      const receipt = (await mine.json()) as TicketReceipt;
      await createTicket({ message: 'Someone else, anonymous' });

      const list = await fetch(`${url}/v1/tickets`, { headers: { 'X-Nectar-Site': 'demo', ...as(userId, hash) } });
      assert.equal(list.status, 200);
      const { tickets } = (await list.json()) as { tickets: { id: string; number: string; status: string }[] };
      assert.deepEqual(
        tickets.map((t) => [t.id, t.number, t.status]),
        [[receipt.id, receipt.number, 'new']],
      );

      // The verified shopper reads their ticket without its access token; nobody else does.
      const read = await fetch(`${url}/v1/tickets/${receipt.id}`, {
        headers: { 'X-Nectar-Site': 'demo', ...as(userId, hash) },
      });
      assert.equal(read.status, 200);
      assert.equal(((await read.json()) as Ticket).message, 'Signed-in ticket');
      const otherHash = createHmac('sha256', IDENTITY_SECRET).update('cus_other').digest('hex');
      const stranger = await fetch(`${url}/v1/tickets/${receipt.id}`, {
        headers: { 'X-Nectar-Site': 'demo', ...as('cus_other', otherHash) },
      });
      assert.equal(stranger.status, 404);

      // A forged hash, a missing identity, a site without an identity secret: 401 with the error shape.
      for (const [headers, site] of [
        [as(userId, 'f'.repeat(64)), 'demo'],
        [{}, 'demo'],
        [as(userId, hash), 'other'],
      ] as const) {
        const res = await fetch(`${url}/v1/tickets`, {
          headers: {
            'X-Nectar-Site': site,
            Origin: site === 'other' ? 'https://other.example' : 'http://localhost:3000',
            ...headers,
          },
        });
        assert.equal(res.status, 401);
        assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'unauthorized');
      }
    });

    it('answers unknown routes with the error shape', async () => {
      const res = await fetch(`${url}/v1/nothing-here`);
      assert.equal(res.status, 404);
      assert.equal(((await res.json()) as any).error.code, 'not_found');
    });
  });
}
