/**
 * Files: the demo storefront at `/demo/` (strict CSP, revalidated) and the CDN bundle at `/nectar/`
 * (pre-compressed; hashed chunks immutable for a year, `nectar.js` five minutes then a 304 revalidation).
 */
import { Hono, type Context } from 'hono';
import type { BaseEnv } from '../env.ts';
import { notFound } from '../http-error.ts';
import { cachePolicyOf, serveFile } from './static-files.ts';

export const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const conditional = (c: Context) => ({
  acceptEncoding: c.req.header('Accept-Encoding'),
  ifNoneMatch: c.req.header('If-None-Match'),
});

export function staticRoutes(dirs: { demoDir: string; cdnDir: string }) {
  return new Hono<BaseEnv>()
    .get('/', (c) => c.redirect('/demo/', 302))
    .get('/demo', (c) => c.redirect('/demo/', 301))
    .get('/demo/*', async (c) => {
      const response = await serveFile(dirs.demoDir, c.req.path.slice('/demo/'.length), {
        headers: { 'Content-Security-Policy': DEMO_CSP },
        cache: 'revalidate',
        ...conditional(c),
      });
      if (!response) throw notFound('No such file.');
      return response;
    })
    .get('/nectar/*', async (c) => {
      const path = c.req.path.slice('/nectar/'.length);
      // Hashed chunks never change under their name; the loader's stable name is kept a few minutes.
      const response = await serveFile(dirs.cdnDir, path, {
        headers: { 'Access-Control-Allow-Origin': '*' },
        cache: cachePolicyOf(path, 'short'),
        ...conditional(c),
      });
      if (!response) throw notFound('No such file. Build the CDN bundle with `npm run build`.');
      return response;
    });
}
