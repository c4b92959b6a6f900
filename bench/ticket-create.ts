/**
 * `npm run bench` (service part): POST /v1/tickets on PGlite over loopback HTTP, against the raw rate
 * of the same transaction (idempotency claim, ticket, timeline entry, sealed idempotency record — the
 * store's own functions) run directly through the same PGlite driver, in the same process and run.
 * The difference is what the service adds: HTTP, middleware, validation, rate limits, hashing. Budget (ARCHITECTURE.md):
 * the service keeps at least 50 % of the raw rate. Prints medians of alternating rounds and the median
 * of the rounds' ratios; exit code 1 when that is under the budget.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { ticketCreateSchema } from '../packages/core/src/schema.ts';
import { createTicket } from '../packages/server/src/domain/tickets.ts';
import { startServer } from '../packages/server/src/index.ts';
import { idempotentWrite } from '../packages/server/src/store/idempotency.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const PER_ROUND = Number(process.env.BENCH_TICKETS ?? 200);
const BUDGET = 0.5;
/** Requests in flight, as a busy shop's shoppers would have them (keep-alive connections). */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

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

/**
 * The shoppers run in a worker thread (its own event loop, on the other core, as real clients would
 * be) with CONCURRENCY requests in flight: the rate is the service's throughput, not one round trip's latency.
 */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { randomUUID } = require('node:crypto');
parentPort.on('message', async (count) => {
  let sent = 0;
  let error;
  const one = async () => {
    while (sent < count && !error) {
      sent++;
      const res = await fetch(workerData.url + '/v1/tickets', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
        body: workerData.body,
      });
      const text = await res.text();
      if (res.status !== 201) error = res.status + ' ' + text;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: workerData.concurrency }, one));
  parentPort.postMessage(error ? { error } : { rate: count / ((performance.now() - started) / 1000) });
});`;
const client = new Worker(CLIENT, { eval: true, workerData: { url: server.url, body, concurrency: CONCURRENCY } });

function viaService(): Promise<number> {
  return new Promise((resolve, reject) => {
    client.once('message', (m: { rate?: number; error?: string }) =>
      m.rate ? resolve(m.rate) : reject(new Error(`POST /v1/tickets answered ${m.error}`)),
    );
    client.postMessage(PER_ROUND);
  });
}

const input = ticketCreateSchema.parse(JSON.parse(body));

/** The same transaction the route runs (idempotency claim, ticket, timeline, stored result), called directly. */
async function raw(): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < PER_ROUND; i++) {
    const key = randomUUID();
    await idempotentWrite(server.db, { scope: 'site:demo|POST /v1/tickets', key, requestHash: key }, async (tx) => ({
      status: 201,
      body: await createTicket(tx, 'demo', input, null, new Date()),
    }));
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
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    direct.push(await raw());
    service.push(await viaService());
    ratios.push(service.at(-1)! / direct.at(-1)!);
  }
  // Each round pairs the two measurements taken back to back; the median of those ratios resists a
  // round disturbed by the machine better than a ratio of medians would.
  const ratio = median(ratios);
  console.log(
    `\nservice: ticket create on PGlite (${ROUNDS} rounds × ${PER_ROUND}, ${CONCURRENCY} in flight; medians)`,
  );
  console.log(`  POST /v1/tickets over loopback HTTP   ${median(service).toFixed(0).padStart(6)} /s`);
  console.log(`  the same transaction, direct (PGlite) ${median(direct).toFixed(0).padStart(6)} /s`);
  console.log(`  ratio per round ${ratios.map((r) => `${(r * 100).toFixed(0)} %`).join(', ')}`);
  console.log(
    `  ratio ${(ratio * 100).toFixed(0)} % (budget ≥ ${BUDGET * 100} %)  ${ratio >= BUDGET ? 'ok' : 'UNDER'}`,
  );
  process.exitCode = ratio >= BUDGET ? 0 : 1;
} finally {
  await client.terminate();
  await server.close();
}
