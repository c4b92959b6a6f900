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

type Step = 'new' | 'replied' | 'answered' | 'resolved' | 'closed' | 'not-found';

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
    if (step !== 'new') {
      desk.reply(receipt.id, 'Sorry about that! Could you send us a photo of the jar?');
    }
    if (step === 'answered') {
      // The shopper's answer with a photo (what the reply box sends).
      const canvas = new OffscreenCanvas(64, 48);
      canvas.getContext('2d')!.fillRect(0, 0, 64, 48);
      const file = new File([await canvas.convertToBlob({ type: 'image/png' })], 'jar.png', { type: 'image/png' });
      const photo = await desk.uploadAttachment(file, 'jar.png', { idempotencyKey: crypto.randomUUID() });
      await desk.addMessage!(
        receipt.id,
        receipt.accessToken,
        { message: 'Here it is — the crack runs along the lid.', attachments: [photo.id] },
        { idempotencyKey: crypto.randomUUID() },
      );
    }
    if (step === 'resolved' || step === 'closed') desk.resolve(receipt.id);
    if (step === 'closed') desk.close(receipt.id);
    return { client, ticketId: receipt.id, accessToken: receipt.accessToken };
  };
}

/**
 * `<nectar-ticket-status>`: one request's status and timeline, read from an in-memory desk, with the box to answer
 * in ("Replied": the request waits for the shopper; "Resolved": answering reopens it; "Closed": no box).
 */
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
export const Replied: Story = { name: 'Replied (waiting for the shopper)', loaders: [ticketAt('replied')] };
export const Answered: Story = { name: 'Answered with a photo', loaders: [ticketAt('answered')] };
export const Resolved: Story = { loaders: [ticketAt('resolved')] };
export const Closed: Story = { loaders: [ticketAt('closed')] };
export const NotFound: Story = { name: 'Not found', loaders: [ticketAt('not-found')] };
