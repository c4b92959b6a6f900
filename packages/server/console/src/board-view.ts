import { css, html, LitElement, nothing } from 'lit';
import { api, isApiError } from './api.ts';
import { CategoryLabels } from './categories.ts';
import { define } from './define.ts';
import { AnnounceEvent, errorText } from './events.ts';
import { LOCALE_NAMES, LOCALES, LocalizeController } from './i18n/index.ts';
import { base } from './styles.ts';
import {
  BOARD_DIMENSIONS,
  type Agent,
  type Board,
  type BoardDimension,
  type BoardGroup,
  type GroupStatus,
} from './types.ts';

/** The ranges offered, in days up to today. */
export const BOARD_RANGES = [7, 30, 90] as const;

interface Options {
  by: BoardDimension;
  days: number;
}

const OPTIONS_KEY = 'nectar-console:board';
const DEFAULT_OPTIONS: Options = { by: 'category', days: 30 };

function storedOptions(): Options {
  try {
    const stored = JSON.parse(sessionStorage.getItem(OPTIONS_KEY) ?? '{}') as Partial<Options>;
    return {
      by: BOARD_DIMENSIONS.includes(stored.by as BoardDimension) ? (stored.by as BoardDimension) : DEFAULT_OPTIONS.by,
      days: (BOARD_RANGES as readonly number[]).includes(Number(stored.days)) ? Number(stored.days) : 30,
    };
  } catch {
    return { ...DEFAULT_OPTIONS };
  }
}

/**
 * The problem board: the range's tickets grouped by department, issue type, product, supplier or category, each
 * group with its tickets, share, trend against the period before (an arrow and words), a spike badge with its
 * reason, open tickets and who works on it. Per group: "Claim" (asks for the department), "Mark known issue" and
 * "Close" (asks for a note); a closed group whose tickets came back says so. Grouping and range are remembered
 * for the tab.
 */
