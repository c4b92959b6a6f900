import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/widgets/src/ticket-form/ticket-form.ts';
import { fillAndSubmit, storyClient, submitEmpty, waitFor } from './helpers.ts';

interface Args {
  locale: 'en' | 'zh-CN' | 'zh-TW';
  theme: 'light' | 'dark' | 'auto';
  orderRef: string;
  category: string;
  email: string;
}

/**
 * `<nectar-ticket-form>`: every state of the help-request form, each with its own in-memory
 * client (`memoryDesk()`; the failure switches simulate a slow or unreachable service).
 */
const meta: Meta<Args> = {
  title: 'Widgets/Ticket form',
  component: 'nectar-ticket-form',
  args: { locale: 'en', theme: 'light', orderRef: '', category: '', email: '' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN', 'zh-TW'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
  render: (args, { id }) => {
    const { client } = storyClient({}, args.locale);
    return html`<nectar-ticket-form
      .client=${client}
      draft-key=${id}
      theme=${args.theme}
      order-ref=${args.orderRef}
      category=${args.category}
      email=${args.email}
    ></nectar-ticket-form>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Empty: Story = {};

export const PrefilledWithOrder: Story = {
  name: 'Prefilled with an order',
  args: { orderRef: '#1001', category: 'damaged', email: 'shopper@example.com' },
};

export const ValidationErrors: Story = {
  name: 'Validation errors',
  play: async ({ canvasElement }) => {
    const root = await submitEmpty(canvasElement);
    await waitFor(() => root.querySelector('[part="field-error"]'));
  },
};

export const Sending: Story = {
  render: (args, { id }) => {
    // The service takes ten minutes to answer: the form stays in its sending state.
    const { client } = storyClient({ latencyMs: 600_000 }, args.locale);
    return html`<nectar-ticket-form .client=${client} draft-key=${id} theme=${args.theme}></nectar-ticket-form>`;
  },
  play: async ({ canvasElement }) => {
    const root = await fillAndSubmit(canvasElement);
    await waitFor(() => root.querySelector('form[aria-busy="true"]'));
  },
};

export const QueuedOffline: Story = {
  name: 'Queued (offline)',
  render: (args, { id }) => {
    const { client } = storyClient({ offline: true }, args.locale);
    return html`<nectar-ticket-form .client=${client} draft-key=${id} theme=${args.theme}></nectar-ticket-form>`;
  },
  play: async ({ canvasElement }) => {
    const root = await fillAndSubmit(canvasElement);
    await waitFor(() => root.querySelector('[part="result"]'));
  },
};

export const Sent: Story = {
  play: async ({ canvasElement }) => {
    const root = await fillAndSubmit(canvasElement);
    await waitFor(() => root.querySelector('[part="promise"]'));
  },
};

export const SimplifiedChinese: Story = {
  name: 'zh-CN',
  args: { locale: 'zh-CN', orderRef: '#1001' },
};

export const TraditionalChinese: Story = {
  name: 'zh-TW',
  args: { locale: 'zh-TW', orderRef: '#1001' },
};

export const Dark: Story = {
  name: 'Dark theme',
  args: { theme: 'dark' },
  decorators: [(story) => html`<div class="story-dark">${story()}</div>`],
};
