/**
 * A shop page on an origin the site does not allow: the service's refusal reaches the page
 * (`403 origin_not_allowed`), the form says so with the shopper's text kept, `nectar-error` carries
 * the code, the developer gets one console error naming the origin and the setting — and nothing is
 * queued as "offline" nor ever arrives.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { startServer, type RunningServer } from '@nectar/server';
import { fillTicket } from '../support/e2e.ts';
// @ts-expect-error plain ESM helper without types
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/chromium.mjs';

let service: RunningServer;
let shop: Server;
let shopUrl: string;
let browser: Browser;

before(async () => {
  // The site allows localhost only; the shop below is served from 127.0.0.1.
  service = await startServer({ port: 0, memory: true, sites: [{ key: 'demo', origins: ['http://localhost:*'] }] });
  const page = `<!doctype html><html lang="en"><meta charset="utf-8"><title>shop</title>
<script type="module" src="${service.url}/nectar/nectar.js" data-endpoint="${service.url}" data-site-key="demo"></script>
<script type="module" src="/listen.js"></script>
<nectar-ticket-form></nectar-ticket-form>`;
  const listen = `window.errors = [];
document.addEventListener('nectar-error', (e) => window.errors.push(e.detail.code ?? null));`;
  shop = createServer((req, res) => {
    if (req.url === '/listen.js') return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(listen);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((r) => shop.listen(0, '127.0.0.1', r));
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}/`;
  browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
});
after(async () => {
  await browser?.close();
  shop?.close();
  await service?.close();
});

describe('a page on an origin the site does not allow', () => {
  it('is told, keeps the text, reports origin_not_allowed once, and queues nothing', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(shopUrl);
    const form = page.locator('nectar-ticket-form');
    await form.getByRole('button', { name: 'Send' }).waitFor();
    const message = 'The jar arrived cracked, honey everywhere.';
    await fillTicket(form, { category: /damaged/i, message, email: 'shopper@example.com' });
    await form.getByRole('button', { name: 'Send' }).click();

    await form.getByText(/couldn't send this from this page/).waitFor();
    assert.equal(await form.getByRole('textbox', { name: /^Message/ }).inputValue(), message, 'the text is kept');
    assert.equal(await form.getByText(/Saved on this device/).count(), 0, 'not queued as offline');
    assert.deepEqual(await page.evaluate(() => (window as unknown as { errors: unknown[] }).errors), [
      'origin_not_allowed',
    ]);
    const told = consoleErrors.filter((e) => e.includes('[nectar]') && e.includes('NECTAR_SITES'));
    assert.equal(told.length, 1, consoleErrors.join('\n'));
    assert.match(told[0]!, /http:\/\/127\.0\.0\.1:\d+/);

    // Nothing waits to be retried: back "online", nothing is sent, and the service never saw a ticket.
    await page.evaluate(() => (window as unknown as { nectar: { flush(): Promise<void> } }).nectar.flush());
    await page.reload();
    await form.getByRole('button', { name: 'Send' }).waitFor();
    await new Promise((r) => setTimeout(r, 500));
    const { rows } = await service.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets');
    assert.equal(rows[0]!.n, 0);
    await context.close();
  });
});
