/**
 * The agent's actions on a ticket beyond claim/reply/resolve: internal notes (never shown to the
 * shopper), assignment with a reason, close and reopen, escalation, attribution — and each route
 * refused without an agent's credentials.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Ticket, TicketReceipt } from '@nectar/core/schema';
import { startServer, type RunningServer } from '../src/index.ts';

describe('agent actions on a ticket', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ port: 0, memory: true });
  });
  after(() => server?.close());

  const agent = (path: string, body?: unknown) =>
    fetch(server.url + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${server.agentKey}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const file = async () =>
    (await (
      await fetch(`${server.url}/v1/tickets`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify({ category: 'damaged', message: 'The jar cracked', contact: { email: 'a@b.co' } }),
      })
    ).json()) as TicketReceipt;
  const asShopper = async (t: TicketReceipt) =>
    (await (
      await fetch(`${server.url}/v1/tickets/${t.id}`, {
        headers: { 'X-Nectar-Site': 'demo', Authorization: `Bearer ${t.accessToken}` },
      })
    ).json()) as Ticket;

  it('keeps internal notes and escalations from the shopper, shows them to agents', async () => {
    const t = await file();
    await agent(`/v1/agent/tickets/${t.id}/claim`, { agentName: 'Mei' });
    const noted = await agent(`/v1/agent/tickets/${t.id}/note`, {
      message: 'Supplier batch 42 again',
      agentName: 'Mei',
    });
    assert.equal(noted.status, 200);
    await agent(`/v1/agent/tickets/${t.id}/escalate`, { reason: 'Third broken jar this week', agentName: 'Mei' });
    await agent(`/v1/agent/tickets/${t.id}/reply`, { message: 'A new jar is on its way.', agentName: 'Mei' });
    const full = (await (await agent(`/v1/agent/tickets/${t.id}`)).json()) as {
      timeline: { kind: string; body?: string }[];
      escalatedAt?: string;
    };
    assert.deepEqual(
      full.timeline.map((e) => e.kind),
      ['created', 'assigned', 'note', 'escalated', 'replied'],
    );
    assert.ok(full.escalatedAt);
    const shopper = await asShopper(t);
    assert.deepEqual(
      shopper.timeline.map((e) => e.kind),
      ['created', 'assigned', 'replied'],
    );
    const text = JSON.stringify(shopper);
    assert.doesNotMatch(text, /Supplier batch|Third broken|escalat/i, 'nothing internal reaches the shopper');
  });

  it('assigns with a reason, closes and reopens, records attribution; validates each body', async () => {
    const t = await file();
    await agent(`/v1/agent/tickets/${t.id}/claim`, { agentName: 'Mei' });
    const noReason = await agent(`/v1/agent/tickets/${t.id}/assign`, { assignee: 'Ana' });
    assert.deepEqual(((await noReason.json()) as { error: { fields: object } }).error.fields, { reason: 'required' });
    const assigned = (await (
      await agent(`/v1/agent/tickets/${t.id}/assign`, { assignee: 'Ana', reason: 'Speaks zh' })
    ).json()) as {
      assignee: string;
      timeline: { kind: string; authorName?: string; body?: string }[];
    };
    assert.equal(assigned.assignee, 'Ana');
    assert.deepEqual(assigned.timeline.at(-1), {
      ...assigned.timeline.at(-1),
      kind: 'assigned',
      authorName: 'Ana',
      body: 'Speaks zh',
    });

    const closed = (await (await agent(`/v1/agent/tickets/${t.id}/close`, {})).json()) as { status: string };
    assert.equal(closed.status, 'closed');
    assert.equal((await asShopper(t)).status, 'closed');
    const reopened = (await (await agent(`/v1/agent/tickets/${t.id}/reopen`, {})).json()) as { status: string };
    assert.equal(reopened.status, 'open');
    assert.deepEqual((await asShopper(t)).timeline.map((e) => e.kind).slice(-2), ['closed', 'reopened']);

    await agent(`/v1/agent/tickets/${t.id}/attribution`, { department: 'Warehouse', product: 'Honey jar 500 g' });
    const attributed = (await (
      await agent(`/v1/agent/tickets/${t.id}/attribution`, { supplier: 'Glassworks' })
    ).json()) as {
      attribution: object;
    };
    assert.deepEqual(attributed.attribution, {
      department: 'Warehouse',
      product: 'Honey jar 500 g',
      supplier: 'Glassworks',
    });
    const bad = await agent(`/v1/agent/tickets/${t.id}/attribution`, { team: 'x', product: '' });
    assert.deepEqual(((await bad.json()) as { error: { fields: object } }).error.fields, {
      team: 'unknown_field',
      product: 'required',
    });
    const seen = await asShopper(t);
    assert.equal('attribution' in seen, false);
    assert.doesNotMatch(JSON.stringify(seen), /Speaks zh/, 'an assignment’s reason stays internal');
  });

  it('refuses each action without an agent’s credentials, and on no ticket', async () => {
    const t = await file();
    // A valid body for each, so that only the ticket's absence (or the missing credentials) can refuse it.
    const bodies: Record<string, unknown> = {
      note: { message: 'Checked the batch' },
      assign: { assignee: 'Ana', reason: 'Speaks zh' },
      close: {},
      reopen: {},
      escalate: { reason: 'Safety' },
      attribution: { department: 'Warehouse' },
      remedy: { kind: 'reship' },
    };
    for (const [action, body] of Object.entries(bodies)) {
      const res = await fetch(`${server.url}/v1/agent/tickets/${t.id}/${action}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t.accessToken}` },
        body: JSON.stringify(body),
      });
      assert.equal(res.status, 401, `${action} with a shopper's token`);
      assert.equal(
        (await agent(`/v1/agent/tickets/${randomUUID()}/${action}`, body)).status,
        404,
        `${action} on no ticket`,
      );
      assert.equal((await agent(`/v1/agent/tickets/${t.id}/${action}`, body)).status, 200, `${action} on the ticket`);
    }
  });

  it('filters the queue by owner (mine, nobody, a name), site and kept promises', async () => {
    const tag = randomUUID().slice(0, 8);
    const fileTagged = async () =>
      (await (
        await fetch(`${server.url}/v1/tickets`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
          body: JSON.stringify({ category: 'damaged', message: `${tag} cracked`, contact: { email: 'a@b.co' } }),
        })
      ).json()) as TicketReceipt;
    const [mei, lin, nobody] = [await fileTagged(), await fileTagged(), await fileTagged()];
    await agent(`/v1/agent/tickets/${mei.id}/claim`, { agentName: 'Mei' });
    await agent(`/v1/agent/tickets/${lin.id}/claim`, { agentName: 'Lin' });
    // One promise already broken.
    await server.db.query(`UPDATE tickets SET first_response_by = now() - interval '1 hour' WHERE id = $1`, [lin.id]);
    const ids = async (query: string) =>
      ((await (await agent(`/v1/agent/tickets?q=${tag}&${query}`)).json()) as { tickets: { id: string }[] }).tickets
        .map((t) => t.id)
        .sort();
    assert.deepEqual(await ids('assignee=Mei'), [mei.id]);
    assert.deepEqual(await ids('assignee=none'), [nobody.id]);
    assert.deepEqual(await ids('assignee=me'), [], 'the machine key owns nothing');
    assert.deepEqual(await ids('site=demo'), [mei.id, lin.id, nobody.id].sort());
    assert.deepEqual(await ids('breached=1'), [lin.id]);
    const bad = await agent(`/v1/agent/tickets?site=elsewhere`);
    assert.equal(bad.status, 400);
    assert.deepEqual(((await bad.json()) as { error: { fields: object } }).error.fields, { site: 'invalid_choice' });
  });

  it('records a remedy the shopper sees on the timeline and is mailed, refusing a refund without its amount', async () => {
    const t = await file();
    const noAmount = await agent(`/v1/agent/tickets/${t.id}/remedy`, { kind: 'refund', currency: 'EUR' });
    assert.equal(noAmount.status, 400);
    assert.deepEqual(((await noAmount.json()) as { error: { fields: object } }).error.fields, { amount: 'required' });
    const badCurrency = await agent(`/v1/agent/tickets/${t.id}/remedy`, {
      kind: 'voucher',
      amount: 5,
      currency: 'euro',
    });
    assert.equal(badCurrency.status, 400);
    const refund = await agent(`/v1/agent/tickets/${t.id}/remedy`, {
      kind: 'refund',
      amount: 12.5,
      currency: 'EUR',
      message: 'Refunded to your card; it shows in 3–5 days.',
      agentName: 'Mei',
    });
    assert.equal(refund.status, 200);
    assert.equal(
      (await agent(`/v1/agent/tickets/${t.id}/remedy`, { kind: 'reship' })).status,
      200,
      'a reship needs no amount',
    );
    const seen = await asShopper(t);
    const remedies = seen.timeline.filter((e) => e.kind === ('remedy' as string)) as unknown as {
      body?: string;
      remedy: { kind: string; amount?: number; currency?: string; fulfilment: string };
    }[];
    assert.deepEqual(
      remedies.map((e) => [e.remedy, e.body]),
      [
        [
          { kind: 'refund', amount: 12.5, currency: 'EUR', fulfilment: 'manual' },
          'Refunded to your card; it shows in 3–5 days.',
        ],
        [{ kind: 'reship', fulfilment: 'manual' }, undefined],
      ],
    );
    const mail = (await (await agent(`/v1/agent/mail?ticket=${t.id}`)).json()) as { mail: { kind: string }[] };
    assert.deepEqual(
      mail.mail.map((m) => m.kind),
      ['remedy', 'remedy'],
    );
  });
});
