import { expectLarge } from '../internal/large-text.fixture.ts';
import { unique } from '../internal/test-utils.ts';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import {
  AuthError,
  BackendError,
  NotFoundError,
  createNectar,
  type CommerceAdapter,
  type NectarClient,
  type Order,
} from '@nectar/core';
import { memoryDesk } from '@nectar/adapters/memory';
import '../panel/panel.ts';
import type { NectarPanel } from '../panel/panel.ts';
import type { NectarOrders } from './orders.ts';
import { myOrdersMessages } from '../i18n/my-orders.ts';
import { zhCN } from '../i18n/zh-CN.ts';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const ahead = (days: number) => new Date(Date.now() + days * DAY).toISOString();

const order = (n: number, over: Partial<Order> = {}): Order => ({
  id: `id-${n}`,
  number: `#10${n}`,
  placedAt: ago(2),
  status: 'open',
  fulfillment: 'unfulfilled',
  total: { amount: '42.50', currency: 'EUR' },
  lines: [{ id: `l${n}`, title: `Mug ${n}`, sku: `MUG-${n}`, quantity: 1, image: null }],
  shipments: [],
  ...over,
});

/** Shipped with DHL (no link from the shop: the carrier's page is built), due in 3 days. */
const shipped = order(1, {
  fulfillment: 'shipped',
  placedAt: ago(3),
  shipments: [
    {
      carrier: 'DHL',
      trackingNumber: 'JD0146000012345',
      trackingUrl: null,
      shippedAt: ago(2),
      deliveredAt: null,
      estimatedDeliveryAt: ahead(3),
    },
  ],
});
/** Placed 30 days ago, never shipped: late by the 7-day window. */
const late = order(2, { placedAt: ago(30) });
/** Two parcels: one with the shop's own link, one whose link is not http(s) (never linked). */
const delivered = order(3, {
  status: 'completed',
  fulfillment: 'delivered',
  placedAt: ago(12),
  shipments: [
    {
      carrier: 'Acme Post',
      trackingNumber: 'AP-1',
      trackingUrl: 'https://track.example/AP-1',
      shippedAt: ago(11),
      deliveredAt: ago(9),
      estimatedDeliveryAt: null,
    },
    {
      carrier: 'Acme Post',
      trackingNumber: 'AP-2',
      trackingUrl: 'javascript:alert(1)',
      shippedAt: ago(11),
      deliveredAt: ago(9),
      estimatedDeliveryAt: null,
    },
  ],
});

/** A small in-memory CommerceAdapter (as an integrator's adapter answers the widgets). */
function shop(orders: Order[], options: { signedIn?: boolean; guest?: { email: string; order: Order } } = {}) {
  const state: { fail?: Error } = {};
  const adapter: CommerceAdapter = {
    name: 'fixture',
    capabilities: { tracking: true, deliveryEstimate: true, guestLookup: !!options.guest, needsProxy: false },
    async identify() {
      return options.signedIn === false ? null : { id: 'c1', email: 'ada@example.com', name: 'Ada' };
    },
    async listOrders({ first = 10, after = null } = {}) {
      if (state.fail) throw state.fail;
      if (options.signedIn === false) throw new AuthError('No shopper signed in');
      const skip = after ? Number(after) : 0;
      return {
        orders: orders.slice(skip, skip + first),
        next: skip + first < orders.length ? String(skip + first) : null,
      };
    },
    async getOrder(ref) {
      const found = orders.find((o) => o.id === ref || o.number === ref);
      if (!found) throw new NotFoundError();
      return found;
    },
  };
  if (options.guest) {
    const g = options.guest;
    adapter.lookupGuestOrder = async ({ orderNumber, email }) => {
      if (orderNumber === g.order.number && email.toLowerCase() === g.email) return g.order;
      throw new NotFoundError();
    };
  }
  return { adapter, state };
}

const clients: NectarClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
before(() => setViewport({ width: 1000, height: 800 }));

