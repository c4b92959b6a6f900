/**
 * The real CDN build as Chromium receives it from the reference service: every script brotli-compressed,
 * hashed chunks immutable for a year, the loader revalidated by its ETag, and a second visit served
 * from the cache without downloading a chunk again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, type Harness } from '../support/e2e.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h?.close());

describe('delivery of the CDN bundle', () => {
  it('sends every script compressed with the right cache policy, and a revisit downloads no chunk', async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    const seen: { url: string; status: number; encoding?: string; cache?: string }[] = [];
    page.on('response', (res) => {
      if (!res.url().includes('/nectar/')) return;
      const headers = res.headers();
      seen.push({
        url: new URL(res.url()).pathname,
        status: res.status(),
        encoding: headers['content-encoding'],
        cache: headers['cache-control'],
      });
    });
    await page.goto(`${h.server.url}/demo/`);
    await page.locator('nectar-launcher').getByRole('button').first().waitFor();
    await page.waitForLoadState('networkidle');
    const first = seen.splice(0);
    assert.ok(first.length >= 3, `loaded ${first.map((r) => r.url).join(', ')}`);
    for (const r of first) {
      assert.equal(r.status, 200, r.url);
      assert.equal(r.encoding, 'br', `${r.url} is brotli-compressed`);
      const expected = r.url === '/nectar/nectar.js' ? 'public, max-age=300' : 'public, max-age=31536000, immutable';
      assert.equal(r.cache, expected, r.url);
    }

    // A second visit: hashed chunks come from the cache; only the loader may be asked again (and is fresh).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // Chromium says which requests it answered from its memory or disk cache.
    const requested = new Map<string, string>();
    const cached = new Set<string>();
    cdp.on('Network.requestWillBeSent', (event) => {
      const path = new URL(event.request.url).pathname;
      if (path.startsWith('/nectar/') && path !== '/nectar/nectar.js') requested.set(event.requestId, path);
    });
    cdp.on('Network.requestServedFromCache', (event) => cached.add(event.requestId));
    cdp.on('Network.responseReceived', (event) => {
      if (event.response.fromDiskCache || event.response.status === 304) cached.add(event.requestId);
    });
    await page.goto(`${h.server.url}/demo/`);
    await page.locator('nectar-launcher').getByRole('button').first().waitFor();
    await page.waitForLoadState('networkidle');
    const fromNetwork = [...requested].filter(([id]) => !cached.has(id)).map(([, path]) => path);
    assert.ok(requested.size >= 2, 'the revisit loads the chunks (from the cache)');
    assert.deepEqual(fromNetwork, [], 'no hashed chunk is downloaded again');
    await context.close();
  });
});
