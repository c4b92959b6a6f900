/**
 * A known issue's proactive notice: refused before the group is a known issue; published as a banner nudge rule
 * on `order_viewed` for the group's SKUs (the mapping's and the tickets' items'), shown in the shopper's locale by
 * GET /v1/nudges, a valid rule for PUT /v1/agent/nudges, updated in place when published again, every bad field
 * named, refused for a group without SKUs; taken down when the group is closed, and by DELETE — on PGlite and
 * PostgreSQL.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startPostgres, type RunningPostgres } from '../../../test/support/postgres.ts';
import { startServer, type RunningServer } from '../src/index.ts';

const ADMIN = { email: 'lead@shop.example', password: 'correct horse battery', name: 'Lena' };

function noticeSuite(name: string, start: () => Promise<RunningServer>) {
  describe(`known-issue notice (${name})`, () => {
    let server: RunningServer;
    const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${server.agentKey}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const agentRules = async () => (await call('GET', '/v1/agent/nudges')).body.rules as { id: string }[];
    const notices = async () => (await agentRules()).filter((r) => r.id.startsWith('known-issue-'));
    const content = {
      en: { title: 'Beeline jars may arrive cracked', body: 'We know, and a new jar is on its way.' },
      'zh-CN': { title: 'Beeline 的罐子可能破损', body: '我们已知悉，新罐子正在寄出。' },
    };

    before(async () => {
      server = await start();
      const mapped = await call('PUT', '/v1/agent/suppliers', {
        entries: [
          { sku: 'JAR-500', product: 'Honey jar 500g', supplier: 'Beeline' },
          { sku: 'JAR-250', product: 'Honey jar 250g', supplier: 'Beeline' },
          { sku: 'COMB-1', product: 'Honeycomb', supplier: 'Acme' },
        ],
      });
      assert.equal(mapped.status, 200);
      await server.db.query(
        `INSERT INTO tickets (id, site, number, status, category, severity, message, contact_email, access_token_hash,
           created_at, updated_at, first_response_by, resolve_by, attribution, items)
         VALUES ($1, 'demo', 'NC-1', 'open', 'damaged', 'high', 'cracked', 'a@b.co', $2, now(), now(), now(), now(), $3, $4)`,
        [
          randomUUID(),
          '0'.repeat(64),
          JSON.stringify({ supplier: 'Beeline', department: 'Purchasing' }),
          JSON.stringify([{ sku: 'JAR-900', title: 'Honey jar 900g' }]),
        ],
      );
    });
    after(() => server?.close());

    it('is refused until the group is a known issue; then published as a banner on the group’s SKUs', async () => {
      const before = (await agentRules()).length;
      const early = await call('PUT', '/v1/agent/board/notice', { by: 'supplier', key: 'Beeline', content });
      assert.equal(early.status, 400);
      assert.deepEqual(early.body.error.fields, { key: 'not_known_issue' });
      const known = await call('PUT', '/v1/agent/board/groups', {
        by: 'supplier',
        key: 'Beeline',
        status: 'known_issue',
      });
      assert.equal(known.status, 200);
      const published = await call('PUT', '/v1/agent/board/notice', { by: 'supplier', key: 'Beeline', content });
      assert.equal(published.status, 200, JSON.stringify(published.body));
      const rule = published.body.rule;
      assert.match(rule.id, /^known-issue-[0-9a-f]{20}$/);
      assert.deepEqual(rule.trigger, {
        kind: 'event',
        name: 'order_viewed',
        where: [{ prop: 'sku', op: 'in', value: ['JAR-250', 'JAR-500', 'JAR-900'] }],
      });
      assert.deepEqual(rule.presentation, { variant: 'banner' });
      assert.equal(rule.purpose, 'service');
      assert.deepEqual(rule.content, content);
      const rules = await agentRules();
      assert.equal(rules.length, before + 1, 'the site’s other rules kept');
      // What shoppers get, in their locale.
      const shopper = await fetch(`${server.url}/v1/nudges?locale=zh-CN`, { headers: { 'X-Nectar-Site': 'demo' } });
      const shown = ((await shopper.json()) as { rules: any[] }).rules.find((r) => r.id === rule.id);
      assert.equal(shown.content['zh-CN']?.title ?? shown.content.title, 'Beeline 的罐子可能破损');
      // The same rule set is valid for the nudge rules route (core's schema).
      assert.equal((await call('PUT', '/v1/agent/nudges', { rules })).status, 200);
      // Published again: updated in place.
      const again = await call('PUT', '/v1/agent/board/notice', {
        by: 'supplier',
        key: 'Beeline',
        content: { en: { title: 'Cracked jars: replacements are on their way' } },
      });
      assert.equal(again.status, 200);
      const now = await notices();
      assert.equal(now.length, 1);
      assert.equal((now[0] as any).content.en.title, 'Cracked jars: replacements are on their way');
    });

    it('names every bad field; a group without SKUs and a shopper key are refused', async () => {
      const bad = await call('PUT', '/v1/agent/board/notice', {
        by: 'shelf',
        key: '',
        content: { 'zh-TW': { title: 'x'.repeat(121) } },
      });
      assert.equal(bad.status, 400);
      const fields = Object.keys(bad.body.error.fields).sort();
      assert.ok(fields.includes('by') && fields.includes('key') && fields.includes('content.en'), fields.join());
      assert.ok(fields.includes('content.zh-TW.title'), fields.join());
      await call('PUT', '/v1/agent/board/groups', { by: 'department', key: 'Nowhere', status: 'known_issue' });
      const none = await call('PUT', '/v1/agent/board/notice', { by: 'department', key: 'Nowhere', content });
      assert.deepEqual(none.body.error.fields, { key: 'no_skus' });
      const shopper = await call(
        'PUT',
        '/v1/agent/board/notice',
        { by: 'supplier', key: 'Beeline', content },
        { Authorization: '', 'X-Nectar-Site': 'demo' },
      );
      assert.equal(shopper.status, 401);
    });

    it('is published and taken down by admins only: an agent’s session is refused', async () => {
      const invited = await call('POST', '/v1/agent/agents', {
        email: 'kai@shop.example',
        name: 'Kai',
        role: 'agent',
        password: 'kai-agent-password',
      });
      assert.equal(invited.status, 201);
      const signedIn = await fetch(`${server.url}/v1/console/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: server.url },
        body: JSON.stringify({ email: 'kai@shop.example', password: 'kai-agent-password' }),
      });
      assert.equal(signedIn.status, 200);
      const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
      const asAgent = { Authorization: '', Cookie: cookie, Origin: server.url };
      const put = await call('PUT', '/v1/agent/board/notice', { by: 'supplier', key: 'Beeline', content }, asAgent);
      assert.equal(put.status, 403);
      assert.equal(put.body.error.code, 'forbidden');
      const del = await call('DELETE', '/v1/agent/board/notice?by=supplier&key=Beeline', undefined, asAgent);
      assert.equal(del.status, 403);
    });

    it('is taken down when the group is closed, and by DELETE', async () => {
      assert.equal((await notices()).length, 1);
      const closed = await call('PUT', '/v1/agent/board/groups', {
        by: 'supplier',
        key: 'Beeline',
        status: 'closed',
        note: 'New packaging from Beeline.',
      });
      assert.equal(closed.status, 200);
      assert.equal((await notices()).length, 0);
      assert.equal((await call('DELETE', '/v1/agent/board/notice?by=supplier&key=Beeline')).status, 404);
      // A product group without mapped SKUs on its tickets matches by name; DELETE takes it down.
      await call('PUT', '/v1/agent/board/groups', { by: 'product', key: 'Honeycomb', status: 'known_issue' });
      const comb = await call('PUT', '/v1/agent/board/notice', { by: 'product', key: 'Honeycomb', content });
      assert.deepEqual(comb.body.rule.trigger.where, [{ prop: 'sku', op: 'in', value: ['COMB-1'] }]);
      await call('PUT', '/v1/agent/board/groups', { by: 'product', key: 'Wax', status: 'known_issue' });
      const wax = await call('PUT', '/v1/agent/board/notice', { by: 'product', key: 'Wax', content });
      assert.deepEqual(wax.body.rule.trigger.where, [{ prop: 'product', op: 'eq', value: 'Wax' }]);
      assert.equal((await call('DELETE', '/v1/agent/board/notice?by=product&key=Wax')).status, 200);
      assert.deepEqual(
        (await notices()).map((r) => r.id),
        [comb.body.rule.id],
      );
    });
  });
}

noticeSuite('PGlite', () => startServer({ port: 0, memory: true, admin: ADMIN }));

let postgres: RunningPostgres | undefined;
after(() => postgres?.stop());
noticeSuite('PostgreSQL', async () => {
  postgres = await startPostgres();
  return startServer({ port: 0, memory: true, admin: ADMIN, databaseUrl: postgres.url });
});
