/**
 * Canned replies: an admin replaces a site's templates (an unknown `{{variable}}` is refused, naming the reply);
 * an agent gets the templates for a ticket's category and locale with a preview of what will be sent and the
 * variables that had no value; agents who are not admins cannot change them; no credentials, no templates.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { TicketReceipt } from '@nectar/core/schema';
import { startServer, type RunningServer } from '../src/index.ts';

const ADMIN = { email: 'admin@shop.example', password: 'admin-password-long' };

interface Listed {
  replies: { id: string; title: string; body: string; locale: string; preview?: string; missing?: string[] }[];
}

describe('canned replies', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ port: 0, memory: true, admin: ADMIN });
  });
  after(() => server?.close());

  const agent = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(server.url + path, {
      method,
      headers: { Authorization: `Bearer ${server.agentKey}`, 'Content-Type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const file = async (body: Record<string, unknown>) =>
    (await (
      await fetch(`${server.url}/v1/tickets`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify({ message: 'Cracked jar', contact: { email: 'a@b.co' }, ...body }),
      })
    ).json()) as TicketReceipt;

  const SET = [
    {
      title: '补发',
      locale: 'zh-CN',
      category: 'damaged',
      body: '{{shopper.name}}，您好！订单 {{order.number}} 的新货已发出（{{ticket.number}}）。{{agent.name}}',
    },
    {
      title: 'Reship',
      locale: 'en',
      category: 'damaged',
      body: 'Hi {{shopper.name}}, a new one for {{order.number}}.',
    },
    { title: 'Thanks', locale: 'en', body: 'Thanks for writing, {{ shopper.name }}. — {{agent.name}}' },
  ];

  it('refuses a template with a variable that does not exist, naming it', async () => {
    const bad = await agent('PUT', '/v1/agent/canned-replies', {
      replies: [SET[2], { title: 'Oops', locale: 'en', body: 'Your code: {{voucher.code}}' }],
    });
    assert.equal(bad.status, 400);
    const error = ((await bad.json()) as { error: { fields: Record<string, string>; message: string } }).error;
    assert.deepEqual(error.fields, { 'replies.1.body': 'unknown_variable' });
    assert.match(error.message, /\{\{shopper\.name\}\}/);
    const wrongLocale = await agent('PUT', '/v1/agent/canned-replies', { replies: [{ ...SET[2], locale: 'fr' }] });
    assert.equal(wrongLocale.status, 400);
  });

  it("previews the templates for a ticket's category and locale with its values filled in", async () => {
    const saved = await agent('PUT', '/v1/agent/canned-replies', { replies: SET });
    assert.equal(saved.status, 200);
    assert.equal(((await saved.json()) as Listed).replies.length, 3);

    const zh = await file({
      category: 'damaged',
      locale: 'zh-CN',
      orderRef: 'ORD-1042',
      contact: { email: 'mei@x.co', name: '王梅' },
    });
    const forZh = (await (await agent('GET', `/v1/agent/canned-replies?ticket=${zh.id}`)).json()) as Listed;
    assert.deepEqual(
      forZh.replies.map((r) => [r.title, r.preview, r.missing]),
      [['补发', `王梅，您好！订单 ORD-1042 的新货已发出（${zh.number}）。`, ['agent.name']]],
    );

    // An English ticket of another category gets the templates for every category; no order → said missing.
    const en = await file({ category: 'delivery', locale: 'en-GB', contact: { email: 'ada@x.co', name: 'Ada' } });
    const forEn = (await (await agent('GET', `/v1/agent/canned-replies?ticket=${en.id}`)).json()) as Listed;
    assert.deepEqual(
      forEn.replies.map((r) => [r.title, r.preview]),
      [['Thanks', 'Thanks for writing, Ada. — ']],
    );
    // Its damaged sibling: the category's own template first, then the general one.
    const damaged = await file({ category: 'damaged', contact: { email: 'bo@x.co', name: 'Bo' } });
    const forDamaged = (await (await agent('GET', `/v1/agent/canned-replies?ticket=${damaged.id}`)).json()) as Listed;
    assert.deepEqual(
      forDamaged.replies.map((r) => [r.title, r.missing]),
      [
        ['Reship', ['order.number']],
        ['Thanks', ['agent.name']],
      ],
    );
    assert.equal((await agent('GET', `/v1/agent/canned-replies?ticket=${randomUUID()}`)).status, 404);
  });

  it('lists by locale and category without a ticket', async () => {
    const listed = (await (await agent('GET', '/v1/agent/canned-replies?locale=en&category=damaged')).json()) as Listed;
    assert.deepEqual(
      listed.replies.map((r) => r.title),
      ['Reship', 'Thanks'],
    );
  });

  it('needs an agent to read and an admin to change', async () => {
    assert.equal((await fetch(`${server.url}/v1/agent/canned-replies`)).status, 401);
    assert.equal((await fetch(`${server.url}/v1/agent/canned-replies`, { method: 'PUT' })).status, 401);
    // A signed-in agent who is not an admin.
    const origin = { Origin: server.url };
    const signIn = async (email: string, password: string) =>
      (
        await fetch(`${server.url}/v1/console/session`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...origin },
          body: JSON.stringify({ email, password }),
        })
      ).headers
        .get('set-cookie')
        ?.split(';')[0] ?? '';
    const admin = await signIn(ADMIN.email, ADMIN.password);
    const invited = await fetch(`${server.url}/v1/agent/agents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: admin, ...origin },
      body: JSON.stringify({ email: 'bo@shop.example', name: 'Bo', password: 'bo-password-long' }),
    });
    assert.equal(invited.status, 201);
    const bo = await signIn('bo@shop.example', 'bo-password-long');
    const headers = { 'Content-Type': 'application/json', Cookie: bo, ...origin };
    const read = await fetch(`${server.url}/v1/agent/canned-replies`, { headers });
    assert.equal(read.status, 200);
    const write = await fetch(`${server.url}/v1/agent/canned-replies`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ replies: [] }),
    });
    assert.equal(write.status, 403);
  });
});
