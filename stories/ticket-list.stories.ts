import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { NectarClient } from '@nectar/core';
import '../packages/widgets/src/ticket-list/ticket-list.ts';
import { seededClient, shadowOf, waitFor } from './helpers.ts';

interface Args {
  locale: 'en' | 'zh-CN' | 'zh-TW';
  theme: 'light' | 'dark' | 'auto';
}

/**
 * `<nectar-ticket-list>`: the requests this browser sent, on a client whose in-memory desk already holds
 * them (the older one with an agent's reply the shopper has not read).
 */
const meta: Meta<Args> = {
  title: 'Widgets/Ticket list',
  component: 'nectar-ticket-list',
  args: { locale: 'en', theme: 'light' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN', 'zh-TW'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
  loaders: [async ({ args }) => seededClient((args as Args).locale, 2)],
  render: (args, { loaded }) =>
    html`<nectar-ticket-list .client=${loaded.client as NectarClient} theme=${args.theme}></nectar-ticket-list>`,
};
export default meta;
type Story = StoryObj<Args>;

/** No requests yet. */
export const Empty: Story = { loaders: [async ({ args }) => seededClient(args.locale, 0)] };

/** Two requests, the older one with a new reply. */
export const WithReply: Story = { name: 'With a new reply' };

/** One request chosen: its status and timeline, with "All requests" to go back. */
export const Chosen: Story = {
  name: 'One request chosen',
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'nectar-ticket-list');
    const item = await waitFor(() => root.querySelector<HTMLButtonElement>('[part~="item"]'));
    item.click();
    await waitFor(() => root.querySelector('nectar-ticket-status'));
  },
};

/** 繁體中文. */
export const TraditionalChinese: Story = { args: { locale: 'zh-TW' } };

/** Dark theme. */
export const Dark: Story = { args: { theme: 'dark' } };
