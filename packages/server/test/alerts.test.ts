/**
 * Broken promises and alerts: a ticket past its first-response promise is escalated by the system and sent as
 * `sla.breached` once, however many sweeps run; an alert rule (CSAT average < 4.0 three days running) is raised
 * once per episode as a verified `alert.triggered`, cleared when the day is back within the threshold, and
 * raised again after; scheduled jobs are taken by one instance at a time; the rules are for admins.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { TicketReceipt } from '@nectar/core/schema';
import { evaluateAlerts } from '../src/domain/alerts.ts';
import { queueCsatAsks } from '../src/domain/mail.ts';
import { sweepBrokenPromises } from '../src/domain/sla.ts';
import { DEFAULT_SITES, startServer, type RunningServer } from '../src/index.ts';
import { takeJob } from '../src/store/jobs.ts';
import { receiver, verify } from './webhook-receiver.ts';

const until = async (check: () => boolean, what: string, ms = 8000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('broken promises and alerts', () => {
  let server: RunningServer;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let secret = '';
  const sites = new Map(DEFAULT_SITES.map((s) => [s.key, s]));

  const agent = (method: string, path: string, body?: unknown) =>
    fetch(server.url + path, {
      method,
      headers: { Authorization: `Bearer ${server.agentKey}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const events = (type: string) => hook.got.map((r) => verify(secret, r)).filter((e) => e.type === type);
  const file = async () =>
    (await (
      await fetch(`${server.url}/v1/tickets`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify({ category: 'damaged', message: 'Cracked', contact: { email: 'a@b.co' } }),
      })
    ).json()) as TicketReceipt;

  before(async () => {
    hook = await receiver();
    server = await startServer({
      port: 0,
      memory: true,
      webhooks: { allowPrivate: true, pollMs: 50 },
      // The scheduled jobs are driven by hand here.
      jobs: { pollMs: 3_600_000 },
    });
    const created = await agent('POST', '/v1/agent/webhooks', {
      url: hook.url,
      events: ['sla.breached', 'alert.triggered'],
    });
    secret = ((await created.json()) as { secret: string }).secret;
  });
  after(async () => {
    await server?.close();
    hook?.server.close();
  });

  it('escalates a ticket past its first-response promise and sends sla.breached once', async () => {
    const t = await file();
    const kept = await file();
    await server.db.query(`UPDATE tickets SET first_response_by = now() - interval '5 minutes' WHERE id = $1`, [t.id]);
    const [first, second] = await Promise.all([
      sweepBrokenPromises(server.db, new Date()),
      sweepBrokenPromises(server.db, new Date()),
    ]);
    assert.equal(first + second, 1, 'two sweeps at once: the ticket is taken once');
    assert.equal(await sweepBrokenPromises(server.db, new Date()), 0, 'and never again');
    await until(() => events('sla.breached').length > 0, 'sla.breached');
    await new Promise((r) => setTimeout(r, 200));
    const breached = events('sla.breached');
    assert.equal(breached.length, 1);
    assert.equal(breached[0]?.data.id, t.id);
    assert.equal(breached[0]?.data.promise, 'first_response');

    const full = (await (await agent('GET', `/v1/agent/tickets/${t.id}`)).json()) as {
      escalatedAt?: string;
      timeline: { kind: string; by: string; body?: string }[];
    };
    assert.ok(full.escalatedAt);
    const escalation = full.timeline.find((e) => e.kind === 'escalated');
    assert.equal(escalation?.by, 'system');
    assert.match(escalation?.body ?? '', /No first response by/);
    const other = (await (await agent('GET', `/v1/agent/tickets/${kept.id}`)).json()) as { escalatedAt?: string };
    assert.equal(other.escalatedAt, undefined, 'a ticket within its promise is left alone');
  });

  it('raises an alert once per episode, clears it, and raises it again', async () => {
    const saved = await agent('PUT', '/v1/agent/alerts', {
      rules: [{ name: 'CSAT sinking', metric: 'csat_average', comparison: '<', value: 4, periods: 3 }],
    });
    assert.equal(saved.status, 200);
    // The last three UTC days, today included (the webhooks go out at the evaluation's time: now).
    const now = new Date();
    const dayOf = (back: number) => new Date(now.getTime() - back * 86_400_000).toISOString().slice(0, 10);
    const [d8, d9, d10] = [dayOf(2), dayOf(1), dayOf(0)] as [string, string, string];
    const rate = async (day: string, score: number) => {
      const t = await file();
      await server.db.query(
        `INSERT INTO feedback (id, site, kind, survey_id, ticket_id, score, created_at, updated_at)
         VALUES ($1, 'demo', 'csat', 'csat', $2, $3, $4, $4)`,
        [randomUUID(), t.id, score, day === d10 ? now.toISOString() : `${day}T09:00:00Z`],
      );
    };
    await rate(d8, 3);
    await rate(d9, 2);
    assert.deepEqual((await evaluateAlerts(server.db, sites, now)).raised, [], 'two bad days, and none today yet');
    await rate(d10, 3);
    const first = await evaluateAlerts(server.db, sites, now);
    assert.equal(first.raised.length, 1);
    assert.deepEqual((await evaluateAlerts(server.db, sites, now)).raised, [], 'raised once while it lasts');

    await rate(d10, 5);
    await rate(d10, 5);
    assert.deepEqual((await evaluateAlerts(server.db, sites, now)).cleared, first.raised, '(3+5+5)/3 ≥ 4: cleared');
    await rate(d10, 1);
    await rate(d10, 1);
    const again = await evaluateAlerts(server.db, sites, now);
    assert.equal(again.raised.length, 1, '(3+5+5+1+1)/5 = 3: a new episode');
    assert.notEqual(again.raised[0], first.raised[0]);

    const view = (await (await agent('GET', '/v1/agent/alerts')).json()) as {
      alerts: { id: string; open: boolean; name: string; value: number }[];
    };
    assert.deepEqual(
      view.alerts.map((a) => [a.id, a.open, a.name]),
      [
        [again.raised[0], true, 'CSAT sinking'],
        [first.raised[0], false, 'CSAT sinking'],
      ],
    );
    assert.equal(view.alerts[0]?.value, 3);
    await until(() => events('alert.triggered').length === 2, 'two alert.triggered');
    const data = events('alert.triggered').map(
      (e) => e.data as { id: string; rule: { metric: string }; values: unknown },
    );
    assert.deepEqual(
      data.map((d) => d.id),
      [first.raised[0], again.raised[0]],
    );
    assert.equal(data[0]?.rule.metric, 'csat_average');
    assert.deepEqual(data[0]?.values, [3, 2, 3]);
  });

  it('refuses a bad rule naming the field, and is for agents', async () => {
    const bad = await agent('PUT', '/v1/agent/alerts', {
      rules: [{ name: 'x', metric: 'happiness', comparison: '<', value: 1, periods: 0 }],
    });
    assert.equal(bad.status, 400);
    const fields = ((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields;
    assert.ok('rules.0.metric' in fields && 'rules.0.periods' in fields, JSON.stringify(fields));
    assert.equal((await fetch(`${server.url}/v1/agent/alerts`)).status, 401);
  });

  it('asks CSAT by mail a day after a resolution nobody rated, once; an unhappy answer asking for contact escalates', async () => {
    const [quiet, rated] = [await file(), await file()];
    for (const t of [quiet, rated]) await agent('POST', `/v1/agent/tickets/${t.id}/resolve`, {});
    const feedback = await fetch(`${server.url}/v1/feedback`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Nectar-Site': 'demo',
        'Idempotency-Key': randomUUID(),
        Authorization: `Bearer ${rated.accessToken}`,
      },
      body: JSON.stringify({ kind: 'csat', score: 2, ticketId: rated.id, comment: 'Still broken', followUp: true }),
    });
    assert.equal(feedback.status, 201);
    await server.db.query(`UPDATE tickets SET resolved_at = now() - interval '25 hours' WHERE id = ANY($1::text[])`, [
      [quiet.id, rated.id],
    ]);
    assert.equal(await queueCsatAsks(server.db, new Date()), 1);
    assert.equal(await queueCsatAsks(server.db, new Date()), 0, 'asked once');
    const mail = (await (await agent('GET', `/v1/agent/mail?ticket=${quiet.id}`)).json()) as {
      mail: { kind: string }[];
    };
    assert.deepEqual(
      mail.mail.map((m) => m.kind),
      ['csat_ask', 'resolved'],
    );
    const unhappy = (await (await agent('GET', `/v1/agent/tickets/${rated.id}`)).json()) as {
      status: string;
      escalatedAt?: string;
      timeline: { kind: string; by: string; body?: string }[];
    };
    assert.equal(unhappy.status, 'open', 'reopened by the follow-up');
    assert.ok(unhappy.escalatedAt);
    assert.match(unhappy.timeline.find((e) => e.kind === 'escalated')?.body ?? '', /CSAT 2/);
  });

  it('gives a scheduled job to one instance at a time', async () => {
    const now = new Date();
    const takes = await Promise.all([1, 2, 3].map(() => takeJob(server.db, 'test-job', 60_000, 60_000, now)));
    assert.deepEqual(takes.filter(Boolean).length, 1);
    assert.equal(
      await takeJob(server.db, 'test-job', 60_000, 60_000, new Date(now.getTime() + 1000)),
      false,
      'not due',
    );
  });
});
