// The anchors Nectar's journeys are compared with, measured in the same run: each peer's own code for the
// same job, as a shop would bundle it from npm (root devDependencies, exact versions), through esbuild with
// one set of settings for all (bundle, minify, ESM, browser, `production` condition and NODE_ENV), each
// output file gzipped (level 9) on its own like Nectar's files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * `id` → the entry a shop writes. PostHog loads its surveys as a separate script on demand (the core's
 * `loadExternalDependency(instance, 'surveys', …)` fetches `/static/surveys.js`, which is the package's
 * `dist/surveys.js`): that file is measured as the surveys chunk, the core on its own.
 */
export const PEERS = [
  {
    id: 'sentry-feedback',
    label: 'Sentry init + feedbackIntegration',
    pkg: '@sentry/browser',
    entry: `import { init, feedbackIntegration } from '@sentry/browser';
init({ dsn: 'https://public@o0.ingest.example.invalid/1', integrations: [feedbackIntegration()] });`,
  },
  {
    id: 'posthog-core',
    label: 'PostHog core (posthog.init)',
    pkg: 'posthog-js',
    entry: `import posthog from 'posthog-js';
posthog.init('phc_size', { api_host: 'https://ph.example.invalid' });`,
  },
  {
    id: 'posthog-surveys',
    label: 'PostHog surveys chunk (dist/surveys.js)',
    pkg: 'posthog-js',
    entry: `import 'posthog-js/dist/surveys.js';`,
    shipped: 'posthog-js/dist/surveys.js',
  },
  {
    id: 'formbricks-loader',
    label: 'Formbricks loader (@formbricks/js setup)',
    pkg: '@formbricks/js',
    entry: `import formbricks from '@formbricks/js';
void formbricks.setup({ environmentId: 'env_size', appUrl: 'https://app.example.invalid' });`,
  },
];

/** The same settings for every peer. */
export const ESBUILD_SETTINGS = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  conditions: ['production'],
  target: 'es2022',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  write: false,
  logLevel: 'silent',
};

const versionOf = (root, pkg) =>
  JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;

/**
 * Builds every peer; returns `[{ id, label, pkg, version, raw, bytes, shipped? }]` (bytes: gzip level 9;
 * `shipped`: the same for the file as the package ships it, where the peer is one prebuilt file).
 */
export async function measurePeers(root) {
  return Promise.all(
    PEERS.map(async ({ id, label, pkg, entry, shipped }) => {
      const result = await build({
        ...ESBUILD_SETTINGS,
        stdin: { contents: entry, resolveDir: root, loader: 'js', sourcefile: `${id}.js` },
        outdir: join(root, 'node_modules', '.cache', 'nectar-size', id),
      });
      const js = result.outputFiles.filter((f) => f.path.endsWith('.js'));
      return {
        id,
        label,
        pkg,
        version: versionOf(root, pkg),
        raw: js.reduce((n, f) => n + f.contents.length, 0),
        bytes: js.reduce((n, f) => n + gzipSync(f.contents, { level: 9 }).length, 0),
        ...(shipped
          ? { shipped: gzipSync(readFileSync(join(root, 'node_modules', shipped)), { level: 9 }).length }
          : {}),
      };
    }),
  );
}
