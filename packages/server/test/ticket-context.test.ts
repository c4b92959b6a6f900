/**
 * The answers' "still need help" hand-off reaches the agent: a ticket's `context` takes what the shopper searched
 * for and read (`searchQuery`, `answerId`) next to the page, the agent reads it with the ticket, and a bad one is
 * refused by field (never a 5xx).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../src/index.ts';

describe("a ticket's context: the answers' hand-off", () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ port: 0, memory: true, sites: [{ key: 'demo', origins: ['*'] }] });
  });
  after(() => server?.close());

  const file = (context: unknown) =>
    fetch(`${server.url}/v1/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({
        category: 'return_refund',
        message: 'I searched for “refund late” and read “How refunds work”.\n\nStill nothing.',
        contact: { email: 'mei@example.com' },
        context,
      }),
    });

  it('is stored with the page and shown to the agent', async () => {
    const res = await file({
      url: 'https://shop.example/help',
      userAgent: 'Test',
      searchQuery: ' refund late ',
      answerId: 'demo:refunds:en',
    });
    assert.equal(res.status, 201, await res.clone().text());
    const { id } = (await res.json()) as { id: string };
    const ticket = (await (
      await fetch(`${server.url}/v1/agent/tickets/${id}`, { headers: { Authorization: `Bearer ${server.agentKey}` } })
    ).json()) as { context?: Record<string, string> };
    assert.deepEqual(ticket.context, {
      url: 'https://shop.example/help',
      userAgent: 'Test',
      searchQuery: 'refund late',
      answerId: 'demo:refunds:en',
      // Resolved for the agent: the article's title as it is now.
      answerTitle: 'When will I get my refund?',
    });
  });

  it('names a bad search text or article id', async () => {
    for (const [context, fields] of [
      [{ searchQuery: 'x'.repeat(201) }, { 'context.searchQuery': 'too_long' }],
      [{ answerId: '' }, { 'context.answerId': 'required' }],
      [{ searchQuery: 42 }, { 'context.searchQuery': 'invalid_type' }],
      [{ searchQuery: 'ok\u0000' }, { 'context.searchQuery': 'control_character' }],
    ] as const) {
      const res = await file(context);
      assert.equal(res.status, 400, JSON.stringify(context));
      const { error } = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
      assert.equal(error.code, 'validation_failed');
      assert.deepEqual(error.fields, fields);
    }
  });
});
