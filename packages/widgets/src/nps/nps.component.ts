import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { enErrors } from '@nectar/core/i18n';
import { LIMITS, npsGroup } from '@nectar/core/schema';
import type { FeedbackResult } from '@nectar/core';
import { NectarElement } from '../internal/nectar-element.ts';
import { nps } from '../i18n/en/nps.ts';
import { baseStyles } from '../internal/styles.ts';
import { radioGroupKey } from '../internal/radio-group.ts';
import { errorMessage, type Catalog } from '../i18n/index.ts';
import { NectarCloseEvent, NectarErrorEvent, NectarFeedbackEvent } from '../events.ts';
import { npsStyles } from './nps.styles.ts';
import { closeIcon } from './shared.ts';

type Phase = 'checking' | 'hidden' | 'score' | 'comment' | 'thanks';
const SCORES = Array.from({ length: 11 }, (_, i) => i);

/**
 * Net Promoter Score survey: "How likely are you to recommend us?" as one radio group of eleven
 * choices (0–10, arrow keys, the ends labelled), then a follow-up question that depends on the
 * score (0–6 what went wrong, 7–8 what would make it better, 9–10 what they liked, with a review
 * link when `review-url` is set), then thanks. The score is sent as soon as it is chosen; the
 * comment updates the same response. Shows itself only when `client.feedback.shouldAsk` allows
 * (not within `recontact-days` of the last answer or dismissal, one survey per session, never
 * after "don't ask again"); `force` always shows it.
 *
 * @summary NPS survey: 0–10 "How likely are you to recommend us?", then a follow-up that depends on the score.
 *
 * @event nectar-feedback - The score, and later the comment, was sent or queued (fired for each): `detail.kind` is `'nps'`, `detail.surveyId` the survey, `detail.score` 0–10, `detail.comment` with the comment, `detail.state` `'sent'` (with `response`) or `'queued'` (with `localId`).
 * @event nectar-close - The shopper closed the survey (× button, or "don't ask me again"); `detail.view` is `'nps'`.
 * @event nectar-error - Sending failed for good; `detail.error` is the typed error. The shopper can try again.
 *
 * @csspart base - The survey card.
 * @csspart question - The question heading (also the follow-up and the thanks heading).
 * @csspart scale - The radio group of scores.
 * @csspart choice - One score.
 * @csspart ends - The "not at all likely" / "extremely likely" labels.
 * @csspart comment - The follow-up text area.
 * @csspart review-link - The review link for promoters.
 * @csspart next-button - Sends the score.
 * @csspart send-button - Sends the comment.
 * @csspart skip-button - Skips the comment.
 * @csspart dismiss-button - The × button.
 * @csspart never-button - "Don't ask me again".
 * @csspart message - Queued and error messages.
 *
 * @cssprop --nectar-color-accent - The chosen score, buttons, the review link and focus rings.
 * @cssprop --nectar-color-on-accent - The chosen score's number, the primary buttons' text.
 * @cssprop --nectar-color-text - Text.
 * @cssprop --nectar-color-muted - The end labels, "(optional)" and the × button.
 * @cssprop --nectar-color-background - Background of the card and the comment box.
 * @cssprop --nectar-color-surface - The error message's box.
 * @cssprop --nectar-color-border - Borders of the card, the choices and the comment box.
 * @cssprop --nectar-color-danger - "Choose a score" and the error message's border.
 * @cssprop --nectar-radius - Corner radius.
 * @cssprop --nectar-spacing - Base spacing.
 * @cssprop --nectar-font-family - Font.
 * @cssprop --nectar-font-size - Base font size (everything scales with it).
 * @cssprop --nectar-large-text - Large text's body size (set by `text-size="large"`, default `max(20px, 1.25rem)`); set, it also lifts hints and targets (≥ 48 px).
 * @cssprop --nectar-z-index - Stacking order of the slide-in variant.
 */
export class NectarNps extends NectarElement {
  static override english = { nps, core: enErrors };
  static override styles = [baseStyles, npsStyles];

  static override properties: PropertyDeclarations = {
    ...NectarElement.properties,
    surveyId: { attribute: 'survey-id' },
    variant: { reflect: true },
    reviewUrl: { attribute: 'review-url' },
    force: { type: Boolean },
    recontactDays: { attribute: 'recontact-days', type: Number },
    _phase: { state: true },
    _score: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _queued: { state: true },
    _hint: { state: true },
  };

