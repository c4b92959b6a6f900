import { unique } from './test-utils.ts';
import { expect, waitUntil } from '@open-wc/testing';
import { StrictMode, createElement, createRef, type ReactElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { createNectar, type NectarClient, type TicketReceipt } from '@nectar/core';
import { memoryDesk, type MemoryDesk } from '@nectar/adapters/memory';
import type { NectarPanel as NectarPanelElement } from '@nectar/widgets/panel';
import type { NectarTicketForm as NectarTicketFormElement } from '@nectar/widgets/ticket-form';
import {
  NectarAnswers,
  NectarCsat,
  NectarLauncher,
  NectarNps,
  NectarNudge,
  NectarPanel,
  NectarSubmitEvent,
  NectarTicketForm,
  NectarTicketList,
  NectarTicketStatus,
  type NectarFeedbackEvent,
  type NectarNudgeDismissEvent,
  type NectarNudgeShowEvent,
  type NectarOpenEvent,
  type NectarQueuedEvent,
} from './index.ts';

const clients: NectarClient[] = [];
function setup(desk: MemoryDesk = memoryDesk()) {
  const client = createNectar({ desk, storage: 'memory', namespace: unique('react'), locale: 'en' });
  clients.push(client);
  return { desk, client };
}

let container: HTMLElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  root.unmount();
  container.remove();
  for (const c of clients.splice(0)) c.destroy();
});

/** Renders synchronously: the elements exist, and their props and listeners are set, when it returns. */
function render(element: ReactElement): void {
  flushSync(() => root.render(element));
}

const shadow = (el: Element) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => shadow(el).querySelector<T>(sel);

async function mountedForm(): Promise<NectarTicketFormElement> {
  const el = container.querySelector('nectar-ticket-form')!;
  await el.updateComplete;
  return el;
}

/** Types into a field the way a browser reports it (value + input event). */
function typeInto(el: Element, id: string, value: string) {
  const input = $<HTMLInputElement | HTMLTextAreaElement>(el, `#${id}`)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}
async function fillAndSubmit(el: NectarTicketFormElement, options: { chooseCategory?: boolean } = {}) {
  if (options.chooseCategory ?? true) $<HTMLInputElement>(el, 'input[value="damaged"]')!.click();
  typeInto(el, 'message', 'The vase arrived in pieces.');
  typeInto(el, 'email', 'shopper@example.com');
  await el.updateComplete;
  $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
}

