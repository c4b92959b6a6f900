/**
 * The agent's order view and refund remedies through the shop's backend, against a REAL Vendure
 * (test/support/vendure.ts, sql.js in memory) and its Admin API: a ticket about a seeded order shows
 * its lines and tracking; a refund remedy is executed in Vendure (checked through the Admin API), once
 * per Idempotency-Key, and shown as executed; a backend that hangs gives `order.unavailable` and a
 * failed (so manual) remedy, never a 5xx; the shopper never reads the order or the backend's words.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { TicketReceipt } from '@nectar/core/schema';
import { vendureAdmin } from '@nectar/adapters/vendure/admin';
import { startVendure } from '../../../test/support/vendure.ts';
import { startServer, type RunningServer } from '../src/index.ts';

// The whole file, Vendure's start included, is bounded.
const watchdog = setTimeout(() => {
  console.error('[commerce.test] took longer than 170 s — giving up');
  process.exit(1);
}, 170_000);
watchdog.unref();

const startedAt = Date.now();
const v = await Promise.race([
  startVendure(),
  new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('Vendure did not start within 90 s')), 90_000).unref(),
  ),
]);
console.log(`# Vendure started and seeded in ${((Date.now() - startedAt) / 1000).toFixed(1)} s at ${v.url}`);
after(() => v.stop());

const seeded = (fulfillment: string) => v.orders.find((o) => o.fulfillment === fulfillment)!;

interface Refund {
  id: string;
  total: number;
  state: string;
  reason: string;
}
/** The order's refunds as Vendure's Admin API reports them (a sign-in of its own). */
async function refundsOf(code: string): Promise<Refund[]> {
  const login = await fetch(v.adminApiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation { login(username: "superadmin", password: "superadmin") { __typename } }',
    }),
  });
  const res = await fetch(v.adminApiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${login.headers.get('vendure-auth-token')}` },
    body: JSON.stringify({
      query: `query($code: String!) { orders(options: { filter: { code: { eq: $code } } }) {
        items { payments { refunds { id total state reason } } } } }`,
      variables: { code },
    }),
  });
  const body = (await res.json()) as {
    data: { orders: { items: Array<{ payments: Array<{ refunds: Refund[] }> }> } };
  };
  return body.data.orders.items[0]!.payments.flatMap((p) => p.refunds);
}

interface AgentView {
  orderRef?: string;
  order?: {
    unavailable?: string;
    number?: string;
    state?: string;
    late?: boolean;
    backend?: string;
    customer?: { email: string | null };
    totals?: { refunded: { amount: string; currency: string } };
    lines?: Array<{ title: string; quantity: number }>;
    shipments?: Array<{ carrier: string | null; trackingNumber: string | null; trackingUrl: string | null }>;
  };
  timeline: Array<{
    kind: string;
    remedy?: { kind: string; fulfilment: string; execution?: string; reference?: string; error?: string };
  }>;
}

function client(server: RunningServer) {
  const agent = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(server.url + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${server.agentKey}`, 'Content-Type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const file = async (orderRef?: string, email = v.shopper.email) => {
    const res = await fetch(`${server.url}/v1/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({
        category: 'damaged',
        message: 'The lamp arrived with a cracked shade',
        ...(orderRef ? { orderRef } : {}),
        contact: { email },
      }),
    });
    assert.equal(res.status, 201);
    return (await res.json()) as TicketReceipt;
  };
  const asShopper = (t: TicketReceipt) =>
    fetch(`${server.url}/v1/tickets/${t.id}`, {
      headers: { 'X-Nectar-Site': 'demo', Authorization: `Bearer ${t.accessToken}` },
    });
  return { agent, file, asShopper };
}

describe('agent order view and refunds through Vendure (real server)', () => {
  let server: RunningServer;
  let api: ReturnType<typeof client>;
  before(async () => {
    server = await startServer({
      port: 0,
      memory: true,
      commerce: {
        backend: vendureAdmin({ adminApiUrl: v.adminApiUrl, username: v.admin.username, password: v.admin.password }),
      },
    });
    api = client(server);
  });
  after(() => server?.close());

  it("shows the ticket's order with its lines and tracking, looked up on the server", async () => {
    const shipped = seeded('shipped');
    const t = await api.file(shipped.code);
    const res = await api.agent(`/v1/agent/tickets/${t.id}`);
    assert.equal(res.status, 200);
    const view = (await res.json()) as AgentView;
    const order = view.order!;
    assert.equal(order.unavailable, undefined, JSON.stringify(order));
    assert.equal(order.number, shipped.code);
    assert.equal(order.backend, 'vendure');
    assert.equal(order.state, 'Shipped');
    assert.equal(order.late, false);
    assert.equal(order.customer?.email, v.shopper.email);
    assert.deepEqual(
      order.lines!.map((l) => l.title),
      shipped.lines,
    );
    assert.deepEqual(
      order.shipments!.map((s) => [s.carrier, s.trackingNumber]),
      [['DHL', 'JD0146000012345']],
    );
    assert.match(order.shipments![0]!.trackingUrl!, /^https:\/\/www\.dhl\.com\/.*JD0146000012345$/);

    // The late order is flagged; an order the shop does not know is `not_found`; a ticket without one has none.
    const late = (await (
      await api.agent(`/v1/agent/tickets/${(await api.file(v.lateOrderCode)).id}`)
    ).json()) as AgentView;
    assert.equal(late.order?.late, true);
    const unknown = (await (
      await api.agent(`/v1/agent/tickets/${(await api.file('ZZZZZZZZZZZZZZZZ')).id}`)
    ).json()) as AgentView;
    assert.deepEqual(unknown.order, { unavailable: 'not_found' });
    const none = (await (await api.agent(`/v1/agent/tickets/${(await api.file()).id}`)).json()) as AgentView;
    assert.equal(none.order, undefined);
  });

  it('executes a refund remedy in Vendure, once per Idempotency-Key, and shows it executed', async () => {
    const delivered = seeded('delivered');
    const t = await api.file(delivered.code);
    const key = randomUUID();
    const body = { kind: 'refund', amount: 7.25, currency: 'USD', message: 'Refunded for the chipped mug.' };
    const first = await api.agent(`/v1/agent/tickets/${t.id}/remedy`, body, { 'Idempotency-Key': key });
    assert.equal(first.status, 200);
    const again = await api.agent(`/v1/agent/tickets/${t.id}/remedy`, body, { 'Idempotency-Key': key });
    assert.equal(again.status, 200);

    const refunds = await refundsOf(delivered.code);
    assert.equal(refunds.length, 1, 'one refund for one key');
    assert.equal(refunds[0]!.total, 725);
    assert.equal(refunds[0]!.state, 'Settled');
    assert.match(
      refunds[0]!.reason,
      new RegExp(`^Nectar ticket ${t.number}: Refunded for the chipped mug\\. \\[nectar:`),
    );

    const view = (await (await api.agent(`/v1/agent/tickets/${t.id}`)).json()) as AgentView;
    const remedies = view.timeline.filter((e) => e.kind === 'remedy');
    assert.equal(remedies.length, 1);
    assert.deepEqual(remedies[0]!.remedy, {
      kind: 'refund',
      amount: 7.25,
      currency: 'USD',
      fulfilment: 'executed',
      execution: 'executed',
      reference: refunds[0]!.id,
    });
    assert.equal(view.order?.totals?.refunded.amount, '7.25');

    // The shopper sees it done — never the order, the backend's reference or its words.
    const shopperRes = await api.asShopper(t);
    assert.equal(shopperRes.status, 200);
    const shopper = (await shopperRes.json()) as AgentView & Record<string, unknown>;
    assert.equal(shopper.order, undefined);
    assert.deepEqual(shopper.timeline.find((e) => e.kind === 'remedy')!.remedy, {
      kind: 'refund',
      amount: 7.25,
      currency: 'USD',
      fulfilment: 'executed',
    });
    const text = JSON.stringify(shopper);
    assert.doesNotMatch(text, /JD0146|execution|reference|Settled/);
  });

  it("refunds only the ticket's shopper's order; a retried request without a key refunds once", async () => {
    const shipped = seeded('shipped');
    // Someone else typed this order's number: the agent may look, but no money moves by itself.
    const stranger = await api.file(shipped.code, 'someone.else@example.com');
    const body = { kind: 'refund', amount: 3, currency: 'USD' };
    const refused = (await (await api.agent(`/v1/agent/tickets/${stranger.id}/remedy`, body)).json()) as AgentView;
    const remedy = refused.timeline.find((e) => e.kind === 'remedy')!.remedy!;
    assert.deepEqual([remedy.execution, remedy.fulfilment], ['failed', 'manual']);
    assert.match(remedy.error!, /not the ticket's shopper/);
    assert.deepEqual(await refundsOf(shipped.code), []);

    // The shopper's own ticket, the same refund sent twice without an Idempotency-Key: one refund.
    const own = await api.file(shipped.code);
    assert.equal((await api.agent(`/v1/agent/tickets/${own.id}/remedy`, body)).status, 200);
    assert.equal((await api.agent(`/v1/agent/tickets/${own.id}/remedy`, body)).status, 200);
    const refunds = await refundsOf(shipped.code);
    assert.equal(refunds.length, 1, JSON.stringify(refunds));
    assert.equal(refunds[0]!.total, 300);
  });

  it('a refund Vendure refuses is recorded as failed (fulfilled by hand), with its reason for agents; reship stays manual', async () => {
    const packed = seeded('fulfilled');
    const t = await api.file(packed.code);
    const tooMuch = await api.agent(`/v1/agent/tickets/${t.id}/remedy`, {
      kind: 'refund',
      amount: 99_999,
      currency: 'USD',
    });
    assert.equal(tooMuch.status, 200);
    const wrongCurrency = await api.agent(`/v1/agent/tickets/${t.id}/remedy`, {
      kind: 'refund',
      amount: 1,
      currency: 'EUR',
    });
    assert.equal(wrongCurrency.status, 200);
    const reship = await api.agent(`/v1/agent/tickets/${t.id}/remedy`, { kind: 'reship' });
    const view = (await reship.json()) as AgentView;
    const [a, b, c] = view.timeline.filter((e) => e.kind === 'remedy').map((e) => e.remedy!);
    assert.deepEqual([a!.execution, a!.fulfilment], ['failed', 'manual']);
    assert.match(a!.error!, /At most \d+\.\d\d USD/);
    assert.deepEqual([b!.execution, b!.fulfilment], ['failed', 'manual']);
    assert.match(b!.error!, /USD, not EUR/);
    assert.deepEqual(c, { kind: 'reship', fulfilment: 'manual', execution: 'manual' });
    assert.deepEqual(await refundsOf(packed.code), []);
    const shopper = JSON.stringify(await (await api.asShopper(t)).json());
    assert.doesNotMatch(shopper, /At most|not EUR|failed/);
  });

  it('refuses the agent ticket to a shopper key, an access token and no credentials', async () => {
    const t = await api.file(seeded('shipped').code);
    for (const headers of [
      { 'X-Nectar-Site': 'demo' },
      { 'X-Nectar-Site': 'demo', Authorization: `Bearer ${t.accessToken}` },
      {} as Record<string, string>,
    ]) {
      const res = await fetch(`${server.url}/v1/agent/tickets/${t.id}`, { headers });
      assert.equal(res.status, 401, JSON.stringify(headers));
      assert.doesNotMatch(await res.text(), /JD0146|DHL/);
      const remedy = await fetch(`${server.url}/v1/agent/tickets/${t.id}/remedy`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ kind: 'refund', amount: 1, currency: 'USD' }),
      });
      assert.equal(remedy.status, 401);
    }
    const shopper = await api.asShopper(t);
    assert.equal(shopper.status, 200);
    assert.doesNotMatch(await shopper.text(), /JD0146|DHL|trackingUrl/);
  });
});

describe('a commerce backend that hangs', () => {
  let server: RunningServer;
  let api: ReturnType<typeof client>;
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket));
  before(async () => {
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    server = await startServer({
      port: 0,
      memory: true,
      commerce: {
        backend: vendureAdmin({
          adminApiUrl: `http://127.0.0.1:${port}/admin-api`,
          username: 'superadmin',
          password: 'superadmin',
          timeoutMs: 1500,
        }),
        timeoutMs: 400,
      },
    });
    api = client(server);
  });
  after(async () => {
    await server?.close();
    for (const s of sockets) s.destroy();
    silent.close();
  });

  it('opens the ticket quickly with order.unavailable, and records the refund as failed, not a 5xx', async () => {
    const t = await api.file(seeded('shipped').code);
    const started = Date.now();
    const res = await api.agent(`/v1/agent/tickets/${t.id}`);
    assert.equal(res.status, 200);
    assert.ok(Date.now() - started < 1400, `answered in ${Date.now() - started} ms`);
    assert.deepEqual(((await res.json()) as AgentView).order, { unavailable: 'timeout' });

    const remedy = await api.agent(`/v1/agent/tickets/${t.id}/remedy`, { kind: 'refund', amount: 3, currency: 'USD' });
    assert.equal(remedy.status, 200);
    const entry = ((await remedy.json()) as AgentView).timeline.find((e) => e.kind === 'remedy')!;
    assert.deepEqual([entry.remedy!.execution, entry.remedy!.fulfilment], ['failed', 'manual']);
    assert.match(entry.remedy!.error!, /The order could not be read \(timeout\)/);
  });
});

describe('an answer that comes after the ticket stopped waiting', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({
      port: 0,
      memory: true,
      commerce: {
        backend: vendureAdmin({ adminApiUrl: v.adminApiUrl, username: v.admin.username, password: v.admin.password }),
        // Less than a sign-in and a query take: the first look gives up, the answer arrives after it.
        timeoutMs: 1,
      },
    });
  });
  after(() => server?.close());

  it('is kept for the next look', async () => {
    const api = client(server);
    const t = await api.file(seeded('shipped').code);
    const first = (await (await api.agent(`/v1/agent/tickets/${t.id}`)).json()) as AgentView;
    assert.deepEqual(first.order, { unavailable: 'timeout' });
    let next: AgentView['order'];
    for (let i = 0; i < 50 && !next?.number; i++) {
      await new Promise((r) => setTimeout(r, 200));
      next = ((await (await api.agent(`/v1/agent/tickets/${t.id}`)).json()) as AgentView).order;
    }
    assert.equal(next?.number, seeded('shipped').code);
  });
});
