import { unique } from '../internal/test-utils.ts';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { createNectar, type NectarClient } from '@nectar/core';
import './panel.ts';
import type { NectarPanel } from './panel.ts';
import { en } from '../i18n/en.ts';
import { zhCN } from '../i18n/zh-CN.ts';
import { kbDesk } from '../answers/kb.fixture.ts';

const clients: NectarClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
before(() => setViewport({ width: 1000, height: 800 }));

function client(locale = 'en') {
  const c = createNectar({ desk: kbDesk(), storage: 'memory', namespace: unique('panel'), locale });
  clients.push(c);
  return c;
}
const root = (el: HTMLElement) => el.shadowRoot!;
const dialog = (el: NectarPanel) => root(el).querySelector('dialog')!;
const deepActive = () => {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
};
const visibleView = (el: NectarPanel) =>
  root(el).querySelector('[role="tabpanel"]:not([hidden])')!.firstElementChild!.localName;

async function setup(locale = 'en') {
  const c = client(locale);
  const wrapper = await fixture<HTMLDivElement>(
    html`<div><button id="opener">Open help</button><nectar-panel .client=${c}></nectar-panel></div>`,
  );
  const panel = wrapper.querySelector('nectar-panel')!;
  const opener = wrapper.querySelector<HTMLButtonElement>('#opener')!;
  await panel.updateComplete;
  return { c, panel, opener };
}

describe('<nectar-panel>', () => {
  it('opens as a modal dialog on answers, fires nectar-open; Esc closes it, fires nectar-close, focus returns', async () => {
    const { panel, opener } = await setup();
    expect(dialog(panel).open).to.equal(false);
    opener.focus();
    const opened = oneEvent(document, 'nectar-open');
    await panel.show(undefined, undefined);
    expect((await opened).detail.view).to.equal('answers');
    expect(dialog(panel).open).to.equal(true);
    expect(dialog(panel).matches(':modal')).to.equal(true);
    expect(visibleView(panel)).to.equal('nectar-answers');
    // Focus starts in the search box.
    expect(deepActive()?.localName).to.equal('input');
    expect(root(panel).querySelector('[part~="contact-button"]')!.textContent!.trim()).to.equal(en.panel.talkToPerson);
    await expect(panel).to.be.accessible();

    const closed = oneEvent(document, 'nectar-close');
    await sendKeys({ press: 'Escape' });
    expect((await closed).detail.view).to.equal('answers');
    expect(dialog(panel).open).to.equal(false);
    expect(document.activeElement).to.equal(opener);
  });

  it('switches views with the tabs (arrow keys) and keeps "Talk to a person" in every view', async () => {
    const { panel } = await setup();
    await panel.show('requests');
    const tab = (v: string) => root(panel).querySelector<HTMLElement>(`#tab-${v}`)!;
    expect(tab('requests').getAttribute('aria-selected')).to.equal('true');
    await waitUntil(() => visibleView(panel) === 'nectar-ticket-list');
    tab('requests').focus();
    await sendKeys({ press: 'ArrowRight' }); // wraps to answers
    expect(panel.view).to.equal('answers');
    expect(deepActive()).to.equal(tab('answers'));
    await sendKeys({ press: 'ArrowRight' });
    expect(panel.view).to.equal('contact');
    await waitUntil(() => root(panel).querySelector('nectar-ticket-form')?.shadowRoot?.querySelector('form'));
    for (const v of ['answers', 'contact', 'requests'] as const) {
      tab(v).click();
      await panel.updateComplete;
      expect(root(panel).querySelector<HTMLElement>('[part~="contact-button"]')!.checkVisibility()).to.equal(true);
      await expect(panel).to.be.accessible();
    }
    root(panel).querySelector<HTMLButtonElement>('[part~="contact-button"]')!.click();
    await panel.updateComplete;
    expect(panel.view).to.equal('contact');
    panel.close();
  });

  it('nectar.open("contact", { orderRef }) opens the form for that order; "Contact us" in answers switches; nectar.close() closes', async () => {
    const { c, panel } = await setup();
    c.open('contact', { orderRef: '#1002' });
    await waitUntil(() => dialog(panel).open, 'opened');
    await waitUntil(() => root(panel).querySelector('nectar-ticket-form')?.shadowRoot?.querySelector('form'));
    const form = root(panel).querySelector('nectar-ticket-form')!;
    expect(form.orderRef).to.equal('#1002');
    expect(form.draftKey).to.equal('order-1002');
    c.close();
    expect(dialog(panel).open).to.equal(false);

    c.open();
    await waitUntil(() => dialog(panel).open, 'opened again');
    root(panel).querySelector<HTMLElement>('#tab-answers')!.click();
    await panel.updateComplete;
    const answers = root(panel).querySelector('nectar-answers')!;
    await answers.updateComplete;
    const seen: string[] = [];
    const spy = (e: Event) => seen.push((e as CustomEvent).type);
    document.addEventListener('nectar-open', spy);
    answers.shadowRoot!.querySelector<HTMLButtonElement>('[part~="contact-button"]')!.click();
    document.removeEventListener('nectar-open', spy);
    await panel.updateComplete;
    expect(panel.view).to.equal('contact');
    expect(seen, 'handled inside the panel').to.deep.equal([]);
    panel.close();
  });

  it('is a full-screen sheet on a 320 px phone, in Simplified Chinese', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const { panel } = await setup('zh-CN');
      await panel.show();
      const box = dialog(panel).getBoundingClientRect();
      expect(box.width).to.equal(320);
      expect(box.height).to.equal(640);
      expect(root(panel).querySelector('[part~="heading"]')!.textContent).to.equal(zhCN.panel.title);
      expect(root(panel).querySelector('[part~="close-button"]')!.getAttribute('aria-label')).to.equal(
        zhCN.panel.close,
      );
      await expect(panel).to.be.accessible();
      panel.close();
    } finally {
      await setViewport({ width: 1000, height: 800 });
    }
  });
});
