import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { enErrors } from '@nectar/core/i18n';
import { isAuthError, isNotFoundError } from '@nectar/core/errors';
import {
  DELIVERY_WINDOW_DAYS,
  isLate,
  trackingUrl,
  type CommerceAdapter,
  type NectarClient,
  type Order,
  type Shipment,
} from '@nectar/core';
import { NectarElement } from '../internal/nectar-element.ts';
import { baseStyles } from '../internal/styles.ts';
import { orders } from '../i18n/en/orders.ts';
import { errorMessage, hasCatalog, type Catalog } from '../i18n/index.ts';
import { myOrdersMessages, type MyOrdersMessages } from '../i18n/my-orders.ts';
import { ordersStyles } from './orders.styles.ts';

type State = 'loading' | 'ready' | 'empty' | 'guest' | 'signed-out' | 'error';

const PAGE = 10;
const DAY = 86_400_000;

/**
 * Internal view of `<nectar-panel>` ("My orders", shown when the client has a commerce adapter): the
 * signed-in shopper's recent orders, newest first, each with its status, its parcels (carrier, tracking
 * number linked to the carrier's page, shipped, delivered, estimated delivery) and a "Late" flag by the
 * core's `isLate` (the nudge engine's `order_late` rule). "Report a problem" opens the contact form with
 * that order chosen (`nectar.open('contact', { orderRef })`). A guest (the adapter answers `AuthError`)
 * finds an order by its number and email where the adapter supports it (`lookupGuestOrder`).
 *
 * Not part of the public API (left out of custom-elements.json): the panel renders it and themes it through
 * its `--nectar-*` properties.
 *
 * @internal
 * @csspart list - The list of orders.
 * @csspart order - One order.
 * @csspart status - An order's status.
 * @csspart late-badge - "Late".
 * @csspart shipment - One parcel.
 * @csspart tracking-link - A parcel's tracking link.
 * @csspart report-button - "Report a problem".
 */
export class NectarOrders extends NectarElement {
  static override english = { orders, core: enErrors };
  static override styles = [baseStyles, ordersStyles];

  static override properties: PropertyDeclarations = {
    ...NectarElement.properties,
    deliveryWindowDays: { type: Number, attribute: 'delivery-window-days' },
    _state: { state: true },
    _orders: { state: true },
    _next: { state: true },
    _failure: { state: true },
    _more: { state: true },
    _guestNumber: { state: true },
    _guestEmail: { state: true },
    _guestError: { state: true },
    _guestBusy: { state: true },
  };

  /** Days after which an order without the shop's own delivery estimate is late (as the nudge engine's). */
  declare deliveryWindowDays: number;

  declare private _state: State;
  declare private _orders: Order[];
  declare private _next: string | null;
  declare private _failure: unknown;
  declare private _more: boolean;
  declare private _guestNumber: string;
  declare private _guestEmail: string;
  declare private _guestError: unknown;
  declare private _guestBusy: boolean;

  private loadedFor: CommerceAdapter | undefined;
  private generation = 0;
  /** The email a guest found their order with (it fills the contact form's email). */
  private guestEmail = '';

  /** Resolves when the current load (if any) has settled and rendered. */
  loaded: Promise<void> = Promise.resolve();

  constructor() {
    super();
    this.deliveryWindowDays = DELIVERY_WINDOW_DAYS;
    this._state = 'loading';
    this._orders = [];
    this._next = null;
    this._failure = undefined;
    this._more = false;
    this._guestNumber = '';
    this._guestEmail = '';
    this._guestError = undefined;
    this._guestBusy = false;
  }

  private get commerce(): CommerceAdapter | undefined {
    return this.activeClient?.commerce;
  }

  protected override subscribeClient(_client: NectarClient) {
    this.loadedFor = undefined;
    this.requestUpdate();
    return [];
  }

  /**
   * Loads when the client's adapter is new. Here rather than in `willUpdate`: the client controller settles the
   * client in `hostUpdate`, between the two — a client given before this element's code loaded (the panel renders
   * it first, then imports it) becomes the active one only then.
   */
  protected override update(changed: PropertyValues): void {
    const commerce = this.commerce;
    if (commerce && commerce !== this.loadedFor) {
      this.loadedFor = commerce;
      void this.load(commerce);
    }
    super.update(changed);
  }

  /** Loads the first page again. */
  refresh(): Promise<void> {
    const commerce = this.commerce;
    return commerce ? this.load(commerce) : Promise.resolve();
  }

  private load(commerce: CommerceAdapter): Promise<void> {
    const gen = ++this.generation;
    if (!this._orders.length) this._state = 'loading';
    this._failure = undefined;
    this.loaded = (async () => {
      try {
        const page = await commerce.listOrders({ first: PAGE });
        if (gen !== this.generation) return;
        this._orders = page.orders;
        this._next = page.next;
        this._state = page.orders.length ? 'ready' : 'empty';
      } catch (error) {
        if (gen !== this.generation) return;
        if (isAuthError(error)) {
          this._state = commerce.capabilities.guestLookup && commerce.lookupGuestOrder ? 'guest' : 'signed-out';
        } else {
          this._failure = error;
          this._state = 'error';
        }
      }
      await this.updateComplete;
    })();
    return this.loaded;
  }

