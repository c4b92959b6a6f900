/** httpDesk against the real reference service: a verified shopper's tickets are linked to them. */
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { startServer } from '@nectar/server';
import { isAuthError } from '@nectar/core/errors';
import { httpDesk } from '../src/http/index.ts';

const server = await startServer({ port: 0, memory: true, onInternalError: () => undefined });
after(() => server.close());
// The bundled demo site's public identity secret (see docs/http-api.md).
const hashOf = (id: string) => createHmac('sha256', 'demo-identity-secret').update(id).digest('hex');
const ticket = {
  category: 'delivery' as const,
  message: 'Where is my parcel?',
  contact: { email: 'mei@example.com' },
};

describe('httpDesk with a verified shopper', () => {
  it('links the ticket to the shopper, who reads it without its token', async () => {
    const desk = httpDesk({ endpoint: server.url, siteKey: 'demo', retry: 0 });
    desk.identify?.({ id: 'cus_42', hash: hashOf('cus_42') });
    const receipt = await desk.createTicket(ticket, { idempotencyKey: randomUUID() });
    const { rows } = await server.db.query<{ user_id: string }>('SELECT user_id FROM tickets WHERE id = $1', [
      receipt.id,
    ]);
    assert.equal(rows[0]?.user_id, 'cus_42');
    const read = await desk.getTicket(receipt.id, '');
    assert.equal(read.number, receipt.number);

    desk.identify?.(undefined);
    await assert.rejects(desk.getTicket(receipt.id, ''), isAuthError);
  });

  it('refuses a forged identity with AuthError and creates nothing', async () => {
    const desk = httpDesk({ endpoint: server.url, siteKey: 'demo', retry: 0 });
    desk.identify?.({ id: 'cus_42', hash: hashOf('cus_43') });
    const before = await server.db.query<{ n: string }>('SELECT count(*) AS n FROM tickets');
    await assert.rejects(desk.createTicket(ticket, { idempotencyKey: randomUUID() }), isAuthError);
    const afterCount = await server.db.query<{ n: string }>('SELECT count(*) AS n FROM tickets');
    assert.equal(Number(afterCount.rows[0]!.n), Number(before.rows[0]!.n));
  });
});

describe('a verified shopper on a new device', () => {
  it('sees the tickets filed elsewhere in nectar.tickets.list() and reads one without its token', async () => {
    const hash = hashOf('cus_77');
    const elsewhere = httpDesk({ endpoint: server.url, siteKey: 'demo', retry: 0 });
    elsewhere.identify?.({ id: 'cus_77', hash });
    const receipt = await elsewhere.createTicket(ticket, { idempotencyKey: randomUUID() });

    const { createNectar } = await import('@nectar/core');
    const nectar = createNectar({
      desk: httpDesk({ endpoint: server.url, siteKey: 'demo', retry: 0 }),
      storage: 'memory',
      namespace: `device-${randomUUID()}`,
      user: { id: 'cus_77', hash },
    });
    try {
      const list = await nectar.tickets.list();
      assert.deepEqual(
        list.map((t) => [t.id, t.number, t.status, t.accessToken]),
        [[receipt.id, receipt.number, 'new', '']],
      );
      assert.equal((await nectar.tickets.get(receipt.id)).message, ticket.message);
      nectar.reset();
      assert.deepEqual(await nectar.tickets.list(), [], 'signed out: nothing from the service');
    } finally {
      nectar.destroy();
    }
  });
});
