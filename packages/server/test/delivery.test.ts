/**
 * Delivery of the CDN bundle and the demo: pre-compressed copies chosen by Accept-Encoding, hashed
 * chunks immutable, the loader's stable name briefly cached then revalidated with its ETag (304).
 * test/e2e/delivery.test.ts checks the real build in Chromium.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../src/index.ts';

/** A GET that hands back the bytes as sent (fetch would decompress them and hide the encoding). */
function rawGet(url: string, headers: Record<string, string>): Promise<Response> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const out = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') out.set(name, value);
        const body = res.statusCode === 304 ? null : Buffer.concat(chunks);
        resolve(new Response(body, { status: res.statusCode ?? 0, headers: out }));
      });
    })
      .on('error', reject)
      .end();
  });
}

const LOADER = `export const loader = ${JSON.stringify('x'.repeat(2000))};\n`;
const CHUNK = `export const chunk = ${JSON.stringify('y'.repeat(3000))};\n`;

describe('delivery of /nectar/ and /demo/', () => {
  let dir: string;
  let server: RunningServer;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nectar-cdn-'));
    const files: Record<string, string> = { 'nectar.js': LOADER, 'client-3nqrFMFH.js': CHUNK };
    for (const [name, text] of Object.entries(files)) {
      await writeFile(join(dir, name), text);
      await writeFile(join(dir, `${name}.br`), brotliCompressSync(text));
      await writeFile(join(dir, `${name}.gz`), gzipSync(text));
    }
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>shop</title>');
    server = await startServer({ port: 0, memory: true, cdnDir: dir, demoDir: dir });
  });
  after(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string> = {}) => rawGet(server.url + path, headers);

  it('sends brotli, else gzip, else the plain file, with Vary: Accept-Encoding', async () => {
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
      ['gzip;q=1, br;q=0', 'gzip', gunzipSync],
      ['identity', null, (b: Buffer) => b],
      ['', null, (b: Buffer) => b],
    ] as const) {
      const res = await get('/nectar/nectar.js', { 'Accept-Encoding': accept });
      assert.equal(res.status, 200, accept);
      assert.equal(res.headers.get('content-encoding'), encoding, accept);
      assert.equal(res.headers.get('vary'), 'Accept-Encoding');
      assert.match(res.headers.get('content-type') ?? '', /^text\/javascript/);
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.equal(Number(res.headers.get('content-length')), bytes.byteLength);
      assert.equal(decode(bytes).toString(), LOADER, accept);
      if (encoding) assert.ok(bytes.byteLength < LOADER.length / 10, `${encoding} is smaller`);
    }
  });

  it('caches hashed chunks for a year, immutable; the loader five minutes, then a 304 on its ETag', async () => {
    const chunk = await get('/nectar/client-3nqrFMFH.js', { 'Accept-Encoding': 'br' });
    assert.equal(chunk.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const loader = await get('/nectar/nectar.js', { 'Accept-Encoding': 'br' });
    assert.equal(loader.headers.get('cache-control'), 'public, max-age=300');
    const etag = loader.headers.get('etag');
    assert.match(etag ?? '', /^"[\w-]+-br"$/);
    const again = await get('/nectar/nectar.js', { 'Accept-Encoding': 'br', 'If-None-Match': etag! });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    assert.equal(again.headers.get('etag'), etag);
    // Another representation has another tag: a gzip client with the brotli tag gets the bytes.
    const gzip = await get('/nectar/nectar.js', { 'Accept-Encoding': 'gzip', 'If-None-Match': etag! });
    assert.equal(gzip.status, 200);
    assert.notEqual(gzip.headers.get('etag'), etag);
    // The demo's pages are revalidated every time.
    const page = await get('/demo/');
    assert.equal(page.headers.get('cache-control'), 'no-cache');
    assert.equal((await get('/demo/', { 'If-None-Match': page.headers.get('etag')! })).status, 304);
    assert.ok(page.headers.get('content-security-policy'));
  });

  it('never serves the compressed copies or unknown types by their own names', async () => {
    for (const path of ['/nectar/nectar.js.br', '/nectar/nectar.js.gz', '/nectar/missing.js']) {
      assert.equal((await get(path)).status, 404, path);
    }
  });
});
