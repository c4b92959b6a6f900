/**
 * The page side of bench/nudge-engine.ts, bundled by esbuild and run in headless Chromium: 1,000 rules of every
 * trigger kind, then (1) the engine's work for one tracked event — the rules it triggers (index by kind and
 * event name, URL and property conditions) and their gates — timed over batches; (2) a real client with those
 * rules as the site's, 100,000 `track()` calls through it, the heap measured after a forced GC before and after.
 */
import { createClient, memoryPlatform, type DeskAdapter } from '@nectar/core';
import { memoryDesk } from '@nectar/adapters/memory';
import { compile, indexRules, matchEvent, staticGate } from '../packages/core/src/nudges/engine.ts';
import type { NudgeRule } from '../packages/core/src/schema/nudge.ts';

declare global {
  interface Window {
    gc?: () => void;
    __bench: () => Promise<unknown>;
  }
  interface Performance {
    memory?: { usedJSHeapSize: number };
  }
}

const EVENT_NAMES = 200;

function makeRules(): NudgeRule[] {
  const rules: NudgeRule[] = [];
  const content = { en: { title: 'Need a hand?', actions: [{ label: 'Contact us', do: 'open_contact' as const }] } };
  const add = (trigger: NudgeRule['trigger']) =>
    rules.push({
      id: `r${rules.length}`,
      trigger,
      content,
      frequency: { maxShows: 2, cooldownHours: 24 },
      holdout: 10,
    });
  for (let i = 0; i < 600; i++) {
    add({
      kind: 'event',
      name: `evt_${i % EVENT_NAMES}`,
      where: [
        { prop: 'plan', op: 'eq', value: i % 3 === 0 ? 'pro' : 'free' },
        { prop: 'amount', op: 'gt', value: (i * 7) % 250 },
      ],
    });
  }
  const url = (i: number) =>
    [
      { match: 'prefix' as const, value: `/shop/${i}` },
      { match: 'glob' as const, value: `*/cat-${i}/*` },
      { match: 'regex' as const, value: `^/p/${i}(/|$)` },
    ][i % 3]!;
  for (let i = 0; i < 100; i++) add({ kind: 'page_view', url: url(i) });
  for (let i = 0; i < 100; i++) add({ kind: 'dwell', seconds: 10 + i, url: url(i) });
  for (let i = 0; i < 100; i++) add({ kind: 'scroll', percent: 1 + (i % 100), url: url(i) });
  for (let i = 0; i < 50; i++) add({ kind: 'idle', seconds: 30 + i, url: url(i) });
  for (let i = 0; i < 50; i++) add({ kind: 'exit_intent', url: url(i) });
  return rules;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const heap = () => {
  window.gc?.();
  return performance.memory?.usedJSHeapSize ?? NaN;
};

window.__bench = async () => {
  const rules = makeRules();
  const started = performance.now();
  const index = indexRules(rules.map((r, i) => compile(r, i, 'site')));
  const indexMs = performance.now() - started;

  // (1) The engine alone: the rules one event triggers, and their gates.
  const env = {
    consent: true,
    verified: false,
    audience: { locale: 'en' as const, device: 'desktop' as const, returning: false, identified: false },
    path: '/shop/7/tea',
    quiet: () => false,
  };
  const events = Array.from({ length: 2000 }, (_, i) => ({
    name: `evt_${i % (EVENT_NAMES + 100)}`,
    props: { plan: i % 2 ? 'pro' : 'free', amount: i % 300 },
  }));
  let triggered = 0;
  const batches: number[] = [];
  for (let b = 0; b < 70; b++) {
    const t0 = performance.now();
    // 20,000 events a batch: well above the resolution of performance.now() in a page (0.1 ms).
    for (let round = 0; round < 10; round++) {
      for (const e of events) {
        const hit = matchEvent(index, e.name, e.props, env.path);
        if (hit) for (const c of hit) if (!staticGate(c, env, {})) triggered++;
      }
    }
    if (b >= 10) batches.push((performance.now() - t0) / (events.length * 10));
  }

  // (2) A real client: the rules as the site's, every event through track() and the engine's handler.
  const desk: DeskAdapter = { ...memoryDesk({ nudges: rules }), sendEvents: undefined };
  const client = createClient(
    { desk, storage: 'memory', consent: { behavior: true }, namespace: 'bench' },
    { platform: memoryPlatform() },
  );
  await client.nudges.explain();
  const track = async (n: number, offset: number) => {
    for (let i = 0; i < n; i++) {
      const e = events[(i + offset) % events.length]!;
      await client.track(e.name, e.props);
    }
  };
  await track(10_000, 0);
  const before = heap();
  const t0 = performance.now();
  await track(100_000, 10_000);
  const trackUs = ((performance.now() - t0) / 100_000) * 1000;
  const after = heap();
  client.destroy();
  return {
    rules: rules.length,
    indexMs,
    eventMedianMs: median(batches),
    eventP90Ms: [...batches].sort((a, b) => a - b)[Math.floor(batches.length * 0.9)]!,
    triggered,
    trackUs,
    heapBefore: before,
    heapAfter: after,
  };
};
