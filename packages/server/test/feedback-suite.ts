/**
 * Feedback (NPS, CSAT), the shopper's messages and the agent's metrics, over HTTP. Run on PGlite and
 * on PostgreSQL by `api-pglite.test.ts` and `api-postgres.test.ts`.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { FeedbackReceipt, MetricsReport, Ticket, TicketReceipt } from '@nectar/core/schema';
import { anonymousRespondent, type RunningServer } from '../src/index.ts';

const DAY = 86_400_000;

export function feedbackSuite(label: string, start: () => Promise<RunningServer>): void {
  describe(`feedback, messages and metrics on ${label}`, () => {
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
      opts: { key?: string | null; site?: string; token?: string } = {},
    ): Promise<Response> => {
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'X-Nectar-Site': opts.site ?? 'demo',
      };
      if (opts.key !== null) headers['Idempotency-Key'] = opts.key ?? randomUUID();
      if (opts.token) headers['Authorization'] = `Bearer ${opts.token}`;
      return fetch(url + path, {
        method: 'POST',
        headers,
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    };
    const feedback = (
      body: Record<string, unknown>,
      opts: { key?: string | null; site?: string; token?: string } = {},
    ) => post('/v1/feedback', body, opts);
    const createTicket = async (site = 'demo', over: Record<string, unknown> = {}) => {
      const res = await post(
        '/v1/tickets',
        { category: 'damaged', message: 'The vase arrived broken.', contact: { email: 'a@example.com' }, ...over },
        { site },
      );
      assert.equal(res.status, 201, await res.clone().text());
      return (await res.json()) as TicketReceipt;
    };
    const getTicket = async (receipt: TicketReceipt, site = 'demo') => {
      const res = await fetch(`${url}/v1/tickets/${receipt.id}`, {
        headers: { 'X-Nectar-Site': site, Authorization: `Bearer ${receipt.accessToken}` },
      });
      assert.equal(res.status, 200);
      return (await res.json()) as Ticket;
    };
    const agent = (path: string, body?: unknown, key = server.agentKey) =>
      fetch(url + path, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const resolved = async (site = 'demo') => {
      const receipt = await createTicket(site);
      assert.equal(
        (await agent(`/v1/agent/tickets/${receipt.id}/reply`, { message: 'A new one is on its way.' })).status,
        200,
      );
      assert.equal((await agent(`/v1/agent/tickets/${receipt.id}/resolve`, {})).status, 200);
      return receipt;
    };
    const count = async (sql: string, params: unknown[] = []) =>
      Number((await server.db.query<{ n: string | number }>(sql, params)).rows[0]!.n);
    const errorOf = async (res: Response) => ((await res.json()) as any).error;

    it('keeps one NPS response per shopper and survey: the comment after the score updates it', async () => {
      const respondent = `r-${randomUUID()}`;
      const key = randomUUID();
      const first = await feedback({ kind: 'nps', score: 8, respondent }, { key });
      assert.equal(first.status, 201);
      const created = (await first.json()) as FeedbackReceipt;
      assert.deepEqual(
        { ...created, id: typeof created.id, createdAt: typeof created.createdAt },
        {
          id: 'string',
          kind: 'nps',
          score: 8,
          comment: null,
          surveyId: 'nps',
          ticketId: null,
          createdAt: 'string',
          updatedAt: created.createdAt,
        },
      );

      const replay = await feedback({ kind: 'nps', score: 8, respondent }, { key });
      assert.equal(replay.status, 201);
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(await replay.json(), created);

      // The comment comes later under a new key: same response, score updated, comment added.
      const withComment = await feedback({ kind: 'nps', score: 9, comment: '  Fast delivery  ', respondent });
      assert.equal(withComment.status, 200);
      const updated = (await withComment.json()) as FeedbackReceipt;
      assert.equal(updated.id, created.id);
      assert.equal(updated.score, 9);
      assert.equal(updated.comment, 'Fast delivery');
      assert.equal(updated.createdAt, created.createdAt);
      assert.ok(Date.parse(updated.updatedAt) >= Date.parse(created.createdAt));

      // The same key with the comment amended also updates (the outbox may reuse the answer's key).
      const amended = await feedback(
        { kind: 'nps', score: 9, comment: 'Fast delivery, kind staff', respondent },
        { key },
      );
      assert.equal(amended.status, 200);
      assert.equal(amended.headers.get('idempotent-replayed'), null);
      assert.equal(((await amended.json()) as FeedbackReceipt).id, created.id);

      // A later score alone keeps the comment.
      const rescored = (await (await feedback({ kind: 'nps', score: 10, respondent })).json()) as FeedbackReceipt;
      assert.deepEqual([rescored.id, rescored.score, rescored.comment], [created.id, 10, 'Fast delivery, kind staff']);

      const { rows } = await server.db.query<{ score: number; comment: string; created_at: Date }>(
        'SELECT score, comment, created_at FROM feedback WHERE respondent = $1',
        [anonymousRespondent('demo', respondent)],
      );
      assert.equal(rows.length, 1);
      assert.equal(Number(rows[0]!.score), 10);
      assert.equal(rows[0]!.comment, 'Fast delivery, kind staff');
      assert.equal(new Date(rows[0]!.created_at).toISOString(), created.createdAt, 'created_at is the first answer');

      // Another survey is another response; so is the same survey after the 90-day recontact window.
      const other = await feedback({ kind: 'nps', score: 3, respondent, surveyId: 'post-purchase' });
      assert.equal(other.status, 201);
      assert.equal(((await other.json()) as FeedbackReceipt).surveyId, 'post-purchase');
      await server.db.query(`UPDATE feedback SET created_at = created_at - interval '91 days' WHERE id = $1`, [
        created.id,
      ]);
      const nextPeriod = await feedback({ kind: 'nps', score: 6, respondent });
      assert.equal(nextPeriod.status, 201);
      assert.notEqual(((await nextPeriod.json()) as FeedbackReceipt).id, created.id);
      assert.equal(
        await count('SELECT count(*) AS n FROM feedback WHERE respondent = $1', [
          anonymousRespondent('demo', respondent),
        ]),
        3,
      );
    });

    it('stores one NPS response for concurrent first answers with different keys', async () => {
      const respondent = `r-${randomUUID()}`;
      const responses = await Promise.all(
        Array.from({ length: 6 }, (_, i) => feedback({ kind: 'nps', score: i, respondent })),
      );
      const statuses = responses.map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 201]);
      const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as FeedbackReceipt).id)));
      assert.equal(ids.size, 1);
      assert.equal(
        await count('SELECT count(*) AS n FROM feedback WHERE respondent = $1', [
          anonymousRespondent('demo', respondent),
        ]),
        1,
      );
    });

    it('refuses bad answers with a 4xx naming the field and stores nothing', async () => {
      const a = await resolved();
      const b = await resolved();
      const before = await count('SELECT count(*) AS n FROM feedback');
      const nps = (over: Record<string, unknown>) => ({ kind: 'nps', score: 7, respondent: 'r-bad', ...over });
      const csat = (over: Record<string, unknown>) => ({ kind: 'csat', score: 4, ticketId: a.id, ...over });
      const cases: [Record<string, unknown>, Record<string, string>][] = [
        [nps({ score: 11 }), { score: 'too_big' }],
        [nps({ score: -1 }), { score: 'too_small' }],
        [nps({ score: 7.5 }), { score: 'invalid_type' }],
        [nps({ score: '7' }), { score: 'invalid_type' }],
        [nps({ score: undefined }), { score: 'required' }],
        [nps({ respondent: '  ' }), { respondent: 'required' }],
        [nps({ ticketId: '' }), { ticketId: 'required' }],
        [nps({ respondent: 'x'.repeat(65) }), { respondent: 'too_long' }],
        [nps({ surveyId: 'x'.repeat(65) }), { surveyId: 'too_long' }],
        [nps({ comment: 'x'.repeat(2001) }), { comment: 'too_long' }],
        [nps({ email: 'a@example.com' }), { email: 'unknown_field' }],
        [nps({ kind: 'ces' }), { kind: 'invalid_choice' }],
        [nps({ kind: undefined }), { kind: 'invalid_choice' }],
        [csat({ score: 0 }), { score: 'too_small' }],
        [csat({ score: 6 }), { score: 'too_big' }],
        [csat({ ticketId: undefined }), { ticketId: 'required' }],
        [csat({ followUp: 'yes' }), { followUp: 'invalid_type' }],
      ];
      for (const [body, fields] of cases) {
        const res = await feedback(body, { token: a.accessToken });
        assert.equal(res.status, 400, JSON.stringify(body).slice(0, 80));
        const error = await errorOf(res);
        assert.equal(error.code, 'validation_failed');
        assert.deepEqual(error.fields, fields, JSON.stringify(body).slice(0, 80));
      }

      const huge = await feedback(nps({ comment: 'x'.repeat(1024 * 1024) }));
      assert.equal(huge.status, 413);
      assert.deepEqual(await errorOf(huge), {
        code: 'payload_too_large',
        message: 'A survey answer is too large; a comment may be at most 2,000 characters.',
        fields: { comment: 'too_long' },
      });
      const noKey = await feedback(nps({}), { key: null });
      assert.equal(noKey.status, 400);
      assert.deepEqual((await errorOf(noKey)).fields, { 'Idempotency-Key': 'required' });

      // CSAT needs the ticket's own token; unknown, someone else's and another site's look the same.
      const noToken = await feedback(csat({}));
      assert.equal(noToken.status, 401);
      const unknown = await feedback(csat({ ticketId: randomUUID() }), { token: a.accessToken });
      const foreign = await feedback(csat({ ticketId: a.id }), { token: b.accessToken });
      const otherSite = await feedback(csat({ ticketId: a.id }), { token: a.accessToken, site: 'other' });
      for (const res of [unknown, foreign, otherSite]) {
        assert.equal(res.status, 404);
        assert.deepEqual(await errorOf(res), {
          code: 'not_found',
          message: 'No such ticket.',
          fields: { ticketId: 'not_found' },
        });
      }
      assert.equal(await count('SELECT count(*) AS n FROM feedback'), before);
      assert.equal((await getTicket(a)).status, 'resolved');
    });

    it('keeps one CSAT per ticket and shows it to the agent', async () => {
      const ticket = await resolved();
      const first = await feedback({ kind: 'csat', score: 4, ticketId: ticket.id }, { token: ticket.accessToken });
      assert.equal(first.status, 201);
      const created = (await first.json()) as FeedbackReceipt;
      assert.deepEqual(
        [created.kind, created.score, created.ticketId, created.surveyId],
        ['csat', 4, ticket.id, 'csat'],
      );

      const again = await feedback(
        { kind: 'csat', score: 5, comment: 'Quick and kind', ticketId: ticket.id },
        { token: ticket.accessToken },
      );
      assert.equal(again.status, 200);
      const updated = (await again.json()) as FeedbackReceipt;
      assert.deepEqual([updated.id, updated.score, updated.comment], [created.id, 5, 'Quick and kind']);
      assert.equal(await count(`SELECT count(*) AS n FROM feedback WHERE ticket_id = $1`, [ticket.id]), 1);

      const view = (await (await agent(`/v1/agent/tickets/${ticket.id}`)).json()) as any;
      assert.deepEqual(view.csat, {
        score: 5,
        comment: 'Quick and kind',
        followUp: false,
        createdAt: created.createdAt,
        updatedAt: updated.updatedAt,
      });
      // Concurrent first answers on another ticket: one response.
      const busy = await resolved();
      const concurrent = await Promise.all(
        [1, 2, 3, 4, 5].map((score) =>
          feedback({ kind: 'csat', score, ticketId: busy.id }, { token: busy.accessToken }),
        ),
      );
      assert.deepEqual(concurrent.map((r) => r.status).sort(), [200, 200, 200, 200, 201]);
      assert.equal(await count(`SELECT count(*) AS n FROM feedback WHERE ticket_id = $1`, [busy.id]), 1);

      const unrated = await createTicket();
      assert.equal('csat' in ((await (await agent(`/v1/agent/tickets/${unrated.id}`)).json()) as any), false);
      // A happy answer asking for a follow-up does not reopen the ticket.
      await feedback({ kind: 'csat', score: 4, ticketId: ticket.id, followUp: true }, { token: ticket.accessToken });
      assert.equal((await getTicket(ticket)).status, 'resolved');
    });

    it('reopens the same ticket with the comment when an unhappy shopper asks to be contacted', async () => {
      const ticket = await resolved();
      const tickets = await count('SELECT count(*) AS n FROM tickets');
      const key = randomUUID();
      const body = {
        kind: 'csat',
        score: 2,
        comment: 'Still broken: the new one cracked too.',
        ticketId: ticket.id,
        followUp: true,
      };
      const res = await feedback(body, { key, token: ticket.accessToken });
      assert.equal(res.status, 201);
      const receipt = (await res.json()) as FeedbackReceipt;
      assert.equal(receipt.ticketId, ticket.id);

      const reopened = await getTicket(ticket);
      assert.equal(reopened.id, ticket.id);
      assert.equal(reopened.number, ticket.number);
      assert.equal(reopened.status, 'open');
      assert.deepEqual(
        reopened.timeline.map((t) => [t.kind, t.by, t.body]),
        [
          ['created', 'customer', undefined],
          ['replied', 'agent', 'A new one is on its way.'],
          ['resolved', 'agent', undefined],
          ['customer_message', 'customer', 'Still broken: the new one cracked too.'],
          ['reopened', 'customer', undefined],
        ],
      );
      assert.equal(await count('SELECT count(*) AS n FROM tickets'), tickets, 'no new ticket');

      // Replayed, or sent again under a new key: still one follow-up.
      const replay = await feedback(body, { key, token: ticket.accessToken });
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.equal((await feedback(body, { token: ticket.accessToken })).status, 200);
      assert.equal((await getTicket(ticket)).timeline.length, 5);
      const view = (await (await agent(`/v1/agent/tickets/${ticket.id}`)).json()) as any;
      assert.equal(view.status, 'open');
      assert.equal(view.resolvedAt, undefined);
      assert.deepEqual([view.csat.score, view.csat.followUp], [2, true]);
      const queue = (await (await agent('/v1/agent/tickets?status=open')).json()) as any;
      assert.ok(
        queue.tickets.some((t: any) => t.id === ticket.id),
        'back in the open queue',
      );
    });

    it('lets the shopper write on their ticket: a resolved one is reopened', async () => {
      const ticket = await resolved();
      const key = randomUUID();
      const res = await post(
        `/v1/tickets/${ticket.id}/messages`,
        { message: ' It is <b>still</b> broken. ' },
        {
          key,
          token: ticket.accessToken,
        },
      );
      assert.equal(res.status, 201);
      const updated = (await res.json()) as Ticket;
      assert.equal(updated.id, ticket.id);
      assert.equal(updated.status, 'open');
      assert.deepEqual(
        updated.timeline.slice(-3).map((t) => [t.kind, t.by, t.body]),
        [
          ['resolved', 'agent', undefined],
          ['customer_message', 'customer', 'It is <b>still</b> broken.'],
          ['reopened', 'customer', undefined],
        ],
      );
      const replay = await post(
        `/v1/tickets/${ticket.id}/messages`,
        { message: ' It is <b>still</b> broken. ' },
        {
          key,
          token: ticket.accessToken,
        },
      );
      assert.equal(replay.status, 201);
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(await replay.json(), updated);
      assert.equal((await getTicket(ticket)).timeline.length, updated.timeline.length);

      // Waiting on the customer → open, no `reopened`; a new ticket stays new.
      await agent(`/v1/agent/tickets/${ticket.id}/reply`, { message: 'Could you send a photo?' });
      assert.equal((await getTicket(ticket)).status, 'waiting_on_customer');
      const answer = (await (
        await post(`/v1/tickets/${ticket.id}/messages`, { message: 'Here it is.' }, { token: ticket.accessToken })
      ).json()) as Ticket;
      assert.equal(answer.status, 'open');
      assert.deepEqual(
        answer.timeline.slice(-2).map((t) => t.kind),
        ['replied', 'customer_message'],
      );
      const fresh = await createTicket();
      const note = await post(
        `/v1/tickets/${fresh.id}/messages`,
        { message: 'One more thing' },
        { token: fresh.accessToken },
      );
      assert.equal(((await note.json()) as Ticket).status, 'new');

      // Bad input and other people's tickets.
      const empty = await post(`/v1/tickets/${ticket.id}/messages`, { message: '  ' }, { token: ticket.accessToken });
      assert.equal(empty.status, 400);
      assert.deepEqual((await errorOf(empty)).fields, { message: 'required' });
      const long = await post(
        `/v1/tickets/${ticket.id}/messages`,
        { message: 'x'.repeat(5001) },
        { token: ticket.accessToken },
      );
      assert.deepEqual((await errorOf(long)).fields, { message: 'too_long' });
      assert.equal((await post(`/v1/tickets/${ticket.id}/messages`, { message: 'hi' })).status, 401);
      const foreign = await post(`/v1/tickets/${ticket.id}/messages`, { message: 'hi' }, { token: fresh.accessToken });
      assert.equal(foreign.status, 404);
      const noKey = await post(
        `/v1/tickets/${ticket.id}/messages`,
        { message: 'hi' },
        { key: null, token: ticket.accessToken },
      );
      assert.equal(noKey.status, 400);
      assert.equal((await getTicket(ticket)).timeline.filter((t) => t.body === 'hi').length, 0);
    });

    it('reports NPS, CSAT, per-day figures and ticket times matching a hand-computed fixture', async () => {
      const site = 'metrics';
      // [UTC time of the first answer, kind, score]. 36 NPS and 14 CSAT answers in 2026-03-01…05,
      // three just outside. 2026-03-03 has none.
      const nps: [string, number[]][] = [
        ['2026-03-01T00:00:00.000Z', [0, 6, 7, 8, 9, 10, 10, 6, 9, 5]],
        ['2026-03-02T12:00:00.000Z', [9, 9, 9, 10, 7, 6, 8]],
        ['2026-03-04T08:30:00.000Z', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
        ['2026-03-05T23:59:59.999Z', [10, 10, 8, 6, 7, 9, 9, 10]],
        ['2026-02-28T23:59:59.999Z', [0]],
        ['2026-03-06T00:00:00.000Z', [10]],
      ];
      const csat: [string, number[]][] = [
        ['2026-03-01T00:00:00.000Z', [1, 2, 5, 5]],
        ['2026-03-02T18:00:00.000Z', [3, 4, 4]],
        ['2026-03-04T10:00:00.000Z', [5, 5, 5, 4, 1]],
        ['2026-03-05T23:59:59.999Z', [2, 3]],
        ['2026-03-06T00:00:00.000Z', [1]],
      ];
      const setCreated = (id: string, at: string) =>
        server.db.query('UPDATE feedback SET created_at = $2, updated_at = $2 WHERE id = $1', [id, at]);
      let answers = 0;
      for (const [at, scores] of nps) {
        for (const score of scores) {
          const res = await feedback({ kind: 'nps', score, respondent: `m-${randomUUID()}` }, { site });
          assert.equal(res.status, 201);
          await setCreated(((await res.json()) as FeedbackReceipt).id, at);
          answers++;
        }
      }
      for (const [at, scores] of csat) {
        for (const score of scores) {
          const ticket = await createTicket(site);
          const res = await feedback({ kind: 'csat', score, ticketId: ticket.id }, { site, token: ticket.accessToken });
          assert.equal(res.status, 201);
          await setCreated(((await res.json()) as FeedbackReceipt).id, at);
          answers++;
        }
      }
      assert.ok(answers >= 50);

      // Tickets (damaged: first response due in 2 h, resolution in 24 h), times set directly.
      const tickets: [string, number | null, number | null][] = [
        // created, first response after (min), resolved after (min)
        ['2026-03-01T00:00:00.000Z', 30, 600],
        ['2026-03-02T12:00:00.000Z', 90, 1800], // resolution breach
        ['2026-03-03T00:00:00.000Z', 180, null], // first-response breach; unresolved past due
        ['2026-03-04T08:00:00.000Z', 40, 120],
        ['2026-03-05T23:59:59.999Z', null, null], // unanswered and unresolved past due
        ['2026-02-28T23:59:59.999Z', null, null], // outside the range
      ];
      for (const [created, responded, resolvedAfter] of tickets) {
        const ticket = await createTicket(site);
        const at = Date.parse(created);
        await server.db.query(
          `UPDATE tickets SET created_at = $2, first_response_by = $3, resolve_by = $4, first_responded_at = $5,
             resolved_at = $6, status = $7 WHERE id = $1`,
          [
            ticket.id,
            created,
            new Date(at + 2 * 3_600_000).toISOString(),
            new Date(at + DAY).toISOString(),
            responded === null ? null : new Date(at + responded * 60_000).toISOString(),
            resolvedAfter === null ? null : new Date(at + resolvedAfter * 60_000).toISOString(),
            resolvedAfter === null ? 'open' : 'resolved',
          ],
        );
      }

      const res = await agent(`/v1/agent/metrics?from=2026-03-01&to=2026-03-05T10:00:00Z&site=${site}`);
      assert.equal(res.status, 200);
      // The KPIs have their own fixture (kpis.test.ts); here, the report's fields from before them.
      const { kpis, ...report } = (await res.json()) as MetricsReport & { kpis: unknown };
      assert.ok(kpis);
      const none = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
      assert.deepEqual(report, {
        from: '2026-03-01',
        to: '2026-03-05',
        site,
        // 15 promoters, 8 passives, 13 detractors of 36: (15 − 13) / 36 = 5.56 %.
        nps: { score: 5.6, promoters: 15, passives: 8, detractors: 13, total: 36 },
        // 2×1 + 2×2 + 2×3 + 3×4 + 5×5 = 49; 49 / 14 = 3.5.
        csat: { average: 3.5, distribution: { 1: 2, 2: 2, 3: 2, 4: 3, 5: 5 }, total: 14 },
        days: [
          {
            date: '2026-03-01',
            nps: { score: 0, promoters: 4, passives: 2, detractors: 4, total: 10 },
            csat: { average: 3.25, distribution: { ...none, 1: 1, 2: 1, 5: 2 }, total: 4 },
          },
          {
            date: '2026-03-02',
            // (4 − 1) / 7 = 42.857 %
            nps: { score: 42.9, promoters: 4, passives: 2, detractors: 1, total: 7 },
            csat: { average: 3.67, distribution: { ...none, 3: 1, 4: 2 }, total: 3 },
          },
          {
            date: '2026-03-03',
            nps: { score: null, promoters: 0, passives: 0, detractors: 0, total: 0 },
            csat: { average: null, distribution: none, total: 0 },
          },
          {
            date: '2026-03-04',
            // (2 − 7) / 11 = −45.45 %
            nps: { score: -45.5, promoters: 2, passives: 2, detractors: 7, total: 11 },
            csat: { average: 4, distribution: { ...none, 1: 1, 4: 1, 5: 3 }, total: 5 },
          },
          {
            date: '2026-03-05',
            nps: { score: 50, promoters: 5, passives: 2, detractors: 1, total: 8 },
            csat: { average: 2.5, distribution: { ...none, 2: 1, 3: 1 }, total: 2 },
          },
        ],
        tickets: {
          created: 5,
          // 30, 40, 90, 180 min
          firstResponse: { count: 4, medianMinutes: 65, averageMinutes: 85 },
          // 120, 600, 1800 min
          resolution: { count: 3, medianMinutes: 600, averageMinutes: 840 },
          slaBreaches: { firstResponse: 2, resolution: 3 },
        },
      });

      // An answer updated today (the comment after the score) counts once, on the day of its first answer.
      const respondent = `m-${randomUUID()}`;
      const first = (await (await feedback({ kind: 'nps', score: 0, respondent }, { site })).json()) as FeedbackReceipt;
      await server.db.query(`UPDATE feedback SET created_at = now() - interval '1 day' WHERE id = $1`, [first.id]);
      const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);
      const again = await feedback({ kind: 'nps', score: 10, comment: 'Changed my mind', respondent }, { site });
      assert.equal(again.status, 200);
      const recent = (await (await agent(`/v1/agent/metrics?from=${yesterday}&site=${site}`)).json()) as MetricsReport;
      assert.equal(recent.to, new Date().toISOString().slice(0, 10));
      assert.deepEqual(recent.days[0], {
        date: yesterday,
        nps: { score: 100, promoters: 1, passives: 0, detractors: 0, total: 1 },
        csat: { average: null, distribution: none, total: 0 },
      });
      assert.deepEqual(recent.days[1]!.nps.total, 0);
      assert.equal(recent.nps.total, 1);
    });

    it('validates the metrics range and needs the agent key', async () => {
      const bad = async (query: string, fields: Record<string, string>) => {
        const res = await agent(`/v1/agent/metrics?${query}`);
        assert.equal(res.status, 400, query);
        const error = await errorOf(res);
        assert.equal(error.code, 'validation_failed');
        assert.deepEqual(error.fields, fields, query);
      };
      await bad('from=yesterday', { from: 'invalid_date' });
      await bad('from=2026-02-30&to=2026-13-01', { from: 'invalid_date', to: 'invalid_date' });
      await bad('from=2026-03-05&to=2026-03-04', { from: 'after_to' });
      await bad('from=2024-01-01&to=2026-03-04', { from: 'range_too_long' });
      await bad('site=nope', { site: 'invalid_choice' });

      const defaults = (await (await agent('/v1/agent/metrics')).json()) as MetricsReport;
      const today = new Date().toISOString().slice(0, 10);
      assert.equal(defaults.to, today);
      assert.equal(defaults.days.length, 30);
      assert.equal(defaults.from, new Date(Date.parse(`${today}T00:00:00Z`) - 29 * DAY).toISOString().slice(0, 10));
      assert.equal(defaults.site, null);

      const oneDay = (await (await agent('/v1/agent/metrics?from=2026-03-04&to=2026-03-04')).json()) as MetricsReport;
      assert.deepEqual(
        oneDay.days.map((d) => d.date),
        ['2026-03-04'],
      );

      const denied = await agent('/v1/agent/metrics', undefined, 'wrong');
      assert.equal(denied.status, 401);
      assert.equal((await errorOf(denied)).code, 'unauthorized');
    });
  });
}