  /** Survey id: answers and "don't ask again" are remembered per survey. Default `nps`. */
  declare surveyId: string;
  /** `inline` in the page flow, or `slide-in` at the corner of the window. */
  declare variant: 'inline' | 'slide-in';
  /** Where promoters (9–10) can write a review; no link when empty. */
  declare reviewUrl: string;
  /** Show even when `shouldAsk` says no (demos, stories). */
  declare force: boolean;
  /** Days after an answer or dismissal before asking again; default 90. */
  declare recontactDays: number | undefined;

  declare private _phase: Phase;
  declare private _score: number | undefined;
  declare private _busy: boolean;
  declare private _error: unknown;
  declare private _queued: boolean;
  declare private _hint: boolean;

  private decidedFor: string | undefined;
  private comment = '';
  /** What the last failed send was, to try again. */
  private retry: (() => Promise<void>) | undefined;

  constructor() {
    super();
    this.surveyId = 'nps';
    this.variant = 'inline';
    this.reviewUrl = '';
    this.force = false;
    this._phase = 'checking';
    this._busy = false;
    this._queued = false;
    this._hint = false;
  }

  protected override willUpdate(): void {
    const client = this.activeClient;
    const key = `${this.surveyId}\n${this.force}`;
    if (this.decidedFor === key || this._phase === 'comment' || this._phase === 'thanks') return;
    if (this.force) {
      this.decidedFor = key;
      this._phase = 'score';
      return;
    }
    if (!client) return;
    this.decidedFor = key;
    this._phase = 'checking';
    const policy = this.recontactDays !== undefined ? { recontactDays: this.recontactDays } : {};
    void client.feedback.shouldAsk(this.surveyId, policy).then(
      (ask) => {
        if (this.decidedFor === key && this._phase === 'checking') this._phase = ask ? 'score' : 'hidden';
      },
      () => {
        if (this.decidedFor === key) this._phase = 'hidden';
      },
    );
  }

