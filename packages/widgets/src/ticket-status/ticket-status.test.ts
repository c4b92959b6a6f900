import { chooseFiles, imageFile, unique } from '../internal/test-utils.ts';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  createNectar,
  getMessages,
  loadMessages,
  ValidationError,
  type DeskAdapter,
  type NectarClient,
} from '@nectar/core';
import { memoryDesk, type MemoryDesk } from '@nectar/adapters/memory';
import './ticket-status.ts';
import type { NectarTicketStatus } from './ticket-status.ts';
import { en } from '../i18n/en.ts';
import { zhCN } from '../i18n/zh-CN.ts';
import { zhTW } from '../i18n/zh-TW.ts';
import { countUnread } from '../launcher/unread.ts';

const core = getMessages('en');
const clients: NectarClient[] = [];
const pageUrl = location.href;
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  history.replaceState(null, '', pageUrl);
  localStorage.removeItem('nectar.seen');
});

async function withTicket(locale = 'en', wrap: (desk: MemoryDesk) => DeskAdapter = (d) => d) {
  const desk = memoryDesk({ agentName: 'Mia' });
  const client = createNectar({ desk: wrap(desk), storage: 'memory', namespace: unique('status'), locale });
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

const input = (el: HTMLElement) => root(el).querySelector<HTMLTextAreaElement>('[part~="reply-input"]')!;
const sendButton = (el: HTMLElement) => root(el).querySelector<HTMLButtonElement>('[part~="reply-send"]')!;
const type = (el: HTMLElement, value: string) => {
  const box = input(el);
  box.value = value;
  box.dispatchEvent(new Event('input', { bubbles: true }));
};
const deepActive = () => {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
};
const customerMessages = (desk: MemoryDesk, id: string) =>
  desk
    .tickets()
    .find((t) => t.id === id)!
    .timeline.filter((e) => e.kind === 'customer_message')
    .map((e) => e.body);

describe('<nectar-ticket-status>: the shopper answers', () => {
  it('answers with a photo: the timeline shows it, the status moves on, the box clears', async () => {
    const { desk, client, receipt } = await withTicket();
    desk.reply(receipt.id, 'Could you send a photo of the lid?');
    const el = await fixture<NectarTicketStatus>(
      html`<nectar-ticket-status ticket-id=${receipt.id} .client=${client}></nectar-ticket-status>`,
    );
    await loaded(el);
    const label = root(el).querySelector(`label[for="${input(el).id}"]`)!;
    expect(label.textContent!.trim()).to.equal(en.status.replyLabel);
    expect(sendButton(el).textContent!.trim()).to.equal(en.status.replySend);

    type(el, 'Here it is, the crack is on the left.');
    chooseFiles(root(el).querySelector<HTMLInputElement>('#photos')!, [await imageFile(60, 40, 'lid.png')]);
    await waitUntil(() => root(el).querySelector('[part~="photo"] img'), 'preview shown');
    // A re-render (a refresh) keeps what is in the box.
    await el.refresh();
    await el.updateComplete;
    expect(input(el).value).to.equal('Here it is, the crack is on the left.');
    expect(root(el).querySelectorAll('[part~="photo"]')).to.have.length(1);
    await expect(el).to.be.accessible();

    sendButton(el).click();
    await waitUntil(() => entries(el).length === 4, 'the reply in the timeline');
    const last = entries(el)[3]!;
    expect(last).to.contain(core.timeline.customer_message()).and.contain('Here it is, the crack is on the left.');
    expect(text(el, '[part~="entry-photos"]')).to.equal(core.ticket.photos(1));
    expect(text(el, '[part~="status"]')).to.equal(core.statuses.open);
    expect(text(el, '[part~="reply-status"]')).to.equal(en.status.replySent);
    expect(input(el).value).to.equal('');
    expect(root(el).querySelector('[part~="photo"]')).to.equal(null);
    expect(root(el).querySelector('[part~="reply-asked"]'), 'no longer waiting').to.equal(null);
    const stored = desk.tickets().find((t) => t.id === receipt.id)!;
    expect(stored.attachments).to.have.length(1);
    expect(desk.attachment(stored.attachments[0]!.id)!.type).to.equal('image/png');
    await expect(el).to.be.accessible();
  });

  it('waiting for the shopper: says so above the box, and never moves focus there on load', async () => {
    const { desk, client, receipt } = await withTicket();
    desk.reply(receipt.id, 'Which colour did you order?');
    const before = document.createElement('button');
    before.textContent = 'Elsewhere on the page';
    document.body.append(before);
    before.focus();
    try {
      const el = await fixture<NectarTicketStatus>(
        html`<nectar-ticket-status ticket-id=${receipt.id} .client=${client}></nectar-ticket-status>`,
      );
      await loaded(el);
      await new Promise((r) => setTimeout(r, 50));
      expect(text(el, '[part~="reply-asked"]')).to.equal(en.status.asked);
      expect(input(el).getAttribute('aria-describedby')).to.contain('reply-asked');
      expect(deepActive()).to.equal(before);
      // The shopper activates the box: then it has focus.
      input(el).focus();
      expect(deepActive()).to.equal(input(el));
      await expect(el).to.be.accessible();
    } finally {
      before.remove();
    }
  });

  it('offline: the reply is saved and the view updates once it is sent', async () => {
    const { desk, client, receipt } = await withTicket();
    const el = await fixture<NectarTicketStatus>(
      html`<nectar-ticket-status ticket-id=${receipt.id} .client=${client}></nectar-ticket-status>`,
    );
    await loaded(el);
    desk.simulate({ offline: true });
    type(el, 'Any news about my lid?');
    sendButton(el).click();
    await waitUntil(() => text(el, '[part~="reply-status"]') === en.status.replyQueued, 'queued note');
    expect(input(el).value, 'kept in the outbox, not in the box').to.equal('');
    expect(customerMessages(desk, receipt.id)).to.deep.equal([]);
    await expect(el).to.be.accessible();

    desk.simulate({ offline: false });
    await client.flush();
    await waitUntil(() => entries(el).some((e) => e.includes('Any news about my lid?')), 'shown once sent');
    expect(text(el, '[part~="reply-status"]')).to.equal(en.status.replySent);
    expect(customerMessages(desk, receipt.id)).to.deep.equal(['Any news about my lid?']);
  });

  it('a refused message: the reason at the field, nothing typed lost', async () => {
    const { desk, client, receipt } = await withTicket();
    const el = await fixture<NectarTicketStatus>(
      html`<nectar-ticket-status ticket-id=${receipt.id} .client=${client}></nectar-ticket-status>`,
    );
    await loaded(el);
    const errors: Event[] = [];
    el.addEventListener('nectar-error', (e) => errors.push(e));
    const typed = 'Hello\u0007 there';
    input(el).focus();
    type(el, typed);
    chooseFiles(root(el).querySelector<HTMLInputElement>('#photos')!, [await imageFile(30, 30, 'a.png')]);
    await waitUntil(() => root(el).querySelector('[part~="photo"] img'), 'preview shown');
    sendButton(el).click();
    await waitUntil(() => root(el).querySelector('[part~="field-error"]'), 'reason shown');
    const error = root(el).querySelector('#message-error')!;
    expect(error.textContent!.trim()).to.equal(core.validation.invalid);
    expect(input(el).getAttribute('aria-invalid')).to.equal('true');
    expect(input(el).getAttribute('aria-describedby')).to.contain('message-error');
    expect(input(el).value).to.equal(typed);
    expect(root(el).querySelectorAll('[part~="photo"]')).to.have.length(1);
    expect(deepActive()).to.equal(input(el));
    expect(errors).to.have.length(1);
    expect(desk.calls.addMessage).to.equal(0);
    await expect(el).to.be.accessible();
    // Typing again clears the reason.
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(root(el).querySelector('#message-error')).to.equal(null);
  });

  it('a queued reply refused later comes back into the box with the reason', async () => {
    let refuse = false;
    const { desk, client, receipt } = await withTicket('en', (d) => ({
      ...d,
      async addMessage(...args: Parameters<NonNullable<DeskAdapter['addMessage']>>) {
        if (refuse) {
          await Promise.resolve();
          throw new ValidationError('Invalid message', { message: 'too_long' });
        }
        return d.addMessage!(...args);
      },
    }));
    const el = await fixture<NectarTicketStatus>(
      html`<nectar-ticket-status ticket-id=${receipt.id} .client=${client}></nectar-ticket-status>`,
    );
    await loaded(el);
    desk.simulate({ offline: true });
    type(el, 'Saved while offline.');
    sendButton(el).click();
    await waitUntil(() => text(el, '[part~="reply-status"]') === en.status.replyQueued, 'queued note');
    refuse = true;
    desk.simulate({ offline: false });
    const failed = oneEvent(el, 'nectar-error');
    await client.flush();
    expect((await failed).detail.code).to.equal('validation_failed');
    await waitUntil(() => root(el).querySelector('#message-error'), 'reason at the field');
    expect(input(el).value).to.equal('Saved while offline.');
    expect(text(el, '#message-error')).to.equal(core.validation.too_long(5000));
    expect(text(el, '[part~="reply-alert"]')).to.equal(en.status.replyNotSent);
    expect(text(el, '[part~="reply-status"]')).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('a closed request has no box and says how to ask again; a resolved one reopens when answered', async () => {
    const { desk, client, receipt } = await withTicket();
    desk.close(receipt.id);
    const closed = await fixture<NectarTicketStatus>(
      html`<nectar-ticket-status ticket-id=${receipt.id} .client=${client}></nectar-ticket-status>`,
    );
    await loaded(closed);
    expect(root(closed).querySelector('[part~="reply"]')).to.equal(null);
    expect(text(closed, '[part~="reply-closed"]')).to.equal(en.status.closedNote);
    await expect(closed).to.be.accessible();

    const second = await withTicket();
    second.desk.resolve(second.receipt.id);
    const resolved = await fixture<NectarTicketStatus>(
      html`<nectar-ticket-status ticket-id=${second.receipt.id} .client=${second.client}></nectar-ticket-status>`,
    );
    await loaded(resolved);
    expect(text(resolved, '[part~="reply-hint"]')).to.equal(en.status.reopens);
    expect(input(resolved).getAttribute('aria-describedby')).to.contain('reply-hint');
    await expect(resolved).to.be.accessible();
    type(resolved, 'It broke again.');
    sendButton(resolved).click();
    await waitUntil(() => text(resolved, '[part~="status"]') === core.statuses.open, 'reopened');
    expect(entries(resolved).some((e) => e.includes(core.timeline.reopened()))).to.equal(true);
    expect(root(resolved).querySelector('[part~="reply-hint"]')).to.equal(null);
  });

  it('shows no box with a desk that takes no messages', async () => {
    const { client, receipt } = await withTicket('en', (d) => ({ ...d, addMessage: undefined }));
    const el = await fixture<NectarTicketStatus>(
      html`<nectar-ticket-status ticket-id=${receipt.id} .client=${client}></nectar-ticket-status>`,
    );
    await loaded(el);
    expect(root(el).querySelector('[part~="reply"]')).to.equal(null);
  });

  it('opens the ticket of a mailed link (nectar_ticket, nectar_token) and answers with its token', async () => {
    const { desk, receipt } = await withTicket();
    desk.reply(receipt.id, 'Could you check the box?');
    // Another browser: it never kept this ticket's token.
    const other = createNectar({ desk, storage: 'memory', namespace: unique('mail'), locale: 'en' });
    clients.push(other);
    history.replaceState(
      null,
      '',
      `?nectar_ticket=${encodeURIComponent(receipt.id)}&nectar_token=${encodeURIComponent(receipt.accessToken)}`,
    );
    const el = await fixture<NectarTicketStatus>(html`<nectar-ticket-status .client=${other}></nectar-ticket-status>`);
    await loaded(el);
    expect(text(el, '[part~="heading"]')).to.equal(en.status.heading(receipt.number));
    type(el, 'Checked: it is fine.');
    sendButton(el).click();
    await waitUntil(() => entries(el).some((e) => e.includes('Checked: it is fine.')), 'answered');
    expect(customerMessages(desk, receipt.id)).to.deep.equal(['Checked: it is fine.']);

    // `ticket-id` wins over the link.
    const given = await fixture<NectarTicketStatus>(
      html`<nectar-ticket-status ticket-id="t_other" .client=${other}></nectar-ticket-status>`,
    );
    await waitUntil(() => text(given, '[part~="message"]') === en.status.notFound, 'the given id is used');
  });

  it('shows the box in Simplified Chinese', async () => {
    const { desk, client, receipt } = await withTicket('zh-CN');
    desk.reply(receipt.id, '请问是哪个颜色？');
    const el = await fixture<NectarTicketStatus>(
      html`<nectar-ticket-status ticket-id=${receipt.id} .client=${client}></nectar-ticket-status>`,
    );
    await loaded(el);
    expect(text(el, '[part~="reply-asked"]')).to.equal(zhCN.status.asked);
    expect(root(el).querySelector(`label[for="message"]`)!.textContent!.trim()).to.equal(zhCN.status.replyLabel);
    expect(sendButton(el).textContent!.trim()).to.equal(zhCN.status.replySend);
    expect(root(el).querySelector('label[for="photos"]')!.textContent).to.contain(zhCN.form.photos);
    type(el, '');
    sendButton(el).click();
    await waitUntil(() => root(el).querySelector('#message-error'), 'reason shown');
    expect(text(el, '#message-error')).to.equal((await loadMessages('zh-CN')).validation.required);
    await expect(el).to.be.accessible();
  });

  it('the launcher’s unread count: a reply read here is not unread, nor is the shopper’s own answer', async () => {
    const { desk, client, receipt } = await withTicket();
    desk.reply(receipt.id, 'It ships tomorrow.');
    expect(await countUnread(client)).to.equal(1);
    const el = await fixture<NectarTicketStatus>(
      html`<nectar-ticket-status ticket-id=${receipt.id} .client=${client}></nectar-ticket-status>`,
    );
    await loaded(el);
    expect(await countUnread(client)).to.equal(0);
    type(el, 'Thank you!');
    sendButton(el).click();
    await waitUntil(() => entries(el).some((e) => e.includes('Thank you!')), 'answered');
    expect(await countUnread(client)).to.equal(0);
    desk.reply(receipt.id, 'You are welcome.');
    expect(await countUnread(client)).to.equal(1);
  });
});