async function setup(commerce?: CommerceAdapter, locale = 'en') {
  const c = createNectar({
    desk: memoryDesk(),
    storage: 'memory',
    namespace: unique('orders'),
    locale,
    ...(commerce ? { commerce } : {}),
  });
  clients.push(c);
  // The page's default client is another one, without the adapter (as the CDN loader's on the demo storefront):
  // the view must use the panel's, which it gets before its code has loaded.
  clients.push(createNectar({ desk: memoryDesk(), storage: 'memory', namespace: unique('default') }));
  const panel = await fixture<NectarPanel>(html`<nectar-panel .client=${c}></nectar-panel>`);
  return { c, panel };
}

const root = (el: Element) => el.shadowRoot!;
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const deepActive = () => {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
};

/** Opens "My orders" through the client (`nectar.open('orders')`) and waits until the orders are listed. */
async function openOrders(c: NectarClient, panel: NectarPanel) {
  c.open('orders');
  await waitUntil(() => root(panel).querySelector('nectar-orders'), 'the view is there');
  const view = root(panel).querySelector<NectarOrders>('nectar-orders')!;
  // The first render starts the load (`loaded` is its promise from then on).
  await waitUntil(() => view.shadowRoot?.querySelector('section'), 'rendered');
  await view.loaded;
  await view.updateComplete;
  return view;
}
const cards = (view: NectarOrders) => [...root(view).querySelectorAll<HTMLElement>('[part~="order"]')];
const card = (view: NectarOrders, number: string) =>
  cards(view).find((c) => text(c.querySelector('h3')).endsWith(number))!;

