/**
 * The agent console at `/console/`: the files `packages/server/console/rollup.config.mjs` builds into
 * `packages/server/dist/console/` (hashed chunks immutable for a year, `index.html` revalidated by its
 * ETag), under a strict CSP (no inline script or style: Lit's adopted stylesheets need none). Without
 * a build, `/console/` answers a readable 503 page that says how to make one.
 */
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { BaseEnv } from '../env.ts';
import { notFound } from '../http-error.ts';
import { cachePolicyOf, serveFile } from './static-files.ts';

/** The console's policy: only its own scripts, styles, images (the agent photo route) and API. */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The build's output, from `src/routes/` and from `dist/routes/` alike. */
export const CONSOLE_DIR = fileURLToPath(new URL('../../dist/console/', import.meta.url));

const HEADERS = { 'Content-Security-Policy': CONSOLE_CSP, 'Cross-Origin-Opener-Policy': 'same-origin' };

const NOT_BUILT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Nectar console — not built yet</title></head>
<body>
<h1>The Nectar console is not built yet</h1>
<p>Run <code>npm run build</code> (or <code>npm start</code>, which builds it) in the Nectar repository, then reload this page.</p>
</body>
</html>
`;

export function consoleAppRoutes(dir: string = CONSOLE_DIR) {
  return new Hono<BaseEnv>().get('*', async (c) => {
    const path = c.req.path;
    if (path === '/console') return c.redirect('/console/', 301);
    const rest = path.slice('/console/'.length);
    const file = rest === '' ? 'index.html' : rest;
    const response = await serveFile(dir, file, {
      headers: HEADERS,
      cache: cachePolicyOf(file, 'revalidate'),
      acceptEncoding: c.req.header('Accept-Encoding'),
      ifNoneMatch: c.req.header('If-None-Match'),
    });
    if (response) return response;
    if (file === 'index.html') {
      return c.html(NOT_BUILT, 503, { ...HEADERS, 'Cache-Control': 'no-store', 'Retry-After': '30' });
    }
    throw notFound('No such file in the console. Build it with `npm run build`.');
  });
}
