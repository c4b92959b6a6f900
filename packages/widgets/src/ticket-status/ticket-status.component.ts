import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { enCategories, enErrors, enStatus, enTicket } from '@nectar/core/i18n';
import type { Ticket, TimelineEntry } from '@nectar/core/schema';
import { isNotFoundError, isValidationError } from '@nectar/core/errors';
import { csatSurveyId, type NectarClient, type Unsubscribe } from '@nectar/core';
import { NectarElement } from '../internal/nectar-element.ts';
import { status } from '../i18n/en/status.ts';
import { photoField } from '../i18n/en/photo-field.ts';
import { baseStyles } from '../internal/styles.ts';
import { fieldStyles } from '../internal/field.styles.ts';
import { errorMessage, type Catalog } from '../i18n/index.ts';
import { NectarErrorEvent } from '../events.ts';
import { markSeen } from '../launcher/unread.ts';
import { PhotosController, type StoredPhoto } from '../ticket-form/photos.controller.ts';
import { renderPhotoField } from '../ticket-form/photo-field.ts';
import { photoFiles } from '../ticket-form/draft.ts';
import { firstErrorField, mapFieldErrors, type Field, type FieldErrors } from '../ticket-form/field-errors.ts';
import { renderFieldError } from '../ticket-form/field-error.ts';
import { ticketStatusStyles } from './ticket-status.styles.ts';

type LoadState = 'idle' | 'loading' | 'loaded' | 'not-found' | 'error';

/** What the shopper wrote in the reply box: kept while a reply waits in the outbox, put back if it is refused. */
interface KeptReply {
  ticketId: string;
  message: string;
  photos: StoredPhoto[];
}

/** The ticket and token of a mailed status link (`?nectar_ticket=…&nectar_token=…`), if the page was opened from one. */
function linkInUrl(): { id: string; token: string } | undefined {
  const query = new URLSearchParams(globalThis.location?.search ?? '');
  const id = query.get('nectar_ticket')?.trim();
  return id ? { id, token: query.get('nectar_token')?.trim() ?? '' } : undefined;
}

/**
 * One help request's status and timeline: number, status, category, promised times, and
 * every step (received, assigned, replies with the agent's text, the shopper's messages and how many
 * photos came with them, resolved…) with dates in the shopper's locale and time zone.
 *
 * Reads the ticket with `access-token` when given, else with the token this browser kept
 * when it created the ticket (`client.tickets.get(id)`). Without `ticket-id`, a page opened from a
 * mailed status link shows that link's ticket: `nectar_ticket` and `nectar_token` of the page's
 * query string, the token working as `access-token` (for reading and answering).
 *
 * Under the timeline the shopper answers (`client.tickets.reply`, with a desk that takes messages): a
 * message and up to five photos (checked and resized as in the ticket form). Sent, the timeline shows it
 * at once; without a connection the reply waits in the outbox, the box says so, and the view updates
 * when it is sent. A refused reply is explained at its field, with everything typed kept. While the
 * request waits for the shopper (`waiting_on_customer`) a line above the box says so (focus is never
 * moved there on load); a resolved request reopens when answered (the box says so); a closed one has no
 * box, and says to send a new request instead. Showing a request marks its replies as read (the
 * launcher's badge).
 *
 * Once the ticket is resolved, it asks how satisfied the shopper is (`<nectar-csat>`, loaded
 * then), once: not again after this browser answered or dismissed it.
 *
 * @summary One request's status, promised times and timeline, with a box to answer; asks for a rating once it is resolved.
 *
 * @event nectar-error - Loading failed (not found, or no connection), or a reply was refused (`validation_failed`: the reason shows at the field) or could not be sent — at once or later from the outbox; `detail.error` is the typed error, `detail.code` its code. The reply's text and photos stay in the box.
 * @event nectar-feedback - From the rating after resolution: the shopper rated the ticket (`detail.kind` `'csat'`).
 * @event nectar-close - From the rating after resolution: the shopper closed it (`detail.view` `'csat'`).
 *
 * @csspart base - The wrapper of everything.
 * @csspart heading - The heading with the ticket number.
 * @csspart refresh-button - The refresh button.
 * @csspart summary - Status, category and promised times.
 * @csspart status - The status badge.
 * @csspart timeline - The ordered list of timeline entries.
 * @csspart entry - One timeline entry.
 * @csspart entry-body - An agent's or the shopper's message text.
 * @csspart entry-photos - How many photos came with one of the shopper's messages.
 * @csspart message - Loading, not-found and error messages.
 * @csspart csat - The satisfaction question after resolution (`<nectar-csat>`).
 * @csspart reply - The reply box (a form): message, photos and the send button.
 * @csspart reply-asked - "We asked you something" above the box, while the request waits for the shopper.
 * @csspart reply-input - The reply's textarea.
 * @csspart reply-hint - Under the textarea of a resolved request: answering reopens it.
 * @csspart field - The reply's message field and its photo field.
 * @csspart field-error - Why the message or a photo was refused.
 * @csspart photos - The chosen photos' previews.
 * @csspart photo - One photo preview with its remove button.
 * @csspart remove-button - A photo's remove button.
 * @csspart reply-send - The "Send reply" button.
 * @csspart reply-status - "Sent" or "saved, sent when you are back online" after a reply.
 * @csspart reply-alert - The reply was not sent (with why, when it is not a field's).
 * @csspart reply-closed - Instead of the box on a closed request: how to ask again.
 *
 * @cssprop --nectar-color-accent - Buttons, timeline markers, the "we asked you" line and focus rings.
 * @cssprop --nectar-color-on-accent - Text on the accent-coloured send button.
 * @cssprop --nectar-color-text - Text.
 * @cssprop --nectar-color-muted - Dates, labels and hints.
 * @cssprop --nectar-color-background - Background and the reply's fields.
 * @cssprop --nectar-color-surface - Message bubbles, the status badge, the "we asked you" line and alerts.
 * @cssprop --nectar-color-border - The timeline line and the reply's field borders.
 * @cssprop --nectar-color-danger - A refused reply: the field's error and the alert.
 * @cssprop --nectar-color-success - The border of a closed request's status badge.
 * @cssprop --nectar-radius - Corner radius.
 * @cssprop --nectar-spacing - Base spacing.
 * @cssprop --nectar-font-family - Font.
 * @cssprop --nectar-font-size - Base font size (everything scales with it).
 * @cssprop --nectar-large-text - Large text's body size (set by `text-size="large"`, default `max(20px, 1.25rem)`); set, it also lifts hints and targets (≥ 48 px).
 */
