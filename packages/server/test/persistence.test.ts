/** PGlite data on disk survives a restart; the CLI starts from env, prints its URLs and stops cleanly. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, it } from 'node:test';
import type { Ticket, TicketReceipt } from '@nectar/core/schema';
import { DEMO_CSP, startServer } from '../src/index.ts';
import { PNG_1PX } from './fixtures.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nectar-persist-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

it('keeps tickets, photos and the agent key across a restart, started the second time by the CLI', async () => {
  const dataDir = join(dir, 'data');
  const demoDir = join(dir, 'demo');
  const cdnDir = join(dir, 'cdn');
  await mkdir(demoDir);
  await mkdir(cdnDir);
  await writeFile(join(demoDir, 'index.html'), '<!doctype html><title>shop</title>');
  await writeFile(join(cdnDir, 'nectar.js'), 'export {};');
  await writeFile(join(dir, 'secret.txt'), 'do not serve');

  const first = await startServer({ port: 0, dataDir, demoDir, cdnDir });
  let receipt: TicketReceipt;
  let photoId: string;
  try {
    assert.equal(first.agentKeyGenerated, true);
    const form = new FormData();
    form.append('file', new Blob([PNG_1PX]), 'p.png');
    const upload = await fetch(`${first.url}/v1/attachments`, {
      method: 'POST',
      headers: { 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
      body: form,
    });
    photoId = ((await upload.json()) as { id: string }).id;
    const res = await fetch(`${first.url}/v1/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': 'persist-1' },
      body: JSON.stringify({
        category: 'damaged',
        message: 'Cracked lid',
        contact: { email: 'a@example.com' },
        attachments: [photoId],
      }),
    });
    assert.equal(res.status, 201);
    receipt = (await res.json()) as TicketReceipt;

    // Static files: the demo with its CSP, the CDN bundle as JavaScript, no traversal.
    const root = await fetch(`${first.url}/`, { redirect: 'manual' });
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/demo/');
    const demo = await fetch(`${first.url}/demo/`);
    assert.equal(demo.status, 200);
    assert.equal(demo.headers.get('content-security-policy'), DEMO_CSP);
    assert.equal(demo.headers.get('x-content-type-options'), 'nosniff');
    assert.match(await demo.text(), /<title>shop<\/title>/);
    const js = await fetch(`${first.url}/nectar/nectar.js`);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
    for (const path of [
      '/demo/..%2fsecret.txt',
      '/demo/%2e%2e/secret.txt',
      '/nectar/..%2f..%2fsecret.txt',
      '/demo/.hidden',
    ]) {
      const res = await fetch(first.url + path);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(await res.text(), /do not serve/);
    }
  } finally {
    await first.close();
  }

  const cli = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NECTAR_DATA_DIR: dataDir, NECTAR_AGENT_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  cli.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      cli.stdout.on('data', (chunk) => {
        output += chunk;
        const match = /Agent key/.test(output) && /API\s+(http:\/\/[^/\s]+)\/v1\/health/.exec(output);
        if (match) resolve(match[1]!);
      });
      cli.on('exit', () => reject(new Error(`CLI exited early:\n${output}`)));
    });
    assert.match(output, /\/demo\//);
    assert.match(output, /\/nectar\/nectar\.js/);
    assert.ok(output.includes(first.agentKey), 'prints the agent key stored on first start');
    assert.doesNotMatch(output, /generated now/);

    const ticket = (await (
      await fetch(`${url}/v1/tickets/${receipt.id}`, {
        headers: { 'X-Nectar-Site': 'demo', Authorization: `Bearer ${receipt.accessToken}` },
      })
    ).json()) as Ticket;
    assert.equal(ticket.number, receipt.number);
    assert.equal(ticket.message, 'Cracked lid');
    assert.deepEqual(
      ticket.attachments.map((a) => a.id),
      [photoId],
    );
    const photo = await fetch(`${url}/v1/tickets/${receipt.id}/attachments/${photoId}`, {
      headers: { 'X-Nectar-Site': 'demo', Authorization: `Bearer ${receipt.accessToken}` },
    });
    assert.deepEqual(Buffer.from(await photo.arrayBuffer()), PNG_1PX);
    const agentList = await fetch(`${url}/v1/agent/tickets`, {
      headers: { Authorization: `Bearer ${first.agentKey}` },
    });
    assert.equal(agentList.status, 200);
    // The idempotency record survived too: a retry after the restart is a replay.
    const retry = await fetch(`${url}/v1/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': 'persist-1' },
      body: JSON.stringify({
        category: 'damaged',
        message: 'Cracked lid',
        contact: { email: 'a@example.com' },
        attachments: [photoId],
      }),
    });
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal(((await retry.json()) as TicketReceipt).accessToken, receipt.accessToken);
  } finally {
    cli.kill('SIGTERM');
  }
  assert.equal(await exited, 0, `clean exit on SIGTERM:\n${output}`);
});
