/**
 * Priority hints from the ticket's words (en, zh): safety is urgent and first in the agent's queue, anger,
 * urgency, a threat to escalate or a large amount are high — each with the words that raised it, shown to
 * agents only.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { TicketReceipt } from '@nectar/core/schema';
import { priorityHints } from '../src/domain/priority.ts';
import { startServer, type RunningServer } from '../src/index.ts';

describe('priority hints', () => {
  it('reads safety, anger, urgency, threats and amounts in English and Chinese', () => {
    assert.deepEqual(priorityHints('My son got food poisoning from the honey'), {
      level: 'urgent',
      reasons: [{ reason: 'safety', matched: 'food poisoning' }],
    });
    assert.deepEqual(priorityHints('这批蜂蜜有食品安全问题，我要向12315投诉！'), {
      level: 'urgent',
      reasons: [
        { reason: 'safety', matched: '食品安全' },
        { reason: 'escalation_threat', matched: '12315' },
      ],
    });
    assert.deepEqual(
      priorityHints('This is UNACCEPTABLE, I need it fixed ASAP').reasons.map((r) => r.reason),
      ['anger', 'urgency'],
    );
    assert.deepEqual(priorityHints('I was charged $1,250 twice'), {
      level: 'high',
      reasons: [{ reason: 'amount', matched: '$1,250' }],
    });
    assert.equal(priorityHints('退款 3000元 还没到账').reasons[0]?.reason, 'amount');
    assert.equal(priorityHints('I paid €45 for shipping').level, 'normal', 'a small amount');
  });

  it('does not match inside other words, nor plain requests', () => {
    assert.deepEqual(priorityHints('There is an issue with the pursuit of my parcel; it moulded nothing'), {
      level: 'normal',
      reasons: [],
    });
    assert.equal(priorityHints('Could you change the colour of my order, please?').level, 'normal');
    assert.equal(priorityHints('请帮我修改收货地址').level, 'normal');
  });
});

describe('priority in the agent queue', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ port: 0, memory: true });
  });
  after(() => server?.close());

  const file = async (body: Record<string, unknown>) =>
    (await (
      await fetch(`${server.url}/v1/tickets`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify({ contact: { email: 'a@b.co' }, ...body }),
      })
    ).json()) as TicketReceipt & { priority?: unknown };
  const agent = async (path: string) =>
    (await (await fetch(server.url + path, { headers: { Authorization: `Bearer ${server.agentKey}` } })).json()) as {
      tickets: { id: string; priority: { level: string; reasons: { reason: string; matched: string }[] } }[];
    };

  it('puts a safety ticket first, shows agents why, and tells the shopper nothing of it', async () => {
    const tag = randomUUID().slice(0, 8);
    const earlier = await file({ category: 'damaged', message: `${tag} the lid is cracked` });
    const unsafe = await file({ category: 'product_question', message: `${tag} 吃了以后孩子过敏了，去了医院` });
    const { tickets } = await agent(`/v1/agent/tickets?q=${tag}`);
    assert.deepEqual(
      tickets.map((t) => t.id),
      [unsafe.id, earlier.id],
      'urgent before an earlier high-severity ticket',
    );
    assert.deepEqual(tickets[0]?.priority, {
      level: 'urgent',
      reasons: [{ reason: 'safety', matched: '过敏' }],
    });
    assert.deepEqual(tickets[1]?.priority, { level: 'normal', reasons: [] });
    assert.equal(unsafe.priority, undefined, 'not in the receipt');
    const shopper = (await (
      await fetch(`${server.url}/v1/tickets/${unsafe.id}`, {
        headers: { 'X-Nectar-Site': 'demo', Authorization: `Bearer ${unsafe.accessToken}` },
      })
    ).json()) as Record<string, unknown>;
    assert.equal(shopper.priority, undefined, 'not in the shopper view');
  });
});
