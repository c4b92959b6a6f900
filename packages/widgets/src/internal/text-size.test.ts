import { unique } from './test-utils.ts';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { createNectar, type DeskAdapter, type NectarClient } from '@nectar/core';
import { memoryDesk } from '@nectar/adapters/memory';
import '../panel/panel.ts';
import '../ticket-form/ticket-form.ts';
import '../nps/nps.ts';
import '../launcher/launcher.ts';
import type { NectarPanel } from '../panel/panel.ts';
import { kbDesk } from '../answers/kb.fixture.ts';

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

/** Every element in `host`'s shadow tree and the shadow trees of the widgets inside it. */
function deep(host: Element): Element[] {
  const out: Element[] = [];
  const walk = (root: ParentNode) => {
    for (const el of root.querySelectorAll('*')) {
      out.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(host.shadowRoot!);
  return out;
}

const shown = (el: Element) => {
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
};
const px = (el: Element, prop: 'fontSize') => parseFloat(getComputedStyle(el)[prop]);

/** The large-text promises, checked on what `host` shows now. */
function expectLarge(host: Element, scrollers: Element[] = []): void {
  const all = deep(host).filter(shown);
  const bases = all.filter((el) => el.matches('[part~="base"]'));
  expect(bases.length, 'a widget surface').to.be.greaterThan(0);
  for (const el of bases) expect(px(el, 'fontSize'), `${el.localName} base text`).to.be.at.least(20);
  // Body text: paragraphs, labels, fields and buttons (the visually hidden text excepted).
  const body = all.filter(
    (el) =>
      el.matches('p, label, input[type="text"], input[type="email"], input[type="search"], textarea, button') &&
      !el.closest('.visually-hidden'),
  );
  expect(body.length).to.be.greaterThan(2);
  for (const el of body) expect(px(el, 'fontSize'), `<${el.localName}> "${el.textContent?.trim()}"`).to.be.at.least(20);
  // Targets: every button and text field (a file input is a button of the browser's).
  for (const el of all.filter((e) => e.matches('button, input:not([type="radio"]):not([type="checkbox"]), select'))) {
    expect(el.getBoundingClientRect().height, `<${el.localName}> "${el.textContent?.trim()}" height`).to.be.at.least(
      47.5,
    );
  }
  for (const el of [document.documentElement, ...scrollers, ...bases]) {
    expect(el.scrollWidth, `${el.localName} scrolls sideways`).to.be.at.most(el.clientWidth + 1);
  }
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
});
