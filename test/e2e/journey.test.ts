/**
 * One case worked end to end, both sides in Chromium on the real service, mail through a real SMTP server on
 * loopback: a shopper reading Chinese reports a damaged jar on the demo store; an agent signs in to the console,
 * finds it in the queue, claims it and replies with a canned reply; the shopper reads the reply in the status view
 * and answers with a photo; the agent sees that photo with the answer, adds an internal note (never shown to the
 * shopper), records a reship and resolves; the shopper is mailed in Chinese at each step; a CSAT of 2 with
 * "contact me" reopens the same ticket and escalates it. Screenshots of each console screen go to the OS temp dir
 * (their paths are printed).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { startServer, type RunningServer } from '@nectar/server';
import { zhCN as core } from '../../packages/core/src/i18n/zh-CN.ts';
import { zhCN as widgets } from '../../packages/widgets/src/i18n/zh-CN.ts';
// @ts-expect-error plain ESM helper without types
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/chromium.mjs';
import { newConsolePage, signIn } from '../support/console.ts';
import { buildConsole, png, waitFor, watch } from '../support/e2e.ts';

const ADMIN = { email: 'lead@shop.example', password: 'journey-admin-password', name: 'Lena Admin' };
const SHOPPER = { email: 'mei@example.com', name: '王梅' };
const SHOTS = join(tmpdir(), 'nectar-journey-screenshots');

const arrived: { to: string; mail: ParsedMail }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      void simpleParser(Buffer.concat(chunks)).then((mail) => {
        arrived.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), mail });
        callback();
      }, callback);
    });
  },
});

let server: RunningServer;
let browser: Browser;

before(async () => {
  buildConsole();
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  server = await startServer({
    port: 0,
    memory: true,
    admin: ADMIN,
    rateLimit: { writesPerIp: 10_000, writesPerSite: 100_000 },
    mail: {
      smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      from: 'Honey Shop <help@shop.example>',
      pollMs: 50,
    },
    onInternalError: (e) => console.error('[server]', e),
  });
  browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function shot(page: Page, name: string) {
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`[journey] screenshot: ${path}`);
}

/** The mail to the shopper whose subject matches, once it arrived. */
const mailTo = (subject: RegExp) =>
  waitFor(
    () => arrived.find((a) => a.to === SHOPPER.email && subject.test(a.mail.subject ?? '')),
    15_000,
    `mail ${subject}`,
  );

