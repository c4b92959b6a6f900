import { unique } from '../internal/test-utils.ts';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { a11ySnapshot, findAccessibilityNode, sendKeys, setViewport } from '@web/test-runner-commands';
import { createNectar, csatSurveyId, type NectarClient } from '@nectar/core';
import { memoryDesk, type MemoryDesk } from '@nectar/adapters/memory';
import './csat.ts';
import type { NectarFeedbackEvent } from '../events.ts';
import { en } from '../i18n/en.ts';
import { loadCatalog } from '../i18n/index.ts';

const clients: NectarClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await setViewport({ width: 800, height: 600 });
});

async function resolvedTicket(locale = 'en', desk: MemoryDesk = memoryDesk()) {
  const client = createNectar({ desk, storage: 'memory', namespace: unique('csat'), locale });
  clients.push(client);
  const r = await client.tickets.submit({
    category: 'damaged',
    message: 'The mug arrived broken.',
    contact: { email: 'ana@example.com' },
  });
  if (r.state !== 'sent') throw new Error('expected sent');
  desk.resolve(r.ticket.id);
  return { desk, client, ticket: r.ticket };
}

const root = (el: HTMLElement) => el.shadowRoot!;
const part = <T extends Element = HTMLElement>(el: HTMLElement, name: string) =>
  root(el).querySelector<T>(`[part~="${name}"]`);
