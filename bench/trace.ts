/**
 * Reads one page's Chrome trace (CDP `Tracing`, JSON events) into main-thread figures per window:
 * total blocking time, scripting time, long tasks and who ran script in them. Used by bench/main-thread.ts.
 *
 * - Tasks are the renderer main thread's top-level `RunTask` events; a task belongs to the window its
 *   start falls in. A long task lasts ≥ 50 ms; its blocking time is its duration − 50 ms (Lighthouse's TBT).
 * - Scripting is self time of the script events (evaluation, compilation, callbacks, microtasks, GC inside
 *   them), as DevTools' "Scripting" counts it: an event's self time goes to its own group, or to its
 *   parent's when its name has none (Lighthouse's main-thread-tasks rule).
 * - Owner of script: the URL the trace gives (`FunctionCall` / `EvaluateScript` `data.url`,
 *   `v8.compileModule` `fileName`, a stack's first frame). Module evaluation and microtask checkpoints carry
 *   no URL: they go to the owner of the script that ran before them in the same task, and a module
 *   evaluation with none to the page's modules when every module the page compiled is Nectar's (the bench
 *   pages have no module scripts of their own).
 */

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) duration. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: {
    name?: string;
    fileName?: string;
    data?: {
      url?: string;
      fileName?: string;
      documentLoaderURL?: string;
      type?: string;
      stackTrace?: { url?: string }[];
    };
  };
}

export type Owner = 'nectar' | 'bench' | 'other';

export interface LongTask {
  /** ms from navigation start */
  at: number;
  /** Wall-clock duration, ms (a long task lasts ≥ 50 ms). */
  ms: number;
  /** Thread (CPU) time of the task, ms: what it computed, without the time it waited or was descheduled. */
  cpuMs: number;
  /** Inclusive time of Nectar's outermost script events in the task (forced style and layout included). */
  nectarMs: number;
  /** Style, layout and paint outside any script. */
  renderMs: number;
  /** Nectar's work made the task long: without it the task would be under 50 ms (or Nectar alone is ≥ 50 ms). */
  nectarMadeLong: boolean;
  /** The task's largest pieces, for the report (e.g. "Layout 61.2, script nectar/chunks/index.js 20.4"). */
  top: string;
}

export interface WindowFigures {
  /** Window length, ms. */
  ms: number;
  /** Total blocking time: Σ over long tasks of (duration − 50 ms), wall clock. */
  tbt: number;
  /** The same on the thread clock (tasks' CPU time): what a busy machine inflates least. */
  tbtCpu: number;
  scripting: number;
  /** Scripting owned by Nectar (its URLs, its modules and the microtasks after them). */
  nectarScripting: number;
  longTasks: LongTask[];
  /** The longest task, ms (wall clock): how far from a long task the window is when it has none. */
  longest: number;
  /** Files under /nectar/ whose requests the page sent in the window (paths under /nectar/). */
  requests: string[];
  /** Tasks of ≥ 50 ms CPU time, and of those the ones Nectar made long. */
  longTasksCpu: number;
  nectarsLongCpu: number;
  /** Nectar's script time per file (path under /nectar/), ms. */
  byFile: Record<string, number>;
}

/** A window of the page's life: [from, to] in trace microseconds. */
export interface Span {
  name: string;
  from: number;
  to: number;
}

const LONG_TASK_US = 50_000;

/** Event name → group (Lighthouse's task groups; `script` merges evaluation, compilation and GC). */
const GROUPS: Record<string, 'script' | 'style-layout' | 'paint' | 'parse-html' | 'other'> = {
  EvaluateScript: 'script',
  'v8.evaluateModule': 'script',
  FunctionCall: 'script',
  TimerFire: 'script',
  FireIdleCallback: 'script',
  FireAnimationFrame: 'script',
  RunMicrotasks: 'script',
  'V8.Execute': 'script',
  EventDispatch: 'script',
  'v8.compile': 'script',
  'v8.compileModule': 'script',
  'V8.CompileCode': 'script',
  'v8.parseOnBackground': 'script',
  GCEvent: 'script',
  MinorGC: 'script',
  MajorGC: 'script',
  'BlinkGC.AtomicPhase': 'script',
  'ThreadState::performIdleLazySweep': 'script',
  'ThreadState::completeSweep': 'script',
  ScheduleStyleRecalculation: 'style-layout',
  UpdateLayoutTree: 'style-layout',
  RecalculateStyles: 'style-layout',
  Layout: 'style-layout',
  InvalidateLayout: 'style-layout',
  Paint: 'paint',
  PrePaint: 'paint',
  Layerize: 'paint',
  Commit: 'paint',
  CompositeLayers: 'paint',
  ParseHTML: 'parse-html',
  ParseAuthorStyleSheet: 'style-layout',
};