describe('@nectar/react', () => {
  it('submits a ticket through <NectarTicketForm> and calls onNectarSubmit with the receipt', async () => {
    const { desk, client } = setup();
    const submitted: NectarSubmitEvent[] = [];
    render(
      createElement(NectarTicketForm, {
        client,
        draftKey: unique('draft'),
        onNectarSubmit: (event) => submitted.push(event),
      }),
    );
    const el = await mountedForm();
    await fillAndSubmit(el);
    await waitUntil(() => submitted.length > 0, 'onNectarSubmit called');

    const [stored] = desk.tickets();
    expect(submitted).to.have.length(1);
    expect(submitted[0]).to.be.instanceOf(NectarSubmitEvent);
    expect(submitted[0]!.detail.ticket.number).to.equal(stored!.number);
    expect(stored).to.include({ category: 'damaged', message: 'The vase arrived in pieces.' });
  });

  it('calls onNectarQueued when the desk is offline, then onNectarSubmit when the outbox sends it', async () => {
    const { desk, client } = setup();
    desk.simulate({ offline: true });
    const queued: NectarQueuedEvent[] = [];
    const submitted: NectarSubmitEvent[] = [];
    render(
      createElement(NectarTicketForm, {
        client,
        draftKey: unique('draft'),
        onNectarQueued: (event) => queued.push(event),
        onNectarSubmit: (event) => submitted.push(event),
      }),
    );
    const el = await mountedForm();
    await fillAndSubmit(el);
    await waitUntil(() => queued.length > 0, 'onNectarQueued called');
    expect(queued[0]!.detail.localId).to.be.a('string');
    expect(submitted).to.have.length(0);
    expect(desk.tickets()).to.have.length(0);

    desk.simulate({ offline: false });
    await client.flush();
    await waitUntil(() => submitted.length > 0, 'onNectarSubmit called once the outbox sent it');
    expect(submitted[0]!.detail.ticket.number).to.equal(desk.tickets()[0]!.number);
  });

  it('passes props to the element: category preselects, the given client is the one used', async () => {
    const other = setup();
    const { desk, client } = setup();
    const submitted: NectarSubmitEvent[] = [];
    render(
      createElement(NectarTicketForm, {
        client,
        category: 'delivery',
        orderRef: 'A-1001',
        draftKey: unique('draft'),
        theme: 'dark',
        className: 'help',
        id: 'contact',
        onNectarSubmit: (event) => submitted.push(event),
      }),
    );
    const el = await mountedForm();
    expect(el.client).to.equal(client);
    expect(el.category).to.equal('delivery');
    expect($<HTMLInputElement>(el, 'input[value="delivery"]')!.checked).to.equal(true);
    expect($<HTMLInputElement>(el, '#orderRef')?.value).to.equal('A-1001');
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(el.className).to.equal('help');
    expect(el.id).to.equal('contact');

    await fillAndSubmit(el, { chooseCategory: false });
    await waitUntil(() => submitted.length > 0, 'onNectarSubmit called');
    expect(desk.tickets().map((t) => [t.category, t.orderRef])).to.deep.equal([['delivery', 'A-1001']]);
    expect(other.desk.tickets()).to.have.length(0);
  });

  it('replaces the listener when the handler changes between renders, and removes it with the prop', async () => {
    const { client } = setup();
    const draftKey = unique('draft');
    const first: TicketReceipt[] = [];
    const second: TicketReceipt[] = [];
    render(createElement(NectarTicketForm, { client, draftKey, onNectarSubmit: (e) => first.push(e.detail.ticket) }));
    const el = await mountedForm();
    render(createElement(NectarTicketForm, { client, draftKey, onNectarSubmit: (e) => second.push(e.detail.ticket) }));
    expect(container.querySelector('nectar-ticket-form')).to.equal(el); // the same element, updated

    await fillAndSubmit(el);
    await waitUntil(() => second.length > 0, 'the new handler called');
    expect(first).to.have.length(0);
    expect(second).to.have.length(1);

    // Without the prop, no listener: a later event reaches nobody.
    render(createElement(NectarTicketForm, { client, draftKey }));
    el.dispatchEvent(new NectarSubmitEvent({ ticket: second[0]! }));
    expect(first).to.have.length(0);
    expect(second).to.have.length(1);
  });

  it('calls the handler once per event in StrictMode (effects run twice there), and forwards the ref', async () => {
    const { desk, client } = setup();
    const ref = createRef<NectarTicketFormElement>();
    const numbers: string[] = [];
    render(
      createElement(
        StrictMode,
        null,
        createElement(NectarTicketForm, {
          ref,
          client,
          draftKey: unique('draft'),
          onNectarSubmit: (e) => numbers.push(e.detail.ticket.number),
        }),
      ),
    );
    const el = await mountedForm();
    expect(ref.current).to.equal(el);
    await fillAndSubmit(el);
    await waitUntil(() => numbers.length > 0, 'onNectarSubmit called');
    await new Promise((r) => setTimeout(r, 20));
    expect(numbers).to.deep.equal([desk.tickets()[0]!.number]);
  });

  it('calls no handler after unmount, even for an event the element fires later', async () => {
    const { desk, client } = setup();
    const calls: string[] = [];
    render(
      createElement(NectarTicketForm, {
        client,
        draftKey: unique('draft'),
        onNectarSubmit: () => calls.push('submit'),
        onNectarError: () => calls.push('error'),
      }),
    );
    const el = await mountedForm();
    // The submit is still on its way when the component unmounts; the form fires nectar-submit afterwards.
    desk.simulate({ latencyMs: 150 });
    await fillAndSubmit(el);
    root.unmount();
    expect(el.isConnected).to.equal(false);
    await waitUntil(() => desk.tickets().length === 1, 'the ticket reached the desk');
    await new Promise((r) => setTimeout(r, 50));
    el.dispatchEvent(new NectarSubmitEvent({ ticket: { number: 'N-1' } as TicketReceipt }));
    expect(calls).to.deep.equal([]);
    root = createRoot(container); // for afterEach
  });

  it("hears its views' events on <NectarPanel>: open, the contact form's submit, close", async () => {
    const { desk, client } = setup();
    const calls: string[] = [];
    render(
      createElement(NectarPanel, {
        client,
        onNectarOpen: (e: NectarOpenEvent) => calls.push(`open:${e.detail.view}`),
        onNectarSubmit: (e) => calls.push(`submit:${e.detail.ticket.number}`),
        onNectarClose: (e) => calls.push(`close:${e.detail.view}`),
      }),
    );
    const panel = container.querySelector('nectar-panel') as NectarPanelElement;
    await panel.show('contact');
    await waitUntil(() => $(panel, 'nectar-ticket-form'), 'contact form');
    const form = $<NectarTicketFormElement>(panel, 'nectar-ticket-form')!;
    await form.updateComplete;
    await fillAndSubmit(form);
    await waitUntil(() => calls.some((c) => c.startsWith('submit:')), 'onNectarSubmit called on the panel');
    panel.close();
    await waitUntil(() => calls.some((c) => c.startsWith('close:')), 'onNectarClose called');
    expect(calls).to.deep.equal(['open:contact', `submit:${desk.tickets()[0]!.number}`, 'close:contact']);
  });

  it('calls onNectarFeedback on <NectarNps> with the score', async () => {
    const { desk, client } = setup();
    const feedback: NectarFeedbackEvent[] = [];
    render(createElement(NectarNps, { client, force: true, onNectarFeedback: (e) => feedback.push(e) }));
    const el = container.querySelector('nectar-nps')!;
    await waitUntil(() => $(el, '[role="radio"][data-score="9"]'), 'survey shown');
    $(el, '[role="radio"][data-score="9"]')!.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part~="next-button"]')!.click();
    await waitUntil(() => feedback.length > 0, 'onNectarFeedback called');
    expect(feedback[0]!.detail).to.include({ kind: 'nps', score: 9 });
    expect(desk.feedback()).to.have.length(1);
  });

  it('calls onNectarNudgeShow and onNectarNudgeDismiss on <NectarNudge>', async () => {
    const client = createNectar({
      desk: memoryDesk(),
      storage: 'memory',
      namespace: unique('react'),
      locale: 'en',
      consent: { behavior: true },
      nudges: [
        {
          id: 'welcome',
          trigger: { kind: 'page_view', url: { match: 'prefix', value: '/' } },
          content: { en: { title: 'Questions about an order?' } },
        },
      ],
    });
    clients.push(client);
    const shows: NectarNudgeShowEvent[] = [];
    const dismissals: NectarNudgeDismissEvent[] = [];
    render(
      createElement(NectarNudge, {
        client,
        onNectarNudgeShow: (e) => shows.push(e),
        onNectarNudgeDismiss: (e) => dismissals.push(e),
      }),
    );
    const el = container.querySelector('nectar-nudge')!;
    await waitUntil(() => $(el, '[part~="close"]'), 'nudge shown');
    expect(shows.map((e) => e.detail)).to.deep.equal([{ ruleId: 'welcome' }]);
    $<HTMLButtonElement>(el, '[part~="close"]')!.click();
    await waitUntil(() => dismissals.length === 1, 'onNectarNudgeDismiss called');
    expect(dismissals[0]!.detail).to.deep.equal({ ruleId: 'welcome', forever: false });
  });

  it('renders every tag, with the client it is given', async () => {
    const { client } = setup();
    render(
      createElement(
        'div',
        null,
        createElement(NectarLauncher, { client }),
        createElement(NectarAnswers, { client }),
        createElement(NectarTicketList, { client }),
        createElement(NectarTicketStatus, { client, ticketId: 'missing' }),
        createElement(NectarCsat, { client, ticketId: 'missing' }),
        createElement(NectarNudge, { client }),
      ),
    );
    for (const tag of [
      'nectar-launcher',
      'nectar-answers',
      'nectar-ticket-list',
      'nectar-ticket-status',
      'nectar-csat',
      'nectar-nudge',
    ]) {
      const el = container.querySelector(tag) as HTMLElement & { client?: NectarClient };
      expect(el, tag).to.be.instanceOf(customElements.get(tag)!);
      expect(el.client, tag).to.equal(client);
    }
    // Let the widgets settle before the next test (ticket-status reports the missing ticket).
    await new Promise((r) => setTimeout(r, 50));
  });
});

