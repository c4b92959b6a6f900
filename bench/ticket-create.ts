/**
 * `npm run bench` (service part): POST /v1/tickets on PGlite over loopback HTTP, against the raw rate
 * of the same transaction (idempotency claim, ticket, timeline entry, idempotency record) run
 * directly through the same PGlite driver, in the same process and run. Budget (ARCHITECTURE.md):
 * the service keeps at least 50 % of the raw rate. Prints medians of alternating rounds; exit code 1
 * when the median ratio is under the budget.
 */
import { randomUUID } from 'node:crypto';
import { startServer } from '../packages/server/src/index.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PER_ROUND = Number(process.env.BENCH_TICKETS ?? 200);
const BUDGET = 0.5;

const server = await startServer({
  port: 0,
  memory: true,
  rateLimit: { writesPerIp: 1_000_000, writesPerSite: 1_000_000 },
});
const body = JSON.stringify({
  category: 'damaged',
  message: 'The vase arrived broken; the box was crushed on one corner.',
  contact: { email: 'shopper@example.com', name: 'Ana' },
  orderRef: 'ORD-1001',
});

async function viaService(): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < PER_ROUND; i++) {
    const res = await fetch(`${server.url}/v1/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
      body,
    });
    if (res.status !== 201) throw new Error(`POST /v1/tickets answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  }
  return PER_ROUND / ((performance.now() - started) / 1000);
}

let seq = 0;
async function raw(): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < PER_ROUND; i++) {
    const id = randomUUID();
    const now = new Date().toISOString();
    await server.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO idempotency_keys (scope, key_hash, request_hash, status, response, created_at)
         VALUES ($1, $2, $3, 0, '', now()) ON CONFLICT DO NOTHING RETURNING key_hash`,
        ['bench', id, 'h'],
      );
      await tx.query(
        `INSERT INTO tickets (id, site, number, status, category, severity, subject, message, order_ref, items,
           contact_email, contact_name, locale, context, access_token_hash, created_at, updated_at, first_response_by,
           resolve_by, user_id)
         VALUES ($1, 'demo', $2, 'new', 'damaged', 'high', NULL, $3, 'ORD-1001', NULL, 'shopper@example.com', 'Ana',
           NULL, NULL, $4, $5, $5, $5, $5, NULL)
         ON CONFLICT (number) DO NOTHING RETURNING id`,
        [id, `BENCH-${seq++}`, 'The vase arrived broken; the box was crushed on one corner.', id, now],
      );
      await tx.query(
        'INSERT INTO timeline (ticket_id, kind, at, by_role, author_name, body) VALUES ($1, $2, $3, $4, $5, $6)',
        [id, 'created', now, 'customer', null, null],
      );
      await tx.query('UPDATE idempotency_keys SET status = $3, response = $4 WHERE scope = $1 AND key_hash = $2', [
        'bench',
        id,
        201,
        'sealed',
      ]);
    });
  }
  return PER_ROUND / ((performance.now() - started) / 1000);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

try {
  await viaService(); // warm-up: JIT, connection, plan caches
  await raw();
  const service: number[] = [];
  const direct: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    direct.push(await raw());
    service.push(await viaService());
  }
  const ratio = median(service) / median(direct);
  console.log(`\nservice: ticket create on PGlite (${ROUNDS} rounds × ${PER_ROUND}, medians)`);
  console.log(`  POST /v1/tickets over loopback HTTP   ${median(service).toFixed(0).padStart(6)} /s`);
  console.log(`  the same transaction, raw (PGlite)    ${median(direct).toFixed(0).padStart(6)} /s`);
  console.log(
    `  ratio ${(ratio * 100).toFixed(0)} % (budget ≥ ${BUDGET * 100} %)  ${ratio >= BUDGET ? 'ok' : 'UNDER'}`,
  );
  process.exitCode = ratio >= BUDGET ? 0 : 1;
} finally {
  await server.close();
}