/** Events that start a piece of script (the outermost of them is what the task ran). */
const SCRIPT_ENTRIES = new Set([
  'EvaluateScript',
  'v8.evaluateModule',
  'v8.compileModule',
  'v8.compile',
  'FunctionCall',
  'RunMicrotasks',
  'TimerFire',
  'FireIdleCallback',
  'FireAnimationFrame',
]);

export function ownerOfUrl(url: string, benchUrlPrefix: string): Owner {
  if (url.startsWith(benchUrlPrefix)) return 'bench';
  try {
    return new URL(url).pathname.startsWith('/nectar/') ? 'nectar' : 'other';
  } catch {
    return 'other';
  }
}

interface Node {
  e: TraceEvent;
  end: number;
  children: Node[];
}

function urlOf(e: TraceEvent): string | undefined {
  const d = e.args?.data;
  return d?.url || e.args?.fileName || d?.fileName || d?.stackTrace?.[0]?.url || undefined;
}

/** The first URL of a node or its descendants. */
function firstUrl(n: Node): string | undefined {
  const u = urlOf(n.e);
  if (u) return u;
  for (const c of n.children) {
    const cu = firstUrl(c);
    if (cu) return cu;
  }
  return undefined;
}

/** The page's renderer main thread and its navigation start, found by the page's URL. */
export function findPage(events: TraceEvent[], pageUrl: string): { pid: number; tid: number; navigationStart: number } {
  const nav = events.filter((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === pageUrl);
  if (!nav.length) throw new Error(`no navigationStart for ${pageUrl} in the trace`);
  const last = nav[nav.length - 1]!;
  return { pid: last.pid, tid: last.tid, navigationStart: last.ts };
}

/** `performance.mark(name)` → its trace timestamp (the first with that name). */
export function marks(events: TraceEvent[], pid: number, prefix: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of events) {
    if (e.pid === pid && e.cat?.includes('blink.user_timing') && e.name.startsWith(prefix) && !out.has(e.name)) {
      out.set(e.name, e.ts);
    }
  }
  return out;
}

/** The first input event dispatched in the page at or after `after` (the bench's mouse reaching the launcher). */
export function firstInput(events: TraceEvent[], pid: number, tid: number, after: number): number | undefined {
  let first: number | undefined;
  for (const e of events) {
    if (e.pid !== pid || e.tid !== tid || e.name !== 'EventDispatch' || e.ts < after) continue;
    if (!/^(pointer|mouse)(move|over|down)$/.test(e.args?.data?.type ?? '')) continue;
    if (first === undefined || e.ts < first) first = e.ts;
  }
  return first;
}

/** Wall-clock and thread (CPU) time of one event, µs; the thread clock falls back to the wall clock. */
const wall = (e: TraceEvent) => e.dur!;
const cpu = (e: TraceEvent) => e.tdur ?? e.dur!;

/** What one task spent, on one clock, µs. */
interface Cost {
  task: number;
  script: number;
  nectar: number;
  render: number;
  otherScript: number;
}

/** Nectar's work made the task long: it is ≥ 50 ms, and without Nectar's part it would not be (or that part alone is). */
function madeLong(c: Cost, renderingIsNectars: boolean): boolean {
  const nectar = c.nectar + (renderingIsNectars ? c.render : 0);
  return c.task >= LONG_TASK_US && nectar > 0 && (c.task - nectar < LONG_TASK_US || nectar >= LONG_TASK_US);
}

/**
 * Figures for each span of one page. `benchUrlPrefix` names the bench's own injected script (its
 * `//# sourceURL`), which is neither Nectar's nor the page's. A span with `renderingIsNectars` counts
 * style, layout and paint outside any script as Nectar's too (the page itself does nothing then).
 */
