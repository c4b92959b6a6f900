import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { NectarClient, TicketDraft, Unsubscribe } from '@nectar/core';
import { NectarElement } from '../internal/nectar-element.ts';
import { panel } from '../i18n/en/panel.ts';
import { baseStyles, largeText } from '../internal/styles.ts';
import { NectarCloseEvent, NectarOpenEvent } from '../events.ts';
import '../answers/answers.ts';
import { panelStyles } from './panel.styles.ts';

export type PanelView = 'answers' | 'contact' | 'requests' | 'orders';
/** Where the shopper's "Larger text" choice is remembered (`large` or `normal`). */
const TEXT_SIZE = 'nectar.text-size';
const VIEWS: PanelView[] = ['answers', 'contact', 'requests', 'orders'];
const asView = (v: unknown): PanelView | undefined => (VIEWS.includes(v as PanelView) ? (v as PanelView) : undefined);
/**
 * The answers view is the default, so its code comes with the panel's; the other views' code is imported the first
 * time each opens (a failed import is tried again the next time).
 */
const VIEW_CODE: Partial<Record<PanelView, () => Promise<unknown>>> = {
  contact: () => import('../ticket-form/ticket-form.ts'),
  requests: () => import('../ticket-list/ticket-list.ts'),
  orders: () => import('../orders/orders.ts'),
};

/** The contact view's form: its draft key (one draft per order) and its prefill. */
interface ContactSetup {
  key: string;
  prefill: Partial<TicketDraft>;
  generation: number;
}

/** The element that has focus, looking into shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el as HTMLElement | null;
}

/**
 * The one entry of the service loop, in a native modal `<dialog>` (focus stays inside, Esc closes,
 * focus returns to what opened it): self-service answers first (`<nectar-answers>`), the contact
 * form (`<nectar-ticket-form>`), the shopper's requests (`<nectar-ticket-list>` →
 * `<nectar-ticket-status>`), and — when the client has a commerce adapter — "My orders" (their orders with
 * parcels, tracking links and a late flag; "Report a problem" opens the form with the order chosen). "Talk to
 * a person" is visible in every view. Full-screen on phones (≤ 480 px). Opened by `<nectar-launcher>`, by
 * `nectar.open(view?, prefill?)` and by `show()`;
 * `nectar.close()` or `close()` closes it.
 *
 * The events of the widgets inside it (they are `composed`) reach the panel's listeners too: the contact
 * form's `nectar-submit`, `nectar-queued` and `nectar-error`, the requests' ratings (`nectar-feedback`).
 * Check `event.target === panel` (or `detail.view`) to tell the panel's own `nectar-open`/`nectar-close`
 * from theirs.
 *
 * @summary The one entry: answers first, the contact form, and the shopper's requests, in a modal dialog.
 *
 * @event nectar-open - The panel opened; `detail.view` is the view shown (`answers`, `contact`, `requests` or `orders`). Also bubbles from the contact form when the shopper opens the new ticket's status (`detail.view` `'ticket-status'`).
 * @event nectar-close - The panel closed; `detail.view` is the view it showed. Also bubbles from a rating inside the requests view that the shopper closed (`detail.view` `'csat'`).
 * @event nectar-submit - From the contact form: a ticket reached the service; `detail.ticket` is its receipt.
 * @event nectar-queued - From the contact form: no connection, the ticket waits in the outbox; `detail.localId` identifies it.
 * @event nectar-error - From a view: a search, a submit or loading the requests failed; `detail.error` is the typed error, `detail.code` its code.
 * @event nectar-feedback - From the requests view: the shopper rated a resolved ticket (`detail.kind` `'csat'`).
 *
 * @csspart dialog - The `<dialog>` element.
 * @csspart base - The panel's surface.
 * @csspart heading - The title.
 * @csspart text-size-button - "Larger text" (a toggle, remembered on the device in `localStorage` `nectar.text-size`).
 * @csspart close-button - The close button.
 * @csspart tabs - The view switcher (a tab list).
 * @csspart tab - One view's tab.
 * @csspart view - The area that shows the current view.
 * @csspart contact-button - "Talk to a person", in every view.
 *
 * @cssprop --nectar-launcher-offset-x - Distance from the edge on wide screens (as the launcher's).
 * @cssprop --nectar-launcher-offset-y - Distance from the bottom on wide screens; the panel sits above the launcher.
 * @cssprop --nectar-color-accent - Buttons, the current tab and focus rings.
 * @cssprop --nectar-color-on-accent - Text of "Talk to a person".
 * @cssprop --nectar-color-text - Text.
 * @cssprop --nectar-color-muted - The hint above "Talk to a person".
 * @cssprop --nectar-color-background - Background.
 * @cssprop --nectar-color-surface - The tab list.
 * @cssprop --nectar-color-border - Separators.
 * @cssprop [--nectar-radius=0.5rem] - Corner radius of the buttons and the tab list; the dialog's own corners default to `0.75rem`.
 * @cssprop --nectar-spacing - Base spacing.
 * @cssprop --nectar-font-family - Font.
 * @cssprop --nectar-font-size - Base font size (everything scales with it).
 * @cssprop --nectar-large-text - Large text's body size (set by `text-size="large"`, default `max(20px, 1.25rem)`); set, it also lifts hints and targets (≥ 48 px).
 */
