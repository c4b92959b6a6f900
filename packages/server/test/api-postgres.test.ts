import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startPostgres, type RunningPostgres } from '../../../test/support/postgres.ts';
import { startServer } from '../src/index.ts';
import { apiSuite, SITES } from './api-suite.ts';

let postgres: RunningPostgres;
before(async () => {
  postgres = await startPostgres();
});
after(() => postgres?.stop());

it('two instances starting at once on a fresh database migrate it once and share one agent key', async () => {
  const [a, b] = await Promise.all([
    startServer({ port: 0, memory: true, databaseUrl: postgres.url }),
    startServer({ port: 0, memory: true, databaseUrl: postgres.url }),
  ]);
  try {
    const { rows } = await a.db.query<{ id: number }>('SELECT id FROM nectar_migrations ORDER BY id');
    assert.deepEqual(
      rows.map((r) => Number(r.id)),
      [1],
    );
    assert.equal(a.agentKey, b.agentKey);
    assert.equal([a.agentKeyGenerated, b.agentKeyGenerated].filter(Boolean).length, 1);
    assert.deepEqual(await (await fetch(`${b.url}/v1/health`)).json(), { status: 'ok', storage: 'postgres' });
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

apiSuite('PostgreSQL', () =>
  startServer({ port: 0, memory: true, databaseUrl: postgres.url, sites: SITES, onInternalError: () => undefined }),
);