/** Compile-time checks of the props' types (never run). */
export function _typeChecks(client: NectarClient): ReactElement[] {
  return [
    createElement(NectarTicketForm, { client, category: 'damaged', orderRef: 'A-1', email: 'a@example.com' }),
    createElement(NectarTicketForm, { onNectarSubmit: (e) => e.detail.ticket.number.toUpperCase() }),
    createElement(NectarTicketForm, { onNectarQueued: (e) => e.detail.localId.toUpperCase() }),
    createElement(NectarTicketForm, { onNectarError: (e) => e.detail.code?.toUpperCase() }),
    createElement(NectarNps, {
      surveyId: 'post-purchase',
      variant: 'slide-in',
      onNectarFeedback: (e) => e.detail.score,
    }),
    createElement(NectarCsat, { ticketId: 't', onNectarFeedback: (e) => e.detail.followUp }),
    createElement(NectarPanel, { view: 'requests', placement: 'bottom-start' }),
    createElement(NectarLauncher, { placement: 'bottom-start' }),
    createElement(NectarNudge, { theme: 'dark', onNectarNudgeAction: (e) => e.detail.action.toUpperCase() }),
    createElement(NectarNudge, {
      onNectarNudgeDismiss: (e) => e.detail.forever,
      onNectarFeedback: (e) => e.detail.score,
    }),
    // @ts-expect-error not a category
    createElement(NectarTicketForm, { category: 'broken' }),
    // @ts-expect-error the handler gets a NectarSubmitEvent, whose detail has no localId
    createElement(NectarTicketForm, { onNectarSubmit: (e) => e.detail.localId }),
    // @ts-expect-error the NPS survey never submits a ticket
    createElement(NectarNps, { onNectarSubmit: () => undefined }),
    // @ts-expect-error a nudge's show event has no action
    createElement(NectarNudge, { onNectarNudgeShow: (e) => e.detail.action }),
    // @ts-expect-error the nudge never submits a ticket
    createElement(NectarNudge, { onNectarSubmit: () => undefined }),
    // @ts-expect-error no event reaches the launcher
    createElement(NectarLauncher, { onNectarOpen: () => undefined }),
  ];
}
