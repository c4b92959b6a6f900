/**
 * Signed webhooks to a receiver on loopback that verifies every delivery with the `standardwebhooks`
 * library: retries (503 twice, then 204: delivered once, three attempts in the log), replay, secret
 * rotation (two signatures), 410 disabling, SSRF refusals, admin-only routes, and two service
 * instances on one PostgreSQL delivering each message exactly once.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startPostgres, type RunningPostgres } from '../../../test/support/postgres.ts';
import { startServer, type RunningServer } from '../src/index.ts';
import { receiver, verify } from './webhook-receiver.ts';

const until = async (check: () => boolean | Promise<boolean>, what: string, ms = 8000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

interface DeliveryLog {
  deliveries: { id: string; status: string; attempts: number; log: { status: number }[] }[];
}

const fileTicket = (url: string, message = 'The lamp arrived dented.') =>
  fetch(`${url}/v1/tickets`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({ category: 'damaged', message, contact: { email: 'a@b.co' } }),
  }).then((r) => r.json() as Promise<{ id: string; number: string }>);

describe('webhooks', () => {
  let server: RunningServer;
  const receivers: Server[] = [];
  before(async () => {
    server = await startServer({
      port: 0,
      memory: true,
      webhooks: { allowPrivate: true, schedule: [0, 0.2, 0.2, 0.2], pollMs: 50, timeoutMs: 2000 },
    });
  });
  after(async () => {
    for (const r of receivers) r.close();
    await server?.close();
  });
  const agent = (method: string, path: string, body?: unknown) =>
    fetch(server.url + path, {
      method,
      headers: { Authorization: `Bearer ${server.agentKey}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const subscribe = async (url: string, events: string[]) => {
    const res = await agent('POST', '/v1/agent/webhooks', { url, events });
    assert.equal(res.status, 201, await res.clone().text());
    return (await res.json()) as { id: string; secret: string };
  };

  it('delivers ticket.created signed, retrying 503 twice until 204 — once, with the attempts logged', async () => {
    const hook = await receiver([503, 503]);
    receivers.push(hook.server);
    const endpoint = await subscribe(hook.url, ['ticket.created', 'ticket.replied']);
    assert.match(endpoint.secret, /^whsec_[A-Za-z0-9+/=]{32}$/);
    const ticket = await fileTicket(server.url);
    await until(() => hook.got.length === 3, 'three attempts');
    assert.equal(new Set(hook.got.map((r) => r.id)).size, 1, 'one message, one stable id');
    assert.match(hook.got[0]!.id, /^msg_[0-9a-f]{32}$/);
    for (const r of hook.got) {
      const event = verify(endpoint.secret, r);
      assert.equal(event.type, 'ticket.created');
      assert.equal(event.data['id'], ticket.id);
      assert.equal(event.data['number'], ticket.number);
    }
    await until(async () => {
      const d = (await (await agent('GET', `/v1/agent/webhooks/${endpoint.id}/deliveries`)).json()) as DeliveryLog;
      return d.deliveries[0]?.status === 'delivered';
    }, 'delivered');
    const final = (await (await agent('GET', `/v1/agent/webhooks/${endpoint.id}/deliveries`)).json()) as DeliveryLog;
    assert.deepEqual(
      final.deliveries.map((d) => [d.status, d.attempts, d.log.map((a) => a.status)]),
      [['delivered', 3, [503, 503, 204]]],
    );

    // Replay: the same message again, on request.
    const replay = await agent(
      'POST',
      `/v1/agent/webhooks/${endpoint.id}/deliveries/${final.deliveries[0]!.id}/replay`,
    );
    assert.equal(replay.status, 202);
    await until(() => hook.got.length === 4, 'the replay');
    assert.equal(hook.got[3]!.id, hook.got[0]!.id);

    // An agent reply is ticket.replied; the shopper-side event types the endpoint did not take are not sent.
    await agent('POST', `/v1/agent/tickets/${ticket.id}/reply`, { message: 'We will reship it.', agentName: 'Ana' });
    await agent('POST', `/v1/agent/tickets/${ticket.id}/resolve`, {});
    await until(() => hook.got.length === 5, 'the reply');
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(
      hook.got.slice(4).map((r) => verify(endpoint.secret, r).type),
      ['ticket.replied'],
    );
    assert.equal(verify(endpoint.secret, hook.got[4]!).data['message'], 'We will reship it.');
  });

  it('sends a signed test event to one endpoint, whatever it subscribes to, and logs it', async () => {
    const hook = await receiver();
    receivers.push(hook.server);
    const endpoint = await subscribe(hook.url, ['feedback.created']);
    const sent = await agent('POST', `/v1/agent/webhooks/${endpoint.id}/test`);
    assert.equal(sent.status, 202);
    const { id } = (await sent.json()) as { id: string };
    await until(() => hook.got.length === 1, 'the test event');
    assert.equal(hook.got[0]!.id, id);
    const event = verify(endpoint.secret, hook.got[0]!);
    assert.equal(event.type, 'webhook.test');
    assert.equal(event.data.endpoint, endpoint.id);
    const log = (await (await agent('GET', `/v1/agent/webhooks/${endpoint.id}/deliveries`)).json()) as DeliveryLog;
    await until(async () => {
      const latest = (await (await agent('GET', `/v1/agent/webhooks/${endpoint.id}/deliveries`)).json()) as DeliveryLog;
      return latest.deliveries[0]?.status === 'delivered';
    }, 'the delivery logged');
    assert.equal(log.deliveries[0]?.id, id);
    assert.equal((await agent('POST', `/v1/agent/webhooks/${randomUUID()}/test`)).status, 404);
    assert.equal((await fetch(`${server.url}/v1/agent/webhooks/${endpoint.id}/test`, { method: 'POST' })).status, 401);
  });

  it('signs with both secrets after a rotation, and 410 Gone disables the endpoint', async () => {
    const hook = await receiver([204, 410]);
    receivers.push(hook.server);
    const endpoint = await subscribe(hook.url, ['ticket.created', 'feedback.created']);
    const rotated = (await (await agent('POST', `/v1/agent/webhooks/${endpoint.id}/rotate`)).json()) as {
      secret: string;
    };
    assert.notEqual(rotated.secret, endpoint.secret);
    await fileTicket(server.url);
    await until(() => hook.got.length === 1, 'the first delivery');
    assert.equal(String(hook.got[0]!.headers['webhook-signature']).split(' ').length, 2);
    verify(rotated.secret, hook.got[0]!);
    verify(endpoint.secret, hook.got[0]!);
    assert.throws(() => verify(`whsec_${Buffer.alloc(24, 7).toString('base64')}`, hook.got[0]!));

    await fetch(`${server.url}/v1/feedback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ kind: 'nps', score: 9 }),
    });
    await until(() => hook.got.length === 2, 'the feedback delivery');
    assert.equal(verify(rotated.secret, hook.got[1]!).type, 'feedback.created');
    await until(async () => {
      const list = (await (await agent('GET', '/v1/agent/webhooks')).json()) as {
        webhooks: { id: string; disabled: boolean }[];
      };
      return list.webhooks.find((w) => w.id === endpoint.id)?.disabled === true;
    }, 'disabled after 410');
    await fileTicket(server.url);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(hook.got.length, 2, 'a disabled endpoint gets nothing more');
  });

  it('refuses private, loopback and link-local targets unless allowed, and keeps the routes to admins', async () => {
    const guarded = await startServer({
      port: 0,
      memory: true,
      admin: { email: 'ad@x.example', password: 'admin-password-1' },
    });
    try {
      for (const url of [
        'http://169.254.169.254/latest',
        'http://10.0.0.1/hook',
        'http://localhost:9/hook',
        'http://[::1]/x',
      ]) {
        const res = await fetch(`${guarded.url}/v1/agent/webhooks`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${guarded.agentKey}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ url, events: ['ticket.created'] }),
        });
        assert.equal(res.status, 400, url);
        assert.deepEqual(((await res.json()) as { error: { fields: object } }).error.fields, {
          url: 'private_address',
        });
      }
      const bad = await fetch(`${guarded.url}/v1/agent/webhooks`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${guarded.agentKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ url: 'ftp://x.example', events: ['nope'] }),
      });
      assert.deepEqual(Object.keys(((await bad.json()) as { error: { fields: object } }).error.fields).sort(), [
        'events.0',
        'url',
      ]);
      for (const [method, path] of [
        ['GET', '/v1/agent/webhooks'],
        ['POST', '/v1/agent/webhooks'],
        ['DELETE', `/v1/agent/webhooks/${randomUUID()}`],
        ['GET', `/v1/agent/webhooks/${randomUUID()}/deliveries`],
      ]) {
        assert.equal((await fetch(guarded.url + path, { method })).status, 401, `${method} ${path}`);
      }
      // A signed-in agent who is not an admin may not see or change them.
      await fetch(`${guarded.url}/v1/agent/agents`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${guarded.agentKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'ag@x.example', name: 'Ag', password: 'agent-password-1' }),
      });
      const login = await fetch(`${guarded.url}/v1/console/session`, {
        method: 'POST',
        headers: { Origin: guarded.url, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'ag@x.example', password: 'agent-password-1' }),
      });
      const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
      assert.equal((await fetch(`${guarded.url}/v1/agent/webhooks`, { headers: { Cookie: cookie } })).status, 403);
    } finally {
      await guarded.close();
    }
  });
});

describe('webhooks on two instances sharing PostgreSQL', () => {
  let postgres: RunningPostgres;
  before(async () => {
    postgres = await startPostgres();
  });
  after(() => postgres?.stop());

  it('delivers each message exactly once to a healthy receiver', async () => {
    const hook = await receiver();
    const options = {
      port: 0,
      memory: true,
      databaseUrl: postgres.url,
      agentKey: 'two-instances-agent-key-0123456789',
      webhooks: { allowPrivate: true, pollMs: 20 },
    };
    const [a, b] = await Promise.all([startServer(options), startServer(options)]);
    try {
      const res = await fetch(`${a.url}/v1/agent/webhooks`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${a.agentKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ url: hook.url, events: ['ticket.created'] }),
      });
      assert.equal(res.status, 201);
      await Promise.all(Array.from({ length: 20 }, (_, i) => fileTicket(i % 2 ? a.url : b.url, `Ticket ${i}`)));
      await until(() => hook.got.length >= 20, '20 deliveries');
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(hook.got.length, 20, 'no message twice');
      assert.equal(new Set(hook.got.map((r) => r.id)).size, 20);
    } finally {
      hook.server.close();
      await Promise.all([a.close(), b.close()]);
    }
  });
});
