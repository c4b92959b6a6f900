import { html, nothing, svg, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { NectarClient, NudgeShown, Unsubscribe } from '@nectar/core';
import { NectarElement } from '../internal/nectar-element.ts';
import { baseStyles } from '../internal/styles.ts';
import { nudge } from '../i18n/en/nudge.ts';
import { NectarNudgeActionEvent, NectarNudgeDismissEvent, NectarNudgeShowEvent } from '../events.ts';
import { nudgeStyles } from './nudge.styles.ts';

type Presentation = NudgeShown['variant'];

/** Where a nudge shows: the element that renders it, how, and for `inline` the target to open an element in. */
interface Placement {
  el: NectarNudge | undefined;
  as: Presentation;
  /** The rule's target holds no nudge element: `el` opens one there. */
  into?: Element;
}

const closeIcon = svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
  <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" fill="none" />
</svg>`;

/** The connected nudge elements, in the order they connected: every one of them agrees on who shows a nudge. */
const connected = new Set<NectarNudge>();
let refreshing = false;
/** An element came or went: each decides again, after the update under way (never inside one). */
function refresh(): void {
  if (refreshing) return;
  refreshing = true;
  queueMicrotask(() => {
    refreshing = false;
    for (const el of connected) el.requestUpdate();
  });
}

/** The element a rule's target selector names; an invalid selector is a missing target. */
function find(selector: string): Element | null {
  try {
    return document.querySelector(selector);
  } catch {
    return null;
  }
}

/** An action's URL, if it is http(s); anything else (`javascript:`, `data:`) is never followed. */
function httpUrl(raw: string | undefined): string | undefined {
  try {
    const url = new URL(raw ?? '', location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Shows the proactive nudges of the client's nudge engine (ARCHITECTURE.md "Nudge rules"): the rule's title,
 * body and up to three actions, a × button and "Don't show this again". The rule decides the presentation.
 * A `toast` is fixed at the bottom right of the window, above the launcher (`--nectar-launcher-offset-x/-y`) and
 * clear of the safe areas. A `banner` is fixed across the top of the window. An `inline` nudge shows inside the
 * element its `target` selector names: a `<nectar-nudge>` already there shows it, otherwise one is opened there
 * and removed when the nudge is done; a missing target falls back to the toast. An `inline` rule without a
 * `target` shows in a `<nectar-nudge>` you placed in your layout (anywhere but directly in `<body>`, where the
 * CDN loader mounts its own), else as a toast.
 *
 * One nudge element is enough per page; several agree on which one shows a nudge. A nudge is announced politely
 * (an `aria-live` region) and never takes focus; Escape closes it while focus is inside, and focus goes back to
 * where it was before it entered the nudge. The actions open the panel (contact form, answers), follow a link
 * (same tab, http(s) only) or show the NPS survey in the nudge's place. A widget connected after a nudge showed
 * renders it at once.
 *
 * @summary Proactive nudges (toast, banner, or inline in a target): title, body, actions, close and "Don't show this again".
 *
 * @attr variant - How the nudge on screen is presented: `toast`, `banner` or `inline` (absent while nothing shows). Set by the widget from the rule, for page styles and tests; setting it changes nothing.
 *
 * @event nectar-nudge-show - A nudge appeared: `detail.ruleId`. Focus did not move.
 * @event nectar-nudge-action - The shopper chose an action: `detail.ruleId`, `detail.action` (the action's `do`: `open_contact`, `open_answers`, `open_answer`, `nps`, `link` or `dismiss`). The `open_*` actions have opened the panel by then.
 * @event nectar-nudge-dismiss - The shopper closed the nudge (× button, Escape, "Don't show this again", or a `dismiss` action): `detail.ruleId`, `detail.forever` (true for "Don't show this again").
 * @event nectar-feedback - From the NPS survey an `nps` action shows: the score, and later the comment, was sent or queued (see `<nectar-nps>`).
 * @event nectar-close - From the NPS survey an `nps` action shows: the shopper closed it; `detail.view` is `'nps'`.
 * @event nectar-error - From the NPS survey an `nps` action shows: sending failed for good; `detail.error` is the typed error.
 *
 * @csspart base - The nudge's box (the same element as `container`; `base` as in every widget).
 * @csspart container - The nudge's box: a region named "Suggestion".
 * @csspart title - The title.
 * @csspart body - The body text.
 * @csspart actions - The row of actions.
 * @csspart action - One action button (the first is the primary one).
 * @csspart never - The "Don't show this again" button.
 * @csspart close - The × button.
 *
 * @cssprop --nectar-color-accent - The first action, the other actions' borders and focus rings.
 * @cssprop --nectar-color-on-accent - The first action's text.
 * @cssprop --nectar-color-text - Text.
 * @cssprop --nectar-color-muted - The × button and "Don't show this again".
 * @cssprop --nectar-color-background - Background of the nudge.
 * @cssprop --nectar-color-border - Border of the nudge.
 * @cssprop --nectar-radius - Corner radius.
 * @cssprop --nectar-spacing - Base spacing.
 * @cssprop --nectar-font-family - Font.
 * @cssprop --nectar-font-size - Base font size (everything scales with it).
 * @cssprop --nectar-z-index - Stacking order of the toast and the banner.
 * @cssprop --nectar-launcher-offset-x - The toast's distance from the sides of the window (the launcher's).
 * @cssprop --nectar-launcher-offset-y - The launcher's distance from the bottom: the toast sits above the launcher.
 */
export class NectarNudge extends NectarElement {
  static override english = { nudge };
  static override styles = [baseStyles, nudgeStyles];

  static override properties: PropertyDeclarations = {
    ...NectarElement.properties,
    _shown: { state: true },
    _nps: { state: true },
  };

  /** The client's nudge on screen, as this element last heard of it. */
  declare private _shown: NudgeShown | undefined;
  /** The NPS survey a `nps` action opened, shown in the nudge's place (how it was presented). */
  declare private _nps: Presentation | undefined;

  /** Opened by another nudge element in a rule's target; removes itself when it has nothing to show. */
  private portal = false;
  /** What this element renders now, and how (set by `render`). */
  private showing: NudgeShown | undefined;
  private as: Presentation = 'toast';
  /** The target to open a nudge element in (set by `render`). */
  private openIn: Element | undefined;
  /** The nudge `nectar-nudge-show` was fired for. */
  private announced: string | undefined;
  /** The rule an action is being taken on: its `nudge-hide` is the action's, handled when `act` returns. */
  private acting: string | undefined;
  /** Where focus was before it entered the nudge: it goes back there when the nudge closes. */
  private returnTo: HTMLElement | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
    refresh();
  }

  protected override subscribeClient(client: NectarClient): Unsubscribe[] {
    this._shown = client.nudges.current() ?? (this.portal ? this._shown : undefined);
    return [
      client.on('nudge-show', (shown) => {
        this._shown = shown;
      }),
      client.on('nudge-hide', ({ ruleId }) => {
        if (this._shown?.ruleId === ruleId && this.acting !== ruleId) this._shown = undefined;
      }),
    ];
  }

  /** Where a nudge shows, among the connected elements of its client. */
  private static place(shown: NudgeShown, client: NectarClient): Placement {
    const mine = [...connected].filter((el) => el.activeClient === client);
    const first = mine.find((el) => !el.portal);
    if (shown.variant === 'inline') {
      if (shown.target) {
        const target = find(shown.target);
        if (target) {
          const inside = mine.find((el) => target.contains(el));
          return inside ? { el: inside, as: 'inline' } : { el: first, as: 'inline', into: target };
        }
      } else {
        const placed = mine.find((el) => !el.portal && el.parentNode !== document.body);
        if (placed) return { el: placed, as: 'inline' };
      }
    }
    return { el: first, as: shown.variant === 'banner' ? 'banner' : 'toast' };
  }

  override render(): TemplateResult {
    const client = this.activeClient;
    const shown = this._shown;
    const where = shown && client ? NectarNudge.place(shown, client) : undefined;
    const mine = where?.el === this;
    this.showing = mine && !where.into && !this._nps ? shown : undefined;
    this.openIn = mine ? where.into : undefined;
    if (this._nps) this.as = this._nps;
    else if (where) this.as = where.as;
    const m = this.localize.messages;
    const s = this.showing;
    return html`<div class=${s || this._nps ? this.as : ''}>
      <div aria-live="polite">
        ${
          s
            ? html`<section
                part="base container"
                aria-label=${m.nudge.region}
                lang=${this.localize.locale}
                @keydown=${(e: KeyboardEvent) => this.onKey(e, s)}
                @focusin=${this.onFocusIn}
              >
                <button type="button" part="close" aria-label=${m.nudge.close} @click=${() => this.dismiss(s)}>
                  ${closeIcon}
                </button>
                <p part="title" lang=${s.locale}>${s.title}</p>
                ${s.body ? html`<p part="body" lang=${s.locale}>${s.body}</p>` : nothing}
                ${
                  s.actions.length
                    ? html`<div part="actions" class="actions" lang=${s.locale}>
                        ${s.actions.map(
                          (a, i) =>
                            html`<button
                              type="button"
                              part="action"
                              class="${i ? '' : 'primary'}"
                              @click=${() => this.act(s, i)}
                            >
                              ${a.label}
                            </button>`,
                        )}
                      </div>`
                    : nothing
                }
                <button type="button" part="never" @click=${() => this.dismiss(s, true)}>${m.nudge.never}</button>
              </section>`
            : nothing
        }
      </div>
      ${
        this._nps
          ? html`<nectar-nps
              force
              .client=${client}
              theme=${this.theme}
              lang=${this.lang || nothing}
              @nectar-close=${() => (this._nps = undefined)}
            ></nectar-nps>`
          : nothing
      }
    </div>`;
  }

  protected override updated(): void {
    // An attribute only (not a reactive property): the rule decides, the page can read and style it.
    if (this.showing || this._nps) this.setAttribute('variant', this.as);
    else this.removeAttribute('variant');
    const id = this.showing?.ruleId;
    if (id !== this.announced) {
      this.announced = id;
      if (id) {
        this.returnTo = undefined;
        this.dispatchEvent(new NectarNudgeShowEvent({ ruleId: id }));
      }
    }
    // `place` asks for one only while the target holds no nudge element of this client (this one is, at once).
    if (this.openIn) {
      // The registered class (another copy of Nectar's, if that one defined the tag first).
      const el = document.createElement('nectar-nudge') as NectarNudge;
      el.portal = true;
      el.client = this.client;
      el._shown = this._shown;
      el.theme = this.theme;
      if (this.lang) el.lang = this.lang;
      this.openIn.append(el);
    }
    if (this.portal && !this.showing && !this._nps && !this.openIn) this.remove();
  }

  private onFocusIn(event: FocusEvent): void {
    const from = event.relatedTarget;
    if (from instanceof HTMLElement && !this.renderRoot.contains(from)) this.returnTo = from;
  }

  private onKey(event: KeyboardEvent, shown: NudgeShown): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    void this.dismiss(shown);
  }

  /** Focus was inside the nudge, which is going: back to where it was before. */
  private async restoreFocus(): Promise<void> {
    const back = this.returnTo;
    await this.updateComplete;
    if (back?.isConnected) back.focus();
  }

  private async dismiss(shown: NudgeShown, forever = false): Promise<void> {
    const focused = !!this.shadowRoot?.activeElement;
    const done = this.activeClient?.nudges.dismiss(shown.ruleId, { forever });
    this._shown = undefined;
    this.dispatchEvent(new NectarNudgeDismissEvent({ ruleId: shown.ruleId, forever }));
    if (focused) await this.restoreFocus();
    await done?.catch(() => undefined);
  }

  private async act(shown: NudgeShown, index: number): Promise<void> {
    const client = this.activeClient;
    const kind = shown.actions[index]?.do;
    if (!client || !kind || this.acting) return;
    const focused = !!this.shadowRoot?.activeElement;
    const as = this.as;
    // The survey's code loads while the click is recorded.
    const survey =
      kind === 'nps'
        ? import('../nps/nps.ts').then(
            () => true,
            () => false,
          )
        : undefined;
    this.acting = shown.ruleId;
    let action: NudgeShown['actions'][number] | undefined;
    try {
      action = await client.nudges.act(shown.ruleId, index);
    } catch {
      // The nudge stays: the shopper can try again or close it.
      return;
    } finally {
      this.acting = undefined;
    }
    if (this._shown?.ruleId === shown.ruleId) this._shown = undefined;
    if (!action) return;
    this.dispatchEvent(new NectarNudgeActionEvent({ ruleId: shown.ruleId, action: action.do }));
    if (action.do === 'link') {
      const url = httpUrl(action.url);
      if (url) location.assign(url);
    } else if (action.do === 'nps' && (await survey)) {
      this._nps = as;
      if (!focused) return;
      await this.updateComplete;
      const nps = this.renderRoot.querySelector('nectar-nps');
      await nps?.updateComplete;
      nps?.shadowRoot?.querySelector<HTMLElement>('[role="radio"][tabindex="0"]')?.focus();
    } else if (action.do === 'dismiss') {
      this.dispatchEvent(new NectarNudgeDismissEvent({ ruleId: shown.ruleId, forever: false }));
      if (focused) await this.restoreFocus();
    }
  }
}
