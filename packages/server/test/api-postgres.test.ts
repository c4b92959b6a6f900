import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startPostgres, type RunningPostgres } from '../../../test/support/postgres.ts';
import { MIGRATIONS, startServer } from '../src/index.ts';
import { apiSuite, SITES } from './api-suite.ts';
import { answersEventsSuite } from './answers-events-suite.ts';
import { feedbackSuite } from './feedback-suite.ts';

let postgres: RunningPostgres;
before(async () => {
  postgres = await startPostgres();
});
after(() => postgres?.stop());

it('two instances starting at once on a fresh database migrate it once and share one agent key', async () => {
  const [a, b] = await Promise.all([
    startServer({ port: 0, memory: true, databaseUrl: postgres.url }),
    startServer({ port: 0, memory: true, databaseUrl: postgres.url, onInternalError: () => undefined }),
  ]);
  try {
    const { rows } = await a.db.query<{ id: number }>('SELECT id FROM nectar_migrations ORDER BY id');
    assert.deepEqual(
      rows.map((r) => Number(r.id)),
      MIGRATIONS.map((m) => m.id),
    );
    assert.equal(a.agentKey, b.agentKey);
    assert.equal([a.agentKeyGenerated, b.agentKeyGenerated].filter(Boolean).length, 1);
    assert.deepEqual(await (await fetch(`${b.url}/v1/health`)).json(), { status: 'ok', storage: 'postgres' });

    // Storage gone: health says so with 503, writes fail with a bare 500 that leaks nothing.
    await b.db.close();
    const health = await fetch(`${b.url}/v1/health`);
    assert.equal(health.status, 503);
    assert.equal(((await health.json()) as any).status, 'error');
    const write = await fetch(`${b.url}/v1/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': 'k' },
      body: JSON.stringify({ category: 'other', message: 'hello', contact: { email: 'a@example.com' } }),
    });
    assert.equal(write.status, 500);
    const text = await write.text();
    assert.deepEqual(JSON.parse(text), {
      error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' },
    });
    assert.doesNotMatch(text, /pool|pg|postgres|stack|at /i);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

apiSuite('PostgreSQL', () =>
  startServer({ port: 0, memory: true, databaseUrl: postgres.url, sites: SITES, onInternalError: () => undefined }),
);

feedbackSuite('PostgreSQL', () =>
  startServer({
    port: 0,
    memory: true,
    databaseUrl: postgres.url,
    sites: SITES,
    rateLimit: { writesPerIp: 10_000 },
    onInternalError: () => undefined,
  }),
);

answersEventsSuite('PostgreSQL', () =>
  startServer({
    port: 0,
    memory: true,
    databaseUrl: postgres.url,
    sites: SITES,
    rateLimit: { writesPerIp: 10_000 },
    onInternalError: () => undefined,
  }),
);
