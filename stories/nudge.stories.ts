import { html, nothing } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createClient, type NectarClient } from '@nectar/core';
import { memoryDesk } from '@nectar/adapters/memory';
import '../packages/widgets/src/nudge/nudge.ts';
import '../packages/widgets/src/launcher/launcher.ts';
import { waitFor } from './helpers.ts';

interface Args {
  locale: 'en' | 'zh-CN' | 'zh-TW';
  theme: 'light' | 'dark' | 'auto';
  variant: 'toast' | 'banner' | 'inline';
  /** `inline`: the rule's target selector (empty: the nudge shows where the element is placed). */
  target: string;
  body: boolean;
  actions: 1 | 2 | 3;
}

const ACTIONS = [
  { label: 'Start a return', do: 'open_contact', category: 'return_refund' },
  { label: 'Read the returns policy', do: 'open_answers' },
  { label: 'Not now', do: 'dismiss' },
] as const;
const ACTIONS_ZH_CN = [
  { label: '开始退货', do: 'open_contact', category: 'return_refund' },
  { label: '查看退货政策', do: 'open_answers' },
  { label: '暂时不用', do: 'dismiss' },
] as const;
const ACTIONS_ZH_TW = [
  { label: '開始退貨', do: 'open_contact', category: 'return_refund' },
  { label: '查看退貨政策', do: 'open_answers' },
  { label: '暫時不用', do: 'dismiss' },
] as const;

/**
 * A fresh client whose nudge engine shows one rule at once (a `page_view` of every path): behavioural consent
 * given, the page's signals a quiet twin (the story's path is `/returns`).
 */
function withRule(actions?: readonly { label: string; do: string; category?: string }[]) {
  return async ({ args }: { args: Args }): Promise<{ client: NectarClient }> => {
    const content = (title: string, body: string, list: readonly object[]) => ({
      title,
      ...(args.body ? { body } : {}),
      actions: (actions ?? list).slice(0, args.actions),
    });
    const client = createClient(
      {
        desk: memoryDesk(),
        locale: args.locale,
        storage: 'memory',
        namespace: `story-nudge-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
        consent: { behavior: true },
        nudges: [
          {
            id: 'returns-help',
            trigger: { kind: 'page_view', url: { match: 'prefix', value: '/' } },
            content: {
              en: content(
                'Need a hand with a return?',
                'Returns are free within 30 days. We can start one for you in a minute.',
                ACTIONS,
              ),
              'zh-CN': content('需要帮忙办理退货吗？', '30 天内免费退货，我们可以马上为您办理。', ACTIONS_ZH_CN),
              'zh-TW': content('需要幫忙辦理退貨嗎？', '30 天內免費退貨，我們可以馬上為您辦理。', ACTIONS_ZH_TW),
            },
            presentation: { variant: args.variant, ...(args.target ? { target: args.target } : {}) },
          },
        ],
      },
      { nudgeSignals: { path: () => '/returns', device: () => 'desktop', listen: () => () => undefined } },
    );
    return { client };
  };
}

/** The nudge's shadow root once the nudge is on screen (in the story's element, or the one opened in the target). */
async function nudgeOf(canvas: HTMLElement): Promise<ShadowRoot> {
  return waitFor(() => {
    for (const el of canvas.querySelectorAll('nectar-nudge')) {
      if (el.shadowRoot?.querySelector('[part~="container"]')) return el.shadowRoot;
    }
    return undefined;
  });
}

/**
 * `<nectar-nudge>`: the proactive nudges of the client's nudge engine. The rule decides how it shows: a toast above
 * the launcher, a banner across the top of the window, or inline in its target.
 */
const meta: Meta<Args> = {
  title: 'Widgets/Nudge',
  component: 'nectar-nudge',
  args: { locale: 'en', theme: 'light', variant: 'toast', target: '', body: true, actions: 2 },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN', 'zh-TW'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    variant: { control: 'inline-radio', options: ['toast', 'banner', 'inline'] },
    actions: { control: 'inline-radio', options: [1, 2, 3] },
  },
  // The toast and the banner are fixed to the window: each story in its own frame on the docs page.
  parameters: { docs: { story: { inline: false, height: '420px' } } },
  loaders: [withRule()],
  render: (args, { loaded }) => {
    const { client } = loaded as { client: NectarClient };
    return html`<main style="max-width: 40rem">
        <h1>Returns</h1>
        <p>Send anything back within 30 days of delivery; we pay the postage.</p>
        <div id="help-slot"></div>
        <p>Refunds reach your card within five working days of the parcel arriving at our warehouse.</p>
      </main>
      <nectar-nudge .client=${client} theme=${args.theme}></nectar-nudge>
      ${args.variant === 'toast' ? html`<nectar-launcher .client=${client}></nectar-launcher>` : nothing}`;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Toast: Story = { name: 'Toast (above the launcher)' };
export const ToastWithoutBody: Story = { name: 'Toast without body', args: { body: false, actions: 1 } };
export const ThreeActions: Story = { name: 'Three actions', args: { actions: 3 } };
export const Banner: Story = { args: { variant: 'banner' } };
export const Inline: Story = { name: 'Inline in the rule’s target', args: { variant: 'inline', target: '#help-slot' } };
export const InlinePlaced: Story = {
  name: 'Inline where the element is placed (no target)',
  args: { variant: 'inline' },
};
export const MissingTarget: Story = {
  name: 'Inline, target missing: a toast',
  args: { variant: 'inline', target: '#nowhere' },
};
export const Chinese: Story = { name: '简体中文', args: { locale: 'zh-CN', actions: 3 } };
export const TraditionalChinese: Story = { name: '繁體中文', args: { locale: 'zh-TW' } };
export const Dark: Story = { args: { theme: 'dark', actions: 3 } };
export const DarkBanner: Story = { name: 'Dark banner', args: { theme: 'dark', variant: 'banner' } };
export const Survey: Story = {
  name: 'NPS action: the survey in the nudge’s place',
  loaders: [withRule([{ label: 'Rate us', do: 'nps' }])],
  play: async ({ canvasElement }) => {
    const root = await nudgeOf(canvasElement);
    root.querySelector<HTMLButtonElement>('[part~="action"]')!.click();
  },
};
export const Focused: Story = {
  name: 'Keyboard focus on the first action',
  play: async ({ canvasElement }) => {
    const root = await nudgeOf(canvasElement);
    root.querySelector<HTMLButtonElement>('[part~="action"]')!.focus({ focusVisible: true } as FocusOptions);
  },
};
