import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { api, isApiError, type PresenceOther, type TicketAction } from './api.ts';
import { CategoryLabels } from './categories.ts';
import { answersApi } from './answers-view.ts';
import './attribution-suggestion.ts';
import { define } from './define.ts';
import type { AcceptAttributionEvent } from './attribution-suggestion.ts';
import { AnnounceEvent, errorText } from './events.ts';
import { LocalizeController } from './i18n/index.ts';
import { base } from './styles.ts';
import {
  ATTRIBUTION_FIELDS,
  BOARD_BY,
  REMEDY_KINDS,
  type Agent,
  type Attribution,
  type AttributionField,
  type CannedReply,
  type MailList,
  type Remedy,
  type RemedyKind,
  type Ticket,
  type TimelineEntry,
} from './types.ts';
import { markSeen } from './unread.ts';
import { orderStyles, renderExecution, renderOrder } from './order-section.ts';
import { isDone, nextPromise } from './urgency.ts';
import { POLL_MS } from './queue.ts';
import type { RemedyPreset } from './settings-types.ts';

const INTERNAL = new Set(['note', 'escalated', 'callback']);
/** Codes the agent picks from when they type one: a text field takes any other (the service checks ISO 4217's form). */
const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'CNY', 'TWD', 'HKD', 'JPY', 'SEK', 'DKK', 'PLN', 'CAD', 'AUD'];
/** How far back the problem board is asked for the attribution values in use (its longest range). */
const SUGGESTION_DAYS = 366;
const SUGGESTIONS_MAX = 50;
/** Presence is reported this often while a ticket is open (the service forgets an agent after 30 s). */
const PRESENCE_MS = 10_000;
/**
 * No key in the reply box for this long: the agent stopped typing. Longer than one beat, so every other agent on
 * the ticket (each asking every 10 s) sees a short burst of typing too.
 */
const TYPING_IDLE_MS = 15_000;
/** The replies agents sent on the ticket (the timeline only grows). */
const agentReplies = (ticket: Ticket) => ticket.timeline.filter((e) => e.kind === 'replied' && e.by === 'agent');

/**
 * One ticket: the shopper's message and photos (from the agent attachment route, as `<img>` only), the
 * timeline with internal notes marked, CSAT, the priority hint (its level, each reason with the words that
 * raised it), the mail sent or waiting for the shopper, and the actions — Claim, Reply (a "Canned reply"
 * picker fills the reply box with a template's preview, and says which variables had no value), Internal
 * note, Resolve, Close, Reopen, Escalate (with a reason), Remedy (a refund, reship or voucher the shopper sees
 * and is mailed) and, for admins, Assign (to an agent, with a reason) — and the ticket's attribution
 * (department, issue type, product, supplier; suggested from the values the problem board has). Every shopper
 * field is rendered as text. Asked again every 10 seconds, so a shopper's answer
 * (and the mail's progress) shows up.
 */
export class ConsoleTicketView extends LitElement {
  static override styles = [
    base,
    orderStyles,
    css`
      .top {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: calc(var(--_space) * 0.5) var(--_space);
        margin-bottom: var(--_space);
      }
      .top a {
        font-weight: 600;
      }
      h1 {
        overflow-wrap: anywhere;
      }
      .number {
        color: var(--_muted);
        font-weight: 500;
        margin-inline-end: 0.4em;
      }
      .badges {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        margin-bottom: var(--_space);
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(18rem, 24rem);
        gap: calc(var(--_space) * 1.5);
        align-items: start;
      }
      @media (max-width: 1000px) {
        .layout {
          grid-template-columns: 1fr;
        }
        /* A tablet: what to do and the facts first, side by side, then the conversation. */
        .side {
          order: -1;
          grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
          align-items: start;
        }
      }
      section + section {
        margin-top: calc(var(--_space) * 1.25);
      }
      ol.timeline {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: calc(var(--_space) * 0.75);
      }
      .entry {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: calc(var(--_space) * 0.75);
      }
      .entry.customer {
        background: var(--_surface);
      }
      .entry.internal {
        background: var(--_note);
        border-style: dashed;
      }
      .entry.event {
        border: none;
        padding: 0 calc(var(--_space) * 0.75);
        color: var(--_muted);
      }
      .entry .head {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
        align-items: baseline;
      }
      .entry time {
        color: var(--_muted);
        font-size: 0.9em;
      }
      .body {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        margin: 0.4em 0 0;
      }
      ul.photos {
        list-style: none;
        padding: 0;
        margin: 0.75em 0 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      ul.photos img {
        display: block;
        max-width: min(100%, 16rem);
        max-height: 12rem;
        border-radius: var(--_radius);
        border: 1px solid var(--_border);
        background: var(--_surface);
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.35rem 0.75rem;
        margin: 0;
      }
      dt {
        color: var(--_muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .side {
        display: grid;
        gap: var(--_space);
      }
      .composer + .composer {
        margin-top: var(--_space);
      }
      .composer .actions {
        margin-top: 0.5rem;
      }
      dialog .actions {
        justify-content: flex-end;
        margin-top: var(--_space);
      }
      .canned {
        margin-bottom: calc(var(--_space) * 0.75);
      }
      .presence p {
        margin: 0 0 calc(var(--_space) * 0.75);
        font-weight: 600;
        color: var(--_warning);
      }
      .warning {
        color: var(--_warning);
        font-weight: 600;
        margin: 0.25em 0 0;
      }
      .warning[hidden] {
        display: none;
      }
      dd.priority.urgent strong {
        color: var(--_danger);
      }
      dd.priority.high strong {
        color: var(--_warning);
      }
      ul.reasons {
        margin: 0.25em 0 0;
        padding-inline-start: 1.1em;
      }
      ul.reasons .reason {
        font-weight: 600;
        margin-inline-end: 0.35em;
      }
      ul.mail {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: calc(var(--_space) * 0.75);
      }
      ul.mail > li {
        border-top: 1px solid var(--_border);
        padding-top: calc(var(--_space) * 0.5);
      }
      ul.mail .head {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: baseline;
        margin-bottom: 0.35rem;
      }
      .entry .terms {
        margin: 0.4em 0 0;
        font-weight: 600;
      }
      fieldset.kinds {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        margin: 0 0 0.25rem;
        padding: 0.25rem calc(var(--_space) * 0.75) 0.5rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--_space);
      }
      fieldset.kinds legend {
        font-weight: 600;
        padding: 0 0.25em;
      }
      label.choice {
        display: inline-flex;
        align-items: center;
        gap: 0.4em;
        font-weight: 500;
        min-height: 44px;
        margin: 0;
        cursor: pointer;
      }
      label.choice input {
        width: 1.15rem;
        min-height: 0;
        height: 1.15rem;
        margin: 0;
        accent-color: var(--_accent);
      }
      .money:not([hidden]) {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(6rem, 9rem);
        gap: 0 var(--_space);
      }
      .money .field {
        margin-bottom: 0.5rem;
      }
      #attribution-hint {
        margin-bottom: calc(var(--_space) * 0.75);
      }
      form.attribution .field {
        margin-bottom: 0.25rem;
      }
      dd.callback .field {
        margin: 0.5rem 0 0;
      }
      dd.callback .actions {
        margin-top: 0.25rem;
      }
      .callback-state {
        margin: 0.4em 0 0;
      }
      .last-error {
        font-family: ui-monospace, monospace;
        font-size: 0.9em;
      }
    `,
  ];

