// The built CDN loader (packages/widgets/dist/cdn, from `npm run build`) in headless Chromium,
// on a page served with the reference service's strict CSP: `window.nectar` queues calls made
// before the client exists and replays them in order, then becomes the real client; tag chunks
// load when their tag appears; loading the script twice does not break the page.
// The desk endpoint is a tiny HTTP stub speaking `POST /v1/tickets`, so this test needs only the
// built bundle (the end-to-end tests against the real server live beside it).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
// @ts-expect-error plain ESM helper without types
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cdn = process.env.NECTAR_CDN_DIR ?? join(root, 'packages/widgets/dist/cdn');
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'";

/** Pages of this test, each a tiny HTML document plus an external module (no inline script under the CSP). */
const PAGES: Record<string, string> = {
  // Calls the stub before the client exists, in the same task as the loader ran.
  '/queue.html': `<script type="module" src="/nectar/nectar.js" data-site-key="test" data-locale="zh-CN"></script>
<script type="module" src="/queue.js"></script>`,
  // The script twice: once as it is, once through another URL of the same file.
  '/twice.html': `<script type="module" src="/nectar/nectar.js" data-site-key="test"></script>
<script type="module" src="/nectar/nectar.js?again=1" data-site-key="test"></script>
<script type="module" src="/twice.js"></script>`,
  // No tag in the page at first; one is added later.
  '/late-tag.html': `<script type="module" src="/nectar/nectar.js" data-site-key="test"></script><main></main>`,
};

const SCRIPTS: Record<string, string> = {
  '/queue.js': `
const stub = window.nectar;
const r = (window.results = { events: [] });
r.stubBeforeReady = typeof stub === 'function' && typeof stub.tickets.submit === 'function';
r.thenIsUndefined = stub.then === undefined;
const off = stub.on('open', (d) => r.events.push('open:' + d.view));
r.offType = typeof off;
const offEarly = stub.on('open', () => r.events.push('cancelled handler ran'));
offEarly();
const openP = stub.open('contact');
r.openIsPromise = openP instanceof Promise;
stub.tickets
  .submit({ category: 'delivery', message: 'Where is my parcel?', contact: { email: 'a@example.com' } })
  .then((res) => { r.submit = res; }, (e) => { r.submitError = String(e && e.name) + ': ' + String(e && e.message); });
stub.nope.missing().then(() => { r.missing = 'resolved'; }, (e) => { r.missing = e.name; });
addEventListener('nectar-ready', (e) => {
  r.ready = true;
  r.readyIsWindowNectar = e.detail.client === window.nectar;
  r.replaced = window.nectar !== stub;
  r.locale = window.nectar.locale;
  // A kept reference to the stub forwards to the real client from now on.
  stub.open('later');
  off();
  window.nectar.open('after-off');
});
`,
  '/twice.js': `
window.readyCount = 0;
addEventListener('nectar-ready', () => window.readyCount++);
window.nectar.open('x').then(() => { window.twiceOpened = true; });
`,
};

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.map': 'application/json', '.html': 'text/html' };

let server: Server;
let base = '';
let browser: Browser;
const tickets: unknown[] = [];

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': type, 'content-security-policy': CSP, ...headers });
    res.end(body);
  };
  if (url.pathname === '/v1/tickets' && req.method === 'POST') {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      tickets.push({ body: JSON.parse(body), site: req.headers['x-nectar-site'] });
      const now = new Date();
      const later = (h: number) => new Date(now.getTime() + h * 3600e3).toISOString();
      send(
        201,
        'application/json',
        JSON.stringify({
          id: `t${tickets.length}`,
          number: `NC-00${tickets.length}`,
          status: 'new',
          createdAt: now.toISOString(),
          accessToken: 'tok',
          promise: { firstResponseBy: later(4), resolveBy: later(48) },
        }),
      );
    });
    return;
  }
  if (url.pathname === '/favicon.ico') return send(204, 'image/x-icon', '');
  if (PAGES[url.pathname])
    return send(
      200,
      'text/html',
      `<!doctype html><html><head><title>t</title>${PAGES[url.pathname]}</head><body></body></html>`,
    );
  if (SCRIPTS[url.pathname]) return send(200, 'text/javascript', SCRIPTS[url.pathname]!);
  if (url.pathname.startsWith('/nectar/')) {
    const file = normalize(join(cdn, url.pathname.slice('/nectar/'.length)));
    if (file.startsWith(cdn) && existsSync(file))
      return send(200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
  }
  send(404, 'application/json', JSON.stringify({ error: { code: 'not_found', message: 'Not found' } }));
}

