/**
 * The problem board on a fixture: counts, shares, the trend against the previous week, and the spike test
 * against the 28 days before (a steady product is no spike, a supplier jumping from 2 a month to 6 a week is);
 * a department claiming a group, marking it a known issue and closing it with a note, its history, a closed
 * group that came back, every bad field named, and who may do it — on PGlite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startPostgres, type RunningPostgres } from '../../../test/support/postgres.ts';
import { startServer, type RunningServer } from '../src/index.ts';

const ADMIN = { email: 'lead@shop.example', password: 'correct horse battery', name: 'Lena' };

function boardSuite(name: string, start: () => Promise<RunningServer>) {
  describe(`problem board (${name})`, () => {
    let server: RunningServer;
    let add: (
      day: string,
      attribution: Record<string, string> | null,
      category?: string,
      status?: string,
      at?: string,
    ) => Promise<unknown>;
    before(async () => {
      server = await start();
      add = async (day, attribution, category = 'damaged', status = 'open', at = `${day}T10:00:00Z`) =>
        server.db.query(
          `INSERT INTO tickets (id, site, number, status, category, severity, message, contact_email, access_token_hash,
           created_at, updated_at, first_response_by, resolve_by, attribution)
         VALUES ($1, 'demo', $2, $3, $4, 'high', 'fixture', 'a@b.co', $5, $6, $6, $6, $6, $7)`,
          [
            randomUUID(),
            `NC-${randomUUID().slice(0, 8)}`,
            status,
            category,
            '0'.repeat(64),
            at,
            attribution ? JSON.stringify(attribution) : null,
          ],
        );
      const day = (from: string, n: number) =>
        new Date(Date.parse(`${from}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
      // Baseline, 25 October – 21 November: the jar once a day; Acme twice in the month.
      for (let i = 0; i < 28; i++) await add(day('2026-10-25', i), { product: 'Honey jar 500g', supplier: 'Beeline' });
      await add('2026-11-01', { product: 'Comb', supplier: 'Acme' });
      await add('2026-11-18', { product: 'Comb', supplier: 'Acme' }, 'delivery');
      // The week 22–28 November: the jar 8 times (one resolved), Acme 6 times, 2 tickets not attributed yet.
      for (let i = 0; i < 8; i++)
        await add(
          day('2026-11-22', i % 7),
          { product: 'Honey jar 500g', supplier: 'Beeline' },
          'damaged',
          i === 0 ? 'resolved' : 'open',
        );
      for (let i = 0; i < 6; i++) await add(day('2026-11-22', i), { product: 'Comb', supplier: 'Acme' }, 'delivery');
      await add('2026-11-23', null, 'other');
      await add('2026-11-24', null, 'other');
    });
    after(() => server?.close());

    const board = async (query: string) => {
      const res = await fetch(`${server.url}/v1/agent/board?from=2026-11-22&to=2026-11-28&${query}`, {
        headers: { Authorization: `Bearer ${server.agentKey}` },
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };

    it('groups by supplier: share, trend and the spike test', async () => {
      const { body } = await board('by=supplier');
      assert.equal(body.total, 16);
      assert.deepEqual(body.groups, [
        {
          key: 'Beeline',
          count: 8,
          share: 50,
          previous: 7,
          trend: 14.3,
          baseline: { days: 28, count: 28, expected: 7 },
          spike: false,
          open: 7,
          claim: null,
        },
        {
          key: 'Acme',
          count: 6,
          share: 37.5,
          previous: 1,
          trend: 500,
          baseline: { days: 28, count: 2, expected: 0.5 },
          spike: true,
          open: 6,
          claim: null,
        },
        {
          key: null,
          count: 2,
          share: 12.5,
          previous: 0,
          trend: null,
          baseline: { days: 28, count: 0, expected: 0 },
          spike: false,
          open: 2,
          claim: null,
        },
      ]);
    });

    it('groups by category by default and by product; refuses an unknown dimension', async () => {
      const byCategory = await board('');
      assert.deepEqual(
        (byCategory.body.groups as { key: string; count: number }[]).map((g) => [g.key, g.count]),
        [
          ['damaged', 8],
          ['delivery', 6],
          ['other', 2],
        ],
      );
      const byProduct = await board('by=product');
      assert.equal((byProduct.body.groups as { key: string }[])[0]?.key, 'Honey jar 500g');
      const bad = await board('by=colour');
      assert.equal(bad.status, 400);
      assert.deepEqual((bad.body.error as { fields: object }).fields, { by: 'invalid_choice' });
      assert.equal((await fetch(`${server.url}/v1/agent/board`)).status, 401);
    });

    const agentHeaders = { Authorization: '', 'Content-Type': 'application/json' };
    const put = async (body: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${server.url}/v1/agent/board/groups`, {
        method: 'PUT',
        headers: { ...agentHeaders, Authorization: `Bearer ${server.agentKey}`, ...headers },
        body: JSON.stringify(body),
      });
      return { res, status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const acme = async () =>
      ((await board('by=supplier')).body.groups as { key: string; claim: Record<string, unknown> | null }[]).find(
        (g) => g.key === 'Acme',
      )!.claim;

    it('names every bad field of a change, and refuses an unknown site', async () => {
      const bad = await put({ by: 'colour', key: '', status: 'closed', extra: 1 });
      assert.equal(bad.status, 400);
      assert.deepEqual((bad.body.error as { fields: object }).fields, {
        by: 'invalid_choice',
        key: 'required',
        extra: 'unknown_field',
        note: 'required',
      });
      const noDepartment = await put({ by: 'supplier', key: 'Acme', status: 'claimed', department: '   ' });
      assert.deepEqual((noDepartment.body.error as { fields: object }).fields, { department: 'required' });
      const noStatus = await put({ by: 'supplier', key: 'Acme', status: 'done', note: 'x'.repeat(2001) });
      assert.deepEqual((noStatus.body.error as { fields: object }).fields, {
        status: 'invalid_choice',
        note: 'too_long',
      });
      const site = await put({
        by: 'supplier',
        key: 'Acme',
        status: 'claimed',
        department: 'Purchasing',
        site: 'nope',
      });
      assert.deepEqual((site.body.error as { fields: object }).fields, { site: 'invalid_choice' });
      const notJson = await fetch(`${server.url}/v1/agent/board/groups`, {
        method: 'PUT',
        headers: { ...agentHeaders, Authorization: `Bearer ${server.agentKey}` },
        body: '{',
      });
      assert.equal(notJson.status, 400);
      assert.equal(await acme(), null, 'nothing was written');
    });

    it('a department claims a group, marks it a known issue and closes it with a note; the board answers each state', async () => {
      // A person in the console: acts as themself.
      const signIn = await fetch(`${server.url}/v1/console/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: server.url },
        body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
      });
      assert.equal(signIn.status, 200);
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      const asLena = { Authorization: '', Cookie: cookie, Origin: server.url };
      const key = randomUUID();
      const claimed = await put(
        { by: 'supplier', key: 'Acme', status: 'claimed', department: 'Purchasing' },
        {
          ...asLena,
          'Idempotency-Key': key,
        },
      );
      assert.equal(claimed.status, 200);
      assert.equal(claimed.body.status, 'claimed');
      assert.equal(claimed.body.department, 'Purchasing');
      assert.equal(claimed.body.claimedBy, 'Lena');
      let claim = await acme();
      assert.equal(claim?.status, 'claimed');
      assert.equal(claim?.department, 'Purchasing');
      assert.equal(claim?.reopened, false);
      // Beeline is nobody's yet; the same group on product is another group.
      const groups = (await board('by=supplier')).body.groups as { key: string; claim: unknown }[];
      assert.equal(groups.find((g) => g.key === 'Beeline')?.claim, null);
      assert.ok(((await board('by=product')).body.groups as { claim: unknown }[]).every((g) => g.claim === null));

      // The same key again: the first answer, once; with another body: a conflict.
      const again = await put(
        { by: 'supplier', key: 'Acme', status: 'claimed', department: 'Purchasing' },
        {
          ...asLena,
          'Idempotency-Key': key,
        },
      );
      assert.equal(again.res.headers.get('Idempotent-Replayed'), 'true');
      assert.deepEqual(again.body, claimed.body);
      const conflict = await put(
        { by: 'supplier', key: 'Acme', status: 'claimed', department: 'Quality' },
        {
          ...asLena,
          'Idempotency-Key': key,
        },
      );
      assert.equal(conflict.status, 422);

      // A machine with the agent key names who acted; the department stays.
      const known = await put({ by: 'supplier', key: 'Acme', status: 'known_issue', agentName: 'Ops bot' });
      assert.equal(known.status, 200);
      claim = await acme();
      assert.equal(claim?.status, 'known_issue');
      assert.equal(claim?.department, 'Purchasing');
      assert.equal(claim?.knownIssueBy, 'Ops bot');
      assert.equal(claim?.claimedBy, 'Lena');

      const closed = await put(
        { by: 'supplier', key: 'Acme', status: 'closed', note: 'Acme repacks combs in foam from December.' },
        asLena,
      );
      assert.equal(closed.status, 200);
      claim = await acme();
      assert.equal(claim?.status, 'closed');
      assert.equal(claim?.note, 'Acme repacks combs in foam from December.');
      assert.equal(claim?.closedBy, 'Lena');
      assert.equal(claim?.cameBack, 0);
      assert.equal(claim?.reopened, false);

      // The history, oldest first (the replay wrote nothing).
      const read = await fetch(`${server.url}/v1/agent/board/groups?by=supplier&key=Acme`, {
        headers: { Authorization: `Bearer ${server.agentKey}` },
      });
      const group = (await read.json()) as { history: Record<string, unknown>[] };
      assert.deepEqual(
        group.history.map(({ status, department, note, by }) => ({ status, department, note, by })),
        [
          { status: 'claimed', department: 'Purchasing', note: null, by: 'Lena' },
          { status: 'known_issue', department: null, note: null, by: 'Ops bot' },
          { status: 'closed', department: null, note: 'Acme repacks combs in foam from December.', by: 'Lena' },
        ],
      );
      assert.ok(group.history.every((e) => typeof e.at === 'string'));
      const none = await fetch(`${server.url}/v1/agent/board/groups?by=supplier&key=Beeline`, {
        headers: { Authorization: `Bearer ${server.agentKey}` },
      });
      assert.equal(none.status, 404);

      // A ticket after the close: the group came back.
      const later = new Date(Date.parse(String(claim?.closedAt)) + 60_000).toISOString();
      await add(later.slice(0, 10), { product: 'Comb', supplier: 'Acme' }, 'delivery', 'open', later);
      claim = await acme();
      assert.equal(claim?.status, 'closed');
      assert.equal(claim?.cameBack, 1);
      assert.equal(claim?.reopened, true);
      // Claimed again: no longer "came back".
      await put({ by: 'supplier', key: 'Acme', status: 'claimed', department: 'Quality' });
      claim = await acme();
      assert.equal(claim?.status, 'claimed');
      assert.equal(claim?.department, 'Quality');
      assert.equal(claim?.reopened, false);
    });

    it('agents only: no credentials or a site key is refused, and a session writes only from the console', async () => {
      const body = JSON.stringify({ by: 'supplier', key: 'Beeline', status: 'claimed', department: 'Purchasing' });
      const headers = { 'Content-Type': 'application/json' };
      const groups = `${server.url}/v1/agent/board/groups`;
      assert.equal((await fetch(groups, { method: 'PUT', headers, body })).status, 401);
      assert.equal((await fetch(`${groups}?by=supplier&key=Beeline`)).status, 401);
      const siteKey = await fetch(groups, { method: 'PUT', headers: { ...headers, 'X-Nectar-Site': 'demo' }, body });
      assert.equal(siteKey.status, 401);
      const asBearer = await fetch(groups, {
        method: 'PUT',
        headers: { ...headers, Authorization: 'Bearer demo' },
        body,
      });
      assert.equal(asBearer.status, 401);
      const signIn = await fetch(`${server.url}/v1/console/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: server.url },
        body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
      });
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      const elsewhere = await fetch(groups, {
        method: 'PUT',
        headers: { ...headers, Cookie: cookie, Origin: 'https://evil.example' },
        body,
      });
      assert.equal(elsewhere.status, 403);
      const board = (await (
        await fetch(`${server.url}/v1/agent/board?from=2026-11-22&to=2026-11-28&by=supplier`, {
          headers: { Authorization: `Bearer ${server.agentKey}` },
        })
      ).json()) as { groups: { key: string; claim: unknown }[] };
      assert.equal(board.groups.find((g) => g.key === 'Beeline')?.claim, null);
    });
  });
}

boardSuite('PGlite', () => startServer({ port: 0, memory: true, admin: ADMIN }));

let postgres: RunningPostgres | undefined;
after(() => postgres?.stop());
boardSuite('PostgreSQL', async () => {
  postgres = await startPostgres();
  return startServer({ port: 0, memory: true, admin: ADMIN, databaseUrl: postgres.url });
});