  static override properties = {
    ticketId: { attribute: false },
    agent: { attribute: false },
    _ticket: { state: true },
    _error: { state: true },
    _busy: { state: true },
    _fieldErrors: { state: true },
    _remedyKind: { state: true },
    _suggestions: { state: true },
    _team: { state: true },
    _canned: { state: true },
    _cannedMissing: { state: true },
    _mail: { state: true },
    _others: { state: true },
    _repliedBy: { state: true },
  };
  declare ticketId: string | null;
  declare agent: Agent | null;
  declare _ticket: Ticket | null;
  declare _error: string;
  declare _busy: string;
  /** What is wrong with a field, by the field's id (shown next to it, `aria-invalid`). */
  declare _fieldErrors: Record<string, string>;
  /** The remedy dialog's kind: a reship has no amount. */
  declare _remedyKind: RemedyKind;
  /** The attribution values in use on other tickets (from the problem board), for the fields' suggestions. */
  declare _suggestions: Record<AttributionField, string[]>;
  declare _team: Agent[] | null;
  /** The ticket's templates (`null` while they load). */
  declare _canned: CannedReply[] | null;
  /** The variables the chosen template had no value for. */
  declare _cannedMissing: string[];
  declare _mail: MailList | null;
  /** The other agents on this ticket (presence), as the service last answered. */
  declare _others: PresenceOther[];
  /** Another agent's reply that came since the ticket was opened: the send waits for a confirmation. */
  declare _repliedBy: { name: string; at: string } | null;

  private l = new LocalizeController(this);
  private categories = new CategoryLabels(this);
  private timer: ReturnType<typeof setInterval> | undefined;
  private opener: HTMLElement | null = null;
  /** What the picker last put in the reply box: another pick replaces it while the agent has not edited it. */
  private inserted: string | null = null;
  private drafts = new Map<string, string>();
  private restoredFor: string | null = null;
  /** The attribution suggestions are asked for once, when an attribution field first gets the focus. */
  private suggestionsAsked = false;
  /** Presence: the ticket reported on (until the agent leaves it), its beat, and whether a reply is being typed. */
  private presenceFor: string | null = null;
  private presenceTimer: ReturnType<typeof setInterval> | undefined;
  private typing = false;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  /** How many agent replies the timeline had when the ticket was opened (or a send was confirmed). */
  private repliesSeen: number | null = null;
  private readonly onVisibility = () => this.syncPresence();
  private readonly onPageHide = () => void this.leave();

  constructor() {
    super();
    this.ticketId = null;
    this.agent = null;
    this._ticket = null;
    this._error = '';
    this._busy = '';
    this._fieldErrors = {};
    this._remedyKind = 'refund';
    this._suggestions = { department: [], issueType: [], product: [], supplier: [] };
    this._team = null;
    this._canned = null;
    this._cannedMissing = [];
    this._mail = null;
    this._others = [];
    this._repliedBy = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.timer = setInterval(() => {
      if (document.visibilityState === 'visible' && !this.hidden && !this._busy && this.ticketId) void this.load();
    }, POLL_MS);
    document.addEventListener('visibilitychange', this.onVisibility);
    window.addEventListener('pagehide', this.onPageHide);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.removeEventListener('pagehide', this.onPageHide);
    void this.leave();
  }

  /**
   * Presence follows the view: while a ticket is open and the page visible it is reported at once and every
   * 10 s; a hidden page stops reporting (the service forgets it after 30 s); leaving the ticket says so.
   */
  private syncPresence() {
    const open = this.ticketId && !this.hidden ? this.ticketId : null;
    if (this.presenceFor && this.presenceFor !== open) void this.leave();
    const active = open !== null && document.visibilityState === 'visible';
    if (!active) {
      clearInterval(this.presenceTimer);
      this.presenceTimer = undefined;
      return;
    }
    if (this.presenceTimer !== undefined && this.presenceFor === open) return;
    clearInterval(this.presenceTimer);
    this.presenceTimer = setInterval(() => void this.reportPresence(), PRESENCE_MS);
    void this.reportPresence();
  }

  private async reportPresence() {
    const id = this.ticketId;
    if (!id || this.hidden) return;
    this.presenceFor = id;
    try {
      const { others } = await api.presence(id, this.typing);
      // Left meanwhile: the report may have landed after the leave.
      if (this.presenceFor !== id) void api.leavePresence(id);
      else this._others = others;
    } catch {
      // Presence is a hint: the next beat tries again.
    }
  }

  /** Stops reporting and tells the service the agent left the ticket (on leaving it, sign-out, `pagehide`). */
  async leave(): Promise<void> {
    clearInterval(this.presenceTimer);
    clearTimeout(this.typingTimer);
    this.presenceTimer = undefined;
    this.typing = false;
    this._others = [];
    const id = this.presenceFor;
    this.presenceFor = null;
    if (id) await api.leavePresence(id);
  }

