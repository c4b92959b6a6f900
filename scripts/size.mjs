// `npm run size`: builds the CDN bundle (rollup.config.js, through rollup's JS API) and checks the
// budgets of ARCHITECTURE.md it can measure from the build, in min+gzip bytes (zlib level 9,
// 1 KB = 1024 bytes). Each file is gzipped on its own, as a browser fetches it; a group is the sum of its files.
//   (a) loader                          nectar.js alone                                   ≤ 2 KB, checked
//   (l) launcher visible                nectar.js + the launcher chunk + its static        ≤ 5 KB, checked
//                                       imports (walked through rollup's import graph)
//   (b) loader + ticket-form            the same for the form (and "+ client")            information
//   (c) everything, one locale          every .js file except the catalog chunks of the   information
//                                       other locales; the largest over en, zh-CN, zh-TW
//   (d) all files                       every .js file in dist/cdn (every locale)          information
// The per-journey budgets (panel, contact form, form only, NPS only, nudge shown) need a measurement
// of what a page requests in Chromium; that comes with issue 9.
// A catalog chunk is one whose modules are all `…/i18n/<locale>.ts`. Exit code 1 when a checked
// budget is exceeded. `node scripts/size.mjs --json` prints the figures as JSON too.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { loadConfigFile } from 'rollup/loadConfigFile';

const root = fileURLToPath(new URL('..', import.meta.url));
const KB = 1024;

const { options, warnings } = await loadConfigFile(join(root, 'rollup.config.js'), {});
warnings.flush();
const graph = new Map(); // file name → { imports, dynamicImports, facade }
const contributors = new Map(); // package or source folder → rendered bytes (after tree-shaking, before minifying)
function contributor(id) {
  const path = id.replaceAll('\\', '/');
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (dep) return dep[1];
  const src = /packages\/(\w+)\/src\/(.*)/.exec(path);
  if (!src) return relative(root, path);
  const parts = src[2].split('/');
  return `@nectar/${src[1]}/${parts.length > 1 ? `${parts[0]}/` : parts[0]}`;
}
let outDir = '';
for (const inputOptions of options) {
  const bundle = await rollup(inputOptions);
  for (const outputOptions of inputOptions.output) {
    outDir = outputOptions.dir;
    const { output } = await bundle.write(outputOptions);
    for (const chunk of output) {
      if (chunk.type !== 'chunk') continue;
      for (const [id, m] of Object.entries(chunk.modules)) {
        const key = contributor(id);
        contributors.set(key, (contributors.get(key) ?? 0) + m.renderedLength);
      }
      graph.set(chunk.fileName, {
        modules: Object.keys(chunk.modules),
        imports: chunk.imports,
        dynamicImports: chunk.dynamicImports,
        facade: chunk.facadeModuleId,
      });
    }
  }
  await bundle.close();
}

const gz = new Map();
const gzipOf = (file) => {
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length);
  return gz.get(file);
};
/** The file and every file it imports statically, transitively. */
const closure = (file, into = new Set()) => {
  if (into.has(file)) return into;
  into.add(file);
  for (const dep of graph.get(file)?.imports ?? []) closure(dep, into);
  return into;
};
const entry = (suffix) =>
  [...graph].find(([, c]) => c.facade?.replaceAll('\\', '/').endsWith(suffix))?.[0] ??
  fail(`no built chunk for ${suffix} — is it in rollup.config.js?`);
function fail(message) {
  console.error(`[size] ${message}`);
  process.exit(1);
}

const allJs = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return allJs(path);
    return name.endsWith('.js') ? [relative(outDir, path)] : [];
  });

const loader = 'nectar.js';
const form = entry('/ticket-form/ticket-form.ts');
const client = entry('/cdn/client.ts');
const launcher = entry('/launcher/launcher.ts');
const launcherVisible = new Set([...closure(loader), ...closure(launcher)]);
const firstWidget = new Set([...closure(loader), ...closure(form)]);
const withClient = new Set([...firstWidget, ...closure(client)]);
const sum = (files) => [...files].reduce((n, f) => n + gzipOf(f), 0);

