// web-test-runner plugin: React as ES modules in the browser. React publishes CommonJS only, and the dev
// server serves files as they are (no CommonJS transform), so `import * as React from 'react'` fails there
// with "process is not defined". This plugin resolves `react`, `react-dom` and `react-dom/client` to small
// ES modules that re-export one esbuild bundle of the three (one copy of React, development build).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';

const PREFIX = '/__nectar-react-esm/';
const SPECIFIERS = ['react', 'react-dom', 'react-dom/client'];
const identifier = /^[A-Za-z_$][\w$]*$/;

/** @param {{ rootDir?: string }} [options] where `react` is resolved from (default: the working directory) */
export function reactEsm(options = {}) {
  const rootDir = options.rootDir ?? process.cwd();
  let bundle;
  let exported;
  // The export names, read in a child process: React patches `console` when it loads, which the test
  // runner's own console does not support.
  const names = (specifier) =>
    (exported ??= JSON.parse(
      execFileSync(
        process.execPath,
        [
          '-e',
          `console.log(JSON.stringify(Object.fromEntries(${JSON.stringify(SPECIFIERS)}.map((s) => [s, Object.keys(require(s))]))))`,
        ],
        { cwd: rootDir, encoding: 'utf8' },
      ),
    ))[specifier].filter((n) => n !== 'default' && identifier.test(n));
  const bundled = () =>
    (bundle ??= build({
      stdin: {
        contents: `module.exports = { ${SPECIFIERS.map((s) => `${JSON.stringify(s)}: require(${JSON.stringify(s)})`).join(', ')} };`,
        resolveDir: rootDir,
        loader: 'js',
      },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      define: { 'process.env.NODE_ENV': '"development"' },
      write: false,
      logLevel: 'silent',
    }).then((r) => r.outputFiles[0].text));

  const facade = (specifier) => {
    return [
      `import all from '${PREFIX}bundle.js';`,
      `const m = all[${JSON.stringify(specifier)}];`,
      'export default m;',
      `export const { ${names(specifier).join(', ')} } = m;`,
    ].join('\n');
  };

  return {
    name: 'nectar-react-esm',
    resolveImport({ source }) {
      if (SPECIFIERS.includes(source)) return `${PREFIX}${source}.js`;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return;
      const name = context.path.slice(PREFIX.length, -'.js'.length);
      if (name === 'bundle') return { body: await bundled(), type: 'js' };
      if (SPECIFIERS.includes(name)) return { body: facade(name), type: 'js' };
    },
  };
}
