/** Files: the demo storefront at `/demo/` (strict CSP) and the CDN bundle at `/nectar/`. */
import { Hono } from 'hono';
import type { BaseEnv } from '../env.ts';
import { notFound } from '../http-error.ts';
import { serveFile } from './static-files.ts';

export const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export function staticRoutes(dirs: { demoDir: string; cdnDir: string }) {
  return new Hono<BaseEnv>()
    .get('/', (c) => c.redirect('/demo/', 302))
    .get('/demo', (c) => c.redirect('/demo/', 301))
    .get('/demo/*', async (c) => {
      const response = await serveFile(dirs.demoDir, c.req.path.slice('/demo/'.length), {
        'Content-Security-Policy': DEMO_CSP,
      });
      if (!response) throw notFound('No such file.');
      return response;
    })
    .get('/nectar/*', async (c) => {
      const response = await serveFile(dirs.cdnDir, c.req.path.slice('/nectar/'.length), {
        'Access-Control-Allow-Origin': '*',
      });
      if (!response) throw notFound('No such file. Build the CDN bundle with `npm run build`.');
      return response;
    });
}
