import { unique } from '../internal/test-utils.ts';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { createClient, type NectarClient, type NectarEventMap } from '@nectar/core';
import { memoryDesk } from '@nectar/adapters/memory';
import './nudge.ts';
import type { NectarNudge } from './nudge.component.ts';
import type { NectarNudgeActionEvent, NectarNudgeDismissEvent, NectarNudgeShowEvent } from '../events.ts';
import { nudgeMessages } from '../i18n/nudge.ts';

const clients: NectarClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await setViewport({ width: 800, height: 600 });
  await emulateMedia({ reducedMotion: 'no-preference' });
});

type Action = { label: string; do: string; category?: string; url?: string };

/** A rule that shows at once on any page (a `page_view` of every path). */
function rule(
  id: string,
  options: { variant?: 'toast' | 'banner' | 'inline'; target?: string; body?: boolean; actions?: Action[] } = {},
) {
  return {
    id,
    trigger: { kind: 'page_view', url: { match: 'prefix', value: '/' } },
    content: {
      en: {
        title: 'Need a hand with a return?',
        ...(options.body === false ? {} : { body: 'We can start it for you in a minute.' }),
        actions: options.actions ?? [
          { label: 'Start a return', do: 'open_contact', category: 'return_refund' },
          { label: 'Read the policy', do: 'open_answers' },
          { label: 'Not now', do: 'dismiss' },
        ],
      },
      'zh-CN': { title: '需要帮忙办理退货吗？', actions: [{ label: '开始退货', do: 'open_contact' }] },
    },
    presentation: { variant: options.variant ?? 'toast', ...(options.target ? { target: options.target } : {}) },
  };
}

/**
 * A real client with its nudge engine: behavioural consent given, the rules in the config (or the desk's site
 * rules, which are not checked against the schema), the page's signals a quiet twin on the path `/shop`.
 */
function nudgeClient(rules: unknown[], options: { locale?: string; site?: boolean } = {}) {
  const desk = memoryDesk(options.site ? { nudges: rules } : {});
  const client = createClient(
    {
      desk,
      storage: 'memory',
      namespace: unique('nudge'),
      locale: options.locale ?? 'en',
      consent: { behavior: true },
      ...(options.site ? {} : { nudges: rules }),
    },
    { nudgeSignals: { path: () => '/shop', device: () => 'desktop', listen: () => () => undefined } },
  );
  clients.push(client);
  const opened: NectarEventMap['open'][] = [];
  client.on('open', (detail) => opened.push(detail));
  return { client, opened };
}

interface Heard {
  show: NectarNudgeShowEvent[];
  action: NectarNudgeActionEvent[];
  dismiss: NectarNudgeDismissEvent[];
}

/** Every nudge event that reaches the document. */
function listen(): Heard {
  const heard: Heard = { show: [], action: [], dismiss: [] };
  const on = <K extends 'nectar-nudge-show' | 'nectar-nudge-action' | 'nectar-nudge-dismiss'>(
    type: K,
    into: GlobalEventHandlersEventMap[K][],
  ) => {
    const fn = (e: GlobalEventHandlersEventMap[K]) => into.push(e);
    document.addEventListener(type, fn);
    stops.push(() => document.removeEventListener(type, fn));
  };
  on('nectar-nudge-show', heard.show);
  on('nectar-nudge-action', heard.action);
  on('nectar-nudge-dismiss', heard.dismiss);
  return heard;
}
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

async function mount(client: NectarClient, theme = 'auto') {
  const wrap = await fixture<HTMLDivElement>(
    html`<div>
      <button id="before">before</button>
      <nectar-nudge .client=${client} theme=${theme}></nectar-nudge>
    </div>`,
  );
  return { wrap, el: wrap.querySelector('nectar-nudge')!, before: wrap.querySelector<HTMLButtonElement>('#before')! };
}

const part = <T extends Element = HTMLElement>(el: Element, name: string) =>
  el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const parts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const text = (el: Element, name: string) => part(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** The nudge's box once it is there and its entrance is over (what is measured is where it stays). */
async function shown(el: Element): Promise<HTMLElement> {
  await waitUntil(() => part(el, 'container'), 'nudge shown');
  const box = part(el, 'container')!;
  await Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished));
  return box;
}
async function until<T>(get: () => T | null | undefined, message: string): Promise<T> {
  await waitUntil(get, message);
  return get()!;
}
const gone = (el: Element) => waitUntil(() => !part(el, 'container'), 'nudge gone');

