/**
 * The SKU → supplier mapping: PUT and GET, the CSV import (merge and replace, quoted cells, a BOM, every bad cell
 * named by line and column, a broken quote, the size cap, the media type), who may read and write it (admins
 * write, an agent reads, a shopper's site key is refused), and the attribution a ticket is suggested from its
 * items, the mapping and its category — on PGlite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startPostgres, type RunningPostgres } from '../../../test/support/postgres.ts';
import { startServer, type RunningServer } from '../src/index.ts';

const ADMIN = { email: 'lead@shop.example', password: 'correct horse battery', name: 'Lena' };
const AGENT = { email: 'ana@shop.example', password: 'another horse battery', name: 'Ana' };

function supplierSuite(name: string, start: () => Promise<RunningServer>) {
  describe(`SKU → supplier mapping (${name})`, () => {
    let server: RunningServer;
    let agentCookie: string;
    const admin = () => ({ Authorization: `Bearer ${server.agentKey}` });
    const call = async (method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`${server.url}${path}`, { method, headers: { ...admin(), ...headers }, body });
      return { status: res.status, body: (await res.json()) as any };
    };
    const importCsv = (csv: string, query = '') =>
      call('POST', `/v1/agent/suppliers/import${query}`, csv, { 'Content-Type': 'text/csv; charset=utf-8' });

    before(async () => {
      server = await start();
      const made = await call('POST', '/v1/agent/agents', JSON.stringify({ ...AGENT, role: 'agent' }), {
        'Content-Type': 'application/json',
        'Idempotency-Key': randomUUID(),
      });
      assert.equal(made.status, 201);
      const signIn = await fetch(`${server.url}/v1/console/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: server.url },
        body: JSON.stringify({ email: AGENT.email, password: AGENT.password }),
      });
      assert.equal(signIn.status, 200);
      agentCookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    });
    after(() => server?.close());

    it('PUT replaces the mapping, GET lists it; a repeated SKU and a missing supplier are named', async () => {
      const put = (entries: unknown) =>
        call('PUT', '/v1/agent/suppliers', JSON.stringify({ entries }), { 'Content-Type': 'application/json' });
      const ok = await put([
        { sku: 'JAR-500', product: 'Honey jar 500g', supplier: 'Beeline', department: 'Purchasing' },
        { sku: 'COMB-1', product: 'Honeycomb', supplier: 'Acme' },
      ]);
      assert.equal(ok.status, 200);
      assert.deepEqual(ok.body.entries, [
        { sku: 'COMB-1', product: 'Honeycomb', supplier: 'Acme' },
        { sku: 'JAR-500', product: 'Honey jar 500g', supplier: 'Beeline', department: 'Purchasing' },
      ]);
      const dup = await put([
        { sku: 'A', product: 'a', supplier: 's' },
        { sku: 'A', product: 'b', supplier: 's' },
      ]);
      assert.equal(dup.status, 400);
      assert.deepEqual(dup.body.error.fields, { 'entries.1.sku': 'duplicate' });
      const missing = await put([{ sku: 'A', product: 'a' }]);
      assert.equal(missing.status, 400);
      assert.ok(missing.body.error.fields['entries.0.supplier'], JSON.stringify(missing.body));
      assert.equal((await call('GET', '/v1/agent/suppliers')).body.entries.length, 2, 'nothing written by a refusal');
    });

    it('imports CSV: merged by SKU (or replacing), header in any order and case, quotes and a BOM', async () => {
      const csv =
        '\uFEFFSupplier,SKU,product,Department,note\r\n"Acme, Ltd",COMB-1,"Honeycomb ""raw""",,x\r\nHivemind,WAX-9,Beeswax,Quality,\r\n\r\n';
      const merged = await importCsv(csv);
      assert.equal(merged.status, 200, JSON.stringify(merged.body));
      assert.equal(merged.body.imported, 2);
      assert.deepEqual(merged.body.entries, [
        { sku: 'COMB-1', product: 'Honeycomb "raw"', supplier: 'Acme, Ltd' },
        { sku: 'JAR-500', product: 'Honey jar 500g', supplier: 'Beeline', department: 'Purchasing' },
        { sku: 'WAX-9', product: 'Beeswax', supplier: 'Hivemind', department: 'Quality' },
      ]);
      const replaced = await importCsv('sku,product,supplier\nWAX-9,Beeswax,Hivemind\n', '?mode=replace');
      assert.deepEqual(
        replaced.body.entries.map((e: { sku: string }) => e.sku),
        ['WAX-9'],
      );
    });

    it('names the line and column of every bad cell; a broken quote, the cap and the media type refused', async () => {
      const bad = await importCsv('sku,product,supplier\nA,Apple,Orchard\nB,,Orchard\nA,Again,Orchard\nC,Cherry,\n');
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.error.fields, {
        'line.3.product': 'required',
        'line.5.supplier': 'required',
        'line.4.sku': 'duplicate',
      });
      assert.match(bad.body.error.message, /^Line 3, column product: required/);
      const header = await importCsv('sku,name,supplier\nA,Apple,Orchard\n');
      assert.deepEqual(header.body.error.fields, { 'line.1.product': 'missing_column' });
      const quote = await importCsv('sku,product,supplier\nA,"Apple,Orchard\n');
      assert.equal(quote.status, 400);
      assert.deepEqual(Object.keys(quote.body.error.fields), ['line.2']);
      const control = await importCsv('sku,product,supplier\nA,Ap\u0000ple,Orchard\n');
      assert.equal(control.status, 400);
      assert.deepEqual(control.body.error.fields, { 'line.2.product': 'invalid' });
      const empty = await importCsv('');
      assert.equal(empty.status, 400);
      const big = await importCsv('sku,product,supplier\n' + 'A,B,C\n'.repeat(400_000));
      assert.equal(big.status, 413);
      assert.equal(big.body.error.code, 'payload_too_large');
      const json = await call('POST', '/v1/agent/suppliers/import', '{}', { 'Content-Type': 'application/json' });
      assert.equal(json.status, 415);
      const mode = await importCsv('sku,product,supplier\nA,B,C\n', '?mode=wipe');
      assert.deepEqual(mode.body.error.fields, { mode: 'invalid_choice' });
      assert.deepEqual(
        (await call('GET', '/v1/agent/suppliers')).body.entries.map((e: { sku: string }) => e.sku),
        ['WAX-9'],
        'nothing written by a refusal',
      );
    });

    it('admins write; an agent reads and is refused writes; a shopper key and no key are refused', async () => {
      const asAgent = { Authorization: '', Cookie: agentCookie, Origin: server.url };
      assert.equal((await call('GET', '/v1/agent/suppliers', undefined, asAgent)).status, 200);
      const put = await call('PUT', '/v1/agent/suppliers', JSON.stringify({ entries: [] }), {
        ...asAgent,
        'Content-Type': 'application/json',
      });
      assert.equal(put.status, 403);
      const imp = await call('POST', '/v1/agent/suppliers/import', 'sku,product,supplier\n', {
        ...asAgent,
        'Content-Type': 'text/csv',
      });
      assert.equal(imp.status, 403);
      const refused: Record<string, string>[] = [
        { Authorization: '', 'X-Nectar-Site': 'demo' },
        { Authorization: 'Bearer demo' },
      ];
      for (const headers of refused) {
        assert.equal((await call('GET', '/v1/agent/suppliers', undefined, headers)).status, 401);
        const w = await call('POST', '/v1/agent/suppliers/import', 'sku,product,supplier\n', {
          ...headers,
          'Content-Type': 'text/csv',
        });
        assert.equal(w.status, 401);
      }
      assert.deepEqual((await call('GET', '/v1/agent/suppliers?site=elsewhere')).body.error.fields, {
        site: 'invalid_choice',
      });
    });

    it('suggests the attribution from the items, the mapping and the category', async () => {
      await importCsv(
        'sku,product,supplier,department\nJAR-500,Honey jar 500g,Beeline,Purchasing\nCOMB-1,Honeycomb,Acme,\n',
      );
      const file = async (category: string, items: unknown[]) => {
        const res = await fetch(`${server.url}/v1/tickets`, {
          method: 'POST',
          headers: { 'X-Nectar-Site': 'demo', 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
          body: JSON.stringify({ category, message: 'It broke.', items, contact: { email: 'a@example.com' } }),
        });
        assert.equal(res.status, 201);
        return ((await res.json()) as { id: string }).id;
      };
      const suggest = (id: string, headers: Record<string, string> = {}) =>
        call('GET', `/v1/agent/tickets/${id}/attribution/suggestion`, undefined, headers);
      const damaged = await file('damaged', [{ title: 'Spoon' }, { sku: 'COMB-1', title: 'Comb', quantity: 1 }]);
      assert.deepEqual((await suggest(damaged)).body, {
        sku: 'COMB-1',
        product: 'Honeycomb',
        supplier: 'Acme',
        department: 'Warehouse',
        issueType: 'Damaged item',
        from: { product: 'mapping', supplier: 'mapping', department: 'category', issueType: 'category' },
      });
      const jar = await file('missing_or_wrong', [{ sku: 'JAR-500' }]);
      assert.deepEqual((await suggest(jar)).body, {
        sku: 'JAR-500',
        product: 'Honey jar 500g',
        supplier: 'Beeline',
        department: 'Purchasing',
        issueType: 'Missing or wrong item',
        from: { product: 'mapping', supplier: 'mapping', department: 'mapping', issueType: 'category' },
      });
      const unknown = await file('other', [{ sku: 'NOPE', title: 'Mystery box' }]);
      assert.deepEqual((await suggest(unknown)).body, {
        sku: 'NOPE',
        product: 'Mystery box',
        from: { product: 'item' },
      });
      const asAgent = { Authorization: '', Cookie: agentCookie };
      assert.equal((await suggest(jar, asAgent)).status, 200, 'any agent may read it');
      assert.equal((await suggest(jar, { Authorization: '', 'X-Nectar-Site': 'demo' })).status, 401);
      assert.equal((await suggest(randomUUID())).status, 404);
      assert.equal((await suggest('not-an-id')).status, 404);
    });
  });
}

supplierSuite('PGlite', () => startServer({ port: 0, memory: true, admin: ADMIN }));

let postgres: RunningPostgres | undefined;
after(() => postgres?.stop());
supplierSuite('PostgreSQL', async () => {
  postgres = await startPostgres();
  return startServer({ port: 0, memory: true, admin: ADMIN, databaseUrl: postgres.url });
});
