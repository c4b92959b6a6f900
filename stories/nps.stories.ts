import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { NectarClient } from '@nectar/core';
import '../packages/widgets/src/nps/nps.ts';
import { shadowOf, storyClient, waitFor } from './helpers.ts';

interface Args {
  locale: 'en' | 'zh-CN' | 'zh-TW';
  theme: 'light' | 'dark' | 'auto';
  variant: 'inline' | 'slide-in';
  reviewUrl: string;
}

type DeskMode = 'ok' | 'offline' | 'refusing';

/** A fresh in-memory client: reachable, offline (answers wait in the outbox) or without feedback support. */
function client(mode: DeskMode = 'ok') {
  return async ({ args }: { args: Args }): Promise<{ client: NectarClient }> => {
    const { client: c, desk } = storyClient({ offline: mode === 'offline' }, args.locale);
    if (mode !== 'refusing') return { client: c };
    const { createNectar } = await import('@nectar/core');
    return {
      client: createNectar({
        desk: { ...desk, capabilities: { ...desk.capabilities, feedback: false } },
        locale: args.locale,
        storage: 'memory',
        namespace: `story-refusing-${Date.now()}`,
      }),
    };
  };
}

/** Chooses a score and presses Next. */
const choose =
  (score: number) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const root = await shadowOf(canvasElement, 'nectar-nps');
    root.querySelector<HTMLElement>(`[data-score="${score}"]`)!.click();
    await new Promise((r) => setTimeout(r, 0));
    root.querySelector<HTMLButtonElement>('[part~="next-button"]')!.click();
    return root;
  };
const answer =
  (score: number) =>
  async (ctx: { canvasElement: HTMLElement }): Promise<void> => {
    await choose(score)(ctx);
  };

/** `<nectar-nps>`: "How likely are you to recommend us?" (0–10), a follow-up by score, thanks. */
const meta: Meta<Args> = {
  title: 'Widgets/NPS',
  component: 'nectar-nps',
  args: { locale: 'en', theme: 'light', variant: 'inline', reviewUrl: 'https://reviews.example/hive-and-leaf' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN', 'zh-TW'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    variant: { control: 'inline-radio', options: ['inline', 'slide-in'] },
  },
  loaders: [client()],
  render: (args, { loaded }) =>
    html`<nectar-nps
      .client=${(loaded as { client: NectarClient }).client}
      force
      survey-id="nps"
      variant=${args.variant}
      review-url=${args.reviewUrl}
      theme=${args.theme}
    ></nectar-nps>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Score: Story = {};
export const ScoreRequired: Story = {
  name: 'Score required',
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'nectar-nps');
    root.querySelector<HTMLButtonElement>('[part~="next-button"]')!.click();
  },
};
export const Detractor: Story = { name: 'Follow-up: detractor (0–6)', play: answer(4) };
export const Passive: Story = { name: 'Follow-up: passive (7–8)', play: answer(8) };
export const Promoter: Story = { name: 'Follow-up: promoter (9–10) with review link', play: answer(10) };
export const Thanks: Story = {
  play: async (ctx) => {
    const root = await choose(9)(ctx);
    const skip = await waitFor(() => root.querySelector<HTMLButtonElement>('[part~="skip-button"]'));
    skip.click();
  },
};
export const Queued: Story = {
  name: 'Thanks, saved offline',
  loaders: [client('offline')],
  play: async (ctx) => {
    const root = await choose(7)(ctx);
    (await waitFor(() => root.querySelector<HTMLButtonElement>('[part~="skip-button"]'))).click();
  },
};
export const Failed: Story = { name: 'Error', loaders: [client('refusing')], play: answer(6) };
export const SlideIn: Story = { name: 'Slide-in', args: { variant: 'slide-in' } };
export const Chinese: Story = { name: '简体中文', args: { locale: 'zh-CN' } };
export const TraditionalChinese: Story = { name: '繁體中文', args: { locale: 'zh-TW' }, play: answer(2) };
export const Dark: Story = { args: { theme: 'dark' } };