export class NectarTicketStatus extends NectarElement {
  static override english = {
    status,
    form: photoField,
    core: { ...enCategories, ...enStatus, ...enTicket, ...enErrors },
  };
  static override styles = [baseStyles, fieldStyles, ticketStatusStyles];

  static override properties: PropertyDeclarations = {
    ...NectarElement.properties,
    ticketId: { attribute: 'ticket-id' },
    accessToken: { attribute: 'access-token' },
    _state: { state: true },
    _ticket: { state: true },
    _error: { state: true },
    _csatFor: { state: true },
    _draft: { state: true },
    _errors: { state: true },
    _sending: { state: true },
    _notice: { state: true },
    _failure: { state: true },
  };

  /** Id of the ticket to show; without it, the ticket of a mailed status link in the page's URL (`nectar_ticket`). */
  declare ticketId: string;
  /**
   * Access token from the ticket's receipt (or a mailed link's `nectar_token`), for reading and answering;
   * default: the one this browser kept.
   */
  declare accessToken: string;

  declare private _state: LoadState;
  declare private _ticket: Ticket | undefined;
  declare private _error: unknown;
  /** The resolved ticket whose CSAT question is shown. */
  declare private _csatFor: string | undefined;
  /** What the shopper is typing in the reply box. */
  declare private _draft: string;
  declare private _errors: FieldErrors;
  declare private _sending: boolean;
  /** What the box says after a reply: sent, or waiting in the outbox. */
  declare private _notice: 'sent' | 'queued' | undefined;
  /** Why the last reply was not sent, when it is not a field's reason (or it was refused from the outbox). */
  declare private _failure: unknown;

  /** A mailed link's ticket and token, read from the URL when the element connects without `ticket-id`. */
  private link: { id: string; token: string } | undefined;
  /** This view's replies waiting in the outbox (by local id), with what the shopper wrote. */
  private readonly pending = new Map<string, KeptReply>();
  private readonly photos = new PhotosController(this, {
    onProblems: (problem) => {
      const { photos: _, ...rest } = this._errors;
      this._errors = problem ? { ...rest, photos: problem } : rest;
    },
    onTouched: () => (this._notice = this.pending.size ? 'queued' : undefined),
    onChange: () => undefined,
  });

