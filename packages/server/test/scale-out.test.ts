/**
 * Scale-out: two service processes on one throwaway PostgreSQL, behind a tiny round-robin balancer,
 * behave as one service — a ticket created on one is read on the other, concurrent replays of one
 * Idempotency-Key split across both make one ticket, and the per-IP write limit holds across both.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Ticket, TicketReceipt } from '@nectar/core/schema';
import { startPostgres, type RunningPostgres } from '../../../test/support/postgres.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const AGENT_KEY = 'scale-out-agent-key-0123456789abcdef';
const WRITES_PER_IP = 8;

interface Instance {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

async function startInstance(databaseUrl: string, dataDir: string): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      NECTAR_DATA_DIR: dataDir,
      NECTAR_AGENT_KEY: AGENT_KEY,
      NECTAR_TRUST_PROXY: '1',
      NECTAR_RATE_LIMIT_WRITES: String(WRITES_PER_IP),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /API\s+(http:\/\/[^/\s]+)\/v1\/health/.exec(output);
      if (match) resolve(match[1]!);
    });
    void exited.then(() => reject(new Error(`instance exited early:\n${output}`)));
  });
  return { url, child, exited };
}

/** Sends request n to upstream n mod 2, streaming both ways. */
function roundRobin(upstreams: string[]): Promise<{ url: string; server: Server; served: number[] }> {
  const served = upstreams.map(() => 0);
  let next = 0;
  const server = createServer((req, res) => {
    const index = next++ % upstreams.length;
    served[index]! += 1;
    const target = new URL(req.url ?? '/', upstreams[index]);
    const upstream = request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, served }),
    ),
  );
}

describe('two instances on one PostgreSQL act as one service', () => {
  let postgres: RunningPostgres;
  let dataDir: string;
  let a: Instance;
  let b: Instance;
  let balancer: Awaited<ReturnType<typeof roundRobin>>;

  before(async () => {
    postgres = await startPostgres();
    // One attachments folder for both, as a shared volume would be.
    dataDir = await mkdtemp(join(tmpdir(), 'nectar-scale-'));
    [a, b] = await Promise.all([startInstance(postgres.url, dataDir), startInstance(postgres.url, dataDir)]);
    balancer = await roundRobin([a.url, b.url]);
  });
  after(async () => {
    balancer?.server.close();
    for (const instance of [a, b]) instance?.child.kill('SIGTERM');
    const codes = await Promise.all([a?.exited, b?.exited]);
    await postgres?.stop();
    await rm(dataDir, { recursive: true, force: true });
    assert.deepEqual(codes, [0, 0], 'both exit cleanly');
  });

  const postTicket = (base: string, ip: string, key = randomUUID(), message = 'The lamp arrived dented.') =>
    fetch(`${base}/v1/tickets`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Nectar-Site': 'demo',
        'Idempotency-Key': key,
        'X-Forwarded-For': ip,
      },
      body: JSON.stringify({ category: 'damaged', message, contact: { email: 'shopper@example.com' } }),
    });

  it('reads on one instance the ticket created on the other', async () => {
    const created = await postTicket(a.url, '203.0.113.10');
    assert.equal(created.status, 201);
    const receipt = (await created.json()) as TicketReceipt;
    const read = await fetch(`${b.url}/v1/tickets/${receipt.id}`, {
      headers: { 'X-Nectar-Site': 'demo', Authorization: `Bearer ${receipt.accessToken}` },
    });
    assert.equal(read.status, 200);
    assert.equal(((await read.json()) as Ticket).number, receipt.number);
    const queue = await fetch(`${b.url}/v1/agent/tickets`, { headers: { Authorization: `Bearer ${AGENT_KEY}` } });
    assert.ok(((await queue.json()) as { tickets: { id: string }[] }).tickets.some((t) => t.id === receipt.id));
  });

  it('makes one ticket of concurrent replays of one key split across both instances', async () => {
    const key = randomUUID();
    const message = `Replayed ${key}`;
    const before = [...balancer.served];
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => postTicket(balancer.url, `203.0.113.${20 + i}`, key, message)),
    );
    assert.deepEqual(
      balancer.served.map((n, i) => n - before[i]!),
      [3, 3],
      'the balancer split them',
    );
    assert.deepEqual(
      answers.map((r) => r.status),
      [201, 201, 201, 201, 201, 201],
    );
    const receipts = (await Promise.all(answers.map((r) => r.json()))) as TicketReceipt[];
    assert.equal(new Set(receipts.map((r) => r.id)).size, 1, 'every answer names the same ticket');
    assert.equal(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 5);
    const list = await fetch(`${a.url}/v1/agent/tickets?q=${encodeURIComponent(message)}`, {
      headers: { Authorization: `Bearer ${AGENT_KEY}` },
    });
    assert.equal(((await list.json()) as { tickets: unknown[] }).tickets.length, 1);
  });

  it('holds the per-IP write limit across both instances', async () => {
    const ip = '203.0.113.99';
    const answers = await Promise.all(Array.from({ length: WRITES_PER_IP * 2 }, () => postTicket(balancer.url, ip)));
    const statuses = answers.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, WRITES_PER_IP, statuses.join(','));
    assert.equal(statuses.filter((s) => s === 429).length, WRITES_PER_IP);
    const refused = answers.find((r) => r.status === 429)!;
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    // Another IP still has its whole budget.
    assert.equal((await postTicket(balancer.url, '203.0.113.100')).status, 201);
  });
});
