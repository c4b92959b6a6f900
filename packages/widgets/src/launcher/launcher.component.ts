import { getDefaultClient, onDefaultClient } from '@nectar/core';
import type { NectarClient, TicketDraft, Unsubscribe } from '@nectar/core';
import type { NectarPanel, PanelView } from '../panel/panel.component.ts';
import { matchLocale } from '@nectar/core/locale';
import { launcherMessages } from '../i18n/launcher.ts';
import { launcherCss } from './launcher.styles.ts';
import { countUnread, onSeen } from './unread.ts';

/** How often the unread badge is refreshed while the page is visible (at most). */
export const UNREAD_POLL_MS = 60_000;

let sheet: CSSStyleSheet | undefined;
const loadPanel = () => import('../panel/panel.ts');

// Server rendering (Next.js, React's renderToString) imports this module where there is no DOM: the class is
// defined against a stand-in there and never constructed; in a browser it is HTMLElement itself.
const ElementBase = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

/**
 * The floating help button — the one entry of the service loop. It opens `<nectar-panel>` (answers
 * first, a person one click away, the shopper's requests), creating one at the end of `<body>` when
 * the page has none. `nectar.open(view?, prefill?)` opens it too.
 *
 * Tiny on purpose (no Lit): the panel's code is imported only on hover, focus, click or `open`.
 * The badge counts the shopper's requests with a reply they have not seen (checked when the client
 * is ready, after a ticket is sent, when the panel closes, and at most every 60 s while the page is
 * visible).
 *
 * The launcher fires no events of its own: the panel it opens (at the end of `<body>`, not inside the
 * launcher) fires `nectar-open` and `nectar-close`; listen on `document` or on the panel.
 *
 * @summary The floating help button: opens `<nectar-panel>`, shows an unread badge for replies.
 *
 * @attr {'bottom-end' | 'bottom-start'} placement - Corner of the window: `bottom-end` (default) or `bottom-start`.
 * @attr lang - The label's locale (`en`, `zh-CN`, `zh-TW`, or a tag that falls back to one of them); default: the client's locale, else the browser's language.
 * @attr {'light' | 'dark' | 'auto'} theme - `light`, `dark`, or `auto` (default: follows `prefers-color-scheme`).
 * @attr {'large' | 'normal'} text-size - `large`: a larger label, and the panel the launcher creates gets the same `text-size`.
 *
 * @csspart base - The fixed-position wrapper.
 * @csspart button - The help button.
 * @csspart icon - The icon.
 * @csspart label - The visible label (visually hidden on narrow screens; still the accessible name).
 * @csspart badge - The unread count.
 *
 * @cssprop --nectar-launcher-offset-x - Distance from the left or right edge.
 * @cssprop --nectar-launcher-offset-y - Distance from the bottom edge.
 * @cssprop --nectar-z-index - Stacking order of the button.
 * @cssprop --nectar-color-accent - The button's background.
 * @cssprop --nectar-color-on-accent - The button's text and icon.
 * @cssprop --nectar-color-danger - The badge.
 * @cssprop --nectar-font-family - Font.
 * @cssprop --nectar-font-size - Base font size of the label.
 * @cssprop --nectar-large-text - Large text's size (set by `text-size="large"`, default `max(20px, 1.25rem)`), for the label.
 */
export class NectarLauncher extends ElementBase {
  static observedAttributes = ['lang'];

  /** The client to use; default: the default client (the last one created). */
  get client(): NectarClient | undefined {
    return this._client ?? getDefaultClient();
  }
  set client(value: NectarClient | undefined) {
    this._client = value;
    this.attach();
  }

  /** `bottom-end` (default) or `bottom-start`. */
  get placement(): 'bottom-end' | 'bottom-start' {
    return this.getAttribute('placement') === 'bottom-start' ? 'bottom-start' : 'bottom-end';
  }
  set placement(value: 'bottom-end' | 'bottom-start') {
    this.setAttribute('placement', value);
  }

  /** Number of requests with an unseen reply (what the badge shows). */
  get unread(): number {
    return this._unread;
  }