/** The locale whose catalog a chunk holds (all its modules are `…/i18n/<locale>.ts`), else undefined. */
const LOCALES = ['en', 'zh-CN', 'zh-TW'];
const localeOf = (file) => {
  const found = new Set(
    (graph.get(file)?.modules ?? []).map((id) => /\/i18n\/([\w-]+)\.ts$/.exec(id.replaceAll('\\', '/'))?.[1]),
  );
  const [only] = found;
  return found.size === 1 && LOCALES.includes(only) ? only : undefined;
};
const files = allJs(outDir);
const perLocale = LOCALES.map((locale) => {
  const used = files.filter((f) => [undefined, locale].includes(localeOf(f)));
  return { locale, files: used, bytes: sum(used) };
});
const largest = perLocale.reduce((a, b) => (b.bytes > a.bytes ? b : a));

const rows = [
  { what: '(a) loader (nectar.js)', files: [loader], budget: 2 * KB },
  { what: '(l) launcher visible (loader + launcher)', files: [...launcherVisible], budget: 5 * KB },
  { what: '(b) loader + ticket-form', files: [...firstWidget], info: 10 * KB },
  { what: '      … + client', files: [...withClient] },
  ...perLocale.map((p) => ({ what: `    everything in ${p.locale}`, files: p.files })),
  { what: `(c) everything, one locale (${largest.locale})`, files: largest.files },
  { what: '(d) all files (every locale)', files },
].map((r) => ({ ...r, bytes: sum(r.files), ok: r.budget === undefined || sum(r.files) <= r.budget }));

const fmt = (b) => `${(b / KB).toFixed(2)} KB`;
const line = (cols) => cols.map((c, i) => (i === 0 ? c.padEnd(44) : c.padStart(11))).join(' ');
console.log(`\nNectar CDN bundle — ${relative(root, outDir)} (min+gzip, level 9, 1 KB = 1024 B)\n`);
console.log(line(['what', 'size', 'budget', 'status']));
console.log('-'.repeat(44 + 3 * 12));
for (const r of rows) {
  const budget = r.budget ?? r.info;
  const status = r.budget ? (r.ok ? 'ok' : 'OVER') : r.info ? 'info' : '';
  console.log(line([r.what, fmt(r.bytes), budget ? fmt(budget) : '', status]));
}
console.log(
  '\n(l) "launcher visible": the loader, the launcher chunk and its static imports (the panel is imported on use).' +
    '\n(b) is information only: what a page with only the ticket form loads up front.' +
    "\n(c) counts every file a page can load in one locale (the other locales' catalog chunks left out)." +
    '\nThe per-journey budgets of ARCHITECTURE.md (panel, contact form, form only, NPS only, nudge) are measured' +
    '\nin Chromium over what each journey requests; until that measurement exists (issue 9) only (a) and (l) are checked.',
);
console.log('\nfiles:');
for (const f of files.sort()) {
  const locale = localeOf(f);
  console.log(`  ${f.padEnd(50)} ${fmt(gzipOf(f)).padStart(10)}${locale ? `  (${locale} catalog)` : ''}`);
}
console.log('\n(l) launcher visible =', [...launcherVisible].join(', '));
console.log('(b) loader + ticket-form =', [...firstWidget].join(', '));
console.log('\nlargest contributors (bytes after tree-shaking, before minifying and gzip):');
for (const [name, bytes] of [...contributors].sort((a, b) => b[1] - a[1]).slice(0, 16)) {
  console.log(`  ${name.padEnd(50)} ${String(bytes).padStart(10)}`);
}
if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify(rows.map(({ what, bytes, budget, info, ok }) => ({ what: what.trim(), bytes, budget, info, ok }))),
  );
}

const over = rows.filter((r) => !r.ok);
if (over.length) {
  console.error(`\n[size] over budget: ${over.map((r) => r.what).join('; ')}`);
  process.exit(1);
}
console.log('\n[size] all budgets hold');
