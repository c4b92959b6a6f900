import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { enErrors, enStatus } from '@nectar/core/i18n';
import type { Ticket } from '@nectar/core/schema';
import type { LocalTicket, NectarClient, Unsubscribe } from '@nectar/core';
import { NectarElement } from '../internal/nectar-element.ts';
import { requests } from '../i18n/en/requests.ts';
import { baseStyles } from '../internal/styles.ts';
import { errorMessage } from '../i18n/index.ts';
import { NectarErrorEvent } from '../events.ts';
import { isUnread, markSeen, UNREAD_CHECK_MAX } from '../launcher/unread.ts';
import '../ticket-status/ticket-status.ts';
import { ticketListStyles } from './ticket-list.styles.ts';

type State = 'loading' | 'loaded' | 'error';

/**
 * The shopper's requests (the ones this browser sent, `client.tickets.list()`), newest first, each
 * with its number, date and status in the shopper's locale, and "New reply" when an agent answered
 * since the shopper last looked. Choosing one shows its `<nectar-ticket-status>` (and marks the reply
 * seen); "All requests" goes back.
 *
 * @summary The shopper's requests, newest first, each with its status; one opens its timeline.
 *
 * @event nectar-error - Loading the list failed (the shopper sees "Try again"), or loading the chosen request did; `detail.error` is the typed error.
 * @event nectar-feedback - From the chosen request's status: the shopper rated it (`detail.kind` `'csat'`).
 * @event nectar-close - From the chosen request's status: the shopper closed its rating (`detail.view` `'csat'`).
 *
 * @csspart base - The wrapper of everything.
 * @csspart heading - The heading.
 * @csspart message - Loading, empty and error messages.
 * @csspart retry-button - "Try again" after an error.
 * @csspart list - The list of requests.
 * @csspart item - One request (a button).
 * @csspart status - A request's status badge.
 * @csspart new-reply - "New reply" marker.
 * @csspart back-button - "All requests", above one request's status.
 * @csspart ticket-status - The chosen request's `<nectar-ticket-status>`.
 *
 * @cssprop --nectar-color-accent - Buttons, badges and focus rings.
 * @cssprop --nectar-color-text - Text.
 * @cssprop --nectar-color-muted - Dates and messages.
 * @cssprop --nectar-color-background - Background.
 * @cssprop --nectar-color-surface - Status badges.
 * @cssprop --nectar-color-border - Borders of the requests.
 * @cssprop --nectar-color-danger - "New reply".
 * @cssprop --nectar-radius - Corner radius.
 * @cssprop --nectar-spacing - Base spacing.
 * @cssprop --nectar-font-family - Font.
 * @cssprop --nectar-font-size - Base font size (everything scales with it).
 * @cssprop --nectar-large-text - Large text's body size (set by `text-size="large"`, default `max(20px, 1.25rem)`); set, it also lifts hints and targets (≥ 48 px).
 */
export class NectarTicketList extends NectarElement {
  static override english = { requests, core: { ...enStatus, ...enErrors } };
  static override styles = [baseStyles, ticketListStyles];

  static override properties: PropertyDeclarations = {
    ...NectarElement.properties,
    _state: { state: true },
    _tickets: { state: true },
    _details: { state: true },
    _selected: { state: true },
    _error: { state: true },
  };

  declare private _state: State;
  declare private _tickets: LocalTicket[];
  /** Fresh copies from the desk (status, timeline) of the newest requests. */
  declare private _details: ReadonlyMap<string, Ticket>;
  declare private _selected: string | undefined;
  declare private _error: unknown;

  private loadedFor: NectarClient | undefined;
  private request = 0;

  constructor() {
    super();
    this._state = 'loading';
    this._tickets = [];
    this._details = new Map();
  }

  protected override subscribeClient(client: NectarClient): Unsubscribe[] {
    return [client.on('ticket-sent', () => void this.refresh())];
  }

  protected override willUpdate(): void {
    const client = this.activeClient;
    if (client && client !== this.loadedFor) {
      this.loadedFor = client;
      void this.refresh();
    }
  }

  /** Loads the list again (and the newest requests' current status). */
  async refresh(): Promise<void> {
    const client = this.activeClient;
    if (!client) return;
    const request = ++this.request;
    if (!this._tickets.length) this._state = 'loading';
    try {
      const tickets = await client.tickets.list();
      if (request !== this.request) return;
      this._tickets = tickets;
      this._state = 'loaded';
      const fresh = await Promise.all(
        tickets.slice(0, UNREAD_CHECK_MAX).map((t) => client.tickets.get(t.id).catch(() => undefined)),
      );
      if (request !== this.request) return;
      this._details = new Map(fresh.filter((t): t is Ticket => !!t).map((t) => [t.id, t]));
    } catch (error) {
      if (request !== this.request) return;
      this._error = error;
      this._state = 'error';
      this.dispatchEvent(new NectarErrorEvent({ error }));
    }
  }

  private async choose(id: string): Promise<void> {
    const detail = this._details.get(id);
    if (detail) markSeen(detail);
    this._selected = id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="back-button"]')?.focus();
  }

  private async back(): Promise<void> {
    const id = this._selected;
    this._selected = undefined;
    void this.refresh();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-id="${CSS.escape(id ?? '')}"]`)?.focus();
  }

  override render(): TemplateResult {
    const m = this.localize.messages;
    const selected = this._selected ? this._tickets.find((t) => t.id === this._selected) : undefined;
    if (selected) {
      return html`<div part="base" lang=${this.localize.locale}>
        <button type="button" part="back-button" @click=${this.back}>
          <span aria-hidden="true">←</span> ${m.requests.back}
        </button>
        <nectar-ticket-status
          part="ticket-status"
          ticket-id=${selected.id}
          access-token=${selected.accessToken}
          .client=${this.activeClient}
          lang=${this.lang || nothing}
          theme=${this.theme}
        ></nectar-ticket-status>
      </div>`;
    }
    return html`<div part="base" lang=${this.localize.locale} aria-busy=${this._state === 'loading' ? 'true' : 'false'}>
      <h3 part="heading">${m.requests.heading}</h3>
      ${this.renderBody()}
    </div>`;
  }

  private renderBody(): TemplateResult {
    const m = this.localize.messages;
    const r = m.requests;
    if (this._state === 'loading') return html`<p part="message" role="status">${r.loading}</p>`;
    if (this._state === 'error') {
      return html`<p part="message" role="alert">${r.error} ${errorMessage(m, this._error)}</p>
        <button type="button" part="retry-button" @click=${this.refresh}>${r.retry}</button>`;
    }
    if (!this._tickets.length) return html`<p part="message" role="status">${r.empty}</p>`;
    return html`<ul part="list">
      ${this._tickets.map((t) => {
        const fresh = this._details.get(t.id);
        const status = fresh?.status ?? t.status;
        const statusText = m.core.statuses[status] ?? status;
        const date = this.localize.dateTime(t.createdAt);
        const unread = fresh ? isUnread(fresh) : false;
        return html`<li>
          <button type="button" part="item" data-id=${t.id} @click=${() => void this.choose(t.id)}>
            <span class="number">${t.number}</span>
            <span class="date"><time datetime=${t.createdAt}>${r.created(date)}</time></span>
            ${unread ? html`<span part="new-reply">${r.newReply}</span>` : nothing}
            <span part="status" class=${status}>${statusText}</span>
          </button>
        </li>`;
      })}
    </ul>`;
  }
}
