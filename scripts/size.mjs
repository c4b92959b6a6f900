// `npm run size`: what a page loads from the CDN bundle, per journey, against the budgets of ARCHITECTURE.md
// ("Budgets"), and the peers' anchors measured in the same run.
//
// 1. Builds the CDN bundle as `rollup -c` does (rollup.config.js), into a temporary folder of its own.
// 2. Serves it on 127.0.0.1 with one minimal page per journey and a stub of the `/v1/*` calls a page makes
//    (scripts/size/serve.mjs), and drives each journey in headless Chromium, in English and in zh-CN
//    (scripts/size/journeys.mjs): the bytes of a journey are the sum of the gzip (level 9) sizes of the
//    JavaScript files the page requested, each file read from disk by its URL and gzipped on its own, as a
//    browser fetches it. 1 KB = 1024 B. Another locale may add at most 4.5 KB over the English journey.
// 3. Attributes each file's bytes to source modules and packages (rollup's `renderedLength`s) and prints the
//    largest of each journey.
// 4. Builds the peers (Sentry feedback, PostHog core and surveys, Formbricks' loader; scripts/size/peers.mjs)
//    with one set of esbuild settings and prints them and each journey's ratio to its peer.
//
// Exit code 1 when an ENFORCED journey is over its budget (in either locale), or a journey cannot reach its end
// state. `--json` prints the figures as one JSON line at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.mjs';
import { KB, attribute, buildBundle, catalogFiles, entryFile, gzipSize } from './size/build.mjs';
import {
  JOURNEYS,
  LOCALES,
  LOCALE_ALLOWANCE,
  NUDGE_RULE,
  pageHtml,
  pagePath,
  pool,
  runJourney,
} from './size/journeys.mjs';
import { measurePeers } from './size/peers.mjs';
import { startStatic } from './size/serve.mjs';

/**
 * The journeys whose budget fails the run. The others are measured and printed as "not enforced yet" while the
 * cuts of issue 9 bring them within budget: enforcing one is adding its id here.
 */
const ENFORCED = ['loader', 'launcher-visible', 'launcher-idle', 'panel', 'contact', 'form', 'nps', 'nudge'];

/** Nectar journey → the peer doing the same job (ratio = Nectar / peer; below 1 is lighter). */
const RATIOS = [
  ['loader', 'formbricks-loader'],
  ['panel', 'sentry-feedback'],
  ['contact', 'sentry-feedback'],
  ['form', 'sentry-feedback'],
  ['nps', 'posthog-surveys'],
  ['nps', 'posthog-core+surveys'],
];

const root = fileURLToPath(new URL('..', import.meta.url));
const json = process.argv.includes('--json');
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
const fmt = (bytes) => `${(bytes / KB).toFixed(2)} KB`;

