/**
 * The agent console at /console/ in Chromium on the real service (in process, PGlite in memory), under its
 * strict CSP: sign-in (and a wrong password), the queue, a ticket whose shopper fields carry markup (shown
 * as text, no script runs), claim → reply → internal note → resolve, and the shopper's API view (the reply,
 * never the note); one ticket worked by keyboard only; axe on the queue and the ticket view; the team
 * screen (invite, the new agent signs in, disable ends their session); canned replies (an admin saves the set,
 * a refused variable shown next to its reply and fixed; an agent picks one on a zh-CN ticket, the preview filled
 * in, and sends it), priority hints (a food-poisoning ticket urgent, first in the queue, its reason in three
 * languages), the banner of a service without SMTP and each ticket's mail; a remedy (refused without an amount,
 * fixed; the shopper's timeline and a queued mail) and the attribution (the board counts it; markup stays
 * text); the problem board (grouped by supplier, a group claimed for Purchasing, marked a known issue, closed
 * with a note, and back after a new ticket; the service's answer at each step). Screenshots of each screen go to
 * the OS temp dir (their paths are printed).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Locator, type Page } from 'playwright-core';
import type { RunningServer } from '@nectar/server';
import { consoleAppRoutes } from '../../packages/server/src/routes/console-app.ts';
import { ADMIN, axe, newConsolePage, submitSignIn, startConsole, stopConsole } from '../support/console.ts';
import { png, waitFor } from '../support/e2e.ts';

const XSS = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';
const SHOTS = join(tmpdir(), 'nectar-console-screenshots');

let server: RunningServer;
let browser: Browser;

before(async () => {
  ({ server, browser } = await startConsole({ rateLimit: { writesPerIp: 10_000, writesPerSite: 100_000 } }));
  mkdirSync(SHOTS, { recursive: true });
});
after(() => stopConsole(server, browser));

const shopperHeaders = { 'X-Nectar-Site': 'demo' };

/** A ticket over the shopper API, as the widgets file it. */
async function fileTicket(input: {
  subject: string;
  message: string;
  name?: string;
  attachments?: string[];
  locale?: string;
  orderRef?: string;
  category?: string;
}) {
  const res = await fetch(`${server.url}/v1/tickets`, {
    method: 'POST',
    headers: { ...shopperHeaders, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({
      category: input.category ?? 'damaged',
      subject: input.subject,
      message: input.message,
      contact: { email: 'shopper@example.com', ...(input.name ? { name: input.name } : {}) },
      attachments: input.attachments ?? [],
      ...(input.locale ? { locale: input.locale } : {}),
      ...(input.orderRef ? { orderRef: input.orderRef } : {}),
    }),
  });
  assert.equal(res.status, 201);
  return (await res.json()) as { id: string; number: string; accessToken: string };
}

async function uploadPhoto(): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(png(64, 48))], { type: 'image/png' }), 'jar.png');
  const res = await fetch(`${server.url}/v1/attachments`, {
    method: 'POST',
    headers: { ...shopperHeaders, 'Idempotency-Key': randomUUID() },
    body: form,
  });
  assert.equal(res.status, 201);
  return ((await res.json()) as { id: string }).id;
}

async function openConsole(options: { viewport?: { width: number; height: number }; locale?: string } = {}) {
  const opened = await newConsolePage(browser, { ...options, timezoneId: 'Europe/Berlin' });
  await opened.page.goto(`${server.url}/console/`);
  return opened;
}

async function shot(page: Page, name: string) {
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`[console] screenshot: ${path}`);
}

