import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { NectarClient } from '@nectar/core';
import '../packages/widgets/src/launcher/launcher.ts';
import { seededClient } from './helpers.ts';

interface Args {
  locale: 'en' | 'zh-CN' | 'zh-TW';
  theme: 'light' | 'dark' | 'auto';
  placement: 'bottom-end' | 'bottom-start';
}

/**
 * `<nectar-launcher>`: the floating help button, on a client whose in-memory desk may hold requests with
 * unread replies. Clicking it opens `<nectar-panel>` (see the panel's stories).
 */
const meta: Meta<Args> = {
  title: 'Widgets/Launcher',
  component: 'nectar-launcher',
  args: { locale: 'en', theme: 'light', placement: 'bottom-end' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN', 'zh-TW'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    placement: { control: 'inline-radio', options: ['bottom-end', 'bottom-start'] },
  },
  loaders: [async ({ args }) => seededClient((args as Args).locale)],
  render: (args, { loaded }) =>
    html`<nectar-launcher
      .client=${loaded.client as NectarClient}
      theme=${args.theme}
      placement=${args.placement}
    ></nectar-launcher>`,
};
export default meta;
type Story = StoryObj<Args>;

/** The floating help button, nothing unread. */
export const Launcher: Story = {};

/** The badge: one request has a reply the shopper has not read. */
export const LauncherWithUnread: Story = {
  loaders: [async ({ args }) => seededClient(args.locale, 2)],
};

/** `placement="bottom-start"` and custom offsets and accent. */
export const LauncherBottomStart: Story = {
  args: { placement: 'bottom-start' },
  render: (args, { loaded }) =>
    html`<nectar-launcher
      .client=${loaded.client as NectarClient}
      placement=${args.placement}
      theme=${args.theme}
      style="--nectar-launcher-offset-x: 40px; --nectar-launcher-offset-y: 40px; --nectar-color-accent: #0a7d55"
    ></nectar-launcher>`,
};

/** 简体中文: the label follows the client's locale. */
export const Chinese: Story = { args: { locale: 'zh-CN' } };

/** Dark theme. */
export const Dark: Story = { args: { theme: 'dark' } };