  private loadedFor: { key: string; client: NectarClient | undefined; id: string } | undefined;
  private request = 0;
  /** Tickets for which the CSAT decision was taken on this page. */
  private readonly csatDecided = new Set<string>();

  constructor() {
    super();
    this.ticketId = '';
    this.accessToken = '';
    this._state = 'idle';
    this._draft = '';
    this._errors = {};
    this._sending = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const link = linkInUrl();
    if (link?.id !== this.link?.id || link?.token !== this.link?.token) this.requestUpdate();
    this.link = link;
  }

  /** The ticket shown and the token it is read and answered with (`ticket-id`, else a mailed link's). */
  private get target(): { id: string; token: string } {
    if (this.ticketId || !this.link) return { id: this.ticketId, token: this.accessToken };
    return { id: this.link.id, token: this.accessToken || this.link.token };
  }

  protected override subscribeClient(client: NectarClient): Unsubscribe[] {
    // A reply or resolution is not pushed yet; a ticket or a reply sent from the outbox may be this one's.
    return [
      client.on('ticket-sent', ({ ticket }) => {
        if (ticket.id === this.target.id) void this.refresh();
      }),
      client.on('reply-sent', ({ localId, ticket }) => {
        const mine = this.pending.delete(localId);
        if (ticket.id !== this.target.id) return;
        this.show(ticket);
        if (mine) this._notice = this.pending.size ? 'queued' : 'sent';
      }),
      client.on('outbox-error', ({ kind, localId, error }) => {
        if (kind === 'message') void this.onRefused(localId, error);
      }),
    ];
  }

  protected override willUpdate(): void {
    const { id, token } = this.target;
    const key = `${id}\n${token}`;
    const client = this.activeClient;
    if (this.loadedFor?.key === key && this.loadedFor.client === client) return;
    // Another request: the box starts empty (a reply waiting in the outbox is sent all the same).
    if (this.loadedFor && this.loadedFor.id !== id) this.clearBox();
    this.loadedFor = { key, client, id };
    void this.refresh();
  }

  /** Loads the ticket again. */
  async refresh(): Promise<void> {
    const client = this.activeClient;
    const { id, token } = this.target;
    const request = ++this.request;
    if (!id || !client) {
      this._state = 'idle';
      this._ticket = undefined;
      return;
    }
    this._state = 'loading';
    try {
      const ticket = token ? await client.desk.getTicket(id, token) : await client.tickets.get(id);
      if (request !== this.request) return;
      this.show(ticket);
      // A shopper who never saw the resolved state is still asked once the ticket is closed.
      if (ticket.status === 'resolved' || ticket.status === 'closed') void this.offerCsat(client, ticket.id);
    } catch (error) {
      if (request !== this.request) return;
      this._error = error;
      this._state = isNotFoundError(error) ? 'not-found' : 'error';
      this.dispatchEvent(new NectarErrorEvent({ error }));
    }
  }

  /** Shows the ticket as it is now (loaded, or returned by a reply); its replies count as read. */
  private show(ticket: Ticket): void {
    this.request++;
    this._ticket = ticket;
    this._state = 'loaded';
    markSeen(ticket);
  }

  private async offerCsat(client: NectarClient, id: string): Promise<void> {
    if (this.csatDecided.has(id)) return;
    this.csatDecided.add(id);
    try {
      const ask = await client.feedback.shouldAsk(csatSurveyId(id), { recontactDays: Infinity, oncePerSession: false });
      if (!ask) return;
      await import('../csat/csat.ts');
      if (this.target.id === id) this._csatFor = id;
    } catch {
      // Storage or a chunk failed: the status view works without the question.
    }
  }

  override render(): TemplateResult {
    const m = this.localize.messages;
    const loading = this._state === 'loading';
    const ticket = this._ticket;
    return html`<div part="base" lang=${this.localize.locale} aria-busy=${loading ? 'true' : 'false'}>
      <div class="header">
        <h2 part="heading">${ticket ? m.status.heading(ticket.number) : m.status.timeline}</h2>
        ${
          this.target.id
            ? html`<button type="button" part="refresh-button" ?disabled=${loading} @click=${this.refresh}>
                ${m.status.refresh}
              </button>`
            : nothing
        }
      </div>
      <div role="status" class="message" part="message">${this.renderMessage(m)}</div>
      ${ticket && this._state !== 'not-found' ? this.renderTicket(m, ticket) : nothing}
    </div>`;
  }

