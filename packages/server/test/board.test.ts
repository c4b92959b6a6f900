/**
 * The problem board on a fixture: counts, shares, the trend against the previous week, and the spike test
 * against the 28 days before (a steady product is no spike, a supplier jumping from 2 a month to 6 a week is).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../src/index.ts';

describe('problem board', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ port: 0, memory: true });
    const add = async (
      day: string,
      attribution: Record<string, string> | null,
      category = 'damaged',
      status = 'open',
    ) =>
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
          `${day}T10:00:00Z`,
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
});
