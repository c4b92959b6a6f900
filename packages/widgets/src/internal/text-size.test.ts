import { unique } from './test-utils.ts';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { createClient, createNectar, type DeskAdapter, type NectarClient } from '@nectar/core';
import { memoryDesk } from '@nectar/adapters/memory';
import '../panel/panel.ts';
import '../ticket-form/ticket-form.ts';
import '../nps/nps.ts';
import '../launcher/launcher.ts';
import '../csat/csat.ts';
import '../ticket-list/ticket-list.ts';
import '../ticket-status/ticket-status.ts';
import '../nudge/nudge.ts';
import type { NectarPanel } from '../panel/panel.ts';
import { kbDesk } from '../answers/kb.fixture.ts';
import { expectLarge, px } from './large-text.fixture.ts';

// Large text (`text-size="large"`, the script tag's `data-text-size`, the panel's "Larger text"): body text
// ≥ 20 px, targets ≥ 48 px, no horizontal scrolling at 320 px wide and at 200 % zoom, axe clean.

const clients: NectarClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  localStorage.removeItem('nectar.text-size');
  document.documentElement.style.removeProperty('--nectar-large-text');
  await setViewport({ width: 1000, height: 800 });
});

function client(desk: DeskAdapter = kbDesk()) {
  const c = createNectar({ desk, storage: 'memory', namespace: unique('large'), locale: 'en' });
  clients.push(c);
  return c;
}

async function openPanel(attrs = 'large') {
  const wrap = await fixture<HTMLDivElement>(
    html`<div><nectar-panel .client=${client()} text-size=${attrs}></nectar-panel></div>`,
  );
  const panel = wrap.querySelector('nectar-panel')!;
  await panel.show();
  await waitUntil(() => panel.shadowRoot!.querySelector('nectar-answers')?.shadowRoot?.querySelector('input'));
  return panel;
}
const dialog = (panel: NectarPanel) => panel.shadowRoot!.querySelector('dialog')!;
const view = (panel: NectarPanel) => panel.shadowRoot!.querySelector('[part~="view"]')!;

async function showContact(panel: NectarPanel) {
  await panel.show('contact');
  await waitUntil(
    () => panel.shadowRoot!.querySelector('nectar-ticket-form')?.shadowRoot?.querySelector('textarea'),
    'form shown',
  );
}

const PLAIN_MESSAGE_HINT = 'Say what went wrong. Then say what you would like us to do.';

