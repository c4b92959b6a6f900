/**
 * Agents on a ticket (`PUT`/`DELETE /v1/agent/tickets/:id/presence`): an agent's presence is seen by another
 * agent — through another instance of the service on one PostgreSQL — with the typing flag, lapses after 30 s,
 * ends on DELETE; the machine key, a signed-out caller, a shopper's token and a forged console origin are
 * refused, an unknown ticket is 404 and a bad body names its field. On PGlite (one instance) and PostgreSQL (two).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startPostgres, type RunningPostgres } from '../../../test/support/postgres.ts';
import { startServer, type RunningServer } from '../src/index.ts';

const ADMIN = { email: 'lead@shop.example', password: 'correct horse battery', name: 'Lena' };
const BO = { email: 'bo@shop.example', password: 'another horse battery', name: 'Bo', role: 'agent' };
const SITES = [{ key: 'demo', origins: ['*'] }];

interface Others {
  others: { name: string; typing: boolean; since: string }[];
}

function presenceSuite(servers: () => { a: RunningServer; b: RunningServer }) {
  let lena = '';
  let bo = '';
  let ticket: { id: string; accessToken: string };

  const signIn = async (server: RunningServer, who: { email: string; password: string }) => {
    const res = await fetch(`${server.url}/v1/console/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.url },
      body: JSON.stringify({ email: who.email, password: who.password }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    return res.headers.get('set-cookie')?.split(';')[0] ?? '';
  };
  /** A console call: same origin unless told, the session's cookie. */
  const presence = (
    server: RunningServer,
    id: string,
    opts: { method?: 'PUT' | 'DELETE'; cookie?: string; body?: unknown; origin?: string; auth?: string } = {},
  ) =>
    fetch(`${server.url}/v1/agent/tickets/${id}/presence`, {
      method: opts.method ?? 'PUT',
      headers: {
        Origin: opts.origin ?? server.url,
        ...(opts.cookie ? { Cookie: opts.cookie } : {}),
        ...(opts.auth ? { Authorization: opts.auth } : {}),
        ...(opts.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
    });
  const errorOf = async (res: Response) =>
    ((await res.json()) as { error: { code: string; fields?: Record<string, string> } }).error;

  before(async () => {
    const { a, b } = servers();
    const created = await fetch(`${a.url}/v1/agent/agents`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${a.agentKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(BO),
    });
    assert.equal(created.status, 201, await created.clone().text());
    lena = await signIn(a, ADMIN);
    bo = await signIn(b, BO);
    const res = await fetch(`${a.url}/v1/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ category: 'damaged', message: 'The lamp is dented', contact: { email: 'a@b.co' } }),
    });
    assert.equal(res.status, 201);
    ticket = (await res.json()) as typeof ticket;
  });

  it("shows one agent's presence and typing to another (on the other instance), never their own", async () => {
    const { a, b } = servers();
    const first = await presence(a, ticket.id, { cookie: lena, body: { typing: false } });
    assert.equal(first.status, 200);
    assert.deepEqual(await first.json(), { others: [] });

    const seen = await presence(b, ticket.id, { cookie: bo, body: { typing: false } });
    assert.equal(seen.status, 200);
    const { others } = (await seen.json()) as Others;
    assert.deepEqual(
      others.map(({ name, typing }) => ({ name, typing })),
      [{ name: 'Lena', typing: false }],
    );
    const since = others[0]!.since;
    assert.ok(Math.abs(Date.parse(since) - Date.now()) < 10_000, since);

    assert.equal((await presence(a, ticket.id, { cookie: lena, body: { typing: true } })).status, 200);
    const typing = (await (await presence(b, ticket.id, { cookie: bo, body: { typing: false } })).json()) as Others;
    assert.deepEqual(typing.others, [{ name: 'Lena', typing: true, since }], 'the visit goes on: same since');

    const back = (await (await presence(a, ticket.id, { cookie: lena, body: { typing: true } })).json()) as Others;
    assert.deepEqual(
      back.others.map((o) => o.name),
      ['Bo'],
    );
  });

  it('forgets an agent not seen for 30 s, and starts a new visit when they come back', async () => {
    const { a, b } = servers();
    await presence(a, ticket.id, { cookie: lena, body: { typing: true } });
    // 31 s pass for Lena (her row is stored 31 s older); Bo's next report no longer sees her.
    await a.db.query(
      `UPDATE agent_presence SET seen_at = seen_at - interval '31 seconds', since = since - interval '31 seconds'
       WHERE ticket_id = $1 AND name = 'Lena'`,
      [ticket.id],
    );
    assert.deepEqual(await (await presence(b, ticket.id, { cookie: bo, body: { typing: false } })).json(), {
      others: [],
    });
    // 29 s is still "here".
    await presence(a, ticket.id, { cookie: lena, body: { typing: false } });
    const fresh = (await (await presence(b, ticket.id, { cookie: bo, body: { typing: false } })).json()) as Others;
    assert.equal(fresh.others.length, 1);
    assert.ok(Date.now() - Date.parse(fresh.others[0]!.since) < 10_000, 'a new visit');
    await a.db.query(
      `UPDATE agent_presence SET seen_at = seen_at - interval '29 seconds' WHERE ticket_id = $1 AND name = 'Lena'`,
      [ticket.id],
    );
    const still = (await (await presence(b, ticket.id, { cookie: bo, body: { typing: false } })).json()) as Others;
    assert.deepEqual(
      still.others.map((o) => o.name),
      ['Lena'],
    );
  });

  it('removes rows older than a few minutes whenever anyone reports', async () => {
    const { a, b } = servers();
    await presence(a, ticket.id, { cookie: lena, body: { typing: false } });
    await a.db.query(`UPDATE agent_presence SET seen_at = seen_at - interval '6 minutes' WHERE name = 'Lena'`);
    await presence(b, ticket.id, { cookie: bo, body: { typing: false } });
    const { rows } = await a.db.query<{ name: string }>('SELECT name FROM agent_presence');
    assert.deepEqual(
      rows.map((r) => r.name),
      ['Bo'],
    );
  });

  it('ends presence on DELETE (leaving the ticket)', async () => {
    const { a, b } = servers();
    await presence(a, ticket.id, { cookie: lena, body: { typing: false } });
    const left = await presence(a, ticket.id, { method: 'DELETE', cookie: lena });
    assert.equal(left.status, 204);
    assert.deepEqual(await (await presence(b, ticket.id, { cookie: bo, body: { typing: false } })).json(), {
      others: [],
    });
    assert.equal((await presence(a, ticket.id, { method: 'DELETE', cookie: lena })).status, 204, 'twice is fine');
  });

  it('refuses the signed-out, a shopper, the machine key and a forged origin; 404 and named fields', async () => {
    const { a, b } = servers();
    const body = { typing: false };
    assert.equal((await presence(a, ticket.id, { body })).status, 401);
    assert.equal((await presence(a, ticket.id, { method: 'DELETE' })).status, 401);
    const shopper = await presence(a, ticket.id, { body, auth: `Bearer ${ticket.accessToken}` });
    assert.equal(shopper.status, 401);
    const machine = await presence(a, ticket.id, { body, auth: `Bearer ${a.agentKey}` });
    assert.equal(machine.status, 403);
    assert.equal((await errorOf(machine)).code, 'forbidden');
    const forged = await presence(b, ticket.id, { body, cookie: bo, origin: 'https://evil.example' });
    assert.equal(forged.status, 403);
    const forgedLeave = await presence(b, ticket.id, { method: 'DELETE', cookie: bo, origin: 'https://evil.example' });
    assert.equal(forgedLeave.status, 403);

    const unknown = await presence(a, randomUUID(), { body, cookie: lena });
    assert.equal(unknown.status, 404);
    assert.equal((await presence(a, 'not-an-id', { method: 'DELETE', cookie: lena })).status, 404);

    const bad = await presence(a, ticket.id, { body: { typing: 'yes' }, cookie: lena });
    assert.equal(bad.status, 400);
    const badError = await errorOf(bad);
    assert.equal(badError.code, 'validation_failed');
    assert.ok(badError.fields?.typing, JSON.stringify(badError));
    const extra = await errorOf(
      await presence(a, ticket.id, { body: { typing: true, name: 'Mallory' }, cookie: lena }),
    );
    assert.ok(
      Object.keys(extra.fields ?? {}).some((k) => k.includes('name')),
      JSON.stringify(extra),
    );
    const missing = await errorOf(await presence(a, ticket.id, { body: {}, cookie: lena }));
    assert.ok(missing.fields?.typing, JSON.stringify(missing));
  });
}

describe('presence on PGlite', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ port: 0, memory: true, admin: ADMIN, sites: SITES });
  });
  after(() => server?.close());
  presenceSuite(() => ({ a: server, b: server }));
});

describe('presence across two instances on one PostgreSQL', () => {
  let postgres: RunningPostgres;
  let a: RunningServer;
  let b: RunningServer;
  before(async () => {
    postgres = await startPostgres();
    a = await startServer({ port: 0, memory: true, databaseUrl: postgres.url, admin: ADMIN, sites: SITES });
    b = await startServer({ port: 0, memory: true, databaseUrl: postgres.url, sites: SITES });
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await postgres?.stop();
  });
  presenceSuite(() => ({ a, b }));
});
