import { unique } from '../internal/test-utils.ts';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { createNectar, type NectarClient } from '@nectar/core';
import './launcher.ts';
import type { NectarLauncher } from './launcher.ts';
import { launcherMessages } from '../i18n/launcher.ts';
import { kbDesk, type KbDesk } from '../answers/kb.fixture.ts';

const clients: NectarClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const p of document.querySelectorAll('nectar-panel')) p.remove();
  localStorage.removeItem('nectar.seen');
});
before(() => setViewport({ width: 1000, height: 800 }));

function client(locale = 'en', desk: KbDesk = kbDesk()) {
  const c = createNectar({ desk, storage: 'memory', namespace: unique('launcher'), locale });
  clients.push(c);
  return c;
}
const button = (el: NectarLauncher) => el.shadowRoot!.querySelector('button')!;
const deepActive = () => {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
};

describe('<nectar-launcher>', () => {
  it('is a fixed help button named "Help" (帮助, 幫助), placed by attribute and custom properties', async () => {
    const c = client();
    const el = await fixture<NectarLauncher>(
      html`<nectar-launcher
        .client=${c}
        style="--nectar-launcher-offset-x: 32px; --nectar-z-index: 7"
      ></nectar-launcher>`,
    );
    expect(button(el).textContent!.trim()).to.equal('Help');
    const base = el.shadowRoot!.querySelector<HTMLElement>('[part~="base"]')!;
    expect(getComputedStyle(base).position).to.equal('fixed');
    expect(getComputedStyle(base).right).to.equal('32px');
    expect(getComputedStyle(base).zIndex).to.equal('7');
    el.placement = 'bottom-start';
    expect(getComputedStyle(base).left).to.equal('32px');
    await expect(el).to.be.accessible();
    c.setLocale('zh-CN');
    expect(button(el).textContent!.trim()).to.equal(launcherMessages['zh-CN'].label);
    el.lang = 'zh-TW';
    expect(button(el).textContent!.trim()).to.equal('幫助');
  });

  it('opens the panel (created on demand) from the keyboard; Esc closes it and focus returns to the launcher', async () => {
    const c = client();
    const el = await fixture<NectarLauncher>(html`<nectar-launcher .client=${c}></nectar-launcher>`);
    expect(document.querySelector('nectar-panel')).to.equal(null);
    button(el).focus();
    const opened = oneEvent(document, 'nectar-open');
    await sendKeys({ press: 'Enter' });
    expect((await opened).detail.view).to.equal('answers');
    const panel = document.querySelector('nectar-panel')!;
    expect(panel.shadowRoot!.querySelector('dialog')!.open).to.equal(true);
    expect(button(el).getAttribute('aria-expanded')).to.equal('true');
    const closed = oneEvent(document, 'nectar-close');
    await sendKeys({ press: 'Escape' });
    await closed;
    expect(button(el).getAttribute('aria-expanded')).to.equal('false');
    expect(deepActive()).to.equal(button(el));
  });

  it('nectar.open(view, prefill) opens the panel the launcher creates', async () => {
    const c = client();
    await fixture<NectarLauncher>(html`<nectar-launcher .client=${c}></nectar-launcher>`);
    c.open('contact', { orderRef: '#1003' });
    await waitUntil(() => document.querySelector('nectar-panel')?.shadowRoot?.querySelector('dialog')?.open, 'open');
    const panel = document.querySelector('nectar-panel')!;
    expect(panel.view).to.equal('contact');
    await customElements.whenDefined('nectar-ticket-form');
    await waitUntil(() => panel.shadowRoot!.querySelector('nectar-ticket-form'));
    expect(panel.shadowRoot!.querySelector('nectar-ticket-form')!.orderRef).to.equal('#1003');
    // Once defined, the panel itself follows the client: no second panel.
    c.close();
    c.open('requests');
    await waitUntil(() => panel.view === 'requests' && panel.open, 'requests');
    expect(document.querySelectorAll('nectar-panel')).to.have.length(1);
    panel.close();
  });

  it('badges requests with an unseen reply until the shopper reads them', async () => {
    const desk = kbDesk();
    const c = client('en', desk);
    const sent = await c.tickets.submit({
      category: 'delivery',
      message: 'Where is it?',
      contact: { email: 'a@b.co' },
    });
    if (sent.state !== 'sent') throw new Error('expected sent');
    const el = await fixture<NectarLauncher>(html`<nectar-launcher .client=${c}></nectar-launcher>`);
    const badge = el.shadowRoot!.querySelector<HTMLElement>('[part~="badge"]')!;
    await el.refreshUnread();
    expect(badge.hidden).to.equal(true);
    desk.reply(sent.ticket.id, 'It arrives tomorrow.');
    await el.refreshUnread();
    expect(el.unread).to.equal(1);
    expect(badge.hidden).to.equal(false);
    expect(badge.textContent).to.equal('1');
    // The count describes the button; its name stays "Help".
    const description = el.shadowRoot!.getElementById(button(el).getAttribute('aria-describedby')!)!;
    expect(description.textContent).to.equal(launcherMessages.en.unread(1));
    await expect(el).to.be.accessible();

    // Read it: panel → My requests → the request.
    await el.open('requests');
    const panel = document.querySelector('nectar-panel')!;
    await waitUntil(() =>
      panel.shadowRoot!.querySelector('nectar-ticket-list')?.shadowRoot?.querySelector('[part~="new-reply"]'),
    );
    const list = panel.shadowRoot!.querySelector('nectar-ticket-list')!;
    list.shadowRoot!.querySelector<HTMLButtonElement>('[part~="item"]')!.click();
    await waitUntil(() => el.unread === 0, 'badge cleared');
    expect(badge.hidden).to.equal(true);
    panel.close();
  });
});
