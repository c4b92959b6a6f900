import { unique } from '../internal/test-utils.ts';
import { assert, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import {
  AuthError,
  BackendError,
  NotFoundError,
  createNectar,
  isValidationError,
  type Order,
  type NectarClient,
  type CommerceAdapter,
} from '@nectar/core';
import { memoryDesk } from '@nectar/adapters/memory';
import '../ticket-form/ticket-form.ts';
import type { NectarTicketForm } from '../ticket-form/ticket-form.ts';
import type { NectarOrderPicker } from './order-picker.ts';

const IMG =
  'data:image/svg+xml,' +
  encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>');

const order = (n: number, over: Partial<Order> = {}): Order => ({
  id: `id-${n}`,
  number: `#10${n}`,
  placedAt: new Date(Date.UTC(2026, 2, 20 - n, 10)).toISOString(),
  status: 'open',
  fulfillment: 'shipped',
  total: { amount: '42.50', currency: 'EUR' },
  lines: [
    { id: `l${n}a`, title: `Mug ${n}`, sku: `MUG-${n}`, quantity: 2, image: IMG },
    { id: `l${n}b`, title: `Apron ${n}`, sku: null, quantity: 1, image: null },
  ],
  shipments: [],
  ...over,
});

/**
 * A small in-memory CommerceAdapter (the integrator's adapter as the widgets see it): pages of
 * orders by offset, optional guest lookup, and switches to fail.
 */
function shop(
  orders: Order[],
  options: { signedIn?: boolean; guest?: { number: string; email: string; order: Order }; fail?: Error } = {},
) {
  const calls: string[] = [];
  const state = { fail: options.fail };
  const adapter: CommerceAdapter = {
    name: 'fixture',
    capabilities: { tracking: false, deliveryEstimate: false, guestLookup: !!options.guest, needsProxy: false },
    async identify() {
      return options.signedIn === false ? null : { id: 'c1', email: 'ada@example.com', name: 'Ada' };
    },
    async listOrders({ first = 10, after = null } = {}) {
      calls.push(`list:${after ?? ''}`);
      if (state.fail) throw state.fail;
      if (options.signedIn === false) throw new AuthError('No shopper signed in');
      const skip = after ? Number(after) : 0;
      const page = orders.slice(skip, skip + first);
      return { orders: page, next: skip + first < orders.length ? String(skip + first) : null };
    },
    async getOrder(ref) {
      calls.push(`get:${ref}`);
      const found = orders.find((o) => o.id === ref || o.number === ref);
      if (!found) throw new NotFoundError();
      return found;
    },
  };
  if (options.guest) {
    const g = options.guest;
    adapter.lookupGuestOrder = async ({ orderNumber, email }) => {
      calls.push(`guest:${orderNumber}:${email}`);
      if (orderNumber === g.number && email.toLowerCase() === g.email) return g.order;
      throw new NotFoundError();
    };
  }
  return { adapter, calls, state };
}

const clients: NectarClient[] = [];
function client(commerce?: CommerceAdapter, locale = 'en') {
  const desk = memoryDesk();
  const c = createNectar({
    desk,
    storage: 'memory',
    namespace: unique('picker'),
    locale,
    ...(commerce ? { commerce } : {}),
  });
  clients.push(c);
  return { desk, client: c };
}
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const text = (el: Element) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function mountForm(c: NectarClient) {
  const form = await fixture<NectarTicketForm>(
    html`<nectar-ticket-form draft-key=${unique('draft')} .client=${c}></nectar-ticket-form>`,
  );
  await waitUntil(() => $(form, 'nectar-order-picker'), 'the order picker appears');
  const picker = $<NectarOrderPicker>(form, 'nectar-order-picker')!;
  await picker.loaded;
  await picker.updateComplete;
  return { form, picker };
}

function type(el: Element, sel: string, value: string) {
  const input = $<HTMLInputElement | HTMLTextAreaElement>(el, sel)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

describe('createNectar({ commerce })', () => {
  it('exposes the adapter as client.commerce and rejects something that is not one', () => {
    const { adapter } = shop([]);
    expect(client(adapter).client.commerce).to.equal(adapter);
    expect(client().client.commerce).to.equal(undefined);
    let error: unknown;
    try {
      createNectar({ desk: memoryDesk(), storage: 'memory', commerce: { listOrders: 1 } as never });
    } catch (e) {
      error = e;
    }
    expect(isValidationError(error)).to.equal(true);
    expect((error as { fields: object }).fields).to.deep.equal({ commerce: 'invalid' });
  });
});

describe('order picker in <nectar-ticket-form>', () => {
  it('is not there without a commerce adapter (the order number field is)', async () => {
    const { client: c } = client();
    const form = await fixture<NectarTicketForm>(html`<nectar-ticket-form .client=${c}></nectar-ticket-form>`);
    await new Promise((r) => setTimeout(r, 50));
    expect($(form, 'nectar-order-picker')).to.equal(null);
    assert.exists($(form, '#orderRef'));
  });

  it('lists recent orders as one radio group with number, date, status, first item and its image', async () => {
    const { adapter } = shop([
      order(1),
      order(2, { fulfillment: 'delivered', status: 'completed' }),
      order(3, { status: 'cancelled' }),
    ]);
    const { picker } = await mountForm(client(adapter).client);
    const radios = $$<HTMLInputElement>(picker, 'input[type="radio"][name="order"]');
    expect(radios).to.have.length(3);
    const first = text(radios[0]!.closest('label')!);
    expect(first).to.contain('Order #101');
    expect(first).to.contain('Placed Mar 19, 2026');
    expect(first).to.contain('Shipped');
    expect(first).to.contain('Mug 1 and 1 more');
    expect(first).to.contain('€42.50');
    expect(text(radios[1]!.closest('label')!)).to.contain('Delivered');
    expect(text(radios[2]!.closest('label')!)).to.contain('Cancelled');
    expect($<HTMLImageElement>(picker, '[part="order"] img')!.src).to.equal(IMG);
    expect(text($(picker, 'legend')!)).to.equal('Which order is it about?');
    await expect(picker).to.be.accessible();
  });

  it('picking an order shows its lines; the marked items and the order number go into the ticket', async () => {
    const { adapter } = shop([order(1), order(2)]);
    const { desk, client: c } = client(adapter);
    // What the desk adapter is asked to create (memoryDesk keeps no items in its own record).
    const created: Array<Parameters<typeof desk.createTicket>[0]> = [];
    const create = desk.createTicket.bind(desk);
    desk.createTicket = (input, opts) => (created.push(input), create(input, opts));
    const { form, picker } = await mountForm(c);
    $<HTMLInputElement>(picker, 'input[value="#102"]')!.click();
    await picker.updateComplete;
    await form.updateComplete;
    expect($<HTMLInputElement>(form, '#orderRef')!.value).to.equal('#102');
    const boxes = $$<HTMLInputElement>(picker, '[part="items"] input[type="checkbox"]');
    expect(boxes.map((b) => text(b.closest('label')!))).to.deep.equal([
      'Mug 2 Quantity 2 · MUG-2',
      'Apron 2 Quantity 1',
    ]);
    expect(text($(picker, '[part="items"] legend')!)).to.equal('Which items of order #102 are affected?');
    boxes[1]!.click();
    await picker.updateComplete;
    await expect(picker).to.be.accessible();

    $<HTMLInputElement>(form, 'input[name="category"][value="damaged"]')!.click();
    type(form, '#message', 'The apron arrived torn.');
    type(form, '#email', 'ada@example.com');
    await form.updateComplete;
    const sent = oneEvent(form, 'nectar-submit');
    $<HTMLButtonElement>(form, '[part="submit"]')!.click();
    await sent;
    expect(desk.tickets()[0]!.orderRef).to.equal('#102');
    expect(created).to.have.length(1);
    expect(created[0]!.orderRef).to.equal('#102');
    expect(created[0]!.items).to.deep.equal([{ title: 'Apron 2', quantity: 1 }]);
  });

  it('keeps the picked order and items in the draft across a reload', async () => {
    const { adapter } = shop([order(1), order(2)]);
    const { client: c } = client(adapter);
    const key = unique('draft');
    const first = await fixture<NectarTicketForm>(
      html`<nectar-ticket-form draft-key=${key} .client=${c}></nectar-ticket-form>`,
    );
    await waitUntil(() => $(first, 'nectar-order-picker'));
    const p1 = $<NectarOrderPicker>(first, 'nectar-order-picker')!;
    await p1.loaded;
    await p1.updateComplete;
    $<HTMLInputElement>(p1, 'input[value="#101"]')!.click();
    await p1.updateComplete;
    $$<HTMLInputElement>(p1, '[part="items"] input[type="checkbox"]')[0]!.click();
    type(first, '#message', 'Cracked mug');
    await first.updateComplete;
    first.remove();
    await new Promise((r) => setTimeout(r, 700));

    const again = await fixture<NectarTicketForm>(
      html`<nectar-ticket-form draft-key=${key} .client=${c}></nectar-ticket-form>`,
    );
    await again.draftRestored;
    await waitUntil(() => $(again, 'nectar-order-picker'));
    const p2 = $<NectarOrderPicker>(again, 'nectar-order-picker')!;
    await p2.loaded;
    await p2.updateComplete;
    expect($<HTMLInputElement>(p2, 'input[value="#101"]')!.checked).to.equal(true);
    const boxes = $$<HTMLInputElement>(p2, '[part="items"] input[type="checkbox"]');
    expect(boxes.map((b) => b.checked)).to.deep.equal([true, false]);
  });

  it('loads more orders with the cursor, without duplicates', async () => {
    const { adapter, calls } = shop([1, 2, 3, 4, 5, 6, 7].map((n) => order(n)));
    const { picker } = await mountForm(client(adapter).client);
    expect($$(picker, 'input[name="order"]')).to.have.length(5);
    const more = [...$$<HTMLButtonElement>(picker, 'button')].find((b) => text(b) === 'Show more orders')!;
    more.click();
    await waitUntil(() => $$(picker, 'input[name="order"]').length === 7);
    expect(calls).to.deep.equal(['list:', 'list:5']);
    expect([...$$(picker, 'button')].some((b) => text(b) === 'Show more orders')).to.equal(false);
  });

  it('says so when there are no orders, and the order number can still be typed', async () => {
    const { adapter } = shop([]);
    const { form, picker } = await mountForm(client(adapter).client);
    const status = $(picker, '[role="status"]')!;
    expect(text(status)).to.equal('We found no orders in your account. You can also type the order number below.');
    assert.exists($(form, '#orderRef'));
    await expect(picker).to.be.accessible();
  });

  it('shows a localized error with a retry when the backend fails, and keeps what was typed', async () => {
    const { adapter, state } = shop([order(1)], { fail: new BackendError('Vendure answered 500', 500) });
    const { form, picker } = await mountForm(client(adapter).client);
    type(form, '#message', 'Still typing');
    const alert = $(picker, '[role="alert"]')!;
    expect(text(alert)).to.contain('We could not load your orders.');
    await expect(picker).to.be.accessible();
    state.fail = undefined;
    [...$$<HTMLButtonElement>(picker, 'button')].find((b) => text(b) === 'Try again')!.click();
    await picker.loaded;
    await picker.updateComplete;
    expect($$(picker, 'input[name="order"]')).to.have.length(1);
    expect($<HTMLTextAreaElement>(form, '#message')!.value).to.equal('Still typing');
  });

  it('lets a guest find an order by number and email, and says when none matches', async () => {
    const guestOrder = order(9, { number: 'G-77' });
    const { adapter, calls } = shop([], {
      signedIn: false,
      guest: { number: 'G-77', email: 'grace@example.com', order: guestOrder },
    });
    const { form, picker } = await mountForm(client(adapter).client);
    expect(text($(picker, 'legend')!)).to.equal('Find your order');
    await expect(picker).to.be.accessible();
    const find = () => [...$$<HTMLButtonElement>(picker, 'button')].find((b) => text(b) === 'Find order')!;

    find().click();
    await picker.updateComplete;
    expect(text($(picker, '#guest-error')!)).to.equal('Enter the order number and the email address.');

    type(picker, 'input[type="text"]', 'G-77');
    type(picker, 'input[type="email"]', 'someone@example.com');
    find().click();
    await waitUntil(() => $(picker, '#guest-error') && text($(picker, '#guest-error')!).includes('found no order'));
    expect($<HTMLInputElement>(picker, 'input[type="email"]')!.getAttribute('aria-invalid')).to.equal('true');

    type(picker, 'input[type="email"]', 'Grace@example.com');
    find().click();
    await waitUntil(() => $(picker, 'input[value="G-77"]'));
    await form.updateComplete;
    expect($<HTMLInputElement>(picker, 'input[value="G-77"]')!.checked).to.equal(true);
    expect($<HTMLInputElement>(form, '#orderRef')!.value).to.equal('G-77');
    expect(calls.filter((c) => c.startsWith('guest:'))).to.deep.equal([
      'guest:G-77:someone@example.com',
      'guest:G-77:Grace@example.com',
    ]);
    await expect(picker).to.be.accessible();
  });

  it('shows nothing for a guest when the adapter has no guest lookup', async () => {
    const { adapter } = shop([], { signedIn: false });
    const { picker } = await mountForm(client(adapter).client);
    expect(picker.shadowRoot!.textContent!.trim()).to.equal('');
  });

  for (const [locale, legend, loading] of [
    ['zh-CN', '与哪个订单有关？', '已发货'],
    ['zh-TW', '與哪一筆訂單有關？', '已出貨'],
  ] as const) {
    it(`speaks ${locale}`, async () => {
      const { adapter } = shop([order(1)]);
      const { picker } = await mountForm(client(adapter, locale).client);
      expect(text($(picker, 'legend')!)).to.equal(legend);
      expect(text($(picker, '[part="order"]')!)).to.contain(loading);
      await expect(picker).to.be.accessible();
    });
  }

  it('fits a 320 px wide phone without sideways scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const { adapter } = shop([
        order(1, {
          lines: [
            {
              id: 'x',
              title: 'A very long product title '.repeat(4),
              sku: 'SKU-LONG-1234567890',
              quantity: 1,
              image: IMG,
            },
          ],
        }),
      ]);
      const { form, picker } = await mountForm(client(adapter).client);
      $<HTMLInputElement>(picker, 'input[name="order"]')!.click();
      await picker.updateComplete;
      expect(form.scrollWidth).to.be.at.most(320);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
