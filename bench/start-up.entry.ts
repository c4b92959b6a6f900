// Bench page entry: createNectar + the first render of the launcher (or, until it exists, the
// ticket form), measured on the main thread. Bundled by scripts/bench.mjs for production.
import { createNectar } from '@nectar/core';
import { httpDesk } from '@nectar/adapters/http';

declare global {
  interface Window {
    benchTag: string;
    benchResult?: { createMs: number; renderMs: number; totalMs: number; longTasks: number[] };
  }
}

const longTasks: number[] = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
} catch {
  // longtask is Chromium-only; the bench runs there.
}

async function run(): Promise<void> {
  const tag = window.benchTag;
  const t0 = performance.now();
  const client = createNectar({
    desk: httpDesk({ endpoint: location.origin, siteKey: 'demo' }),
    locale: 'en',
    storage: 'memory',
  });
  const t1 = performance.now();
  const el = document.createElement(tag) as HTMLElement & { client?: unknown; updateComplete?: Promise<unknown> };
  el.client = client;
  document.body.append(el);
  await el.updateComplete;
  const t2 = performance.now();
  // Let the browser report long tasks of this work.
  await new Promise((r) => setTimeout(r, 50));
  window.benchResult = { createMs: t1 - t0, renderMs: t2 - t1, totalMs: t2 - t0, longTasks };
}

void run();
