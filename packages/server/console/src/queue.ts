import { css, html, LitElement, nothing } from 'lit';
import { api } from './api.ts';
import { CategoryLabels } from './categories.ts';
import { define } from './define.ts';
import { AnnounceEvent, errorText } from './events.ts';
import { LocalizeController } from './i18n/index.ts';
import { base } from './styles.ts';
import { CATEGORIES, STATUSES, type Agent, type Status, type TicketSummary } from './types.ts';
import { isUnread } from './unread.ts';
import { byUrgency, isDone, nextPromise } from './urgency.ts';

/** How often the queue asks again (while the page is visible). */
export const POLL_MS = 10_000;

type StatusFilter = 'active' | 'all' | Status;
type OwnerFilter = 'all' | 'mine' | 'unassigned';

interface Filters {
  status: StatusFilter;
  owner: OwnerFilter;
  category: string;
  q: string;
}

const FILTERS_KEY = 'nectar-console:filters';
const DEFAULT_FILTERS: Filters = { status: 'active', owner: 'all', category: '', q: '' };

function storedFilters(): Filters {
  try {
    return { ...DEFAULT_FILTERS, ...(JSON.parse(sessionStorage.getItem(FILTERS_KEY) ?? '{}') as Partial<Filters>) };
  } catch {
    return { ...DEFAULT_FILTERS };
  }
}

/**
 * The queue: open work ordered by urgency (an `urgent` priority hint first, then the time left to each ticket's
 * next promise; `high` and `urgent` are badged), filtered by status,
 * owner (mine / unassigned / everyone), category and a search of subject and message; asked again every
 * 10 seconds. `j` / `k` move the selection (the focused ticket link), `Enter` opens it.
 */
export class ConsoleQueue extends LitElement {
  static override styles = [
    base,
    css`
      .filters {
        display: grid;
        grid-template-columns: minmax(14rem, 2fr) repeat(3, minmax(9rem, 1fr)) auto;
        gap: calc(var(--_space) * 0.75);
        align-items: end;
        margin-bottom: var(--_space);
      }
      .filters .field {
        margin: 0;
      }
      .summary {
        display: flex;
        gap: var(--_space);
        flex-wrap: wrap;
        margin-bottom: calc(var(--_space) * 0.5);
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: calc(var(--_space) * 0.5);
      }
      li {
        position: relative;
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.25rem var(--_space);
        padding: calc(var(--_space) * 0.75) var(--_space);
        border: 1px solid var(--_border);
        border-left: 6px solid transparent;
        border-radius: var(--_radius);
        background: var(--_bg);
      }
      li.current {
        border-left-color: var(--_accent);
        background: var(--_surface);
      }
      li.unread .title {
        font-weight: 700;
      }
      .title {
        font-weight: 500;
        color: var(--_text);
        text-decoration: none;
        overflow-wrap: anywhere;
      }
      .title::after {
        content: '';
        position: absolute;
        inset: 0;
      }
      .title:focus-visible {
        outline: none;
      }
      li:has(.title:focus-visible) {
        outline: 3px solid var(--_accent);
        outline-offset: 2px;
      }
      .dot {
        display: inline-block;
        width: 0.65em;
        height: 0.65em;
        border-radius: 50%;
        background: var(--_accent);
        margin-right: 0.4em;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem 0.75rem;
        color: var(--_muted);
        font-size: 0.9em;
        grid-column: 1;
      }
      .due {
        grid-column: 2;
        grid-row: 1 / span 2;
        text-align: end;
        display: grid;
        gap: 0.25rem;
        justify-items: end;
        align-content: start;
      }
      .badge.priority.urgent {
        border-color: var(--_danger);
        background: var(--_danger);
        color: var(--_on-accent);
        font-weight: 700;
      }
      .badge.priority.high {
        border-color: var(--_warning);
        color: var(--_warning);
        font-weight: 600;
      }
      .excerpt {
        grid-column: 1;
        color: var(--_muted);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      @media (max-width: 1000px) {
        .filters {
          grid-template-columns: 1fr 1fr;
        }
        .filters .search {
          grid-column: 1 / -1;
        }
      }
      @media (max-width: 640px) {
        li {
          grid-template-columns: 1fr;
        }
        .due {
          grid-column: 1;
          grid-row: auto;
          justify-items: start;
          text-align: start;
        }
      }
    `,
  ];

