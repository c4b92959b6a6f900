/**
 * Agent accounts and console sessions: sign-in with email and password (scrypt), the session cookie
 * (HttpOnly, SameSite=Strict, Secure over HTTPS, new on every sign-in, idle expiry), writes only from
 * the console's origin, throttled wrong passwords, roles, disabling, the first admin from the
 * environment and `nectar-server agents add`. Every new route is checked without credentials too.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../src/index.ts';
import { SITES } from './api-suite.ts';
import { PNG_1PX } from './fixtures.ts';

const ADMIN = { email: 'Admin@Shop.example', password: 'correct horse battery' };

describe('agent accounts and console sessions', () => {
  let server: RunningServer;
  let url: string;

  before(async () => {
    server = await startServer({
      port: 0,
      memory: true,
      sites: SITES,
      admin: ADMIN,
      sessionIdleMs: 1500,
      rateLimit: { signInFailuresPerAccount: 3, signInFailuresPerIp: 4 },
    });
    url = server.url;
  });
  after(() => server?.close());

  /** A request as the console page would make it: same origin, the cookie jar passed along. */
  const call = async (
    method: string,
    path: string,
    opts: { body?: unknown; cookie?: string; origin?: string | null } = {},
  ) => {
    const headers: Record<string, string> = {};
    if (opts.origin !== null) headers['Origin'] = opts.origin ?? url;
    if (opts.cookie) headers['Cookie'] = opts.cookie;
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(url + path, {
      method,
      headers,
      ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
    });
  };
  const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0] ?? '';
  const signIn = async (email = ADMIN.email, password = ADMIN.password) => {
    const res = await call('POST', '/v1/console/session', { body: { email, password } });
    return { res, cookie: cookieOf(res) };
  };

  it('creates the first admin from the environment, once', async () => {
    assert.deepEqual(server.admin, { email: ADMIN.email, created: true });
    const again = await startServer({ port: 0, memory: true, admin: { ...ADMIN, password: 'another password!' } });
    try {
      assert.equal(again.admin?.created, true, 'a fresh database gets its own');
    } finally {
      await again.close();
    }
  });

  it('signs in with email (any case) and password into an HttpOnly, SameSite=Strict cookie, new each time', async () => {
    const { res, cookie } = await signIn('admin@shop.EXAMPLE');
    assert.equal(res.status, 200);
    const body = (await res.json()) as { agent: Record<string, unknown> };
    assert.deepEqual(Object.keys(body.agent).sort(), ['createdAt', 'disabled', 'email', 'id', 'name', 'role']);
    assert.equal(body.agent.role, 'admin');
    const setCookie = res.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /^nectar_session=[\w-]{40,};/);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    assert.doesNotMatch(setCookie, /Secure/, 'plain HTTP on loopback');
    const { rows } = await server.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
    assert.ok(!rows.some((r) => cookie.includes(r.token_hash)), 'only a hash of the token is stored');

    const me = await call('GET', '/v1/console/session', { cookie });
    assert.equal(((await me.json()) as { agent: { email: string } }).agent.email, ADMIN.email);
    // Signing in again with the old cookie rotates: a new token, the old one ends.
    const second = await call('POST', '/v1/console/session', { body: ADMIN, cookie });
    const rotated = cookieOf(second);
    assert.notEqual(rotated, cookie);
    assert.equal((await call('GET', '/v1/console/session', { cookie })).status, 401);
    assert.equal((await call('GET', '/v1/console/session', { cookie: rotated })).status, 200);
    // Signing out ends it.
    assert.equal((await call('DELETE', '/v1/console/session', { cookie: rotated })).status, 204);
    assert.equal((await call('GET', '/v1/agent/tickets', { cookie: rotated })).status, 401);
  });

  it('marks the cookie Secure over HTTPS (behind a trusted proxy)', async () => {
    const proxied = await startServer({ port: 0, memory: true, admin: ADMIN, trustProxy: true });
    try {
      const res = await fetch(`${proxied.url}/v1/console/session`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Forwarded-Proto': 'https',
          Origin: proxied.url.replace('http:', 'https:'),
        },
        body: JSON.stringify(ADMIN),
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('set-cookie') ?? '', /; Secure/);
    } finally {
      await proxied.close();
    }
  });

  it('lets a session work the queue; its writes only from the console origin (CSRF)', async () => {
    const { cookie } = await signIn();
    const ticket = await fetch(`${url}/v1/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ category: 'damaged', message: 'Broken', contact: { email: 'a@b.co' } }),
    });
    const { id } = (await ticket.json()) as { id: string };
    assert.equal(
      (await call('GET', '/v1/agent/tickets', { cookie, origin: null })).status,
      200,
      'reads need no Origin',
    );
    for (const origin of ['https://evil.example', null]) {
      const forged = await call('POST', `/v1/agent/tickets/${id}/claim`, { cookie, origin, body: {} });
      assert.equal(forged.status, 403, `origin ${origin}`);
    }
    assert.equal(
      (await call('POST', '/v1/console/session', { body: ADMIN, origin: 'https://evil.example' })).status,
      403,
    );
    const claimed = await call('POST', `/v1/agent/tickets/${id}/claim`, {
      cookie,
      body: { agentName: 'Someone Else' },
    });
    assert.equal(claimed.status, 200);
    const full = (await claimed.json()) as { assignee: string; timeline: { kind: string; authorName?: string }[] };
    assert.equal(full.assignee, 'Admin', 'a signed-in agent acts as themself');
    assert.deepEqual(full.timeline.at(-1), { ...full.timeline.at(-1), kind: 'assigned', authorName: 'Admin' });
  });

  it('shows an agent the ticket’s photos (and no other ticket’s), inert', async () => {
    const form = new FormData();
    form.append('file', new Blob([PNG_1PX]), 'photo.png');
    const upload = await fetch(`${url}/v1/attachments`, {
      method: 'POST',
      headers: { 'X-Nectar-Site': 'demo', 'Idempotency-Key': crypto.randomUUID() },
      body: form,
    });
    const photo = (await upload.json()) as { id: string };
    const file = (attachments: string[]) =>
      fetch(`${url}/v1/tickets`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Nectar-Site': 'demo',
          'Idempotency-Key': crypto.randomUUID(),
        },
        body: JSON.stringify({ category: 'damaged', message: 'See photo', contact: { email: 'a@b.co' }, attachments }),
      }).then((r) => r.json() as Promise<{ id: string }>);
    const withPhoto = await file([photo.id]);
    const without = await file([]);
    const path = (ticket: string) => `/v1/agent/tickets/${ticket}/attachments/${photo.id}`;
    const { cookie } = await signIn();
    const credentials: Record<string, string>[] = [{ Cookie: cookie }, { Authorization: `Bearer ${server.agentKey}` }];
    for (const headers of credentials) {
      const res = await fetch(url + path(withPhoto.id), { headers });
      assert.equal(res.status, 200);
      assert.deepEqual(Buffer.from(await res.arrayBuffer()), PNG_1PX);
      assert.equal(res.headers.get('content-type'), 'image/png');
      assert.equal(res.headers.get('content-security-policy'), "default-src 'none'; sandbox");
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    }
    const headers = { Authorization: `Bearer ${server.agentKey}` };
    assert.equal((await fetch(url + path(without.id), { headers })).status, 404, 'another ticket does not have it');
    assert.equal((await fetch(`${url}/v1/agent/tickets/${withPhoto.id}/attachments/%00`, { headers })).status, 404);
    assert.equal((await fetch(url + path(withPhoto.id))).status, 401, 'nobody else');
  });

  it('ends a session idle longer than its limit', async () => {
    const { cookie } = await signIn();
    assert.equal((await call('GET', '/v1/agent/tickets', { cookie })).status, 200);
    await new Promise((r) => setTimeout(r, 1700));
    const late = await call('GET', '/v1/agent/tickets', { cookie });
    assert.equal(late.status, 401);
    assert.match(((await late.json()) as { error: { message: string } }).error.message, /session has ended/);
  });

  it('throttles wrong passwords per account and per IP with 429, and tells no one which part was wrong', async () => {
    const invite = await signIn();
    const created = await call('POST', '/v1/agent/agents', {
      cookie: invite.cookie,
      body: { email: 'bo@shop.example', name: 'Bo', password: 'bo-password-long' },
    });
    assert.equal(created.status, 201);
    const wrongUser = await call('POST', '/v1/console/session', { body: { email: 'nobody@x.example', password: 'x' } });
    const wrongPassword = await call('POST', '/v1/console/session', {
      body: { email: 'bo@shop.example', password: 'x' },
    });
    assert.equal(wrongUser.status, 401);
    assert.deepEqual(await wrongUser.json(), await wrongPassword.json());
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await call('POST', '/v1/console/session', { body: { email: 'bo@shop.example', password: 'nope' } })).status,
      );
    }
    assert.deepEqual(statuses, [401, 401, 429], 'three failures for the account, then 429');
    const locked = await call('POST', '/v1/console/session', {
      body: { email: 'bo@shop.example', password: 'bo-password-long' },
    });
    assert.equal(locked.status, 429, 'even the right password waits out the window');
    assert.ok(Number(locked.headers.get('retry-after')) > 0);
    // The IP's budget (4 failures) is spent too by now: another account from it is refused as well.
    assert.equal((await signIn()).res.status, 429);
  });

  it('keeps inviting and disabling to admins; a disabled agent’s session ends at once', async () => {
    const other = await startServer({ port: 0, memory: true, admin: ADMIN });
    try {
      const as = (cookie: string, method: string, path: string, body?: unknown) =>
        fetch(other.url + path, {
          method,
          headers: { Origin: other.url, Cookie: cookie, ...(body ? { 'Content-Type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
      const login = async (email: string, password: string) =>
        (
          await fetch(`${other.url}/v1/console/session`, {
            method: 'POST',
            headers: { Origin: other.url, 'Content-Type': 'application/json' },
            body: JSON.stringify({ email, password }),
          })
        ).headers
          .get('set-cookie')
          ?.split(';')[0] ?? '';
      const admin = await login(ADMIN.email, ADMIN.password);
      const bad = await as(admin, 'POST', '/v1/agent/agents', { email: 'x', name: '', password: 'short' });
      assert.deepEqual(((await bad.json()) as { error: { fields: object } }).error.fields, {
        email: 'invalid_email',
        name: 'required',
        password: 'too_small',
      });
      const cy = (await (
        await as(admin, 'POST', '/v1/agent/agents', {
          email: 'cy@shop.example',
          name: 'Cy',
          password: 'cy-password-long',
        })
      ).json()) as { id: string; role: string };
      assert.equal(cy.role, 'agent');
      const dup = await as(admin, 'POST', '/v1/agent/agents', {
        email: 'CY@shop.example',
        name: 'Cy',
        password: 'x'.repeat(12),
      });
      assert.deepEqual(((await dup.json()) as { error: { fields: object } }).error.fields, { email: 'taken' });

      const agent = await login('cy@shop.example', 'cy-password-long');
      assert.equal((await as(agent, 'GET', '/v1/agent/tickets')).status, 200);
      assert.equal((await as(agent, 'GET', '/v1/agent/agents')).status, 403, 'an agent cannot manage the team');
      assert.equal((await as(agent, 'POST', `/v1/agent/agents/${cy.id}/disable`)).status, 403);

      const disabled = await as(admin, 'POST', `/v1/agent/agents/${cy.id}/disable`);
      assert.equal(((await disabled.json()) as { disabled: boolean }).disabled, true);
      assert.equal((await as(agent, 'GET', '/v1/agent/tickets')).status, 401, 'the session ended');
      assert.equal(await login('cy@shop.example', 'cy-password-long'), '', 'and no new one opens');
      const list = (await (await as(admin, 'GET', '/v1/agent/agents')).json()) as { agents: { email: string }[] };
      assert.deepEqual(
        list.agents.map((a) => a.email),
        [ADMIN.email, 'cy@shop.example'],
      );
      assert.equal(JSON.stringify(list).includes('scrypt'), false, 'no password hash leaves the service');
    } finally {
      await other.close();
    }
  });

  it('refuses every new route without credentials', async () => {
    for (const [method, path] of [
      ['GET', '/v1/console/session'],
      ['GET', '/v1/agent/agents'],
      ['POST', '/v1/agent/agents'],
      ['POST', `/v1/agent/agents/${crypto.randomUUID()}/disable`],
    ] as const) {
      const res = await call(method, path, method === 'POST' ? { body: {} } : {});
      assert.equal(res.status, 401, `${method} ${path}`);
    }
    // The machine key still works and has full rights.
    const res = await fetch(`${url}/v1/agent/agents`, { headers: { Authorization: `Bearer ${server.agentKey}` } });
    assert.equal(res.status, 200);
  });

  it('adds an agent from the command line (nectar-server agents add)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'nectar-cli-'));
    const run = (args: string[], env: Record<string, string>) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
        const child = spawn(process.execPath, ['--import', 'tsx', main, 'agents', ...args], {
          env: { ...process.env, NECTAR_DATA_DIR: dataDir, ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (c) => (out += c));
        child.stderr.on('data', (c) => (out += c));
        child.on('exit', (code) => resolve({ code, out }));
      });
    try {
      const added = await run(['add', '--email', 'di@shop.example', '--name', 'Di', '--role', 'admin'], {
        NECTAR_AGENT_PASSWORD: 'di-password-long',
      });
      assert.equal(added.code, 0, added.out);
      assert.match(added.out, /added admin di@shop\.example/);
      const weak = await run(['add', '--email', 'ed@shop.example', '--name', 'Ed'], { NECTAR_AGENT_PASSWORD: 'short' });
      assert.equal(weak.code, 1);
      assert.match(weak.out, /password: too_small/);
      const listed = await run(['list'], {});
      assert.match(listed.out, /di@shop\.example\tDi\tadmin/);
      const served = await startServer({ port: 0, dataDir });
      try {
        const res = await fetch(`${served.url}/v1/console/session`, {
          method: 'POST',
          headers: { Origin: served.url, 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: 'di@shop.example', password: 'di-password-long' }),
        });
        assert.equal(res.status, 200);
      } finally {
        await served.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
