/**
 * Agent collision warnings, in Chromium on the real service, with two agents signed in from two browser profiles:
 * the second agent on a ticket reads "Bo is also viewing this ticket", then "Bo is typing a reply…" while Bo types;
 * Bo replies, and the second agent's own send asks first ("Bo replied … Send yours anyway?"); Cancel keeps the
 * text, Send anyway sends it. When Bo leaves the ticket the notice goes. axe with the notice and the dialog shown;
 * nothing runs that should not (no alert, no CSP violation, no page error).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '@nectar/server';
import { ADMIN, axe, newConsolePage, signIn, startConsole, stopConsole } from '../support/console.ts';

const BO = { email: 'bo@shop.example', password: 'bo-agent-password', name: 'Bo', role: 'agent' };

let server: RunningServer;
let browser: Browser;

before(async () => {
  ({ server, browser } = await startConsole());
  const created = await fetch(`${server.url}/v1/agent/agents`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.agentKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(BO),
  });
  assert.equal(created.status, 201, await created.clone().text());
});
after(() => stopConsole(server, browser));

describe('console: another agent on the same ticket', () => {
  it('warns who is viewing and typing, and asks before a second reply', async () => {
    const res = await fetch(`${server.url}/v1/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({
        category: 'damaged',
        message: 'The lamp arrived dented.',
        contact: { email: 'mei@example.com', name: 'Mei' },
      }),
    });
    assert.equal(res.status, 201);
    const ticket = (await res.json()) as { id: string; number: string };

    const bo = await newConsolePage(browser);
    const lena = await newConsolePage(browser);
    try {
      await signIn(bo.page, server.url, BO);
      await signIn(lena.page, server.url, ADMIN);
      const open = async (page: typeof bo.page) => {
        await page.getByRole('link', { name: new RegExp(ticket.number) }).click();
        const view = page.locator('nectar-console-ticket');
        await view.getByRole('textbox', { name: 'Reply', exact: true }).waitFor();
        return view;
      };
      const boView = await open(bo.page);
      const lenaView = await open(lena.page);
      const notice = lenaView.getByRole('status').filter({ hasText: /Bo / });

      // Lena's first report already finds Bo there.
      await notice.filter({ hasText: 'Bo is also viewing this ticket' }).waitFor({ timeout: 5_000 });
      assert.deepEqual(await axe(lena.page), []);

      // Bo types: reported at once; Lena sees it on her next beat (every 10 s).
      const boReply = boView.getByRole('textbox', { name: 'Reply', exact: true });
      await boReply.pressSequentially('We are sending a new lamp today.', { delay: 20 });
      await notice.filter({ hasText: 'Bo is typing a reply…' }).waitFor({ timeout: 15_000 });
      assert.deepEqual(await axe(lena.page), []);

      // Lena writes her own answer meanwhile; Bo sends his.
      const lenaReply = lenaView.getByRole('textbox', { name: 'Reply', exact: true });
      await lenaReply.fill('Sorry about the lamp — a refund is on its way.');
      await boView.getByRole('button', { name: 'Send reply' }).click();
      await boView.getByText('We are sending a new lamp today.').first().waitFor();
      assert.equal(await boReply.inputValue(), '');

      // Lena's send asks first, naming Bo's reply; Cancel keeps her text and sends nothing.
      await lenaView.getByRole('button', { name: 'Send reply' }).click();
      const dialog = lenaView.getByRole('dialog', { name: 'Another agent replied' });
      await dialog.waitFor();
      assert.match(await dialog.innerText(), /Bo replied (now|\d+ seconds? ago)\. Send yours anyway\?/);
      assert.deepEqual(await axe(lena.page), []);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      assert.equal(await lenaReply.inputValue(), 'Sorry about the lamp — a refund is on its way.');
      const replies = async () => {
        const read = await fetch(`${server.url}/v1/agent/tickets/${ticket.id}`, {
          headers: { Authorization: `Bearer ${server.agentKey}` },
        });
        const body = (await read.json()) as { timeline: { kind: string; authorName?: string }[] };
        return body.timeline.filter((e) => e.kind === 'replied').map((e) => e.authorName);
      };
      assert.deepEqual(await replies(), ['Bo']);

      // Send anyway sends it (and the next reply no longer asks).
      await lenaView.getByRole('button', { name: 'Send reply' }).click();
      await dialog.getByRole('button', { name: 'Send anyway' }).click();
      await lenaView.getByText('Sorry about the lamp — a refund is on its way.').first().waitFor();
      assert.equal(await lenaReply.inputValue(), '');
      assert.deepEqual(await replies(), ['Bo', 'Lena Admin']);

      // Bo goes back to the queue (leaving the ticket): Lena's notice goes on her next beat.
      await bo.page.getByRole('link', { name: 'Queue' }).first().click();
      await bo.page.getByRole('heading', { name: 'Queue' }).waitFor();
      await lenaView.getByRole('status').filter({ hasText: /Bo / }).waitFor({ state: 'detached', timeout: 15_000 });

      assert.deepEqual(bo.errors, []);
      assert.deepEqual(lena.errors, []);
    } finally {
      await bo.context.close();
      await lena.context.close();
    }
  });
});
