// End to end: "My orders" on the demo storefront against a REAL Vendure (`npm start -- --commerce vendure`):
// the reference service serves the demo wired to a local Vendure with seeded orders (sql.js in memory; see
// packages/server/demo/vendure/setup.ts and test/support/vendure.ts); headless Chromium opens the panel as the
// signed-in demo shopper, sees the shipped order with its carrier's tracking link and the late order flagged,
// and reports a problem with the late one: the form opens with it chosen, and the ticket carries it.
//
// And issue 13's whole case on the same demo: an agent writes an article in the console; the shopper finds and reads
// it, switches to larger text, sees where the order is, and from the article asks for a call back; the agent sees the
// call-back, the search, the article and the message in the console. Screenshots: the OS temp directory.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Locator } from 'playwright-core';
import { startServer, type RunningServer } from '@nectar/server';
import { startVendureDemo } from '../../packages/server/demo/vendure/setup.ts';
import type { VendureDemo } from '../../packages/server/src/demo-commerce.ts';
// @ts-expect-error plain ESM helper without types
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/chromium.mjs';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, signIn } from '../support/console.ts';
import { buildConsole, field, watch, waitFor } from '../support/e2e.ts';

const SHOTS = join(tmpdir(), 'nectar-help-screenshots');

/** Vendure's start (populate, bootstrap, seed) takes 30–60 s here, longer on a busy machine; both steps are bounded. */
const STARTUP_MS = 240_000;
const TEST_MS = 90_000;

let vendure: VendureDemo | undefined;
let server: RunningServer | undefined;
let browser: Browser | undefined;

interface SeededOrder {
  code: string;
  state: string;
  orderPlacedAt: string;
  fulfillments: Array<{ method: string; trackingCode: string | null; state: string }>;
}
let orders: SeededOrder[] = [];