describe('"My orders" in <nectar-panel>', () => {
  it('with large text ("Larger text" pressed) at 320 px: ≥ 20 px text, ≥ 48 px targets, no sideways scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    const { adapter } = shop([shipped, late, delivered]);
    const { c, panel } = await setup(adapter);
    const view = await openOrders(c, panel);
    root(panel).querySelector<HTMLButtonElement>('[part~="text-size-button"]')!.click();
    await panel.updateComplete;
    expectLarge(view, [root(panel).querySelector('[part~="view"]')!]);
    await expect(view).to.be.accessible();
    localStorage.removeItem('nectar.text-size');
    panel.close();
    await setViewport({ width: 1000, height: 800 });
  });

  it('is not offered without a commerce adapter: three tabs, the arrow keys skip it', async () => {
    const { panel } = await setup();
    await panel.show('requests');
    expect(root(panel).querySelector('#tab-orders')).to.equal(null);
    root(panel).querySelector<HTMLElement>('#tab-requests')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(panel.view).to.equal('answers');
    await sendKeys({ press: 'End' });
    expect(panel.view).to.equal('requests');
    panel.close();
  });

  it('nectar.open("orders") lists the orders: status, parcels, carrier, tracking link, estimated delivery, late flag', async () => {
    const { adapter } = shop([shipped, late, delivered]);
    const { c, panel } = await setup(adapter);
    const view = await openOrders(c, panel);
    expect(panel.view).to.equal('orders');
    const tab = root(panel).querySelector<HTMLElement>('#tab-orders')!;
    expect(text(tab)).to.equal('My orders');
    expect(tab.getAttribute('aria-selected')).to.equal('true');
    expect(deepActive()).to.equal(tab);
    expect(cards(view)).to.have.length(3);

    const s = card(view, '#101');
    expect(text(s.querySelector('[part~="status"]'))).to.equal('Shipped');
    expect(s.querySelector('[part~="late-badge"]')).to.equal(null);
    expect(text(s)).to.include('DHL');
    const link = s.querySelector<HTMLAnchorElement>('[part~="tracking-link"]')!;
    expect(link.href).to.equal('https://www.dhl.com/global-en/home/tracking.html?tracking-id=JD0146000012345');
    expect(link.rel.split(' ')).to.include('noopener');
    expect(link.target).to.equal('_blank');
    expect(text(link)).to.equal('JD0146000012345 (opens in a new tab)');
    const due = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(
      new Date(shipped.shipments[0]!.estimatedDeliveryAt!),
    );
    expect(text(s)).to.include(`Estimated delivery ${due}`);

    const l = card(view, '#102');
    expect(text(l.querySelector('[part~="late-badge"]'))).to.equal('Late');
    expect(text(l)).to.include(myOrdersMessages.en.lateHint);
    expect(text(l)).to.include(myOrdersMessages.en.notShipped);
    // No estimate from the shop: placed + the 7-day window (the date isLate went by).
    const window = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(
      new Date(Date.parse(late.placedAt) + 7 * DAY),
    );
    expect(text(l)).to.include(`Estimated delivery ${window}`);

    const d = card(view, '#103');
    expect(d.querySelector('[part~="late-badge"]')).to.equal(null);
    expect(text(d)).to.include('Parcel 1 of 2');
    expect(text(d)).not.to.include('Estimated delivery');
    const links = [...d.querySelectorAll<HTMLAnchorElement>('a')];
    expect(links.map((a) => a.href)).to.deep.equal(['https://track.example/AP-1']);
    expect(text(d)).to.include('AP-2');
    await expect(panel).to.be.accessible();
    panel.close();
  });

  it('"Report a problem" opens the contact form with that order chosen', async () => {
    const { adapter } = shop([shipped, late]);
    const { c, panel } = await setup(adapter);
    const view = await openOrders(c, panel);
    const button = card(view, '#102').querySelector<HTMLButtonElement>('[part~="report-button"]')!;
    expect(button.getAttribute('aria-label')).to.equal('Report a problem with order #102');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => panel.view === 'contact', 'the contact view');
    await waitUntil(() =>
      root(panel).querySelector('nectar-ticket-form')?.shadowRoot?.querySelector('nectar-order-picker'),
    );
    const form = root(panel).querySelector('nectar-ticket-form')!;
    expect(form.orderRef).to.equal('#102');
    const picker = form.shadowRoot!.querySelector('nectar-order-picker')!;
    await picker.loaded;
    await picker.updateComplete;
    const checked = picker.shadowRoot!.querySelector<HTMLInputElement>('input[type="radio"]:checked');
    expect(checked?.value).to.equal('#102');
    panel.close();
  });

  it('reaches "My orders" with the keyboard (tabs and the order list), fits 320 px', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const { adapter } = shop([shipped, late, delivered]);
      const { panel } = await setup(adapter);
      await panel.show('requests');
      root(panel).querySelector<HTMLElement>('#tab-requests')!.focus();
      await sendKeys({ press: 'ArrowRight' });
      expect(panel.view).to.equal('orders');
      await sendKeys({ press: 'ArrowRight' });
      expect(panel.view).to.equal('answers');
      await sendKeys({ press: 'End' });
      expect(panel.view).to.equal('orders');
      const view = root(panel).querySelector<NectarOrders>('nectar-orders')!;
      await waitUntil(() => cards(view).length === 3, 'listed');
      const scroller = root(panel).querySelector<HTMLElement>('[part~="view"]')!;
      expect(scroller.scrollWidth).to.be.at.most(scroller.clientWidth);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      for (const tab of root(panel).querySelectorAll<HTMLElement>('[part~="tab"]'))
        expect(tab.getBoundingClientRect().right).to.be.at.most(320);
      // Tab goes from the tab list into the orders: the first tracking link, then "Report a problem".
      await sendKeys({ press: 'Tab' });
      expect(deepActive()?.localName).to.equal('a');
      await sendKeys({ press: 'Tab' });
      expect(deepActive()?.getAttribute('aria-label')).to.equal('Report a problem with order #101');
      await expect(panel).to.be.accessible();
      panel.close();
    } finally {
      await setViewport({ width: 1000, height: 800 });
    }
  });

  it('a guest finds an order by number and email; "Report a problem" brings the email along', async () => {
    const { adapter } = shop([], { signedIn: false, guest: { email: 'grace@example.com', order: shipped } });
    const { c, panel } = await setup(adapter);
    const view = await openOrders(c, panel);
    const inputs = [...root(view).querySelectorAll<HTMLInputElement>('input')];
    expect(inputs.map((i) => i.type)).to.deep.equal(['text', 'email']);
    const type = (i: HTMLInputElement, v: string) => {
      i.value = v;
      i.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    };
    const find = root(view).querySelector<HTMLButtonElement>('fieldset button')!;
    find.click();
    await view.updateComplete;
    expect(text(root(view).querySelector('[role="alert"]'))).to.equal('Enter the order number and the email address.');
    type(inputs[0]!, '#101');
    type(inputs[1]!, 'someone@example.com');
    find.click();
    await waitUntil(() => text(root(view).querySelector('[role="alert"]')).includes('found no order'), 'not found');
    expect(inputs[0]!.getAttribute('aria-invalid')).to.equal('true');
    await expect(panel).to.be.accessible();
    type(inputs[1]!, 'Grace@example.com');
    inputs[1]!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => cards(view).length === 1, 'found');
    expect(deepActive()?.localName).to.equal('h3');
    expect(card(view, '#101').querySelector('[part~="tracking-link"]')).not.to.equal(null);
    await expect(panel).to.be.accessible();
    card(view, '#101').querySelector<HTMLButtonElement>('[part~="report-button"]')!.click();
    await waitUntil(() => root(panel).querySelector('nectar-ticket-form'));
    const form = root(panel).querySelector('nectar-ticket-form')!;
    expect(form.orderRef).to.equal('#101');
    expect(form.email).to.equal('Grace@example.com');
    panel.close();
  });

  it('says when the shopper is signed out and there is no guest lookup; a failure offers "Try again"', async () => {
    const signedOut = shop([], { signedIn: false });
    const a = await setup(signedOut.adapter);
    const view = await openOrders(a.c, a.panel);
    expect(text(root(view).querySelector('[role="status"]'))).to.equal(myOrdersMessages.en.signIn);
    a.panel.close();

    const failing = shop([shipped]);
    failing.state.fail = new BackendError('down', 503);
    const b = await setup(failing.adapter);
    const view2 = await openOrders(b.c, b.panel);
    expect(text(root(view2).querySelector('[role="alert"]'))).to.include('We could not load your orders.');
    await expect(b.panel).to.be.accessible();
    failing.state.fail = undefined;
    root(view2).querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    await waitUntil(() => cards(view2).length === 1, 'loaded after retry');
    b.panel.close();
  });

  it('pages through older orders and speaks Simplified Chinese', async () => {
    const many = Array.from({ length: 12 }, (_, i) => order(i + 10, { placedAt: ago(i + 1) }));
    const { adapter } = shop(many);
    const { c, panel } = await setup(adapter, 'zh-CN');
    const view = await openOrders(c, panel);
    expect(text(root(panel).querySelector('#tab-orders'))).to.equal(zhCN.panel.orders);
    expect(cards(view)).to.have.length(10);
    expect(text(cards(view)[0]!.querySelector('[part~="status"]'))).to.equal(zhCN.orders.fulfillment.unfulfilled);
    expect(cards(view)[0]!.querySelector('[part~="report-button"]')!.getAttribute('aria-label')).to.equal(
      myOrdersMessages['zh-CN'].reportProblemWith('#1010'),
    );
    root(view).querySelector<HTMLButtonElement>('.more')!.click();
    await waitUntil(() => cards(view).length === 12, 'the next page');
    expect(root(view).querySelector('.more')).to.equal(null);
    await expect(panel).to.be.accessible();
    panel.close();
  });
});
