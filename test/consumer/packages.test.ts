/**
 * The packages as a consumer gets them: `npm pack` of every workspace (after `npm run build`), installed from
 * those tarballs into apps this test creates in a temp folder, each built by its own toolchain —
 * the stock `npm create vite` vanilla-ts template (`tsc && vite build`, plus a strict type check of our
 * declarations), a React 19 app with `@nectar/react` (Vite; then in Chromium: a ticket filed on the real
 * service calls `onNectarSubmit` with the receipt, and on a refused origin `onNectarError` gets
 * `origin_not_allowed` and nothing is queued; the typings refuse a wrong prop), a Next.js app-router build
 * (server rendering included), Vue 3 (`vue-tsc`, `vite build`) and Svelte 5 (`svelte-check`, `vite build`)
 * with the widgets' template typings, webpack 5 over plain JavaScript, plain Node ESM importing every entry point, an isolated
 * (`--install-strategy=linked`) install of the adapters, and `npx nectar-server` answering `/v1/health` and
 * serving `/nectar/nectar.js`. The toolchains come from the npm registry, at the versions pinned below.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { fillTicket } from '../support/e2e.ts';
// @ts-expect-error plain ESM helper without types
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/chromium.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
/** The toolchains, pinned: a new major is a deliberate change here. */
const TOOLCHAIN = {
  'create-vite': '9.3.0',
  next: '16.4.6',
  react: '19.3.1',
  'react-dom': '19.3.1',
  '@types/react': '19.3.3',
  '@types/react-dom': '19.3.0',
  webpack: '5.113.0',
  vite: '8.4.0',
  '@vitejs/plugin-react': '6.3.0',
  typescript: '5.9.3',
  vue: '3.5.45',
  '@vitejs/plugin-vue': '6.0.11',
  'vue-tsc': '3.3.14',
  svelte: '5.57.3',
  '@sveltejs/vite-plugin-svelte': '7.3.1',
  'svelte-check': '4.7.8',
};
const AGENT_KEY = 'consumer-test-agent-key-0123456789';

const work = mkdtempSync(join(tmpdir(), 'nectar-consumer-'));
const tarballs: Record<string, { file: string; size: number; unpackedSize: number; files: string[] }> = {};
const timings: Record<string, number> = {};
// What a consumer's shell has: not the repo's NODE_OPTIONS (its @nectar/source condition would pick src/), nor
// its NODE_ENV=test.
const { NODE_ENV: _testEnv, ...inherited } = process.env;
const env: NodeJS.ProcessEnv = {
  ...inherited,
  NODE_OPTIONS: '',
  NEXT_TELEMETRY_DISABLED: '1',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
  npm_config_update_notifier: 'false',
  npm_config_loglevel: 'error',
  npm_config_yes: 'true',
};

interface Result {
  stdout: string;
  stderr: string;
}

function run(
  label: string,
  cmd: string,
  args: string[],
  cwd: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<Result> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 6 * 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      timings[label] = (timings[label] ?? 0) + (Date.now() - started) / 1000;
      if (code === 0) return resolve({ stdout, stderr });
      reject(new Error(`${label}: \`${cmd} ${args.join(' ')}\` exited ${code}\n${tail(stdout)}\n${tail(stderr)}`));
    });
  });
}

const tail = (text: string) => text.split('\n').slice(-60).join('\n');
const tarball = (name: string) => {
  const entry = tarballs[name];
  assert.ok(entry, `no tarball for ${name}`);
  return `file:${entry.file}`;
};
const writeJson = (file: string, value: unknown) => writeFileSync(file, JSON.stringify(value, null, 2) + '\n');

let browser: Browser | undefined;
let service: ChildProcess | undefined;
const statics: Server[] = [];

