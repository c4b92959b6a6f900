/** Zendesk desk adapter: the desk conformance kit against a server that answers as Zendesk documents, plus direct checks. */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isUnsupportedError } from '@nectar/core/errors';
import { runDeskConformance } from '../src/conformance/index.ts';
import { zendeskDesk } from '../src/zendesk/index.ts';
import { fakeZendesk, startFake } from './proxy-fakes.ts';

const TOKEN = 'zd-end-user-token-5f1c';
const fields = { category: 1001, orderRef: 1002, idempotencyKey: 1003 };
const zd = fakeZendesk({ endUserToken: TOKEN, anonymousAllowed: true });
const server = await startFake(zd.app);
after(() => server.close());
const ticket = () => ({
  category: 'damaged' as const,
  message: 'The mug arrived broken.',
  orderRef: '#1001',
  contact: { email: 'ann@example.com', name: 'Ann' },
});
const inspect = async (r: { id: string }) => {
  const rec = zd.requests.get(Number(r.id))!;
  const v = (id: number) => (rec.custom_fields.find((f) => f.id === id)?.value as string) ?? null;
  return {
    category: v(fields.category),
    orderRef: v(fields.orderRef),
    attachments: rec.comments[0]!.attachments.length,
  };
};
const faults = {
  rateLimited: {
    response: () =>
      new Response(
        '{"error":"APIRateLimitExceeded","description":"Number of allowed API requests per minute exceeded"}',
        {
          status: 429,
          headers: { 'Content-Type': 'application/json', 'Retry-After': '12' },
        },
      ),
    retryAfter: 12,
  },
};

await runDeskConformance(
  'zendesk (end-user token)',
  ({ fetch, timeoutMs }) => zendeskDesk({ url: server.url, endUserToken: TOKEN, fields, fetch, timeoutMs }),
  {
    ticket,
    inspect: async (r) => ({
      ...(await inspect(r)),
      category: (await inspect(r)).category?.replace('nectar_', '') ?? null,
    }),
    count: async () => zd.requests.size,
    expiredDesk: ({ fetch, timeoutMs }) =>
      zendeskDesk({ url: server.url, endUserToken: 'revoked', fields, fetch, timeoutMs }),
    secrets: [TOKEN],
    faults,
  },
);
await runDeskConformance(
  'zendesk (anonymous)',
  ({ fetch, timeoutMs }) => zendeskDesk({ url: server.url, fields, fetch, timeoutMs }),
  {
    ticket,
    inspect: async (r) => ({
      ...(await inspect(r)),
      category: (await inspect(r)).category?.replace('nectar_', '') ?? null,
    }),
    count: async () => zd.requests.size,
    faults,
  },
);

describe('zendesk: direct', () => {
  it('sends the category as the drop-down tag value and the order to its field', async () => {
    const desk = zendeskDesk({ url: server.url, fields, categoryValues: { damaged: 'broken_item' } });
    const r = await desk.createTicket(ticket(), { idempotencyKey: 'zd-direct-1' });
    const rec = zd.requests.get(Number(r.id))!;
    assert.deepEqual(rec.custom_fields, [
      { id: 1001, value: 'broken_item' },
      { id: 1002, value: '#1001' },
      { id: 1003, value: 'zd-direct-1' },
    ]);
    assert.equal(rec.requester?.email, 'ann@example.com');
    assert.equal(r.number, `#${r.id}`);
    assert.ok(Date.parse(r.promise.firstResponseBy) - Date.parse(r.createdAt) === 2 * 3_600_000);
  });

  it('anonymous shoppers cannot read requests back: UnsupportedError', async () => {
    const desk = zendeskDesk({ url: server.url, fields });
    assert.equal(desk.capabilities.ticketStatus, false);
    await assert.rejects(desk.getTicket('1', ''), (e) => isUnsupportedError(e));
  });

  it('with a token: a retry after a lost answer finds the request by its key instead of duplicating', async () => {
    const desk = zendeskDesk({ url: server.url, endUserToken: TOKEN, fields });
    const r = await desk.createTicket(ticket(), { idempotencyKey: 'zd-lost-1' });
    const before = zd.requests.size;
    const fresh = zendeskDesk({ url: server.url, endUserToken: TOKEN, fields }); // a reloaded page
    const again = await fresh.createTicket(ticket(), { idempotencyKey: 'zd-lost-1' });
    assert.equal(again.id, r.id);
    assert.equal(zd.requests.size, before);
  });

  it("shows agent replies, the shopper's messages and the solve on the timeline", async () => {
    const desk = zendeskDesk({ url: server.url, endUserToken: TOKEN, fields });
    const r = await desk.createTicket(ticket(), { idempotencyKey: 'zd-timeline' });
    zd.reply(Number(r.id), 'Sorry! A new mug is on its way.');
    let t = await desk.getTicket(r.id, r.accessToken);
    assert.equal(t.status, 'waiting_on_customer');
    assert.equal(t.category, 'damaged');
    assert.equal(t.orderRef, '#1001');
    assert.deepEqual(
      t.timeline.map((e) => [e.kind, e.by, e.authorName ?? null]),
      [
        ['created', 'customer', null],
        ['replied', 'agent', 'Sam Agent'],
      ],
    );
    t = await desk.addMessage(r.id, r.accessToken, { message: 'Thanks!' }, { idempotencyKey: 'zd-msg-1' });
    assert.equal(t.timeline.at(-1)?.kind, 'customer_message');
    zd.solve(Number(r.id));
    t = await desk.getTicket(r.id, r.accessToken);
    assert.equal(t.status, 'resolved');
    assert.equal(t.timeline.at(-1)?.kind, 'resolved');
  });
});
