// bench/trace.ts on small hand-made traces: `node --import tsx --test bench/trace.test.ts`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, type TraceEvent } from './trace.ts';

const PID = 1;
const TID = 2;
const ORIGIN = 'http://127.0.0.1:9000';
const BENCH = 'nectar-bench://watch.js';

/** An `X` event on the page's main thread; times in ms (the trace's are µs). */
function x(name: string, at: number, ms: number, extra: Partial<TraceEvent> = {}): TraceEvent {
  return { name, ph: 'X', ts: at * 1000, dur: ms * 1000, pid: PID, tid: TID, ...extra };
}
const call = (url: string, at: number, ms: number) => x('FunctionCall', at, ms, { args: { data: { url } } });
const thread = { pid: PID, tid: TID, navigationStart: 0 };
const run = (events: TraceEvent[], renderingIsNectars = false) =>
  analyse(events, thread, [{ name: 'w', from: 0, to: 10_000_000, renderingIsNectars }], BENCH).w!;

describe('trace analysis', () => {
  it('a task that Nectar’s script makes long is Nectar’s, and counts its blocking time', () => {
    const w = run([x('RunTask', 0, 80), call(`${ORIGIN}/nectar/chunks/lit.js`, 1, 40), x('Layout', 45, 30)]);
    assert.equal(w.tbt, 30);
    assert.equal(w.longTasks.length, 1);
    assert.equal(w.longTasks[0]!.nectarMadeLong, true);
    assert.equal(w.longTasks[0]!.nectarMs, 40);
    assert.equal(w.scripting, 40);
    assert.deepEqual(w.byFile, { 'chunks/lit.js': 40 });
  });

  it('a long task that would be long without Nectar’s part is not Nectar’s', () => {
    const w = run([x('RunTask', 0, 90), call(`${ORIGIN}/nectar/nectar.js`, 1, 5), x('Layout', 10, 75)]);
    assert.equal(w.longTasks[0]!.nectarMadeLong, false);
    assert.equal(w.longTasks[0]!.renderMs, 75);
  });

  it('rendering counts as Nectar’s where the window says so (the click on the launcher)', () => {
    const events = [x('RunTask', 0, 70), call(`${ORIGIN}/nectar/panel.js`, 1, 10), x('Layout', 12, 55)];
    assert.equal(run(events).longTasks[0]!.nectarMadeLong, false);
    assert.equal(run(events, true).longTasks[0]!.nectarMadeLong, true);
  });

  it('module evaluation and the microtasks after it go to the script that ran before them', () => {
    const w = run([
      x('RunTask', 0, 30),
      x('v8.compileModule', 1, 1, { args: { fileName: `${ORIGIN}/nectar/client.js` } }),
      x('RunTask', 100, 30),
      x('v8.evaluateModule', 101, 20),
      x('RunMicrotasks', 122, 5),
    ]);
    assert.equal(w.nectarScripting, 1 + 20 + 5);
    assert.equal(w.byFile['(module evaluation)'], 20);
    assert.equal(w.byFile['(promise callbacks)'], 5);
  });

  it('the bench’s own watcher is nobody’s scripting', () => {
    const w = run([x('RunTask', 0, 10), x('FireAnimationFrame', 1, 4), call(BENCH, 1.5, 3)]);
    assert.equal(w.scripting, 0);
    assert.equal(w.nectarScripting, 0);
  });

  it('on the CPU clock a task descheduled for most of its wall time is not long', () => {
    const w = run([x('RunTask', 0, 120, { tdur: 20_000 }), call(`${ORIGIN}/nectar/client.js`, 1, 110)]);
    assert.equal(w.tbt, 70);
    assert.equal(w.tbtCpu, 0);
    assert.equal(w.longTasksCpu, 0);
    assert.equal(w.longTasks[0]!.cpuMs, 20);
  });

  it('a task belongs to the window its start falls in', () => {
    const events = [x('RunTask', 40, 60), call(`${ORIGIN}/nectar/x.js`, 41, 55)];
    const spans = [
      { name: 'a', from: 0, to: 50_000 },
      { name: 'b', from: 50_000, to: 200_000 },
    ];
    const r = analyse(events, thread, spans, BENCH);
    assert.equal(r.a!.tbt, 10);
    assert.equal(r.b!.tbt, 0);
  });
});
