// `npm run build`: the CDN bundle in packages/widgets/dist/cdn/ (served at /nectar/ by the reference service).
//   nectar.js                 the loader: the only script a page loads up front (stable name, short cache)
//   client-[hash].js          the default client, built from the loader's data-* attributes
//   <tag>-[hash].js           one chunk per widget tag, imported when the tag appears
//   chunks/[name]-[hash].js   shared code: core (client, outbox, constants, errors, idb, the widgets' events),
//                             boot (what the launcher starts with), schema (zod and the ticket schema), feedback /
//                             events-track / the http adapter / ky (imported on first use), i18n-<locale>,
//                             lit (Lit, the Lit widgets' base, the shared strings), and what rollup splits by
//                             itself (code two widgets share, …)
// ESM only, production Lit (the `development` export condition is not resolved), es2022, minified.
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import compress from './scripts/rollup-compress.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const widgets = `${root}packages/widgets/src`;

/** Entry name → source. Tags whose source is not there yet are left out (the loader's map names them all). */
const TAG_ENTRIES = {
  'ticket-form': `${widgets}/ticket-form/ticket-form.ts`,
  'ticket-status': `${widgets}/ticket-status/ticket-status.ts`,
  nps: `${widgets}/nps/nps.ts`,
  csat: `${widgets}/csat/csat.ts`,
  launcher: `${widgets}/launcher/launcher.ts`,
  panel: `${widgets}/panel/panel.ts`,
  answers: `${widgets}/answers/answers.ts`,
  'ticket-list': `${widgets}/ticket-list/ticket-list.ts`,
  nudge: `${widgets}/nudge/nudge.ts`,
};

export const input = {
  nectar: `${widgets}/cdn/loader.ts`,
  client: `${widgets}/cdn/client.ts`,
  ...Object.fromEntries(Object.entries(TAG_ENTRIES).filter(([, file]) => existsSync(file))),
};

