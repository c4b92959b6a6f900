import { unique } from '../internal/test-utils.ts';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createNectar, getMessages, loadMessages, type NectarClient } from '@nectar/core';
import { memoryDesk } from '@nectar/adapters/memory';
import './ticket-status.ts';
import type { NectarTicketStatus } from './ticket-status.ts';
import { en } from '../i18n/en.ts';
import { zhTW } from '../i18n/zh-TW.ts';

const core = getMessages('en');
const clients: NectarClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

async function withTicket(locale = 'en') {
  const desk = memoryDesk({ agentName: 'Mia' });
  const client = createNectar({ desk, storage: 'memory', namespace: unique('status'), locale });
  clients.push(client);
  const result = await client.tickets.submit({
    category: 'damaged',
    subject: 'Cracked lid',
    message: 'The lid is cracked.',
    contact: { email: 'kim@example.com' },
  });
  if (result.state !== 'sent') throw new Error('expected sent');
  return { desk, client, receipt: result.ticket };
}

const root = (el: HTMLElement) => el.shadowRoot!;
const text = (el: HTMLElement, sel: string) =>
  root(el).querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const entries = (el: HTMLElement) =>
  [...root(el).querySelectorAll('[part~="entry"]')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
const loaded = (el: HTMLElement) => waitUntil(() => root(el).querySelector('[part~="timeline"]'), 'timeline shown');

describe('<nectar-ticket-status>', () => {
  it('shows number, status, category, promise and the timeline with the agent’s reply', async () => {
    const { desk, client, receipt } = await withTicket();
    desk.reply(receipt.id, 'Sorry! A new one is on its way.');
    desk.resolve(receipt.id);
    const el = await fixture<NectarTicketStatus>(
      html`<nectar-ticket-status ticket-id=${receipt.id} .client=${client}></nectar-ticket-status>`,
    );
    await loaded(el);
    expect(text(el, '[part~="heading"]')).to.equal(en.status.heading(receipt.number));
    expect(text(el, '[part~="status"]')).to.equal(core.statuses.resolved);
    expect(text(el, '[part~="summary"]')).to.contain(core.categories.damaged.label);
    const fmt = (iso: string) =>
      new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
    expect(text(el, '[part~="summary"]')).to.contain(fmt(receipt.promise.firstResponseBy));
    expect(text(el, '[part~="summary"]')).to.contain(fmt(receipt.promise.resolveBy));
    const list = entries(el);
    expect(list).to.have.length(4);
    expect(list[0]).to.contain(core.timeline.created());
    expect(list[1]).to.contain(core.timeline.assigned('Mia'));
    expect(list[2]).to.contain(core.timeline.replied('Mia')).and.contain('Sorry! A new one is on its way.');
    expect(list[3]).to.contain(core.timeline.resolved());
    expect(root(el).querySelector('ol time')!.getAttribute('datetime')).to.equal(receipt.createdAt);
    await expect(el).to.be.accessible();
  });

  it('refreshes to show a new reply', async () => {
    const { desk, client, receipt } = await withTicket();
    const el = await fixture<NectarTicketStatus>(
      html`<nectar-ticket-status ticket-id=${receipt.id} .client=${client}></nectar-ticket-status>`,
    );
    await loaded(el);
    expect(entries(el)).to.have.length(1);
    expect(text(el, '[part~="status"]')).to.equal(core.statuses.new);
    desk.reply(receipt.id, 'Could you send a photo?');
    root(el).querySelector<HTMLButtonElement>('[part~="refresh-button"]')!.click();
    await waitUntil(() => entries(el).length === 3, 'reply shown');
    expect(text(el, '[part~="status"]')).to.equal(core.statuses.waiting_on_customer);
    expect(text(el, '[part~="entry-body"]')).to.equal('Could you send a photo?');
  });

  it('reads a ticket with an access token, in Traditional Chinese', async () => {
    const { desk, receipt } = await withTicket();
    const other = createNectar({ desk, storage: 'memory', namespace: unique('other'), locale: 'zh-TW' });
    clients.push(other);
    const el = await fixture<NectarTicketStatus>(
      html`<nectar-ticket-status
        ticket-id=${receipt.id}
        access-token=${receipt.accessToken}
        .client=${other}
      ></nectar-ticket-status>`,
    );
    await loaded(el);
    expect(text(el, '[part~="heading"]')).to.equal(zhTW.status.heading(receipt.number));
    expect(text(el, '[part~="status"]')).to.equal((await loadMessages('zh-TW')).statuses.new);
    await expect(el).to.be.accessible();
  });

  it('says when the request cannot be found, and when loading fails', async () => {
    const { desk, client } = await withTicket();
    const missing = await fixture<NectarTicketStatus>(
      html`<nectar-ticket-status ticket-id="t_nope" .client=${client}></nectar-ticket-status>`,
    );
    await waitUntil(() => text(missing, '[part~="message"]') === en.status.notFound, 'not found shown');
    await expect(missing).to.be.accessible();

    desk.simulate({ offline: true });
    const failed = await fixture<NectarTicketStatus>(
      html`<nectar-ticket-status ticket-id="t_x" access-token="tok" .client=${client}></nectar-ticket-status>`,
    );
    await waitUntil(() => text(failed, '[part~="message"]').startsWith(en.status.error), 'error shown');
    expect(text(failed, '[part~="message"]')).to.contain(core.errors.network);
    await expect(failed).to.be.accessible();
  });

  it('shows the loading state and says when no request is selected', async () => {
    const { desk, client, receipt } = await withTicket();
    const empty = await fixture<NectarTicketStatus>(
      html`<nectar-ticket-status .client=${client}></nectar-ticket-status>`,
    );
    expect(text(empty, '[part~="message"]')).to.equal(en.status.noTicket);
    desk.simulate({ latencyMs: 300 });
    const el = await fixture<NectarTicketStatus>(
      html`<nectar-ticket-status ticket-id=${receipt.id} .client=${client}></nectar-ticket-status>`,
    );
    expect(text(el, '[part~="message"]')).to.equal(en.status.loading);
    expect(root(el).querySelector('[part~="base"]')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    await loaded(el);
  });

  it('asks CSAT once after the ticket is resolved, not before and not again after an answer', async () => {
    const { desk, client, receipt } = await withTicket();
    const open = await fixture<NectarTicketStatus>(
      html`<nectar-ticket-status ticket-id=${receipt.id} .client=${client}></nectar-ticket-status>`,
    );
    await loaded(open);
    await new Promise((r) => setTimeout(r, 100));
    expect(root(open).querySelector('nectar-csat')).to.equal(null);

    desk.resolve(receipt.id);
    root(open).querySelector<HTMLButtonElement>('[part~="refresh-button"]')!.click();
    await waitUntil(() => root(open).querySelector('nectar-csat')?.shadowRoot?.querySelector('[role="radio"]'), 'CSAT');
    const csat = root(open).querySelector('nectar-csat')!;
    expect(csat.ticketId).to.equal(receipt.id);
    await expect(open).to.be.accessible();
    csat.shadowRoot!.querySelectorAll<HTMLElement>('[role="radio"]')[3]!.click();
    await csat.updateComplete;
    csat.shadowRoot!.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
    await waitUntil(() => desk.feedback().length === 1, 'rating stored');
    expect(desk.feedback()[0]).to.include({ kind: 'csat', score: 4, ticketId: receipt.id });
    // The thanks stay on this page; a later visit does not ask again.
    await waitUntil(() => csat.shadowRoot!.querySelector('[part~="question"]')?.textContent?.trim() === en.csat.thanks);
    const later = await fixture<NectarTicketStatus>(
      html`<nectar-ticket-status ticket-id=${receipt.id} .client=${client}></nectar-ticket-status>`,
    );
    await loaded(later);
    await new Promise((r) => setTimeout(r, 150));
    expect(root(later).querySelector('nectar-csat')).to.equal(null);
  });

  it('asks CSAT for a ticket that was closed without the shopper seeing it resolved', async () => {
    const { desk, client, receipt } = await withTicket();
    desk.close(receipt.id);
    const el = await fixture<NectarTicketStatus>(
      html`<nectar-ticket-status ticket-id=${receipt.id} .client=${client}></nectar-ticket-status>`,
    );
    await loaded(el);
    await waitUntil(() => root(el).querySelector('nectar-csat')?.shadowRoot?.querySelector('[role="radio"]'), 'CSAT');
    expect(root(el).querySelector('nectar-csat')!.ticketId).to.equal(receipt.id);
    await expect(el).to.be.accessible();
  });
});