describe('one case, from the shop to the console and back', () => {
  it('is reported, owned, answered both ways, remedied, resolved, mailed in Chinese, and escalated when unhappy', async () => {
    // The team's canned reply for damaged goods in Chinese (an admin's set, through the agent API).
    const canned = await fetch(`${server.url}/v1/agent/canned-replies`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${server.agentKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        replies: [
          {
            title: '请补拍照片',
            locale: 'zh-CN',
            category: 'damaged',
            body: '{{shopper.name}}，您好！很抱歉订单 {{order.number}} 的商品有损坏，能否拍一张破损处的照片？—— {{agent.name}}',
          },
        ],
      }),
    });
    assert.equal(canned.status, 200, await canned.clone().text());

    // The shopper, in Chinese, reports the problem from the order on the demo store.
    const shop = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const shopper = await shop.newPage();
    const shopperErrors = watch(shopper);
    await shopper.goto(`${server.url}/demo/`);
    await shopper.getByRole('button', { name: 'Report a problem with order #1002', exact: true }).click();
    const form = shopper.locator('nectar-ticket-form');
    await form.getByRole('button', { name: widgets.form.submit }).waitFor();
    await form.getByRole('radio', { name: core.categories.damaged.label }).check();
    await form.getByRole('textbox', { name: new RegExp(`^${widgets.form.message}`) }).fill('蜂蜜罐子到货时碎了。');
    await form.getByRole('textbox', { name: new RegExp(`^${widgets.form.email}`) }).fill(SHOPPER.email);
    await form.getByRole('textbox', { name: new RegExp(`^${widgets.form.name}`) }).fill(SHOPPER.name);
    await form.getByRole('button', { name: widgets.form.submit }).click();
    await form.getByRole('heading', { name: widgets.form.sentHeading }).waitFor();
    const number = (await form.locator('[part=ticket-number]').textContent())!.trim();
    const { rows } = await server.db.query<{ id: string; locale: string }>(
      'SELECT id, locale FROM tickets WHERE number = $1',
      [number],
    );
    const id = rows[0]!.id;
    assert.equal(rows[0]!.locale, 'zh-CN');
    await shopper.keyboard.press('Escape');

    // The agent signs in and finds it in the queue.
    const { context: desk, page: agent, errors: agentErrors } = await newConsolePage(browser);
    await signIn(agent, server.url, ADMIN);
    const link = agent.getByRole('link', { name: new RegExp(number) });
    await link.waitFor();
    await shot(agent, '01-queue');
    await link.click();
    const main = agent.locator('nectar-console-ticket');
    await main.getByText('蜂蜜罐子到货时碎了。').waitFor();

    // Claimed: the first responder owns it. A canned reply, filled in, sent.
    await main.getByRole('button', { name: 'Claim', exact: true }).click();
    await agent.getByRole('status').filter({ hasText: 'You own this ticket now.' }).waitFor();
    await main.getByRole('combobox', { name: 'Canned reply' }).selectOption({ label: '请补拍照片 (Damaged)' });
    const reply = main.getByRole('textbox', { name: 'Reply' });
    const sentText = await reply.inputValue();
    assert.match(sentText, /^王梅，您好！很抱歉订单 #?1002 的商品有损坏，能否拍一张破损处的照片？—— Lena Admin$/);
    await shot(agent, '02-ticket-canned-reply');
    await main.getByRole('button', { name: 'Send reply' }).click();
    await agent.getByRole('status').filter({ hasText: 'Reply sent to the shopper.' }).waitFor();

    // Mailed to the shopper in Chinese, with the reply.
    const replied = (await mailTo(new RegExp(`^\\[${number}\\] .*回复了您的请求`)))!;
    assert.match(replied.mail.text ?? '', /王梅，您好/);
    assert.ok((replied.mail.text ?? '').includes(sentText), replied.mail.text);
    assert.ok(replied.mail.html, 'an HTML part too');

    // The shopper reads it in the status view and answers with a photo.
    await shopper.getByRole('button', { name: `View status of request ${number}` }).click();
    const status = shopper.locator('nectar-ticket-status');
    await status.getByText(sentText).waitFor();
    await status.getByText(widgets.status.asked).waitFor();
    await status.getByRole('textbox', { name: widgets.status.replyLabel }).fill('照片在这里，裂缝在瓶口。');
    await status
      .locator('input[type=file]')
      .setInputFiles({ name: 'crack.png', mimeType: 'image/png', buffer: png(320, 240) });
    await status.locator('img').first().waitFor();
    await status.getByRole('button', { name: widgets.status.replySend }).click();
    await status.getByText(widgets.status.replySent).waitFor();

    // The agent sees the answer, with its photo beside it.
    await agent.reload();
    await main.getByText('照片在这里，裂缝在瓶口。').waitFor();
    const answer = main.locator('li.entry').filter({ hasText: '照片在这里，裂缝在瓶口。' });
    const photo = answer.getByRole('img', { name: 'Photo 1 of 1 from the shopper' });
    await waitFor(
      () => photo.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth === 320),
      10_000,
      'the photo',
    );

    // An internal note, a reship, resolved.
    await main.getByRole('textbox', { name: 'Internal note' }).fill('第三次同一批次，通知采购。');
    await main.getByRole('button', { name: 'Add note' }).click();
    await main.getByText('Internal note by Lena Admin').waitFor();
    await main.getByRole('button', { name: 'Remedy', exact: true }).click();
    const dialog = main.getByRole('dialog', { name: 'Record a remedy' });
    await dialog.getByRole('radio', { name: 'Reship' }).check();
    await dialog.getByRole('textbox', { name: 'Message to the shopper (optional)' }).fill('新的一罐今天发出。');
    await dialog.getByRole('button', { name: 'Record remedy' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await main.locator('li.entry').filter({ hasText: '新的一罐今天发出。' }).waitFor();
    await main.getByRole('button', { name: 'Resolve', exact: true }).click();
    await main.getByRole('button', { name: 'Reopen', exact: true }).waitFor();
    await shot(agent, '03-ticket-resolved');

    // Both mailed in Chinese; the note never reaches the shopper (API, widget, mail).
    await mailTo(new RegExp(`^\\[${number}\\]`));
    await waitFor(() => arrived.filter((a) => a.to === SHOPPER.email).length >= 3, 15_000, 'three mails');
    for (const { mail } of arrived) {
      assert.match(mail.subject ?? '', /[\u4e00-\u9fff]/, `in Chinese: ${mail.subject}`);
      assert.doesNotMatch(`${mail.text}${mail.html}`, /第三次同一批次/);
    }
    assert.ok(
      arrived.some((a) => (a.mail.text ?? '').includes('新的一罐今天发出。')),
      'the reship is mailed',
    );

    await shopper.getByRole('button', { name: widgets.status.refresh }).click();
    await status.getByText('新的一罐今天发出。').waitFor();
    assert.doesNotMatch((await status.locator('[part=base]').first().textContent())!, /第三次同一批次/);

    // Unhappy: CSAT 2 with "contact me" reopens the same ticket and escalates it to a supervisor.
    const csat = status.locator('nectar-csat');
    await csat.getByRole('radio', { name: widgets.csat.levels[1], exact: true }).click();
    await csat.getByRole('textbox', { name: widgets.csat.comment }).fill('新的一罐也有裂缝。');
    await csat.getByRole('radio', { name: widgets.csat.contactYes }).check();
    await csat.getByRole('button', { name: widgets.csat.send }).click();
    await csat.getByText(widgets.csat.thanksFollowUp).waitFor();

    const full = (await (
      await fetch(`${server.url}/v1/agent/tickets/${id}`, { headers: { Authorization: `Bearer ${server.agentKey}` } })
    ).json()) as { status: string; timeline: { kind: string }[] };
    assert.equal(full.status, 'open');
    assert.equal(full.timeline.at(-1)?.kind, 'escalated');
    await agent.reload();
    await main.getByText('Escalated', { exact: true }).first().waitFor();
    await shot(agent, '04-ticket-escalated');

    assert.deepEqual(shopperErrors, []);
    assert.deepEqual(agentErrors, []);
    await shop.close();
    await desk.close();
  });
});
