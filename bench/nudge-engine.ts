/**
 * `npm run bench` (nudges): the nudge engine's budget of ARCHITECTURE.md — one event against 1,000 rules
 * ≤ 1 ms median in Chromium, memory flat over 100k events.
 *
 * Bundles bench/nudge-engine.page.ts (esbuild, the workspace sources) and runs it in headless Chromium with a
 * GC the page can force (`--js-flags=--expose-gc`) and precise heap figures. Prints the per-event time of the
 * engine's work (median and p90 of 60 batches of 20,000 events, after 10 warm-up batches), the time of a whole
 * `track()` call through a real client with those rules (event check, the engine's handler; no network), and
 * the heap after a forced GC before and after 100,000 such calls. Exit code 1 when the median is over 1 ms or
 * the heap grew by more than 2 MB over the 100k events (BENCH_GATE=0: figures only).
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
// @ts-expect-error plain ESM helper without types
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/chromium.mjs';

const GATE = process.env.BENCH_GATE !== '0';
const BUDGET_MS = 1;
const HEAP_GROWTH_MAX = 2 * 1024 * 1024;

const out = await build({
  entryPoints: [fileURLToPath(new URL('./nudge-engine.page.ts', import.meta.url))],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  write: false,
  conditions: ['@nectar/source', 'browser', 'production'],
  define: { 'process.env.NODE_ENV': '"production"' },
});
const code = out.outputFiles[0]!.text;

const browser = await chromium.launch({
  executablePath: ensureChromium() as string,
  args: [...(CHROMIUM_ARGS as string[]), '--js-flags=--expose-gc', '--enable-precise-memory-info'],
});
try {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setContent('<!doctype html><title>nudge bench</title>');
  await page.addScriptTag({ type: 'module', content: code });
  await page.waitForFunction(() => typeof (window as { __bench?: unknown }).__bench === 'function');
  const r = (await page.evaluate(() => (window as unknown as { __bench: () => Promise<unknown> }).__bench())) as {
    rules: number;
    indexMs: number;
    eventMedianMs: number;
    eventP90Ms: number;
    triggered: number;
    trackUs: number;
    heapBefore: number;
    heapAfter: number;
  };
  if (errors.length) throw new Error(`the bench page failed: ${errors.join('; ')}`);
  const growth = r.heapAfter - r.heapBefore;
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MB`;
  console.log(`[bench] nudge engine, ${r.rules} rules (index built in ${r.indexMs.toFixed(1)} ms):`);
  console.log(
    `  one event: median ${(r.eventMedianMs * 1000).toFixed(2)} µs, p90 ${(r.eventP90Ms * 1000).toFixed(2)} µs` +
      ` (budget ${BUDGET_MS} ms; ${r.triggered} rule triggers in the timed batches)`,
  );
  console.log(`  track() through a real client with those rules: ${r.trackUs.toFixed(1)} µs per call`);
  console.log(`  heap after GC: ${mb(r.heapBefore)} → ${mb(r.heapAfter)} over 100,000 events (${mb(growth)})`);
  const over: string[] = [];
  if (!(r.eventMedianMs <= BUDGET_MS)) over.push(`median ${r.eventMedianMs.toFixed(3)} ms > ${BUDGET_MS} ms`);
  if (!(growth <= HEAP_GROWTH_MAX)) over.push(`heap grew ${mb(growth)} (> ${mb(HEAP_GROWTH_MAX)})`);
  if (over.length) {
    console.log(`[bench] nudge engine over budget: ${over.join('; ')}`);
    if (GATE) process.exitCode = 1;
  } else console.log('[bench] nudge engine within budget');
} finally {
  await browser.close();
}
