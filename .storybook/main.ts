import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // Docs pages (autodocs) with the controls and descriptions from custom-elements.json (preview.ts).
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    // Workspace packages are consumed from their TypeScript sources (explicit `.ts` imports, standard decorators).
    return {
      ...viteConfig,
      resolve: {
        ...viteConfig.resolve,
        conditions: [
          '@nectar/source',
          ...(viteConfig.resolve?.conditions ?? ['module', 'browser', 'development|production']),
        ],
      },
      esbuild: { ...(typeof viteConfig.esbuild === 'object' ? viteConfig.esbuild : {}), target: 'es2022' },
      build: { ...viteConfig.build, target: 'es2022', chunkSizeWarningLimit: 2048 },
    };
  },
};

export default config;
