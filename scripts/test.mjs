// `npm test`: every check and every test — checks (tsc, ESLint with type information, Prettier, generated docs
// current), server (node:test, PGlite + PostgreSQL), adapters, react (server rendering), browser
// (web-test-runner in Chromium), end to end (real server + demo page in Chromium via playwright-core), consumer
// (the packed packages installed into fixture apps) and budgets (bundle sizes, main thread, service create rate).
// `node scripts/test.mjs <suite>` runs one suite. Adapters: the commerce/desk conformance kit against real
// servers (Vendure, Medusa, commercetools mock) and vendor contract servers.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './chromium.mjs';
import { SOURCE_CONDITION } from './source-condition.mjs';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv[2];
// Tests run the TypeScript sources: `@nectar/*` imports resolve through the packages' `@nectar/source` export
// condition (consumers, without it, get dist/). Spawned servers inherit it through NODE_OPTIONS.
const env = {
  ...process.env,
  CHROME_PATH: ensureChromium(),
  NODE_ENV: process.env.NODE_ENV ?? 'test',
  NODE_OPTIONS: [process.env.NODE_OPTIONS, SOURCE_CONDITION].filter(Boolean).join(' '),
  // The main-thread budget from 15 rounds of each page here (its medians hold from about 10 on; `npm run bench`
  // keeps 25 for the published figures): four minutes of the run down to under three.
  BENCH_RUNS: process.env.BENCH_RUNS ?? '15',
};

const testFiles = (dir) =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir))
        .filter((f) => f.endsWith('.test.ts'))
        .sort()
        .map((f) => join(dir, f))
    : [];

const suites = [
  {
    name: 'checks',
    files: () => ['(tsc, eslint, prettier)'],
    steps: () => [
      ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
      ['lint', 'npx', ['eslint', '.', '--max-warnings', '0']],
      ['format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']],
      ['docs', 'node', ['scripts/docs.mjs', '--check']],
    ],
  },
  {
    name: 'server',
    files: () => testFiles('packages/server/test'),
    cmd: (files) => ['node', ['--import', 'tsx', '--test', '--test-concurrency=1', ...files]],
  },
  {
    name: 'adapters',
    files: () => testFiles('packages/adapters/test'),
    cmd: (files) => ['node', ['--import', 'tsx', '--test', '--test-concurrency=1', ...files]],
  },
  {
    // @nectar/react rendered on the server (react-dom/server, as Next.js prerenders), in Node.
    name: 'react',
    files: () => testFiles('packages/react/test'),
    cmd: (files) => ['node', ['--import', 'tsx', '--test', '--test-concurrency=1', ...files]],
  },
  {
    name: 'browser',
    files: () => ['(web-test-runner)'],
    cmd: () => ['npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs']],
  },
  {
    name: 'e2e',
    // The widgets' bundle, and the console once for every console test (they skip their own build).
    before: () => {
      const widgets = run('build', 'npx', ['rollup', '-c', '--silent']);
      if (!widgets.ok) return widgets;
      const built = run('build console', 'npx', [
        'rollup',
        '-c',
        'packages/server/console/rollup.config.mjs',
        '--silent',
      ]);
      if (built.ok) env.NECTAR_CONSOLE_BUILT = '1';
      return built;
    },
    files: () => testFiles('test/e2e'),
    cmd: (files) => ['node', ['--import', 'tsx', '--test', '--test-concurrency=1', ...files]],
  },
  {
    // The packages as consumers get them: built, packed, installed from the tarballs into fixture apps
    // (Vite, React, Next.js, webpack, plain Node, an isolated install, the server's bin).
    name: 'consumer',
    before: () => run('build packages', 'node', ['scripts/build.mjs']),
    files: () => testFiles('test/consumer'),
    cmd: (files) => ['node', ['--import', 'tsx', '--test', '--test-concurrency=1', ...files]],
  },
  {
    // Last, on a quiet machine: the journeys' bytes, the main-thread cost Nectar adds to a page (gated on
    // the CPU clock), and the service's ticket-create rate.
    name: 'budgets',
    files: () => ['(size, main-thread bench, nudge engine bench, answers search bench, service bench)'],
    steps: () => [
      ['size', 'node', ['scripts/size.mjs']],
      ['bench-trace-tests', 'node', ['--import', 'tsx', '--test', 'bench/trace.test.ts']],
      ['bench-main-thread', 'node', ['scripts/bench.mjs']],
      ['bench-nudges', 'node', ['--import', 'tsx', 'bench/nudge-engine.ts']],
      ['bench-answers', 'node', ['--import', 'tsx', 'bench/answers-search.ts']],
      ['bench-service', 'node', ['--import', 'tsx', 'bench/ticket-create.ts']],
    ],
  },
];

function run(name, cmd, args) {
  console.log(`\n[nectar] ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { name, ok: r.status === 0, seconds };
}

const results = [];
for (const suite of suites) {
  if (only && suite.name !== only) continue;
  const files = suite.files();
  if (files.length === 0) {
    console.log(`[nectar] ${suite.name}: no test files`);
    continue;
  }
  if (suite.steps) {
    for (const [name, cmd, args] of suite.steps()) results.push(run(`${suite.name}:${name}`, cmd, args));
    continue;
  }
  if (suite.before) {
    const b = suite.before();
    results.push(b);
    if (!b.ok) continue;
  }
  const [cmd, args] = suite.cmd(files);
  results.push(run(suite.name, cmd, args));
}

console.log('\n[nectar] summary');
for (const r of results) console.log(`  ${r.ok ? 'pass' : 'FAIL'}  ${r.name.padEnd(22)} ${r.seconds}s`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