  private select(score: number, focus = false): void {
    this._score = score;
    this._hint = false;
    if (focus) {
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`[part~="choice"][data-score="${score}"]`)?.focus(),
      );
    }
  }

  private onKey(event: KeyboardEvent, index: number): void {
    const next = radioGroupKey(event, SCORES.length, index);
    if (next !== undefined) this.select(next, true);
    else if (event.key === 'Enter' && this._score !== undefined) {
      event.preventDefault();
      void this.sendScore();
    }
  }

  private async send(comment?: string): Promise<FeedbackResult | undefined> {
    const client = this.activeClient;
    const score = this._score;
    if (!client || score === undefined) return undefined;
    this._busy = true;
    this._error = undefined;
    try {
      const result = await client.feedback.nps({
        score,
        surveyId: this.surveyId,
        ...(comment ? { comment } : {}),
      });
      this._queued = result.state === 'queued';
      this.dispatchEvent(
        new NectarFeedbackEvent({
          kind: 'nps',
          surveyId: this.surveyId,
          score,
          ...(comment ? { comment } : {}),
          state: result.state,
          ...(result.state === 'sent' ? { response: result.response } : { localId: result.localId }),
        }),
      );
      return result;
    } catch (error) {
      this._error = error;
      this.dispatchEvent(new NectarErrorEvent({ error }));
      return undefined;
    } finally {
      this._busy = false;
    }
  }

  private async sendScore(): Promise<void> {
    if (this._score === undefined) {
      this._hint = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="choice"]')?.focus();
      return;
    }
    this.retry = () => this.sendScore();
    if (!(await this.send())) return;
    this.retry = undefined;
    this._phase = 'comment';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus();
  }

  private async sendComment(): Promise<void> {
    const comment = this.comment.trim();
    if (comment) {
      this.retry = () => this.sendComment();
      if (!(await this.send(comment))) return;
      this.retry = undefined;
    }
    await this.thank();
  }

  private async thank(): Promise<void> {
    this._error = undefined;
    this._phase = 'thanks';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="question"]')?.focus();
  }

  private async close(forever = false): Promise<void> {
    const client = this.activeClient;
    if (client && (forever || (this._phase !== 'thanks' && this._phase !== 'comment'))) {
      await client.feedback.dismiss(this.surveyId, { forever }).catch(() => undefined);
    }
    this._phase = 'hidden';
    this.dispatchEvent(new NectarCloseEvent({ view: 'nps' }));
  }

  override render(): TemplateResult | typeof nothing {
    if (this._phase === 'checking' || this._phase === 'hidden') return nothing;
    const m = this.localize.messages;
    return html`<section part="base" aria-labelledby="question" lang=${this.localize.locale}>
      <button type="button" class="icon" part="dismiss-button" aria-label=${m.nps.dismiss} @click=${() => this.close()}>
        ${closeIcon}
      </button>
      ${this._phase === 'score' ? this.renderScore(m) : this._phase === 'comment' ? this.renderComment(m) : this.renderThanks(m)}
      <div part="message" class="message" role="status">
        ${this._queued && this._phase === 'thanks' ? m.nps.queued : ''}
      </div>
      ${
        this._error
          ? html`<div class="alert danger" role="alert">
              <p>${m.nps.error} ${errorMessage(m, this._error)}</p>
              <button type="button" @click=${() => this.retry?.()} ?disabled=${this._busy}>${m.nps.retry}</button>
            </div>`
          : nothing
      }
    </section>`;
  }

  private renderScore(m: Catalog): TemplateResult {
    const focusable = this._score ?? 0;
    return html`<h2 id="question" part="question">${m.nps.question}</h2>
      <p id="scale-help" class="visually-hidden">${m.nps.scale}</p>
      <div
        role="radiogroup"
        part="scale"
        class="scale"
        aria-labelledby="question"
        aria-describedby=${this._hint ? 'scale-help score-hint' : 'scale-help'}
        aria-required="true"
        aria-invalid=${this._hint ? 'true' : 'false'}
      >
        ${SCORES.map((score) => {
          const name = score === 0 ? m.nps.lowName(score) : score === 10 ? m.nps.highName(score) : undefined;
          return html`<button
            type="button"
            role="radio"
            part="choice"
            data-score=${score}
            aria-checked=${this._score === score ? 'true' : 'false'}
            aria-label=${name ?? nothing}
            tabindex=${score === focusable ? 0 : -1}
            ?disabled=${this._busy}
            @click=${() => this.select(score)}
            @keydown=${(e: KeyboardEvent) => this.onKey(e, score)}
          >
            ${m.nps.scoreName(score)}
          </button>`;
        })}
      </div>
      <div class="ends" part="ends" aria-hidden="true"><span>${m.nps.low}</span><span>${m.nps.high}</span></div>
      ${this._hint ? html`<p id="score-hint" class="hint-error">${m.nps.chooseScore}</p>` : nothing}
      <div class="actions">
        <button type="button" class="primary" part="next-button" ?disabled=${this._busy} @click=${this.sendScore}>
          ${m.nps.next}
        </button>
        <button type="button" class="link" part="never-button" @click=${() => this.close(true)}>${m.nps.never}</button>
      </div>`;
  }

  private renderComment(m: Catalog): TemplateResult {
    const group = npsGroup(this._score ?? 0);
    const question = m.nps[group];
    return html`<h2 id="question" part="question">
        <label for="comment">${question} <span class="optional">${m.form.optional}</span></label>
      </h2>
      <textarea
        id="comment"
        part="comment"
        rows="3"
        maxlength=${LIMITS.feedbackCommentMax}
        .value=${this.comment}
        @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      ${
        group === 'promoter' && this.reviewUrl
          ? html`<p class="review">
              ${m.nps.reviewPrompt}
              <a part="review-link" href=${this.reviewUrl} target="_blank" rel="noopener noreferrer"
                >${m.nps.reviewLink}<span class="visually-hidden"> ${m.nps.newTab}</span></a
              >
            </p>`
          : nothing
      }
      <div class="actions">
        <button type="button" class="primary" part="send-button" ?disabled=${this._busy} @click=${this.sendComment}>
          ${m.nps.send}
        </button>
        <button type="button" part="skip-button" ?disabled=${this._busy} @click=${this.thank}>${m.nps.skip}</button>
      </div>`;
  }

  private renderThanks(m: Catalog): TemplateResult {
    return html`<h2 id="question" part="question" tabindex="-1">${m.nps.thanks}</h2>
      <p>${m.nps.thanksText}</p>`;
  }
}