export class NectarPanel extends NectarElement {
  static override english = { panel };
  static override styles = [baseStyles, panelStyles];

  static override properties: PropertyDeclarations = {
    ...NectarElement.properties,
    view: { reflect: true },
    placement: { reflect: true },
    _visited: { state: true },
    _contact: { state: true },
  };

  /** The view shown: `answers` (default), `contact`, `requests` or `orders` ("My orders", with a commerce adapter). */
  declare view: PanelView;
  /** Where on wide screens: `bottom-end` (default) or `bottom-start` (as the launcher). */
  declare placement: 'bottom-end' | 'bottom-start';

  declare private _visited: ReadonlySet<PanelView>;
  declare private _contact: ContactSetup;

  private opener: HTMLElement | null = null;

  constructor() {
    super();
    this.view = 'answers';
    this.placement = 'bottom-end';
    this._visited = new Set(['answers']);
    this._contact = { key: 'default', prefill: {}, generation: 0 };
  }

  /** Whether the panel is open. */
  get open(): boolean {
    return !!this.dialog?.open;
  }

  private get dialog(): HTMLDialogElement | null | undefined {
    return this.renderRoot?.querySelector('dialog');
  }

  protected override subscribeClient(client: NectarClient): Unsubscribe[] {
    return [
      client.on('open', ({ view, prefill }) => void this.show(asView(view), prefill)),
      client.on('close', () => this.close()),
    ];
  }

  /**
   * Opens the panel at `view` (default: the view shown last, at first `answers`); `prefill` fills the
   * contact form (an `orderRef` gives that order its own draft). `opener` gets the focus back on
   * close (default: what had focus).
   */
  async show(view?: PanelView, prefill?: Partial<TicketDraft>, opener?: HTMLElement): Promise<void> {
    const next = asView(view) ?? this.view;
    if (next === 'contact' && (prefill || (view && !this.open))) {
      // A fresh form each time it is asked for (its draft is kept per order, so nothing typed is lost).
      const ref = prefill?.orderRef?.trim();
      const key = ref ? `order-${ref.replace(/\W/g, '')}` : 'default';
      this._contact = { key, prefill: prefill ?? {}, generation: this._contact.generation + 1 };
    }
    this.select(next);
    const wasOpen = this.open;
    if (!wasOpen) this.opener = opener ?? deepActiveElement();
    await this.updateComplete;
    const dialog = this.dialog;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    this.focusView();
    if (!wasOpen) this.dispatchEvent(new NectarOpenEvent({ view: next }));
  }

  /** Closes the panel (focus returns to what opened it). */
  close(): void {
    // A dialog that is not open ignores close().
    this.dialog?.close();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The shopper's "Larger text" choice, remembered on this device, wins over the page's.
    try {
      const size = localStorage.getItem(TEXT_SIZE);
      if (size) this.setAttribute('text-size', size);
    } catch {
      // No storage: the page's choice.
    }
  }

  /** "Larger text" pressed (Lit calls it with the panel as `this`). */
  private toggleTextSize(): void {
    const size = largeText(this) ? 'normal' : 'large';
    this.setAttribute('text-size', size);
    this.requestUpdate();
    try {
      localStorage.setItem(TEXT_SIZE, size);
    } catch {
      // Not remembered: this page only.
    }
  }

  private select(view: PanelView): void {
    this.view = view;
    if (!this._visited.has(view)) this._visited = new Set([...this._visited, view]);
    void VIEW_CODE[view]?.().catch(() => undefined);
  }

  /** Shows `view` and focuses it (with `tab`, its tab: the shopper is moving through the tab list). */
  private async switchTo(view: PanelView, tab?: boolean): Promise<void> {
    this.select(view);
    await this.updateComplete;
    this.focusView(tab);
  }

