// End to end: the real reference service (embedded PGlite) serves the demo storefront with
// the built CDN bundle; headless Chromium (playwright-core) files tickets the way a shopper does.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  countTickets,
  field,
  fillTicket,
  openDemo,
  openForm,
  png,
  startHarness,
  waitFor,
  type Harness,
} from '../support/e2e.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const XSS = '<img src=x onerror=alert(1)>';

describe('a shopper files a help ticket on the demo storefront', () => {
  it('submits a ticket with a photo and sees the number and the promise; the service stores both', async () => {
    const { context, page, errors } = await openDemo(h);
    const form = await openForm(page, '#1001');
    assert.equal(await field(form, /^Order number/).inputValue(), '#1001', 'the order is prefilled');
    await fillTicket(form, {
      category: /Damaged item/,
      message: 'The honey jar arrived cracked and sticky.',
      email: 'shopper@example.com',
      name: 'Mei Lin',
    });
    await form
      .locator('input[type=file]')
      .setInputFiles({ name: 'jar.png', mimeType: 'image/png', buffer: png(640, 480) });
    await form.getByRole('img', { name: /Photo 1/ }).waitFor();
    await form.getByRole('button', { name: 'Send' }).click();

    const numberEl = form.locator('[part=ticket-number]');
    await form.getByRole('heading', { name: /we have your request/i }).waitFor();
    const number = (await numberEl.textContent())!.trim();
    assert.match(number, /^NC-[0-9A-Z]{6}$/);
    const promise = (await form.locator('[part=promise]').textContent())!;
    assert.match(promise, /\d/, `the promise names a time: ${promise}`);

    const { rows } = await h.server.db.query<{
      id: string;
      category: string;
      order_ref: string;
      contact_email: string;
      first_response_by: Date;
      created_at: Date;
    }>('SELECT id, category, order_ref, contact_email, first_response_by, created_at FROM tickets WHERE number = $1', [
      number,
    ]);
    assert.equal(rows.length, 1);
    const ticket = rows[0]!;
    assert.equal(ticket.category, 'damaged');
    assert.equal(ticket.order_ref, '#1001');
    assert.equal(ticket.contact_email, 'shopper@example.com');
    const hours = (new Date(ticket.first_response_by).getTime() - new Date(ticket.created_at).getTime()) / 3_600_000;
    assert.equal(Math.round(hours), 2, 'damaged is high severity: first response within 2 h');

    const atts = await h.server.db.query<{ id: string; size: number | string; content_type: string }>(
      'SELECT id, size, content_type FROM attachments WHERE ticket_id = $1',
      [ticket.id],
    );
    assert.equal(atts.rows.length, 1, 'the photo is linked to the ticket');
    assert.equal(atts.rows[0]!.content_type.startsWith('image/'), true);
    const file = join(h.server.attachmentsDir, atts.rows[0]!.id);
    assert.ok(existsSync(file) && statSync(file).size > 0, 'the photo bytes are stored outside the row');

    // The shopper follows it: "My requests" lists it and its status view shows the timeline.
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: `View status of request ${number}` }).click();
    await page.locator('nectar-ticket-status').getByText(number).first().waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('offline: submit, reload, come back online — exactly one ticket arrives', async () => {
    const { context, page, errors } = await openDemo(h);
    const form = await openForm(page);
    const message = `Offline ticket ${Date.now()}`;
    await fillTicket(form, { category: /Delivery/, message, email: 'offline@example.com' });
    await context.setOffline(true);
    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByRole('heading', { name: 'Saved on this device' }).waitFor();
    assert.match((await form.getByRole('status').first().textContent())!, /No connection/);

    // Reload while the service is still unreachable (the page itself loads; the API does not).
    await context.route('**/v1/**', (route) => route.abort('internetdisconnected'));
    await context.setOffline(false);
    await page.reload();
    await page.getByRole('banner').getByRole('button', { name: 'Help' }).waitFor();
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await countTickets(h, 'message = $1', [message]), 0, 'nothing arrived while unreachable');

    // Back online.
    await context.unroute('**/v1/**');
    await context.setOffline(true);
    await context.setOffline(false);
    await waitFor(async () => (await countTickets(h, 'message = $1', [message])) === 1, 30_000, 'the queued ticket');
    await page.getByText(/^NC-/).first().waitFor(); // "My requests" lists it
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await countTickets(h, 'message = $1', [message]), 1, 'exactly one ticket');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('the service answers 503 twice and then 201 — exactly one ticket, one idempotency key', async () => {
    const { context, page, errors } = await openDemo(h);
    const form = await openForm(page);
    const message = `Flaky service ${Date.now()}`;
    await fillTicket(form, { category: /Delivery/, message, email: 'flaky@example.com' });
    const keys: string[] = [];
    let failures = 0;
    await page.route('**/v1/tickets', async (route) => {
      const req = route.request();
      if (req.method() !== 'POST') return route.continue();
      keys.push((await req.headerValue('idempotency-key')) ?? '');
      if (failures < 2) {
        failures++;
        return route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'internal', message: 'Service unavailable' } }),
        });
      }
      return route.continue();
    });
    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByRole('heading', { name: /we have your request/i }).waitFor({ timeout: 30_000 });
    assert.equal(failures, 2);
    assert.ok(keys.length >= 3, `retried (${keys.length} attempts)`);
    assert.equal(new Set(keys).size, 1, 'every attempt carries the same Idempotency-Key');
    assert.ok(keys[0]!.length >= 16);
    assert.equal(await countTickets(h, 'message = $1', [message]), 1);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('two tabs open with a queued ticket — exactly one ticket', async () => {
    const { context, page: tabA, errors } = await openDemo(h);
    const form = await openForm(tabA);
    const message = `Two tabs ${Date.now()}`;
    await fillTicket(form, { category: /Delivery/, message, email: 'tabs@example.com' });
    await context.setOffline(true);
    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByRole('heading', { name: 'Saved on this device' }).waitFor();

    // A second tab of the same shop opens while the service is still unreachable.
    await context.route('**/v1/**', (route) => route.abort('internetdisconnected'));
    await context.setOffline(false);
    const tabB = await context.newPage();
    await tabB.goto(`${h.server.url}/demo/`);
    await tabB.getByRole('banner').getByRole('button', { name: 'Help' }).waitFor();
    await new Promise((r) => setTimeout(r, 500));

    // Both tabs see the connection come back at the same moment and both flush.
    await context.unroute('**/v1/**');
    await context.setOffline(true);
    await context.setOffline(false);
    await waitFor(async () => (await countTickets(h, 'message = $1', [message])) === 1, 30_000, 'the queued ticket');
    await form.getByRole('heading', { name: /we have your request/i }).waitFor({ timeout: 15_000 });
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await countTickets(h, 'message = $1', [message]), 1, 'exactly one ticket');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('bad input gets clear errors at the fields, markup stays inert, and nothing is lost', async () => {
    const { context, page, errors } = await openDemo(h);
    let form = await openForm(page);
    const send = form.getByRole('button', { name: 'Send' });

    // Nothing filled in.
    await send.click();
    await form.locator('#message-error').waitFor();
    assert.equal(await field(form, /^Message/).getAttribute('aria-invalid'), 'true');
    assert.equal(await field(form, /^Email/).getAttribute('aria-invalid'), 'true');
    assert.match((await form.locator('#message-error').textContent())!, /\S/);

    // Markup in every text field, a bad email, a 100 kB message.
    await form.getByRole('radio', { name: /Damaged item/ }).check();
    for (const name of [/^Order number/, /^Subject/, /^Name/]) await field(form, name).fill(XSS);
    await field(form, /^Email/).fill('not-an-email');
    const huge = 'x'.repeat(100_000);
    await field(form, /^Message/).fill(huge);
    await send.click();
    await form.locator('#email-error').waitFor();
    await form.locator('#message-error').waitFor();
    assert.equal((await field(form, /^Message/).inputValue()).length, 100_000, 'the long message is kept, not cut');

    // A program renamed .jpg, and a 30 MB image.
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(4096)]);
    await form.locator('input[type=file]').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: exe });
    await form
      .locator('#photos-error')
      .getByText(/photo\.jpg/)
      .waitFor();
    const big = Buffer.alloc(30 * 1024 * 1024);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    await form.locator('input[type=file]').setInputFiles({ name: 'big.jpg', mimeType: 'image/jpeg', buffer: big });
    await form
      .locator('#photos-error')
      .getByText(/big\.jpg/)
      .waitFor();
    assert.equal(await form.getByRole('img', { name: /Photo 1/ }).count(), 0, 'neither file was attached');
    assert.equal(await countTickets(h, "contact_email = 'not-an-email'"), 0);

    // Reload: the draft comes back as typed.
    await page.waitForTimeout(1200); // autosave is debounced
    await page.reload();
    form = await openForm(page);
    assert.equal(await field(form, /^Subject/).inputValue(), XSS);
    assert.equal(await field(form, /^Email/).inputValue(), 'not-an-email');
    assert.equal((await field(form, /^Message/).inputValue()).length, 100_000);

    // Fix what was wrong; the markup is sent and shown as text.
    await field(form, /^Email/).fill('careful@example.com');
    await field(form, /^Message/).fill(XSS);
    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByRole('heading', { name: /we have your request/i }).waitFor();
    const { rows } = await h.server.db.query<{
      message: string;
      subject: string;
      order_ref: string;
      contact_name: string;
    }>("SELECT message, subject, order_ref, contact_name FROM tickets WHERE contact_email = 'careful@example.com'");
    assert.deepEqual(rows, [{ message: XSS, subject: XSS, order_ref: XSS, contact_name: XSS }]);
    // A string, not a function: tsx would wrap a function with helpers the page does not have.
    const injected = await page.evaluate(`(() => {
      let n = 0;
      const walk = (root) => root.querySelectorAll('*').forEach((el) => {
        if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') n++;
        if (el.shadowRoot) walk(el.shadowRoot);
      });
      walk(document);
      return n;
    })()`);
    assert.equal(injected, 0, 'no element was created from the text');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
