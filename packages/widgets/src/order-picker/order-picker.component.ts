import { css, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { enErrors } from '@nectar/core/i18n';
import { live } from 'lit/directives/live.js';
import { isAuthError, isNotFoundError } from '@nectar/core/errors';
import type { Order, CommerceAdapter, NectarClient } from '@nectar/core';
import { NectarElement } from '../internal/nectar-element.ts';
import { orders } from '../i18n/en/orders.ts';
import { baseStyles } from '../internal/styles.ts';
import { errorMessage, type Catalog } from '../i18n/index.ts';

/** One affected item as it goes into the ticket (`TicketDraft.items`). */
export interface PickedItem {
  lineId: string;
  sku?: string;
  title: string;
  quantity: number;
}

export interface OrderPickDetail {
  orderRef: string;
  items: PickedItem[];
}

/** Fired (not bubbling) on the picker when the shopper picks an order or marks items. */
export class OrderPickEvent extends Event {
  readonly detail: OrderPickDetail;
  constructor(detail: OrderPickDetail) {
    super('order-pick');
    this.detail = detail;
  }
}

type State = 'idle' | 'loading' | 'ready' | 'empty' | 'guest' | 'error';

const PAGE = 5;

/**
 * Internal part of `<nectar-ticket-form>`: the shopper's recent orders from the client's
 * commerce adapter as a radio group (number, date, status, first item's image), then the chosen
 * order's lines as checkboxes to mark the affected items. A guest (no signed-in shopper) finds an
 * order by number and email where the adapter supports it. Loading, empty and error states are
 * announced; a failure never blocks the form (the order number field stays usable).
 *
 * Not part of the public API (left out of custom-elements.json): the form renders it, and themes it
 * through the form's `--nectar-*` properties and its `order-picker` part.
 *
 * @internal
 * @csspart orders - The order radio group.
 * @csspart order - One order option.
 * @csspart items - The affected-items group.
 */
export class NectarOrderPicker extends NectarElement {
  static override english = { orders, core: enErrors };
  static override styles = [
    baseStyles,
    css`
      fieldset {
        margin: 0;
        padding: 0;
        border: 0;
        min-width: 0;
        display: grid;
        gap: 0.5rem;
      }
      legend {
        font-weight: 600;
        margin-bottom: 0.25em;
        padding: 0;
      }
      .option {
        display: grid;
        grid-template-columns: auto auto 1fr;
        gap: 0.25rem 0.6rem;
        align-items: center;
        min-height: max(44px, 2.4em);
        padding: 0.5rem 0.75rem;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        cursor: pointer;
      }
      .option:has(input:checked) {
        border-color: var(--_accent);
        box-shadow: inset 0 0 0 1px var(--_accent);
        background: var(--_surface);
      }
      .option input {
        width: 1.25rem;
        height: 1.25rem;
        margin: 0;
        accent-color: var(--_accent);
      }
      img,
      .no-image {
        width: 3rem;
        height: 3rem;
        object-fit: cover;
        border-radius: calc(var(--_radius) / 2);
        background: var(--_surface);
      }
      .text {
        display: grid;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .title {
        font-weight: 600;
      }
      .meta,
      .hint {
        color: var(--_muted);
        font-size: max(0.9em, var(--nectar-large-text, 0px));
        margin: 0;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
      }
      .row label {
        display: grid;
        flex: 1 1 12rem;
        font-weight: 600;
      }
      input[type='text'],
      input[type='email'] {
        min-height: max(44px, 2.4em);
        padding: 0.5rem 0.65rem;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_bg);
        color: var(--_text);
        font: inherit;
        font-weight: 400;
      }
      .error {
        color: var(--_danger);
        margin: 0;
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    ...NectarElement.properties,
    value: {},
    selectedLines: { attribute: false },
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

  /** The chosen order's number (set by the form from its draft). */
  declare value: string;
  /** Ids of the lines marked as affected. */
  declare selectedLines: string[];

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

  constructor() {
    super();
    this.value = '';
    this.selectedLines = [];
    this._state = 'idle';
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
    // A new client may bring another adapter: load again on the next update.
    this.loadedFor = undefined;
    this.requestUpdate();
    return [];
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const commerce = this.commerce;
    if (commerce && commerce !== this.loadedFor) {
      this.loadedFor = commerce;
      void this.load(commerce);
    }
  }

  /** Resolves when the current load (if any) has settled and rendered. */
  loaded: Promise<void> = Promise.resolve();

  private load(commerce: CommerceAdapter): Promise<void> {
    const gen = ++this.generation;
    this._state = 'loading';
    this._failure = undefined;
    this.loaded = (async () => {
      try {
        const page = await commerce.listOrders({ first: PAGE });
        if (gen !== this.generation) return;
        this._orders = page.orders;
        this._next = page.next;
        this._state = page.orders.length > 0 ? 'ready' : 'empty';
        // The draft's order may be older than the first page: fetch it so it stays chosen.
        if (this.value && !page.orders.some((o) => o.number === this.value)) {
          const chosen = await commerce.getOrder(this.value).catch(() => undefined);
          if (chosen && gen === this.generation) this._orders = [chosen, ...this._orders];
        }
      } catch (error) {
        if (gen !== this.generation) return;
        if (isAuthError(error) && commerce.capabilities.guestLookup && commerce.lookupGuestOrder) {
          this._state = 'guest';
        } else if (isAuthError(error)) {
          this._state = 'idle';
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
      this._orders = [order, ...this._orders.filter((o) => o.id !== order.id)];
      this.pick(order);
    } catch (error) {
      this._guestError = error;
    } finally {
      this._guestBusy = false;
    }
  }

  private pick(order: Order): void {
    this.value = order.number;
    this.selectedLines = order.lines.length === 1 ? [order.lines[0]!.id] : [];
    this.emit(order);
  }

  private toggleLine(order: Order, lineId: string, on: boolean): void {
    const set = new Set(this.selectedLines);
    if (on) set.add(lineId);
    else set.delete(lineId);
    this.selectedLines = order.lines.filter((l) => set.has(l.id)).map((l) => l.id);
    this.emit(order);
  }

  private emit(order: Order): void {
    const items = order.lines
      .filter((l) => this.selectedLines.includes(l.id))
      .map((l) => ({ lineId: l.id, title: l.title, quantity: l.quantity, ...(l.sku ? { sku: l.sku } : {}) }));
    this.dispatchEvent(new OrderPickEvent({ orderRef: order.number, items }));
  }

  private date(iso: string): string {
    const d = new Date(iso);
    return Number.isNaN(d.getTime())
      ? iso
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

  override render(): TemplateResult | typeof nothing {
    if (!this.commerce) return nothing;
    const m = this.localize.messages;
    const o = m.orders;
    switch (this._state) {
      case 'idle':
        return nothing;
      case 'loading':
        return html`<p class="hint" role="status">${o.loading}</p>`;
      case 'error':
        return html`<div role="alert">
          <p class="error">${o.error}</p>
          <p class="hint">${errorMessage(m, this._failure)} ${o.typeInstead}</p>
          <button type="button" @click=${() => this.commerce && this.load(this.commerce)}>${o.retry}</button>
        </div>`;
      case 'empty':
        return html`<p class="hint" role="status">${o.empty} ${o.typeInstead}</p>`;
      case 'guest':
        return html`${this.renderGuest(m)} ${this._orders.length ? this.renderOrders(m) : nothing}`;
      case 'ready':
        return this.renderOrders(m);
    }
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
    return html`<fieldset>
      <legend>${o.guestLegend}</legend>
      <p class="hint">${o.guestHint}</p>
      <div class="row">
        <label>
          ${o.guestNumber}
          <input
            type="text"
            autocomplete="off"
            .value=${live(this._guestNumber)}
            aria-invalid=${message ? 'true' : 'false'}
            aria-describedby=${message ? 'guest-error' : nothing}
            @input=${(e: Event) => (this._guestNumber = (e.target as HTMLInputElement).value)}
            @keydown=${this.onGuestKey}
          />
        </label>
        <label>
          ${o.guestEmail}
          <input
            type="email"
            autocomplete="email"
            .value=${live(this._guestEmail)}
            aria-invalid=${message ? 'true' : 'false'}
            aria-describedby=${message ? 'guest-error' : nothing}
            @input=${(e: Event) => (this._guestEmail = (e.target as HTMLInputElement).value)}
            @keydown=${this.onGuestKey}
          />
        </label>
        <button type="button" ?disabled=${this._guestBusy} @click=${this.findGuestOrder}>
          ${this._guestBusy ? o.guestSearching : o.guestFind}
        </button>
      </div>
      ${message ? html`<p class="error" id="guest-error" role="alert">${message}</p>` : nothing}
    </fieldset>`;
  }

  /** Enter in a guest field looks the order up instead of submitting the whole ticket form. */
  private onGuestKey(e: KeyboardEvent): void {
    if (e.key === 'Enter') {
      e.preventDefault();
      void this.findGuestOrder();
    }
  }

  private renderOrders(m: Catalog): TemplateResult {
    const o = m.orders;
    const chosen = this._orders.find((x) => x.number === this.value);
    return html`<fieldset part="orders">
        <legend>${o.legend}</legend>
        ${this._orders.map((order) => {
          const first = order.lines[0];
          const others = order.lines.length - 1;
          return html`<label class="option" part="order">
            <input
              type="radio"
              name="order"
              value=${order.number}
              .checked=${live(order.number === this.value)}
              @change=${() => this.pick(order)}
            />
            ${first?.image ? html`<img src=${first.image} alt="" loading="lazy" />` : html`<span class="no-image"></span>`}
            <span class="text">
              <span class="title">${o.orderNumber(order.number)}</span>
              <span class="meta"
                >${o.placed(this.date(order.placedAt))} ·
                ${order.status === 'cancelled' ? o.cancelled : o.fulfillment[order.fulfillment]}</span
              >
              <span class="meta"
                >${first ? (others > 0 ? o.firstItemAndMore(first.title, others) : first.title) : ''} ·
                ${this.money(order.total)}</span
              >
            </span>
          </label>`;
        })}
        ${
          this._next
            ? html`<button type="button" ?disabled=${this._more} @click=${this.more}>
                ${this._more ? m.orders.loading : o.more}
              </button>`
            : nothing
        }
      </fieldset>
      ${chosen && chosen.lines.length > 0 ? this.renderLines(m, chosen) : nothing}`;
  }

  private renderLines(m: Catalog, order: Order): TemplateResult {
    const o = m.orders;
    return html`<fieldset part="items">
      <legend>${o.itemsLegend(order.number)}</legend>
      <p class="hint">${o.itemsHint}</p>
      ${order.lines.map(
        (line) =>
          html`<label class="option">
            <input
              type="checkbox"
              value=${line.id}
              .checked=${live(this.selectedLines.includes(line.id))}
              @change=${(e: Event) => this.toggleLine(order, line.id, (e.target as HTMLInputElement).checked)}
            />
            ${line.image ? html`<img src=${line.image} alt="" loading="lazy" />` : html`<span class="no-image"></span>`}
            <span class="text">
              <span class="title">${line.title}</span>
              <span class="meta"
                >${o.quantity(this.localize.number(line.quantity))}${line.sku ? ` · ${line.sku}` : ''}</span
              >
            </span>
          </label>`,
      )}
    </fieldset>`;
  }
}
