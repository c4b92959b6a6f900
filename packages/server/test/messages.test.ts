/**
 * The shopper answers on their ticket with photos: the photos join the ticket and are named on the message's
 * timeline entry (shopper and agent see which message they came with); a photo already used, or not one of
 * this site's uploads, is refused; a mailed status link's token may answer too.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { TicketReceipt } from '@nectar/core/schema';
import { signStatusToken, linkKeyFrom } from '../src/domain/mail.ts';
import { startServer, type RunningServer } from '../src/index.ts';
import { PNG_1PX } from './fixtures.ts';

describe('the shopper answers with photos', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ port: 0, memory: true });
  });
  after(() => server?.close());

  const shopper = (path: string, token: string, body: unknown) =>
    fetch(server.url + path, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Nectar-Site': 'demo',
        'Idempotency-Key': randomUUID(),
        Authorization: `Bearer ${token}`,
      },
      body: JSON.stringify(body),
    });
  const upload = async () => {
    const form = new FormData();
    form.append('file', new Blob([PNG_1PX]), 'photo.png');
    const res = await fetch(`${server.url}/v1/attachments`, {
      method: 'POST',
      headers: { 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
      body: form,
    });
    assert.equal(res.status, 201);
    return ((await res.json()) as { id: string }).id;
  };
  const file = async () =>
    (await (
      await fetch(`${server.url}/v1/tickets`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify({ category: 'damaged', message: 'Cracked', contact: { email: 'a@b.co' } }),
      })
    ).json()) as TicketReceipt;

  it('joins the photos to the ticket and names them on the message', async () => {
    const t = await file();
    const photo = await upload();
    const res = await shopper(`/v1/tickets/${t.id}/messages`, t.accessToken, {
      message: 'Here is the lid.',
      attachments: [photo],
    });
    assert.equal(res.status, 201, await res.clone().text());
    const ticket = (await res.json()) as {
      attachments: { id: string }[];
      timeline: { kind: string; body?: string; attachments?: string[] }[];
    };
    assert.deepEqual(
      ticket.attachments.map((a) => a.id),
      [photo],
    );
    assert.deepEqual(ticket.timeline.at(-1), {
      ...ticket.timeline.at(-1),
      kind: 'customer_message',
      attachments: [photo],
    });
    const agentView = (await (
      await fetch(`${server.url}/v1/agent/tickets/${t.id}`, { headers: { Authorization: `Bearer ${server.agentKey}` } })
    ).json()) as { timeline: { kind: string; attachments?: string[] }[] };
    assert.deepEqual(agentView.timeline.at(-1)?.attachments, [photo]);
    const bytes = await fetch(`${server.url}/v1/agent/tickets/${t.id}/attachments/${photo}`, {
      headers: { Authorization: `Bearer ${server.agentKey}` },
    });
    assert.equal(bytes.status, 200);

    // Used once: another ticket (or another message) cannot take it; an id that is no upload is refused.
    const other = await file();
    for (const attachments of [[photo], [randomUUID()], ['../etc/passwd']]) {
      const refused = await shopper(`/v1/tickets/${other.id}/messages`, other.accessToken, {
        message: 'Mine?',
        attachments,
      });
      assert.equal(refused.status, 400);
      assert.deepEqual(((await refused.json()) as { error: { fields: object } }).error.fields, {
        attachments: 'invalid',
      });
    }
  });

  it('takes an answer through a mailed status link', async () => {
    const t = await file();
    const token = signStatusToken(linkKeyFrom(server.agentKey), t.id, new Date());
    const res = await shopper(`/v1/tickets/${t.id}/messages`, token, { message: 'Answering from the mail.' });
    assert.equal(res.status, 201);
    const other = await file();
    assert.equal((await shopper(`/v1/tickets/${other.id}/messages`, token, { message: 'Not mine' })).status, 404);
  });
});
