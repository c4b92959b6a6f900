import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { Answer } from '@nectar/core/schema';
import { isUnsupportedError } from '@nectar/core/errors';
import { NectarElement } from '../internal/nectar-element.ts';
import { answers } from '../i18n/en/answers.ts';
import { baseStyles } from '../internal/styles.ts';
import { NectarErrorEvent, NectarOpenEvent } from '../events.ts';
import { answersStyles } from './answers.styles.ts';

type State = 'idle' | 'searching' | 'results' | 'empty' | 'error' | 'unavailable';

/**
 * Self-service answers: a search box over the knowledge base (`nectar.answers.search`, debounced
 * while typing), results as expandable articles, and "Still need help? Contact us" always visible.
 * An article shows the service's `html` (its Markdown, rendered and sanitized by the service) kept to an
 * allow-list once more in the browser — paragraphs, headings h2–h4, lists, strong/em/code/pre/blockquote,
 * http(s)/mailto links (new tab, `rel="noopener noreferrer"`) and http(s) images (lazy) — so no script, handler,
 * style or `javascript:`/`data:` URL gets through even from a hostile service; without `html`, the plain `body`.
 * Under it, "Was this helpful?" (once per article in this browser): `answer_feedback` `{ answerId, helpful }`
 * through `client.track`. Opening an article reports `answer_viewed`. (What shows the results comes in a chunk
 * of its own with the first search.)
 *
 * "Contact us" fires a cancelable `nectar-open` with `view: 'contact'` — after a search with `detail.prefill`:
 * the search text and the article opened last in the form's message, and `context: { searchQuery, answerId }`
 * for the ticket. Inside `<nectar-panel>` the panel shows its contact form with that prefill; elsewhere, when
 * nobody handled it, it calls `client.open('contact', prefill)` so the page's launcher or panel opens.
 *
 * @summary Self-service search over the knowledge base, with "Still need help? Contact us" always visible.
 *
 * @event nectar-open - "Contact us": `detail.view` is `'contact'`; after a search `detail.prefill` carries the search text and the article (message and `context`). Cancelable: a panel around it calls `preventDefault()` and shows its contact form; when nobody does, the widget calls `client.open('contact')`.
 * @event nectar-error - A search failed; `detail.error` is the typed error (the shopper sees "Try again").
 *
 * @csspart base - The wrapper of everything.
 * @csspart heading - The heading.
 * @csspart search - The search form.
 * @csspart input - The search box.
 * @csspart search-button - The search button.
 * @csspart message - Hint, searching, count, no results and error messages.
 * @csspart retry-button - "Try again" after an error.
 * @csspart results - The list of answers.
 * @csspart answer - One answer (a `<details>`).
 * @csspart answer-title - An answer's title (its `<summary>`).
 * @csspart answer-body - An answer's text.
 * @csspart answer-link - Link to the full article.
 * @csspart helpful - "Was this helpful?" with its Yes and No buttons.
 * @csspart helpful-button - The Yes and No buttons.
 * @csspart helpful-thanks - The thank-you once answered.
 * @csspart still-need-help - The "Still need help?" box.
 * @csspart contact-button - "Contact us".
 *
 * @cssprop --nectar-color-accent - Buttons, links and focus rings.
 * @cssprop --nectar-color-on-accent - Text on the contact button.
 * @cssprop --nectar-color-text - Text.
 * @cssprop --nectar-color-muted - Messages.
 * @cssprop --nectar-color-background - Background.
 * @cssprop --nectar-color-surface - The "Still need help?" box.
 * @cssprop --nectar-color-border - Borders of the search box and answers.
 * @cssprop --nectar-radius - Corner radius.
 * @cssprop --nectar-spacing - Base spacing.
 * @cssprop --nectar-font-family - Font.
 * @cssprop --nectar-font-size - Base font size (everything scales with it).
 * @cssprop --nectar-large-text - Large text's body size (set by `text-size="large"`, default `max(20px, 1.25rem)`); set, it also lifts hints and targets (≥ 48 px).
 */
export class NectarAnswers extends NectarElement {
  static override english = { answers };
  static override styles = [baseStyles, answersStyles];
  static override shadowRootOptions: ShadowRootInit = { ...NectarElement.shadowRootOptions, delegatesFocus: true };

  static override properties: PropertyDeclarations = {
    ...NectarElement.properties,
    query: {},
    limit: { type: Number },
    debounce: { type: Number },
    _state: { state: true },
    _answers: { state: true },
    _searched: { state: true },
    _article: { state: true },
  };