describe('large text', () => {
  for (const [width, height, label] of [
    [320, 640, '320 px wide'],
    // 200 % zoom of a 1280 × 800 window: 640 × 400 CSS pixels.
    [640, 400, '200 % zoom'],
  ] as const) {
    it(`<nectar-panel text-size="large">: answers and the contact form at ${label}`, async () => {
      await setViewport({ width, height });
      const panel = await openPanel();
      expectLarge(panel, [dialog(panel), view(panel)]);
      await expect(panel).to.be.accessible();
      await showContact(panel);
      expectLarge(panel, [dialog(panel), view(panel)]);
      await expect(panel).to.be.accessible();
      panel.close();
    });
  }

  it("standalone on a wide page: the form's categories are one column", async () => {
    const c = client(memoryDesk());
    const form = await fixture<HTMLElement>(
      html`<nectar-ticket-form .client=${c} text-size="large"></nectar-ticket-form>`,
    );
    await waitUntil(() => form.shadowRoot?.querySelector('textarea'));
    const lefts = new Set(
      [...form.shadowRoot!.querySelectorAll('[part~="category"]')].map((el) => el.getBoundingClientRect().left),
    );
    expect(lefts.size).to.equal(1);
    form.removeAttribute('text-size');
    await new Promise(requestAnimationFrame);
    const normal = new Set(
      [...form.shadowRoot!.querySelectorAll('[part~="category"]')].map((el) => el.getBoundingClientRect().left),
    );
    expect(normal.size).to.be.greaterThan(1);
  });

  it('standalone: <nectar-ticket-form>, <nectar-nps> and the launcher at 320 px', async () => {
    await setViewport({ width: 320, height: 640 });
    const c = client(memoryDesk());
    const wrap = await fixture<HTMLDivElement>(
      html`<div>
        <nectar-ticket-form .client=${c} text-size="large"></nectar-ticket-form>
        <nectar-nps .client=${c} text-size="large" force></nectar-nps>
        <nectar-launcher .client=${c} text-size="large"></nectar-launcher>
      </div>`,
    );
    const form = wrap.querySelector('nectar-ticket-form')!;
    const nps = wrap.querySelector('nectar-nps')!;
    await waitUntil(
      () => form.shadowRoot?.querySelector('textarea') && nps.shadowRoot?.querySelector('[part~="scale"]'),
    );
    expectLarge(form);
    expectLarge(nps);
    await expect(form).to.be.accessible();
    await expect(nps).to.be.accessible();
    const launcher = wrap.querySelector('nectar-launcher')!;
    expect(px(launcher.shadowRoot!.querySelector('[part~="base"]')!, 'fontSize')).to.be.at.least(20);
    // The launcher hands its text size to the panel it creates.
    document.querySelector('nectar-panel')?.remove();
    await launcher.open();
    const panel = document.querySelector('nectar-panel')!;
    expect(panel.getAttribute('text-size')).to.equal('large');
    expectLarge(panel, [dialog(panel)]);
    panel.close();
    panel.remove();
  });

  it('the script tag\'s data-text-size (a page-wide default) reaches every widget; text-size="normal" opts out', async () => {
    // What the CDN loader does for data-text-size="large".
    document.documentElement.style.setProperty('--nectar-large-text', 'max(20px,1.25rem)');
    await setViewport({ width: 320, height: 640 });
    const c = client(memoryDesk());
    const wrap = await fixture<HTMLDivElement>(
      html`<div>
        <nectar-ticket-form .client=${c}></nectar-ticket-form>
        <nectar-ticket-form .client=${c} text-size="normal" draft-key="other"></nectar-ticket-form>
      </div>`,
    );
    const [large, normal] = wrap.querySelectorAll('nectar-ticket-form');
    await waitUntil(
      () => large!.shadowRoot?.querySelector('textarea') && normal!.shadowRoot?.querySelector('textarea'),
    );
    expectLarge(large!);
    expect(px(normal!.shadowRoot!.querySelector('[part~="base"]')!, 'fontSize')).to.equal(16);
  });

  it('"Larger text" in the panel: one press makes everything in it large, and it is remembered', async () => {
    await setViewport({ width: 320, height: 640 });
    const panel = await openPanel('');
    const toggle = panel.shadowRoot!.querySelector<HTMLButtonElement>('[part~="text-size-button"]')!;
    expect(toggle.textContent!.trim()).to.equal('Larger text');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    const answers = panel.shadowRoot!.querySelector('nectar-answers')!;
    expect(px(answers.shadowRoot!.querySelector('[part~="base"]')!, 'fontSize')).to.equal(16);
    toggle.click();
    await panel.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expectLarge(panel, [dialog(panel), view(panel)]);
    await expect(panel).to.be.accessible();
    panel.close();
    panel.remove();

    // A new panel (another page of the shop) starts large.
    const again = await openPanel('');
    expect(again.getAttribute('text-size')).to.equal('large');
    const toggle2 = again.shadowRoot!.querySelector<HTMLButtonElement>('[part~="text-size-button"]')!;
    expect(toggle2.getAttribute('aria-pressed')).to.equal('true');
    await showContact(again);
    expectLarge(again, [dialog(again), view(again)]);
    const form = again.shadowRoot!.querySelector('nectar-ticket-form')!;
    const hint = () => form.shadowRoot!.querySelector('#message-hint')!.textContent!.trim();
    await waitUntil(() => hint() === PLAIN_MESSAGE_HINT, 'plain wording with large text');
    // Pressed again: back to the normal size, also remembered — even where the page asks for large.
    toggle2.click();
    await again.updateComplete;
    expect(toggle2.getAttribute('aria-pressed')).to.equal('false');
    await waitUntil(() => hint() === 'What happened, and what would you like us to do?', 'usual wording again');
    expect(localStorage.getItem('nectar.text-size')).to.equal('normal');
    again.close();
    again.remove();
    const third = await openPanel('large');
    expect(px(third.shadowRoot!.querySelector('[part~="base"]')!, 'fontSize')).to.equal(16);
    third.close();
  });

  it("a size of the page's own (--nectar-large-text on the panel) reaches the form in it", async () => {
    const wrap = await fixture<HTMLDivElement>(
      html`<div><nectar-panel .client=${client()} style="--nectar-large-text: 26px"></nectar-panel></div>`,
    );
    const panel = wrap.querySelector('nectar-panel')!;
    await showContact(panel);
    const form = panel.shadowRoot!.querySelector('nectar-ticket-form')!;
    expect(px(form.shadowRoot!.querySelector('textarea')!, 'fontSize')).to.equal(26);
    expect(panel.shadowRoot!.querySelector('[part~="text-size-button"]')!.getAttribute('aria-pressed')).to.equal(
      'true',
    );
    panel.close();
  });

  it("the form's hints in plain wording with large text, in English and Chinese; the usual wording otherwise", async () => {
    const text = (el: Element, sel: string) => el.shadowRoot!.querySelector(sel)!.textContent!.trim();
    const wrap = await fixture<HTMLDivElement>(
      html`<div>
        <nectar-ticket-form .client=${client()} text-size="large"></nectar-ticket-form>
        <nectar-ticket-form .client=${client()} lang="zh-CN" text-size="large"></nectar-ticket-form>
        <nectar-ticket-form .client=${client()}></nectar-ticket-form>
      </div>`,
    );
    const [en, zh, usual] = [...wrap.querySelectorAll('nectar-ticket-form')];
    await waitUntil(() => en!.shadowRoot?.querySelector('#message-hint')?.textContent?.trim() === PLAIN_MESSAGE_HINT);
    expect(text(en!, '#photos-hint')).to.equal('You can add up to 5 photos.');
    expect(text(en!, '#hint-delivery')).to.equal('Where is my parcel? It is late or not moving.');
    expect(text(en!, '#email-hint')).to.equal('We send our answer to this email.');
    await waitUntil(
      () =>
        zh!.shadowRoot?.querySelector('#message-hint')?.textContent?.trim() ===
        '说说出了什么问题，再说说您想要我们怎么做。',
    );
    expect(text(zh!, '#hint-damaged')).to.equal('收到时坏了。拍张照片更快处理。');
    expect(text(usual!, '#message-hint')).to.equal('What happened, and what would you like us to do?');
    expect(text(usual!, '#photos-hint')).to.equal('Up to 5 photos (JPEG, PNG, WebP or HEIC), 10 MB each.');
    // The damaged item's photo request, plain too.
    en!.shadowRoot!.querySelector<HTMLInputElement>('input[value="damaged"]')!.click();
    await (en as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(text(en!, '#photos-request')).to.equal('Please add a photo of the broken item and one of the box.');
    await expect(en!).to.be.accessible();
  });
});

describe('large text in the other views', () => {
  /** A resolved ticket with an agent's reply: what the status view, the request list and CSAT show. */
  async function resolvedTicket() {
    const desk = memoryDesk({ agentName: 'Mia' });
    const c = client(desk);
    const sent = await c.tickets.submit({
      category: 'delivery',
      message: 'My parcel has not moved for a week.',
      contact: { email: 'kim@example.com' },
    });
    if (sent.state !== 'sent') throw new Error('expected sent');
    desk.reply(sent.ticket.id, 'It is on its way again: the carrier found it.');
    desk.resolve(sent.ticket.id);
    return { c, id: sent.ticket.id };
  }

  for (const [width, height, label] of [
    [320, 640, '320 px wide'],
    [640, 400, '200 % zoom'],
  ] as const) {
    it(`<nectar-ticket-status>, <nectar-ticket-list> and <nectar-csat> at ${label}`, async () => {
      await setViewport({ width, height });
      const { c, id } = await resolvedTicket();
      const wrap = await fixture<HTMLDivElement>(
        html`<div>
          <nectar-ticket-status .client=${c} ticket-id=${id} text-size="large"></nectar-ticket-status>
          <nectar-ticket-list .client=${c} text-size="large"></nectar-ticket-list>
          <nectar-csat .client=${c} ticket-id=${id} force text-size="large"></nectar-csat>
        </div>`,
      );
      const [status, list, csat] = ['nectar-ticket-status', 'nectar-ticket-list', 'nectar-csat'].map((tag) =>
        wrap.querySelector(tag)!,
      );
      await waitUntil(
        () =>
          status!.shadowRoot?.querySelector('[part~="timeline"]') &&
          list!.shadowRoot?.querySelector('[part~="item"]') &&
          csat!.shadowRoot?.querySelector('[part~="base"]'),
        'status, list and rating shown',
      );
      for (const el of [status!, list!, csat!]) {
        expectLarge(el);
        await expect(el).to.be.accessible();
      }
    });
  }

  it('<nectar-nudge> at 320 px', async () => {
    await setViewport({ width: 320, height: 640 });
    const rule = {
      id: 'late-help',
      trigger: { kind: 'page_view', url: { match: 'prefix', value: '/' } },
      content: {
        en: {
          title: 'Your order is running late',
          body: 'We can look into it for you now.',
          actions: [
            { label: 'Ask us', do: 'open_contact', category: 'delivery' },
            { label: 'Not now', do: 'dismiss' },
          ],
        },
      },
      presentation: { variant: 'toast' },
    };
    const c = createClient(
      {
        desk: memoryDesk(),
        storage: 'memory',
        namespace: unique('large-nudge'),
        locale: 'en',
        consent: { behavior: true },
        nudges: [rule],
      },
      { nudgeSignals: { path: () => '/shop', device: () => 'mobile', listen: () => () => undefined } },
    );
    clients.push(c);
    const wrap = await fixture<HTMLDivElement>(
      html`<div><nectar-nudge .client=${c} text-size="large"></nectar-nudge></div>`,
    );
    const nudge = wrap.querySelector('nectar-nudge')!;
    await waitUntil(() => nudge.shadowRoot?.querySelector('[part~="container"]'), 'nudge shown');
    await Promise.all(nudge.shadowRoot!.getAnimations().map((a) => a.finished));
    expectLarge(nudge);
    await expect(nudge).to.be.accessible();
  });
});
