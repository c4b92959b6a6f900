// Test-only HTTP endpoint for the browser tests of the transport and httpDesk, mounted in
// web-test-runner's dev server (same origin as the tests). Each test uses its own id:
//   ANY /__test/seq/<id>/<path>?seq=503,503@200,201&retryAfter=1
//       answers the n-th request of <id> with the n-th status of `seq` (the last one repeats);
//       `@ms` delays it, `drop` closes the socket (a network error), `html` answers 502 with HTML.
//   POST /__test/setup/<id>?seq=…&retryAfter=…  sets them for every later request of <id>
//   GET /__test/log/<id>  -> { count, requests: [{ method, path, headers, body }] }
const logs = new Map();
const setups = new Map();

const CODES = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited',
};

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size <= 64 * 1024) chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('latin1');
}

function successBody(method, rest, n) {
  const now = new Date('2025-03-04T12:00:00Z');
  const at = (h) => new Date(now.getTime() + h * 3600_000).toISOString();
  if (rest.endsWith('/v1/attachments')) return { id: `a_${n}` };
  const receipt = {
    id: 't_1',
    number: 'NC-TEST01',
    status: 'new',
    createdAt: now.toISOString(),
    accessToken: 'tok_1',
    promise: { firstResponseBy: at(2), resolveBy: at(24) },
  };
  if (method === 'POST' && rest.endsWith('/v1/tickets')) return receipt;
  if (method === 'GET' && /\/v1\/tickets\/[^/]+$/.test(rest)) {
    const { accessToken: _, ...t } = receipt;
    return {
      ...t,
      category: 'damaged',
      message: 'Broken',
      updatedAt: t.createdAt,
      attachments: [],
      timeline: [{ kind: 'created', at: t.createdAt, by: 'customer' }],
    };
  }
  return { ok: true, n };
}

export function httpFixture() {
  return async function httpFixtureMiddleware(ctx, next) {
    const m = /^\/__test\/(seq|log|setup)\/([\w-]+)(\/.*)?$/.exec(ctx.path);
    if (!m) return next();
    const [, kind, id, rest = '/'] = m;
    if (kind === 'log') {
      const requests = logs.get(id) ?? [];
      ctx.type = 'application/json';
      ctx.body = JSON.stringify({ count: requests.length, requests });
      return;
    }
    if (kind === 'setup') {
      setups.set(id, { ...ctx.query });
      ctx.status = 204;
      return;
    }
    const query = { ...setups.get(id), ...ctx.query };
    const requests = logs.get(id) ?? [];
    logs.set(id, requests);
    const n = requests.length;
    requests.push({
      method: ctx.method,
      path: rest,
      headers: ctx.headers,
      body: await readBody(ctx.req),
      at: Date.now(),
    });
    const seq = String(query.seq ?? '200').split(',');
    const [token, delay] = (seq[Math.min(n, seq.length - 1)] ?? '200').split('@');
    if (delay) await new Promise((r) => setTimeout(r, Number(delay)));
    if (token === 'drop') {
      ctx.respond = false;
      ctx.req.socket.destroy();
      return;
    }
    if (token === 'html') {
      ctx.status = 502;
      ctx.type = 'text/html';
      ctx.body = '<html><body>Bad gateway</body></html>';
      return;
    }
    const status = Number(token);
    ctx.status = status;
    ctx.type = 'application/json';
    if (query.retryAfter && (status === 429 || status === 503)) ctx.set('Retry-After', String(query.retryAfter));
    if (status >= 200 && status < 300) {
      ctx.body = JSON.stringify(successBody(ctx.method, rest, n));
      return;
    }
    const code = CODES[status] ?? 'internal';
    const error = { code, message: `Test ${status}` };
    if (code === 'validation_failed') error.fields = { message: 'required', 'contact.email': 'invalid_email' };
    ctx.body = JSON.stringify({ error });
  };
}
