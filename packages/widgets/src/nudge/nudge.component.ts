import { getDefaultClient, onDefaultClient } from '@nectar/core';
import type { NectarClient, NudgeShown, Unsubscribe } from '@nectar/core';
import { matchLocale } from '@nectar/core/locale';
import type { NectarNps } from '../nps/nps.component.ts';
import { nudgeMessages } from '../i18n/nudge.ts';
import { NectarNudgeActionEvent, NectarNudgeDismissEvent, NectarNudgeShowEvent } from '../events.ts';
import { nudgeCss } from './nudge.styles.ts';

type Presentation = NudgeShown['variant'];

/** Where a nudge shows: the element that renders it, how, and for `inline` the target to open an element in. */
interface Placement {
  el: NectarNudge | undefined;
  as: Presentation;
  /** The rule's target holds no nudge element: `el` opens one there. */
  into?: Element;
}

let sheet: CSSStyleSheet | undefined;
let template: HTMLTemplateElement | undefined;

/** The nudge's box: its controls are filled in per nudge (the rule's text only ever as text, never as markup). */
const BOX = `<section part="base container"><button type="button" part="close"><svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" fill="none"/></svg></button><p part="title"></p><p part="body"></p><div part="actions"></div><button type="button" part="never"></button></section>`;

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

// Server rendering (Next.js, React's renderToString) imports this module where there is no DOM: the class is
// defined against a stand-in there and never constructed; in a browser it is HTMLElement itself.
const ElementBase = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

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
 * Small on purpose (no Lit): a page with a nudge rule loads Lit only if the shopper chooses an `nps` action (the
 * survey is a Lit widget, imported then).
 *
 * @summary Proactive nudges (toast, banner, or inline in a target): title, body, actions, close and "Don't show this again".
 *
 * @attr variant - How the nudge on screen is presented: `toast`, `banner` or `inline` (absent while nothing shows). Set by the widget from the rule, for page styles and tests; setting it changes nothing.
 * @attr lang - The widget's locale (`en`, `zh-CN`, `zh-TW`, or a tag that falls back to one of them); default: the client's locale, else the browser's language.
 * @attr {'light' | 'dark' | 'auto'} theme - `light`, `dark`, or `auto` (default: follows `prefers-color-scheme`).
 * @attr {'large' | 'normal'} text-size - `large`: body text ≥ 20 px, buttons ≥ 48 px; `normal` undoes a page-wide `large`.
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
 * @cssprop --nectar-large-text - Large text's body size (set by `text-size="large"`, default `max(20px, 1.25rem)`); set, it also lifts hints and targets (≥ 48 px).
 * @cssprop --nectar-z-index - Stacking order of the toast and the banner.
 * @cssprop --nectar-launcher-offset-x - The toast's distance from the sides of the window (the launcher's).
 * @cssprop --nectar-launcher-offset-y - The launcher's distance from the bottom: the toast sits above the launcher.
 */
export class NectarNudge extends ElementBase {
  static observedAttributes = ['lang', 'theme'];

  /** The connected nudge elements, in the order they connected: every one of them agrees on who shows a nudge. */
  private static connected = new Set<NectarNudge>();
  private static refreshing = false;

  /** An element came or went: each decides again, after the update under way (never inside one). */
  private static refresh(): void {
    if (NectarNudge.refreshing) return;
    NectarNudge.refreshing = true;
    queueMicrotask(() => {
      NectarNudge.refreshing = false;
      for (const el of NectarNudge.connected) el.update();
    });
  }

  /** The client to use; default: the default client (the last one created). */
  get client(): NectarClient | undefined {
    return this._client ?? getDefaultClient();
  }
  set client(value: NectarClient | undefined) {
    this._client = value;
    this.attach();
  }

  /**
   * `light`, `dark`, or `auto` (follows `prefers-color-scheme`).
   * @default 'auto'
   * @reflect
   */
  get theme(): 'light' | 'dark' | 'auto' {
    const theme = this.getAttribute('theme');
    return theme === 'light' || theme === 'dark' ? theme : 'auto';
  }
  set theme(value: 'light' | 'dark' | 'auto') {
    this.setAttribute('theme', value);
  }

  private _client: NectarClient | undefined;
  /** The client this element listens to (the `client` property's, else the default one), while connected. */
  private attachedTo: NectarClient | undefined;
  private subscriptions: Unsubscribe[] = [];
  private stopDefault: Unsubscribe | undefined;