  static override properties = {
    agent: { attribute: false },
    _tickets: { state: true },
    _error: { state: true },
    _filters: { state: true },
    _current: { state: true },
    _updated: { state: true },
  };
  declare agent: Agent | null;
  declare _tickets: TicketSummary[] | null;
  declare _error: string;
  declare _filters: Filters;
  declare _current: number;
  declare _updated: Date | null;

  private l = new LocalizeController(this);
  private categories = new CategoryLabels(this);
  private timer: ReturnType<typeof setInterval> | undefined;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = 0;
  private onVisibility = () => {
    if (document.visibilityState === 'visible') void this.refresh();
  };

  constructor() {
    super();
    this.agent = null;
    this._tickets = null;
    this._error = '';
    this._filters = storedFilters();
    this._current = 0;
    this._updated = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.refresh();
    this.timer = setInterval(() => {
      if (document.visibilityState === 'visible' && !this.hidden) void this.refresh();
    }, POLL_MS);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
    clearTimeout(this.searchTimer);
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  /** The tickets shown, in order: the service's list narrowed by the filters it does not take. */
  get visible(): TicketSummary[] {
    const { status, owner, category } = this._filters;
    const me = this.agent?.name;
    return (this._tickets ?? [])
      .filter((t) => (status === 'active' ? !isDone(t) : true))
      .filter((t) => (owner === 'mine' ? t.assignee === me : owner === 'unassigned' ? !t.assignee : true))
      .filter((t) => !category || t.category === category)
      .sort(byUrgency);
  }

  async refresh(): Promise<void> {
    const id = ++this.inFlight;
    const { status, q } = this._filters;
    try {
      const { tickets } = await api.tickets({
        status: status === 'active' || status === 'all' ? undefined : status,
        q: q.trim() || undefined,
      });
      if (id !== this.inFlight) return;
      // The selection follows its ticket when a refresh reorders the list.
      const selected = this._tickets ? this.visible[this._current]?.id : undefined;
      this._tickets = tickets;
      this._error = '';
      this._updated = new Date();
      const visible = this.visible;
      const index = visible.findIndex((t) => t.id === selected);
      this._current = index >= 0 ? index : Math.min(this._current, Math.max(0, visible.length - 1));
    } catch (e) {
      if (id !== this.inFlight) return;
      this._error = `${this.l.t.queue.loadFailed} ${errorText(this.l, e)}`;
    }
  }

  /** `j` / `k`: moves the selection and focuses the ticket. */
  move(delta: number) {
    const count = this.visible.length;
    if (count === 0) return;
    this._current = Math.max(0, Math.min(count - 1, this._current + delta));
    void this.updateComplete.then(() => this.linkAt(this._current)?.focus());
  }

  /** `Enter` outside a link: opens the selected ticket. */
  openCurrent() {
    const ticket = this.visible[this._current];
    if (ticket) location.hash = `#/tickets/${ticket.id}`;
  }

  focusSearch() {
    this.renderRoot.querySelector<HTMLInputElement>('#q')?.focus();
  }

  focusHeading() {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  /** Back from a ticket: its row has the focus again. */
  focusTicket(id: string) {
    const index = this.visible.findIndex((t) => t.id === id);
    if (index < 0) return this.focusHeading();
    this._current = index;
    void this.updateComplete.then(() => this.linkAt(index)?.focus());
  }

  private linkAt(index: number) {
    return this.renderRoot.querySelectorAll<HTMLAnchorElement>('a.title')[index];
  }

  private setFilter<K extends keyof Filters>(key: K, value: Filters[K], refetch: boolean) {
    this._filters = { ...this._filters, [key]: value };
    this._current = 0;
    try {
      sessionStorage.setItem(FILTERS_KEY, JSON.stringify(this._filters));
    } catch {
      // Not remembered across reloads.
    }
    if (refetch) void this.refresh();
  }

  private onSearchInput(event: InputEvent) {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.setFilter('q', value, true), 300);
  }

  /** Esc leaves the search box for the list (the text stays; clear it to see everything). */
  private onSearchKey(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    const link = this.linkAt(this._current);
    if (link) link.focus();
    else this.focusHeading();
  }

  private onSearchSubmit(event: SubmitEvent) {
    event.preventDefault();
    clearTimeout(this.searchTimer);
    const value = this.renderRoot.querySelector<HTMLInputElement>('#q')?.value ?? '';
    this.setFilter('q', value, true);
  }

  private async onRefreshClick() {
    await this.refresh();
    const t = this.l.t.queue;
    this.dispatchEvent(
      new AnnounceEvent(this._error || `${t.count(this.visible.length)} · ${t.updated(this.l.time(new Date()))}`),
    );
  }

  override render() {
    const t = this.l.t;
    const f = this._filters;
    const visible = this._tickets ? this.visible : [];
    return html`
      <h1 tabindex="-1">${t.queue.heading}</h1>
      <form class="filters" role="search" aria-label=${t.queue.filters} @submit=${this.onSearchSubmit}>
        <div class="field search">
          <label for="q">${t.queue.search}</label>
          <input
            id="q"
            type="search"
            autocomplete="off"
            aria-keyshortcuts="/"
            .value=${f.q}
            @input=${this.onSearchInput}
            @keydown=${this.onSearchKey}
          />
        </div>
        <div class="field">
          <label for="status">${t.queue.status}</label>
          <select
            id="status"
            @change=${(e: Event) =>
              this.setFilter('status', (e.target as HTMLSelectElement).value as StatusFilter, true)}
          >
            <option value="active" ?selected=${f.status === 'active'}>${t.queue.statusActive}</option>
            <option value="all" ?selected=${f.status === 'all'}>${t.queue.statusAll}</option>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${f.status === s}>${t.status[s]}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="owner">${t.queue.owner}</label>
          <select
            id="owner"
            @change=${(e: Event) =>
              this.setFilter('owner', (e.target as HTMLSelectElement).value as OwnerFilter, false)}
          >
            <option value="all" ?selected=${f.owner === 'all'}>${t.queue.everyone}</option>
            <option value="mine" ?selected=${f.owner === 'mine'}>${t.queue.mine}</option>
            <option value="unassigned" ?selected=${f.owner === 'unassigned'}>${t.queue.unassigned}</option>
          </select>
        </div>
        <div class="field">
          <label for="category">${t.queue.category}</label>
          <select
            id="category"
            @change=${(e: Event) => this.setFilter('category', (e.target as HTMLSelectElement).value, false)}
          >
            <option value="" ?selected=${!f.category}>${t.queue.categoryAll}</option>
            ${this.categoryChoices().map(
              ([id, label]) => html`<option value=${id} ?selected=${f.category === id}>${label}</option>`,
            )}
          </select>
        </div>
        <button type="button" @click=${this.onRefreshClick}>${t.queue.refresh}</button>
      </form>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      ${
        this._tickets === null && !this._error
          ? html`<p class="muted">${t.app.loading}</p>`
          : html`
              <div class="summary muted">
                <span>${t.queue.count(visible.length)}</span>
                ${this._updated ? html`<span>${t.queue.updated(this.l.time(this._updated))}</span>` : nothing}
              </div>
              ${
                visible.length === 0
                  ? html`<p>${t.queue.empty}</p>`
                  : html`<ol aria-label=${t.queue.list}>
                      ${visible.map((ticket, i) => this.renderRow(ticket, i))}
                    </ol>`
              }
            `
      }
    `;
  }

  /**
   * The category filter's choices: the categories of the sites in the list (their own labels), else the contract's;
   * a chosen one stays offered even when no ticket has it now.
   */
  private categoryChoices(): [string, string][] {
    const t = this.l.t;
    const sites = new Set((this._tickets ?? []).map((ticket) => ticket.site));
    const own = this.categories.categories(sites);
    const choices: [string, string][] = own.length
      ? own.map((c) => [c.id, c.labels[this.l.locale] ?? c.labels.en])
      : CATEGORIES.map((c) => [c, t.category[c] ?? c]);
    const chosen = this._filters.category;
    if (chosen && !choices.some(([id]) => id === chosen))
      choices.push([chosen, t.category[chosen as keyof typeof t.category] ?? chosen]);
    return choices;
  }

  /** A call-back still due ("Call back in 2 hours", with the calls nobody answered), or done ("Called back"). */
  private renderCallbackBadge(callback: NonNullable<TicketSummary['callback']>) {
    const q = this.l.t.queue;
    if (callback.doneAt) return html`<span class="badge success callback">${q.callbackDone}</span>`;
    const attempts = callback.attempts ?? 0;
    return html`<span class="badge callback"
      >${q.callbackDue(this.l.relative(callback.by))}${attempts ? ` · ${q.callbackAttempts(attempts)}` : ''}</span
    >`;
  }

  private renderRow(ticket: TicketSummary, index: number) {
    const t = this.l.t;
    const unread = this.agent ? isUnread(this.agent.id, ticket) : false;
    const promise = nextPromise(ticket);
    const due = promise
      ? (promise.kind === 'firstResponse' ? t.queue.firstResponseDue : t.queue.resolutionDue)(
          this.l.relative(new Date(promise.due).toISOString()),
        )
      : t.queue.done(this.l.relative(ticket.updatedAt));
    const title = ticket.subject || ticket.message.slice(0, 120);
    const priority = isDone(ticket) ? 'normal' : (ticket.priority?.level ?? 'normal');
    return html`
      <li class=${`${index === this._current ? 'current' : ''} ${unread ? 'unread' : ''}`} data-id=${ticket.id}>
        <a class="title" href=${`#/tickets/${ticket.id}`} @focus=${() => (this._current = index)}>
          ${unread ? html`<span class="dot" aria-hidden="true"></span>` : nothing}
          <span>${ticket.number}</span> · <span>${title}</span>
          ${priority !== 'normal' ? html`<span class="visually-hidden">, ${t.priority.badge[priority]}</span>` : nothing}
          ${unread ? html`<span class="visually-hidden">, ${t.queue.unread}</span>` : nothing}
        </a>
        <div class="meta">
          <span>${t.status[ticket.status] ?? ticket.status}</span>
          <span>${this.categories.label(t, this.l.locale, ticket.site, ticket.category)}</span>
          <span>${ticket.assignee ? t.queue.owned(ticket.assignee) : t.queue.unassignedOwner}</span>
          <span>${ticket.contact.name ?? ticket.contact.email ?? ticket.contact.userId}</span>
        </div>
        ${ticket.subject ? html`<div class="excerpt">${ticket.message}</div>` : nothing}
        <div class="due">
          ${
            priority === 'urgent' || priority === 'high'
              ? html`<span class=${`badge priority ${priority === 'urgent' ? 'urgent' : 'high'}`}
                  >${t.priority.badge[priority]}</span
                >`
              : nothing
          }
          <span>${due}</span>
          ${ticket.callback && !isDone(ticket) ? this.renderCallbackBadge(ticket.callback) : nothing}
          ${promise?.breached ? html`<span class="badge danger">${t.queue.breached}</span>` : nothing}
          ${promise?.atRisk ? html`<span class="badge warning">${t.queue.atRisk}</span>` : nothing}
          ${ticket.escalatedAt ? html`<span class="badge accent">${t.queue.escalated}</span>` : nothing}
        </div>
      </li>
    `;
  }
}

define('nectar-console-queue', ConsoleQueue);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-console-queue': ConsoleQueue;
  }
}
