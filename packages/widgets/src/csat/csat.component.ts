import { html, nothing, svg, type PropertyDeclarations, type TemplateResult } from 'lit';
import { enErrors } from '@nectar/core/i18n';
import { LIMITS } from '@nectar/core/schema';
import { csatSurveyId } from '@nectar/core';
import { NectarElement } from '../internal/nectar-element.ts';
import { csat } from '../i18n/en/csat.ts';
import { baseStyles } from '../internal/styles.ts';
import { radioGroupKey } from '../internal/radio-group.ts';
import { errorMessage, type Catalog } from '../i18n/index.ts';
import { NectarCloseEvent, NectarErrorEvent, NectarFeedbackEvent } from '../events.ts';
import { closeIcon } from '../nps/shared.ts';
import { csatStyles } from './csat.styles.ts';

type Phase = 'checking' | 'hidden' | 'ask' | 'thanks';
const RATINGS = [1, 2, 3, 4, 5] as const;
/** Mouths from a deep frown (1) to a broad smile (5). */
const MOUTHS = ['M8 17.5q4-4.5 8 0', 'M8.5 16.5q3.5-2 7 0', 'M8.5 16h7', 'M8.5 15q3.5 2 7 0', 'M8 14.5q4 4.5 8 0'];

const face = (rating: number) =>
  svg`<svg viewBox="0 0 24 24" width="32" height="32" aria-hidden="true" focusable="false" part="face">
    <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="1.6" />
    <circle cx="8.5" cy="9.5" r="1.3" fill="currentColor" />
    <circle cx="15.5" cy="9.5" r="1.3" fill="currentColor" />
    <path d=${MOUTHS[rating - 1]!} fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
  </svg>`;

/**
 * Customer satisfaction with one ticket: five levels, each a face with its word (the word is the
 * accessible name), an optional comment and, for a rating of 1–2, "Would you like us to contact
 * you again?" — yes reopens the same ticket with the comment. Shows itself once per ticket (not
 * after an answer or a dismissal in this browser) unless `force` is set.
 *
 * @summary CSAT: how satisfied the shopper is with one resolved ticket, in five levels.
 *
 * @event nectar-feedback - The rating was sent or queued: `detail.kind` is `'csat'`, `detail.score` the rating (1–5), `detail.ticketId` the ticket, `detail.followUp` true when the shopper asked to be contacted again, `detail.state` `'sent'` (with `response`) or `'queued'` (with `localId`).
 * @event nectar-close - The shopper closed the rating (× button); `detail.view` is `'csat'`.
 * @event nectar-error - Sending failed for good; `detail.error` is the typed error. The shopper can try again.
 *
 * @csspart base - The card.
 * @csspart question - The question heading (also the thanks heading).
 * @csspart scale - The radio group of levels.
 * @csspart choice - One level (face and word).
 * @csspart face - The face of a level.
 * @csspart comment - The comment text area.
 * @csspart contact - The "contact me again" question.
 * @csspart send-button - Sends the rating.
 * @csspart dismiss-button - The × button.
 * @csspart message - Queued message.
 *
 * @cssprop --nectar-color-accent - The chosen level, buttons and focus rings.
 * @cssprop --nectar-color-on-accent - The chosen level's face and word, the send button's text.
 * @cssprop --nectar-color-text - Text.
 * @cssprop --nectar-color-muted - "(optional)" and the × button.
 * @cssprop --nectar-color-background - Background of the card and the comment box.
 * @cssprop --nectar-color-surface - The error message's box.
 * @cssprop --nectar-color-border - Borders of the card, the levels and the comment box.
 * @cssprop --nectar-color-danger - "Choose a rating" and the error message's border.
 * @cssprop --nectar-radius - Corner radius.
 * @cssprop --nectar-spacing - Base spacing.
 * @cssprop --nectar-font-family - Font.
 * @cssprop --nectar-font-size - Base font size (everything scales with it).
 * @cssprop --nectar-large-text - Large text's body size (set by `text-size="large"`, default `max(20px, 1.25rem)`); set, it also lifts hints and targets (≥ 48 px).
 */
export class NectarCsat extends NectarElement {
  static override english = { csat, core: enErrors };
  static override styles = [baseStyles, csatStyles];

  static override properties: PropertyDeclarations = {
    ...NectarElement.properties,
    ticketId: { attribute: 'ticket-id' },
    accessToken: { attribute: 'access-token' },
    force: { type: Boolean },
    _phase: { state: true },
    _rating: { state: true },
    _contact: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _queued: { state: true },
    _hint: { state: true },
    _followedUp: { state: true },
  };

  /** The ticket rated. */
  declare ticketId: string;
  /** The ticket's access token; default: the one this browser kept when it created the ticket. */
  declare accessToken: string;
  /** Show even when this browser already rated or dismissed it (demos, stories). */
  declare force: boolean;

  declare private _phase: Phase;
  declare private _rating: number | undefined;
  declare private _contact: boolean;
  declare private _busy: boolean;
  declare private _error: unknown;
  declare private _queued: boolean;
  declare private _hint: boolean;
  declare private _followedUp: boolean;

  private decidedFor: string | undefined;
  private comment = '';

  constructor() {
    super();
    this.ticketId = '';
    this.accessToken = '';
    this.force = false;
    this._phase = 'checking';
    this._contact = false;
    this._busy = false;
    this._queued = false;
    this._hint = false;
    this._followedUp = false;
  }

