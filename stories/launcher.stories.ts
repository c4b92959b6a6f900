import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { NectarClient } from '@nectar/core';
import '../packages/widgets/src/launcher/launcher.ts';
import '../packages/widgets/src/panel/panel.ts';
import '../packages/widgets/src/answers/answers.ts';
import '../packages/widgets/src/ticket-list/ticket-list.ts';
import { storyClient, waitFor } from './helpers.ts';

interface Args {
  locale: 'en' | 'zh-CN' | 'zh-TW';
  theme: 'light' | 'dark' | 'auto';
}
const argTypes = {
  locale: { control: 'inline-radio', options: ['en', 'zh-CN', 'zh-TW'] },
  theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
} as const;

/** A client on an in-memory desk (with its small knowledge base) holding `tickets` requests, the first one answered. */
async function clientWith(args: Args, tickets = 0, opts: { noKb?: boolean; failSearch?: boolean } = {}) {
  const { client, desk } = storyClient({}, args.locale);
  if (opts.noKb) Object.assign(desk, { searchAnswers: undefined });
  if (opts.failSearch) desk.simulate({ offline: true });
  for (let i = 0; i < tickets; i++) {
    const r = await client.tickets.submit({
      category: i ? 'delivery' : 'damaged',
      message: 'The jar of honey arrived cracked.',
      contact: { email: 'shopper@example.com' },
    });
    if (i === 0 && r.state === 'sent') desk.reply(r.ticket.id, 'Sorry! A new jar is on its way.');
  }
  return { client };
}

const meta: Meta<Args> = {
  title: 'Widgets/Launcher and panel',
  args: { locale: 'en', theme: 'light' },
  argTypes,
};
export default meta;
type Story = StoryObj<Args>;

const launcher = (client: NectarClient, args: Args) =>
  html`<nectar-launcher .client=${client} theme=${args.theme}></nectar-launcher>`;

/** The floating help button, nothing unread. */
export const Launcher: Story = {
  loaders: [async ({ args }) => clientWith(args as Args)],
  render: (args, { loaded }) => launcher(loaded.client as NectarClient, args),
};

/** The badge: one request has a reply the shopper has not read. */
export const LauncherWithUnread: Story = {
  loaders: [async ({ args }) => clientWith(args as Args, 2)],
  render: (args, { loaded }) => launcher(loaded.client as NectarClient, args),
};

/** `placement="bottom-start"` and custom offsets. */
export const LauncherBottomStart: Story = {
  loaders: [async ({ args }) => clientWith(args as Args)],
  render: (args, { loaded }) =>
    html`<nectar-launcher
      .client=${loaded.client as NectarClient}
      placement="bottom-start"
      theme=${args.theme}
      style="--nectar-launcher-offset-x: 40px; --nectar-launcher-offset-y: 40px; --nectar-color-accent: #0a7d55"
    ></nectar-launcher>`,
};

const panelStory = (view: 'answers' | 'contact' | 'requests', tickets = 0, query = ''): Story => ({
  loaders: [async ({ args }) => clientWith(args as Args, tickets)],
  render: (args, { loaded }) =>
    html`${launcher(loaded.client as NectarClient, args)}
      <nectar-panel .client=${loaded.client as NectarClient} theme=${args.theme}></nectar-panel>`,
  play: async ({ canvasElement }) => {
    const panel = await waitFor(() => canvasElement.querySelector('nectar-panel'));
    await panel.show(view);
    if (query) {
      const answers = await waitFor(() => panel.shadowRoot?.querySelector('nectar-answers'));
      answers.query = query;
      await answers.search();
    }
  },
});

/** The panel opened on answers (default view). */
export const PanelAnswers = panelStory('answers');
/** Answers found for "refund". */
export const PanelAnswersResults = panelStory('answers', 0, 'refund');
/** The contact form inside the panel. */
export const PanelContact = panelStory('contact');
/** The shopper's requests, one with a new reply. */
export const PanelRequests = panelStory('requests', 2);

const answersStory = (query: string, opts: { noKb?: boolean; failSearch?: boolean } = {}): Story => ({
  loaders: [async ({ args }) => clientWith(args as Args, 0, opts)],
  render: (args, { loaded }) =>
    html`<nectar-answers .client=${loaded.client as NectarClient} theme=${args.theme} query=${query}></nectar-answers>`,
});
/** `<nectar-answers>` before a search. */
export const AnswersEmpty = answersStory('');
/** Results. */
export const AnswersResults = answersStory('refund');
/** No results. */
export const AnswersNoResults = answersStory('unicorn saddle');
/** The search failed (offline). */
export const AnswersError = answersStory('refund', { failSearch: true });
/** The desk has no knowledge base. */
export const AnswersUnavailable = answersStory('refund', { noKb: true });

const listStory = (tickets: number): Story => ({
  loaders: [async ({ args }) => clientWith(args as Args, tickets)],
  render: (args, { loaded }) =>
    html`<nectar-ticket-list .client=${loaded.client as NectarClient} theme=${args.theme}></nectar-ticket-list>`,
});
/** `<nectar-ticket-list>` without requests. */
export const TicketListEmpty = listStory(0);
/** Two requests, the older one with a new reply. */
export const TicketListWithReply = listStory(2);