  private _client: NectarClient | undefined;
  private _unread = 0;
  private readonly button: HTMLButtonElement;
  private readonly label: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly badgeText: HTMLElement;
  private attachedTo: NectarClient | undefined;
  private subscriptions: Unsubscribe[] = [];
  private cleanups: Unsubscribe[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private counting = 0;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(launcherCss);
    }
    root.adoptedStyleSheets = [sheet];
    const base = document.createElement('div');
    base.setAttribute('part', 'base');
    const button = (this.button = document.createElement('button'));
    button.type = 'button';
    button.setAttribute('part', 'button');
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-expanded', 'false');
    // A speech bubble; decorative (the label names the button). (Its question mark cost 0.1 KB on every journey.)
    button.innerHTML =
      '<svg part="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 2C6.5 2 2 5.9 2 10.7c0 2.7 1.4 5.1 3.7 6.7L5 22l4.6-2.6c.8.2 1.6.3 2.4.3 5.5 0 10-3.9 10-8.7S17.5 2 12 2Zm.1 14.2a1.2 1.2 0 1 1 0-2.4 1.2 1.2 0 0 1 0 2.4Zm1.6-5.4c-.7.5-.9.7-.9 1.4v.3h-1.9v-.4c0-1.3.5-1.9 1.4-2.5.6-.4.9-.7.9-1.2 0-.6-.5-1-1.2-1s-1.3.4-1.4 1.2l-1.9-.3C8.9 6.6 10.2 5.6 12.1 5.6c2 0 3.3 1 3.3 2.6 0 1.2-.7 1.9-1.7 2.6Z"/></svg>';
    this.label = document.createElement('span');
    this.label.setAttribute('part', 'label');
    this.badge = document.createElement('span');
    this.badge.setAttribute('part', 'badge');
    this.badge.setAttribute('aria-hidden', 'true');
    this.badge.hidden = true;
    // The count is the button's description, so its name stays "Help".
    this.badgeText = document.createElement('span');
    this.badgeText.id = 'unread';
    this.badgeText.hidden = true;
    button.setAttribute('aria-describedby', 'unread');
    button.append(this.label, this.badge);
    base.append(button, this.badgeText);
    root.append(base);

    button.addEventListener('click', () => void this.open());
    // Warm up: the panel's code starts loading when the shopper is about to click.
    for (const type of ['pointerenter', 'focus', 'touchstart']) {
      button.addEventListener(type, () => void loadPanel().catch(() => undefined), { once: true, passive: true });
    }
  }

  connectedCallback(): void {
    this.render();
    const onPanel = (e: Event) => {
      if ((e.target as Element | null)?.localName !== 'nectar-panel') return;
      const open = e.type === 'nectar-open';
      this.button.setAttribute('aria-expanded', String(open));
      if (!open) void this.refreshUnread();
    };
    document.addEventListener('nectar-open', onPanel);
    document.addEventListener('nectar-close', onPanel);
    const onVisibility = () => this.schedule();
    document.addEventListener('visibilitychange', onVisibility);
    this.cleanups = [
      () => document.removeEventListener('nectar-open', onPanel),
      () => document.removeEventListener('nectar-close', onPanel),
      () => document.removeEventListener('visibilitychange', onVisibility),
      onDefaultClient(() => this.attach()),
      onSeen(() => void this.refreshUnread()),
    ];
    this.attach();
    this.schedule();
  }

  disconnectedCallback(): void {
    for (const fn of this.cleanups.splice(0)) fn();
    this.detach();
    clearInterval(this.timer);
    this.timer = undefined;
  }

  attributeChangedCallback(): void {
    this.render();
  }

  /**
   * Opens the panel (created when the page has none) at `view` (`answers` by default), with `prefill`
   * for the contact form. Resolves once it is open.
   */
  async open(view?: PanelView, prefill?: Partial<TicketDraft>): Promise<void> {
    let panel = document.querySelector('nectar-panel') as NectarPanel | null;
    if (!panel) {
      panel = document.createElement('nectar-panel') as NectarPanel;
      const size = this.getAttribute('text-size');
      if (size) panel.setAttribute('text-size', size);
      document.body.append(panel);
    }
    await loadPanel();
    await customElements.whenDefined('nectar-panel');
    if (this._client && !panel.client) panel.client = this._client;
    await panel.show(view, prefill, this);
  }

  /** Checks the shopper's requests for unseen replies now. */
  async refreshUnread(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const request = ++this.counting;
    try {
      const count = await countUnread(client);
      if (request === this.counting) this.setUnread(count);
    } catch {
      // No storage or no connection: keep the badge as it was.
    }
  }

  private setUnread(count: number): void {
    this._unread = count;
    this.render();
  }

  private render(): void {
    const lang = matchLocale(this.lang || this.client?.locale || navigator.language);
    const m = launcherMessages[lang];
    this.label.textContent = m.label;
    this.label.lang = lang;
    this.badge.textContent = this._unread ? String(this._unread) : '';
    this.badge.hidden = this._unread === 0;
    this.badgeText.textContent = this._unread ? m.unread(this._unread) : '';
  }

  private schedule(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.isConnected || document.visibilityState === 'hidden') return;
    void this.refreshUnread();
    this.timer = setInterval(() => void this.refreshUnread(), UNREAD_POLL_MS);
  }

  private attach(): void {
    const client = this.isConnected ? this.client : undefined;
    if (client === this.attachedTo) return;
    this.detach();
    this.attachedTo = client;
    if (!client) return;
    this.subscriptions = [
      client.on('locale-change', () => this.render()),
      client.on('ticket-sent', () => void this.refreshUnread()),
      client.on('open', ({ view, prefill }) => {
        // A panel that is already defined listens to the client itself.
        if (!customElements.get('nectar-panel') || !document.querySelector('nectar-panel')) {
          void this.open(view as PanelView | undefined, prefill);
        }
      }),
    ];
    this.render();
    void this.refreshUnread();
  }

  private detach(): void {
    for (const stop of this.subscriptions.splice(0)) stop();
    this.attachedTo = undefined;
  }
}
