/**
 * End to end: the console's Order card against a REAL Vendure (test/support/vendure.ts) through the
 * service's server-side adapter (`vendureAdmin`): an agent signs in, opens a ticket about a shipped order
 * and sees its items and its carrier's tracking page as a link opening a new tab (`rel="noopener"`); a refund
 * remedy done in Vendure shows "Done in the shop"; a ticket about an order the shop does not know says so.
 * axe on the ticket view; English only (the strings of zh-CN and zh-TW are typed against English).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { startServer, type RunningServer } from '@nectar/server';
import { vendureAdmin } from '@nectar/adapters/vendure/admin';
// @ts-expect-error plain ESM helper without types
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/chromium.mjs';
import { startVendure, type RunningVendure } from '../support/vendure.ts';
import { ADMIN, axe, newConsolePage, signIn } from '../support/console.ts';
import { buildConsole } from '../support/e2e.ts';

const watchdog = setTimeout(() => {
  console.error('[console-order.test] took longer than 240 s — giving up');
  process.exit(1);
}, 240_000);
watchdog.unref();

const SHOTS = join(tmpdir(), 'nectar-console-screenshots');

let v: RunningVendure;
let server: RunningServer;
let browser: Browser;

before(async () => {
  buildConsole();
  v = await Promise.race([
    startVendure(),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('Vendure did not start within 120 s')), 120_000).unref(),
    ),
  ]);
  server = await startServer({
    port: 0,
    memory: true,
    admin: ADMIN,
    commerce: {
      backend: vendureAdmin({ adminApiUrl: v.adminApiUrl, username: v.admin.username, password: v.admin.password }),
    },
    onInternalError: (e) => console.error('[server]', e),
  });
  browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
  await v?.stop();
});

async function fileTicket(subject: string, orderRef: string) {
  const res = await fetch(`${server.url}/v1/tickets`, {
    method: 'POST',
    headers: { 'X-Nectar-Site': 'demo', 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({
      category: 'damaged',
      subject,
      message: 'It arrived broken.',
      orderRef,
      contact: { email: v.shopper.email },
    }),
  });
  assert.equal(res.status, 201);
  return (await res.json()) as { id: string; number: string };
}

describe('console: the order card (real Vendure)', () => {
  it('shows the order with a tracking link, a refund done in the shop, and an unknown order', async () => {
    const shipped = v.orders.find((o) => o.fulfillment === 'shipped')!;
    const ticket = await fileTicket('Cracked lamp shade', shipped.code);
    const unknown = await fileTicket('Where is my parcel', 'ZZZZZZZZZZZZZZZZ');

    const { context, page, errors } = await newConsolePage(browser);
    await signIn(page, server.url, ADMIN);

    await page.goto(`${server.url}/console/#/tickets/${ticket.id}`);
    const main = page.locator('nectar-console-ticket');
    await main.getByRole('heading', { level: 1, name: /Cracked lamp shade/ }).waitFor();
    const card = main.getByRole('region', { name: 'Order' });
    await card.waitFor();
    await card.getByText(shipped.code).waitFor();
    await card.getByText('Open, shipped').waitFor();
    for (const title of shipped.lines) await card.getByText(title, { exact: false }).first().waitFor();
    const track = card.getByRole('link', { name: 'Track JD0146000012345 with DHL' });
    assert.match((await track.getAttribute('href')) ?? '', /^https:\/\/www\.dhl\.com\/.*JD0146000012345$/);
    assert.equal(await track.getAttribute('target'), '_blank');
    assert.match((await track.getAttribute('rel')) ?? '', /\bnoopener\b/);
    assert.deepEqual(await axe(page), [], 'axe: the ticket with its order');

    // A refund through the agent API: done in Vendure, shown as done with Vendure's reference.
    const refund = await fetch(`${server.url}/v1/agent/tickets/${ticket.id}/remedy`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.agentKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'refund', amount: 4, currency: 'USD', message: 'Refunded the shade.' }),
    });
    assert.equal(refund.status, 200);
    await page.reload();
    await main.getByText(/^Done in the shop \(reference .+\)\.$/).waitFor();
    await card.getByText('$4.00').waitFor();
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, '30-order-card.png'), fullPage: true });
    console.log(`[console] screenshot: ${join(SHOTS, '30-order-card.png')}`);

    await page.goto(`${server.url}/console/#/tickets/${unknown.id}`);
    await main.getByRole('heading', { level: 1, name: /Where is my parcel/ }).waitFor();
    await main
      .getByRole('region', { name: 'Order' })
      .getByText('ZZZZZZZZZZZZZZZZ: The shop does not know this order number.')
      .waitFor();
    assert.deepEqual(await axe(page), [], 'axe: an order the shop does not know');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
