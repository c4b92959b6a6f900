// `npm run bench` (first part): the main-thread budget of ARCHITECTURE.md, measured over the real CDN path —
// bench/main-thread.ts (a bare page and the same page with Nectar's script tag, in headless Chromium, traced).
// Runs it through tsx (it starts the reference service from its TypeScript sources) and passes its exit code on:
// 1 when the budget is over (BENCH_GATE=0: figures only). BENCH_RUNS (default 25) pages of each.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SOURCE_CONDITION } from './source-condition.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const r = spawnSync(process.execPath, [SOURCE_CONDITION, '--import', 'tsx', 'bench/main-thread.ts'], {
  cwd: root,
  stdio: 'inherit',
});
if (r.error) throw r.error;
process.exit(r.status ?? 1);