  /** Focuses the search box on answers, else (or with `tab`) the current view's tab. */
  private focusView(tab?: boolean): void {
    this.renderRoot
      .querySelector<HTMLElement>(this.view === 'answers' && !tab ? 'nectar-answers' : `#tab-${this.view}`)
      ?.focus();
  }

  private onClose = (): void => {
    this.dispatchEvent(new NectarCloseEvent({ view: this.view }));
    // An opener no longer in the page cannot take focus (focus() does nothing).
    this.opener?.focus();
    this.opener = null;
  };

  /** `<nectar-answers>` "Contact us" (and any child asking for a view). */
  private onChildOpen = (e: NectarOpenEvent): void => {
    const view = asView(e.detail.view);
    if (!e.cancelable || !view || e.target === this) return;
    e.preventDefault();
    e.stopPropagation();
    // With a prefill (the answers' hand-off: search text and article), a fresh form that starts with it.
    void (e.detail.prefill ? this.show(view, e.detail.prefill) : this.switchTo(view));
  };

  private onTabKey(e: KeyboardEvent): void {
    // "My orders" only when the client has a commerce adapter.
    const views = VIEWS.slice(0, this.activeClient?.commerce ? 4 : 3);
    const n = views.length;
    const i = views.indexOf(this.view);
    // Another key: undefined % n is NaN, no view.
    const next =
      views[({ ArrowRight: i + 1, ArrowLeft: i + n - 1, Home: 0, End: n - 1 } as Record<string, number>)[e.key]! % n];
    if (!next) return;
    e.preventDefault();
    void this.switchTo(next, true);
  }

  override render(): TemplateResult {
    const m = this.localize.messages;
    const p = m.panel;
    const c = this._contact;
    const large = largeText(this);
    const tab = (view: PanelView, label: string) =>
      html`<button
        type="button"
        role="tab"
        part="tab"
        id="tab-${view}"
        aria-controls="view-${view}"
        aria-selected=${this.view === view}
        tabindex=${this.view === view ? 0 : -1}
        @click=${() => void this.switchTo(view, true)}
      >
        ${label}
      </button>`;
    const pane = (view: PanelView, content: () => TemplateResult) =>
      this._visited.has(view)
        ? html`<div role="tabpanel" id="view-${view}" aria-labelledby="tab-${view}" ?hidden=${this.view !== view}>
            ${content()}
          </div>`
        : nothing;
    return html`<dialog part="dialog" aria-labelledby="title" @close=${this.onClose}>
      <div part="base" lang=${this.localize.locale}>
        <header>
          <h2 id="title" part="heading">${p.title}</h2>
          <button type="button" part="text-size-button" aria-pressed=${large} @click=${this.toggleTextSize}>
            ${p.largerText}
          </button>
          <button type="button" part="close-button" aria-label=${p.close} @click=${this.close}>
            <span aria-hidden="true">×</span>
          </button>
        </header>
        <div role="tablist" part="tabs" aria-label=${p.views} @keydown=${this.onTabKey}>
          ${tab('answers', p.answers)} ${tab('contact', p.contact)} ${tab('requests', p.requests)}
          ${this.activeClient?.commerce && tab('orders', p.orders)}
        </div>
        <div part="view" @nectar-open=${this.onChildOpen}>
          ${pane('answers', () => html`<nectar-answers .client=${this.client} lang=${this.lang || nothing}></nectar-answers>`)}
          ${pane(
            'contact',
            () =>
              html`${keyed(
                `${c.key}:${c.generation}`,
                html`<nectar-ticket-form
                  .client=${this.client}
                  lang=${this.lang || nothing}
                  theme=${this.theme}
                  draft-key=${c.key}
                  text-size=${large ? nothing : 'normal'}
                  order-ref=${c.prefill.orderRef ?? nothing}
                  category=${c.prefill.category ?? nothing}
                  email=${c.prefill.contact?.email ?? nothing}
                  .prefill=${c.prefill}
                ></nectar-ticket-form>`,
              )}`,
          )}
          ${pane(
            'requests',
            () =>
              html`<nectar-ticket-list
                .client=${this.client}
                lang=${this.lang || nothing}
                theme=${this.theme}
              ></nectar-ticket-list>`,
          )}
          ${pane(
            'orders',
            () =>
              html`<nectar-orders
                .client=${this.client}
                lang=${this.lang || nothing}
                theme=${this.theme}
              ></nectar-orders>`,
          )}
        </div>
        <footer>
          <p>${p.humanHint}</p>
          <button type="button" class="primary" part="contact-button" @click=${() => void this.switchTo('contact')}>
            ${p.talkToPerson}
          </button>
        </footer>
      </div>
    </dialog>`;
  }
}
