// Browser tests of core, adapters and widgets, in real Chromium. Tests import TypeScript sources.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { CHROMIUM_ARGS, ensureChromium } from './scripts/chromium.mjs';
import { httpFixture } from './packages/core/test/http-fixture.mjs';
import { reactEsm } from './packages/react/test/react-esm.mjs';

const executablePath = ensureChromium();

export default {
  rootDir: '.',
  files: ['packages/{core,adapters,widgets,react}/src/**/*.test.ts'],
  // `@nectar/source`: the workspace packages' TypeScript sources (scripts/source-condition.mjs).
  nodeResolve: { exportConditions: ['@nectar/source', 'browser', 'development'] },
  // Test-only HTTP endpoint (/__test/…) for the transport and httpDesk tests.
  middleware: [httpFixture()],
  // a11ySnapshot: the accessibility tree as a screen reader gets it (names, roles, states).
  // reactEsm: React (CommonJS only) served as ES modules for @nectar/react's tests.
  plugins: [
    reactEsm(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' }),
    a11ySnapshotPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS.filter((a) => !a.startsWith('--headless')) },
    }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 10 * 60 * 1000,
  browserStartTimeout: 60000,
};