  private async more(): Promise<void> {
    const commerce = this.commerce;
    if (!commerce || !this._next || this._more) return;
    this._more = true;
    try {
      const page = await commerce.listOrders({ first: PAGE, after: this._next });
      const known = new Set(this._orders.map((o) => o.id));
      this._orders = [...this._orders, ...page.orders.filter((o) => !known.has(o.id))];
      this._next = page.next;
    } catch (error) {
      this._failure = error;
    } finally {
      this._more = false;
    }
  }

  private async findGuestOrder(): Promise<void> {
    const commerce = this.commerce;
    if (!commerce?.lookupGuestOrder || this._guestBusy) return;
    const orderNumber = this._guestNumber.trim();
    const email = this._guestEmail.trim();
    if (!orderNumber || !email) {
      this._guestError = 'required';
      return;
    }
    this._guestBusy = true;
    this._guestError = undefined;
    try {
      const order = await commerce.lookupGuestOrder({ orderNumber, email });
      this.guestEmail = email;
      this._orders = [order, ...this._orders.filter((o) => o.id !== order.id)];
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="order"] h3')?.focus();
    } catch (error) {
      this._guestError = error;
    } finally {
      this._guestBusy = false;
    }
  }

  /** "Report a problem": the panel (any widget listening to the client) opens the form with the order chosen. */
  private report(order: Order): void {
    const email = this._state === 'guest' ? this.guestEmail : '';
    this.activeClient?.open('contact', { orderRef: order.number, ...(email ? { contact: { email } } : {}) });
  }

  private get strings(): MyOrdersMessages {
    const locale = this.localize.locale;
    return hasCatalog(locale) ? myOrdersMessages[locale] : myOrdersMessages.en;
  }

  private date(iso: string | number): string {
    const d = new Date(iso);
    return Number.isNaN(d.getTime())
      ? String(iso)
      : new Intl.DateTimeFormat(this.localize.locale, { dateStyle: 'medium' }).format(d);
  }

  private money(total: Order['total']): string {
    try {
      return new Intl.NumberFormat(this.localize.locale, { style: 'currency', currency: total.currency }).format(
        Number(total.amount),
      );
    } catch {
      return `${total.amount} ${total.currency}`;
    }
  }

  /**
   * When the order should arrive: the shop's own estimate (the latest parcel's), else — for an order still on
   * its way — the delivery window after it was placed (the date `isLate` goes by).
   */
  private estimate(order: Order): number | undefined {
    if (order.status === 'cancelled' || order.fulfillment === 'delivered') return undefined;
    if (order.shipments.length && order.shipments.every((s) => s.deliveredAt)) return undefined;
    const estimates = order.shipments.flatMap((s) =>
      s.estimatedDeliveryAt ? [Date.parse(s.estimatedDeliveryAt)] : [],
    );
    return estimates.length ? Math.max(...estimates) : Date.parse(order.placedAt) + this.deliveryWindowDays * DAY;
  }

  override render(): TemplateResult {
    const m = this.localize.messages;
    const s = this.strings;
    const o = m.orders;
    let body: TemplateResult;
    // Without a commerce adapter (`nectar.open('orders')` on a shop that has none) there is nothing to list.
    switch (this.commerce ? this._state : 'signed-out') {
      case 'loading':
        body = html`<p class="hint" role="status">${o.loading}</p>`;
        break;
      case 'error':
        body = html`<div role="alert">
          <p class="error">${o.error}</p>
          <p class="hint">${errorMessage(m, this._failure)}</p>
          <button type="button" @click=${() => void this.refresh()}>${o.retry}</button>
        </div>`;
        break;
      case 'empty':
        body = html`<p class="hint" role="status">${s.empty}</p>`;
        break;
      case 'signed-out':
        body = html`<p class="hint" role="status">${s.signIn}</p>`;
        break;
      case 'guest':
        body = html`${this.renderGuest(m)} ${this._orders.length ? this.renderOrders(m, s) : nothing}`;
        break;
      case 'ready':
        body = this.renderOrders(m, s);
    }
    return html`<section part="base" aria-labelledby="heading" lang=${this.localize.locale}>
      <h2 id="heading" class="visually-hidden">${s.heading}</h2>
      ${body}
    </section>`;
  }

  private renderGuest(m: Catalog): TemplateResult {
    const o = m.orders;
    const error = this._guestError;
    const message =
      error === 'required'
        ? o.guestRequired
        : isNotFoundError(error)
          ? o.guestNotFound
          : error
            ? errorMessage(m, error)
            : '';
    const input = (type: 'text' | 'email', label: string, value: string, set: (v: string) => void) =>
      html`<label>
        ${label}
        <input
          type=${type}
          autocomplete=${type === 'email' ? 'email' : 'off'}
          .value=${live(value)}
          aria-invalid=${message ? 'true' : 'false'}
          aria-describedby=${message ? 'guest-error' : nothing}
          @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void this.findGuestOrder();
            }
          }}
        />
      </label>`;
    return html`<fieldset>
      <legend>${o.guestLegend}</legend>
      <p class="hint">${o.guestHint}</p>
      <div class="row">
        ${input('text', o.guestNumber, this._guestNumber, (v) => (this._guestNumber = v))}
        ${input('email', o.guestEmail, this._guestEmail, (v) => (this._guestEmail = v))}
        <button type="button" ?disabled=${this._guestBusy} @click=${this.findGuestOrder}>
          ${this._guestBusy ? o.guestSearching : o.guestFind}
        </button>
      </div>
      ${message ? html`<p class="error" id="guest-error" role="alert">${message}</p>` : nothing}
    </fieldset>`;
  }

  private renderOrders(m: Catalog, s: MyOrdersMessages): TemplateResult {
    const o = m.orders;
    return html`<ul part="list" aria-labelledby="heading">
        ${this._orders.map((order) => this.renderOrder(m, s, order))}
      </ul>
      ${
        this._failure && this._state === 'ready'
          ? html`<p class="error" role="alert">${o.error} ${errorMessage(m, this._failure)}</p>`
          : nothing
      }
      ${
        this._next
          ? html`<button type="button" class="more" ?disabled=${this._more} @click=${this.more}>
              ${this._more ? o.loading : o.more}
            </button>`
          : nothing
      }`;
  }

  private renderOrder(m: Catalog, s: MyOrdersMessages, order: Order): TemplateResult {
    const o = m.orders;
    const late = isLate(order, { deliveryWindowDays: this.deliveryWindowDays });
    const first = order.lines[0];
    const others = order.lines.length - 1;
    const id = `order-${order.id.replace(/[^\w-]/g, '')}`;
    const due = this.estimate(order);
    const parcels = order.shipments;
    return html`<li part="order" class=${late ? 'late' : ''}>
      <div class="top">
        <h3 id=${id} tabindex="-1">${o.orderNumber(order.number)}</h3>
        <span part="status">${order.status === 'cancelled' ? o.cancelled : o.fulfillment[order.fulfillment]}</span>
        ${late ? html`<strong part="late-badge">${s.late}</strong>` : nothing}
      </div>
      <p class="meta">${o.placed(this.date(order.placedAt))} · ${s.total(this.money(order.total))}</p>
      ${first ? html`<p>${others > 0 ? o.firstItemAndMore(first.title, others) : first.title}</p>` : nothing}
      ${late ? html`<p class="late-hint">${s.lateHint}</p>` : nothing}
      ${parcels.map((p, i) => this.renderShipment(s, p, parcels.length > 1 ? s.parcel(i + 1, parcels.length) : ''))}
      ${
        due !== undefined
          ? html`<dl>
              <dt>${s.estimatedDelivery}</dt>
              <dd>${this.date(due)}</dd>
            </dl>`
          : nothing
      }
      ${
        !parcels.length && order.status !== 'cancelled' && order.fulfillment !== 'delivered'
          ? html`<p class="hint">${s.notShipped}</p>`
          : nothing
      }
      <button
        type="button"
        part="report-button"
        aria-label=${s.reportProblemWith(order.number)}
        @click=${() => this.report(order)}
      >
        ${s.reportProblem}
      </button>
    </li>`;
  }

  private renderShipment(s: MyOrdersMessages, shipment: Shipment, title: string): TemplateResult {
    const url = trackingUrl(shipment);
    const number = shipment.trackingNumber;
    return html`<div part="shipment">
      ${title ? html`<h4>${title}</h4>` : nothing}
      <dl>
        ${
          shipment.carrier
            ? html`<dt>${s.carrier}</dt>
                <dd>${shipment.carrier}</dd>`
            : nothing
        }
        ${
          number || url
            ? html`<dt>${s.tracking}</dt>
                <dd>
                  ${
                    url
                      ? html`<a part="tracking-link" href=${url} target="_blank" rel="noopener noreferrer"
                          >${number ?? s.tracking}<span class="visually-hidden"> ${s.newTab}</span></a
                        >`
                      : number
                  }
                </dd>`
            : nothing
        }
        ${
          shipment.shippedAt
            ? html`<dt>${s.shipped}</dt>
                <dd>${this.date(shipment.shippedAt)}</dd>`
            : nothing
        }
        ${
          shipment.deliveredAt
            ? html`<dt>${s.delivered}</dt>
                <dd>${this.date(shipment.deliveredAt)}</dd>`
            : nothing
        }
      </dl>
    </div>`;
  }
}