/** The agent API with the service's agent key (a machine's full rights). */
const agentApi = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${server.agentKey}`,
      'Idempotency-Key': randomUUID(),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  assert.ok(res.ok, `${method} ${path}: ${res.status}`);
  return (await res.json()) as any;
};

const shopperView = async (t: { id: string; accessToken: string }) =>
  (await (
    await fetch(`${server.url}/v1/tickets/${t.id}`, {
      headers: { ...shopperHeaders, Authorization: `Bearer ${t.accessToken}` },
    })
  ).json()) as { status: string; timeline: { kind: string; body?: string }[] };

describe('agent console', () => {
  it('is served at /console/ under a strict CSP, hashed files immutable, the page revalidated', async () => {
    const moved = await fetch(`${server.url}/console`, { redirect: 'manual' });
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.get('location'), '/console/');
    const page = await fetch(`${server.url}/console/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(page.headers.get('cache-control'), 'no-cache');
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self';/);
    assert.match(csp, /style-src 'self';/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const html = await page.text();
    const entry = /src="\.\/(console-[\w-]{8}\.js)"/.exec(html)?.[1];
    assert.ok(entry, html);
    const script = await fetch(`${server.url}/console/${entry}`, { headers: { 'Accept-Encoding': 'br' } });
    assert.equal(script.status, 200);
    assert.equal(script.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(script.headers.get('content-encoding'), 'br');
    assert.equal((await fetch(`${server.url}/console/../src/app.ts`)).status, 404);
  });

  it('answers a readable 503 page, under the same CSP, when the console is not built', async () => {
    const res = await consoleAppRoutes(join(tmpdir(), `no-console-${randomUUID()}`)).request('/console/');
    assert.equal(res.status, 503);
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(await res.text(), /Run <code>npm run build<\/code>/);
  });

  it('says so when the password is wrong', async () => {
    const { context, page, errors } = await openConsole();
    await submitSignIn(page, { email: ADMIN.email, password: 'not-the-password' });
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Queue' }).count(), 0);
    await shot(page, '01-sign-in-wrong-password');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('tells a throttled account how long to wait', async () => {
    const { context, page, errors } = await openConsole();
    for (let i = 0; i < 6; i++) {
      await submitSignIn(page, { email: 'nobody@shop.example', password: `wrong password ${i}` });
      await page
        .getByRole('alert')
        .filter({ hasText: /Wrong email or password|Too many/ })
        .waitFor();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
    }
    await page
      .getByRole('alert')
      .filter({ hasText: /^Too many failed sign-ins\. Try again in \d+ minutes\.$/ })
      .waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('works a ticket end to end: markup stays text, claim, reply, note, resolve; the shopper never sees the note', async () => {
    const photo = await uploadPhoto();
    const ticket = await fileTicket({
      subject: `Broken jar ${XSS}`,
      message: `The jar arrived cracked. ${XSS}<script>window.__xss=99</script>`,
      name: `<b onmouseover="window.__xss=7">Mia</b>`,
      attachments: [photo],
    });
    const { context, page, errors } = await openConsole();
    await submitSignIn(page, ADMIN);
    await page.getByRole('heading', { name: 'Queue' }).waitFor();

    // The queue: the ticket is there, its subject as text.
    const link = page.getByRole('link', { name: new RegExp(ticket.number) });
    await link.waitFor();
    assert.match((await link.textContent()) ?? '', /Broken jar <img src=x onerror=/);
    await shot(page, '02-queue');
    assert.deepEqual(await axe(page), [], 'axe: the queue');

    await link.click();
    await page.getByRole('heading', { level: 1, name: /Broken jar/ }).waitFor();
    const main = page.locator('nectar-console-ticket');
    await main.getByText('The jar arrived cracked. <img src=x onerror=', { exact: false }).waitFor();
    await main.getByText('<b onmouseover="window.__xss=7">Mia</b>').first().waitFor();
    // No element came out of the shopper's text: no <img src=x>, <script> or <b> anywhere in the console.
    // (A string: tsx would wrap a named inner function of a callback in a helper the page lacks.)
    const injected = await page.evaluate(`(() => {
      const found = [];
      const walk = (node) => {
        for (const el of node.querySelectorAll('*')) {
          if (el.matches('img[src="x"], script:not([src]), b[onmouseover], [onerror]')) found.push(el.outerHTML);
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      return { found, xss: window.__xss };
    })()`);
    assert.deepEqual(injected, { found: [], xss: undefined }, 'no script of the shopper ran');

    // The photo, from the agent attachment route, as an <img>.
    const img = main.getByRole('img', { name: 'Photo 1 of 1 from the shopper' });
    await img.waitFor();
    await waitFor(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth === 64), 10_000, 'photo');
    assert.match((await img.getAttribute('src')) ?? '', new RegExp(`/v1/agent/tickets/${ticket.id}/attachments/`));
    assert.deepEqual(await axe(page), [], 'axe: the ticket view');
    await shot(page, '03-ticket');

    await main.getByRole('button', { name: 'Claim', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'You own this ticket now.' }).waitFor();
    assert.equal(await main.getByRole('button', { name: 'Claim', exact: true }).count(), 0);

    await main.getByRole('textbox', { name: 'Reply' }).fill('Sorry about the jar — a new one ships today.');
    await main.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('status').filter({ hasText: 'Reply sent to the shopper.' }).waitFor();
    await main.getByText('Lena Admin replied').waitFor();

    await main.getByRole('textbox', { name: 'Internal note' }).fill('Supplier batch 42 again — check the packaging.');
    await main.getByRole('button', { name: 'Add note' }).click();
    await main.getByText('Internal note by Lena Admin').waitFor();

    await main.getByRole('button', { name: 'Resolve', exact: true }).click();
    await main.getByRole('button', { name: 'Reopen', exact: true }).waitFor();
    await shot(page, '04-ticket-resolved');

    const seen = await shopperView(ticket);
    assert.equal(seen.status, 'resolved');
    assert.ok(
      seen.timeline.some((e) => e.kind === 'replied' && e.body === 'Sorry about the jar — a new one ships today.'),
    );
    assert.doesNotMatch(JSON.stringify(seen), /Supplier batch|packaging/, 'the note never reaches the shopper');
    assert.equal(await page.evaluate(() => (window as any).__xss), undefined);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('works by keyboard only: search, open, claim, reply, the shortcut list, back', async () => {
    const ticket = await fileTicket({ subject: 'Keyboard kumquat order', message: 'Where is my kumquat jam?' });
    const { context, page, errors } = await openConsole();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.keyboard.type(ADMIN.email); // the email field has the focus
    await page.keyboard.press('Tab');
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Queue' }).waitFor();

    await page.keyboard.press('/');
    await page.keyboard.type('kumquat');
    await page.getByRole('link', { name: new RegExp(ticket.number) }).waitFor();
    await waitFor(async () => (await page.locator('nectar-console-queue li').count()) === 1, 5000, 'one result');
    await page.keyboard.press('Escape'); // leaves the search box
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    const main = page.locator('nectar-console-ticket');
    await main.getByRole('heading', { level: 1, name: /Keyboard kumquat order/ }).waitFor();

    await page.keyboard.press('c');
    await page.getByRole('status').filter({ hasText: 'You own this ticket now.' }).waitFor();
    await page.keyboard.press('r');
    await page.keyboard.type('It left the warehouse this morning.');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('status').filter({ hasText: 'Reply sent to the shopper.' }).waitFor();
    const view = await shopperView(ticket);
    assert.equal(view.status, 'waiting_on_customer');
    assert.ok(view.timeline.some((e) => e.kind === 'replied' && e.body === 'It left the warehouse this morning.'));

    await page.keyboard.press('Escape'); // out of the reply box
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    await shot(page, '05-shortcuts');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: 'Queue' }).waitFor();
    // Back on the queue, the ticket just worked has the focus again.
    await waitFor(
      () =>
        page.evaluate(
          (number) =>
            document
              .querySelector('nectar-console')
              ?.shadowRoot?.querySelector('nectar-console-queue')
              ?.shadowRoot?.activeElement?.textContent?.includes(number) ?? false,
          ticket.number,
        ),
      5000,
      'the worked ticket focused in the queue',
    );
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('lets an admin invite an agent, who signs in; disabling them ends their session', async () => {
    const { context, page, errors } = await openConsole();
    await submitSignIn(page, ADMIN);
    await page.getByRole('link', { name: 'Agents' }).click();
    await page.getByRole('heading', { name: 'Agents', level: 1 }).waitFor();
    const team = page.locator('nectar-console-agents');
    await team.getByRole('textbox', { name: 'Name' }).fill('Ana Agent');
    await team.getByRole('textbox', { name: 'Email' }).fill('ana@shop.example');
    await team.getByRole('button', { name: 'Generate a password' }).click();
    const password = await team.getByLabel('Temporary password').inputValue();
    assert.ok(password.length >= 12);
    await team.getByRole('button', { name: 'Add agent' }).click();
    await page.getByRole('status').filter({ hasText: 'Ana Agent can now sign in.' }).waitFor();
    await team.getByRole('cell', { name: 'ana@shop.example' }).waitFor();
    await shot(page, '06-agents');

    const ana = await openConsole({ viewport: { width: 768, height: 1024 } });
    await submitSignIn(ana.page, { email: 'ana@shop.example', password });
    await ana.page.getByRole('heading', { name: 'Queue' }).waitFor();
    assert.equal(await ana.page.getByRole('link', { name: 'Agents' }).count(), 0, 'agents see no team screen');
    await shot(ana.page, '07-queue-tablet');

    await team.getByRole('button', { name: 'Disable: Ana Agent' }).click();
    const confirm = page.getByRole('dialog', { name: 'Disable Ana Agent?' });
    await confirm.getByRole('button', { name: 'Disable', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Ana Agent is disabled.' }).waitFor();

    // Ana's next refresh finds the session gone: back to sign-in, told why.
    await ana.page.getByRole('button', { name: 'Refresh' }).click();
    await ana.page.getByText('Your session has ended. Please sign in again.').waitFor();
    await ana.page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.deepEqual([...errors, ...ana.errors], []);
    await ana.context.close();
    await context.close();
  });

  it('reads well on a tablet, in the dark theme and in Chinese', async () => {
    const ticket = await fileTicket({ subject: '罐子碎了', message: '收到的时候罐子已经碎了。' });
    const tablet = await openConsole({ viewport: { width: 768, height: 1024 }, locale: 'zh-CN' });
    await tablet.page.getByRole('button', { name: '登录' }).waitFor();
    await shot(tablet.page, '08-sign-in-zh-CN');
    await tablet.page.getByRole('textbox', { name: '邮箱' }).fill(ADMIN.email);
    await tablet.page.getByLabel('密码').fill(ADMIN.password);
    await tablet.page.getByRole('button', { name: '登录' }).click();
    await tablet.page.getByRole('heading', { name: '工单队列' }).first().waitFor();
    await tablet.page.getByRole('link', { name: new RegExp(ticket.number) }).click();
    await tablet.page.getByRole('heading', { level: 1, name: /罐子碎了/ }).waitFor();
    await tablet.page.getByRole('button', { name: '认领' }).waitFor();
    const width = await tablet.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 768, `no sideways scrolling at 768 px (${width})`);
    await shot(tablet.page, '09-ticket-tablet-zh-CN');
    assert.deepEqual(tablet.errors, []);
    await tablet.context.close();

    const dark = await openConsole();
    await dark.page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await submitSignIn(dark.page, ADMIN);
    await dark.page.getByRole('heading', { name: 'Queue' }).waitFor();
    await dark.page.getByRole('link', { name: new RegExp(ticket.number) }).waitFor();
    assert.deepEqual(await axe(dark.page), [], 'axe: the dark queue');
    await shot(dark.page, '10-queue-dark');
    await dark.context.close();
  });
  it('lets an admin edit the canned replies: an unknown variable refused next to its reply, fixed, saved', async () => {
    const { context, page, errors } = await openConsole();
    await submitSignIn(page, ADMIN);
    await page.getByRole('heading', { name: 'Queue' }).waitFor();
    await page.getByRole('link', { name: 'Canned replies' }).click();
    await page.getByRole('heading', { name: 'Canned replies', level: 1 }).waitFor();
    const screen = page.locator('nectar-console-canned');
    await screen.getByText('No canned replies yet.').waitFor();

    const add = async (n: number, reply: { title: string; locale: string; category: string; body: string }) => {
      await screen.getByRole('button', { name: 'Add a reply' }).click();
      const group = screen.getByRole('group', { name: `Reply ${n}` });
      await group.getByRole('textbox', { name: 'Title' }).fill(reply.title);
      await group.getByRole('combobox', { name: 'Language' }).selectOption(reply.locale);
      await group.getByRole('combobox', { name: 'Category' }).selectOption(reply.category);
      await group.getByRole('textbox', { name: 'Text' }).fill(reply.body);
    };
    const RESHIP = '{{shopper.name}}，您好！订单 {{order.number}} 的新货已发出（{{ticket.number}}）。—— {{agent.name}}';
    await add(1, { title: '补发通知', locale: 'zh-CN', category: 'damaged', body: RESHIP });
    await add(2, {
      title: 'Voucher',
      locale: 'en',
      category: '',
      body: 'Your code for {{order.number}}: {{voucher.code}}',
    });
    await add(3, { title: 'Thanks', locale: 'en', category: '', body: 'Thanks for writing, {{shopper.name}}.' });
    await screen.getByText('Unsaved changes.').waitFor();

    // The service refuses reply 2 (replies.1.body: unknown_variable): said next to it, everything kept.
    await screen.getByRole('button', { name: 'Save canned replies' }).click();
    await screen.getByRole('alert').filter({ hasText: 'Not saved: 1 field needs a change.' }).waitFor();
    const voucher = screen.getByRole('group', { name: 'Reply 2: Voucher' });
    const voucherText = voucher.getByRole('textbox', { name: 'Text' });
    await voucher.getByText('{{voucher.code}} is not a variable. Use {{shopper.name}},', { exact: false }).waitFor();
    assert.equal(await voucherText.getAttribute('aria-invalid'), 'true');
    await waitFor(
      () => voucherText.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement),
      5000,
      'focus',
    );
    assert.equal(await voucherText.inputValue(), 'Your code for {{order.number}}: {{voucher.code}}');
    assert.equal(
      await screen
        .getByRole('group', { name: 'Reply 1: 补发通知' })
        .getByRole('textbox', { name: 'Text' })
        .inputValue(),
      RESHIP,
    );
    assert.equal(await screen.locator('[aria-invalid="true"]').count(), 1, 'only that field is marked');
    assert.deepEqual(await axe(page), [], 'axe: canned replies with an error');
    await shot(page, '11-canned-replies-refused');

    // Reordered, the error stays with its reply; fixed, the set saves in the admin's order.
    await screen.getByRole('button', { name: 'Move up: Reply 3: Thanks' }).click();
    const moved = screen.getByRole('group', { name: 'Reply 3: Voucher' });
    await moved.getByText('{{voucher.code}} is not a variable.', { exact: false }).waitFor();
    await moved.getByRole('textbox', { name: 'Text' }).fill('Here is a voucher for order {{order.number}}.');
    assert.equal(await moved.getByText('is not a variable', { exact: false }).count(), 0);
    await screen.getByRole('button', { name: 'Save canned replies' }).click();
    await page.getByRole('status').filter({ hasText: 'Canned replies saved.' }).waitFor();
    assert.equal(await screen.getByText('Unsaved changes.').count(), 0);
    const saved = await agentApi('GET', '/v1/agent/canned-replies');
    assert.deepEqual(
      saved.replies.map((r: any) => [r.title, r.locale, r.category]),
      [
        ['补发通知', 'zh-CN', 'damaged'],
        ['Thanks', 'en', null],
        ['Voucher', 'en', null],
      ],
    );
    assert.deepEqual(await axe(page), [], 'axe: canned replies');
    await shot(page, '12-canned-replies');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('lets an agent reply with a canned reply: the preview filled in, edited, sent; the shopper reads it', async () => {
    await agentApi('POST', '/v1/agent/agents', {
      email: 'kai@shop.example',
      name: 'Kai Agent',
      role: 'agent',
      password: 'kai-agent-password',
    });
    const noOrder = await fileTicket({ subject: 'Lid missing', message: 'The lid is missing.' });
    const ticket = await fileTicket({
      subject: '果酱罐子碎了',
      message: '收到的时候罐子已经碎了。',
      name: '王梅',
      locale: 'zh-CN',
      orderRef: 'ORD-2041',
    });
    const { context, page, errors } = await openConsole();
    await submitSignIn(page, { email: 'kai@shop.example', password: 'kai-agent-password' });
    await page.getByRole('heading', { name: 'Queue' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Canned replies' }).count(), 0, 'agents do not edit them');
    const main = page.locator('nectar-console-ticket');
    const picker = main.getByRole('combobox', { name: 'Canned reply' });
    const reply = main.getByRole('textbox', { name: 'Reply' });

    // An English ticket without an order number: the templates say what they could not fill in.
    await page.getByRole('link', { name: new RegExp(noOrder.number) }).click();
    await main.getByRole('heading', { level: 1, name: /Lid missing/ }).waitFor();
    await picker.waitFor();
    assert.deepEqual(
      (await picker.locator('option').allTextContents()).map((o) => o.trim()),
      ['Choose a template…', 'Thanks (every category)', 'Voucher (every category)'],
    );
    await picker.selectOption({ label: 'Voucher (every category)' });
    assert.equal(await reply.inputValue(), 'Here is a voucher for order .');
    await main.getByText('No value for {{order.number}}: it is left empty.', { exact: false }).waitFor();

    // The zh-CN ticket with an order number: its own template, every value filled in.
    await main.getByRole('link', { name: 'Back to the queue' }).click();
    await page.getByRole('link', { name: new RegExp(ticket.number) }).click();
    await main.getByRole('heading', { level: 1, name: /果酱罐子碎了/ }).waitFor();
    await main.getByRole('button', { name: 'Claim', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'You own this ticket now.' }).waitFor();
    await picker.waitFor();
    assert.deepEqual(
      (await picker.locator('option').allTextContents()).map((o) => o.trim()),
      ['Choose a template…', '补发通知 (Damaged)'],
    );
    assert.equal(await reply.inputValue(), '', "the other ticket's text stayed with it");
    await picker.selectOption({ label: '补发通知 (Damaged)' });
    const filled = `王梅，您好！订单 ORD-2041 的新货已发出（${ticket.number}）。—— Kai Agent`;
    assert.equal(await reply.inputValue(), filled);
    assert.equal(await main.getByText('No value for', { exact: false }).isVisible(), false);
    await page.getByRole('status').filter({ hasText: '“补发通知” is in the reply box.' }).waitFor();
    assert.deepEqual(await axe(page), [], 'axe: the ticket view with a canned reply');
    await shot(page, '13-ticket-canned-reply');

    await reply.press('End');
    await reply.pressSequentially(' 祝好！');
    await main.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('status').filter({ hasText: 'Reply sent to the shopper.' }).waitFor();
    assert.equal(await reply.inputValue(), '');
    assert.equal(await picker.inputValue(), '', 'the picker is back to its prompt');
    const seen = await shopperView(ticket);
    assert.ok(
      seen.timeline.some((e) => e.kind === 'replied' && e.body === `${filled} 祝好！`),
      JSON.stringify(seen.timeline),
    );

    // No SMTP server: the banner says so, and the ticket's mail waits.
    await page.getByText('Mail to shoppers is waiting: NECTAR_SMTP_URL is not set.').waitFor();
    const mail = main.getByRole('list', { name: 'Mail sent or queued for this ticket' });
    await mail.getByText('Agent’s reply').waitFor();
    await mail.getByText('Waiting', { exact: true }).waitFor();
    await main.getByText('Waiting for an SMTP server (NECTAR_SMTP_URL).').waitFor();
    assert.match((await mail.textContent()) ?? '', /shopper@example\.com[\s\S]*Attempts\s*0/);
    assert.deepEqual(await axe(page), [], 'axe: the ticket view with its mail');
    await shot(page, '14-ticket-mail-waiting');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('puts a food-poisoning ticket first as urgent, with its reason, in English and Chinese', async () => {
    const angry = await fileTicket({ subject: 'Third time', message: 'This is unacceptable, where is my order?' });
    const food = await fileTicket({
      subject: 'Sick after the jam',
      message: 'My kids got food poisoning after eating your jam.',
    });
    const { context, page, errors } = await openConsole();
    await submitSignIn(page, ADMIN);
    await page.getByRole('heading', { name: 'Queue' }).waitFor();
    await page.getByRole('button', { name: 'Refresh' }).click();
    const rows = page.locator('nectar-console-queue li');
    await waitFor(async () => ((await rows.first().textContent()) ?? '').includes(food.number), 5000, 'urgent first');
    assert.match((await rows.first().locator('.badge').first().textContent()) ?? '', /^\s*Urgent\s*$/);
    const angryRow = rows.filter({ hasText: angry.number });
    await angryRow.getByText('High priority', { exact: true }).waitFor();
    await page.getByRole('link', { name: new RegExp(`${food.number}.*, Urgent`) }).waitFor();
    assert.deepEqual(await axe(page), [], 'axe: the queue with priorities');
    await shot(page, '15-queue-priority');

    await rows.first().getByRole('link').click();
    const main = page.locator('nectar-console-ticket');
    await main.getByRole('heading', { level: 1, name: /Sick after the jam/ }).waitFor();
    await main.getByText('Priority: Urgent').waitFor();
    const details = main.getByRole('region', { name: 'Details' });
    await details.getByText('Safety').waitFor();
    await details.getByText('food poisoning', { exact: true }).waitFor();
    await shot(page, '16-ticket-priority');

    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-TW');
    await main.getByText('優先順序: 緊急').waitFor();
    await main.getByRole('region', { name: '詳細資料' }).getByText('安全', { exact: true }).waitFor();
    await page.getByText('寄給顧客的郵件正在等待：未設定 NECTAR_SMTP_URL。').waitFor();
    await page.getByRole('combobox', { name: '語言' }).selectOption('zh-CN');
    await main.getByText('优先级: 紧急').waitFor();
    await page.getByText('发给顾客的邮件正在等待：未设置 NECTAR_SMTP_URL。').waitFor();
    assert.deepEqual(await axe(page), [], 'axe: the ticket view in Chinese');
    await shot(page, '17-ticket-priority-zh-CN');
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('records a remedy (refused without an amount, then fixed) the shopper sees and is mailed; attributes the ticket for the board', async () => {
    const ticket = await fileTicket({ subject: 'Tea tin dented', message: 'The tin of oolong arrived dented.' });
    const { context, page, errors } = await openConsole();
    await submitSignIn(page, ADMIN);
    await page.getByRole('heading', { name: 'Queue' }).waitFor();
    await page.getByRole('link', { name: new RegExp(ticket.number) }).click();
    const main = page.locator('nectar-console-ticket');
    await main.getByRole('heading', { level: 1, name: /Tea tin dented/ }).waitFor();
    const isFocused = (l: Locator) => l.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement);

    // The dialog opens on the kind (a radio group, arrow keys pick); a reship has no amount.
    const opener = main.getByRole('button', { name: 'Remedy', exact: true });
    await opener.click();
    const dialog = main.getByRole('dialog', { name: 'Record a remedy' });
    await dialog.waitFor();
    const refund = dialog.getByRole('radio', { name: 'Refund' });
    const amount = dialog.getByRole('spinbutton', { name: 'Amount' });
    const currency = dialog.getByRole('combobox', { name: 'Currency' });
    const words = dialog.getByRole('textbox', { name: 'Message to the shopper (optional)' });
    await waitFor(() => isFocused(refund), 5000, 'focus on the kind');
    assert.equal(await refund.isChecked(), true);
    assert.equal(await currency.inputValue(), 'EUR', 'no order currency known: EUR');
    await page.keyboard.press('ArrowRight');
    assert.equal(await dialog.getByRole('radio', { name: 'Reship' }).isChecked(), true);
    await waitFor(async () => !(await amount.isVisible()), 5000, 'no amount for a reship');
    await page.keyboard.press('ArrowLeft');
    await amount.waitFor();
    assert.deepEqual(await axe(page), [], 'axe: the remedy dialog');

    // A refund without an amount: the service refuses it, said at the amount; what was typed stays.
    const SORRY = 'Sorry about the tin — your refund is on its way.';
    await words.fill(SORRY);
    await dialog.getByRole('button', { name: 'Record remedy' }).click();
    await dialog.getByText('A refund or voucher needs an amount.').waitFor();
    assert.equal(await amount.getAttribute('aria-invalid'), 'true');
    assert.equal(await currency.getAttribute('aria-invalid'), 'false');
    await waitFor(() => isFocused(amount), 5000, 'focus on the amount');
    assert.equal(await words.inputValue(), SORRY);
    assert.equal(await currency.inputValue(), 'EUR');
    assert.equal(await refund.isChecked(), true);
    assert.deepEqual(await axe(page), [], 'axe: the remedy dialog with an error');
    await shot(page, '18-remedy-refused');

    await amount.fill('12.50');
    await dialog.getByRole('button', { name: 'Record remedy' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Remedy recorded: Refund, €12.50. A mail to the shopper is queued.' })
      .waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await waitFor(() => isFocused(opener), 5000, 'focus back on Remedy');
    const entry = main.locator('li.entry').filter({ hasText: 'Lena Admin recorded a remedy' });
    await entry.getByText('Refund, €12.50').waitFor();
    await entry.getByText(SORRY).waitFor();
    assert.equal(await entry.getByText('Internal').count(), 0, 'the shopper sees a remedy');

    const seen = (await shopperView(ticket)) as unknown as {
      timeline: { kind: string; body?: string; remedy?: { kind: string; amount?: number; currency?: string } }[];
    };
    const remedy = seen.timeline.find((e) => e.kind === 'remedy');
    assert.ok(remedy, JSON.stringify(seen.timeline));
    assert.equal(remedy.body, SORRY);
    assert.deepEqual([remedy.remedy?.kind, remedy.remedy?.amount, remedy.remedy?.currency], ['refund', 12.5, 'EUR']);
    const mail = main.getByRole('list', { name: 'Mail sent or queued for this ticket' });
    await mail.getByText('Remedy recorded', { exact: true }).waitFor();
    const queued = await agentApi('GET', `/v1/agent/mail?ticket=${ticket.id}`);
    assert.deepEqual(
      queued.mail.map((m: any) => m.kind),
      ['remedy'],
    );
    await shot(page, '19-remedy-recorded');

    // Attribution: saved together, shown in the fields, counted by the board; a product name stays text.
    const PRODUCT = '<img src=x onerror=alert(1)>';
    const attribution = main.getByRole('region', { name: 'Attribution' });
    const department = attribution.getByRole('combobox', { name: 'Department' });
    const supplier = attribution.getByRole('combobox', { name: 'Supplier' });
    const product = attribution.getByRole('combobox', { name: 'Product' });
    await department.fill('Warehouse');
    await supplier.fill('Acme Teas');
    await product.fill(PRODUCT);
    await attribution.getByRole('button', { name: 'Save attribution' }).click();
    await page.getByRole('status').filter({ hasText: 'Attribution saved.' }).waitFor();
    const saved = await agentApi('GET', `/v1/agent/tickets/${ticket.id}`);
    assert.deepEqual(saved.attribution, { department: 'Warehouse', supplier: 'Acme Teas', product: PRODUCT });
    assert.equal(await product.inputValue(), PRODUCT);
    const board = await agentApi('GET', '/v1/agent/board?by=supplier');
    assert.equal(board.groups.find((g: any) => g.key === 'Acme Teas')?.count, 1, JSON.stringify(board.groups));

    // A saved value can be replaced, not removed: said at the field.
    await department.fill('');
    await attribution.getByRole('button', { name: 'Save attribution' }).click();
    await attribution.getByText('A saved value can be changed, not removed.').waitFor();
    assert.equal(await department.getAttribute('aria-invalid'), 'true');
    await waitFor(() => isFocused(department), 5000, 'focus on the department');
    assert.deepEqual(await axe(page), [], 'axe: the attribution with an error');
    await department.fill('Warehouse');

    // The product's markup is text: no element came of it, and no alert ran.
    await page.reload();
    await main.getByRole('heading', { level: 1, name: /Tea tin dented/ }).waitFor();
    assert.equal(await main.getByRole('combobox', { name: 'Product' }).inputValue(), PRODUCT);
    await main.getByRole('combobox', { name: 'Supplier' }).focus();
    await waitFor(
      async () => (await main.locator('#attr-product-values option').count()) > 0,
      10_000,
      'suggestions from the board',
    );
    assert.equal(await main.locator('#attr-product-values option').first().getAttribute('value'), PRODUCT);
    const injected = await page.evaluate(`(() => {
      const found = [];
      const walk = (node) => {
        for (const el of node.querySelectorAll('*')) {
          if (el.matches('img[src="x"], [onerror]')) found.push(el.outerHTML);
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      return found;
    })()`);
    assert.deepEqual(injected, []);

    // A tablet: the section and the dialog fit, no sideways scrolling.
    await page.setViewportSize({ width: 768, height: 1024 });
    await main.getByRole('button', { name: 'Remedy', exact: true }).click();
    await main.getByRole('dialog', { name: 'Record a remedy' }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 768, `no sideways scrolling at 768 px (${width})`);
    await shot(page, '20-remedy-tablet');
    await page.keyboard.press('Escape');
    await main.getByRole('dialog', { name: 'Record a remedy' }).waitFor({ state: 'hidden' });
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('works the problem board: group by supplier, claim for a department, mark a known issue, close with a note', async () => {
    const attribute = async (supplier: string, subject: string) => {
      const t = await fileTicket({ subject, message: `${subject}.`, category: 'delivery' });
      await agentApi('POST', `/v1/agent/tickets/${t.id}/attribution`, { supplier, department: 'Warehouse' });
      return t;
    };
    for (let i = 0; i < 3; i++) await attribute('Acme Teas', `Tea crate ${i} crushed`);
    for (let i = 0; i < 2; i++) await attribute('Hive & Co', `Honey lid ${i} loose`);
    const { context, page, errors } = await openConsole();
    await submitSignIn(page, ADMIN);
    await page.getByRole('heading', { name: 'Queue' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Board', exact: true }).click();
    const main = page.locator('nectar-console-board');
    await main.getByRole('heading', { level: 1, name: 'Problem board' }).waitFor();
    assert.match(page.url(), /#\/board$/);
    await main.getByRole('combobox', { name: 'Group by' }).selectOption({ label: 'Supplier' });
    await main.getByRole('combobox', { name: 'Range' }).selectOption({ label: 'Last 7 days' });
    const table = main.getByRole('table', { name: 'Problems by supplier, last 7 days' });
    await table.waitFor();
    const acme = table.getByRole('row', { name: /Acme Teas/ });
    const hive = table.getByRole('row', { name: /Hive & Co/ });
    await acme.waitFor();
    assert.equal(await hive.getByRole('cell').first().innerText(), '2', 'tickets of Hive & Co');
    await acme.getByText('New: none in the period before').waitFor();
    await acme.getByText('Spike', { exact: true }).waitFor();
    await acme.getByText(/tickets where about 0 were expected from the 28 days before/).waitFor();
    await acme.getByText('Nobody yet').waitFor();
    assert.deepEqual(await axe(page), [], 'axe: the board');
    await shot(page, '21-board');

    const claimState = async () =>
      (await agentApi('GET', '/v1/agent/board?by=supplier')).groups.find((g: any) => g.key === 'Acme Teas').claim;
    const isFocused = (l: Locator) => l.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement);

    // Claim: the department is asked for, and required.
    await acme.getByRole('button', { name: 'Claim Acme Teas' }).click();
    const claimDialog = main.getByRole('dialog', { name: 'Claim Acme Teas' });
    await claimDialog.waitFor();
    const department = claimDialog.getByRole('textbox', { name: 'Department' });
    await waitFor(() => isFocused(department), 5000, 'focus on the department');
    await claimDialog.getByRole('button', { name: 'Claim', exact: true }).click();
    await claimDialog.getByText('Required.').waitFor();
    assert.equal(await department.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await axe(page), [], 'axe: the claim dialog with an error');
    await department.fill('Purchasing');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Acme Teas claimed by Purchasing.' }).waitFor();
    await claimDialog.waitFor({ state: 'hidden' });
    await acme.getByText('Claimed by Purchasing').waitFor();
    let claim = await claimState();
    assert.deepEqual([claim.status, claim.department, claim.claimedBy], ['claimed', 'Purchasing', 'Lena Admin']);
    assert.equal(await acme.getByRole('button', { name: 'Claim Acme Teas' }).count(), 0);
    await waitFor(() => isFocused(acme.getByRole('button').first()), 5000, 'focus back on the row');

    // Known issue: one click; the department stays.
    await acme.getByRole('button', { name: 'Mark known issue Acme Teas' }).click();
    await page.getByRole('status').filter({ hasText: 'Acme Teas marked a known issue.' }).waitFor();
    await acme.getByText('Known issue', { exact: true }).waitFor();
    claim = await claimState();
    assert.deepEqual([claim.status, claim.department, claim.knownIssueBy], ['known_issue', 'Purchasing', 'Lena Admin']);

    // Close: a note is required, asked for by keyboard.
    const closeButton = acme.getByRole('button', { name: 'Close Acme Teas' });
    await closeButton.focus();
    await page.keyboard.press('Enter');
    const closeDialog = main.getByRole('dialog', { name: 'Close Acme Teas' });
    await closeDialog.waitFor();
    const note = closeDialog.getByRole('textbox', { name: 'Note' });
    await waitFor(() => isFocused(note), 5000, 'focus on the note');
    await closeDialog.getByRole('button', { name: 'Close group' }).click();
    await closeDialog.getByText('Required.').waitFor();
    assert.deepEqual(await axe(page), [], 'axe: the close dialog with an error');
    const NOTE = 'Acme Teas packs crates with corner guards from now on.';
    await note.fill(NOTE);
    await closeDialog.getByRole('button', { name: 'Close group' }).click();
    await page.getByRole('status').filter({ hasText: 'Acme Teas closed.' }).waitFor();
    await acme.getByText('Closed', { exact: true }).waitFor();
    await acme.getByText(NOTE).waitFor();
    claim = await claimState();
    assert.deepEqual([claim.status, claim.note, claim.closedBy, claim.reopened], ['closed', NOTE, 'Lena Admin', false]);
    assert.equal(await hive.getByText('Nobody yet').count(), 1, 'the other supplier is untouched');
    assert.deepEqual(await axe(page), [], 'axe: the board with a closed group');
    await shot(page, '22-board-closed');

    // A ticket after the close: the group came back.
    await attribute('Acme Teas', 'Tea crate crushed again');
    await main.getByRole('button', { name: 'Refresh' }).click();
    await acme.getByText('Came back: 1 new ticket since the close').waitFor();
    assert.equal((await claimState()).reopened, true);

    // A tablet: the table fits without sideways scrolling of the page.
    await page.setViewportSize({ width: 768, height: 1024 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 768, `no sideways scrolling at 768 px (${width})`);
    const fit = await main.locator('.table-wrap').evaluate((el) => [el.scrollWidth, el.clientWidth]);
    assert.ok(fit[0]! <= fit[1]!, `the table fits at 768 px (${fit})`);
    assert.deepEqual(await axe(page), [], 'axe: the board on a tablet');
    await shot(page, '23-board-tablet');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('shows an open alert as a banner until it clears', async () => {
    const saved = await agentApi('PUT', '/v1/agent/alerts', {
      rules: [{ name: 'CSAT sinking', metric: 'csat_average', comparison: '<', value: 4, periods: 3 }],
    });
    const ruleId = (saved.rules as { id: string; name: string }[]).find((r) => r.name === 'CSAT sinking')!.id;
    const episode = randomUUID();
    await server.db.query(
      `INSERT INTO alert_episodes (id, rule_id, site, raised_at, value) VALUES ($1, $2, 'demo', now(), 3.2)`,
      [episode, ruleId],
    );
    const { context, page, errors } = await openConsole();
    await submitSignIn(page, ADMIN);
    const banner = page.locator('.banner.alert');
    await banner.waitFor();
    assert.match((await banner.textContent()) ?? '', /Alert: CSAT sinking \(now 3\.2\), since /);
    assert.deepEqual(await axe(page), []);
    await server.db.query('UPDATE alert_episodes SET cleared_at = now(), cleared_value = 4.5 WHERE id = $1', [episode]);
    await page.reload();
    // The banners come together (no SMTP server here: the mail banner shows): then the alert's is gone.
    await page.locator('.banner', { hasText: 'Mail to shoppers is waiting' }).waitFor();
    assert.equal(await page.locator('.banner.alert').count(), 0, 'cleared: no banner');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
