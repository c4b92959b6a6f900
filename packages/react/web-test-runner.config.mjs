// Browser tests of @nectar/react, in real Chromium: the repository's config with React served as ES modules
// (test/react-esm.mjs). Run from the repository root:
//   npx web-test-runner --config packages/react/web-test-runner.config.mjs
import { resolve } from 'node:path';
import base from '../../web-test-runner.config.mjs';
import { reactEsm } from './test/react-esm.mjs';

const rootDir = resolve(import.meta.dirname, '../..');

export default {
  ...base,
  rootDir,
  files: ['packages/react/src/**/*.test.ts'],
  plugins: [reactEsm({ rootDir }), ...base.plugins],
};
