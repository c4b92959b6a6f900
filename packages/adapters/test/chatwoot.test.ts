/** Chatwoot desk adapter (public client API) against a server that answers as Chatwoot does; identity hash via the proxy. */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isAuthError } from '@nectar/core/errors';
import { runDeskConformance } from '../src/conformance/index.ts';
import { chatwootDesk } from '../src/chatwoot/index.ts';
import { fakeChatwoot, startFake, startProxy, userHash } from './proxy-fakes.ts';

const HMAC = 'chatwoot-hmac-token-271828';
const IDENTITY = 'identity-secret-cw-1';
const INBOX = 'inbox-Xy12';
const cw = fakeChatwoot({ inboxIdentifier: INBOX, hmacToken: HMAC });
const vendor = await startFake(cw.app);
const proxy = await startProxy({ identitySecret: IDENTITY, chatwoot: { hmacToken: HMAC } });
after(() => Promise.all([vendor.close(), proxy.close()]));
const user = { id: 'u_42', hash: userHash(IDENTITY, 'u_42') };

const ticket = () => ({
  category: 'return_refund' as const,
  message: 'I would like to return the lamp.',
  orderRef: '#4004',
  contact: { email: 'di@example.com', name: 'Di' },
});
const inspect = async (r: { id: string }) => {
  const c = cw.conversations.get(Number(r.id))!;
  return {
    category: (c.custom_attributes.nectar_category as string) ?? null,
    orderRef: (c.custom_attributes.nectar_order as string) ?? null,
    attachments: c.messages[0]?.attachments?.length ?? 0,
  };
};

await runDeskConformance(
  'chatwoot (guest)',
  ({ fetch, timeoutMs }) => chatwootDesk({ url: vendor.url, inboxIdentifier: INBOX, storage: null, fetch, timeoutMs }),
  { ticket, inspect, count: async () => cw.conversations.size, secrets: [HMAC, IDENTITY] },
);
await runDeskConformance(
  'chatwoot (verified shopper)',
  ({ fetch, timeoutMs }) =>
    chatwootDesk({
      url: vendor.url,
      inboxIdentifier: INBOX,
      proxyUrl: proxy.proxyUrl,
      user,
      storage: null,
      fetch,
      timeoutMs,
    }),
  {
    ticket,
    inspect,
    count: async () => cw.conversations.size,
    expiredDesk: ({ fetch, timeoutMs }) =>
      chatwootDesk({
        url: vendor.url,
        inboxIdentifier: INBOX,
        proxyUrl: proxy.proxyUrl,
        user: { id: 'u_42', hash: userHash('an-old-secret', 'u_42') },
        storage: null,
        fetch,
        timeoutMs,
      }),
    secrets: [HMAC, IDENTITY],
  },
);

describe('chatwoot: direct', () => {
  it('a reloaded page retrying the same key finds the conversation by its reference line', async () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    const a = chatwootDesk({ url: vendor.url, inboxIdentifier: INBOX, storage });
    const r = await a.createTicket(ticket(), { idempotencyKey: 'cw-reload' });
    const before = cw.conversations.size;
    const b = chatwootDesk({ url: vendor.url, inboxIdentifier: INBOX, storage });
    const again = await b.createTicket(ticket(), { idempotencyKey: 'cw-reload' });
    assert.equal(again.id, r.id);
    assert.equal(cw.conversations.size, before);
  });

  it('the verified shopper is one contact with the identifier hash from the proxy; a forged hash is refused', async () => {
    const desk = chatwootDesk({
      url: vendor.url,
      inboxIdentifier: INBOX,
      proxyUrl: proxy.proxyUrl,
      user,
      storage: null,
    });
    const r = await desk.createTicket(ticket(), { idempotencyKey: 'cw-user-1' });
    const contact = cw.contacts.get(r.accessToken)!;
    assert.equal(contact.identifier, 'u_42');
    const forged = chatwootDesk({
      url: vendor.url,
      inboxIdentifier: INBOX,
      proxyUrl: proxy.proxyUrl,
      user: { id: 'u_43', hash: user.hash },
      storage: null,
    });
    await assert.rejects(forged.createTicket(ticket(), { idempotencyKey: 'cw-forged' }), (e) => isAuthError(e));
  });

  it('shows category, order, agent replies and resolution; strips the reference lines', async () => {
    const desk = chatwootDesk({ url: vendor.url, inboxIdentifier: INBOX, storage: null });
    const r = await desk.createTicket(ticket(), { idempotencyKey: 'cw-tl' });
    cw.reply(Number(r.id), 'Here is your return label.');
    let t = await desk.getTicket(r.id, r.accessToken);
    assert.equal(t.category, 'return_refund');
    assert.equal(t.orderRef, '#4004');
    assert.equal(t.message, 'I would like to return the lamp.\n\nOrder: #4004');
    assert.equal(t.status, 'waiting_on_customer');
    t = await desk.addMessage(r.id, r.accessToken, { message: 'Thanks' }, { idempotencyKey: 'cw-m' });
    assert.equal(t.timeline.at(-1)?.kind, 'customer_message');
    cw.resolve(Number(r.id));
    assert.equal((await desk.getTicket(r.id, r.accessToken)).status, 'resolved');
  });
});
