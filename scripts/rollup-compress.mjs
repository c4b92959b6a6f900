// Rollup plugin: after the CDN bundle is written, a brotli (`.br`) and a gzip (`.gz`) copy of every
// JavaScript file sits next to it, so the service answers `/nectar/*` pre-compressed (chosen by
// Accept-Encoding) without compressing on each request. Maximum quality: it runs once per build. Source maps
// are left uncompressed: only developer tools fetch them, and their copies would double the npm package.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export default function compress({ test = /\.(js|json)$/ } = {}) {
  return {
    name: 'nectar-compress',
    writeBundle(options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!test.test(fileName)) continue;
        const path = join(options.dir, fileName);
        const bytes = readFileSync(path);
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(bytes, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
            },
          }),
        );
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}
