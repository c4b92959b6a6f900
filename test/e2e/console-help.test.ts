/**
 * Help for every shopper, the agent's side, in Chromium on the real service: a call-back is recorded from the
 * ticket view ("No answer" counts an attempt, "Call done" ends it) and the queue's badge follows; the answers'
 * hand-off shows what the shopper searched for (as text, however it looks) and the article they read, linked to
 * the Answers view; the Answers view exports its articles as a download and imports a file (the result shown
 * file by file). axe on each view; nothing runs that should not (no alert, no CSP violation, no page error).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '@nectar/server';
import { ADMIN, axe, newConsolePage, signIn, startConsole, stopConsole } from '../support/console.ts';
import { waitFor } from '../support/e2e.ts';
const XSS_QUERY = '<img src=x onerror=alert(1)>';

let server: RunningServer;
let browser: Browser;

before(async () => {
  ({ server, browser } = await startConsole());
});
after(() => stopConsole(server, browser));

async function fileTicket(extra: object): Promise<{ id: string; number: string }> {
  const res = await fetch(`${server.url}/v1/tickets`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({
      category: 'delivery',
      subject: 'Where is my parcel?',
      message: 'It should have arrived by now.',
      contact: { email: 'mei@example.com', name: 'Mei' },
      ...extra,
    }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()) as { id: string; number: string };
}

async function signedIn(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const { context, page, errors } = await newConsolePage(browser, {
    timezoneId: 'Europe/Berlin',
    acceptDownloads: true,
  });
  await signIn(page, server.url, ADMIN);
  return { page, errors, close: () => context.close() };
}

describe('console: help for every shopper', () => {
  it('records a call-back from the ticket view, and the queue badge follows', async () => {
    const ticket = await fileTicket({ callback: { phone: '+4930123456' } });
    const { page, errors, close } = await signedIn();
    const row = page.locator('nectar-console-queue li', { hasText: ticket.number });
    await row.locator('.badge.callback', { hasText: /^Call back / }).waitFor();

    await page.getByRole('link', { name: new RegExp(ticket.number) }).click();
    const view = page.locator('nectar-console-ticket');
    const call = view.locator('dd.callback');
    await call.getByRole('link', { name: '+4930123456' }).waitFor();
    assert.equal(await call.getByRole('link', { name: '+4930123456' }).getAttribute('href'), 'tel:+4930123456');
    assert.deepEqual(await axe(page), []);

    // Keyboard: from the number, Tab reaches the note, then "Call done", then "No answer".
    await call.getByRole('link', { name: '+4930123456' }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.type('Voicemail, left a message');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const noAnswer = call.getByRole('button', { name: 'No answer' });
    assert.ok(await noAnswer.evaluate((el) => el.matches(':focus')), 'Tab reaches "No answer"');
    await page.keyboard.press('Enter');
    await page.getByText('No answer recorded (attempt 1).').waitFor();
    await call.getByText(/^1 call unanswered/).waitFor();
    await view
      .locator('li.entry.internal', { hasText: 'Lena Admin called: no answer' })
      .getByText('Voicemail')
      .waitFor();

    await page.getByRole('link', { name: 'Back to the queue' }).click();
    await row.locator('.badge.callback', { hasText: '1 call unanswered' }).waitFor();
    await page.getByRole('link', { name: new RegExp(ticket.number) }).click();

    await call.getByRole('button', { name: 'Call done' }).click();
    await page.getByText('The call is recorded as done.').waitFor();
    await call.getByText(/^Called by Lena Admin/).waitFor();
    assert.equal(await call.getByRole('button', { name: 'Call done' }).count(), 0, 'no longer due');
    await view.locator('li.entry.internal', { hasText: 'Lena Admin called the shopper back' }).waitFor();
    assert.deepEqual(await axe(page), []);

    await page.getByRole('link', { name: 'Back to the queue' }).click();
    await row.locator('.badge.callback', { hasText: 'Called back' }).waitFor();
    assert.equal(await row.getByText(/^Call back /).count(), 0, 'not due any more');
    assert.deepEqual(errors, []);
    await close();
  });

  it('shows what the shopper searched for, as text, and the article they read, linked', async () => {
    const ticket = await fileTicket({ context: { searchQuery: XSS_QUERY, answerId: 'demo:refunds:en' } });
    const { page, errors, close } = await signedIn();
    await page.getByRole('link', { name: new RegExp(ticket.number) }).click();
    const view = page.locator('nectar-console-ticket');
    const searched = view.locator('dd.searched');
    await searched.waitFor();
    assert.equal((await searched.textContent())?.trim(), XSS_QUERY);
    assert.equal(await view.locator('dd.searched img, dd img').count(), 0, 'the query is text, not markup');
    const read = view.locator('dd.read').getByRole('link', { name: 'When will I get my refund?' });
    assert.equal(await read.getAttribute('href'), '#/answers/demo%3Arefunds%3Aen');
    assert.deepEqual(await axe(page), []);

    await read.click();
    await page.getByRole('heading', { name: 'Answers', level: 1 }).waitFor();
    const title = page.locator('nectar-console-answers #answer-title');
    await title.waitFor();
    await waitFor(async () => (await title.inputValue()) === 'When will I get my refund?', 15_000, 'the article opens');
    assert.deepEqual(errors, [], 'nothing ran: no alert, no CSP violation');
    await close();
  });

  it('exports the articles as a download and imports a file that adds one', async () => {
    const { page, errors, close } = await signedIn();
    await page.getByRole('link', { name: 'Answers' }).click();
    await page.getByRole('heading', { name: 'Answers', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'How long does shipping take?' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^nectar-answers-\d{4}-\d{2}-\d{2}\.json$/);
    const saved = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      files: { name: string; content: string }[];
    };
    const { rows } = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM answers WHERE site = 'demo'`);
    assert.equal(saved.files.length, rows[0]!.n);
    const refunds = saved.files.find((f) => f.content.includes('id: demo:refunds:en'));
    assert.match(refunds?.content ?? '', /title: When will I get my refund\?/);
    await page.getByText(`Exported ${rows[0]!.n} articles.`).waitFor();

    // A file that does not import: each problem named with its file.
    await page.getByLabel('Import', { exact: true }).setInputFiles({
      name: 'broken.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from('---\ntitle: Broken\nlocale: xx\n---\nBody'),
    });
    const result = page.locator('nectar-console-answers section.import-result');
    await result.getByText('Nothing was imported').waitFor();
    assert.match(await result.innerText(), /File 1 \(broken\.md\): locale/);

    // An export file (its own shape) with a new article: added, listed, found by shoppers.
    const exported = {
      files: [
        {
          name: 'gift-wrap.md',
          content:
            '---\nid: gift-wrap-en\ntitle: Can you gift-wrap my order?\nlocale: en\ntags: [gift]\n---\n\nYes, add a note.\n',
        },
      ],
    };
    await page.getByLabel('Import', { exact: true }).setInputFiles({
      name: 'nectar-answers.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(exported)),
    });
    await result.getByText('Imported: 1 new, 0 updated.').waitFor();
    await result.getByRole('link', { name: 'gift-wrap-en' }).waitFor();
    await page
      .locator('nectar-console-answers table')
      .getByRole('link', { name: 'Can you gift-wrap my order?' })
      .waitFor();
    const search = (await (
      await fetch(`${server.url}/v1/answers?q=gift-wrap`, { headers: { 'X-Nectar-Site': 'demo' } })
    ).json()) as { answers: { id: string }[] };
    assert.ok(search.answers.some((a) => a.id === 'gift-wrap-en'));
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await close();
  });
});
