import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { NectarClient } from '@nectar/core';
import '../packages/widgets/src/launcher/launcher.ts';
import '../packages/widgets/src/panel/panel.ts';
import '../packages/widgets/src/ticket-form/ticket-form.ts';
import '../packages/widgets/src/ticket-list/ticket-list.ts';
import { seededClient, waitFor } from './helpers.ts';
import { ordersClient } from './orders.fixture.ts';

interface Args {
  locale: 'en' | 'zh-CN' | 'zh-TW';
  theme: 'light' | 'dark' | 'auto';
  placement: 'bottom-end' | 'bottom-start';
  textSize: 'normal' | 'large';
}

type View = 'answers' | 'contact' | 'requests' | 'orders';

/**
 * `<nectar-panel>`: the one entry (answers, the contact form, the shopper's requests) in a modal dialog,
 * opened from its launcher. Each story opens it at one view, on a client with its own in-memory desk.
 */
const meta: Meta<Args> = {
  title: 'Widgets/Panel',
  component: 'nectar-panel',
  args: { locale: 'en', theme: 'light', placement: 'bottom-end', textSize: 'normal' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN', 'zh-TW'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    placement: { control: 'inline-radio', options: ['bottom-end', 'bottom-start'] },
    textSize: { control: 'inline-radio', options: ['normal', 'large'] },
  },
  loaders: [async ({ args }) => seededClient((args as Args).locale)],
  render: (args, { loaded }) => {
    const client = loaded.client as NectarClient;
    return html`<nectar-launcher
        .client=${client}
        theme=${args.theme}
        placement=${args.placement}
        text-size=${args.textSize}
      ></nectar-launcher>
      <nectar-panel
        .client=${client}
        theme=${args.theme}
        placement=${args.placement}
        text-size=${args.textSize}
      ></nectar-panel>`;
  },
};
export default meta;
type Story = StoryObj<Args>;

/** Opens the panel at `view`; with `query`, searches the answers for it. */
const open =
  (view: View, query = '') =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const panel = await waitFor(() => canvasElement.querySelector('nectar-panel'));
    await panel.show(view);
    if (query) {
      const answers = await waitFor(() => panel.shadowRoot?.querySelector('nectar-answers'));
      answers.query = query;
      await answers.search();
    }
  };

/** The panel opened on answers (the default view). */
export const Answers: Story = { play: open('answers') };

/** Answers found for "refund". */
export const AnswersResults: Story = { name: 'Answers: results', play: open('answers', 'refund') };

/** The contact form inside the panel. */
export const Contact: Story = { play: open('contact') };

/** The shopper's requests, one with a new reply. */
export const Requests: Story = {
  loaders: [async ({ args }) => seededClient(args.locale, 2)],
  play: open('requests'),
};

/** `placement="bottom-start"`: above a launcher in the other corner. */
export const BottomStart: Story = { name: 'Bottom start', args: { placement: 'bottom-start' }, play: open('answers') };

/** 繁體中文. */
export const TraditionalChinese: Story = { args: { locale: 'zh-TW' }, play: open('contact') };

/** `text-size="large"`: body text ≥ 20 px, targets ≥ 48 px (try it at 320 px wide). */
export const LargeText: Story = { name: 'Large text', args: { textSize: 'large' }, play: open('contact') };

/** Dark theme. */
export const Dark: Story = { args: { theme: 'dark' }, play: open('requests') };

/** "My orders" (the client has a commerce adapter): a shipped order with its DHL tracking link, a late one. */
export const MyOrders: Story = {
  name: 'My orders',
  loaders: [async ({ args }) => ordersClient(args.locale)],
  play: open('orders'),
};

/** "My orders" for a guest: find an order by its number and email (try #1042 and ada@example.com). */
export const MyOrdersGuest: Story = {
  name: 'My orders: guest lookup',
  loaders: [async ({ args }) => ordersClient(args.locale, { guest: true })],
  play: open('orders'),
};

/** "My orders" in Simplified Chinese, dark. */
export const MyOrdersChinese: Story = {
  name: 'My orders: 简体中文, dark',
  args: { locale: 'zh-CN', theme: 'dark' },
  loaders: [async ({ args }) => ordersClient(args.locale)],
  play: open('orders'),
};
