// Shared pieces of the end-to-end tests: the real reference service (in process, embedded
// PGlite in memory) and headless Chromium driven by playwright-core.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { deflateSync, crc32 } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '@nectar/server';
// @ts-expect-error plain ESM helper without types
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/chromium.mjs';

/**
 * Builds the console (packages/server/console) for a test that drives it, unless `npm test` built it once for
 * the whole end-to-end suite (NECTAR_CONSOLE_BUILT=1).
 */
export function buildConsole(): void {
  if (process.env.NECTAR_CONSOLE_BUILT === '1') return;
  const build = spawnSync('npx', ['rollup', '-c', 'packages/server/console/rollup.config.mjs', '--silent'], {
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the console did not build');
}

export interface Harness {
  server: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const server = await startServer({
    port: 0,
    memory: true,
    // The tests submit many tickets from one IP; the limit itself is tested in the server suite.
    rateLimit: { writesPerIp: 10_000, writesPerSite: 100_000 },
    onInternalError: (e) => console.error('[server]', e),
  });
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** A new browser profile (its own IndexedDB and localStorage) with one page on the demo storefront. */
export async function openDemo(h: Harness): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await h.browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  const errors = watch(page);
  await page.goto(`${h.server.url}/demo/`);
  return { context, page, errors };
}

/** Collects page errors, CSP violations and alert() calls: a test fails when any shows up. */
export function watch(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) errors.push(`csp: ${m.text()}`);
  });
  return errors;
}

/** Opens the help form from the storefront (optionally for one order) and waits until it rendered. */
export async function openForm(page: Page, order?: string): Promise<Locator> {
  const name = order ? `Report a problem with order ${order}` : 'Help';
  // The header's "Help" (the floating <nectar-launcher> is named "Help" too, and opens answers first).
  await (order ? page : page.getByRole('banner')).getByRole('button', { name, exact: true }).click();
  const form = page.locator('nectar-ticket-form');
  await form.getByRole('button', { name: 'Send' }).waitFor();
  return form;
}

/** A text field of the form by its accessible name (label text plus its required/optional marker). */
export const field = (form: Locator, name: RegExp): Locator => form.getByRole('textbox', { name });

export async function fillTicket(
  form: Locator,
  t: { category: RegExp; message: string; email: string; name?: string; subject?: string; orderRef?: string },
): Promise<void> {
  await form.getByRole('radio', { name: t.category }).check();
  if (t.orderRef !== undefined) await field(form, /^Order number/).fill(t.orderRef);
  if (t.subject !== undefined) await field(form, /^Subject/).fill(t.subject);
  await field(form, /^Message/).fill(t.message);
  await field(form, /^Email/).fill(t.email);
  if (t.name !== undefined) await field(form, /^Name/).fill(t.name);
}

export async function countTickets(h: Harness, where = 'true', params: unknown[] = []): Promise<number> {
  const { rows } = await h.server.db.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM tickets WHERE ${where}`,
    params,
  );
  return Number(rows[0]!.n);
}

/** Polls `fn` until it returns a truthy value or `ms` pass. */
export async function waitFor<T>(fn: () => Promise<T> | T, ms = 15_000, what = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A real PNG (solid colour, `width`×`height`), built with zlib so the tests need no image library. */
export function png(width: number, height: number, rgb: [number, number, number] = [200, 120, 40]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