  private renderMessage(m: Catalog): string {
    switch (this._state) {
      case 'idle':
        return m.status.noTicket;
      case 'loading':
        return m.status.loading;
      case 'not-found':
        return m.status.notFound;
      case 'error':
        return `${m.status.error} ${errorMessage(m, this._error)}`;
      default:
        return '';
    }
  }

  private renderTicket(m: Catalog, t: Ticket): TemplateResult {
    return html`<dl class="summary" part="summary">
        <dt>${m.status.status}</dt>
        <dd><span class="badge ${t.status}" part="status">${m.core.statuses[t.status] ?? t.status}</span></dd>
        <dt>${m.status.category}</dt>
        <dd>${m.core.categories[t.category]?.label ?? t.category}</dd>
        ${
          t.subject
            ? html`<dt>${m.form.subject}</dt>
                <dd>${t.subject}</dd>`
            : nothing
        }
        <dt>${m.status.firstResponseBy}</dt>
        <dd>${this.time(t.promise.firstResponseBy)}</dd>
        <dt>${m.status.resolveBy}</dt>
        <dd>${this.time(t.promise.resolveBy)}</dd>
      </dl>
      ${
        this._csatFor === t.id && (t.status === 'resolved' || t.status === 'closed')
          ? html`<nectar-csat
              part="csat"
              class="csat"
              ticket-id=${t.id}
              access-token=${this.target.token}
              .client=${this.activeClient}
              lang=${this.lang || nothing}
              @nectar-close=${() => (this._csatFor = undefined)}
            ></nectar-csat>`
          : nothing
      }
      <h3>${m.status.timeline}</h3>
      <ol part="timeline">
        ${t.timeline.map((entry) => this.renderEntry(m, entry))}
      </ol>
      ${this.renderReply(m, t)}`;
  }

  private renderEntry(m: Catalog, e: TimelineEntry): TemplateResult {
    const label = m.core.timeline[e.kind]?.(e.authorName) ?? e.kind;
    const photos = e.attachments?.length ?? 0;
    return html`<li part="entry">
      <span class="entry-title">${label}</span>
      ${this.time(e.at)} ${e.body ? html`<blockquote part="entry-body">${e.body}</blockquote>` : nothing}
      ${photos ? html`<p class="entry-photos" part="entry-photos">${m.core.ticket.photos(photos)}</p>` : nothing}
    </li>`;
  }

  /**
   * The box to answer in: none on a closed request (nor with a desk that takes no messages); the question's line
   * above it while the request waits.
   */
  private renderReply(m: Catalog, t: Ticket): TemplateResult | typeof nothing {
    const s = m.status;
    if (t.status === 'closed') return html`<p class="reply-closed" part="reply-closed">${s.closedNote}</p>`;
    if (typeof this.activeClient?.desk.addMessage !== 'function') return nothing;
    const asked = t.status === 'waiting_on_customer';
    const resolved = t.status === 'resolved';
    const error = this._errors.message;
    const describedBy = [asked ? 'reply-asked' : '', resolved ? 'reply-hint' : '', error ? 'message-error' : '']
      .filter(Boolean)
      .join(' ');
    return html`${asked ? html`<p class="asked" id="reply-asked" part="reply-asked">${s.asked}</p>` : nothing}
      <form
        class="reply"
        part="reply"
        novalidate
        aria-busy=${this._sending ? 'true' : 'false'}
        @submit=${this.onReply}
        @focusin=${this.warm}
        @pointerdown=${this.warm}
      >
        ${
          this._failure !== undefined
            ? html`<div class="alert danger" part="reply-alert" role="alert">
                ${s.replyNotSent} ${Object.keys(this._errors).length ? nothing : errorMessage(m, this._failure)}
              </div>`
            : nothing
        }
        <div class="field" part="field">
          <label for="message">${s.replyLabel}</label>
          <textarea
            id="message"
            part="reply-input"
            rows="4"
            .value=${live(this._draft)}
            ?readonly=${this._sending}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${describedBy || nothing}
            @input=${this.onInput}
          ></textarea>
          ${resolved ? html`<p class="hint" id="reply-hint" part="reply-hint">${s.reopens}</p>` : nothing}
          ${this.renderError(m, 'message')}
        </div>
        ${renderPhotoField(m, {
          error: this.renderError(m, 'photos'),
          invalid: !!this._errors.photos,
          damaged: false,
          full: this.photos.full,
          list: this.photos.renderList(m),
          onFiles: (input) => void this.photos.onFiles(input),
        })}
        <div class="actions">
          <button type="submit" class="primary" part="reply-send" aria-disabled=${this._sending ? 'true' : 'false'}>
            ${this._sending ? m.core.ticket.sending : s.replySend}
          </button>
        </div>
        <p class="reply-status" part="reply-status" role="status">
          ${this._notice === 'queued' ? s.replyQueued : this._notice === 'sent' ? s.replySent : ''}
        </p>
      </form>`;
  }

