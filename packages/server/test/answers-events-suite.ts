/**
 * Knowledge-base answers, tracked events, idempotency scoped per route, feedback without a respondent
 * or with a verified shopper, and claiming twice — over HTTP on a real server. Run on PGlite and on
 * PostgreSQL by `api-pglite.test.ts` and `api-postgres.test.ts`.
 */
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Answer, FeedbackReceipt, Ticket, TicketReceipt } from '@nectar/core/schema';
import type { RunningServer } from '../src/index.ts';
import { IDENTITY_SECRET } from './api-suite.ts';

type Opts = { key?: string | null; site?: string; token?: string; user?: string; headers?: Record<string, string> };

export function answersEventsSuite(label: string, start: () => Promise<RunningServer>): void {
  describe(`answers, events and contract fixes on ${label}`, () => {
    let server: RunningServer;
    let url: string;

    before(async () => {
      server = await start();
      url = server.url;
    });
    after(() => server?.close());

    const identity = (user: string) => ({
      'X-Nectar-User': user,
      'X-Nectar-User-Hash': createHmac('sha256', IDENTITY_SECRET).update(user).digest('hex'),
    });
    const headersOf = (opts: Opts) => {
      const headers: Record<string, string> = { 'X-Nectar-Site': opts.site ?? 'demo', ...opts.headers };
      if (opts.token) headers['Authorization'] = `Bearer ${opts.token}`;
      if (opts.user) Object.assign(headers, identity(opts.user));
      return headers;
    };
    const post = (path: string, body: unknown, opts: Opts = {}) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', ...headersOf(opts) };
      if (opts.key !== null) headers['Idempotency-Key'] = opts.key ?? randomUUID();
      return fetch(url + path, {
        method: 'POST',
        headers,
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    };
    const search = (query: Record<string, string>, opts: Opts = {}) =>
      fetch(`${url}/v1/answers?${new URLSearchParams(query)}`, { headers: headersOf(opts) });
    const answers = async (query: Record<string, string>, opts: Opts = {}) => {
      const res = await search(query, opts);
      assert.equal(res.status, 200, await res.clone().text());
      return ((await res.json()) as { answers: Answer[] }).answers;
    };
    const agent = (path: string, body?: unknown, key = server.agentKey) =>
      fetch(url + path, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const createTicket = async (opts: Opts = {}) => {
      const res = await post(
        '/v1/tickets',
        { category: 'damaged', message: 'The bowl arrived chipped.', contact: { email: 'wen@example.com' } },
        opts,
      );
      assert.equal(res.status, 201, await res.clone().text());
      return (await res.json()) as TicketReceipt;
    };
    const readTicket = async (receipt: TicketReceipt) =>
      (await (
        await fetch(`${url}/v1/tickets/${receipt.id}`, { headers: headersOf({ token: receipt.accessToken }) })
      ).json()) as Ticket;
    const errorOf = async (res: Response) => ((await res.json()) as any).error;
    const count = async (sql: string, params: unknown[] = []) =>
      Number((await server.db.query<{ n: string | number }>(sql, params)).rows[0]!.n);

    // ---- answers -------------------------------------------------------------------------------

    it('finds the demo site’s articles in English, best first, with the title weighing most', async () => {
      const found = await answers({ q: 'where is my order' });
      assert.equal(found[0]!.id, 'demo:track-order:en');
      assert.equal(found[0]!.title, 'How do I track my order?');
      assert.equal(found[0]!.locale, 'en');
      assert.match(found[0]!.body, /tracking link/);
      assert.ok(found.length <= 5, 'default limit 5');
      const scores = found.map((a) => a.score);
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => b - a),
        'best first',
      );

      const refund = await answers({ q: 'REFUNDS', limit: '2' });
      assert.equal(refund.length, 2);
      assert.equal(refund[0]!.id, 'demo:refunds:en', 'case-insensitive, "refunds" finds "refund"');
      assert.equal((await answers({ q: 'broken' }))[0]!.id, 'demo:damaged-item:en', 'tags count');
      assert.deepEqual(await answers({ q: 'xylophone quantum' }), []);
    });

    it('searches Chinese by substring in zh-CN and zh-TW, and falls back to English', async () => {
      const cn = await answers({ q: '怎么退货', locale: 'zh-CN' });
      assert.equal(cn[0]!.id, 'demo:returns:zh-CN');
      assert.equal(cn[0]!.title, '如何退货？');
      assert.ok(cn.every((a) => a.locale === 'zh-CN'));
      const tw = await answers({ q: '退款多久', locale: 'zh-TW' });
      assert.equal(tw[0]!.id, 'demo:refunds:zh-TW');
      assert.equal(tw[0]!.title, '退款多久會入帳？');
      assert.equal((await answers({ q: '忘记密码', locale: 'zh-CN' }))[0]!.id, 'demo:account-sign-in:zh-CN');

      // An English query from a Chinese page: no Chinese match, so English articles.
      const fallback = await answers({ q: 'password', locale: 'zh-TW' });
      assert.equal(fallback[0]!.id, 'demo:account-sign-in:en');
      assert.equal(fallback[0]!.locale, 'en');

      // A site whose knowledge base has only English articles answers a zh-CN shopper in English.
      const add = await agent('/v1/agent/answers', {
        site: 'other',
        locale: 'en',
        title: 'Gift wrapping',
        body: 'Add gift wrapping at checkout; we hide the prices on the packing slip.',
        tags: ['gift', '礼品包装'],
      });
      assert.equal(add.status, 201, await add.clone().text());
      const created = (await add.json()) as Answer & { site: string; tags: string[] };
      assert.deepEqual(
        [created.site, created.locale, created.title, created.tags],
        ['other', 'en', 'Gift wrapping', ['gift', '礼品包装']],
      );
      const other = await answers(
        { q: '礼品包装', locale: 'zh-CN' },
        { site: 'other', headers: { Origin: 'https://other.example' } },
      );
      assert.deepEqual(
        other.map((a) => [a.id, a.locale]),
        [[created.id, 'en']],
      );
      assert.deepEqual(
        await answers({ q: 'track my order' }, { site: 'other', headers: { Origin: 'https://other.example' } }),
        [],
        'sites do not share articles',
      );
    });

    it('validates the query, needs a site key and answers CORS like the other routes', async () => {
      const bad = async (query: Record<string, string>, fields: Record<string, string>) => {
        const res = await search(query);
        assert.equal(res.status, 400, JSON.stringify(query));
        const error = await errorOf(res);
        assert.equal(error.code, 'validation_failed');
        assert.deepEqual(error.fields, fields, JSON.stringify(query));
      };
      await bad({}, { q: 'required' });
      await bad({ q: '' }, { q: 'required' });
      await bad({ q: '   ' }, { q: 'required' });
      await bad({ q: 'x'.repeat(201) }, { q: 'too_long' });
      await bad({ q: 'refund', locale: 'not a tag!' }, { locale: 'invalid' }); // any language tag is matched (fr → en)
      await bad({ q: 'refund', limit: '50' }, { limit: 'too_big' });
      await bad({ q: 'refund', limit: '0' }, { limit: 'too_small' });

      assert.equal((await fetch(`${url}/v1/answers?q=refund`)).status, 403, 'no site key: unknown_site');
      assert.equal((await search({ q: 'refund' }, { site: 'nope' })).status, 403);

      const allowed = await search({ q: 'refund' }, { headers: { Origin: 'http://localhost:5173' } });
      assert.equal(allowed.status, 200);
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'http://localhost:5173');
      const denied = await search({ q: 'refund' }, { headers: { Origin: 'https://evil.example' } });
      assert.equal(denied.status, 403);
      // The refusal is readable (so the page can report it), and it is all the page gets: no answers.
      assert.equal(denied.headers.get('access-control-allow-origin'), 'https://evil.example');
      assert.deepEqual(Object.keys(((await denied.json()) as { error: object }).error).sort(), ['code', 'message']);
    });

    it('lets only an agent add articles, and names bad fields', async () => {
      const body = { site: 'demo', locale: 'zh-TW', title: '禮物包裝', body: '結帳時可以加購禮物包裝。' };
      assert.equal((await agent('/v1/agent/answers', body, 'wrong')).status, 401);
      const res = await agent('/v1/agent/answers', { ...body, locale: 'fr', title: '', url: 'javascript:alert(1)' });
      assert.equal(res.status, 400);
      assert.deepEqual((await errorOf(res)).fields, { locale: 'invalid_choice', title: 'required', url: 'invalid' });
      assert.deepEqual((await errorOf(await agent('/v1/agent/answers', { ...body, site: 'nope' }))).fields, {
        site: 'invalid_choice',
      });
      assert.deepEqual((await errorOf(await agent('/v1/agent/answers', { ...body, site: undefined }))).fields, {
        site: 'required',
      });
      const ok = await agent('/v1/agent/answers', { ...body, url: 'https://shop.example/help/gift' });
      assert.equal(ok.status, 201);
      const found = await answers({ q: '禮物包裝', locale: 'zh-TW' });
      assert.deepEqual([found[0]!.title, found[0]!.url], ['禮物包裝', 'https://shop.example/help/gift']);
    });

    // ---- events --------------------------------------------------------------------------------

    it('stores a batch of events once, 202 with the count, and replays it', async () => {
      const anon = `r_${randomUUID()}`;
      const batch = {
        events: [
          {
            name: 'nudge.shown',
            props: { rule: 'late-order', variant: 'toast' },
            at: '2026-03-04T10:00:00.000+08:00',
            anonymousId: anon,
          },
          {
            name: 'answer_viewed',
            props: { id: 'demo:refunds:en', rank: 1, helpful: true, note: null },
            anonymousId: anon,
          },
        ],
      };
      const key = randomUUID();
      const res = await post('/v1/events', batch, { key });
      assert.equal(res.status, 202);
      assert.deepEqual(await res.json(), { accepted: 2 });
      const again = await post('/v1/events', batch, { key });
      assert.equal(again.status, 202);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(await again.json(), { accepted: 2 });
      const conflict = await post('/v1/events', { events: batch.events.slice(0, 1) }, { key });
      assert.equal(conflict.status, 422);

      const { rows } = await server.db.query<{
        site: string;
        name: string;
        props: unknown;
        at: Date;
        received_at: Date;
      }>('SELECT site, name, props, at, received_at FROM events WHERE anonymous_id = $1 ORDER BY id', [anon]);
      assert.deepEqual(
        rows.map((r) => [r.site, r.name, r.props]),
        [
          ['demo', 'nudge.shown', { rule: 'late-order', variant: 'toast' }],
          ['demo', 'answer_viewed', { id: 'demo:refunds:en', rank: 1, helpful: true, note: null }],
        ],
      );
      assert.equal(new Date(rows[0]!.at).toISOString(), '2026-03-04T02:00:00.000Z');
      assert.equal(new Date(rows[1]!.at).getTime(), new Date(rows[1]!.received_at).getTime(), 'stamped on receipt');
    });

    it('refuses bad events naming the field, too many, too large, and stores nothing', async () => {
      const before = await count('SELECT count(*) AS n FROM events');
      const cases: [unknown, Record<string, string>][] = [
        [{ events: [{ name: 'ok' }, { name: 'Bad Name!' }] }, { 'events.1.name': 'invalid' }],
        [{ events: [{ name: 'ok', props: { nested: { a: 1 } } }] }, { 'events.0.props.nested': 'invalid' }],
        [{ events: [{ name: 'ok', props: { long: 'x'.repeat(501) } }] }, { 'events.0.props.long': 'too_long' }],
        [{ events: [{ name: 'ok', at: 'yesterday' }] }, { 'events.0.at': 'invalid' }],
        [{ events: [{ name: 'ok', email: 'a@example.com' }] }, { 'events.0.email': 'unknown_field' }],
        [{ events: [] }, { events: 'too_small' }],
        [{ events: Array.from({ length: 101 }, () => ({ name: 'x' })) }, { events: 'too_long' }],
        [{}, { events: 'required' }],
      ];
      for (const [body, fields] of cases) {
        const res = await post('/v1/events', body);
        assert.equal(res.status, 400, JSON.stringify(body).slice(0, 80));
        const error = await errorOf(res);
        assert.equal(error.code, 'validation_failed');
        assert.deepEqual(error.fields, fields, JSON.stringify(body).slice(0, 80));
      }
      const huge = await post('/v1/events', {
        events: Array.from({ length: 100 }, () => ({ name: 'big', props: { a: 'x'.repeat(500), b: 'y'.repeat(500) } })),
      });
      assert.equal(huge.status, 413);
      assert.equal((await errorOf(huge)).code, 'payload_too_large');
      assert.equal((await post('/v1/events', { events: [{ name: 'ok' }] }, { key: null })).status, 400);
      assert.equal((await post('/v1/events', { events: [{ name: 'ok' }] }, { site: 'nope' })).status, 403);
      assert.equal(await count('SELECT count(*) AS n FROM events'), before);
    });

    // ---- idempotency per route -----------------------------------------------------------------

    it('scopes an Idempotency-Key by route: the same key on tickets, feedback and events is three writes', async () => {
      const key = randomUUID();
      const ticket = await createTicket({ key });
      const fb = await post('/v1/feedback', { kind: 'nps', score: 9, respondent: `r-${key}` }, { key });
      assert.equal(fb.status, 201, 'not a conflict, not a replay of the ticket');
      assert.equal(fb.headers.get('idempotent-replayed'), null);
      assert.equal(((await fb.json()) as FeedbackReceipt).kind, 'nps');
      const ev = await post('/v1/events', { events: [{ name: 'x' }] }, { key });
      assert.equal(ev.status, 202);
      assert.deepEqual(await ev.json(), { accepted: 1 });

      // The ticket's stored receipt (with its access token) is intact.
      const replay = await post(
        '/v1/tickets',
        { category: 'damaged', message: 'The bowl arrived chipped.', contact: { email: 'wen@example.com' } },
        { key },
      );
      assert.equal(replay.status, 201);
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(await replay.json(), ticket);

      // Per ticket: one key on two tickets' messages is two messages.
      const other = await createTicket();
      for (const t of [ticket, other]) {
        const res = await post(
          `/v1/tickets/${t.id}/messages`,
          { message: 'Same key, other ticket' },
          { key: 'msg-key', token: t.accessToken },
        );
        assert.equal(res.status, 201);
        assert.equal(res.headers.get('idempotent-replayed'), null);
      }
      assert.equal((await readTicket(other)).timeline.at(-1)!.body, 'Same key, other ticket');
    });

    // ---- feedback ------------------------------------------------------------------------------

    it('takes NPS without a respondent: the verified shopper is one, an anonymous call is its own', async () => {
      const key = randomUUID();
      const anon = await post('/v1/feedback', { kind: 'nps', score: 6 }, { key });
      assert.equal(anon.status, 201, await anon.clone().text());
      const first = (await anon.json()) as FeedbackReceipt;
      // The comment later under the same key amends the same response.
      const amended = await post('/v1/feedback', { kind: 'nps', score: 6, comment: 'Slow delivery' }, { key });
      assert.equal(amended.status, 200);
      assert.deepEqual([((await amended.json()) as FeedbackReceipt).id], [first.id]);
      // Another key: no way to know it is the same person, so another response.
      const another = (await (await post('/v1/feedback', { kind: 'nps', score: 6 })).json()) as FeedbackReceipt;
      assert.notEqual(another.id, first.id);

      const user = `cus_${randomUUID()}`;
      const a = await post('/v1/feedback', { kind: 'nps', score: 4 }, { user });
      assert.equal(a.status, 201);
      const b = await post('/v1/feedback', { kind: 'nps', score: 10, comment: 'Sorted out' }, { user });
      assert.equal(b.status, 200, 'the same shopper, another key: the same response');
      const mine = (await b.json()) as FeedbackReceipt;
      assert.equal(mine.id, ((await a.json()) as FeedbackReceipt).id);
      const { rows } = await server.db.query<{ respondent: string }>('SELECT respondent FROM feedback WHERE id = $1', [
        mine.id,
      ]);
      assert.equal(rows[0]!.respondent, `user:${user}`);
      const forged = await post(
        '/v1/feedback',
        { kind: 'nps', score: 4 },
        { headers: { 'X-Nectar-User': user, 'X-Nectar-User-Hash': 'f'.repeat(64) } },
      );
      assert.equal(forged.status, 401);
    });

    it('links NPS to a ticket only for who may read it; CSAT by the verified shopper who filed it', async () => {
      const user = `cus_${randomUUID()}`;
      const ticket = await createTicket({ user });
      const stranger = await createTicket();

      const withToken = await post(
        '/v1/feedback',
        { kind: 'nps', score: 8, ticketId: ticket.id },
        { token: ticket.accessToken },
      );
      assert.equal(withToken.status, 201);
      assert.equal(((await withToken.json()) as FeedbackReceipt).ticketId, ticket.id);
      const asOwner = await post(
        '/v1/feedback',
        { kind: 'nps', score: 9, ticketId: ticket.id, surveyId: 'post-help' },
        { user },
      );
      assert.equal(asOwner.status, 201);
      assert.equal(((await asOwner.json()) as FeedbackReceipt).ticketId, ticket.id);

      const before = await count('SELECT count(*) AS n FROM feedback');
      const none = await post('/v1/feedback', { kind: 'nps', score: 8, ticketId: ticket.id });
      assert.equal(none.status, 401);
      for (const res of [
        await post('/v1/feedback', { kind: 'nps', score: 8, ticketId: ticket.id }, { token: stranger.accessToken }),
        await post('/v1/feedback', { kind: 'nps', score: 8, ticketId: ticket.id }, { user: 'cus_someone_else' }),
        await post('/v1/feedback', { kind: 'nps', score: 8, ticketId: randomUUID() }, { user }),
      ]) {
        assert.equal(res.status, 404);
        assert.deepEqual(await errorOf(res), {
          code: 'not_found',
          message: 'No such ticket.',
          fields: { ticketId: 'not_found' },
        });
      }
      assert.equal(await count('SELECT count(*) AS n FROM feedback'), before);

      // CSAT without the token, as the verified shopper who filed the ticket.
      assert.equal((await agent(`/v1/agent/tickets/${ticket.id}/resolve`, {})).status, 200);
      const csat = await post('/v1/feedback', { kind: 'csat', score: 5, ticketId: ticket.id }, { user });
      assert.equal(csat.status, 201);
      assert.equal(((await csat.json()) as FeedbackReceipt).ticketId, ticket.id);
      const notYours = await post(
        '/v1/feedback',
        { kind: 'csat', score: 1, ticketId: ticket.id },
        { user: 'cus_someone_else' },
      );
      assert.equal(notYours.status, 404);
      const view = (await (await agent(`/v1/agent/tickets/${ticket.id}`)).json()) as any;
      assert.equal(view.csat.score, 5);
    });

    // ---- claim ---------------------------------------------------------------------------------

    it('claiming twice adds one `assigned` entry; another agent takes it only by assignment', async () => {
      const ticket = await createTicket();
      for (let i = 0; i < 2; i++) {
        assert.equal((await agent(`/v1/agent/tickets/${ticket.id}/claim`, { agentName: 'Mei' })).status, 200);
      }
      assert.equal((await agent(`/v1/agent/tickets/${ticket.id}/claim`, {})).status, 200);
      let timeline = (await readTicket(ticket)).timeline;
      assert.deepEqual(
        timeline.map((t) => [t.kind, t.authorName]),
        [
          ['created', undefined],
          ['assigned', 'Mei'],
        ],
      );
      // The first responder owns it: another agent's claim is refused; only an assignment (with a reason) moves it.
      const taken = await agent(`/v1/agent/tickets/${ticket.id}/claim`, { agentName: 'Ana' });
      assert.equal(taken.status, 409);
      assert.equal(((await taken.json()) as any).error.code, 'conflict');
      await agent(`/v1/agent/tickets/${ticket.id}/assign`, { assignee: 'Ana', reason: 'Mei is on leave' });
      timeline = (await readTicket(ticket)).timeline;
      assert.deepEqual(
        timeline.map((t) => [t.kind, t.authorName]),
        [
          ['created', undefined],
          ['assigned', 'Mei'],
          ['assigned', 'Ana'],
        ],
      );
      const view = (await (await agent(`/v1/agent/tickets/${ticket.id}`)).json()) as any;
      assert.equal(view.assignee, 'Ana');
    });
  });
}
