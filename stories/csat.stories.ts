import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { NectarClient } from '@nectar/core';
import '../packages/widgets/src/csat/csat.ts';
import { shadowOf, storyClient, waitFor } from './helpers.ts';

interface Args {
  locale: 'en' | 'zh-CN' | 'zh-TW';
  theme: 'light' | 'dark' | 'auto';
}

interface Loaded {
  client: NectarClient;
  ticketId: string;
  accessToken: string;
}

/** A client whose in-memory desk holds one resolved ticket (offline afterwards when asked). */
function resolvedTicket(offline = false) {
  return async ({ args }: { args: Args }): Promise<Loaded> => {
    const { client, desk } = storyClient({}, args.locale);
    const receipt = await desk.createTicket(
      {
        category: 'delivery',
        orderRef: '#1002',
        message: 'The teapot has not arrived.',
        contact: { email: 'shopper@example.com' },
      },
      { idempotencyKey: crypto.randomUUID() },
    );
    desk.reply(receipt.id, 'It was delayed at the depot; it will arrive tomorrow.');
    desk.resolve(receipt.id);
    if (offline) desk.simulate({ offline: true });
    return { client, ticketId: receipt.id, accessToken: receipt.accessToken };
  };
}

const rate =
  (rating: number, options: { comment?: string; contact?: boolean; send?: boolean } = {}) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const root = await shadowOf(canvasElement, 'nectar-csat');
    root.querySelector<HTMLElement>(`[data-rating="${rating}"]`)!.click();
    await new Promise((r) => setTimeout(r, 0));
    if (options.comment) {
      const area = root.querySelector<HTMLTextAreaElement>('textarea')!;
      area.value = options.comment;
      area.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    if (options.contact) root.querySelector<HTMLInputElement>('input[value="yes"]')!.click();
    await new Promise((r) => setTimeout(r, 0));
    if (options.send) root.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
    await waitFor(() => root.querySelector('[part~="question"]'));
  };

/** `<nectar-csat>`: how satisfied the shopper is with a resolved request (five levels). */
const meta: Meta<Args> = {
  title: 'Widgets/CSAT',
  component: 'nectar-csat',
  args: { locale: 'en', theme: 'light' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN', 'zh-TW'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
  loaders: [resolvedTicket()],
  render: (args, { loaded }) => {
    const { client, ticketId, accessToken } = loaded as Loaded;
    return html`<nectar-csat
      .client=${client}
      force
      ticket-id=${ticketId}
      access-token=${accessToken}
      theme=${args.theme}
    ></nectar-csat>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Ask: Story = {};
export const RatingRequired: Story = {
  name: 'Rating required',
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'nectar-csat');
    root.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
  },
};
export const Unhappy: Story = {
  name: 'Unhappy: contact me again?',
  play: rate(2, { comment: 'It arrived a week late.', contact: true }),
};
export const Thanks: Story = { play: rate(5, { send: true }) };
export const ThanksFollowUp: Story = {
  name: 'Thanks: ticket reopened',
  play: rate(1, { comment: 'Still no teapot.', contact: true, send: true }),
};
export const Queued: Story = {
  name: 'Thanks, saved offline',
  loaders: [resolvedTicket(true)],
  play: rate(4, { send: true }),
};
export const Chinese: Story = { name: '简体中文', args: { locale: 'zh-CN' }, play: rate(2) };
export const TraditionalChinese: Story = { name: '繁體中文', args: { locale: 'zh-TW' } };
export const Dark: Story = { args: { theme: 'dark' } };