export function analyse(
  events: TraceEvent[],
  thread: { pid: number; tid: number; navigationStart: number },
  spans: (Span & { renderingIsNectars?: boolean })[],
  benchUrlPrefix: string,
): Record<string, WindowFigures> {
  const mine = events
    .filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const modules = mine.filter((e) => e.name === 'v8.compileModule').map((e) => urlOf(e) ?? '');
  const allModulesNectar = modules.length > 0 && modules.every((u) => ownerOfUrl(u, benchUrlPrefix) === 'nectar');

  // The task trees: every RunTask with the events nested in it.
  const tasks: Node[] = [];
  const stack: Node[] = [];
  for (const e of mine) {
    const node: Node = { e, end: e.ts + e.dur!, children: [] };
    while (stack.length && stack[stack.length - 1]!.end < node.end) stack.pop();
    if (!stack.length) {
      if (e.name !== 'RunTask') continue;
      tasks.push(node);
    } else if (node.end <= stack[stack.length - 1]!.end) {
      stack[stack.length - 1]!.children.push(node);
    } else continue;
    stack.push(node);
  }

  const out: Record<string, WindowFigures> = {};
  for (const span of spans) {
    const fig: WindowFigures = {
      ms: (span.to - span.from) / 1000,
      tbt: 0,
      tbtCpu: 0,
      scripting: 0,
      nectarScripting: 0,
      longTasks: [],
      longest: 0,
      requests: [],
      longTasksCpu: 0,
      nectarsLongCpu: 0,
      byFile: {},
    };
    for (const task of tasks) {
      if (task.e.ts < span.from || task.e.ts >= span.to) continue;
      const costs = { wall: { task: wall(task.e) }, cpu: { task: cpu(task.e) } } as Record<'wall' | 'cpu', Cost>;
      for (const c of Object.values(costs)) Object.assign(c, { script: 0, nectar: 0, render: 0, otherScript: 0 });
      let lastOwner: Owner | undefined;
      const pieces: { label: string; us: number }[] = [];
      const add = (key: keyof Cost, e: TraceEvent, self = false, n?: Node) => {
        costs.wall[key] += self ? Math.max(0, wall(e) - n!.children.reduce((s, c) => s + wall(c.e), 0)) : wall(e);
        costs.cpu[key] += self ? Math.max(0, cpu(e) - n!.children.reduce((s, c) => s + cpu(c.e), 0)) : cpu(e);
      };
      const visit = (n: Node, parentGroup: string, inScript: boolean, inRender: boolean, bench: boolean): void => {
        const own = GROUPS[n.e.name];
        const group = own ?? parentGroup;
        const entering = !inScript && SCRIPT_ENTRIES.has(n.e.name);
        const rendering = !inScript && !inRender && own !== undefined && own !== 'script' && own !== 'other';
        let benchOwned = bench;
        if (entering) {
          const url = firstUrl(n);
          let owner: Owner;
          if (url) owner = ownerOfUrl(url, benchUrlPrefix);
          else if (lastOwner) owner = lastOwner;
          else if (n.e.name === 'v8.evaluateModule' && allModulesNectar) owner = 'nectar';
          else owner = 'other';
          lastOwner = owner;
          benchOwned = owner === 'bench';
          if (owner === 'nectar') {
            add('nectar', n.e);
            const file = url
              ? new URL(url).pathname.replace(/^\/nectar\//, '')
              : n.e.name === 'v8.evaluateModule'
                ? '(module evaluation)'
                : n.e.name === 'RunMicrotasks'
                  ? '(promise callbacks)'
                  : `(${n.e.name})`;
            fig.byFile[file] = (fig.byFile[file] ?? 0) + wall(n.e) / 1000;
            pieces.push({ label: `script ${file}`, us: wall(n.e) });
          } else {
            add('otherScript', n.e);
            pieces.push({ label: `script (${owner})`, us: wall(n.e) });
          }
        } else if (rendering) {
          add('render', n.e);
          pieces.push({ label: n.e.name, us: wall(n.e) });
        }
        // The bench's watcher is neither the page's script nor Nectar's.
        if (group === 'script' && !benchOwned) add('script', n.e, true, n);
        for (const c of n.children) visit(c, group, inScript || entering, inRender || rendering, benchOwned);
      };
      visit(task, 'other', false, false, false);
      const { wall: w, cpu: c } = costs;
      fig.longest = Math.max(fig.longest, w.task / 1000);
      fig.scripting += w.script / 1000;
      fig.nectarScripting += w.nectar / 1000;
      if (c.task >= LONG_TASK_US) {
        fig.tbtCpu += (c.task - LONG_TASK_US) / 1000;
        fig.longTasksCpu++;
        if (madeLong(c, span.renderingIsNectars ?? false)) fig.nectarsLongCpu++;
      }
      if (w.task >= LONG_TASK_US) {
        fig.tbt += (w.task - LONG_TASK_US) / 1000;
        const top = pieces
          .filter((p) => p.us >= 1000)
          .sort((a, b) => b.us - a.us)
          .slice(0, 3)
          .map((p) => `${p.label} ${(p.us / 1000).toFixed(1)}`)
          .join(', ');
        fig.longTasks.push({
          at: (task.e.ts - thread.navigationStart) / 1000,
          ms: w.task / 1000,
          cpuMs: c.task / 1000,
          nectarMs: w.nectar / 1000,
          renderMs: w.render / 1000,
          nectarMadeLong: madeLong(w, span.renderingIsNectars ?? false),
          top: top || 'browser work (no script or rendering events)',
        });
      }
    }
    for (const e of events) {
      if (e.pid !== thread.pid || e.name !== 'ResourceSendRequest' || e.ts < span.from || e.ts >= span.to) continue;
      const url = e.args?.data?.url;
      if (url && ownerOfUrl(url, benchUrlPrefix) === 'nectar') fig.requests.push(new URL(url).pathname.slice(8));
    }
    out[span.name] = fig;
  }
  return out;
}
