// The agent console (served at /console/ by the reference service): packages/server/console/src into
// packages/server/dist/console/ — `index.html` (from ./index.html, naming the entry's hashed file),
// `console-[hash].js`, and `chunks/[name]-[hash].js` (the zh-CN and zh-TW catalogs, fetched only in those
// locales, and what rollup splits by itself). The settings of the root rollup.config.js: ESM, production Lit,
// es2022, minified templates, brotli and gzip copies for the service's pre-compressed delivery.
// `npx rollup -c packages/server/console/rollup.config.mjs` (scripts/build.mjs and scripts/start.mjs run it).
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import compress from '../../../scripts/rollup-compress.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = fileURLToPath(new URL('../dist/console/', import.meta.url));

/** Writes index.html with the entry's hashed name in place of `./src/main.ts`. */
function html() {
  return {
    name: 'nectar-console-html',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry);
      const template = readFileSync(`${here}index.html`, 'utf8');
      if (!entry || !template.includes('./src/main.ts')) this.error('index.html must load ./src/main.ts');
      this.emitFile({
        type: 'asset',
        fileName: 'index.html',
        source: template.replace('./src/main.ts', `./${entry.fileName}`),
      });
    },
  };
}

/** A `.css` import (uPlot's stylesheet) as its text, for the importing element's adopted stylesheet. */
function cssText() {
  return {
    name: 'nectar-css-text',
    transform(code, id) {
      return id.endsWith('.css') ? { code: `export default ${JSON.stringify(code)};`, map: null } : null;
    },
  };
}

export default {
  input: { console: `${here}src/main.ts` },
  output: {
    dir,
    format: 'es',
    entryFileNames: '[name]-[hash].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    generatedCode: 'es2015',
    sourcemap: true,
    // The dashboard's chart library: a chunk of its own, fetched only when the dashboard opens.
    manualChunks: (id) => (/[\\/]node_modules[\\/]uplot[\\/]/.test(id) ? 'uplot' : undefined),
  },
  plugins: [
    // Hashed names change from build to build: start from an empty folder so nothing stale is served.
    { name: 'nectar-clean', renderStart: (out) => rmSync(out.dir, { recursive: true, force: true }) },
    nodeResolve({
      browser: true,
      exportConditions: ['@nectar/source', 'browser', 'production', 'import', 'default'],
      extensions: ['.ts', '.mjs', '.js', '.json'],
    }),
    cssText(),
    minifyHTML({ include: [`${here}src/**/*.ts`], failOnError: true }),
    esbuild({
      target: 'es2022',
      tsconfig: `${root}tsconfig.base.json`,
      define: {
        'process.env.NODE_ENV': '"production"',
        'globalThis.process': '{"env":{"NODE_ENV":"production"}}',
      },
      minify: false,
      legalComments: 'none',
    }),
    terser({ ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: false } }),
    html(),
    compress({ test: /\.(js|json|html)$/ }),
  ],
  onwarn(warning, warn) {
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
};
