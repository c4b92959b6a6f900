// Shared pieces of the end-to-end tests that drive the agent console: its admin, a browser profile for it,
// signing in, axe on the page, and a ticket seeded in the database.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { startServer, type RunningServer, type ServerOptions } from '@nectar/server';
// @ts-expect-error plain ESM helper without types
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/chromium.mjs';
import { buildConsole, watch } from './e2e.ts';

/** The admin the tests start the service with (`startServer({ admin: ADMIN })`). */
export const ADMIN = { email: 'lead@shop.example', password: 'console-admin-password', name: 'Lena Admin' };

/**
 * The console built (once per run), the service on loopback with `ADMIN` and in memory (with `options` over that),
 * and Chromium: what every console test starts with.
 */
export async function startConsole(options: ServerOptions = {}): Promise<{ server: RunningServer; browser: Browser }> {
  buildConsole();
  const server = await startServer({
    port: 0,
    memory: true,
    admin: ADMIN,
    onInternalError: (e) => console.error('[server]', e),
    ...options,
  });
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
  return { server, browser };
}

/** Stops what `startConsole` started (either may be missing when the start failed). */
export async function stopConsole(server: RunningServer | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await server?.close();
}

export interface Account {
  email: string;
  password: string;
}

/**
 * A new browser profile for the console (en-US, desktop size, unless `options` say otherwise) with one watched
 * page, not yet on any address.
 */
export async function newConsolePage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  return { context, page, errors: watch(page) };
}

/** Fills the console's sign-in form with `account` and sends it; waits for nothing (the password may be wrong). */
export async function submitSignIn(page: Page, account: Account): Promise<void> {
  await page.getByRole('textbox', { name: 'Email' }).fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Opens the console of the service at `url` (at `route`, e.g. `#/board`, which it shows after the sign-in),
 * signs `account` in and returns once `until` shows: the queue's heading unless the route shows something else.
 */
export async function signIn(
  page: Page,
  url: string,
  account: Account,
  options: { route?: string; until?: Locator } = {},
): Promise<void> {
  await page.goto(`${url}/console/${options.route ?? ''}`);
  await submitSignIn(page, account);
  await (options.until ?? page.getByRole('heading', { name: 'Queue' })).waitFor();
}

const axeSource = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

/**
 * axe-core (node_modules/axe-core) on the page: its serious and critical violations, each as
 * `id (impact): the first three nodes`. Evaluated over the DevTools protocol, which the console's CSP
 * (script-src 'self') does not govern, unlike an injected tag.
 */
export async function axe(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync(axeSource, 'utf8'));
  const violations = (await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n: any) => n.target.join(' ')),
    }));
  })) as { id: string; impact: string; nodes: string[] }[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).join(', ')}`);
}

/** A new ticket of today on the demo site, written as the service stores one (the figures come from the database). */
export async function seedTicket(
  server: { db: { query(sql: string, params?: unknown[]): Promise<unknown> } },
  category: string,
  email: string,
): Promise<string> {
  const id = randomUUID();
  const now = Date.now();
  await server.db.query(
    `INSERT INTO tickets (id, site, number, status, category, severity, message, contact_email, locale,
       access_token_hash, created_at, updated_at, first_response_by, resolve_by)
     VALUES ($1, 'demo', $2, 'new', $3, 'high', 'About my order', $4, 'en', $5, $6, $6, $7, $8)`,
    [
      id,
      `NC-${id.slice(0, 8)}`,
      category,
      email,
      '0'.repeat(64),
      new Date(now - 60_000).toISOString(),
      new Date(now + 3_600_000).toISOString(),
      new Date(now + 24 * 3_600_000).toISOString(),
    ],
  );
  return id;
}
