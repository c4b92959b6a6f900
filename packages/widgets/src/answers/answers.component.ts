import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { Answer } from '@nectar/core/schema';
import { isUnsupportedError } from '@nectar/core/errors';
import type { NectarClient } from '@nectar/core';
import { NectarElement } from '../internal/nectar-element.ts';
import { answers } from '../i18n/en/answers.ts';
import { baseStyles } from '../internal/styles.ts';
import { NectarErrorEvent, NectarOpenEvent } from '../events.ts';
import { answersStyles } from './answers.styles.ts';

type State = 'idle' | 'searching' | 'results' | 'empty' | 'error' | 'unavailable';

/** Optional `track` (another part of the client adds it); used only when present. */
type Tracking = { track?: (name: string, props?: Record<string, string | number | boolean | null>) => unknown };

/**
 * Self-service answers: a search box over the knowledge base (`nectar.answers.search`, debounced
 * while typing), results as expandable answers (title, then the body as plain text — never HTML),
 * and "Still need help? Contact us" always visible. Opening an answer reports `answer_viewed`
 * through `client.track` when the client has it.
 *
 * "Contact us" fires a cancelable `nectar-open` with `view: 'contact'`: inside `<nectar-panel>` the
 * panel switches to its contact form; elsewhere, when nobody handled it, it calls
 * `client.open('contact')` so the page's launcher or panel opens.
 *
 * @summary Self-service search over the knowledge base, with "Still need help? Contact us" always visible.
 *
 * @event nectar-open - "Contact us": `detail.view` is `'contact'`. Cancelable: a panel around it calls `preventDefault()` and shows its contact form; when nobody does, the widget calls `client.open('contact')`.
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

  private timer: ReturnType<typeof setTimeout> | undefined;
  private controller: AbortController | undefined;
  private request = 0;
  private readonly viewed = new Set<string>();

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
      const answers = await client.answers.search(q, { limit: this.limit, signal: controller.signal });
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

  private onToggle(e: Event, answer: Answer): void {
    if (!(e.target as HTMLDetailsElement).open || this.viewed.has(answer.id)) return;
    this.viewed.add(answer.id);
    const client = this.activeClient as (NectarClient & Tracking) | undefined;
    try {
      void Promise.resolve(client?.track?.('answer_viewed', { answerId: answer.id })).catch(() => undefined);
    } catch {
      // Tracking never gets in the shopper's way.
    }
  }

  private contact(): void {
    const event = new NectarOpenEvent({ view: 'contact' }, { cancelable: true });
    this.dispatchEvent(event);
    if (!event.defaultPrevented) this.activeClient?.open('contact');
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
      ${
        this._answers.length
          ? html`<ul part="results">
              ${this._answers.map(
                (answer) =>
                  html`<li>
                    <details part="answer" @toggle=${(e: Event) => this.onToggle(e, answer)}>
                      <summary part="answer-title">${answer.title}</summary>
                      <p part="answer-body">${answer.body}</p>
                      ${
                        answer.url && /^https?:\/\//i.test(answer.url)
                          ? html`<a part="answer-link" href=${answer.url} target="_blank" rel="noopener noreferrer"
                              >${a.readMore} <span class="visually-hidden">${a.newTab}</span></a
                            >`
                          : nothing
                      }
                    </details>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
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
