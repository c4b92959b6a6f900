import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { NectarClient, TicketReceipt } from '@nectar/core';
import '../packages/widgets/src/ticket-status/ticket-status.ts';
import { storyClient } from './helpers.ts';

interface Args {
  locale: 'en' | 'zh-CN' | 'zh-TW';
  theme: 'light' | 'dark' | 'auto';
}

interface Loaded {
  client: NectarClient;
  ticketId: string;
  accessToken: string;
}

type Step = 'new' | 'replied' | 'resolved' | 'not-found';

/** A client whose in-memory desk holds one ticket, taken to `step` by the agent side of the desk. */
function ticketAt(step: Step) {
  return async ({ args }: { args: Args }): Promise<Loaded> => {
    const { client, desk } = storyClient({}, args.locale);
    if (step === 'not-found') return { client, ticketId: 'does-not-exist', accessToken: 'nope' };
    const receipt: TicketReceipt = await desk.createTicket(
      {
        category: 'damaged',
        orderRef: '#1001',
        message: 'The jar of honey arrived cracked; the box is sticky.',
        contact: { email: 'shopper@example.com' },
      },
      { idempotencyKey: crypto.randomUUID() },
    );
    if (step === 'replied' || step === 'resolved') {
      desk.reply(receipt.id, 'Sorry about that! A new jar is on its way, no need to send the old one back.');
    }
    if (step === 'resolved') desk.resolve(receipt.id);
    return { client, ticketId: receipt.id, accessToken: receipt.accessToken };
  };
}

/** `<nectar-ticket-status>`: one request's status and timeline, read from an in-memory desk. */
const meta: Meta<Args> = {
  title: 'Widgets/Ticket status',
  component: 'nectar-ticket-status',
  args: { locale: 'en', theme: 'light' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN', 'zh-TW'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
  render: (args, { loaded }) => {
    const { client, ticketId, accessToken } = loaded as Loaded;
    return html`<nectar-ticket-status
      .client=${client}
      ticket-id=${ticketId}
      access-token=${accessToken}
      theme=${args.theme}
    ></nectar-ticket-status>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const New: Story = { loaders: [ticketAt('new')] };
export const Replied: Story = { loaders: [ticketAt('replied')] };
export const Resolved: Story = { loaders: [ticketAt('resolved')] };
export const NotFound: Story = { name: 'Not found', loaders: [ticketAt('not-found')] };
