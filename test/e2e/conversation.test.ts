// End to end: the conversation on a ticket. A shopper files a ticket on the demo storefront, an agent answers
// through the agent API, and the shopper reads the answer in the status view and writes back with a photo — from
// "My requests", and from a mailed status link in a browser that never saw the ticket.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { linkKeyFrom, signStatusToken } from '../../packages/server/src/domain/mail.ts';
import { fillTicket, openDemo, openForm, png, startHarness, waitFor, watch, type Harness } from '../support/e2e.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

/** An agent action through the API (machine integration: the agent key). */
async function agent(path: string, body?: unknown): Promise<Response> {
  const res = await fetch(`${h.server.url}/v1/agent/tickets/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      Authorization: `Bearer ${h.server.agentKey}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  assert.equal(res.status, 200, `${path}: ${res.status} ${await res.clone().text()}`);
  return res;
}

/** Files a ticket from the demo's contact form; its number and id. */
async function fileTicket(page: Page, message: string): Promise<{ number: string; id: string }> {
  const form = await openForm(page, '#1002');
  await fillTicket(form, { category: /Damaged item/, message, email: 'lin@example.com' });
  await form.getByRole('button', { name: 'Send' }).click();
  await form.getByRole('heading', { name: /we have your request/i }).waitFor();
  const number = (await form.locator('[part=ticket-number]').textContent())!.trim();
  const { rows } = await h.server.db.query<{ id: string }>('SELECT id FROM tickets WHERE number = $1', [number]);
  return { number, id: rows[0]!.id };
}

interface AgentView {
  status: string;
  attachments: { id: string; contentType: string }[];
  timeline: { kind: string; body?: string; attachments?: string[] }[];
}

describe('the shopper answers on their ticket', () => {
  it('reads the agent’s reply in the status view and answers with a photo; the agent sees it, never a note', async () => {
    const { context, page, errors } = await openDemo(h);
    const { number, id } = await fileTicket(page, 'The teapot lid is chipped.');

    await agent(`${id}/claim`, { agentName: 'Mei' });
    await agent(`${id}/note`, { message: 'INTERNAL: supplier batch 7 again', agentName: 'Mei' });
    await agent(`${id}/reply`, { message: 'Sorry! Could you send a photo of the chip?', agentName: 'Mei' });

    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: `View status of request ${number}` }).click();
    const status = page.locator('nectar-ticket-status');
    await status.getByText('Sorry! Could you send a photo of the chip?').waitFor();
    await status.getByText('We asked you something — please answer below.').waitFor();
    assert.doesNotMatch((await status.locator('[part=base]').textContent())!, /INTERNAL|supplier batch/);

    const box = status.getByRole('textbox', { name: 'Your reply' });
    assert.equal(await box.evaluate((el) => el.matches(':focus')), false, 'the box is not focused on load');
    await box.fill('Here it is — the chip is on the rim.');
    await status
      .locator('input[type=file]')
      .setInputFiles({ name: 'chip.png', mimeType: 'image/png', buffer: png(800, 600) });
    await status.getByRole('img', { name: /Photo 1/ }).waitFor();
    await status.getByRole('button', { name: 'Send reply' }).click();
    await status.getByText('Your reply was sent.').waitFor();
    await status.getByText('Here it is — the chip is on the rim.').waitFor();
    await status.getByText('1 photo').waitFor();
    assert.equal(await box.inputValue(), '', 'the box is cleared');
    assert.equal((await status.locator('[part=status]').textContent())!.trim(), 'In progress');

    // The service has the message and the photo.
    const messages = await h.server.db.query<{ body: string; data: { attachments?: string[] } | null }>(
      "SELECT body, data FROM timeline WHERE ticket_id = $1 AND kind = 'customer_message'",
      [id],
    );
    assert.equal(messages.rows.length, 1);
    assert.equal(messages.rows[0]!.body, 'Here it is — the chip is on the rim.');
    const photos = await h.server.db.query<{ id: string; content_type: string }>(
      'SELECT id, content_type FROM attachments WHERE ticket_id = $1',
      [id],
    );
    assert.equal(photos.rows.length, 1);
    assert.equal(photos.rows[0]!.content_type, 'image/png');
    assert.deepEqual(messages.rows[0]!.data?.attachments, [photos.rows[0]!.id]);

    // The agent sees the answer with its photo (and the note, which the shopper never did).
    const full = (await (await agent(id)).json()) as AgentView;
    assert.equal(full.status, 'open');
    const answer = full.timeline.find((e) => e.kind === 'customer_message')!;
    assert.equal(answer.body, 'Here it is — the chip is on the rim.');
    assert.deepEqual(answer.attachments, [photos.rows[0]!.id]);
    assert.ok(full.attachments.some((a) => a.id === photos.rows[0]!.id));
    assert.ok(full.timeline.some((e) => e.kind === 'note'));
    const photo = await fetch(`${h.server.url}/v1/agent/tickets/${id}/attachments/${photos.rows[0]!.id}`, {
      headers: { Authorization: `Bearer ${h.server.agentKey}` },
    });
    assert.equal(photo.status, 200);
    assert.equal(photo.headers.get('content-type'), 'image/png');

    // Another reply: the shopper refreshes and sees it; the note stays out.
    await agent(`${id}/reply`, { message: 'Thanks — a new lid ships today.', agentName: 'Mei' });
    await status.getByRole('button', { name: 'Refresh' }).click();
    await status.getByText('Thanks — a new lid ships today.').waitFor();
    assert.doesNotMatch((await status.locator('[part=base]').textContent())!, /INTERNAL|supplier batch/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('a mailed status link opens the status view on the demo, and the shopper answers with its token', async () => {
    const first = await openDemo(h);
    const { number, id } = await fileTicket(first.page, 'The honey arrived crystallised.');
    await first.context.close();
    await agent(`${id}/reply`, { message: 'Could you tell us the best-before date?', agentName: 'Ana' });

    // The mail's link (what `statusLink` adds to the site's statusUrl), opened in a browser that never saw the ticket.
    const token = signStatusToken(linkKeyFrom(h.server.agentKey), id, new Date());
    const context = await h.browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    const errors = watch(page);
    const link = new URL(`${h.server.url}/demo/`);
    link.searchParams.set('nectar_ticket', id);
    link.searchParams.set('nectar_token', token);
    await page.goto(link.toString());

    const status = page.locator('#status-view nectar-ticket-status');
    await status.getByRole('heading', { name: `Request ${number}` }).waitFor();
    await status.getByText('Could you tell us the best-before date?').waitFor();
    await status.getByRole('textbox', { name: 'Your reply' }).fill('It says 12/2027.');
    await status.getByRole('button', { name: 'Send reply' }).click();
    await status.getByText('Your reply was sent.').waitFor();
    await waitFor(
      async () =>
        (
          await h.server.db.query(
            "SELECT 1 FROM timeline WHERE ticket_id = $1 AND kind = 'customer_message' AND body = $2",
            [id, 'It says 12/2027.'],
          )
        ).rows.length === 1,
      10_000,
      'the answer stored',
    );
    assert.deepEqual(errors, []);
    await context.close();
  });
});
