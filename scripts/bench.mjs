// `npm run bench`: the speed budgets of ARCHITECTURE.md, measured in headless Chromium and printed.
//   createNectar + launcher first render — main-thread time, median of N fresh pages (budget ≤ 5 ms, no long task)
//   nudge engine: one event against 1,000 rules (budget ≤ 1 ms median) — reported when the engine exists
// Benchmarks print figures; they do not fail on a slow machine (run them on a quiet one).
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const launcherSource = join(root, 'packages/widgets/src/launcher/launcher.ts');
const tag = existsSync(launcherSource) ? 'nectar-launcher' : 'nectar-ticket-form';
const tagModule = existsSync(launcherSource)
  ? launcherSource
  : join(root, 'packages/widgets/src/ticket-form/ticket-form.ts');

// One production bundle (minified, production conditions, no dev-mode Lit), as a page would load it.
const { outputFiles } = await build({
  stdin: {
    contents: `import ${JSON.stringify(tagModule)};\nimport ${JSON.stringify(join(root, 'bench/start-up.entry.ts'))};`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  minify: true,
  write: false,
  target: 'es2022',
  conditions: ['browser', 'production'],
  define: { 'process.env.NODE_ENV': '"production"', 'globalThis.process': '{"env":{"NODE_ENV":"production"}}' },
  logLevel: 'error',
});
const js = outputFiles[0].text;
const page = `<!doctype html><meta charset="utf-8"><title>bench</title><script>window.benchTag=${JSON.stringify(tag)}</script><script type="module" src="/bench.js"></script>`;

const server = createServer((req, res) => {
  if (req.url === '/bench.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
  else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  else res.writeHead(404).end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
const results = [];
try {
  for (let i = 0; i < RUNS + 2; i++) {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto(url);
    const r = await p
      .waitForFunction(() => globalThis.benchResult, null, { timeout: 15_000 })
      .then((h) => h.jsonValue());
    if (i >= 2) results.push(r); // the first two warm the browser's caches
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];
const ms = (x) => `${x.toFixed(2)} ms`;
const total = results.map((r) => r.totalMs);
const longTasks = results.flatMap((r) => r.longTasks);
console.log(
  `\nNectar bench — headless Chromium, ${RUNS} fresh pages, production bundle (${(js.length / 1024).toFixed(1)} KB min)\n`,
);
console.log(`createNectar                              median ${ms(median(results.map((r) => r.createMs)))}`);
console.log(`<${tag}> first render                 median ${ms(median(results.map((r) => r.renderMs)))}`);
console.log(
  `createNectar + first render               median ${ms(median(total))}  p90 ${ms(p90(total))}  budget ≤ 5 ms  ${median(total) <= 5 ? 'ok' : 'OVER'}`,
);
console.log(
  `long tasks (≥ 50 ms) during it            ${longTasks.length === 0 ? 'none' : longTasks.map(ms).join(', ')}`,
);
if (tag !== 'nectar-launcher') console.log('(no <nectar-launcher> yet: measured the ticket form instead)');
console.log('nudge engine: 1 event × 1,000 rules       not measured — the nudge engine is not built yet');
