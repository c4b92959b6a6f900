/** Gorgias desk adapter through the secrets proxy, against a server that answers as Gorgias documents. */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isRateLimitedError, type RateLimitedError } from '@nectar/core/errors';
import { runDeskConformance } from '../src/conformance/index.ts';
import { gorgiasDesk } from '../src/gorgias/index.ts';
import { fakeGorgias, startFake, startProxy } from './proxy-fakes.ts';

const API_KEY = 'gorgias-key-31415926';
const IDENTITY = 'identity-secret-gg-1';
const gg = fakeGorgias({ username: 'api@acme.example', apiKey: API_KEY });
const vendor = await startFake(gg.app);
const proxy = await startProxy({
  identitySecret: IDENTITY,
  gorgias: { url: vendor.url, username: 'api@acme.example', apiKey: API_KEY },
});
after(() => Promise.all([vendor.close(), proxy.close()]));

const ticket = () => ({
  category: 'delivery' as const,
  message: 'My parcel is two weeks late.',
  orderRef: '#3003',
  contact: { email: 'cy@example.com' },
});

await runDeskConformance(
  'gorgias (via proxy)',
  ({ fetch, timeoutMs }) => gorgiasDesk({ proxyUrl: proxy.proxyUrl, fetch, timeoutMs }),
  {
    ticket,
    inspect: async (r) => {
      const t = gg.tickets.get(Number(r.id))!;
      const meta = t.meta?.nectar as { category?: string; orderRef?: string } | undefined;
      return {
        category: meta?.category ?? null,
        orderRef: meta?.orderRef ?? null,
        attachments: t.messages[0]!.attachments.length,
      };
    },
    count: async () => gg.tickets.size,
    secrets: [API_KEY, IDENTITY],
  },
);

describe('gorgias: direct', () => {
  const desk = gorgiasDesk({ proxyUrl: proxy.proxyUrl });

  it('creates an API ticket with tags, meta, external_id and the uploaded photo on its first message', async () => {
    const { id } = await desk.uploadAttachment(
      new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1])], { type: 'image/jpeg' }),
      'box.jpg',
      { idempotencyKey: 'gg-up' },
    );
    const r = await desk.createTicket({ ...ticket(), attachments: [id] }, { idempotencyKey: 'gg-1' });
    const t = gg.tickets.get(Number(r.id))!;
    assert.deepEqual(
      t.tags.map((x) => x.name),
      ['nectar', 'nectar-delivery'],
    );
    assert.equal(t.external_id, 'nectar:gg-1');
    assert.equal(t.channel, 'api');
    assert.equal(t.messages[0]!.from_agent, false);
    assert.equal(t.messages[0]!.attachments[0]!.name, 'box.jpg');
    assert.ok(gg.files.has(t.messages[0]!.attachments[0]!.url));
  });

  it('internal notes never reach the shopper; agent replies and closing do', async () => {
    const r = await desk.createTicket(ticket(), { idempotencyKey: 'gg-2' });
    gg.reply(Number(r.id), 'note: carrier lost it', false);
    gg.reply(Number(r.id), 'We have sent a new one.');
    let t = await desk.getTicket(r.id, r.accessToken);
    assert.equal(t.status, 'waiting_on_customer');
    assert.deepEqual(
      t.timeline.map((e) => e.body ?? null),
      [null, 'We have sent a new one.'],
    );
    t = await desk.addMessage(r.id, r.accessToken, { message: 'Great' }, { idempotencyKey: 'gg-m' });
    assert.equal(t.timeline.at(-1)?.kind, 'customer_message');
    gg.close(Number(r.id));
    assert.equal((await desk.getTicket(r.id, r.accessToken)).status, 'resolved');
  });

  it("Gorgias' 429 with Retry-after reaches the shopper as RateLimitedError", async () => {
    gg.fail({ status: 429, headers: { 'Retry-after': '4', 'X-Gorgias-Account-Api-Call-Limit': '40/40' } });
    const e = await desk.createTicket(ticket(), { idempotencyKey: 'gg-429' }).catch((x) => x);
    assert.ok(isRateLimitedError(e));
    assert.equal((e as RateLimitedError).retryAfter, 4);
  });
});