  /** The client's nudge on screen, as this element last heard of it. */
  private shown: NudgeShown | undefined;
  /** The NPS survey a `nps` action opened, shown in the nudge's place (how it was presented). */
  private nps: Presentation | undefined;
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
  /** The render asked for, due in a microtask (several changes in one task render once). */
  private pending: Promise<void> | undefined;

  private readonly root: ShadowRoot;
  /** Positions the nudge (its class: `toast`, `banner`, `inline`, or none while nothing shows). */
  private readonly frame: HTMLElement;
  /** The polite live region the nudge's box appears in. */
  private readonly live: HTMLElement;
  /** The nudge's box, while one shows, and the nudge (as JSON) it was built for. */
  private box: HTMLElement | undefined;
  private boxFor = '';
  private survey: NectarNps | undefined;

  constructor() {
    super();
    const root = (this.root = this.attachShadow({ mode: 'open' }));
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(nudgeCss);
    }
    root.adoptedStyleSheets = [sheet];
    this.frame = document.createElement('div');
    this.live = document.createElement('div');
    this.live.setAttribute('aria-live', 'polite');
    this.frame.append(this.live);
    root.append(this.frame);
  }

  connectedCallback(): void {
    this.stopDefault = onDefaultClient(() => this.attach());
    this.attach();
    NectarNudge.connected.add(this);
    NectarNudge.refresh();
  }

  disconnectedCallback(): void {
    this.stopDefault?.();
    this.stopDefault = undefined;
    this.detach();
    NectarNudge.connected.delete(this);
    NectarNudge.refresh();
  }

  attributeChangedCallback(): void {
    this.update();
  }

  private attach(): void {
    const client = this.isConnected ? this.client : undefined;
    if (client === this.attachedTo) return;
    this.detach();
    this.attachedTo = client;
    if (!client) return;
    this.shown = client.nudges.current() ?? (this.portal ? this.shown : undefined);
    this.subscriptions = [
      client.on('locale-change', () => this.update()),
      client.on('nudge-show', (shown) => {
        this.shown = shown;
        this.update();
      }),
      client.on('nudge-hide', ({ ruleId }) => {
        if (this.shown?.ruleId !== ruleId || this.acting === ruleId) return;
        this.shown = undefined;
        this.update();
      }),
    ];
    this.update();
  }

  private detach(): void {
    for (const stop of this.subscriptions.splice(0)) stop();
    this.attachedTo = undefined;
  }

  /** Asks for a render: several changes in one task render once, in a microtask. */
  private update(): void {
    this.pending ??= Promise.resolve().then(() => {
      this.pending = undefined;
      this.render();
    });
  }

  /** Settles once the render asked for (now, if none was) is done. */
  private async rendered(): Promise<void> {
    this.update();
    await this.pending;
  }

  /** Where a nudge shows, among the connected elements of its client. */
  private static place(shown: NudgeShown, client: NectarClient): Placement {
    const mine = [...NectarNudge.connected].filter((el) => el.attachedTo === client);
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

  private render(): void {
    const client = this.attachedTo;
    const shown = this.shown;
    const where = shown && client ? NectarNudge.place(shown, client) : undefined;
    const mine = where?.el === this;
    const showing = (this.showing = mine && !where.into && !this.nps ? shown : undefined);
    this.openIn = mine ? where.into : undefined;
    if (this.nps) this.as = this.nps;
    else if (where) this.as = where.as;
    this.frame.className = showing || this.nps ? this.as : '';

    // The nudge's box: built once per nudge (kept as it is while the same one shows, focus and all).
    const key = showing ? JSON.stringify(showing) : '';
    if (key !== this.boxFor) {
      this.boxFor = key;
      this.box?.remove();
      this.box = showing && this.build(showing);
      if (this.box) this.live.append(this.box);
    }
    const lang = matchLocale(this.lang || client?.locale || navigator.language);
    const m = nudgeMessages[lang];
    if (this.box) {
      this.box.lang = lang;
      this.box.setAttribute('aria-label', m.region);
      this.box.querySelector('[part~=close]')!.setAttribute('aria-label', m.close);
      this.box.querySelector('[part~=never]')!.textContent = m.never;
    }

    // The survey an `nps` action opened, in the nudge's place.
    if (this.nps && !this.survey) {
      const survey = (this.survey = document.createElement('nectar-nps') as NectarNps);
      survey.setAttribute('force', '');
      survey.addEventListener('nectar-close', () => {
        this.nps = undefined;
        this.update();
      });
      survey.client = client;
      this.dress(survey);
      this.frame.append(survey);
    } else if (this.survey && !this.nps) {
      this.survey.remove();
      this.survey = undefined;
    }
    if (this.survey) {
      this.survey.client = client;
      this.dress(this.survey);
    }

    // An attribute only (not a property): the rule decides, the page can read and style it.
    if (showing || this.nps) this.setAttribute('variant', this.as);
    else this.removeAttribute('variant');
    const id = showing?.ruleId;
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
      el.client = this._client;
      el.shown = this.shown;
      this.dress(el);
      this.openIn.append(el);
    }
    if (this.portal && !showing && !this.nps && !this.openIn) this.remove();
  }

  /** Gives an element this one opens (the survey, a nudge in a target) its theme and locale. */
  private dress(el: HTMLElement): void {
    for (const name of ['theme', 'lang']) {
      const value = this.getAttribute(name);
      if (value) el.setAttribute(name, value);
      else el.removeAttribute(name);
    }
  }

  /** The nudge's box for a nudge: a region named "Suggestion", its content in the content's locale. */
  private build(shown: NudgeShown): HTMLElement {
    if (!template) {
      template = document.createElement('template');
      template.innerHTML = BOX;
    }
    const box = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
    const [close, title, body, actions, never] = [...box.children] as HTMLElement[];
    title!.textContent = shown.title;
    title!.lang = shown.locale;
    if (shown.body) {
      body!.textContent = shown.body;
      body!.lang = shown.locale;
    } else body!.remove();
    if (shown.actions.length) {
      actions!.lang = shown.locale;
      shown.actions.forEach((action, i) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.setAttribute('part', 'action');
        button.textContent = action.label;
        button.addEventListener('click', () => void this.act(shown, i));
        actions!.append(button);
      });
    } else actions!.remove();
    close!.addEventListener('click', () => void this.dismiss(shown));
    never!.addEventListener('click', () => void this.dismiss(shown, true));
    box.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      void this.dismiss(shown);
    });
    box.addEventListener('focusin', (event) => {
      const from = event.relatedTarget;
      if (from instanceof HTMLElement && !this.root.contains(from)) this.returnTo = from;
    });
    return box;
  }

  /** Focus was inside the nudge, which is going: back to where it was before. */
  private async restoreFocus(): Promise<void> {
    const back = this.returnTo;
    await this.rendered();
    if (back?.isConnected) back.focus();
  }

  private async dismiss(shown: NudgeShown, forever = false): Promise<void> {
    const focused = !!this.root.activeElement;
    const done = this.attachedTo?.nudges.dismiss(shown.ruleId, { forever });
    this.shown = undefined;
    this.update();
    this.dispatchEvent(new NectarNudgeDismissEvent({ ruleId: shown.ruleId, forever }));
    if (focused) await this.restoreFocus();
    await done?.catch(() => undefined);
  }

  private async act(shown: NudgeShown, index: number): Promise<void> {
    const client = this.attachedTo;
    const kind = shown.actions[index]?.do;
    if (!client || !kind || this.acting) return;
    const focused = !!this.root.activeElement;
    const as = this.as;
    // The survey's code (with Lit) loads while the click is recorded.
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
    if (this.shown?.ruleId === shown.ruleId) {
      this.shown = undefined;
      this.update();
    }
    if (!action) return;
    this.dispatchEvent(new NectarNudgeActionEvent({ ruleId: shown.ruleId, action: action.do }));
    if (action.do === 'link') {
      const url = httpUrl(action.url);
      if (url) location.assign(url);
    } else if (action.do === 'nps' && (await survey)) {
      this.nps = as;
      await this.rendered();
      if (!focused) return;
      const nps = this.survey;
      await nps?.updateComplete;
      nps?.shadowRoot?.querySelector<HTMLElement>('[role="radio"][tabindex="0"]')?.focus();
    } else if (action.do === 'dismiss') {
      this.dispatchEvent(new NectarNudgeDismissEvent({ ruleId: shown.ruleId, forever: false }));
      if (focused) await this.restoreFocus();
    }
  }
}