const text = (el: HTMLElement, name: string) => part(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const choices = (el: HTMLElement) => [...root(el).querySelectorAll<HTMLElement>('[role="radio"]')];
const shown = (el: HTMLElement) => waitUntil(() => part(el, 'base'), 'rating shown');
const focused = (el: HTMLElement) => root(el).activeElement as HTMLElement | null;

async function mount(client: NectarClient, ticketId: string, force = false) {
  const wrap = await fixture<HTMLDivElement>(
    html`<div>
      <button id="before">before</button>
      <nectar-csat .client=${client} ticket-id=${ticketId} ?force=${force}></nectar-csat>
    </div>`,
  );
  return wrap.querySelector('nectar-csat')!;
}

describe('<nectar-csat>', () => {
  it('keyboard only: rating 2, comment, "contact me" → the same ticket is reopened with the comment', async () => {
    const { desk, client, ticket } = await resolvedTicket();
    const el = await mount(client, ticket.id);
    await shown(el);
    await expect(el).to.be.accessible();
    const events: NectarFeedbackEvent[] = [];
    el.addEventListener('nectar-feedback', (e) => events.push(e));

    (el.parentElement!.querySelector('#before') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Tab' }); // ×
    await sendKeys({ press: 'Tab' }); // the levels: one tab stop
    expect(focused(el)?.dataset.rating).to.equal('1');
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'ArrowRight' }); // wraps to 1
    await sendKeys({ press: 'ArrowRight' });
    expect(focused(el)?.dataset.rating).to.equal('2');
    expect(choices(el)[1]!.getAttribute('aria-checked')).to.equal('true');
    await waitUntil(() => !part(el, 'contact')!.hidden, 'contact question offered');
    await sendKeys({ press: 'Tab' }); // comment
    expect(focused(el)?.id).to.equal('comment');
    await sendKeys({ type: 'The replacement is broken too' });
    await sendKeys({ press: 'Tab' }); // the contact radios (No is checked)
    expect((focused(el) as HTMLInputElement).value).to.equal('no');
    await sendKeys({ press: 'ArrowUp' }); // Yes
    expect((focused(el) as HTMLInputElement).value).to.equal('yes');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' }); // send
    expect(focused(el)?.getAttribute('part')).to.equal('send-button');
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => text(el, 'question') === en.csat.thanksFollowUp, 'thanks shown');
    expect(focused(el)?.getAttribute('part')).to.equal('question');
    expect(events).to.have.length(1);
    expect(events[0]!.detail).to.include({ kind: 'csat', score: 2, followUp: true, ticketId: ticket.id });
    expect(desk.feedback()).to.have.length(1);
    expect(desk.tickets()).to.have.length(1);
    const after = desk.tickets()[0]!;
    expect(after.status).to.equal('open');
    expect(after.timeline.map((e) => e.kind)).to.deep.equal(['created', 'resolved', 'customer_message', 'reopened']);
    expect(after.timeline[2]!.body).to.equal('The replacement is broken too');
    await expect(el).to.be.accessible();
  });

  it('names each level by its word (faces are decoration)', async () => {
    const { client, ticket } = await resolvedTicket();
    const el = await mount(client, ticket.id);
    await shown(el);
    const radios: { name: string }[] = [];
    findAccessibilityNode<{ role: string; name: string }>((await a11ySnapshot({})) as never, (n) => {
      if (n.role === 'radio') radios.push(n);
      return false;
    });
    expect(radios.map((r) => r.name)).to.deep.equal(en.csat.levels);
    expect(en.csat.levels[0]).to.equal('Very dissatisfied');
    expect(en.csat.levels[4]).to.equal('Very satisfied');
    for (const svgEl of root(el).querySelectorAll('[part~="face"]')) {
      expect(svgEl.getAttribute('aria-hidden')).to.equal('true');
    }
  });

  it('a good rating does not offer a follow-up; asks for a rating first', async () => {
    const { desk, client, ticket } = await resolvedTicket();
    const el = await mount(client, ticket.id);
    await shown(el);
    part<HTMLButtonElement>(el, 'send-button')!.click();
    await waitUntil(() => root(el).getElementById('rating-hint'), 'hint shown');
    expect(part(el, 'scale')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    choices(el)[4]!.click();
    await el.updateComplete;
    expect(part(el, 'contact')!.hidden).to.equal(true);
    part<HTMLButtonElement>(el, 'send-button')!.click();
    await waitUntil(() => text(el, 'question') === en.csat.thanks, 'thanks');
    expect(desk.feedback()[0]).to.include({ score: 5, comment: null });
    expect(desk.tickets()[0]!.status).to.equal('resolved');
  });

  it('asks once per ticket: not after an answer or a dismissal', async () => {
    const { client, ticket } = await resolvedTicket();
    const el = await mount(client, ticket.id);
    await shown(el);
    setTimeout(() => part<HTMLButtonElement>(el, 'dismiss-button')!.click());
    await oneEvent(el, 'nectar-close');
    expect(part(el, 'base')).to.equal(null);
    expect((await client.feedback.state(csatSurveyId(ticket.id)))?.dismissedAt).to.be.a('number');
    const again = await mount(client, ticket.id);
    await new Promise((r) => setTimeout(r, 100));
    expect(part(again, 'base')).to.equal(null);
    const forced = await mount(client, ticket.id, true);
    await shown(forced);
  });

  it('says when the rating waits offline; fits 320 px; speaks Traditional Chinese', async () => {
    await setViewport({ width: 320, height: 640 });
    const desk = memoryDesk();
    const { client, ticket } = await resolvedTicket('zh-TW', desk);
    const zh = await loadCatalog('zh-TW');
    const el = await mount(client, ticket.id);
    await shown(el);
    expect(text(el, 'question')).to.equal(zh.csat.question);
    expect(choices(el).map((c) => c.textContent!.trim())).to.deep.equal(zh.csat.levels);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    for (const c of choices(el)) {
      const b = c.getBoundingClientRect();
      expect(b.right).to.be.at.most(320);
      expect(b.height).to.be.at.least(44);
    }
    choices(el)[0]!.click();
    await el.updateComplete;
    expect(root(el).querySelector('legend')!.textContent).to.equal(zh.csat.contactQuestion);
    await expect(el).to.be.accessible();
    desk.simulate({ offline: true });
    part<HTMLButtonElement>(el, 'send-button')!.click();
    await waitUntil(() => text(el, 'message') === zh.csat.queued, 'queued note');
    await expect(el).to.be.accessible();
    desk.simulate({ offline: false });
    await client.flush();
    expect(desk.feedback()).to.have.length(1);
  });
});
