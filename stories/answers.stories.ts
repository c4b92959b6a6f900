import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { NectarClient } from '@nectar/core';
import '../packages/widgets/src/answers/answers.ts';
import type { Answer } from '@nectar/core/schema';
import { seededClient, storyClient, waitFor, type SeedOptions } from './helpers.ts';

interface Args {
  locale: 'en' | 'zh-CN' | 'zh-TW';
  theme: 'light' | 'dark' | 'auto';
  query: string;
  limit: number;
}

/**
 * `<nectar-answers>`: self-service search over the in-memory desk's small knowledge base, in every state
 * (before a search, results, no results, a failed search, no knowledge base, an article with the service's
 * html, "Was this helpful?" answered).
 */
const meta: Meta<Args> = {
  title: 'Widgets/Answers',
  component: 'nectar-answers',
  args: { locale: 'en', theme: 'light', query: '', limit: 5 },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN', 'zh-TW'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
  loaders: [async ({ args }) => seededClient((args as Args).locale)],
  render: (args, { loaded }) =>
    html`<nectar-answers
      .client=${loaded.client as NectarClient}
      theme=${args.theme}
      query=${args.query}
      limit=${args.limit}
    ></nectar-answers>`,
};
export default meta;
type Story = StoryObj<Args>;

const on = (options: SeedOptions) => [async ({ args }: { args: Args }) => seededClient(args.locale, 0, options)];

/** Before a search: the hint, and "Still need help?". */
export const Empty: Story = {};

/** Results for "refund". */
export const Results: Story = { args: { query: 'refund' } };

/** No results. */
export const NoResults: Story = { name: 'No results', args: { query: 'unicorn saddle' } };

/** The search failed (the desk is offline): "Try again". */
export const Failed: Story = { args: { query: 'refund' }, loaders: on({ failSearch: true }) };

/** The desk has no knowledge base: only "Contact us". */
export const Unavailable: Story = { args: { query: 'refund' }, loaders: on({ noKb: true }) };

/** 简体中文. */
export const Chinese: Story = { args: { locale: 'zh-CN' } };

/** Dark theme, with results. */
export const Dark: Story = { args: { theme: 'dark', query: 'refund' } };

/** An article as the reference service sends it: its Markdown as sanitized html (and a hostile line, kept out). */
const ARTICLE: Answer = {
  id: 'story-returns',
  title: 'How do I return an item?',
  body: 'Returns are free within 30 days.',
  html: [
    '<h2>Free returns for 30 days</h2>',
    '<p>Print the label from <a href="https://shop.example/account/orders">your orders</a> and drop the parcel at any post office.</p>',
    '<ol><li>Pack the item with its <strong>original</strong> packaging.</li><li>Stick the label on the box.</li></ol>',
    '<p><img src="https://placehold.co/480x160/png?text=Return+label" alt="A return label on a box"></p>',
    '<blockquote>Refunds reach your card within <em>5 working days</em>.</blockquote>',
    '<p onclick="alert(1)">Questions? <a href="mailto:help@shop.example">help@shop.example</a> <a href="javascript:alert(1)">(not a link)</a></p>',
  ].join(''),
  locale: 'en',
  url: 'https://shop.example/help/returns',
  score: 1,
};
const withArticle = [
  async () => {
    const { client, desk } = storyClient();
    // An id of its own each time: "Was this helpful?" is asked once per article in this browser.
    const answer = { ...ARTICLE, id: `story-returns-${Date.now().toString(36)}` };
    desk.searchAnswers = async () => [answer];
    return { client };
  },
];
const article = (el: HTMLElement) => el.querySelector('nectar-answers')!.shadowRoot!;

/** An article with the service's html: headings, lists, a link, a lazy image; "Was this helpful?" under it. */
export const Article: Story = {
  args: { query: 'return' },
  loaders: withArticle,
  play: async ({ canvasElement }) => {
    const details = await waitFor(() => article(canvasElement).querySelector('details'));
    details.open = true;
  },
};

/** "Was this helpful?" answered: the thank-you (once per article in this browser). */
export const Helpful: Story = {
  name: 'Helpful: thanked',
  args: { query: 'return' },
  loaders: withArticle,
  play: async ({ canvasElement }) => {
    const details = await waitFor(() => article(canvasElement).querySelector('details'));
    details.open = true;
    const yes = await waitFor(() =>
      article(canvasElement).querySelector<HTMLButtonElement>('[part~="helpful-button"]'),
    );
    yes.click();
  },
};