  /** Typing in the reply box: reported when it starts, and when it stops (no key for a few seconds). */
  private onReplyInput() {
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.setTyping(false), TYPING_IDLE_MS);
    this.setTyping(true);
  }

  private setTyping(typing: boolean) {
    if (typing === this.typing) return;
    this.typing = typing;
    if (this.presenceTimer !== undefined) void this.reportPresence();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('ticketId')) {
      this._ticket = null;
      this._error = '';
      this._fieldErrors = {};
      this._canned = null;
      this._cannedMissing = [];
      this._mail = null;
      this.keepDrafts(changed.get('ticketId') ?? null);
      this.restoredFor = null;
      this.inserted = null;
      this._others = [];
      this._repliedBy = null;
      this.repliesSeen = null;
      clearTimeout(this.typingTimer);
      this.typing = false;
      if (this.ticketId) {
        void this.load();
        void this.loadCanned();
      }
    }
  }

  async load(): Promise<void> {
    const id = this.ticketId;
    if (!id) return;
    void this.loadMail(id);
    try {
      const ticket = await api.ticket(id);
      if (id !== this.ticketId) return;
      this.show(ticket);
      this._error = '';
    } catch (e) {
      if (id !== this.ticketId) return;
      this._error = isApiError(e) && e.code === 'not_found' ? this.l.t.ticket.notFound : errorText(this.l, e);
    }
  }

  /** What was typed in the reply and note boxes stays with its ticket: kept when another one opens, and back
   * when it opens again (in this tab). */
  private keepDrafts(previous: string | null) {
    if (!previous) return;
    for (const id of ['reply', 'note'] as const) {
      const value = this.renderRoot?.querySelector<HTMLTextAreaElement>(`#${id}`)?.value;
      if (value) this.drafts.set(`${previous}:${id}`, value);
      else this.drafts.delete(`${previous}:${id}`);
    }
  }

  protected override updated() {
    this.syncPresence();
    const id = this.ticketId;
    if (!id || !this._ticket || this.restoredFor === id) return;
    this.restoredFor = id;
    for (const box of ['reply', 'note'] as const) {
      const field = this.renderRoot.querySelector<HTMLTextAreaElement>(`#${box}`);
      const draft = this.drafts.get(`${id}:${box}`);
      if (field && draft) field.value = draft;
    }
  }

  /** The ticket's canned replies with their previews (once per ticket: they change only when an admin saves). */
  private async loadCanned() {
    const id = this.ticketId;
    if (!id) return;
    try {
      const { replies } = await api.cannedRepliesFor(id);
      if (id === this.ticketId) this._canned = replies;
    } catch {
      if (id === this.ticketId) this._canned = [];
    }
  }

  private async loadMail(id: string) {
    try {
      const mail = await api.mail({ ticket: id });
      if (id === this.ticketId) this._mail = mail;
    } catch {
      // The mail list is a side panel: the ticket itself still shows.
    }
  }

  private show(ticket: Ticket) {
    // An action answers the ticket without its order (only a read asks the shop): keep the one shown.
    const previous = this._ticket;
    if (!ticket.order && previous?.id === ticket.id && previous.order) ticket = { ...ticket, order: previous.order };
    this._ticket = ticket;
    if (this.repliesSeen === null) this.repliesSeen = agentReplies(ticket).length;
    if (this.agent && !this.hidden) markSeen(this.agent.id, ticket);
  }

  focusHeading() {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  focusReply() {
    this.renderRoot.querySelector<HTMLTextAreaElement>('#reply')?.focus();
  }

  focusNote() {
    this.renderRoot.querySelector<HTMLTextAreaElement>('#note')?.focus();
  }

  private get mine() {
    return !!this._ticket?.assignee && this._ticket.assignee === this.agent?.name;
  }

  /** `c`: claims the ticket (says so when it is already the agent's). */
  async claim() {
    if (!this._ticket) return;
    if (this.mine) {
      this.dispatchEvent(new AnnounceEvent(this.l.t.ticket.alreadyMine));
      return;
    }
    await this.act('claim', {}, this.l.t.ticket.claimed);
  }

  /**
   * One action on the service; the answer is the ticket as it is now. `refused` gets the fields the service
   * named in a `validation_failed` (to show each next to its field).
   */
  private async act(
    action: TicketAction,
    body: Record<string, unknown>,
    done: string,
    refused?: (fields: Record<string, string>) => void,
  ): Promise<boolean> {
    const ticket = this._ticket;
    if (!ticket || this._busy) return false;
    this._busy = action;
    try {
      this.show(await api.act(ticket.id, action, body));
      this.dispatchEvent(new AnnounceEvent(done));
      // A reply or a resolution queues mail.
      void this.loadMail(ticket.id);
      return true;
    } catch (e) {
      if (isApiError(e) && e.code === 'validation_failed' && e.fields && refused) refused(e.fields);
      if (isApiError(e) && e.code === 'conflict' && action !== 'callback') {
        await this.load();
        this.dispatchEvent(new AnnounceEvent(this.l.t.ticket.conflict(this._ticket?.assignee ?? '?'), 'error'));
      } else {
        this.dispatchEvent(new AnnounceEvent(errorText(this.l, e), 'error'));
        // A call-back another agent recorded meanwhile: show it as it is now.
        if (isApiError(e) && e.code === 'conflict') await this.load();
      }
      return false;
    } finally {
      this._busy = '';
    }
  }

  private async submitText(event: SubmitEvent, action: 'reply' | 'note') {
    event.preventDefault();
    await this.sendText(action);
  }

  /**
   * Another agent's reply since this agent opened the ticket (the ticket is read again first, and shown as it
   * is now); a failed read does not hold the reply back.
   */
  private async replyByAnother(): Promise<{ name: string; at: string } | null> {
    const id = this.ticketId;
    if (!id) return null;
    try {
      const ticket = await api.ticket(id);
      if (id !== this.ticketId) return null;
      this.show(ticket);
      const others = agentReplies(ticket)
        .slice(this.repliesSeen ?? 0)
        .filter((entry) => entry.authorName !== this.agent?.name);
      const last = others.at(-1);
      return last ? { name: last.authorName ?? this.l.t.presence.someone, at: last.at } : null;
    } catch {
      return null;
    }
  }

  private async sendAnyway(event: Event) {
    this.closeDialog((event.target as Element).closest('dialog'));
    await this.sendText('reply', true);
  }

  private async sendText(action: 'reply' | 'note', confirmed = false) {
    const field = this.renderRoot.querySelector<HTMLTextAreaElement>(`#${action}`);
    if (!field) return;
    const message = field.value.trim();
    if (!message) {
      this._fieldErrors = { [action]: this.l.t.ticket.empty };
      field.focus();
      return;
    }
    this._fieldErrors = {};
    if (action === 'reply' && !confirmed && !this._busy) {
      const replied = await this.replyByAnother();
      if (replied) {
        this._repliedBy = replied;
        await this.updateComplete;
        this.openDialog('replied-dialog');
        return;
      }
    }
    const t = this.l.t.ticket;
    if (await this.act(action, { message }, action === 'reply' ? t.replySent : t.noteAdded)) {
      field.value = '';
      if (action === 'reply') {
        this.resetCanned();
        this.repliesSeen = this._ticket ? agentReplies(this._ticket).length : null;
        clearTimeout(this.typingTimer);
        this.setTyping(false);
      }
    }
  }

  /** A template from the picker into the reply box: it replaces the box's text when that is empty or still
   * the last template as it was put there; otherwise it goes below what the agent wrote. */
  private pickCanned(event: Event) {
    const select = event.currentTarget as HTMLSelectElement;
    const field = this.renderRoot.querySelector<HTMLTextAreaElement>('#reply');
    const reply = this._canned?.find((r) => r.id === select.value);
    if (!field || !reply) {
      this._cannedMissing = [];
      return;
    }
    const text = reply.preview ?? reply.body;
    const current = field.value;
    if (!current.trim() || current === this.inserted) {
      field.value = text;
      this.inserted = text;
    } else {
      field.value = `${current.trimEnd()}\n\n${text}`;
      this.inserted = null;
    }
    this._cannedMissing = reply.missing ?? [];
    if (this._fieldErrors['reply']) this._fieldErrors = {};
    this.dispatchEvent(new AnnounceEvent(this.l.t.ticket.cannedApplied(reply.title)));
  }

  private resetCanned() {
    const select = this.renderRoot.querySelector<HTMLSelectElement>('#canned');
    if (select) select.value = '';
    this._cannedMissing = [];
    this.inserted = null;
  }

  /** "Call done" / "No answer" next to the shopper's number, with the optional note (agents only). */
  private async recordCall(outcome: 'done' | 'no_answer') {
    const t = this.l.t.ticket;
    const field = this.renderRoot.querySelector<HTMLInputElement>('#callback-note');
    const note = field?.value.trim() ?? '';
    const attempt = (this._ticket?.callback?.attempts ?? 0) + 1;
    this._fieldErrors = {};
    const recorded = await this.act(
      'callback',
      { outcome, ...(note ? { note } : {}) },
      outcome === 'done' ? t.callbackRecorded : t.callbackMissed(attempt),
      (fields) => {
        if (fields['note']) this._fieldErrors = { 'callback-note': this.fieldErrorText('note', fields['note']) };
      },
    );
    if (recorded && field) field.value = '';
    await this.updateComplete;
    // The buttons go once the call is done: the focus goes to what it says now.
    const next = this._fieldErrors['callback-note']
      ? field
      : this.renderRoot.querySelector<HTMLElement>(outcome === 'done' ? '#callback-state' : '#callback-no-answer');
    next?.focus();
  }

  openEscalate() {
    if (this._ticket) this.openDialog('escalate-dialog');
  }

  private async openAssign() {
    this.openDialog('assign-dialog');
    if (this._team === null) {
      try {
        this._team = (await api.agents()).agents.filter((a) => !a.disabled);
      } catch (e) {
        this._team = [];
        this.dispatchEvent(new AnnounceEvent(errorText(this.l, e), 'error'));
      }
    }
  }

  private openDialog(id: string) {
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>(`#${id}`);
    if (!dialog || dialog.open) return;
    this.opener = (this.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    this._fieldErrors = {};
    dialog.showModal();
    dialog.querySelector<HTMLElement>('input[type="radio"]:checked, select, textarea')?.focus();
  }

  private closeDialog(dialog: HTMLDialogElement | null) {
    dialog?.close();
  }

  private onDialogClose(event: Event) {
    const form = (event.currentTarget as HTMLDialogElement).querySelector('form');
    form?.reset();
    this._remedyKind = 'refund';
    this._fieldErrors = {};
    const back = this.opener ?? this.renderRoot.querySelector<HTMLElement>('h1');
    this.opener = null;
    back?.focus();
  }

  private async submitEscalate(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const reason = String(new FormData(form).get('reason') ?? '').trim();
    if (!reason) {
      this._fieldErrors = { 'escalate-reason': this.l.t.ticket.empty };
      return;
    }
    const dialog = form.closest('dialog');
    if (await this.act('escalate', { reason }, this.l.t.ticket.escalated)) this.closeDialog(dialog);
  }

  private async submitAssign(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const assignee = String(data.get('assignee') ?? '');
    const reason = String(data.get('reason') ?? '').trim();
    if (!assignee || !reason) {
      this._fieldErrors = { 'assign-reason': this.l.t.ticket.empty };
      return;
    }
    const dialog = form.closest('dialog');
    if (await this.act('assign', { assignee, reason }, this.l.t.ticket.assigned(assignee))) this.closeDialog(dialog);
  }

  openRemedy() {
    if (!this._ticket) return;
    this.openDialog('remedy-dialog');
    void this.loadRemedyPresets(this._ticket);
  }

  /** The site's remedy presets for this ticket's category (merchant settings), offered at the dialog's top. */
  private remedyPresets: RemedyPreset[] = [];
  private async loadRemedyPresets(ticket: Ticket) {
    try {
      const { effective } = await api.settings(ticket.site);
      this.remedyPresets = effective.remedyPresets.filter((p) => p.category === ticket.category);
    } catch {
      this.remedyPresets = [];
    }
    this.requestUpdate();
  }

  /** Fills the dialog with a preset's kind, amount and currency; the agent still sends it. */
  private applyRemedyPreset(preset: RemedyPreset, event: Event) {
    const form = (event.currentTarget as HTMLElement).closest('form');
    if (!form) return;
    const radio = form.querySelector<HTMLInputElement>(`input[name="kind"][value="${preset.kind}"]`);
    if (radio) radio.checked = true;
    this._remedyKind = preset.kind;
    this._fieldErrors = {};
    const amount = form.querySelector<HTMLInputElement>('#remedy-amount');
    if (amount) amount.value = preset.amount === undefined ? '' : String(preset.amount);
    const currency = form.querySelector<HTMLInputElement>('#remedy-currency');
    if (currency && preset.currency) currency.value = preset.currency;
    // The amount shows once the kind is a refund or voucher: focus after that render.
    const next = preset.kind !== 'reship' && preset.amount === undefined ? amount : radio;
    void this.updateComplete.then(() => next?.focus());
  }

  private pickRemedyKind(event: Event) {
    const kind = (event.target as HTMLInputElement).value as RemedyKind;
    if (!REMEDY_KINDS.includes(kind)) return;
    this._remedyKind = kind;
    // A reship has no amount: what the amount and currency fields said no longer applies.
    if (kind === 'reship') this._fieldErrors = {};
  }

  /** The currency a refund or voucher starts with: the ticket's order's, when the service names one; else EUR. */
  private defaultCurrency(ticket: Ticket): string {
    const currency = ticket.order?.currency;
    return currency && /^[A-Z]{3}$/.test(currency) ? currency : 'EUR';
  }

  /** "Refund, €12.50" / "Reship", in the console's language. */
  private remedyText(remedy: Remedy): string {
    const t = this.l.t.ticket;
    const kind = t.remedyKinds[remedy.kind] ?? remedy.kind;
    const amount = remedy.amount !== undefined && remedy.currency ? this.l.money(remedy.amount, remedy.currency) : '';
    return t.remedyTerms(kind, amount);
  }

  /** What to say next to a field the service refused (`code` as in `validation_failed`'s `fields`). */
  private fieldErrorText(field: string, code: string): string {
    const t = this.l.t.ticket;
    const specific = t.remedyErrors[`${field}_${code}`];
    if (specific) return specific;
    if (field === 'amount' && ['invalid_type', 'too_small', 'invalid'].includes(code))
      return t.remedyErrors['amount_invalid'] ?? t.invalid;
    return t.fieldError[code] ?? t.invalid;
  }

  /** Shows each refused field's reason next to it (ids `<prefix>-<field>`) and moves the focus to the first. */
  private async showFieldErrors(form: HTMLFormElement, prefix: string, fields: Record<string, string>) {
    const errors: Record<string, string> = {};
    for (const [field, code] of Object.entries(fields)) {
      const id = `${prefix}-${field}`;
      if (form.querySelector(`#${CSS.escape(id)}`)) errors[id] = this.fieldErrorText(field, code);
    }
    this._fieldErrors = errors;
    await this.updateComplete;
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  private async submitRemedy(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const kind = String(data.get('kind') ?? '');
    const body: Record<string, unknown> = { kind };
    const message = String(data.get('message') ?? '').trim();
    if (message) body['message'] = message;
    if (kind !== 'reship') {
      const amount = form.querySelector<HTMLInputElement>('#remedy-amount');
      if (amount?.validity.badInput) {
        await this.showFieldErrors(form, 'remedy', { amount: 'invalid' });
        return;
      }
      if (amount && amount.value.trim() !== '') body['amount'] = Number(amount.value);
      const currencyField = form.querySelector<HTMLInputElement>('#remedy-currency');
      const currency = (currencyField?.value ?? '').trim().toUpperCase();
      if (currencyField) currencyField.value = currency;
      if (currency) body['currency'] = currency;
    }
    // The service decides what a remedy needs (an amount and currency for a refund or voucher): its refusal
    // names the fields, shown next to them, and everything typed stays.
    const dialog = form.closest('dialog');
    const done = this.l.t.ticket.remedyRecorded(this.remedyText(body as unknown as Remedy));
    const ok = await this.act('remedy', body, done, (fields) => void this.showFieldErrors(form, 'remedy', fields));
    if (ok) {
      this._fieldErrors = {};
      this.closeDialog(dialog);
    }
  }

  /** The values other tickets are attributed to (the problem board's groups over the last year), once. */
  private async loadSuggestions() {
    if (this.suggestionsAsked) return;
    this.suggestionsAsked = true;
    const lists = await Promise.all(
      ATTRIBUTION_FIELDS.map(async (field) => {
        try {
          const board = await api.board(BOARD_BY[field], SUGGESTION_DAYS);
          return board.groups.flatMap((g) => (g.key ? [g.key] : [])).slice(0, SUGGESTIONS_MAX);
        } catch {
          // Suggestions are a convenience: without them the fields are plain text fields.
          return [];
        }
      }),
    );
    const next = { ...this._suggestions };
    ATTRIBUTION_FIELDS.forEach((field, i) => {
      next[field] = [...new Set([...next[field], ...(lists[i] ?? [])])];
    });
    this._suggestions = next;
  }

  private async submitAttribution(event: SubmitEvent) {
    event.preventDefault();
    const ticket = this._ticket;
    if (!ticket) return;
    const form = event.currentTarget as HTMLFormElement;
    const t = this.l.t.ticket;
    const saved = ticket.attribution ?? {};
    const body: Attribution = {};
    const errors: Record<string, string> = {};
    let filled = 0;
    for (const field of ATTRIBUTION_FIELDS) {
      const value = (form.querySelector<HTMLInputElement>(`#attr-${field}`)?.value ?? '').trim();
      if (value) filled++;
      if (value && value !== saved[field]) body[field] = value;
      // The service merges what it is sent: a saved value is replaced, never removed.
      else if (!value && saved[field]) errors[`attr-${field}`] = t.attributionKeep;
    }
    if (filled === 0 && Object.keys(errors).length === 0) errors['attr-department'] = t.attributionEmpty;
    if (Object.keys(errors).length > 0) {
      this._fieldErrors = errors;
      await this.updateComplete;
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this._fieldErrors = {};
    if (Object.keys(body).length === 0) {
      this.dispatchEvent(new AnnounceEvent(t.attributionUnchanged));
      return;
    }
    const ok = await this.act(
      'attribution',
      body,
      t.attributionSaved,
      (fields) => void this.showFieldErrors(form, 'attr', fields),
    );
    if (!ok || !this._ticket) return;
    // The fields show what the service saved (trimmed), and what was saved is suggested from now on.
    const now = this._ticket.attribution ?? {};
    const next = { ...this._suggestions };
    for (const field of ATTRIBUTION_FIELDS) {
      const input = form.querySelector<HTMLInputElement>(`#attr-${field}`);
      if (input) input.value = now[field] ?? '';
      const value = now[field];
      if (value && !next[field].includes(value)) next[field] = [value, ...next[field]];
    }
    this._suggestions = next;
  }

  /** Esc leaves an attribution field (a second Esc goes back to the queue). */
  private onFieldKey(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    (event.currentTarget as HTMLElement).blur();
    this.focusHeading();
  }

  override render() {
    const t = this.l.t;
    const ticket = this._ticket;
    return html`
      <div class="top">
        <a href="#/">← ${t.ticket.back}</a>
      </div>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      ${
        ticket
          ? this.renderTicket(ticket)
          : this._error
            ? html`<h1 tabindex="-1">${t.ticket.loadFailed}</h1>`
            : html`<h1 tabindex="-1">${t.app.loading}</h1>`
      }
    `;
  }

  private renderTicket(ticket: Ticket) {
    const t = this.l.t;
    const promise = nextPromise(ticket);
    return html`
      <h1 tabindex="-1">
        <span class="number">${ticket.number}</span><span>${ticket.subject || t.ticket.noSubject}</span>
      </h1>
      <div class="badges">
        <span class="badge accent">${t.status[ticket.status] ?? ticket.status}</span>
        <span class="badge">${this.categories.label(t, this.l.locale, ticket.site, ticket.category)}</span>
        <span class="badge">${t.ticket.severity}: ${t.severity[ticket.severity] ?? ticket.severity}</span>
        ${this.renderPriorityBadge(ticket)}
        ${promise?.breached ? html`<span class="badge danger">${t.queue.breached}</span>` : nothing}
        ${promise?.atRisk ? html`<span class="badge warning">${t.queue.atRisk}</span>` : nothing}
        ${ticket.escalatedAt ? html`<span class="badge warning">${t.ticket.escalatedBadge}</span>` : nothing}
      </div>
      <div class="layout">
        <div class="main">
          <section aria-labelledby="conversation">
            <h2 id="conversation">${t.ticket.conversation}</h2>
            <ol class="timeline">
              ${ticket.timeline.map((entry) => this.renderEntry(ticket, entry))}
            </ol>
          </section>
          <section aria-labelledby="compose" class="card">
            <h2 id="compose" class="visually-hidden">${t.ticket.actions}</h2>
            ${this.renderPresence()}
            ${this.renderComposer('reply', t.ticket.reply, t.ticket.replyHint, t.ticket.sendReply, true)}
            ${this.renderComposer('note', t.ticket.note, t.ticket.noteHint, t.ticket.addNote, false)}
          </section>
        </div>
        <div class="side">
          ${this.renderActions(ticket)} ${this.renderDetails(ticket)} ${renderOrder(this.l, ticket)}
          ${this.renderAttribution(ticket)} ${this.renderCsat(ticket)} ${this.renderMail()}
        </div>
      </div>
      ${this.renderDialogs(ticket)}
    `;
  }

  private renderEntry(ticket: Ticket, entry: TimelineEntry) {
    const t = this.l.t;
    const name = entry.authorName ?? t.timeline.someone;
    const labels: Record<string, string> = {
      created: t.timeline.created,
      assigned: t.timeline.assigned(name),
      replied: t.timeline.replied(name),
      customer_message: t.timeline.customer_message,
      resolved: t.timeline.resolved,
      reopened: t.timeline.reopened,
      closed: t.timeline.closed,
      note: t.timeline.note(name),
      escalated: t.timeline.escalated(name),
      remedy: t.timeline.remedy(name),
      callback:
        entry.callback?.outcome === 'no_answer' ? t.timeline.callback_no_answer(name) : t.timeline.callback_done(name),
    };
    const internal = INTERNAL.has(entry.kind);
    const message = entry.kind === 'created' ? ticket.message : entry.body;
    const kind = internal
      ? 'internal'
      : entry.kind === 'created' || entry.kind === 'customer_message'
        ? 'customer'
        : entry.kind === 'replied' || entry.kind === 'remedy'
          ? 'agent'
          : message
            ? 'agent'
            : 'event';
    const by =
      entry.by === 'customer' && (ticket.contact.name || ticket.contact.email)
        ? html` · <span>${ticket.contact.name ?? ticket.contact.email}</span>`
        : nothing;
    return html`
      <li class=${`entry ${kind}`}>
        <div class="head">
          <strong>${labels[entry.kind] ?? entry.kind}</strong>${by}
          <time datetime=${entry.at}>${this.l.dateTime(entry.at)}</time>
          ${internal ? html`<span class="badge warning">${t.ticket.internal}</span>` : nothing}
        </div>
        ${
          entry.remedy
            ? html`<p class="terms">${this.remedyText(entry.remedy)}</p>
                ${renderExecution(this.l, entry.remedy)}`
            : nothing
        }
        ${message ? html`<p class="body">${message}</p>` : nothing} ${this.renderPhotos(ticket, entry)}
      </li>
    `;
  }

  /** The photos a message carried: a later message's own, the rest with the ticket's first message. */
  private renderPhotos(ticket: Ticket, entry: TimelineEntry) {
    const later = new Set(ticket.timeline.flatMap((e) => (e.kind === 'created' ? [] : (e.attachments ?? []))));
    const mine =
      entry.kind === 'created'
        ? ticket.attachments.filter((a) => !later.has(a.id))
        : entry.by === 'customer' && entry.attachments
          ? ticket.attachments.filter((a) => entry.attachments!.includes(a.id))
          : [];
    if (!mine.length) return nothing;
    const n = ticket.attachments.length;
    return html`
      <h3 class="visually-hidden">${this.l.t.ticket.photos}</h3>
      <ul class="photos">
        ${mine.map(
          (a) =>
            html`<li>
              <img
                src=${api.attachmentUrl(ticket.id, a.id)}
                alt=${this.l.t.ticket.photoAlt(ticket.attachments.indexOf(a) + 1, n)}
                loading="lazy"
              />
            </li>`,
        )}
      </ul>
    `;
  }

  /** Who else has the ticket open, and who is typing a reply (a polite live region, always in the page). */
  private renderPresence() {
    const t = this.l.t.presence;
    const typing = this._others.filter((o) => o.typing).map((o) => o.name);
    const viewing = this._others.filter((o) => !o.typing).map((o) => o.name);
    return html`<div class="presence" role="status" aria-live="polite">
      ${typing.length ? html`<p>${t.typing(this.l.list(typing), typing.length)}</p>` : nothing}
      ${viewing.length ? html`<p>${t.viewing(this.l.list(viewing), viewing.length)}</p>` : nothing}
    </div>`;
  }

  private renderComposer(id: 'reply' | 'note', label: string, hint: string, submit: string, primary: boolean) {
    const error = this._fieldErrors[id] ?? '';
    const describedBy = id === 'reply' ? 'reply-hint reply-canned-warning reply-error' : `${id}-hint ${id}-error`;
    return html`
      <form class="composer" @submit=${(e: SubmitEvent) => this.submitText(e, id)}>
        ${id === 'reply' ? this.renderCannedPicker() : nothing}
        <label for=${id}>${label}</label>
        <textarea
          id=${id}
          name="message"
          rows=${id === 'reply' ? 6 : 4}
          aria-describedby=${describedBy}
          aria-invalid=${error ? 'true' : 'false'}
          @keydown=${(e: KeyboardEvent) => this.onComposerKey(e)}
          @input=${id === 'reply' ? () => this.onReplyInput() : nothing}
        ></textarea>
        <p class="hint" id=${`${id}-hint`}>${hint}</p>
        ${
          id === 'reply'
            ? html`<p class="warning" id="reply-canned-warning" ?hidden=${this._cannedMissing.length === 0}>
                ${this.missingText()}
              </p>`
            : nothing
        }
        <p class="error" id=${`${id}-error`} role="alert">${error}</p>
        <div class="actions">
          <button type="submit" class=${primary ? 'primary' : ''} ?disabled=${!!this._busy}>${submit}</button>
        </div>
      </form>
    `;
  }

  private missingText() {
    const names = this._cannedMissing.map((name) => `{{${name}}}`);
    return names.length ? this.l.t.ticket.cannedMissing(this.l.list(names)) : '';
  }

  private renderCannedPicker() {
    const t = this.l.t;
    const replies = this._canned;
    if (replies === null) return nothing;
    if (replies.length === 0) return html`<p class="hint canned-none">${t.ticket.cannedNone}</p>`;
    return html`
      <div class="field canned">
        <label for="canned">${t.ticket.canned}</label>
        <select id="canned" aria-describedby="canned-hint" @change=${this.pickCanned}>
          <option value="">${t.ticket.cannedChoose}</option>
          ${replies.map(
            (r) =>
              html`<option value=${r.id}>
                ${r.title} (${r.category ? (t.category[r.category] ?? r.category) : t.ticket.cannedAllCategories})
              </option>`,
          )}
        </select>
        <p class="hint" id="canned-hint">${t.ticket.cannedHint}</p>
      </div>
    `;
  }

  /** Ctrl/⌘+Enter sends; Esc leaves the field (a second Esc goes back to the queue). */
  private onComposerKey(event: KeyboardEvent) {
    const field = event.currentTarget as HTMLTextAreaElement;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      field.form?.requestSubmit();
    } else if (event.key === 'Escape') {
      event.stopPropagation();
      field.blur();
      this.focusHeading();
    }
  }

  /** The ticket's last reply becomes an unpublished article, opened in the Answers editor. */
  private async draftAnswer(ticketId: string) {
    try {
      const draft = await answersApi.fromTicket(ticketId);
      this.dispatchEvent(new AnnounceEvent(this.l.t.answers.drafted));
      location.hash = `#/answers/${encodeURIComponent(draft.id)}`;
    } catch (e) {
      this.dispatchEvent(new AnnounceEvent(errorText(this.l, e), 'error'));
    }
  }

  private renderActions(ticket: Ticket) {
    const t = this.l.t.ticket;
    const done = isDone(ticket);
    const busy = !!this._busy;
    return html`
      <section class="card" aria-labelledby="actions" aria-busy=${busy ? 'true' : 'false'}>
        <h2 id="actions">${t.actions}</h2>
        <div class="actions">
          ${
            this.mine
              ? nothing
              : html`<button class="primary" ?disabled=${busy} @click=${() => this.claim()}>${t.claim}</button>`
          }
          ${
            done
              ? html`<button ?disabled=${busy} @click=${() => this.act('reopen', {}, t.reopened)}>${t.reopen}</button>`
              : html`<button ?disabled=${busy} @click=${() => this.act('resolve', {}, t.resolved)}>
                  ${t.resolve}
                </button>`
          }
          ${
            done && ticket.timeline.some((e) => e.kind === 'replied')
              ? html`<button ?disabled=${busy} @click=${() => this.draftAnswer(ticket.id)}>
                  ${this.l.t.answers.fromTicket}
                </button>`
              : nothing
          }
          ${
            ticket.status === 'closed'
              ? nothing
              : html`<button ?disabled=${busy} @click=${() => this.act('close', {}, t.closed)}>${t.close}</button>`
          }
          <button ?disabled=${busy} @click=${() => this.openEscalate()}>${t.escalate}</button>
          <button ?disabled=${busy} @click=${() => this.openRemedy()}>${t.remedy}</button>
          ${
            this.agent?.role === 'admin'
              ? html`<button ?disabled=${busy} @click=${() => this.openAssign()}>${t.assign}</button>`
              : nothing
          }
        </div>
      </section>
    `;
  }

  private renderDetails(ticket: Ticket) {
    const t = this.l.t.ticket;
    const promise = (iso: string) =>
      html`<time datetime=${iso}>${this.l.dateTime(iso)}</time> (${this.l.relative(iso)})`;
    return html`
      <section class="card" aria-labelledby="details">
        <h2 id="details">${t.details}</h2>
        <dl>
          ${this.renderPriority(ticket)}
          <dt>${t.owner}</dt>
          <dd>${ticket.assignee ?? t.nobody}</dd>
          <dt>${t.contact}</dt>
          <dd>
            ${ticket.contact.name ? html`<span>${ticket.contact.name}</span><br />` : nothing}
            <span>${ticket.contact.email ?? t.verifiedShopper(ticket.contact.userId ?? '')}</span>
          </dd>
          ${
            ticket.callback
              ? html`<dt>${t.callback}</dt>
                  <dd class="callback">
                    <a href=${`tel:${ticket.callback.phone}`}>${ticket.callback.phone}</a><br />
                    ${
                      ticket.callback.window
                        ? html`${t.callbackWindow(ticket.callback.window.from, ticket.callback.window.to, ticket.callback.window.date)}<br />`
                        : nothing
                    }
                    ${t.callbackBy}: ${promise(ticket.callback.by)}
                    ${ticket.callback.from ? html`, ${t.callbackFrom(this.l.dateTime(ticket.callback.from))}` : nothing}
                    ${this.renderCallbackState(ticket.callback)}
                  </dd>`
              : nothing
          }
          ${this.renderHandOff(ticket)}
          ${
            ticket.orderRef
              ? html`<dt>${t.order}</dt>
                  <dd>${ticket.orderRef}</dd>`
              : nothing
          }
          <dt>${t.firstResponseBy}</dt>
          <dd>
            ${promise(ticket.promise.firstResponseBy)}
            ${ticket.firstRespondedAt ? html`<br />${t.answered(this.l.relative(ticket.firstRespondedAt))}` : nothing}
          </dd>
          <dt>${t.resolveBy}</dt>
          <dd>${promise(ticket.promise.resolveBy)}</dd>
          ${
            ticket.locale
              ? html`<dt>${t.locale}</dt>
                  <dd>${ticket.locale}</dd>`
              : nothing
          }
          <dt>${t.site}</dt>
          <dd>${ticket.site}</dd>
        </dl>
      </section>
    `;
  }

  /** Whether the call was made (by whom, when), the calls nobody answered, and the two buttons while it is due. */
  private renderCallbackState(callback: NonNullable<Ticket['callback']>) {
    const t = this.l.t.ticket;
    if (callback.doneAt) {
      const when = this.l.relative(callback.doneAt);
      return html`<p class="callback-state" id="callback-state" tabindex="-1">
        <strong>${callback.doneBy ? t.callbackDoneBy(callback.doneBy, when) : t.callbackDoneAt(when)}</strong>
      </p>`;
    }
    const attempts = callback.attempts ?? 0;
    const busy = !!this._busy;
    const error = this._fieldErrors['callback-note'] ?? '';
    return html`
      ${
        attempts
          ? html`<p class="callback-state" id="callback-state" tabindex="-1">
              ${t.callbackAttempts(attempts, this.l.relative(callback.lastAttemptAt ?? callback.by))}
            </p>`
          : nothing
      }
      <div class="field callback-note">
        <label for="callback-note">${t.callbackNote}</label>
        <input
          id="callback-note"
          type="text"
          maxlength="2000"
          autocomplete="off"
          aria-describedby="callback-note-error"
          aria-invalid=${error ? 'true' : 'false'}
          @keydown=${this.onFieldKey}
        />
        <p class="error" id="callback-note-error" role="alert">${error}</p>
      </div>
      <div class="actions" aria-busy=${this._busy === 'callback' ? 'true' : 'false'}>
        <button type="button" class="primary" ?disabled=${busy} @click=${() => this.recordCall('done')}>
          ${t.callbackDone}
        </button>
        <button type="button" id="callback-no-answer" ?disabled=${busy} @click=${() => this.recordCall('no_answer')}>
          ${t.callbackNoAnswer}
        </button>
      </div>
    `;
  }

  /**
   * What the shopper searched for and read before asking (the answers' "Contact us" hand-off): their words as
   * text, the article linked to its page in Answers (its title from the service, else its id).
   */
  private renderHandOff(ticket: Ticket) {
    const t = this.l.t.ticket;
    const context = ticket.context;
    if (!context) return nothing;
    return html`
      ${
        context.searchQuery
          ? html`<dt>${t.searchedFor}</dt>
              <dd class="searched"><q>${context.searchQuery}</q></dd>`
          : nothing
      }
      ${
        context.answerId
          ? html`<dt>${t.readArticle}</dt>
              <dd class="read">
                <a href=${`#/answers/${encodeURIComponent(context.answerId)}`}
                  >${context.answerTitle ?? context.answerId}</a
                >
              </dd>`
          : nothing
      }
    `;
  }

  /** Where the problem comes from: four text fields with the values in use suggested, saved together. */
  private renderAttribution(ticket: Ticket) {
    const t = this.l.t.ticket;
    const saved = ticket.attribution ?? {};
    return html`
      <section class="card" aria-labelledby="attribution" aria-busy=${this._busy === 'attribution' ? 'true' : 'false'}>
        <h2 id="attribution">${t.attribution}</h2>
        <p class="hint" id="attribution-hint">${t.attributionHint}</p>
        <nectar-console-attribution-suggestion
          .ticketId=${ticket.id}
          .attribution=${saved}
          ?disabled=${!!this._busy}
          @console-accept-attribution=${(e: AcceptAttributionEvent) =>
            void this.act('attribution', e.attribution, t.attributionSaved)}
        ></nectar-console-attribution-suggestion>
        <form class="attribution" novalidate @submit=${this.submitAttribution} @focusin=${this.loadSuggestions}>
          ${ATTRIBUTION_FIELDS.map((field) => {
            const id = `attr-${field}`;
            const error = this._fieldErrors[id] ?? '';
            return html`
              <div class="field">
                <label for=${id}>${t.attributionFields[field] ?? field}</label>
                <input
                  id=${id}
                  name=${field}
                  type="text"
                  maxlength="120"
                  autocomplete="off"
                  list=${`${id}-values`}
                  .value=${saved[field] ?? ''}
                  aria-describedby=${`${id}-error`}
                  aria-invalid=${error ? 'true' : 'false'}
                  @keydown=${this.onFieldKey}
                />
                <datalist id=${`${id}-values`}>
                  ${this._suggestions[field].map((value) => html`<option value=${value}></option>`)}
                </datalist>
                <p class="error" id=${`${id}-error`} role="alert">${error}</p>
              </div>
            `;
          })}
          <div class="actions">
            <button type="submit" ?disabled=${!!this._busy}>${t.saveAttribution}</button>
          </div>
        </form>
      </section>
    `;
  }

  private renderPriorityBadge(ticket: Ticket) {
    const level = ticket.priority?.level ?? 'normal';
    if (level === 'normal') return nothing;
    const p = this.l.t.priority;
    return html`<span class=${`badge ${level === 'urgent' ? 'danger' : 'warning'}`}
      >${p.label}: ${p.level[level] ?? level}</span
    >`;
  }

  /** The level, and each reason with the shopper's words that raised it. */
  private renderPriority(ticket: Ticket) {
    const p = this.l.t.priority;
    const level = ticket.priority?.level ?? 'normal';
    const reasons = ticket.priority?.reasons ?? [];
    return html`
      <dt>${p.label}</dt>
      <dd class=${`priority ${level}`}>
        <strong>${p.level[level] ?? level}</strong>
        ${
          reasons.length
            ? html`<span class="visually-hidden">${p.why}</span>
                <ul class="reasons">
                  ${reasons.map(
                    (r) =>
                      html`<li>
                        <span class="reason">${p.reason[r.reason] ?? r.reason}</span>
                        <q class="matched">${r.matched}</q>
                      </li>`,
                  )}
                </ul>`
            : nothing
        }
      </dd>
    `;
  }

  /** The mail to the shopper for this ticket: kind, status, attempts, the last error; and whether it waits for SMTP. */
  private renderMail() {
    const list = this._mail;
    if (!list) return nothing;
    const m = this.l.t.mail;
    return html`
      <section class="card" aria-labelledby="mail">
        <h2 id="mail">${m.heading}</h2>
        ${list.configured ? nothing : html`<p class="warning">${m.notConfigured}</p>`}
        ${
          list.mail.length === 0
            ? html`<p class="muted">${m.none}</p>`
            : html`<ul class="mail" aria-label=${m.list}>
                ${list.mail.map(
                  (mail) => html`
                    <li>
                      <div class="head">
                        <strong>${m.kind[mail.kind] ?? mail.kind}</strong>
                        <span
                          class=${`badge ${mail.status === 'failed' ? 'danger' : mail.status === 'sent' ? 'success' : 'warning'}`}
                          >${m.status[mail.status] ?? mail.status}</span
                        >
                      </div>
                      <dl>
                        <dt>${m.to}</dt>
                        <dd>${mail.recipient}</dd>
                        ${
                          mail.createdAt
                            ? html`<dt>${m.queued}</dt>
                                <dd><time datetime=${mail.createdAt}>${this.l.dateTime(mail.createdAt)}</time></dd>`
                            : nothing
                        }
                        ${
                          mail.sentAt
                            ? html`<dt>${m.sent}</dt>
                                <dd><time datetime=${mail.sentAt}>${this.l.dateTime(mail.sentAt)}</time></dd>`
                            : nothing
                        }
                        <dt>${m.attempts}</dt>
                        <dd>${mail.attempts}</dd>
                        ${
                          mail.nextAttemptAt && list.configured
                            ? html`<dt>${m.nextAttempt}</dt>
                                <dd>
                                  <time datetime=${mail.nextAttemptAt}>${this.l.relative(mail.nextAttemptAt)}</time>
                                </dd>`
                            : nothing
                        }
                        ${
                          mail.lastError
                            ? html`<dt>${m.lastError}</dt>
                                <dd class="last-error">${mail.lastError}</dd>`
                            : nothing
                        }
                      </dl>
                    </li>
                  `,
                )}
              </ul>`
        }
      </section>
    `;
  }

  private renderCsat(ticket: Ticket) {
    const csat = ticket.csat;
    if (!csat) return nothing;
    const t = this.l.t.ticket;
    return html`
      <section class="card" aria-labelledby="csat">
        <h2 id="csat">${t.csat}</h2>
        <p><strong>${t.csatScore(csat.score)}</strong></p>
        ${csat.comment ? html`<p class="body">${csat.comment}</p>` : nothing}
        ${csat.followUp ? html`<p class="badge warning">${t.csatFollowUp}</p>` : nothing}
      </section>
    `;
  }

  private renderDialogs(ticket: Ticket) {
    const t = this.l.t.ticket;
    const escalateError = this._fieldErrors['escalate-reason'] ?? '';
    const assignError = this._fieldErrors['assign-reason'] ?? '';
    const replied = this._repliedBy;
    return html`
      <dialog
        id="replied-dialog"
        aria-labelledby="replied-heading"
        aria-describedby="replied-text"
        @close=${this.onDialogClose}
      >
        <h2 id="replied-heading">${this.l.t.presence.repliedHeading}</h2>
        <p id="replied-text">${replied ? this.l.t.presence.replied(replied.name, this.l.relative(replied.at)) : ''}</p>
        <div class="actions">
          <button type="button" @click=${(e: Event) => this.closeDialog((e.target as Element).closest('dialog'))}>
            ${this.l.t.presence.cancel}
          </button>
          <button class="primary" type="button" ?disabled=${!!this._busy} @click=${this.sendAnyway}>
            ${this.l.t.presence.sendAnyway}
          </button>
        </div>
      </dialog>
      <dialog id="escalate-dialog" aria-labelledby="escalate-heading" @close=${this.onDialogClose}>
        <form @submit=${this.submitEscalate}>
          <h2 id="escalate-heading">${t.escalateHeading}</h2>
          <p class="muted">${ticket.number}</p>
          <label for="escalate-reason">${t.reason}</label>
          <textarea
            id="escalate-reason"
            name="reason"
            rows="3"
            aria-describedby="escalate-hint escalate-error"
            aria-invalid=${escalateError ? 'true' : 'false'}
          ></textarea>
          <p class="hint" id="escalate-hint">${t.reasonHint}</p>
          <p class="error" id="escalate-error" role="alert">${escalateError}</p>
          <div class="actions">
            <button type="button" @click=${(e: Event) => this.closeDialog((e.target as Element).closest('dialog'))}>
              ${t.cancel}
            </button>
            <button class="primary" type="submit" ?disabled=${!!this._busy}>${t.escalate}</button>
          </div>
        </form>
      </dialog>
      <dialog id="assign-dialog" aria-labelledby="assign-heading" @close=${this.onDialogClose}>
        <form @submit=${this.submitAssign}>
          <h2 id="assign-heading">${t.assignHeading}</h2>
          <p class="muted">${ticket.number}</p>
          <div class="field">
            <label for="assignee">${t.assignee}</label>
            <select id="assignee" name="assignee">
              ${(this._team ?? []).map(
                (a) =>
                  html`<option value=${a.name} ?selected=${a.name === ticket.assignee}>${a.name} (${a.email})</option>`,
              )}
            </select>
          </div>
          <label for="assign-reason">${t.reason}</label>
          <textarea
            id="assign-reason"
            name="reason"
            rows="3"
            aria-describedby="assign-hint assign-error"
            aria-invalid=${assignError ? 'true' : 'false'}
          ></textarea>
          <p class="hint" id="assign-hint">${t.reasonHint}</p>
          <p class="error" id="assign-error" role="alert">${assignError}</p>
          <div class="actions">
            <button type="button" @click=${(e: Event) => this.closeDialog((e.target as Element).closest('dialog'))}>
              ${t.cancel}
            </button>
            <button class="primary" type="submit" ?disabled=${!!this._busy}>${t.assign}</button>
          </div>
        </form>
      </dialog>
      ${this.renderRemedyDialog(ticket)}
    `;
  }

  /** Refund, reship or voucher; a refund or voucher with its amount and currency; an optional word to the shopper. */
  private renderRemedyDialog(ticket: Ticket) {
    const t = this.l.t.ticket;
    const errors = this._fieldErrors;
    const amountError = errors['remedy-amount'] ?? '';
    const currencyError = errors['remedy-currency'] ?? '';
    const messageError = errors['remedy-message'] ?? '';
    const kindError = errors['remedy-kind'] ?? '';
    const money = this._remedyKind !== 'reship';
    return html`
      <dialog id="remedy-dialog" aria-labelledby="remedy-heading" @close=${this.onDialogClose}>
        <form novalidate @submit=${this.submitRemedy}>
          <h2 id="remedy-heading">${t.remedyHeading}</h2>
          <p class="muted">${ticket.number}</p>
          <p class="hint" id="remedy-intro">${t.remedyIntro}</p>
          ${
            this.remedyPresets.length
              ? html`<div class="actions" role="group" aria-label=${this.l.t.settings.presetsInDialog}>
                  ${this.remedyPresets.map(
                    (preset) =>
                      html`<button type="button" @click=${(e: Event) => this.applyRemedyPreset(preset, e)}>
                        ${preset.label}${
                          preset.amount !== undefined && preset.currency
                            ? ` · ${this.l.money(preset.amount, preset.currency)}`
                            : ''
                        }
                      </button>`,
                  )}
                </div>`
              : nothing
          }
          <fieldset id="remedy-kind" class="kinds" aria-describedby="remedy-kind-error" @change=${this.pickRemedyKind}>
            <legend>${t.remedyKind}</legend>
            ${REMEDY_KINDS.map(
              (kind) => html`
                <label class="choice">
                  <input type="radio" name="kind" value=${kind} ?checked=${kind === 'refund'} />
                  ${t.remedyKinds[kind] ?? kind}
                </label>
              `,
            )}
          </fieldset>
          <p class="error" id="remedy-kind-error" role="alert">${kindError}</p>
          <div class="money" ?hidden=${!money}>
            <div class="field">
              <label for="remedy-amount">${t.amount}</label>
              <input
                id="remedy-amount"
                name="amount"
                type="number"
                inputmode="decimal"
                step="0.01"
                min="0.01"
                ?required=${money}
                aria-describedby="remedy-amount-hint remedy-amount-error"
                aria-invalid=${amountError ? 'true' : 'false'}
              />
              <p class="hint" id="remedy-amount-hint">${t.amountHint}</p>
              <p class="error" id="remedy-amount-error" role="alert">${amountError}</p>
            </div>
            <div class="field">
              <label for="remedy-currency">${t.currency}</label>
              <input
                id="remedy-currency"
                name="currency"
                type="text"
                maxlength="3"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck="false"
                list="remedy-currencies"
                value=${this.defaultCurrency(ticket)}
                ?required=${money}
                aria-describedby="remedy-currency-hint remedy-currency-error"
                aria-invalid=${currencyError ? 'true' : 'false'}
              />
              <datalist id="remedy-currencies">
                ${CURRENCIES.map((code) => html`<option value=${code}></option>`)}
              </datalist>
              <p class="hint" id="remedy-currency-hint">${t.currencyHint}</p>
              <p class="error" id="remedy-currency-error" role="alert">${currencyError}</p>
            </div>
          </div>
          <label for="remedy-message">${t.remedyMessage}</label>
          <textarea
            id="remedy-message"
            name="message"
            rows="3"
            aria-describedby="remedy-message-hint remedy-message-error"
            aria-invalid=${messageError ? 'true' : 'false'}
          ></textarea>
          <p class="hint" id="remedy-message-hint">${t.remedyMessageHint}</p>
          <p class="error" id="remedy-message-error" role="alert">${messageError}</p>
          <div class="actions">
            <button type="button" @click=${(e: Event) => this.closeDialog((e.target as Element).closest('dialog'))}>
              ${t.cancel}
            </button>
            <button class="primary" type="submit" ?disabled=${!!this._busy}>${t.recordRemedy}</button>
          </div>
        </form>
      </dialog>
    `;
  }
}

define('nectar-console-ticket', ConsoleTicketView);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-console-ticket': ConsoleTicketView;
  }
}