before(async () => {
  const packed = join(work, 'tarballs');
  mkdirSync(packed);
  const { stdout } = await run(
    'npm pack',
    'npm',
    ['pack', '--workspaces', '--json', '--pack-destination', packed],
    ROOT,
  );
  for (const entry of JSON.parse(stdout) as {
    name: string;
    filename: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[]) {
    tarballs[entry.name] = {
      file: join(packed, entry.filename),
      size: entry.size,
      unpackedSize: entry.unpackedSize,
      files: entry.files.map((f) => f.path),
    };
  }

  // Three installs at once (network and disk bound): the Vite template, one app folder per other toolchain
  // sharing one install, and the adapters alone in an isolated layout.
  const vite = join(work, 'vite-app');
  const apps = join(work, 'apps');
  const linked = join(work, 'linked');
  for (const dir of [apps, linked]) mkdirSync(dir);
  writeJson(join(apps, 'package.json'), {
    name: 'nectar-consumer-apps',
    private: true,
    type: 'module',
    dependencies: {
      ...Object.fromEntries(Object.keys(tarballs).map((name) => [name, tarball(name)])),
      ...Object.fromEntries(Object.entries(TOOLCHAIN).filter(([name]) => name !== 'create-vite')),
    },
  });
  writeJson(join(linked, 'package.json'), {
    name: 'nectar-consumer-linked',
    private: true,
    type: 'module',
    dependencies: { '@nectar/adapters': tarball('@nectar/adapters'), '@nectar/core': tarball('@nectar/core') },
  });
  await Promise.all([
    (async () => {
      await run(
        'create vite',
        'npm',
        [
          'create',
          `vite@${TOOLCHAIN['create-vite']}`,
          'vite-app',
          '--',
          '--template',
          'vanilla-ts',
          '--no-interactive',
        ],
        work,
      );
      rmSync(join(vite, 'src', 'counter.ts'));
      cpSync(join(FIXTURES, 'vite-vanilla-ts'), vite, { recursive: true });
      const core = ['@nectar/core', '@nectar/adapters', '@nectar/widgets'].map(tarball);
      await run('install (vite template)', 'npm', ['install', ...core], vite);
    })(),
    (async () => {
      for (const app of ['react-app', 'next-app', 'webpack-app', 'node-app', 'vue-app', 'svelte-app']) {
        cpSync(join(FIXTURES, app), join(apps, app), { recursive: true });
      }
      await run('install (apps)', 'npm', ['install'], apps);
    })(),
    run('install (linked)', 'npm', ['install', '--install-strategy=linked'], linked),
  ]);
});

after(async () => {
  await browser?.close();
  for (const server of statics) server.close();
  if (service?.pid !== undefined && service.exitCode === null) {
    // npx runs the bin as its child: stop the whole process group, and wait for it.
    const exited = new Promise((resolve) => service?.once('exit', resolve));
    process.kill(-service.pid, 'SIGTERM');
    await exited;
  }
  console.log('\nconsumer packages (npm pack):');
  for (const [name, t] of Object.entries(tarballs)) {
    console.log(
      `  ${name.padEnd(18)} ${(t.size / 1024).toFixed(1).padStart(7)} KB packed, ${(t.unpackedSize / 1024).toFixed(1).padStart(7)} KB unpacked, ${t.files.length} files`,
    );
  }
  console.log('consumer steps (seconds):');
  for (const [label, seconds] of Object.entries(timings)) console.log(`  ${label.padEnd(28)} ${seconds.toFixed(1)}`);
  if (!process.env.NECTAR_KEEP_CONSUMER) rmSync(work, { recursive: true, force: true });
});

describe('the published packages, installed from their tarballs', () => {
  it('hold their build, types, README and LICENSE, and no tests', () => {
    for (const [name, t] of Object.entries(tarballs)) {
      for (const file of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'])
        assert.ok(t.files.includes(file), `${name}: ${file}`);
      assert.ok(
        t.files.some((f) => f.startsWith('dist/') && f.endsWith('.d.ts')),
        `${name}: dist/*.d.ts`,
      );
      const tests = t.files.filter((f) => /\.test\.|fixture|test-utils|tsconfig/.test(f));
      assert.deepEqual(tests, [], `${name} ships test or build files`);
    }
    const widgets = tarballs['@nectar/widgets']?.files ?? [];
    assert.ok(widgets.includes('dist/cdn/nectar.js'), 'widgets ships the CDN bundle');
    assert.ok(widgets.includes('dist/cdn/nectar.js.br'), 'widgets ships the pre-compressed CDN bundle');
    const server = tarballs['@nectar/server']?.files ?? [];
    assert.ok(server.includes('dist/main.js'), 'server ships its compiled bin');
  });

  it('the stock Vite vanilla-ts template builds with its own `tsc && vite build`, and our types pass a strict consumer', async () => {
    const vite = join(work, 'vite-app');
    await run('vite template build', 'npm', ['run', 'build'], vite);
    assert.ok(existsSync(join(vite, 'dist', 'index.html')));
    // skipLibCheck off: our declarations themselves are checked under strict, exactOptionalPropertyTypes,
    // noPropertyAccessFromIndexSignature, erasableSyntaxOnly.
    await run('vite template strict tsc', 'npx', ['tsc', '-p', 'tsconfig.strict.json'], vite);
  });

  it('Vue 3 (Vite) type-checks the templates against @nectar/widgets/vue and builds', async () => {
    const app = join(work, 'apps', 'vue-app');
    await run('vue-tsc', 'npx', ['vue-tsc', '-p', 'tsconfig.json'], app);
    await run('vue build', 'npx', ['vite', 'build'], app);
    assert.ok(existsSync(join(app, 'dist', 'index.html')));
  });

  it('Svelte 5 (Vite) checks the markup against @nectar/widgets/svelte and builds', async () => {
    const app = join(work, 'apps', 'svelte-app');
    await run('svelte-check', 'npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--threshold', 'error'], app);
    await run('svelte build', 'npx', ['vite', 'build'], app);
    assert.ok(existsSync(join(app, 'dist', 'index.html')));
  });

  it('webpack 5 bundles the published ESM from plain JavaScript, no TypeScript loader', async () => {
    const app = join(work, 'apps', 'webpack-app');
    await run('webpack build', 'node', ['build.mjs'], app);
    const bundle = readFileSync(join(app, 'dist', 'main.js'), 'utf8');
    assert.match(bundle, /nectar-ticket-form/);
  });

  it('plain Node ESM imports every entry point of core, adapters and server, and files a ticket', async () => {
    const app = join(work, 'apps', 'node-app');
    const { stdout } = await run(
      'node esm',
      'node',
      ['check.mjs', '@nectar/core', '@nectar/adapters', '@nectar/server'],
      app,
    );
    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { entries: string[]; ticket: string | null };
    assert.ok(report.entries.includes('@nectar/adapters/vendure'), stdout);
    assert.ok(report.entries.includes('@nectar/core/schema'), stdout);
    assert.ok(report.ticket, 'a ticket number');
  });

  it('an isolated install (--install-strategy=linked) of the adapters resolves every import', async () => {
    const linked = join(work, 'linked');
    cpSync(join(FIXTURES, 'node-app', 'check.mjs'), join(linked, 'check.mjs'));
    const { stdout } = await run(
      'node esm (linked)',
      'node',
      ['check.mjs', '@nectar/core', '@nectar/adapters'],
      linked,
    );
    assert.match(stdout, /"ticket":"/);
  });

  it('Next.js (app router) builds and prerenders a page with @nectar/react components', async () => {
    const app = join(work, 'apps', 'next-app');
    await run('next build', 'npx', ['next', 'build'], app);
    const html = readFileSync(join(app, '.next', 'server', 'app', 'index.html'), 'utf8');
    assert.match(html, /<nectar-ticket-form/);
    assert.match(html, /<nectar-launcher/);
  });

  it('`npx nectar-server` from an install answers /v1/health and serves /nectar/nectar.js; a React 19 app files a ticket and is told a refused origin', async () => {
    const apps = join(work, 'apps');
    const react = join(apps, 'react-app');
    await run('react app build', 'npx', ['vite', 'build'], react);
    await run('react app tsc', 'npx', ['tsc', '-p', 'tsconfig.json'], react);
    // And the typings refuse what is wrong: a category that does not exist, a detail field that is not there.
    const wrong = await run('react app tsc (wrong)', 'npx', ['tsc', '-p', 'tsconfig.wrong.json'], react).then(
      () => assert.fail('src/wrong.tsx type-checked'),
      (error: Error) => error.message,
    );
    assert.match(wrong, /wrong\.tsx\(5,/, 'a category that does not exist');
    assert.match(wrong, /wrong\.tsx\(6,.*'nope'/, 'onNectarSubmit: the detail is typed');
    assert.match(wrong, /wrong\.tsx\(7,.*'nope'/, 'onnectar-submit on the tag: the detail is typed');

    // Two origins for the same built app: the site allows the first only.
    const allowed = await serveStatic(join(react, 'dist'));
    const refused = await serveStatic(join(react, 'dist'));
    const started = Date.now();
    const { url, child } = await startInstalledServer(apps, [{ key: 'demo', origins: [allowed] }]);
    service = child;
    timings['nectar-server start'] = (Date.now() - started) / 1000;

    const health = await fetch(`${url}/v1/health`);
    assert.equal(health.status, 200);
    const loader = await fetch(`${url}/nectar/nectar.js`, { headers: { 'Accept-Encoding': 'br' } });
    assert.equal(loader.status, 200);
    assert.match(loader.headers.get('content-type') ?? '', /javascript/);
    assert.equal(loader.headers.get('content-encoding'), 'br');

    browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${allowed}/?endpoint=${encodeURIComponent(url)}`);
    const form = page.locator('nectar-ticket-form');
    await form.getByRole('button', { name: 'Send' }).waitFor();
    await fillTicket(form, { category: /damaged/i, message: 'Filed from a React 19 app.', email: 'ada@example.com' });
    await form.getByRole('button', { name: 'Send' }).click();
    await page.waitForFunction(() => window.receipts.length > 0, undefined, { timeout: 15_000 });
    const [receipt] = await page.evaluate(() => window.receipts);
    assert.match(receipt?.number ?? '', /\S/);
    assert.deepEqual(pageErrors, []);

    const other = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await other.goto(`${refused}/?endpoint=${encodeURIComponent(url)}`);
    const refusedForm = other.locator('nectar-ticket-form');
    await refusedForm.getByRole('button', { name: 'Send' }).waitFor();
    const message = 'Filed from an origin the site does not allow.';
    await fillTicket(refusedForm, { category: /damaged/i, message, email: 'ada@example.com' });
    await refusedForm.getByRole('button', { name: 'Send' }).click();
    await other.waitForFunction(() => window.errors.length > 0, undefined, { timeout: 15_000 });
    assert.deepEqual(await other.evaluate(() => window.errors), ['origin_not_allowed']);
    assert.deepEqual(await other.evaluate(() => window.queued), []);
    const list = (await (
      await fetch(`${url}/v1/agent/tickets?q=${encodeURIComponent('origin the site does not allow')}`, {
        headers: { Authorization: `Bearer ${AGENT_KEY}` },
      })
    ).json()) as { tickets: unknown[] };
    assert.equal(list.tickets.length, 0, 'the refused ticket never arrives');
  });
});

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

async function serveStatic(dir: string): Promise<string> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  statics.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** `npx nectar-server` in the install, on a free port; resolves once it printed its API URL. */
function startInstalledServer(cwd: string, sites: unknown): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn('npx', ['--no-install', 'nectar-server'], {
    cwd,
    env: {
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      NECTAR_DATA_DIR: join(work, 'service-data'),
      NECTAR_AGENT_KEY: AGENT_KEY,
      NECTAR_SITES: JSON.stringify(sites),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so after() stops npx and the server it started
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`nectar-server did not start:\n${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = /API\s+(http:\/\/\S+)\/v1\/health/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], child });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`nectar-server exited ${code}:\n${output}`)));
  });
}

declare global {
  interface Window {
    receipts: { id: string; number: string }[];
    errors: string[];
    queued: string[];
  }
}