  /** The search text (also a prefill). */
  declare query: string;
  /** Most answers shown (1–20). */
  declare limit: number;
  /** Wait after the last keystroke before searching, in ms. */
  declare debounce: number;

  declare private _state: State;
  declare private _answers: Answer[];
  /** The query the shown results are for. */
  declare private _searched: string;
  /** The code that shows answers (`article.ts`), imported with the first search. */
  declare private _article: typeof import('./article.ts') | undefined;
  private articleLoad: Promise<typeof import('./article.ts')> | undefined;

  private timer: ReturnType<typeof setTimeout> | undefined;
  private controller: AbortController | undefined;
  private request = 0;

  constructor() {
    super();
    this.query = '';
    this.limit = 5;
    this.debounce = 300;
    this._state = 'idle';
    this._answers = [];
    this._searched = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.query.trim() && this._state === 'idle') this.schedule(0);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.controller?.abort();
  }

  /** Searches for the current `query` now. */
  async search(): Promise<void> {
    clearTimeout(this.timer);
    const client = this.activeClient;
    const q = this.query.trim();
    this.controller?.abort();
    const request = ++this.request;
    if (!q) {
      this._state = 'idle';
      this._answers = [];
      return;
    }
    if (!client) return;
    const controller = (this.controller = new AbortController());
    this._state = 'searching';
    try {
      const [answers] = await Promise.all([
        client.answers.search(q, { limit: this.limit, signal: controller.signal }),
        this.article(),
      ]);
      if (request !== this.request) return;
      this._answers = answers;
      this._searched = q;
      this._state = answers.length ? 'results' : 'empty';
    } catch (error) {
      if (request !== this.request) return;
      this._answers = [];
      this._state = isUnsupportedError(error) ? 'unavailable' : 'error';
      this.dispatchEvent(new NectarErrorEvent({ error }));
    }
  }

  private schedule(ms = this.debounce): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.search(), ms);
  }

  private onInput(e: Event): void {
    this.query = (e.target as HTMLInputElement).value;
    this.schedule();
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    void this.search();
  }

  /** Imports the article's code (its styles adopted); a failed import is tried again the next time. */
  private article(): Promise<typeof import('./article.ts')> {
    return (this.articleLoad ??= import('./article.ts').then(
      (module) => {
        const root = this.renderRoot as ShadowRoot;
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, module.articleStyles.styleSheet!];
        return (this._article = module);
      },
      (error: unknown) => {
        this.articleLoad = undefined;
        throw error;
      },
    ));
  }

  /** "Contact us": after a search, the contact form gets the search text and the article opened last. */
  private async contact(): Promise<void> {
    const q = this.query.trim();
    const prefill = q
      ? (await this.article().catch(() => undefined))?.handoff(this, this.localize.messages, q)
      : undefined;
    const event = new NectarOpenEvent({ view: 'contact', ...(prefill ? { prefill } : {}) }, { cancelable: true });
    this.dispatchEvent(event);
    if (!event.defaultPrevented) this.activeClient?.open('contact', prefill);
  }

  override render(): TemplateResult {
    const m = this.localize.messages;
    const a = m.answers;
    return html`<div
      part="base"
      lang=${this.localize.locale}
      aria-busy=${this._state === 'searching' ? 'true' : 'false'}
    >
      <h3 part="heading">${a.heading}</h3>
      <form part="search" role="search" @submit=${this.onSubmit}>
        <label for="q">${a.search}</label>
        <input
          id="q"
          part="input"
          type="search"
          name="q"
          autocomplete="off"
          enterkeyhint="search"
          maxlength="200"
          placeholder=${a.placeholder}
          .value=${this.query}
          @input=${this.onInput}
        />
        <button type="submit" part="search-button">${a.submit}</button>
      </form>
      <p part="message" role="status">${this.message()}</p>
      ${
        this._state === 'error'
          ? html`<div class="actions">
              <button type="button" part="retry-button" @click=${this.search}>${a.retry}</button>
            </div>`
          : nothing
      }
      ${this._answers.length ? this._article?.renderResults(this, this.activeClient, m, this._answers) : nothing}
      <div part="still-need-help">
        <p>${a.stillNeedHelp}</p>
        <button type="button" class="primary" part="contact-button" @click=${this.contact}>${a.contactUs}</button>
      </div>
    </div>`;
  }

  private message(): string {
    const a = this.localize.messages.answers;
    switch (this._state) {
      case 'searching':
        return a.searching;
      case 'results':
        return a.results(this._answers.length);
      case 'empty':
        return a.noResults(this._searched);
      case 'error':
        return a.error;
      case 'unavailable':
        return a.unavailable;
      default:
        return a.hint;
    }
  }
}