const outDir = mkdtempSync(join(tmpdir(), 'nectar-size-'));
let server;
let browser;
try {
  const [{ chunks }, peerList] = await Promise.all([buildBundle(root, outDir), measurePeers(root)]);
  const built = seconds();
  const gz = new Map();
  const gzipOf = (file) => {
    if (!gz.has(file)) gz.set(file, gzipSize(join(outDir, file)));
    return gz.get(file);
  };
  const entry = (suffix) => entryFile(chunks, suffix);
  const client = entry('/cdn/client.ts');
  if (!client) throw new Error('[size] no client chunk (packages/widgets/src/cdn/client.ts) in the build');
  const heldFiles = [client, ...catalogFiles(chunks)];

  const pages = new Map();
  const runs = [];
  for (const journey of JOURNEYS) {
    if (journey.bundleHas && !journey.bundleHas(entry)) continue;
    for (const locale of LOCALES) {
      pages.set(pagePath(journey, locale), pageHtml(journey, locale));
      runs.push({ journey, locale });
    }
  }
  const nudgePages = new Set(LOCALES.map((locale) => pagePath({ id: 'nudge' }, locale)));
  server = await startStatic({ cdnDir: outDir, pages, rulesFor: (page) => (nudgePages.has(page) ? [NUDGE_RULE] : []) });
  browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  const outcomes = await pool(
    runs.map(
      ({ journey, locale }) =>
        () =>
          runJourney(browser, server.origin, journey, locale, heldFiles).then(
            (r) => ({ journey, locale, ...r }),
            (error) => ({ journey, locale, error: error.message }),
          ),
    ),
    4,
  );

  // Figures per journey and locale.
  const results = outcomes.map((o) => {
    if (o.error) return { ...o };
    const files = o.files.map((file) => ({ file, bytes: gzipOf(file) })).sort((a, b) => b.bytes - a.bytes);
    const held = o.held.map((file) => ({ file, bytes: gzipOf(file) }));
    return {
      ...o,
      files,
      held,
      bytes: files.reduce((n, f) => n + f.bytes, 0),
      modules: attribute(root, chunks, files),
    };
  });
  const english = (id) => results.find((r) => r.journey.id === id && r.locale === 'en');
  for (const r of results) {
    r.enforced = ENFORCED.includes(r.journey.id);
    if (r.error) continue;
    const en = english(r.journey.id);
    r.budget = r.journey.budget + (r.locale === 'en' ? 0 : LOCALE_ALLOWANCE);
    r.overEnglish = r.locale === 'en' || en?.bytes === undefined ? undefined : r.bytes - en.bytes;
    r.ok = r.bytes <= r.budget && (r.overEnglish ?? 0) <= LOCALE_ALLOWANCE;
  }

  // The table.
  const cols = [30, 7, 11, 11, 10];
  const row = (cells) => cells.map((c, i) => (i < 2 ? c.padEnd(cols[i]) : i < 5 ? c.padStart(cols[i]) : c)).join(' ');
  console.log(`\nNectar journeys over the CDN bundle (rollup.config.js), in headless Chromium`);
  console.log(`bytes: gzip level 9 of each JavaScript file the page requested, summed; 1 KB = 1024 B\n`);
  console.log(row(['journey', 'locale', 'bytes', 'budget', 'vs en', 'status']));
  console.log('-'.repeat(110));
  for (const journey of JOURNEYS) {
    if (journey.bundleHas && !journey.bundleHas(entry)) {
      console.log(row([journey.label, 'en', '', fmt(journey.budget), '', journey.na]));
      continue;
    }
    for (const r of results.filter((x) => x.journey === journey)) {
      if (r.error) {
        const label = r.locale === 'en' ? journey.label : '';
        console.log(
          row([label, r.locale, '', fmt(journey.budget), '', `ERROR${journey.tentative ? ' (tentative page)' : ''}`]),
        );
        continue;
      }
      const status = r.ok
        ? r.enforced
          ? 'ok'
          : 'ok (not enforced yet: add to ENFORCED in scripts/size.mjs)'
        : r.enforced
          ? 'OVER'
          : 'OVER (not enforced yet — issue 9 cuts)';
      const vsEn = r.overEnglish === undefined ? '' : `${r.overEnglish >= 0 ? '+' : ''}${fmt(r.overEnglish)}`;
      console.log(row([r.locale === 'en' ? journey.label : '', r.locale, fmt(r.bytes), fmt(r.budget), vsEn, status]));
    }
  }
  console.log(
    `\nzh-CN budget: the English budget + ${fmt(LOCALE_ALLOWANCE)}, and at most ${fmt(LOCALE_ALLOWANCE)} over the English journey.` +
      `\nEnforced (fail the run when over): ${ENFORCED.join(', ')}.`,
  );

  // What each journey loads.
  console.log("\nlargest modules per journey (each file's gzip bytes split by rollup's rendered lengths; estimates):");
  for (const r of results) {
    if (r.error) {
      console.log(`\n  ${r.journey.id} (${r.locale}): ${r.error}`);
      continue;
    }
    const en = english(r.journey.id);
    console.log(`\n  ${r.journey.label} (${r.locale}) — ${fmt(r.bytes)} in ${r.files.length} files`);
    if (r.locale === 'en' || !en?.files) {
      for (const [name, bytes] of r.modules.slice(0, Number(process.env.NECTAR_SIZE_MODULES ?? 8)))
        console.log(`    ${name.padEnd(58)} ${fmt(bytes).padStart(10)}`);
      console.log(`    files: ${r.files.map((f) => `${f.file} ${fmt(f.bytes)}`).join(', ')}`);
    } else {
      const enFiles = new Set(en.files.map((f) => f.file));
      const extra = r.files.filter((f) => !enFiles.has(f.file));
      const missing = en.files.filter((f) => !r.files.some((x) => x.file === f.file));
      console.log(`    over English: ${extra.map((f) => `${f.file} ${fmt(f.bytes)}`).join(', ') || 'nothing'}`);
      if (missing.length) console.log(`    not loaded (unlike English): ${missing.map((f) => f.file).join(', ')}`);
    }
    if (r.held.length) {
      const total = r.held.reduce((n, f) => n + f.bytes, 0);
      console.log(
        `    held (requested in parallel, not needed for this state): ${r.held.map((f) => `${f.file} ${fmt(f.bytes)}`).join(', ')} = ${fmt(total)}`,
      );
    }
    if (r.pageErrors.length) console.log(`    page errors: ${r.pageErrors.join(' | ')}`);
  }
  const api = [...new Set(server.apiCalls)];
  console.log(`\nservice calls the pages made (answered by the stub): ${api.join(', ') || 'none'}`);

  // Peers.
  const peers = new Map(peerList.map((p) => [p.id, p]));
  const ph = [peers.get('posthog-core'), peers.get('posthog-surveys')];
  peers.set('posthog-core+surveys', {
    id: 'posthog-core+surveys',
    label: 'PostHog core + surveys chunk',
    bytes: ph[0].bytes + ph[1].bytes,
  });
  console.log('\npeers (esbuild: bundle, minify, esm, browser, production; each output gzipped level 9):');
  for (const p of peers.values()) {
    const what = p.pkg ? `${p.pkg}@${p.version}` : '';
    const shipped = p.shipped ? `  (${fmt(p.shipped)} as the package ships it)` : '';
    console.log(`  ${p.label.padEnd(44)} ${what.padEnd(24)} ${fmt(p.bytes).padStart(10)}${shipped}`);
  }
  console.log('\nNectar journey / peer (English; below 1.00 is lighter than the peer):');
  const ratios = [];
  for (const [id, peerId] of RATIOS) {
    const r = english(id);
    const p = peers.get(peerId);
    if (!r?.bytes || !p) continue;
    const ratio = r.bytes / p.bytes;
    ratios.push({ journey: id, peer: peerId, ratio: Number(ratio.toFixed(3)) });
    console.log(
      `  ${r.journey.label.padEnd(30)} ${fmt(r.bytes).padStart(10)}  vs ${p.label.padEnd(44)} ${fmt(p.bytes).padStart(10)}  ${ratio.toFixed(2)}`,
    );
  }
  console.log(`\n[size] built in ${built} s; done in ${seconds()} s`);

  const broken = results.filter((r) => r.error && !r.journey.tentative);
  const over = results.filter((r) => r.enforced && r.ok === false);
  if (broken.length)
    console.error(`\n[size] journeys that did not reach their end state: ${broken.map((r) => r.error).join('; ')}`);
  if (over.length)
    console.error(
      `\n[size] over budget: ${over.map((r) => `${r.journey.id} (${r.locale}) ${fmt(r.bytes)} > ${fmt(r.budget)}`).join('; ')}`,
    );
  if (broken.length || over.length) process.exitCode = 1;
  else console.log('[size] every enforced budget holds');
  if (json) {
    console.log(
      JSON.stringify({
        journeys: results.map((r) => ({
          journey: r.journey.id,
          locale: r.locale,
          bytes: r.bytes,
          budget: r.budget,
          overEnglish: r.overEnglish,
          enforced: r.enforced,
          ok: r.ok,
          error: r.error,
          files: r.files,
          held: r.held,
          modules: r.modules?.slice(0, 12).map(([name, bytes]) => ({ name, bytes: Math.round(bytes) })),
        })),
        notMeasured: JOURNEYS.filter((j) => j.bundleHas && !j.bundleHas(entry)).map((j) => ({
          journey: j.id,
          why: j.na,
        })),
        peers: [...peers.values()],
        ratios,
        seconds: Number(seconds()),
      }),
    );
  }
} finally {
  await browser?.close();
  await server?.close();
  rmSync(outDir, { recursive: true, force: true });
}
