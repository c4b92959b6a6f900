import { unique } from '../internal/test-utils.ts';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { createNectar, type NectarClient } from '@nectar/core';
import { memoryDesk } from '@nectar/adapters/memory';
import './answers.ts';
import type { NectarAnswers } from './answers.ts';
import { en } from '../i18n/en.ts';
import { zhCN } from '../i18n/zh-CN.ts';
import { kbDesk, type KbDesk } from './kb.fixture.ts';

const clients: NectarClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
before(() => setViewport({ width: 800, height: 600 }));

function setup(locale = 'en', desk: KbDesk | ReturnType<typeof memoryDesk> = kbDesk()) {
  const client = createNectar({ desk, storage: 'memory', namespace: unique('answers'), locale });
  clients.push(client);
  return { client, desk };
}
const root = (el: HTMLElement) => el.shadowRoot!;
const text = (el: HTMLElement, sel: string) =>
  root(el).querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const message = (el: HTMLElement) => text(el, '[part~="message"]');
const titles = (el: HTMLElement) =>
  [...root(el).querySelectorAll('[part~="answer-title"]')].map((s) => s.textContent!.trim());

async function typeQuery(el: NectarAnswers, query: string) {
  root(el).querySelector<HTMLInputElement>('input[type="search"]')!.focus();
  await sendKeys({ type: query });
}

describe('<nectar-answers>', () => {
  it('searches as the shopper types (debounced) and shows answers that expand, as text', async () => {
    const { client, desk } = setup();
    const el = await fixture<NectarAnswers>(html`<nectar-answers .client=${client}></nectar-answers>`);
    expect(message(el)).to.equal(en.answers.hint);
    await expect(el).to.be.accessible();
    await typeQuery(el, 'refunds');
    await waitUntil(() => titles(el).length === 1, 'answer shown');
    // One request for the whole word, not one per keystroke.
    expect((desk as KbDesk).queries).to.deep.equal(['refunds']);
    expect(titles(el)).to.deep.equal(['How do refunds work?']);
    expect(message(el)).to.equal(en.answers.results(1));
    const details = root(el).querySelector('details')!;
    expect(details.open).to.equal(false);
    // Keyboard: Tab from the box to the search button, then to the answer; Enter opens it.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => details.open, 'answer opened');
    expect(text(el, '[part~="answer-body"]')).to.contain('within 5 working days');
    const link = root(el).querySelector<HTMLAnchorElement>('[part~="answer-link"]')!;
    expect(link.href).to.equal('https://shop.example/help/refunds');
    expect(link.rel).to.contain('noopener');
    await expect(el).to.be.accessible();
  });

  it('renders an answer’s HTML-looking body as inert text', async () => {
    const { client } = setup();
    const el = await fixture<NectarAnswers>(html`<nectar-answers .client=${client} query="late"></nectar-answers>`);
    await waitUntil(() => titles(el).length === 1, 'answer shown');
    expect(root(el).querySelector('img')).to.equal(null);
    expect(text(el, '[part~="answer-body"]')).to.contain('<img src=x onerror=alert(1)>');
  });

  it('says when nothing matches, keeps "Contact us" visible, and searches on Enter', async () => {
    const { client } = setup();
    const el = await fixture<NectarAnswers>(html`<nectar-answers .client=${client} debounce="5000"></nectar-answers>`);
    await typeQuery(el, 'unicorns');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => message(el) === en.answers.noResults('unicorns'), 'no results');
    expect(titles(el)).to.deep.equal([]);
    expect(text(el, '[part~="contact-button"]')).to.equal(en.answers.contactUs);
    await expect(el).to.be.accessible();
  });

  it('shows an error with a retry that works, and says when the desk has no knowledge base', async () => {
    const { client, desk } = setup();
    (desk as KbDesk).failSearch = true;
    const el = await fixture<NectarAnswers>(html`<nectar-answers .client=${client} query="refund"></nectar-answers>`);
    await waitUntil(() => message(el) === en.answers.error, 'error shown');
    await expect(el).to.be.accessible();
    (desk as KbDesk).failSearch = false;
    root(el).querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await waitUntil(() => titles(el).length === 1, 'answer after retry');

    const bare = setup('en', Object.assign(memoryDesk(), { searchAnswers: undefined })).client;
    const none = await fixture<NectarAnswers>(html`<nectar-answers .client=${bare} query="refund"></nectar-answers>`);
    await waitUntil(() => message(none) === en.answers.unavailable, 'unavailable shown');
    expect(text(none, '[part~="contact-button"]')).to.equal(en.answers.contactUs);
    await expect(none).to.be.accessible();
  });

  it('"Contact us" asks the panel around it, else opens the contact view through the client', async () => {
    const { client } = setup();
    const opened: (string | undefined)[] = [];
    client.on('open', ({ view }) => opened.push(view));
    const el = await fixture<NectarAnswers>(html`<nectar-answers .client=${client}></nectar-answers>`);
    const button = root(el).querySelector<HTMLButtonElement>('[part~="contact-button"]')!;
    button.click();
    expect(opened).to.deep.equal(['contact']);

    const handled = (e: Event) => e.preventDefault();
    el.addEventListener('nectar-open', handled);
    const seen: string[] = [];
    document.addEventListener('nectar-open', (e) => seen.push(e.detail.view ?? ''), { once: true });
    button.click();
    el.removeEventListener('nectar-open', handled);
    expect(seen).to.deep.equal(['contact']);
    expect(opened).to.have.length(1);
  });

  it('reports answer_viewed once per answer when the client can track', async () => {
    const { client } = setup();
    const tracked: unknown[] = [];
    Object.assign(client, { track: (name: string, props: unknown) => void tracked.push({ name, props }) });
    const el = await fixture<NectarAnswers>(html`<nectar-answers .client=${client} query="refund"></nectar-answers>`);
    await waitUntil(() => titles(el).length === 1, 'answer shown');
    const summary = root(el).querySelector<HTMLElement>('summary')!;
    summary.click();
    await waitUntil(() => tracked.length === 1, 'tracked');
    summary.click();
    summary.click();
    await new Promise((r) => setTimeout(r, 50));
    expect(tracked).to.deep.equal([{ name: 'answer_viewed', props: { answerId: 'refunds' } }]);
  });

  it('speaks Simplified Chinese and searches in the client’s locale', async () => {
    const { client } = setup('zh-CN');
    const el = await fixture<NectarAnswers>(html`<nectar-answers .client=${client} query="退款"></nectar-answers>`);
    await waitUntil(() => titles(el).length === 1, 'answer shown');
    expect(titles(el)).to.deep.equal(['如何申请退款？']);
    expect(text(el, '[part~="heading"]')).to.equal(zhCN.answers.heading);
    expect(message(el)).to.equal(zhCN.answers.results(1));
    await expect(el).to.be.accessible();
  });

  it('fits a 320 px wide phone', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const { client } = setup();
      const el = await fixture<NectarAnswers>(html`<nectar-answers .client=${client} query="refund"></nectar-answers>`);
      await waitUntil(() => titles(el).length === 1, 'answer shown');
      expect(el.scrollWidth).to.be.at.most(320);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
