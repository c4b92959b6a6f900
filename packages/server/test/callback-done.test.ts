/**
 * An agent records a call-back (`POST /v1/agent/tickets/:id/callback`): `no_answer` counts an attempt and keeps
 * it due, `done` records who and when and ends it; both are agent-only timeline entries (never in the shopper's
 * view); bad fields are named, a ticket without a call-back or one already done is 409, an unknown one 404; a
 * shopper's token, a signed-out caller and a forged console origin are refused. The hand-off's article title
 * is resolved for the agent (`context.answerTitle`). On PGlite.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../src/index.ts';

const ADMIN = { email: 'lead@shop.example', password: 'correct horse battery', name: 'Lena' };

interface AgentTicket {
  callback?: { phone: string; by: string; doneAt?: string; doneBy?: string; attempts: number; lastAttemptAt?: string };
  firstRespondedAt?: string;
  context?: Record<string, string>;
  timeline: { kind: string; body?: string; authorName?: string; callback?: { outcome: string; attempt: number } }[];
}

describe('call-backs an agent made', () => {
  let server: RunningServer;
  let cookie = '';
  before(async () => {
    server = await startServer({ port: 0, memory: true, admin: ADMIN, sites: [{ key: 'demo', origins: ['*'] }] });
    const res = await fetch(`${server.url}/v1/console/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.url },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    cookie = res.headers.get('set-cookie')?.split(';')[0] ?? '';
  });
  after(() => server?.close());

  const file = async (extra: object = { callback: { phone: '+4930123456' } }) => {
    const res = await fetch(`${server.url}/v1/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ category: 'delivery', message: 'Please call me', contact: { email: 'a@b.co' }, ...extra }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await res.json()) as { id: string; accessToken: string };
  };
  const asKey = (path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${server.agentKey}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const asConsole = (path: string, body: unknown, origin: string | null = server.url) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json', ...(origin ? { Origin: origin } : {}) },
      body: JSON.stringify(body),
    });
  const read = async (id: string) => (await (await asKey(`/v1/agent/tickets/${id}`)).json()) as AgentTicket;
  const errorOf = async (res: Response) =>
    ((await res.json()) as { error: { code: string; fields?: Record<string, string> } }).error;

  it('counts an attempt without an answer, then records the call done by the signed-in agent', async () => {
    const { id, accessToken } = await file();
    const fresh = await read(id);
    assert.equal(fresh.callback?.attempts, 0);
    assert.equal(fresh.callback?.doneAt, undefined);

    const missed = await asConsole(`/v1/agent/tickets/${id}/callback`, { outcome: 'no_answer', note: 'Voicemail' });
    assert.equal(missed.status, 200, await missed.clone().text());
    const afterMiss = (await missed.json()) as AgentTicket;
    assert.equal(afterMiss.callback?.attempts, 1);
    assert.ok(afterMiss.callback?.lastAttemptAt);
    assert.equal(afterMiss.callback?.doneAt, undefined, 'still due');
    assert.equal(afterMiss.firstRespondedAt, undefined, 'nobody answered: no first response');

    const done = await asConsole(`/v1/agent/tickets/${id}/callback`, {
      outcome: 'done',
      note: 'Parcel is at the depot',
    });
    assert.equal(done.status, 200);
    const t = (await done.json()) as AgentTicket;
    assert.equal(t.callback?.doneBy, 'Lena');
    assert.ok(t.callback?.doneAt && Date.parse(t.callback.doneAt) <= Date.now());
    assert.equal(t.callback?.attempts, 1);
    assert.equal(t.firstRespondedAt, t.callback?.doneAt, 'the call answered the shopper');
    const calls = t.timeline.filter((e) => e.kind === 'callback');
    assert.deepEqual(
      calls.map((e) => [e.callback, e.body, e.authorName]),
      [
        [{ outcome: 'no_answer', attempt: 1 }, 'Voicemail', 'Lena'],
        [{ outcome: 'done', attempt: 2 }, 'Parcel is at the depot', 'Lena'],
      ],
    );
    // In the queue too.
    const queue = (await (await asKey('/v1/agent/tickets')).json()) as { tickets: (AgentTicket & { id: string })[] };
    assert.equal(queue.tickets.find((q) => q.id === id)?.callback?.doneBy, 'Lena');

    // The shopper never sees it.
    const shopper = await fetch(`${server.url}/v1/tickets/${id}`, {
      headers: { 'X-Nectar-Site': 'demo', Authorization: `Bearer ${accessToken}` },
    });
    assert.equal(shopper.status, 200);
    const text = await shopper.text();
    assert.doesNotMatch(text, /callback|Voicemail|depot/);

    // Done is done.
    const again = await asKey(`/v1/agent/tickets/${id}/callback`, { outcome: 'no_answer' });
    assert.equal(again.status, 409);
    assert.equal((await errorOf(again)).code, 'conflict');
  });

  it('names the machine caller by agentName; a ticket without a call-back is 409, an unknown one 404', async () => {
    const { id } = await file();
    const res = await asKey(`/v1/agent/tickets/${id}/callback`, { outcome: 'done', agentName: 'Bot' });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as AgentTicket).callback?.doneBy, 'Bot');

    const plain = await file({});
    const none = await asKey(`/v1/agent/tickets/${plain.id}/callback`, { outcome: 'done' });
    assert.equal(none.status, 409);
    assert.equal((await errorOf(none)).code, 'conflict');
    assert.equal(
      (await read(plain.id)).timeline.some((e) => e.kind === 'callback'),
      false,
    );

    for (const unknown of [randomUUID(), 'not-an-id']) {
      const missing = await asKey(`/v1/agent/tickets/${unknown}/callback`, { outcome: 'done' });
      assert.equal(missing.status, 404);
      assert.equal((await errorOf(missing)).code, 'not_found');
    }
  });

  it('names every bad field, never a 5xx', async () => {
    const { id } = await file();
    const cases: [unknown, Record<string, string>][] = [
      [{}, { outcome: 'required' }],
      [{ outcome: 'maybe' }, { outcome: 'invalid_choice' }],
      [{ outcome: 'done', note: 'x'.repeat(2001) }, { note: 'too_long' }],
      [{ outcome: 'done', note: 'ok\u0000' }, { note: 'control_character' }],
      [{ outcome: 'done', extra: 1 }, { extra: 'unknown_field' }],
    ];
    for (const [body, fields] of cases) {
      const res = await asKey(`/v1/agent/tickets/${id}/callback`, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      const error = await errorOf(res);
      assert.equal(error.code, 'validation_failed');
      assert.deepEqual(error.fields, fields, JSON.stringify(body));
    }
    const empty = await fetch(`${server.url}/v1/agent/tickets/${id}/callback`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.agentKey}`, 'Content-Type': 'application/json' },
      body: '{not json',
    });
    assert.equal(empty.status, 400);
    assert.equal((await read(id)).callback?.attempts, 0, 'nothing recorded');
  });

  it("refuses a shopper's token, a signed-out caller and a forged console origin", async () => {
    const { id, accessToken } = await file();
    const path = `${server.url}/v1/agent/tickets/${id}/callback`;
    const body = JSON.stringify({ outcome: 'done' });
    const json = { 'Content-Type': 'application/json' };
    const shopper = await fetch(path, {
      method: 'POST',
      headers: { ...json, 'X-Nectar-Site': 'demo', Authorization: `Bearer ${accessToken}` },
      body,
    });
    assert.equal(shopper.status, 401);
    const signedOut = await fetch(path, { method: 'POST', headers: json, body });
    assert.equal(signedOut.status, 401);
    for (const origin of ['https://evil.example', null]) {
      const forged = await asConsole(`/v1/agent/tickets/${id}/callback`, { outcome: 'done' }, origin);
      assert.equal(forged.status, 403, `origin ${origin}`);
    }
    assert.equal((await read(id)).callback?.doneAt, undefined, 'nothing recorded');
  });

  it("gives the agent the title of the article the shopper read (the site's own only)", async () => {
    const { id } = await file({ context: { searchQuery: 'refund late', answerId: 'demo:refunds:en' } });
    const t = await read(id);
    assert.equal(t.context?.['searchQuery'], 'refund late');
    assert.equal(t.context?.['answerId'], 'demo:refunds:en');
    assert.ok(t.context?.['answerTitle'], JSON.stringify(t.context));
    const { rows } = await server.db.query<{ title: string }>('SELECT title FROM answers WHERE id = $1', [
      'demo:refunds:en',
    ]);
    assert.equal(t.context?.['answerTitle'], rows[0]?.title);

    const gone = await file({ context: { answerId: 'no-such-article' } });
    assert.deepEqual((await read(gone.id)).context, { answerId: 'no-such-article' });
  });
});