  protected override willUpdate(): void {
    const client = this.activeClient;
    const key = `${this.ticketId}\n${this.force}`;
    if (this.decidedFor === key || !this.ticketId) return;
    if (this.force) {
      this.decidedFor = key;
      this._phase = 'ask';
      return;
    }
    if (!client) return;
    this.decidedFor = key;
    this._phase = 'checking';
    void client.feedback
      .shouldAsk(csatSurveyId(this.ticketId), { recontactDays: Infinity, oncePerSession: false })
      .then(
        (ask) => {
          if (this.decidedFor === key && this._phase === 'checking') this._phase = ask ? 'ask' : 'hidden';
        },
        () => {
          if (this.decidedFor === key) this._phase = 'hidden';
        },
      );
  }

  private select(rating: number, focus = false): void {
    this._rating = rating;
    this._hint = false;
    if (focus) {
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`[part~="choice"][data-rating="${rating}"]`)?.focus(),
      );
    }
  }

  private async send(): Promise<void> {
    const client = this.activeClient;
    const rating = this._rating;
    if (rating === undefined) {
      this._hint = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="choice"]')?.focus();
      return;
    }
    if (!client) return;
    const comment = this.comment.trim();
    const followUp = rating <= 2 && this._contact;
    this._busy = true;
    this._error = undefined;
    try {
      const result = await client.feedback.csat({
        ticketId: this.ticketId,
        rating,
        ...(comment ? { comment } : {}),
        ...(followUp ? { followUp: true } : {}),
        ...(this.accessToken ? { accessToken: this.accessToken } : {}),
      });
      this._queued = result.state === 'queued';
      this._followedUp = followUp;
      this.dispatchEvent(
        new NectarFeedbackEvent({
          kind: 'csat',
          surveyId: csatSurveyId(this.ticketId),
          ticketId: this.ticketId,
          score: rating,
          ...(comment ? { comment } : {}),
          ...(followUp ? { followUp } : {}),
          state: result.state,
          ...(result.state === 'sent' ? { response: result.response } : { localId: result.localId }),
        }),
      );
      this._phase = 'thanks';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="question"]')?.focus();
    } catch (error) {
      this._error = error;
      this.dispatchEvent(new NectarErrorEvent({ error }));
    } finally {
      this._busy = false;
    }
  }

  private async close(): Promise<void> {
    const client = this.activeClient;
    if (client && this._phase === 'ask' && this.ticketId) {
      await client.feedback.dismiss(csatSurveyId(this.ticketId)).catch(() => undefined);
    }
    this._phase = 'hidden';
    this.dispatchEvent(new NectarCloseEvent({ view: 'csat' }));
  }

  override render(): TemplateResult | typeof nothing {
    if (this._phase === 'checking' || this._phase === 'hidden') return nothing;
    const m = this.localize.messages;
    return html`<section part="base" aria-labelledby="question" lang=${this.localize.locale}>
      <button type="button" class="icon" part="dismiss-button" aria-label=${m.csat.dismiss} @click=${this.close}>
        ${closeIcon}
      </button>
      ${
        this._phase === 'ask'
          ? this.renderAsk(m)
          : html`<h2 id="question" part="question" tabindex="-1">
              ${this._followedUp ? m.csat.thanksFollowUp : m.csat.thanks}
            </h2>`
      }
      <div part="message" class="message" role="status">
        ${this._queued && this._phase === 'thanks' ? m.csat.queued : ''}
      </div>
      ${
        this._error
          ? html`<div class="alert danger" role="alert">
              <p>${m.csat.error} ${errorMessage(m, this._error)}</p>
              <button type="button" @click=${this.send} ?disabled=${this._busy}>${m.csat.retry}</button>
            </div>`
          : nothing
      }
    </section>`;
  }

  private renderAsk(m: Catalog): TemplateResult {
    const focusable = this._rating ?? 1;
    const low = this._rating !== undefined && this._rating <= 2;
    return html`<h2 id="question" part="question">${m.csat.question}</h2>
      <div
        role="radiogroup"
        part="scale"
        class="scale"
        aria-labelledby="question"
        aria-required="true"
        aria-invalid=${this._hint ? 'true' : 'false'}
        aria-describedby=${this._hint ? 'rating-hint' : nothing}
      >
        ${RATINGS.map(
          (rating, i) =>
            html`<button
              type="button"
              role="radio"
              part="choice"
              data-rating=${rating}
              aria-checked=${this._rating === rating ? 'true' : 'false'}
              tabindex=${rating === focusable ? 0 : -1}
              ?disabled=${this._busy}
              @click=${() => this.select(rating)}
              @keydown=${(e: KeyboardEvent) => {
                const next = radioGroupKey(e, RATINGS.length, i);
                if (next !== undefined) this.select(RATINGS[next]!, true);
              }}
            >
              ${face(rating)}<span class="word">${m.csat.levels[i]}</span>
            </button>`,
        )}
      </div>
      ${this._hint ? html`<p id="rating-hint" class="hint-error">${m.csat.chooseRating}</p>` : nothing}
      <label for="comment" class="field-label"
        >${m.csat.comment} <span class="optional">${m.form.optional}</span></label
      >
      <textarea
        id="comment"
        part="comment"
        rows="3"
        maxlength=${LIMITS.feedbackCommentMax}
        .value=${this.comment}
        @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <fieldset part="contact" class="contact" ?hidden=${!low}>
        <legend>${m.csat.contactQuestion}</legend>
        <label
          ><input
            type="radio"
            name="contact"
            value="yes"
            .checked=${this._contact}
            @change=${() => (this._contact = true)}
          />
          ${m.csat.contactYes}</label
        >
        <label
          ><input
            type="radio"
            name="contact"
            value="no"
            .checked=${!this._contact}
            @change=${() => (this._contact = false)}
          />
          ${m.csat.contactNo}</label
        >
      </fieldset>
      <div class="actions">
        <button type="button" class="primary" part="send-button" ?disabled=${this._busy} @click=${this.send}>
          ${m.csat.send}
        </button>
      </div>`;
  }
}
