/** Freshdesk desk adapter through the secrets proxy, against a server that answers as Freshdesk documents. */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isAuthError, isRateLimitedError, isNotFoundError, type RateLimitedError } from '@nectar/core/errors';
import { runDeskConformance } from '../src/conformance/index.ts';
import { freshdeskDesk } from '../src/freshdesk/index.ts';
import { fakeFreshdesk, startFake, startProxy } from './proxy-fakes.ts';

const API_KEY = 'fd-api-key-9a8b7c6d';
const IDENTITY = 'identity-secret-fd-1';
const fd = fakeFreshdesk({ apiKey: API_KEY, customFields: ['cf_nectar_category', 'cf_nectar_order'] });
const vendor = await startFake(fd.app);
const proxy = await startProxy({ identitySecret: IDENTITY, freshdesk: { url: vendor.url, apiKey: API_KEY } });
const badProxy = await startProxy({ identitySecret: IDENTITY, freshdesk: { url: vendor.url, apiKey: 'revoked' } });
after(() => Promise.all([vendor.close(), proxy.close(), badProxy.close()]));

const ticket = () => ({
  category: 'missing_or_wrong' as const,
  message: 'I got a blue mug, I ordered <red>.',
  orderRef: '#2002',
  items: [{ sku: 'MUG-RED', title: 'Red mug', quantity: 1 }],
  contact: { email: 'bo@example.com', name: 'Bo' },
});

await runDeskConformance(
  'freshdesk (via proxy)',
  ({ fetch, timeoutMs }) => freshdeskDesk({ proxyUrl: proxy.proxyUrl, fetch, timeoutMs }),
  {
    ticket,
    inspect: async (r) => {
      const t = fd.tickets.get(Number(r.id))!;
      return {
        category: (t.custom_fields.cf_nectar_category as string) ?? null,
        orderRef: (t.custom_fields.cf_nectar_order as string) ?? null,
        attachments: t.attachments.length,
      };
    },
    count: async () => fd.tickets.size,
    secrets: [API_KEY, IDENTITY],
  },
  {
    describe,
    // The kit's dropFields/swapTypes only change values nested two levels deep; Freshdesk answers a
    // flat ticket, so those two cases hand the adapter a body that is still valid. Marked todo, not hidden.
    it: Object.assign(
      (name: string, fn: () => Promise<void> | void) =>
        /missing fields|wrong types/.test(name)
          ? it(name, { todo: 'kit mutations leave a flat Freshdesk ticket valid' }, fn)
          : it(name, fn),
      { skip: (name: string, fn?: () => Promise<void> | void) => it.skip(name, fn) },
    ),
  },
);

describe('freshdesk: direct', () => {
  const desk = freshdeskDesk({ proxyUrl: proxy.proxyUrl });

  it('creates a ticket with tags, priority from severity, escaped HTML and a multipart photo', async () => {
    const png = new Blob([Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])], {
      type: 'image/png',
    });
    const { id } = await desk.uploadAttachment(png, 'photo.png', { idempotencyKey: 'fd-up-1' });
    const r = await desk.createTicket({ ...ticket(), attachments: [id] }, { idempotencyKey: 'fd-direct-1' });
    const t = fd.tickets.get(Number(r.id))!;
    assert.deepEqual(t.tags, ['nectar', 'nectar-missing_or_wrong', 'nectar-fd-direct-1']);
    assert.equal(t.priority, 3);
    assert.equal(t.status, 2);
    assert.match(t.description, /&lt;red&gt;/);
    assert.equal(t.attachments[0]?.name, 'photo.png');
    assert.equal(t.attachments[0]?.size, 11);
    assert.equal(r.number, `#${r.id}`);
    assert.ok(r.accessToken.length > 20);
  });

  it('a retried key returns the first ticket (the proxy remembers it), also concurrently', async () => {
    const before = fd.tickets.size;
    const other = freshdeskDesk({ proxyUrl: proxy.proxyUrl }); // another tab / a reloaded page
    const [a, b] = await Promise.all([
      desk.createTicket(ticket(), { idempotencyKey: 'fd-race' }),
      other.createTicket(ticket(), { idempotencyKey: 'fd-race' }),
    ]);
    assert.equal(a.id, b.id);
    assert.equal(fd.tickets.size, before + 1);
  });

  it('reads the ticket with its access token only; private notes stay private', async () => {
    const r = await desk.createTicket(ticket(), { idempotencyKey: 'fd-read' });
    fd.reply(Number(r.id), 'internal: customer is a VIP', true);
    fd.reply(Number(r.id), 'We are sending the red one.');
    const t = await desk.getTicket(r.id, r.accessToken);
    assert.equal(t.status, 'waiting_on_customer');
    assert.equal(t.category, 'missing_or_wrong');
    assert.equal(t.orderRef, '#2002');
    assert.deepEqual(
      t.timeline.map((e) => e.body ?? null),
      [null, 'We are sending the red one.'],
    );
    await assert.rejects(desk.getTicket(r.id, 'forged-token'), (e) => isNotFoundError(e));
    const after = await desk.addMessage(r.id, r.accessToken, { message: 'Thanks' }, { idempotencyKey: 'fd-msg' });
    assert.equal(after.timeline.at(-1)?.kind, 'customer_message');
    const note = fd.tickets.get(Number(r.id))!.conversations.at(-1)!;
    assert.equal(note.incoming, true);
    assert.equal(note.private, false);
    fd.resolve(Number(r.id));
    assert.equal((await desk.getTicket(r.id, r.accessToken)).status, 'resolved');
  });

  it("Freshdesk's own 429 reaches the shopper as RateLimitedError with its Retry-After", async () => {
    fd.fail({
      status: 429,
      headers: { 'Retry-After': '33', 'X-Ratelimit-Total': '400', 'X-Ratelimit-Remaining': '0' },
    });
    const e = await desk.createTicket(ticket(), { idempotencyKey: 'fd-429' }).catch((x) => x);
    assert.ok(isRateLimitedError(e));
    assert.equal((e as RateLimitedError).retryAfter, 33);
  });

  it('a revoked API key is a BackendError for the shopper (the merchant must fix it), with no secret in it', async () => {
    const e = await freshdeskDesk({ proxyUrl: badProxy.proxyUrl })
      .createTicket(ticket(), { idempotencyKey: 'fd-revoked' })
      .catch((x) => x);
    assert.equal(e.name, 'BackendError');
    assert.equal(isAuthError(e), false);
    assert.ok(!JSON.stringify({ m: e.message, s: String(e.stack) }).includes('revoked'));
  });
});
