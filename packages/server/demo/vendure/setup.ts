/**
 * `npm start -- --commerce vendure`: starts a local Vendure (sql.js in memory, the same seeding as
 * the adapter tests — see test/support/vendure.ts), and prepares the demo storefront for it:
 *
 * - the browser reaches Vendure through the reference service at `/v1/proxy/vendure/*` (same
 *   origin, so the demo page's strict CSP stays `connect-src 'self'`); product images too;
 * - the demo shopper (ada@example.com) is signed in server-side at start; their Vendure session
 *   token is put in a `data-vendure-token` attribute of the page's `/demo/vendure.js` script tag,
 *   as a shop's own page would carry the signed-in shopper's session;
 * - `/demo/vendure.js` (bundled now with esbuild from ./browser.ts) gives the ticket forms a client
 *   with `commerce: vendure({...})`, so the shopper picks a real order.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startVendure } from '../../../../test/support/vendure.ts';
import type { VendureDemo } from '../../src/demo-commerce.ts';

const here = new URL('.', import.meta.url).pathname;
const demoSource = join(here, '..');
const PREFIX = '/v1/proxy/vendure';

export async function startVendureDemo(): Promise<VendureDemo> {
  const vendure = await startVendure();
  const demoDir = await mkdtemp(join(tmpdir(), 'nectar-demo-vendure-'));
  try {
    for (const file of ['index.html', 'demo.css', 'demo.js']) await cp(join(demoSource, file), join(demoDir, file));
    await build({
      entryPoints: [join(here, 'browser.ts')],
      bundle: true,
      format: 'esm',
      minify: true,
      target: 'es2022',
      outfile: join(demoDir, 'vendure.js'),
      logLevel: 'silent',
      // The workspace packages' TypeScript sources (scripts/source-condition.mjs).
      conditions: ['@nectar/source'],
    });
    const html = await readFile(join(demoDir, 'index.html'), 'utf8');
    const tag =
      `<script type="module" src="/demo/vendure.js" data-vendure-shop-api="${PREFIX}/shop-api"` +
      ` data-vendure-token="${vendure.shopper.token}"></script>`;
    await writeFile(join(demoDir, 'index.html'), html.replace('</head>', `    ${tag}\n  </head>`));
  } catch (error) {
    await vendure.stop();
    await rm(demoDir, { recursive: true, force: true });
    throw error;
  }

  const target = new URL(vendure.url);
  const proxy = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${PREFIX}/`)) return new Response('Not found', { status: 404 });
    const rest = url.pathname.slice(PREFIX.length);
    if (!rest.startsWith('/shop-api') && !rest.startsWith('/assets/'))
      return new Response('Not found', { status: 404 });
    const headers = new Headers();
    for (const name of ['content-type', 'authorization', 'vendure-token', 'accept']) {
      const value = request.headers.get(name);
      if (value) headers.set(name, value);
    }
    // Vendure makes asset URLs absolute with the host it was asked for: make them point here.
    headers.set('x-forwarded-host', url.host);
    headers.set('x-forwarded-proto', url.protocol.replace(':', ''));
    headers.set('x-nectar-asset-base', `${url.origin}${PREFIX}/assets/`);
    const upstream = await fetch(new URL(rest + url.search, target), {
      method: request.method,
      headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer(),
    });
    const out = new Headers();
    for (const name of ['content-type', 'cache-control', 'vendure-auth-token'])
      if (upstream.headers.has(name)) out.set(name, upstream.headers.get(name)!);
    return new Response(upstream.body, { status: upstream.status, headers: out });
  };

  return {
    demoDir,
    proxy,
    shopper: { email: vendure.shopper.email, password: vendure.shopper.password },
    admin: { apiUrl: vendure.adminApiUrl, ...vendure.admin },
    vendureUrl: vendure.url,
    startupSeconds: vendure.startupSeconds,
    async stop() {
      await vendure.stop();
      await rm(demoDir, { recursive: true, force: true });
    },
  };
}
