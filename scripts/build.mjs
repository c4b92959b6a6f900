// `npm run build`: what the packages publish. Each package's TypeScript to its dist/ (ESM .js, .d.ts and
// source maps, by tsc with the package's tsconfig.build.json, in dependency order), then the CDN bundle
// into packages/widgets/dist/cdn/ and the agent console into packages/server/dist/console/ (rollup). Tests
// and `npm start` run the sources; consumers get this.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
export const PACKAGES = ['core', 'adapters', 'widgets', 'react', 'server'];

function step(label, cmd, args) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[nectar] build: ${label} failed`);
    process.exit(r.status ?? 1);
  }
  console.log(`[nectar] build: ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

for (const name of PACKAGES) {
  const dir = join(root, 'packages', name);
  if (!existsSync(join(dir, 'tsconfig.build.json'))) continue;
  // From clean, so a renamed source leaves no stale file (the CDN bundle in widgets/dist/cdn is rebuilt below).
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  step(`@nectar/${name}`, 'npx', ['tsc', '-p', join(dir, 'tsconfig.build.json')]);
  jsSpecifiersInDeclarations(join(dir, 'dist'));
  noTsSpecifiersInJavaScript(join(dir, 'dist'));
}
step('CDN bundle', 'npx', ['rollup', '-c', '--silent']);
// The agent console into packages/server/dist/console/ (after the server's tsc, which clears that dist/).
step('console', 'npx', ['rollup', '-c', 'packages/server/console/rollup.config.mjs', '--silent']);

/**
 * tsc rewrites `./x.ts` to `./x.js` in the JavaScript it emits (`rewriteRelativeImportExtensions`) but keeps
 * `.ts` in declarations. Every TypeScript a consumer may run (older versions, `node16` resolution, API tools)
 * reads `./x.js` as its `./x.d.ts`; not all read `./x.ts` so. Same length, so the declaration maps hold.
 */
function jsSpecifiersInDeclarations(dist) {
  for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    const text = readFileSync(file, 'utf8');
    const rewritten = text.replace(/((?:from|import\(?)\s*['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g, '$1$2.js$3');
    if (rewritten !== text) writeFileSync(file, rewritten);
  }
}

/**
 * tsc does not rewrite every `./x.ts` (an `import()` in a class field's initializer kept it): a bundler or
 * Node would then look for a file the package does not ship. The build stops and names the file.
 */
function noTsSpecifiersInJavaScript(dist) {
  for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = join(entry.parentPath, entry.name);
    const found = readFileSync(file, 'utf8').match(/(?:from\s*|import\(\s*)['"]\.{1,2}\/[^'"]*?\.ts['"]/);
    if (found) {
      console.error(`[nectar] build: ${file} imports ${found[0]}: write the import where tsc rewrites it`);
      process.exit(1);
    }
  }
}
