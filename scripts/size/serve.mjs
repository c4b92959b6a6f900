// The tiny local server the journeys run against, on 127.0.0.1 (a free port): the CDN bundle under
// `/nectar/`, the journeys' pages (`/<page>.html`, generated, nothing else on them), and a stub of the
// reference service's shopper API on the same origin (the loader's default endpoint), answering the
// few `/v1/*` calls a journey can make with small valid bodies. Every `/v1/*` call is recorded.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, normalize, sep } from 'node:path';

const TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.html': 'text/html; charset=utf-8',
};

/** `GET /v1/…` path → body. Writes (`POST`) answer 202 with `{ accepted }`; anything else 404. */
const API = {
  '/v1/health': { ok: true },
  '/v1/answers': { answers: [] },
  '/v1/tickets': { tickets: [] },
};

const json = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

/**
 * Starts the server. `pages`: path (`/panel.en.html`) → HTML; `rulesFor(pagePath)`: the nudge rules
 * `GET /v1/nudges` answers to a request from that page (its `Referer`). Returns `{ origin, apiCalls, close() }`.
 */
export async function startStatic({ cdnDir, pages, rulesFor = () => [] }) {
  const apiCalls = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/v1/')) {
      apiCalls.push(`${req.method} ${url.pathname}`);
      req.resume();
      if (req.method === 'GET' && url.pathname === '/v1/nudges') {
        const from = req.headers.referer ? new URL(req.headers.referer).pathname : '';
        return json(res, 200, { rules: rulesFor(from) });
      }
      if (req.method === 'GET' && API[url.pathname]) return json(res, 200, API[url.pathname]);
      if (req.method === 'POST' && url.pathname === '/v1/events') return json(res, 202, { accepted: 0 });
      return json(res, 404, { error: { code: 'not_found', message: `${req.method} ${url.pathname} (size stub)` } });
    }
    if (pages.has(url.pathname)) {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
      return res.end(pages.get(url.pathname));
    }
    if (url.pathname.startsWith('/nectar/')) {
      const path = normalize(join(cdnDir, decodeURIComponent(url.pathname.slice('/nectar/'.length))));
      if (!path.startsWith(cdnDir + sep)) return json(res, 404, { error: { code: 'not_found', message: 'outside' } });
      readFile(path).then(
        (bytes) => {
          const ext = /\.\w+$/.exec(path)?.[0] ?? '';
          res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-store' });
          res.end(bytes);
        },
        () => json(res, 404, { error: { code: 'not_found', message: url.pathname } }),
      );
      return;
    }
    res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404);
    res.end();
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    apiCalls,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