  private renderError(m: Catalog, field: Field): TemplateResult | typeof nothing {
    return renderFieldError(m, field, this._errors);
  }

  /** The shopper is in the box: the image checks (and the English reasons with them) are imported now. */
  private readonly warm = (): void => this.photos.preload();

  private onInput(e: Event): void {
    this._draft = (e.target as HTMLTextAreaElement).value;
    if (this._notice === 'sent') this._notice = undefined;
    if (this._errors.message) {
      const { message: _, ...rest } = this._errors;
      this._errors = rest;
    }
  }

  private onReply(e: Event): void {
    e.preventDefault();
    void this.reply();
  }

  /** Sends what is in the reply box (the "Send reply" button). */
  async reply(): Promise<void> {
    if (this._sending) return;
    const client = this.activeClient;
    const { id, token } = this.target;
    if (!client || !id) return;
    this._sending = true;
    try {
      await this.photos.settled;
      const kept: KeptReply = { ticketId: id, message: this._draft, photos: this.photos.stored() };
      const result = await client.tickets.reply(
        id,
        { message: kept.message, attachments: photoFiles(kept.photos) },
        token ? { accessToken: token } : undefined,
      );
      this.clearBox();
      if (result.state === 'sent') {
        if (id === this.target.id) this.show(result.ticket);
        this._notice = this.pending.size ? 'queued' : 'sent';
      } else {
        this.pending.set(result.localId, kept);
        this._notice = 'queued';
      }
    } catch (error) {
      // Nothing was cleared: the text and photos are still in the box.
      await this.explain(error, false);
      this.dispatchEvent(new NectarErrorEvent({ error }));
    } finally {
      this._sending = false;
    }
  }

  /** A reply that waited in the outbox was refused for good: back in the box, with why. */
  private async onRefused(localId: string, error: unknown): Promise<void> {
    const kept = this.pending.get(localId);
    this.pending.delete(localId);
    // Refused after the shopper went on to another request: nothing of this one's to put back here.
    if (!kept || kept.ticketId !== this.target.id) return;
    this._notice = this.pending.size ? 'queued' : undefined;
    // What the shopper typed since is kept too: the refused text comes first.
    this._draft = this._draft.trim() ? `${kept.message}\n\n${this._draft}` : kept.message;
    if (kept.photos.length && !this.photos.photos.length) this.photos.restore(kept.photos);
    await this.explain(error, true);
    this.dispatchEvent(new NectarErrorEvent({ error }));
  }

  /**
   * Why a reply was not sent: a refused field's reason at the field (focused when the shopper just sent it), else
   * (or for a reply refused from the outbox, which the shopper may no longer be looking at) an alert.
   */
  private async explain(error: unknown, later: boolean): Promise<void> {
    let errors: FieldErrors = {};
    if (isValidationError(error)) {
      // The English reasons come with the image checks; the other locales' catalogs hold them.
      await import('../internal/images.ts').catch(() => undefined);
      if (this.localize.messages.core.validation) errors = mapFieldErrors(error.fields, false);
    }
    this._errors = errors;
    const first = firstErrorField(errors);
    this._failure = later || !first ? error : undefined;
    await this.updateComplete;
    if (!later && first) this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus();
  }

  /** Empties the reply box (sent, queued, or another request shown). */
  private clearBox(): void {
    this._draft = '';
    this._errors = {};
    this._failure = undefined;
    this._notice = undefined;
    this.photos.clear();
  }

  private time(iso: string): TemplateResult {
    return html`<time datetime=${iso}>${this.localize.dateTime(iso)}</time>`;
  }
}