async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.text().includes('Content Security Policy')) problems.push(`console: ${m.text()}`);
  });
  await page.goto(base + path);
  return { page, problems };
}

describe('CDN loader (built nectar.js) in Chromium', () => {
  before(async () => {
    assert.ok(existsSync(join(cdn, 'nectar.js')), `no ${cdn}/nectar.js — run \`npm run build\` first`);
    server = createServer(handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: ensureChromium(),
      args: (CHROMIUM_ARGS as string[]).filter((a) => !a.startsWith('--headless')),
    });
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('queues calls made before the client exists and replays them in order on the real client', async () => {
    const { page, problems } = await open('/queue.html');
    await page.waitForFunction(
      () => (window as any).results?.ready && ((window as any).results.submit || (window as any).results.submitError),
    );
    await page.waitForFunction(() => (window as any).results.events.length >= 2);
    const r = await page.evaluate(() => (window as any).results);
    assert.equal(r.stubBeforeReady, true, 'window.nectar is the queueing stub at first');
    assert.equal(r.thenIsUndefined, true, 'the stub is not a thenable');
    assert.equal(r.offType, 'function', 'on() returns an unsubscribe function synchronously');
    assert.equal(r.openIsPromise, true, 'a queued call returns a promise');
    assert.equal(r.submitError, undefined);
    assert.equal(r.submit.state, 'sent');
    assert.equal(r.submit.ticket.number, 'NC-001');
    assert.equal(r.missing, 'TypeError', 'a call on a path the client does not have rejects');
    assert.equal(r.readyIsWindowNectar, true, 'nectar-ready carries the client installed as window.nectar');
    assert.equal(r.replaced, true, 'window.nectar is replaced by the real client');
    assert.equal(r.locale, 'zh-CN', 'data-locale reaches the client');
    // The queued open() reached the queued handler; the early-unsubscribed handler never ran;
    // the stub forwards once the client is there; off() after replay unsubscribes for real.
    assert.deepEqual(r.events, ['open:contact', 'open:later']);
    const sent = tickets.at(-1) as { body: { message: string }; site: string };
    assert.equal(sent.body.message, 'Where is my parcel?');
    assert.equal(sent.site, 'test', 'data-site-key is sent as X-Nectar-Site');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('does not break when the script is loaded twice', async () => {
    const { page, problems } = await open('/twice.html');
    await page.waitForFunction(() => (window as any).twiceOpened === true);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => (window as any).readyCount), 1, 'one client, one nectar-ready');
    assert.equal(await page.evaluate(() => typeof (window as any).nectar.tickets.submit), 'function');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('loads a tag chunk when the tag appears, and the client on idle without any call', async () => {
    const { page, problems } = await open('/late-tag.html');
    // The stub is a function (a Proxy); the real client is a plain object.
    await page.waitForFunction(() => typeof (window as any).nectar === 'object');
    assert.equal(
      await page.evaluate(() => !!customElements.get('nectar-ticket-form')),
      false,
      'no widget chunk until its tag appears',
    );
    await page.evaluate(() => document.querySelector('main')!.append(document.createElement('nectar-ticket-form')));
    await page.waitForFunction(() => !!customElements.get('nectar-ticket-form'));
    const files = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname),
    );
    assert.ok(
      files.some((f) => /\/nectar\/ticket-form-[\w-]+\.js$/.test(f)),
      `ticket-form chunk fetched: ${files.join(' ')}`,
    );
    assert.ok(!files.some((f) => /ticket-status/.test(f)), 'ticket-status chunk not fetched');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
