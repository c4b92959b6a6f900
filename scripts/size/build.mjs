// The CDN bundle as `rollup -c` builds it (rollup.config.js through rollup's JS API), written to a folder of
// the caller's (a fresh temporary one by default, so a build someone else starts in packages/widgets/dist/cdn
// cannot change the files under a measurement), with what each output file holds: its modules and their
// rendered lengths (after tree-shaking, before minifying), from which the bytes of a file are attributed to
// source modules and packages.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { loadConfigFile } from 'rollup/loadConfigFile';

export const KB = 1024;

/**
 * Builds the bundle into `outDir` and returns `{ outDir, chunks }`: file name (relative to `outDir`, `/`
 * separated) → `{ name, facade, modules: [{ id, renderedLength }], imports, dynamicImports }`.
 * The build's pre-compressed copies (`.br`, `.gz`) are skipped: they do not change a `.js` file.
 */
export async function buildBundle(root, outDir) {
  const { options, warnings } = await loadConfigFile(join(root, 'rollup.config.js'), {});
  warnings.flush();
  const chunks = new Map();
  for (const inputOptions of options) {
    const plugins = inputOptions.plugins.filter((p) => p?.name !== 'nectar-compress');
    const bundle = await rollup({ ...inputOptions, plugins });
    try {
      for (const outputOptions of inputOptions.output) {
        const { output } = await bundle.write({ ...outputOptions, dir: outDir });
        for (const chunk of output) {
          if (chunk.type !== 'chunk') continue;
          chunks.set(chunk.fileName, {
            name: chunk.name,
            facade: chunk.facadeModuleId?.replaceAll('\\', '/') ?? null,
            modules: Object.entries(chunk.modules).map(([id, m]) => ({ id, renderedLength: m.renderedLength })),
            imports: chunk.imports,
            dynamicImports: chunk.dynamicImports,
          });
        }
      }
    } finally {
      await bundle.close();
    }
  }
  return { outDir, chunks };
}

/** gzip (level 9) size of one file, as a browser fetches it: each file on its own. */
export function gzipSize(path) {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

/**
 * The name bytes are attributed to: a package for dependencies (`lit-html`, `zod`, `@lit/reactive-element`),
 * `@nectar/<package>/<path>` for our sources, else the path relative to the repository.
 */
export function moduleName(root, id) {
  const path = id.replaceAll('\\', '/').replace(/^\0/, '');
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (dep) return dep[1];
  const src = /packages\/([\w-]+)\/src\/(.*)/.exec(path);
  if (src) return `@nectar/${src[1]}/${src[2]}`;
  return relative(root, path).replaceAll('\\', '/');
}

/**
 * Splits each file's gzip bytes over its modules in proportion to their rendered lengths (gzip does not
 * compress modules independently, so this is an estimate; the file totals are exact) and sums them by
 * `moduleName`. Returns `[name, bytes]` pairs, largest first.
 */
export function attribute(root, chunks, files) {
  const by = new Map();
  for (const { file, bytes } of files) {
    const modules = chunks.get(file)?.modules ?? [];
    const total = modules.reduce((n, m) => n + m.renderedLength, 0);
    if (!total) {
      by.set(file, (by.get(file) ?? 0) + bytes);
      continue;
    }
    for (const m of modules) {
      const name = moduleName(root, m.id);
      by.set(name, (by.get(name) ?? 0) + (bytes * m.renderedLength) / total);
    }
  }
  return [...by].sort((a, b) => b[1] - a[1]);
}

/** The file whose chunk is the entry for a source ending in `suffix` (e.g. `/cdn/client.ts`), if any. */
export function entryFile(chunks, suffix) {
  for (const [file, c] of chunks) if (c.facade?.endsWith(suffix)) return file;
  return undefined;
}

/** Files holding only the catalog of one locale other than English (every module `…/i18n/zh-CN.ts`, …). */
export function catalogFiles(chunks) {
  const found = [];
  for (const [file, c] of chunks) {
    const locales = new Set(c.modules.map((m) => /\/i18n\/([\w-]+)\.ts$/.exec(m.id.replaceAll('\\', '/'))?.[1]));
    const [only] = locales;
    if (locales.size === 1 && /^[a-z]{2}-[A-Z]{2}$/.test(only ?? '')) found.push(file);
  }
  return found;
}
