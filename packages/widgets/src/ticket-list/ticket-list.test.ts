import { unique } from '../internal/test-utils.ts';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createNectar, getMessages, loadMessages, type NectarClient } from '@nectar/core';
import { memoryDesk, type MemoryDesk } from '@nectar/adapters/memory';
import './ticket-list.ts';
import type { NectarTicketList } from './ticket-list.ts';
import { en } from '../i18n/en.ts';
import { zhTW } from '../i18n/zh-TW.ts';

const core = getMessages('en');
const clients: NectarClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  localStorage.removeItem('nectar.seen');
});

async function withTickets(count: number, locale = 'en'): Promise<{ client: NectarClient; desk: MemoryDesk }> {
  const desk = memoryDesk({ agentName: 'Mia' });
  const client = createNectar({ desk, storage: 'memory', namespace: unique('list'), locale });
  clients.push(client);
  for (let i = 0; i < count; i++) {
    await client.tickets.submit({
      category: 'delivery',
      message: `Parcel ${i} is late.`,
      contact: { email: 'kim@example.com' },
    });
    await new Promise((r) => setTimeout(r, 5));
  }
  return { client, desk };
}
const root = (el: HTMLElement) => el.shadowRoot!;
const items = (el: HTMLElement) => [...root(el).querySelectorAll<HTMLButtonElement>('[part~="item"]')];
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<nectar-ticket-list>', () => {
  it('says when the shopper has no requests', async () => {
    const { client } = await withTickets(0);
    const el = await fixture<NectarTicketList>(html`<nectar-ticket-list .client=${client}></nectar-ticket-list>`);
    await waitUntil(() => text(root(el).querySelector('[part~="message"]')) === en.requests.empty, 'empty');
    await expect(el).to.be.accessible();
  });

  it('lists requests newest first with number, date and status; a reply is marked until seen', async () => {
    const { client, desk } = await withTickets(2);
    const [newest, older] = await client.tickets.list();
    desk.reply(older!.id, 'We found your parcel.');
    const el = await fixture<NectarTicketList>(html`<nectar-ticket-list .client=${client}></nectar-ticket-list>`);
    await waitUntil(() => root(el).querySelector('[part~="new-reply"]'), 'reply marked');
    const [first, second] = items(el);
    expect(text(first)).to.contain(newest!.number).and.contain(core.statuses.new);
    expect(text(second)).to.contain(older!.number).and.contain(core.statuses.waiting_on_customer);
    expect(text(second)).to.contain(en.requests.newReply);
    const date = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(older!.createdAt),
    );
    expect(text(second)).to.contain(en.requests.created(date));
    await expect(el).to.be.accessible();

    // Keyboard: choose the second request, read its status, go back.
    second!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(el).querySelector('nectar-ticket-status'), 'status shown');
    const status = root(el).querySelector('nectar-ticket-status')!;
    expect(status.ticketId).to.equal(older!.id);
    await waitUntil(() => text(status.shadowRoot?.querySelector('[part~="entry-body"]')) === 'We found your parcel.');
    expect(root(el).activeElement?.getAttribute('part')).to.equal('back-button');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => items(el).length === 2, 'list again');
    await waitUntil(() => !root(el).querySelector('[part~="new-reply"]'), 'reply seen');
    expect(root(el).activeElement?.getAttribute('data-id')).to.equal(older!.id);
  });

  it('speaks Traditional Chinese', async () => {
    const { client } = await withTickets(1, 'zh-TW');
    const el = await fixture<NectarTicketList>(html`<nectar-ticket-list .client=${client}></nectar-ticket-list>`);
    await waitUntil(() => items(el).length === 1, 'listed');
    expect(text(root(el).querySelector('[part~="heading"]'))).to.equal(zhTW.requests.heading);
    await waitUntil(async () => text(items(el)[0]).includes((await loadMessages('zh-TW')).statuses.new));
    await expect(el).to.be.accessible();
  });
});