describe('<nectar-nudge>', () => {
  it('toast: title, body and three actions, announced politely, above the launcher; focus stays put', async () => {
    const heard = listen();
    const { client } = nudgeClient([rule('returns')]);
    const { el, before } = await mount(client);
    before.focus();
    const box = await shown(el);

    expect(text(el, 'title')).to.equal('Need a hand with a return?');
    expect(text(el, 'body')).to.equal('We can start it for you in a minute.');
    expect(parts(el, 'action').map((b) => b.textContent!.trim())).to.deep.equal([
      'Start a return',
      'Read the policy',
      'Not now',
    ]);
    expect(part(el, 'close')!.getAttribute('aria-label')).to.equal(nudgeMessages.en.close);
    expect(text(el, 'never')).to.equal(nudgeMessages.en.never);
    expect(box.getAttribute('aria-label')).to.equal(nudgeMessages.en.region);
    expect(box.parentElement!.getAttribute('aria-live')).to.equal('polite');
    expect(el.getAttribute('variant')).to.equal('toast');
    await waitUntil(() => heard.show.length === 1, 'nectar-nudge-show');
    expect(heard.show[0]!.detail).to.deep.equal({ ruleId: 'returns' });
    expect(heard.show[0]!.composed).to.equal(true);

    // Never moves focus.
    expect(document.activeElement).to.equal(before);

    // Fixed at the bottom right, above the launcher (20 px from the bottom, 52 px tall).
    const r = box.getBoundingClientRect();
    expect(getComputedStyle(box.parentElement!.parentElement!).position).to.equal('fixed');
    expect(innerHeight - r.bottom).to.be.at.least(20 + 52);
    expect(innerWidth - r.right).to.be.closeTo(20, 1);
    await expect(el).to.be.accessible();
  });

  it('the × button dismisses: nectar-nudge-dismiss, the nudge is gone, focus is not lost', async () => {
    const heard = listen();
    const { client } = nudgeClient([rule('returns')]);
    const { el } = await mount(client);
    await shown(el);
    part<HTMLButtonElement>(el, 'close')!.click();
    await gone(el);
    expect(heard.dismiss.map((e) => e.detail)).to.deep.equal([{ ruleId: 'returns', forever: false }]);
    expect(client.nudges.current()).to.equal(undefined);
    expect(el.hasAttribute('variant')).to.equal(false);
    const [why] = await client.nudges.explain('returns');
    expect(why!.reason).to.equal('dismissed_recently');
    await expect(el).to.be.accessible();
  });

  it('keyboard: Tab reaches every control; Escape inside dismisses and focus goes back', async () => {
    const heard = listen();
    const { client } = nudgeClient([rule('returns')]);
    const { el, before } = await mount(client);
    await shown(el);
    before.focus();
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      await sendKeys({ press: 'Tab' });
      order.push(el.shadowRoot!.activeElement?.getAttribute('part') ?? '');
    }
    expect(order).to.deep.equal(['close', 'action', 'action', 'action', 'never']);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Not now');
    await sendKeys({ press: 'Escape' });
    await gone(el);
    expect(heard.dismiss.map((e) => e.detail)).to.deep.equal([{ ruleId: 'returns', forever: false }]);
    expect(document.activeElement).to.equal(before);
  });

  it('Escape outside the nudge does nothing to it', async () => {
    const { client } = nudgeClient([rule('returns')]);
    const { el, before } = await mount(client);
    await shown(el);
    before.focus();
    await sendKeys({ press: 'Escape' });
    expect(part(el, 'container')).to.not.equal(null);
  });

  it('"Don’t show this again" dismisses for good', async () => {
    const heard = listen();
    const { client } = nudgeClient([rule('returns')]);
    const { el } = await mount(client);
    await shown(el);
    part<HTMLButtonElement>(el, 'never')!.click();
    await gone(el);
    expect(heard.dismiss.map((e) => e.detail)).to.deep.equal([{ ruleId: 'returns', forever: true }]);
    const [why] = await client.nudges.explain('returns');
    expect(why!.reason).to.equal('dont_show_again');
  });

  it('open_contact: nectar-nudge-action, and the client opens the contact form with the category', async () => {
    const heard = listen();
    const { client, opened } = nudgeClient([rule('returns')]);
    const { el } = await mount(client);
    await shown(el);
    parts(el, 'action')[0]!.click();
    await gone(el);
    await waitUntil(() => heard.action.length === 1, 'nectar-nudge-action');
    expect(heard.action[0]!.detail).to.deep.equal({ ruleId: 'returns', action: 'open_contact' });
    expect(opened).to.deep.equal([{ view: 'contact', prefill: { category: 'return_refund' } }]);
    expect(heard.dismiss).to.have.length(0);
  });

  it('a dismiss action: nectar-nudge-action and nectar-nudge-dismiss', async () => {
    const heard = listen();
    const { client, opened } = nudgeClient([rule('returns')]);
    const { el } = await mount(client);
    await shown(el);
    parts(el, 'action')[2]!.click();
    await gone(el);
    await waitUntil(() => heard.dismiss.length === 1, 'nectar-nudge-dismiss');
    expect(heard.action.map((e) => e.detail)).to.deep.equal([{ ruleId: 'returns', action: 'dismiss' }]);
    expect(heard.dismiss[0]!.detail).to.deep.equal({ ruleId: 'returns', forever: false });
    expect(opened).to.have.length(0);
  });

  it('a link action follows http(s) URLs in the same tab, never javascript:', async () => {
    const page = location.href.split('#')[0]!;
    const bad = { label: 'Bad', do: 'link', url: 'javascript:window.__nudged=1' };
    // The site's rules are not checked against the schema in the browser: the widget refuses the URL itself.
    const { client } = nudgeClient(
      [rule('links', { actions: [bad, { label: 'Good', do: 'link', url: `${page}#returns` }] })],
      {
        site: true,
      },
    );
    const { el } = await mount(client);
    await shown(el);
    parts(el, 'action')[0]!.click();
    await gone(el);
    await new Promise((r) => setTimeout(r, 50));
    expect((window as { __nudged?: number }).__nudged).to.equal(undefined);
    expect(location.hash).to.equal('');

    const other = nudgeClient([rule('links', { actions: [{ label: 'Good', do: 'link', url: `${page}#returns` }] })]);
    const second = await mount(other.client);
    await shown(second.el);
    parts(second.el, 'action')[0]!.click();
    await waitUntil(() => location.hash === '#returns', 'followed the link');
    history.replaceState(null, '', page);
  });

  it('an nps action shows the NPS survey in the nudge’s place', async () => {
    const heard = listen();
    const { client } = nudgeClient([rule('rate', { actions: [{ label: 'Rate us', do: 'nps' }] })]);
    const { el } = await mount(client);
    await shown(el);
    parts(el, 'action')[0]!.focus();
    await sendKeys({ press: 'Enter' });
    const nps = await until(() => el.shadowRoot!.querySelector('nectar-nps'), 'survey shown');
    await waitUntil(() => nps.shadowRoot?.querySelector('[role="radiogroup"]'), 'survey rendered');
    expect(part(el, 'container')).to.equal(null);
    expect(heard.action.map((e) => e.detail)).to.deep.equal([{ ruleId: 'rate', action: 'nps' }]);
    // The shopper clicked: focus moves into the survey (the button they clicked is gone).
    await waitUntil(() => nps.shadowRoot!.activeElement?.getAttribute('role') === 'radio', 'focus in the survey');
    expect(getComputedStyle(nps.parentElement!).position).to.equal('fixed');
    await Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished));
    await expect(el).to.be.accessible();
    nps.shadowRoot!.querySelector<HTMLButtonElement>('[part~="dismiss-button"]')!.click();
    await waitUntil(() => !el.shadowRoot!.querySelector('nectar-nps'), 'survey closed');
  });

  it('banner: fixed across the top of the window', async () => {
    const { client } = nudgeClient([rule('sale', { variant: 'banner' })]);
    const { el } = await mount(client);
    const box = await shown(el);
    expect(el.getAttribute('variant')).to.equal('banner');
    const r = box.getBoundingClientRect();
    expect(r.top).to.equal(0);
    expect(r.left).to.equal(0);
    expect(r.width).to.equal(document.documentElement.clientWidth);
    await expect(el).to.be.accessible();
  });

  it('inline: opens a nudge element inside the rule’s target, removed when dismissed; one nudge per page', async () => {
    const heard = listen();
    const { client } = nudgeClient([rule('inline', { variant: 'inline', target: '#help-slot' })]);
    const wrap = await fixture<HTMLDivElement>(
      html`<div>
        <main>
          <p>Returns are free within 30 days.</p>
          <div id="help-slot"></div>
        </main>
        <nectar-nudge .client=${client}></nectar-nudge>
        <nectar-nudge .client=${client}></nectar-nudge>
      </div>`,
    );
    const slot = wrap.querySelector('#help-slot')!;
    const inner = await until(() => slot.querySelector('nectar-nudge'), 'opened in the target');
    const box = await shown(inner);
    expect(getComputedStyle(box.parentElement!.parentElement!).position).to.equal('static');
    expect(inner.getAttribute('variant')).to.equal('inline');
    for (const outer of wrap.querySelectorAll(':scope > nectar-nudge')) {
      expect(part(outer, 'container')).to.equal(null);
      expect(outer.hasAttribute('variant')).to.equal(false);
    }
    await waitUntil(() => heard.show.length === 1, 'nectar-nudge-show');
    expect(heard.show[0]!.target).to.equal(inner);
    await expect(inner).to.be.accessible();

    part<HTMLButtonElement>(inner, 'close')!.click();
    await waitUntil(() => !slot.querySelector('nectar-nudge'), 'removed from the target');
    expect(heard.show).to.have.length(1);
    expect(heard.dismiss).to.have.length(1);
  });

  it('inline: a nudge element already in the target shows it there', async () => {
    const { client } = nudgeClient([rule('inline', { variant: 'inline', target: '.slot' })]);
    const wrap = await fixture<HTMLDivElement>(
      html`<div>
        <nectar-nudge .client=${client}></nectar-nudge>
        <section class="slot"><nectar-nudge .client=${client}></nectar-nudge></section>
      </div>`,
    );
    const [outside, inside] = [...wrap.querySelectorAll('nectar-nudge')] as NectarNudge[];
    await shown(inside!);
    expect(part(outside!, 'container')).to.equal(null);
    expect(wrap.querySelectorAll('nectar-nudge')).to.have.length(2);
  });

  it('inline without a target: shown where the developer placed the element; a missing target falls back to a toast', async () => {
    const { client } = nudgeClient([rule('here', { variant: 'inline' })]);
    const { el } = await mount(client);
    const box = await shown(el);
    expect(getComputedStyle(box.parentElement!.parentElement!).position).to.equal('static');

    const other = nudgeClient([rule('missing', { variant: 'inline', target: '#nowhere' })]);
    const second = await mount(other.client);
    const toast = await shown(second.el);
    expect(getComputedStyle(toast.parentElement!.parentElement!).position).to.equal('fixed');
  });

  it('renders the nudge on screen when it connects after it was shown', async () => {
    const heard = listen();
    const { client } = nudgeClient([rule('late')]);
    await waitUntil(() => client.nudges.current(), 'the engine showed it');
    const { el } = await mount(client);
    await shown(el);
    expect(heard.show.map((e) => e.detail.ruleId)).to.deep.equal(['late']);
  });

  it('zh-CN: the chrome strings in Chinese, the rule’s content in the shopper’s locale', async () => {
    const zh = nudgeMessages['zh-CN'];
    const { client } = nudgeClient([rule('returns')], { locale: 'zh-CN' });
    const { el } = await mount(client);
    const box = await shown(el);
    expect(text(el, 'title')).to.equal('需要帮忙办理退货吗？');
    expect(box.getAttribute('aria-label')).to.equal(zh.region);
    expect(part(el, 'close')!.getAttribute('aria-label')).to.equal(zh.close);
    expect(text(el, 'never')).to.equal(zh.never);
    expect(box.getAttribute('lang')).to.equal('zh-CN');
    await expect(el).to.be.accessible();
  });

  it('dark theme, without a body: accessible', async () => {
    const { client } = nudgeClient([rule('dark', { body: false })]);
    const { el } = await mount(client, 'dark');
    await shown(el);
    expect(part(el, 'body')).to.equal(null);
    expect(getComputedStyle(part(el, 'container')!).backgroundColor).to.equal('rgb(17, 24, 39)');
    await expect(el).to.be.accessible();
  });

  it('320 px wide: toast and banner fit without horizontal overflow', async () => {
    await setViewport({ width: 320, height: 640 });
    const long = {
      label: 'Talk to someone about your order straight away',
      do: 'open_contact',
    };
    for (const variant of ['toast', 'banner'] as const) {
      const { client } = nudgeClient([rule(`narrow-${variant}`, { variant, actions: [long, long, long] })]);
      const { el } = await mount(client);
      const box = await shown(el);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      for (const node of [box, ...parts(el, 'action'), part(el, 'never')!, part(el, 'close')!]) {
        const r = node.getBoundingClientRect();
        expect(r.left, variant).to.be.at.least(0);
        expect(r.right, variant).to.be.at.most(320);
      }
      expect(box.scrollWidth, variant).to.be.at.most(box.clientWidth);
      await expect(el).to.be.accessible();
    }
  });

  it('prefers-reduced-motion: no slide animation', async () => {
    const { client } = nudgeClient([rule('moving')]);
    const { el } = await mount(client);
    const box = await shown(el);
    expect(getComputedStyle(box.parentElement!).animationName).to.equal('nectar-nudge-in');

    await emulateMedia({ reducedMotion: 'reduce' });
    const still = nudgeClient([rule('still')]);
    const second = await mount(still.client);
    const quiet = await shown(second.el);
    expect(getComputedStyle(quiet.parentElement!).animationName).to.equal('none');
    expect(second.el.shadowRoot!.getAnimations()).to.have.length(0);
  });
});
