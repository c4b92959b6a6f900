import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { enCategories, enErrors, enStatus, enTicket } from '@nectar/core/i18n';
import type { Ticket, TimelineEntry } from '@nectar/core/schema';
import { isNotFoundError } from '@nectar/core/errors';
import { csatSurveyId, type NectarClient, type Unsubscribe } from '@nectar/core';
import { NectarElement } from '../internal/nectar-element.ts';
import { status } from '../i18n/en/status.ts';
import { baseStyles } from '../internal/styles.ts';
import { errorMessage, type Catalog } from '../i18n/index.ts';
import { NectarErrorEvent } from '../events.ts';
import { ticketStatusStyles } from './ticket-status.styles.ts';

type LoadState = 'idle' | 'loading' | 'loaded' | 'not-found' | 'error';

/**
 * One help request's status and timeline: number, status, category, promised times, and
 * every step (received, assigned, replies with the agent's text, resolved…) with dates in
 * the shopper's locale and time zone.
 *
 * Reads the ticket with `access-token` when given, else with the token this browser kept
 * when it created the ticket (`client.tickets.get(id)`).
 *
 * Once the ticket is resolved, it asks how satisfied the shopper is (`<nectar-csat>`, loaded
 * then), once: not again after this browser answered or dismissed it.
 *
 * @summary One request's status, promised times and timeline; asks for a rating once it is resolved.
 *
 * @event nectar-error - Loading failed (not found, or no connection); `detail.error` is the typed error.
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
 * @csspart message - Loading, not-found and error messages.
 * @csspart csat - The satisfaction question after resolution (`<nectar-csat>`).
 *
 * @cssprop --nectar-color-accent - Buttons, timeline markers and focus rings.
 * @cssprop --nectar-color-text - Text.
 * @cssprop --nectar-color-muted - Dates and labels.
 * @cssprop --nectar-color-background - Background.
 * @cssprop --nectar-color-surface - Message bubbles and the status badge.
 * @cssprop --nectar-color-border - The timeline line.
 * @cssprop --nectar-color-success - The border of a closed request's status badge.
 * @cssprop --nectar-radius - Corner radius.
 * @cssprop --nectar-spacing - Base spacing.
 * @cssprop --nectar-font-family - Font.
 * @cssprop --nectar-font-size - Base font size (everything scales with it).
 */
export class NectarTicketStatus extends NectarElement {
  static override english = { status, core: { ...enCategories, ...enStatus, ...enTicket, ...enErrors } };
  static override styles = [baseStyles, ticketStatusStyles];

  static override properties: PropertyDeclarations = {
    ...NectarElement.properties,
    ticketId: { attribute: 'ticket-id' },
    accessToken: { attribute: 'access-token' },
    _state: { state: true },
    _ticket: { state: true },
    _error: { state: true },
    _csatFor: { state: true },
  };

  /** Id of the ticket to show. */
  declare ticketId: string;
  /** Access token from the ticket's receipt; default: the one this browser kept. */
  declare accessToken: string;

  declare private _state: LoadState;
  declare private _ticket: Ticket | undefined;
  declare private _error: unknown;
  /** The resolved ticket whose CSAT question is shown. */
  declare private _csatFor: string | undefined;

  private loadedFor: { key: string; client: NectarClient | undefined } | undefined;
  private request = 0;
  /** Tickets for which the CSAT decision was taken on this page. */
  private readonly csatDecided = new Set<string>();

  constructor() {
    super();
    this.ticketId = '';
    this.accessToken = '';
    this._state = 'idle';
  }

  protected override subscribeClient(client: NectarClient): Unsubscribe[] {
    // A reply or resolution is not pushed yet; a ticket sent from the outbox may be this one.
    return [
      client.on('ticket-sent', ({ ticket }) => {
        if (ticket.id === this.ticketId) void this.refresh();
      }),
    ];
  }

  protected override willUpdate(): void {
    const key = `${this.ticketId}\n${this.accessToken}`;
    const client = this.activeClient;
    if (this.loadedFor?.key === key && this.loadedFor.client === client) return;
    this.loadedFor = { key, client };
    void this.refresh();
  }

  /** Loads the ticket again. */
  async refresh(): Promise<void> {
    const client = this.activeClient;
    const id = this.ticketId;
    const request = ++this.request;
    if (!id || !client) {
      this._state = 'idle';
      this._ticket = undefined;
      return;
    }
    this._state = 'loading';
    try {
      const ticket = this.accessToken
        ? await client.desk.getTicket(id, this.accessToken)
        : await client.tickets.get(id);
      if (request !== this.request) return;
      this._ticket = ticket;
      this._state = 'loaded';
      // A shopper who never saw the resolved state is still asked once the ticket is closed.
      if (ticket.status === 'resolved' || ticket.status === 'closed') void this.offerCsat(client, ticket.id);
    } catch (error) {
      if (request !== this.request) return;
      this._error = error;
      this._state = isNotFoundError(error) ? 'not-found' : 'error';
      this.dispatchEvent(new NectarErrorEvent({ error }));
    }
  }

  private async offerCsat(client: NectarClient, id: string): Promise<void> {
    if (this.csatDecided.has(id)) return;
    this.csatDecided.add(id);
    try {
      const ask = await client.feedback.shouldAsk(csatSurveyId(id), { recontactDays: Infinity, oncePerSession: false });
      if (!ask) return;
      await import('../csat/csat.ts');
      if (this.ticketId === id) this._csatFor = id;
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
          this.ticketId
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
        this._csatFor === t.id
          ? html`<nectar-csat
              part="csat"
              class="csat"
              ticket-id=${t.id}
              access-token=${this.accessToken}
              .client=${this.activeClient}
              lang=${this.lang || nothing}
              @nectar-close=${() => (this._csatFor = undefined)}
            ></nectar-csat>`
          : nothing
      }
      <h3>${m.status.timeline}</h3>
      <ol part="timeline">
        ${t.timeline.map((entry) => this.renderEntry(m, entry))}
      </ol>`;
  }

  private renderEntry(m: Catalog, e: TimelineEntry): TemplateResult {
    const label = m.core.timeline[e.kind]?.(e.authorName) ?? e.kind;
    return html`<li part="entry">
      <span class="entry-title">${label}</span>
      ${this.time(e.at)} ${e.body ? html`<blockquote part="entry-body">${e.body}</blockquote>` : nothing}
    </li>`;
  }

  private time(iso: string): TemplateResult {
    return html`<time datetime=${iso}>${this.localize.dateTime(iso)}</time>`;
  }
}