export class ConsoleBoard extends LitElement {
  static override styles = [
    base,
    css`
      .options {
        display: grid;
        grid-template-columns: repeat(2, minmax(10rem, 16rem)) auto;
        gap: calc(var(--_space) * 0.75);
        align-items: end;
        margin-bottom: var(--_space);
      }
      .options .field {
        margin: 0;
      }
      .options button {
        justify-self: start;
      }
      .table-wrap {
        /* The containing block of the buttons' hidden group names too, so none of them widens the page. */
        position: relative;
        overflow-x: auto;
      }
      td .badge {
        white-space: normal;
        border-radius: var(--_radius);
        margin-bottom: 0.2em;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      caption {
        text-align: start;
        font-weight: 600;
        padding-bottom: 0.5rem;
      }
      th,
      td {
        text-align: start;
        padding: 0.5rem;
        border-bottom: 1px solid var(--_border);
        vertical-align: top;
      }
      th.num,
      td.num {
        text-align: end;
        white-space: nowrap;
      }
      th[scope='row'] {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .trend {
        display: flex;
        gap: 0.35em;
        align-items: baseline;
      }
      .arrow {
        font-weight: 700;
      }
      .arrow.up {
        color: var(--_danger);
      }
      .arrow.down {
        color: var(--_success);
      }
      .reason,
      .who {
        display: block;
        color: var(--_muted);
        font-size: 0.9em;
        margin-top: 0.2em;
      }
      .note {
        display: block;
        margin-top: 0.2em;
        overflow-wrap: anywhere;
      }
      .row-actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem;
      }
      .row-actions button {
        min-height: 36px;
        padding: 0.25em 0.7em;
      }
      dialog .actions {
        justify-content: flex-end;
        margin-top: var(--_space);
      }
      @media (max-width: 1000px) {
        th,
        td {
          padding: 0.4rem 0.3rem;
          font-size: 0.95em;
        }
        .row-actions {
          flex-direction: column;
          align-items: stretch;
        }
      }
      @media (max-width: 640px) {
        .options {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  static override properties = {
    agent: { attribute: false },
    _options: { state: true },
    _board: { state: true },
    _error: { state: true },
    _busy: { state: true },
    _target: { state: true },
    _fieldError: { state: true },
  };
  /** Who is signed in: publishing a notice to shoppers is an admin's. */
  declare agent: Agent | null;
  declare _options: Options;
  declare _board: Board | null;
  declare _error: string;
  declare _busy: boolean;
  /** The group a dialog is open for. */
  declare _target: BoardGroup | null;
  declare _fieldError: string;

  private l = new LocalizeController(this);
  /** The only site's categories (the board is every site's; with several, the console's labels). */
  private categories = new CategoryLabels(this);
  private inFlight = 0;
  private opener: HTMLElement | null = null;

  constructor() {
    super();
    this._options = storedOptions();
    this._board = null;
    this._error = '';
    this._busy = false;
    this._target = null;
    this._fieldError = '';
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.refresh();
  }

  focusHeading() {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h1')?.focus());
  }

  async refresh(): Promise<void> {
    const id = ++this.inFlight;
    const { by, days } = this._options;
    try {
      const board = await api.board(by, days);
      if (id !== this.inFlight) return;
      this._board = board;
      this._error = '';
    } catch (e) {
      if (id !== this.inFlight) return;
      this._error = `${this.l.t.board.loadFailed} ${errorText(this.l, e)}`;
    }
  }

  private setOption<K extends keyof Options>(key: K, value: Options[K]) {
    this._options = { ...this._options, [key]: value };
    try {
      sessionStorage.setItem(OPTIONS_KEY, JSON.stringify(this._options));
    } catch {
      // Not remembered across reloads.
    }
    void this.refresh();
  }

  private async onRefreshClick() {
    await this.refresh();
    const t = this.l.t.board;
    this.dispatchEvent(new AnnounceEvent(this._error || t.total(this._board?.total ?? 0)));
  }

  /** The group's name as people read it (a category in words, the group without attribution named so). */
  private nameOf(group: BoardGroup): string {
    const t = this.l.t;
    if (group.key === null) return t.board.notAttributed;
    if (this._board?.by === 'category') return this.categories.label(t, this.l.locale, '', group.key);
    return group.key;
  }

  private percent(value: number): string {
    return new Intl.NumberFormat(this.l.locale, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
  }

  private number(value: number): string {
    return new Intl.NumberFormat(this.l.locale, { maximumFractionDigits: 1 }).format(value);
  }

  private async change(group: BoardGroup, status: GroupStatus, extra: { department?: string; note?: string }) {
    const board = this._board;
    if (!board || group.key === null || this._busy) return false;
    const t = this.l.t.board;
    const name = this.nameOf(group);
    this._busy = true;
    try {
      const claim = await api.changeGroup({ by: board.by, key: group.key, status, ...extra });
      const done =
        status === 'claimed'
          ? t.claimedDone(name, claim.department ?? '')
          : status === 'known_issue'
            ? t.knownDone(name)
            : t.closedDone(name);
      this.dispatchEvent(new AnnounceEvent(done));
      await this.refresh();
      return true;
    } catch (e) {
      if (isApiError(e) && e.code === 'validation_failed' && (e.fields?.['department'] || e.fields?.['note'])) {
        this._fieldError = t.required;
      }
      this.dispatchEvent(new AnnounceEvent(errorText(this.l, e), 'error'));
      return false;
    } finally {
      this._busy = false;
    }
  }

  private openDialog(id: 'claim-dialog' | 'close-dialog' | 'notice-dialog', group: BoardGroup) {
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>(`#${id}`);
    if (!dialog || dialog.open) return;
    this.opener = (this.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    this._target = group;
    this._fieldError = '';
    dialog.showModal();
    dialog.querySelector<HTMLElement>('input, textarea')?.focus();
  }

  private closeDialog(dialog: HTMLDialogElement | null) {
    dialog?.close();
  }

  private onDialogClose(event: Event) {
    (event.currentTarget as HTMLDialogElement).querySelector('form')?.reset();
    this._fieldError = '';
    const key = this._target?.key ?? null;
    this._target = null;
    const opener = this.opener;
    this.opener = null;
    if (opener?.isConnected) opener.focus();
    else this.focusRow(key);
  }

  /** Focus back on a group's row (its first action, re-rendered after a change), else the heading. */
  private focusRow(key: string | null) {
    void this.updateComplete.then(() => {
      const row = [...this.renderRoot.querySelectorAll<HTMLElement>('tbody tr')].find((r) => r.dataset['key'] === key);
      (row?.querySelector<HTMLElement>('button') ?? this.renderRoot.querySelector<HTMLElement>('h1'))?.focus();
    });
  }

  private async markKnown(group: BoardGroup) {
    if (await this.change(group, 'known_issue', {})) this.focusRow(group.key);
  }

  private async submitClaim(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const department = String(new FormData(form).get('department') ?? '').trim();
    const group = this._target;
    if (!group) return;
    if (!department) {
      this._fieldError = this.l.t.board.required;
      form.querySelector<HTMLElement>('input')?.focus();
      return;
    }
    if (await this.change(group, 'claimed', { department })) this.closeDialog(form.closest('dialog'));
  }

  /** A known issue's notice to shoppers: a title (and text) per language, English required. */
  private async submitNotice(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const group = this._target;
    const board = this._board;
    if (!group || group.key === null || !board || this._busy) return;
    const t = this.l.t;
    const content: Partial<Record<(typeof LOCALES)[number], { title: string; body?: string }>> = {};
    for (const locale of LOCALES) {
      const title = String(data.get(`title-${locale}`) ?? '').trim();
      const body = String(data.get(`body-${locale}`) ?? '').trim();
      if (title) content[locale] = { title, ...(body ? { body } : {}) };
    }
    if (!content.en) {
      this._fieldError = t.board.required;
      form.querySelector<HTMLElement>('input')?.focus();
      return;
    }
    this._busy = true;
    try {
      await api.publishNotice({ by: board.by, key: group.key, content });
      this.dispatchEvent(new AnnounceEvent(t.notice.done(this.nameOf(group))));
      this.closeDialog(form.closest('dialog'));
    } catch (e) {
      const noSkus = isApiError(e) && e.fields?.['key'] === 'no_skus';
      this._fieldError = noSkus ? t.notice.noSkus : errorText(this.l, e);
      this.dispatchEvent(new AnnounceEvent(this._fieldError, 'error'));
    } finally {
      this._busy = false;
    }
  }

  private async submitClose(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const note = String(new FormData(form).get('note') ?? '').trim();
    const group = this._target;
    if (!group) return;
    if (!note) {
      this._fieldError = this.l.t.board.required;
      form.querySelector<HTMLElement>('textarea')?.focus();
      return;
    }
    if (await this.change(group, 'closed', { note })) this.closeDialog(form.closest('dialog'));
  }

  override render() {
    const t = this.l.t;
    const o = this._options;
    const board = this._board;
    return html`
      <h1 tabindex="-1">${t.board.heading}</h1>
      <form class="options" aria-label=${t.board.options} @submit=${(e: Event) => e.preventDefault()}>
        <div class="field">
          <label for="board-by">${t.board.by}</label>
          <select
            id="board-by"
            @change=${(e: Event) => this.setOption('by', (e.target as HTMLSelectElement).value as BoardDimension)}
          >
            ${BOARD_DIMENSIONS.map(
              (d) => html`<option value=${d} ?selected=${o.by === d}>${t.board.dimension[d]}</option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="board-range">${t.board.range}</label>
          <select
            id="board-range"
            @change=${(e: Event) => this.setOption('days', Number((e.target as HTMLSelectElement).value))}
          >
            ${BOARD_RANGES.map((d) => html`<option value=${d} ?selected=${o.days === d}>${t.board.days(d)}</option>`)}
          </select>
        </div>
        <button type="button" @click=${this.onRefreshClick}>${t.board.refresh}</button>
      </form>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      ${
        board === null
          ? this._error
            ? nothing
            : html`<p class="muted">${t.app.loading}</p>`
          : board.groups.length === 0
            ? html`<p>${t.board.empty}</p>`
            : this.renderTable(board)
      }
      ${this.renderDialogs()}
    `;
  }

  private renderTable(board: Board) {
    const t = this.l.t.board;
    const caption = t.caption(t.dimension[board.by] ?? board.by, t.days(this._options.days));
    return html`
      <p class="muted">${t.total(board.total)}</p>
      <div class="table-wrap">
        <table>
          <caption>
            ${caption}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t.column.group}</th>
              <th scope="col" class="num">${t.column.tickets}</th>
              <th scope="col" class="num">${t.column.share}</th>
              <th scope="col">${t.column.trend}</th>
              <th scope="col">${t.column.spike}</th>
              <th scope="col" class="num">${t.column.open}</th>
              <th scope="col">${t.column.state}</th>
              <th scope="col">${t.column.actions}</th>
            </tr>
          </thead>
          <tbody>
            ${board.groups.map((group) => this.renderRow(group))}
          </tbody>
        </table>
      </div>
    `;
  }

  private renderTrend(group: BoardGroup) {
    const t = this.l.t.board;
    if (group.trend === null)
      return html`<span class="trend"><span class="arrow up" aria-hidden="true">↑</span>${t.trendNew}</span>`;
    if (group.trend === 0) {
      return html`<span class="trend"
        ><span class="arrow" aria-hidden="true">→</span>${t.trendSame(group.previous)}</span
      >`;
    }
    const up = group.trend > 0;
    const words = (up ? t.trendUp : t.trendDown)(this.percent(Math.abs(group.trend)), group.previous);
    return html`<span class="trend"
      ><span class=${`arrow ${up ? 'up' : 'down'}`} aria-hidden="true">${up ? '↑' : '↓'}</span>${words}</span
    >`;
  }

  private renderState(group: BoardGroup) {
    const t = this.l.t.board;
    const claim = group.claim;
    if (!claim) return html`<span class="muted">${t.nobody}</span>`;
    const when = (iso: string | null) => (iso ? this.l.dateTime(iso) : '');
    const who = (name: string | null, at: string | null) =>
      name || at ? html`<span class="who">${t.byWhom(name ?? '—', when(at))}</span>` : nothing;
    if (claim.status === 'claimed') {
      return html`<span class="badge accent">${t.claimedBy(claim.department ?? '—')}</span>${who(
          claim.claimedBy,
          claim.claimedAt,
        )}`;
    }
    if (claim.status === 'known_issue') {
      return html`<span class="badge warning">${t.knownIssue}</span>
        ${claim.department ? html`<span class="who">${t.claimedBy(claim.department)}</span>` : nothing}
        ${who(claim.knownIssueBy, claim.knownIssueAt)}`;
    }
    return html`<span class="badge success">${t.closed}</span>
      ${claim.reopened ? html`<span class="badge danger">${t.cameBack(claim.cameBack)}</span>` : nothing}
      ${claim.note ? html`<span class="note">${claim.note}</span>` : nothing} ${who(claim.closedBy, claim.closedAt)}`;
  }

  private renderActions(group: BoardGroup) {
    const t = this.l.t.board;
    if (group.key === null) return html`<span class="muted">${t.notClaimable}</span>`;
    const name = this.nameOf(group);
    const status = group.claim?.status;
    const named = (label: string) => html`${label}<span class="visually-hidden"> ${name}</span>`;
    return html`<div class="row-actions">
      ${
        status !== 'claimed'
          ? html`<button
              type="button"
              data-action="claim"
              ?disabled=${this._busy}
              @click=${() => this.openDialog('claim-dialog', group)}
            >
              ${named(t.claim)}
            </button>`
          : nothing
      }
      ${
        status !== 'known_issue'
          ? html`<button
              type="button"
              data-action="known"
              ?disabled=${this._busy}
              @click=${() => void this.markKnown(group)}
            >
              ${named(t.markKnown)}
            </button>`
          : nothing
      }
      ${
        status === 'known_issue' && this.agent?.role === 'admin'
          ? html`<button
              type="button"
              data-action="notice"
              ?disabled=${this._busy}
              @click=${() => this.openDialog('notice-dialog', group)}
            >
              ${named(this.l.t.notice.publish)}
            </button>`
          : nothing
      }
      ${
        status !== 'closed'
          ? html`<button
              type="button"
              data-action="close"
              ?disabled=${this._busy}
              @click=${() => this.openDialog('close-dialog', group)}
            >
              ${named(t.close)}
            </button>`
          : nothing
      }
    </div>`;
  }

  private renderRow(group: BoardGroup) {
    const t = this.l.t.board;
    const expected = this.number(group.baseline.expected);
    return html`
      <tr data-key=${group.key ?? ''}>
        <th scope="row">${this.nameOf(group)}</th>
        <td class="num">${group.count}</td>
        <td class="num">${this.percent(group.share)}</td>
        <td>${this.renderTrend(group)}</td>
        <td>
          ${
            group.spike
              ? html`<span class="badge danger">${t.spike}</span
                  ><span class="reason">${t.spikeReason(group.count, expected, group.baseline.days)}</span>`
              : html`<span class="muted">${t.noSpike}</span>`
          }
        </td>
        <td class="num">${group.open}</td>
        <td>${this.renderState(group)}</td>
        <td>${this.renderActions(group)}</td>
      </tr>
    `;
  }

  private renderDialogs() {
    const t = this.l.t.board;
    const name = this._target ? this.nameOf(this._target) : '';
    const error = this._fieldError;
    const cancel = html`<button
      type="button"
      @click=${(e: Event) => this.closeDialog((e.target as Element).closest('dialog'))}
    >
      ${t.cancel}
    </button>`;
    return html`
      <dialog id="claim-dialog" aria-labelledby="claim-heading" @close=${this.onDialogClose}>
        <form @submit=${this.submitClaim} novalidate>
          <h2 id="claim-heading">${t.claimHeading(name)}</h2>
          <label for="claim-department">${t.department}</label>
          <input
            id="claim-department"
            name="department"
            autocomplete="off"
            maxlength="120"
            required
            aria-describedby="claim-hint claim-error"
            aria-invalid=${error ? 'true' : 'false'}
          />
          <p class="hint" id="claim-hint">${t.departmentHint}</p>
          <p class="error" id="claim-error" role="alert">${error}</p>
          <div class="actions">
            ${cancel}
            <button class="primary" type="submit" ?disabled=${this._busy}>${t.claim}</button>
          </div>
        </form>
      </dialog>
      <dialog id="notice-dialog" aria-labelledby="notice-heading" @close=${this.onDialogClose}>
        <form @submit=${this.submitNotice} novalidate>
          <h2 id="notice-heading">${this.l.t.notice.heading(name)}</h2>
          <p class="hint">${this.l.t.notice.intro}</p>
          ${LOCALES.map(
            (locale) => html`
              <label for=${`notice-title-${locale}`}>${this.l.t.notice.title(LOCALE_NAMES[locale])}</label>
              <input
                id=${`notice-title-${locale}`}
                name=${`title-${locale}`}
                lang=${locale}
                maxlength="120"
                autocomplete="off"
                ?required=${locale === 'en'}
                aria-describedby=${locale === 'en' ? 'notice-error' : 'notice-optional'}
                aria-invalid=${locale === 'en' && error ? 'true' : 'false'}
              />
              <label for=${`notice-body-${locale}`}>${this.l.t.notice.body(LOCALE_NAMES[locale])}</label>
              <textarea
                id=${`notice-body-${locale}`}
                name=${`body-${locale}`}
                lang=${locale}
                rows="2"
                maxlength="500"
              ></textarea>
            `,
          )}
          <p class="hint" id="notice-optional">${this.l.t.notice.optional}</p>
          <p class="error" id="notice-error" role="alert">${error}</p>
          <div class="actions">
            ${cancel}
            <button class="primary" type="submit" ?disabled=${this._busy}>${this.l.t.notice.send}</button>
          </div>
        </form>
      </dialog>
      <dialog id="close-dialog" aria-labelledby="close-heading" @close=${this.onDialogClose}>
        <form @submit=${this.submitClose} novalidate>
          <h2 id="close-heading">${t.closeHeading(name)}</h2>
          <label for="close-note">${t.note}</label>
          <textarea
            id="close-note"
            name="note"
            rows="4"
            maxlength="2000"
            required
            aria-describedby="close-hint close-error"
            aria-invalid=${error ? 'true' : 'false'}
          ></textarea>
          <p class="hint" id="close-hint">${t.noteHint}</p>
          <p class="error" id="close-error" role="alert">${error}</p>
          <div class="actions">
            ${cancel}
            <button class="primary" type="submit" ?disabled=${this._busy}>${t.closeGroup}</button>
          </div>
        </form>
      </dialog>
    `;
  }
}

define('nectar-console-board', ConsoleBoard);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-console-board': ConsoleBoard;
  }
}
