// ESLint flat config (ESLint 9). `npm run lint` — zero warnings (see /work/shared/STYLE.md).
// typescript-eslint's recommended rules, and with type information (the root tsconfig's program) the
// rules about promises: none floats, none is passed where a callback's result is ignored; Lit, web-component and
// Lit a11y rules for the widgets, the agent console and the stories; Node globals for the service, scripts and Node
// tests, browser globals for the packages that run in the page.
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';

export default defineConfig(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      'test/consumer/fixtures/',
      'storybook-static/',
      '**/.nectar-data/',
      '.tmp/',
      'coverage/',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `_`-prefixed names are deliberately unused (positional parameters, rest-omission).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  // With type information: every TypeScript file of the root tsconfig (sources, tests, stories, bench).
  {
    files: [
      'packages/*/src/**/*.ts',
      'packages/server/console/src/**/*.ts',
      'packages/*/test/**/*.ts',
      'test/**/*.ts',
      'stories/**/*.ts',
      'bench/**/*.ts',
    ],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's describe/it return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
    },
  },
  // Browser tests: chai's Assertion is typed as a thenable (a plugin's augmentation), so every `expect`
  // would read as a floating promise. There the rule is off, and the assertions that really are promises
  // (axe's `accessible()`) must be awaited.
  {
    files: ['packages/*/src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExpressionStatement > CallExpression[callee.property.name="accessible"]',
          message: 'await the accessibility check: expect(el).to.be.accessible() is a promise.',
        },
      ],
    },
  },
  // Code that runs in the page: core, adapters and widgets sources (and their browser tests), stories.
  {
    files: [
      'packages/{core,adapters,widgets}/src/**',
      'packages/server/console/src/**',
      'stories/**',
      '.storybook/preview.ts',
      'packages/server/demo/demo.js',
      'packages/server/demo/consent.js',
    ],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Node: the service, its demo set-up, scripts, Node tests, test support, build and tool configs.
  {
    files: [
      'packages/server/**',
      'packages/*/test/**',
      'scripts/**',
      'test/**',
      'bench/**',
      '.storybook/main.ts',
      '*.{js,mjs,cjs,ts}',
    ],
    ignores: ['packages/server/demo/demo.js', 'packages/server/demo/consent.js', 'packages/server/console/src/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  // Lit, web components and their accessibility: the widgets, the agent console and the stories.
  {
    files: ['packages/widgets/src/**/*.ts', 'packages/server/console/src/**/*.ts', 'stories/**/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/recommended'], litA11y.configs.recommended],
    // Every widget extends NectarElement (a LitElement): both plugins need to know to check it as one.
    settings: {
      lit: { elementBaseClasses: ['NectarElement'] },
      wc: { elementBaseClasses: ['LitElement', 'NectarElement'] },
    },
  },
  // Tests read untyped JSON bodies and patch third-party test servers; their assertions check the shape.
  {
    files: ['**/*.test.ts', 'packages/*/test/**', 'test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // Medusa loads its project config with require(): that file is CommonJS by design.
  {
    files: ['test/support/medusa-app/medusa-config.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