/** The shopper's orders as Vendure itself answers them (Shop API, signed in as the demo shopper). */
async function vendureOrders(demo: VendureDemo): Promise<SeededOrder[]> {
  const shopApi = new URL('/shop-api', demo.vendureUrl).href;
  const post = async (query: string, variables: object, token?: string) => {
    const res = await fetch(shopApi, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data: any; errors?: unknown[] };
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return { body, token: res.headers.get('vendure-auth-token') };
  };
  const login = await post(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { __typename } }`, {
    u: demo.shopper.email,
    p: demo.shopper.password,
  });
  const { body } = await post(
    `{ activeCustomer { orders(options: { filter: { active: { eq: false } } }) { items {
      code state orderPlacedAt fulfillments { method trackingCode state } } } } }`,
    {},
    login.token!,
  );
  return body.data.activeCustomer.orders.items;
}

before(
  async () => {
    buildConsole();
    vendure = await startVendureDemo();
    orders = await vendureOrders(vendure);
    server = await startServer({
      port: 0,
      memory: true,
      demoDir: vendure.demoDir,
      proxy: vendure.proxy,
      admin: ADMIN,
      rateLimit: { writesPerIp: 10_000, writesPerSite: 100_000 },
      onInternalError: (e) => console.error('[server]', e),
    });
    browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
  },
  { timeout: STARTUP_MS },
);
after(async () => {
  await browser?.close();
  await server?.close();
  await vendure?.stop();
});

const DAY = 86_400_000;
/** An order's card in "My orders", by its number. */
const card = (view: Locator, code: string) =>
  view.getByRole('listitem').filter({ has: view.page().getByRole('heading', { name: `Order ${code}`, exact: true }) });

describe('"My orders" against the real Vendure (the demo storefront with --commerce vendure)', () => {
  it(
    'a signed-in shopper sees the shipped order with its tracking link and the late order flagged; "Report a problem" opens the form with it chosen',
    { timeout: TEST_MS },
    async () => {
      const shipped = orders.find((o) => o.state === 'Shipped');
      const oldest = [...orders].sort((a, b) => Date.parse(a.orderPlacedAt) - Date.parse(b.orderPlacedAt))[0];
      assert.ok(shipped && shipped.fulfillments[0]?.trackingCode, 'Vendure has a shipped order with a tracking code');
      assert.ok(oldest && oldest.state === 'PaymentSettled', 'and an old order that never shipped');
      assert.ok(Date.now() - Date.parse(oldest.orderPlacedAt) > 7 * DAY, 'placed more than the 7-day window ago');
      const tracking = shipped.fulfillments[0]!.trackingCode!;
      assert.equal(shipped.fulfillments[0]!.method, 'DHL');

      const context = await browser!.newContext({ locale: 'en-US', timezoneId: 'Europe/Berlin' });
      try {
        const page = await context.newPage();
        const errors = watch(page);
        await page.goto(`${server!.url}/demo/`);

        // The floating launcher opens the panel; "My orders" is a tab because the client has a commerce adapter.
        await page.locator('nectar-launcher').getByRole('button', { name: 'Help' }).click();
        const panel = page.locator('nectar-panel');
        const tab = panel.getByRole('tab', { name: 'My orders' });
        await tab.click();
        assert.equal(await tab.getAttribute('aria-selected'), 'true');
        const view = panel.locator('nectar-orders');
        await view.getByRole('listitem').first().waitFor();
        assert.equal(await view.getByRole('listitem').count(), orders.length, 'every order of the shopper');

        // The shipped order: its status, carrier, and the tracking number linked to DHL's tracking page.
        const s = card(view, shipped.code);
        assert.equal((await s.locator('[part~="status"]').textContent())?.trim(), 'Shipped');
        assert.match((await s.textContent())!, /Carrier\s*DHL/);
        const link = s.getByRole('link', { name: new RegExp(tracking) });
        assert.equal(
          await link.getAttribute('href'),
          `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${tracking}`,
        );
        assert.match((await link.getAttribute('rel'))!, /\bnoopener\b/);
        assert.equal(await link.getAttribute('target'), '_blank');
        assert.match((await s.textContent())!, /Estimated delivery/);
        assert.equal(await s.locator('[part~="late-badge"]').count(), 0, 'the shipped order is not late');

        // The late order is flagged, and it is the only one.
        const late = card(view, oldest.code);
        assert.equal((await late.locator('[part~="late-badge"]').textContent())?.trim(), 'Late');
        assert.equal(await view.locator('[part~="late-badge"]').count(), 1, 'only the late order is flagged');

        // "Report a problem" on the late order: the contact form opens with it chosen.
        await late.getByRole('button', { name: `Report a problem with order ${oldest.code}` }).click();
        assert.equal(await panel.getByRole('tab', { name: 'Contact us' }).getAttribute('aria-selected'), 'true');
        const form = panel.locator('nectar-ticket-form');
        const chosen = form.getByRole('radio', { name: new RegExp(`Order ${oldest.code}`) });
        await chosen.waitFor();
        assert.equal(await chosen.isChecked(), true, 'the order picker has the late order chosen');
        assert.equal(await field(form, /^Order number/).inputValue(), oldest.code);

        // And the ticket the shopper sends carries it.
        await form
          .getByRole('radio', { name: /Delivery/ })
          .first()
          .check();
        await field(form, /^Message/).fill('My desk lamp has not arrived after a month.');
        const email = field(form, /^Email/);
        if (await email.count()) await email.fill('ada@example.com');
        await form.getByRole('button', { name: 'Send' }).click();
        await form.locator('[part=ticket-number]').waitFor();
        const row = await waitFor(async () => {
          const { rows } = await server!.db.query<{ order_ref: string }>(
            'SELECT order_ref FROM tickets ORDER BY created_at DESC LIMIT 1',
          );
          return rows[0];
        });
        assert.equal(row?.order_ref, oldest.code);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    },
  );
});

describe('help for every shopper, on the demo (issue 13)', () => {
  it(
    'an agent writes an article; the shopper reads it, turns on larger text, sees the order and asks for a call back; the agent sees it all',
    { timeout: TEST_MS * 2 },
    async () => {
      mkdirSync(SHOTS, { recursive: true });
      const shipped = orders.find((o) => o.state === 'Shipped')!;
      const title = 'Where is my parcel? Following your order';

      // The agent writes and publishes the article in the console.
      const agent = await browser!.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
      const shopper = await browser!.newContext({
        locale: 'en-US',
        viewport: { width: 390, height: 844 },
        timezoneId: 'Europe/Berlin',
      });
      try {
        const console_ = await agent.newPage();
        const agentErrors = watch(console_);
        await signIn(console_, server!.url, ADMIN);
        await console_.getByRole('link', { name: 'Answers' }).click();
        await console_.getByRole('button', { name: 'New article' }).click();
        await console_.getByLabel('Title').fill(title);
        await console_
          .getByLabel('Article (Markdown)')
          .fill('## Follow your parcel\n\nOpen **My orders** in Help: each parcel has its carrier and tracking link.');
        await console_.getByRole('button', { name: 'Publish' }).click();
        await console_.getByText('Saved and published.').waitFor();

        // The shopper (signed in to the demo store) finds and reads it.
        const page = await shopper.newPage();
        const errors = watch(page);
        await page.goto(`${server!.url}/demo/`);
        await page.locator('nectar-launcher').getByRole('button', { name: 'Help', exact: true }).click();
        const panel = page.locator('nectar-panel');
        await panel.getByRole('searchbox').fill('parcel');
        await panel.locator('nectar-answers summary', { hasText: title }).click();
        const body = panel.locator('nectar-answers [part~="answer-body"]').first();
        await body.locator('h2', { hasText: 'Follow your parcel' }).waitFor();

        // Larger text, one press: everything in the panel at least 20 px, remembered.
        const larger = panel.getByRole('button', { name: 'Larger text' });
        await larger.click();
        assert.equal(await larger.getAttribute('aria-pressed'), 'true');
        const size = (l: typeof body) => l.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
        assert.ok((await size(body)) >= 20, 'the article in large text');
        assert.equal(await page.evaluate(() => localStorage.getItem('nectar.text-size')), 'large');
        await page.screenshot({ path: join(SHOTS, '01-article-large.png') });

        // Where the order is: the shipped one, with its carrier's tracking link.
        await panel.getByRole('tab', { name: 'My orders' }).click();
        const view = panel.locator('nectar-orders');
        const s = card(view, shipped.code);
        await s.waitFor();
        assert.equal((await s.locator('[part~="status"]').textContent())?.trim(), 'Shipped');
        await s.getByRole('link', { name: new RegExp(shipped.fulfillments[0]!.trackingCode!) }).waitFor();
        assert.ok((await size(s)) >= 20, 'the orders in large text');
        await page.screenshot({ path: join(SHOTS, '02-orders-large.png') });

        // Back to the article: "Contact us" hands the search and the article over; the form asks for a call back.
        await panel.getByRole('tab', { name: 'Answers' }).click();
        await panel.locator('nectar-answers').getByRole('button', { name: 'Contact us' }).click();
        const form = panel.locator('nectar-ticket-form');
        const message = field(form, /^Message/);
        await waitFor(async () => (await message.inputValue()).includes(title), 5000, 'the prefilled message');
        await form.getByText('Say what went wrong. Then say what you would like us to do.').waitFor();
        await form.getByRole('radio', { name: /^Delivery/ }).check();
        await form.getByRole('button', { name: 'Call me back' }).click();
        await form.getByRole('textbox', { name: /^Phone number/ }).fill('+49 30 1234 5678');
        await form.getByRole('radio', { name: 'Any time we are open' }).check();
        const email = field(form, /^Email/);
        if (!(await email.inputValue())) await email.fill(vendure!.shopper.email);
        await page.screenshot({ path: join(SHOTS, '03-call-back-large.png') });
        await form.getByRole('button', { name: 'Send' }).click();
        const number = (await form.locator('[part~="ticket-number"]').textContent())!.trim();
        assert.deepEqual(errors, []);

        // The agent: the call-back in the queue, and in the ticket the number, the search, the article and the message.
        await console_.getByRole('link', { name: 'Queue' }).click();
        const row = console_.locator('nectar-console-queue li', { hasText: number });
        await row.locator('.badge.callback', { hasText: /^Call back / }).waitFor({ timeout: 15_000 });
        await console_.getByRole('link', { name: new RegExp(number) }).click();
        const ticket = console_.locator('nectar-console-ticket');
        const call = ticket.locator('dd.callback').getByRole('link', { name: /\+49/ });
        await call.waitFor();
        assert.equal(await call.getAttribute('href'), 'tel:+493012345678');
        assert.equal((await ticket.locator('dd.searched').textContent())?.trim(), 'parcel');
        await ticket.locator('dd.read').getByRole('link', { name: title }).waitFor();
        await ticket
          .getByText(/I searched for “parcel” and read “Where is my parcel\? Following your order”/)
          .first()
          .waitFor();
        await console_.screenshot({ path: join(SHOTS, '04-console-ticket.png'), fullPage: true });
        assert.deepEqual(agentErrors, []);
        console.log(`[help] screenshots in ${SHOTS}`);
      } finally {
        await shopper.close();
        await agent.close();
      }
    },
  );
});