export default {
  input,
  // Entries other than the loader are only ever imported by the loader: their exports need not be kept.
  preserveEntrySignatures: 'allow-extension',
  // @nectar/core declares `"sideEffects": false`; said here too, as its sources are resolved through the
  // workspace link. Without it a re-exporting module (`@nectar/core`, `@nectar/core/schema`) that a manual
  // chunk takes along keeps a bare import of what it re-exports — zod's chunk under the Lit one.
  treeshake: { moduleSideEffects: (id) => !/\/packages\/core\/src\//.test(id.replaceAll('\\', '/')) },
  output: {
    dir: `${root}packages/widgets/dist/cdn`,
    format: 'es',
    entryFileNames: (chunk) => (chunk.name === 'nectar' ? 'nectar.js' : '[name]-[hash].js'),
    chunkFileNames: 'chunks/[name]-[hash].js',
    manualChunks(id) {
      const path = id.replaceAll('\\', '/');
      // One chunk per locale other than English (core + widget strings), fetched only when that locale is used.
      const locale = /\/src\/i18n\/(zh-CN|zh-TW)\.ts$/.exec(path);
      if (locale) return `i18n-${locale[1]}`;
      // The ticket form's chunk also holds what the status view's reply box shares with the form (the photo field,
      // the fields' styles, a field's error): split into a file of their own they cost the contact form's journey
      // 0.8 KB (a file of its own compresses worse). The status view (no budget of its own) loads the form's chunk.
      if (
        /\/widgets\/src\/(ticket-form\/(ticket-form|photo-field|field-error)|internal\/field\.styles|i18n\/en\/photo-field)\.ts$/.test(
          path,
        )
      )
        return 'ticket-form';
      // The chosen photos' checks, previews and list: the form imports them once the shopper starts on it.
      if (/\/widgets\/src\/ticket-form\/photos\.controller\.ts$/.test(path)) return 'photos';
      // The form's hints in plain wording, every locale: imported only with large text.
      if (/\/widgets\/src\/i18n\/plain\.ts$/.test(path)) return 'plain';
      // What the launcher and every other widget start with, apart from the client (launcher visible ≤ 5 KB):
      // the default client, locale matching, the define helper, the unread count (the launcher's badge and
      // the request list): one file rather than two small ones.
      if (
        /\/core\/src\/(default-client|locale)\.ts$|\/widgets\/src\/(internal\/define|launcher\/unread)\.ts$/.test(path)
      )
        return 'boot';
      // The panel's "My orders" (imported when the view first opens), with the tracking links and its own strings
      // in every locale; and `isLate`, which it shares with the nudge engine's `order_late`, as a file of its own.
      if (/\/widgets\/src\/(orders\/|i18n\/my-orders\.ts$)|\/core\/src\/tracking\.ts$/.test(path)) return 'orders';
      if (/\/core\/src\/nudges\/late\.ts$/.test(path)) return 'order-late';
      // The order strings "My orders" shares with the ticket form's order picker: neither loads the other.
      if (/\/widgets\/src\/i18n\/en\/orders\.ts$/.test(path)) return 'order-strings';
      // The nudge engine with what it alone uses (the page's signals): imported once the shopper consents.
      // (With the CDN client's fetch of the site's rules, which only the engine calls; explain() is a file of its own.)
      if (
        /\/core\/src\/(nudges\/(?!explain\.ts$)|platform\/signals\.ts$)|\/widgets\/src\/cdn\/nudge-rules\.ts$/.test(
          path,
        )
      ) {
        return 'nudges';
      }
      if (/\/core\/src\/nudges\/explain\.ts$/.test(path)) return 'nudge-explain';
      // An opened article (the allow-list of the service's HTML, "Was this helpful?", the hand-off): imported once
      // a search has answered.
      if (/\/widgets\/src\/answers\/article\.ts$/.test(path)) return 'answer-article';
      // The ticket form's "Call me back" fields with their strings in every locale: imported when the shopper chooses it.
      if (/\/widgets\/src\/(ticket-form\/callback-fields|i18n\/callback)\.ts$/.test(path)) return 'callback';
      // The rules' schema, for the developer's own rules only (the site's were checked when saved), and the
      // tab-session store the nudge engine shares with survey answers: each its own file, so neither feature
      // loads the other (nor zod, which the schema chunk holds).
      if (/\/core\/src\/schema\/nudge\.ts$/.test(path)) return 'nudge-schema';
      if (/\/core\/src\/session\.ts$/.test(path)) return 'session';
      // What the client imports on first use, each with its schemas.
      const feature = /\/core\/src\/(?:schema\/)?(feedback|events)(?:-track)?\.ts$/.exec(path);
      if (feature) return feature[1] === 'events' ? 'events-track' : 'feedback';
      // zod and the schemas every check builds on (the text field, the page context, the ticket), in one
      // file imported by what validates: the first ticket submitted (or the form, once the shopper starts
      // on it), a survey answer, a tracked event, the service adapter's checks of the service's answers.
      // zod's classes are one module, so this file is the same for all of them: no page that renders
      // without validating loads it.
      // A ticket's status and timeline strings (English), for the status view and the request list only.
      if (/\/core\/src\/i18n\/en\/status\.ts$/.test(path)) return 'status-strings';
      // The image checks, with the English validation reasons they and the form's check show (the form imports
      // both once the shopper starts on it).
      if (/\/widgets\/src\/internal\/images\.ts$|\/core\/src\/i18n\/en\/validation\.ts$/.test(path)) return 'images';
      // The service adapter with the HTTP transport (the CDN client's desk, cdn/desk.ts), and ky: on first use.
      if (/\/adapters\/src\/|\/core\/src\/(transport|protocol)\.ts$/.test(path)) return 'http';
      if (/node_modules\/ky\//.test(path)) return 'ky';
      if (/node_modules\/zod\//.test(path) || /\/core\/src\/schema\/(base|context|ticket)\.ts$/.test(path))
        return 'schema';
      // What every page with a widget loads once the client is there (the client itself, the outbox, the
      // shared constants, the errors, idb), in one file rather than split by which widget imports which
      // part: every journey but "launcher visible" loads all of it, and one file compresses better than
      // several. Left out: what is imported on first use (the ticket check, survey answers, events, the
      // service adapter with the HTTP transport and ky), the English strings (with the widgets, which
      // show them), the other locales, and the package's re-exporting modules (`index.ts`, `schema.ts`:
      // a module of a manual chunk takes its imports along). With it, the widgets' event classes (`events.ts`):
      // every widget's chunk re-exports them, and `<nectar-nudge>`, which has no Lit, fires three of them — in
      // the Lit chunk they would take Lit onto a page that shows a nudge.
      // Lit (with its directives), the widget base, the localize and client controllers and the English strings
      // every Lit widget shows: what every Lit widget's chunk imports, in one file (the directives were a file of
      // their own, and `live` / `keyed` copies in the form and the panel).
      if (
        /node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//.test(path) ||
        /\/widgets\/src\/(internal\/(nectar-element|styles|controllers\/(client|localize))|i18n\/index|i18n\/en\/common)\.ts$/.test(
          path,
        ) ||
        /\/core\/src\/i18n\/(index|en\/(categories|ticket|errors))\.ts$/.test(path)
      )
        return 'lit';
      if (
        /node_modules\/idb\//.test(path) ||
        /\/widgets\/src\/events\.ts$/.test(path) ||
        /\/core\/src\/(?!(index|schema|feedback|events-track|transport|protocol|session|conversation)\.ts|i18n\/(index|en)\.ts|i18n\/en\/|schema\/)/.test(
          path,
        )
      ) {
        return 'core';
      }
      return undefined;
    },
    generatedCode: 'es2015',
    sourcemap: true,
  },
  plugins: [
    {
      // The loader's chunk imports go through its importChunk(), which retries a failed chunk under a
      // fresh URL (a browser keeps a failed module URL failed for the page). importChunk's own import()
      // names no module, so it is left as it is.
      name: 'nectar-retryable-chunks',
      renderDynamicImport({ moduleId, targetModuleId }) {
        if (!targetModuleId || !moduleId.replaceAll('\\', '/').endsWith('/cdn/loader.ts')) return null;
        return { left: 'importChunk(', right: ')' };
      },
    },
    {
      // Hashed names change from build to build: start from an empty folder so nothing stale is served or counted.
      name: 'nectar-clean',
      renderStart: (out) => rmSync(out.dir, { recursive: true, force: true }),
    },
    nodeResolve({
      browser: true,
      // `@nectar/source`: the workspace packages' TypeScript sources (scripts/source-condition.mjs).
      exportConditions: ['@nectar/source', 'browser', 'production', 'import', 'default'],
      extensions: ['.ts', '.mjs', '.js', '.json'],
    }),
    // Whitespace and comments in Lit's html`` and css`` templates (ours only: dependencies ship none).
    minifyHTML({ include: ['packages/*/src/**/*.ts'], failOnError: true }),
    esbuild({
      target: 'es2022',
      tsconfig: `${root}tsconfig.base.json`,
      // Production: development warnings drop out. Our sources read `globalThis.process?.env?.NODE_ENV`
      // (safe unbundled, where `process` does not exist), so that is defined too.
      define: {
        'process.env.NODE_ENV': '"production"',
        'globalThis.process': '{"env":{"NODE_ENV":"production"}}',
      },
      minify: false,
      legalComments: 'none',
    }),
    terser({ ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: false } }),
    // Brotli and gzip copies of every file, for the service's pre-compressed delivery.
    compress(),
  ],
  onwarn(warning, warn) {
    // Harmless in dependencies: top-level `this` in ESM builds, comments that look like annotations
    // (zod), zod's internal import cycle.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules'))) return;
    warn(warning);
  },
};
