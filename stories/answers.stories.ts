import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { NectarClient } from '@nectar/core';
import '../packages/widgets/src/answers/answers.ts';
import { seededClient, type SeedOptions } from './helpers.ts';

interface Args {
  locale: 'en' | 'zh-CN' | 'zh-TW';
  theme: 'light' | 'dark' | 'auto';
  query: string;
  limit: number;
}

/**
 * `<nectar-answers>`: self-service search over the in-memory desk's small knowledge base, in every state
 * (before a search, results, no results, a failed search, no knowledge base).
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
