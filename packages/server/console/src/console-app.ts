import { css, html, LitElement, nothing } from 'lit';
import { api, whenSessionEnds } from './api.ts';
import './agents-view.ts';
import './answers-view.ts';
import './board-view.ts';
import './canned-replies-view.ts';
import './settings-view.ts';
import { define } from './define.ts';
import { AnnounceEvent, errorText, type SignedInEvent } from './events.ts';
import { initLocale, LocalizeController, LOCALE_NAMES, LOCALES, setLocale, type Locale } from './i18n/index.ts';
import './queue.ts';
import type { ConsoleQueue } from './queue.ts';
import './sign-in.ts';
import { base, tokens } from './styles.ts';
import './ticket-view.ts';
import type { ConsoleTicketView } from './ticket-view.ts';
import type { Agent, MailList } from './types.ts';

type Route =
  | { name: 'queue' }
  | { name: 'ticket'; id: string }
  | { name: 'board' }
  | { name: 'answers'; id: string | null }
  | { name: 'dashboard' }
  | { name: 'agents' }
  | { name: 'canned' }
  | { name: 'settings' };
type Theme = 'auto' | 'light' | 'dark';

const THEME_KEY = 'nectar-console:theme';

function parseRoute(hash: string): Route {
  const ticket = /^#\/tickets\/([\w-]{1,64})$/.exec(hash);
  if (ticket?.[1]) return { name: 'ticket', id: ticket[1] };
  if (hash === '#/board') return { name: 'board' };
  const answers = /^#\/answers(?:\/([\w:.%-]{1,200}))?$/.exec(hash);
  if (answers) return { name: 'answers', id: answers[1] ? decodeURIComponent(answers[1]) : null };
  if (hash === '#/dashboard') return { name: 'dashboard' };
  if (hash === '#/agents') return { name: 'agents' };
  if (hash === '#/canned-replies') return { name: 'canned' };
  if (hash === '#/settings') return { name: 'settings' };
  return { name: 'queue' };
}

const isTyping = (el: Element | undefined) =>
  el instanceof HTMLInputElement ||
  el instanceof HTMLTextAreaElement ||
  el instanceof HTMLSelectElement ||
  (el instanceof HTMLElement && el.isContentEditable);

/**
 * The agent console: sign-in, the queue, one ticket, the problem board, the team and the canned replies (admins); a header with
 * navigation, language, theme, the shortcut list and sign-out; a banner while mail to shoppers waits for an
 * SMTP server (or some failed); one live region that announces each result. Routes are in the URL hash (`#/`,
 * `#/tickets/<id>`, `#/board`, `#/agents`, `#/canned-replies`). Keyboard: j / k / Enter / / in the queue, c / r / n / e on a
 * ticket, ? for the list, Esc to go back.
 */
export class NectarConsole extends LitElement {
  static override styles = [
    tokens,
    base,
    css`
      :host {
        min-height: 100vh;
        color: var(--_text);
        background: var(--_bg);
        font-family: var(--_font);
        font-size: var(--nectar-font-size, 1rem);
        line-height: 1.5;
      }
      .skip {
        position: absolute;
        left: 0.5rem;
        top: -4rem;
        padding: 0.5rem 1rem;
        background: var(--_bg);
        z-index: 10;
      }
      .skip:focus {
        top: 0.5rem;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem var(--_space);
        padding: 0.5rem var(--_space);
        background: var(--_surface);
        border-bottom: 1px solid var(--_border);
      }
      .brand {
        font-weight: 700;
        font-size: 1.1rem;
        margin-inline-end: var(--_space);
      }
      nav ul {
        display: flex;
        gap: 0.25rem;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      nav a {
        display: inline-flex;
        align-items: center;
        min-height: 44px;
        padding: 0 0.9rem;
        border-radius: var(--_radius);
        color: var(--_text);
        text-decoration: none;
        font-weight: 600;
      }
      nav a[aria-current='page'] {
        background: var(--_accent);
        color: var(--_on-accent);
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
        margin-inline-start: auto;
      }
      .tools label {
        display: inline;
        margin: 0;
        font-weight: 500;
      }
      .tools select {
        width: auto;
      }
      .who {
        color: var(--_muted);
      }
      main {
        padding: calc(var(--_space) * 1.25) var(--_space) calc(var(--_space) * 5);
        max-width: 88rem;
        margin: 0 auto;
      }
      main:focus {
        outline: none;
      }
      .banner {
        padding: 0.6rem var(--_space);
        border-bottom: 2px solid var(--_warning);
        background: var(--_note);
        color: var(--_text);
      }
      .banner strong {
        margin-inline-end: 0.5em;
      }
      .banner.alert {
        display: flex;
        flex-direction: column;
        gap: 0.25rem;
        border-bottom-color: var(--_danger, var(--_warning));
      }
      .toast {
        position: fixed;
        inset-inline: 0;
        bottom: var(--_space);
        margin: 0 auto;
        width: max-content;
        max-width: calc(100vw - 2rem);
        padding: 0.6rem 1rem;
        border-radius: var(--_radius);
        background: var(--_text);
        color: var(--_bg);
        font-weight: 600;
      }
      .toast:empty {
        display: none;
      }
      .toast.error {
        background: var(--_danger);
        color: var(--_on-accent);
      }
      dl.keys {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.4rem 1rem;
        margin: var(--_space) 0;
      }
      dl.keys dd {
        margin: 0;
      }
      kbd {
        display: inline-block;
        min-width: 1.8em;
        text-align: center;
        padding: 0.05em 0.4em;
        border: 1px solid var(--_border);
        border-bottom-width: 2px;
        border-radius: 0.3em;
        font-family: ui-monospace, monospace;
      }
      dialog .actions {
        justify-content: flex-end;
      }
    `,
  ];

  static override properties = {
    theme: { type: String, reflect: true },
    _agent: { state: true },
    _ready: { state: true },
    _route: { state: true },
    _message: { state: true },
    _tone: { state: true },
    _notice: { state: true },
    _mail: { state: true },
    _alerts: { state: true },
  };
  declare theme: 'light' | 'dark' | undefined;
  declare _agent: Agent | null;
  declare _ready: boolean;
  declare _route: Route;
  declare _message: string;
  declare _tone: 'info' | 'error';
  declare _notice: string;
  /** Whether mail can go out (`configured`) and how much waits or failed; `null` until asked. */
  declare _mail: Pick<MailList, 'configured' | 'counts'> | null;
  /** The site's open alerts. */
  declare _alerts: { id: string; name: string | null; value: number | null; raisedAt: string }[];

  private l = new LocalizeController(this);
  private lastTicket: string | null = null;
  private dashboard: Promise<unknown> | undefined;
  private messageTimer: ReturnType<typeof setTimeout> | undefined;
  private onHash = () => this.navigate(parseRoute(location.hash));
  private onKey = (e: KeyboardEvent) => this.shortcut(e);

  constructor() {
    super();
    this.theme = undefined;
    this._agent = null;
    this._ready = false;
    this._route = parseRoute(location.hash);
    this._message = '';
    this._tone = 'info';
    this._notice = '';
    this._mail = null;
    this._alerts = [];
    const stored = this.storedTheme();
    if (stored !== 'auto') this.theme = stored;
  }

  override connectedCallback() {
    super.connectedCallback();
    addEventListener('hashchange', this.onHash);
    document.addEventListener('keydown', this.onKey);
    this.addEventListener('console-announce', (e: AnnounceEvent) => this.announce(e.message, e.tone));
    this.addEventListener('console-signed-in', (e: SignedInEvent) => this.signedIn(e.agent));
    whenSessionEnds(() => {
      if (!this._agent) return;
      this._agent = null;
      this._notice = this.l.t.app.sessionEnded;
    });
    void this.start();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.onHash);
    document.removeEventListener('keydown', this.onKey);
  }

  private async start() {
    await initLocale();
    try {
      this._agent = (await api.session()).agent;
    } catch {
      this._agent = null;
    }
    this._ready = true;
    this.updateTitle();
    void this.loadMailStatus();
  }

  /** The banners' facts — mail and open alerts (asked at sign-in and on every screen change). */
  private async loadMailStatus() {
    if (!this._agent) return;
    const [mail, alerts] = await Promise.allSettled([api.mail({ limit: 1 }), api.alerts()]);
    // No banner rather than a wrong one.
    if (mail.status === 'fulfilled') this._mail = { configured: mail.value.configured, counts: mail.value.counts };
    if (alerts.status === 'fulfilled') this._alerts = alerts.value.alerts.filter((a) => a.open);
  }

  private storedTheme(): Theme {
    try {
      const value = localStorage.getItem(THEME_KEY);
      return value === 'light' || value === 'dark' ? value : 'auto';
    } catch {
      return 'auto';
    }
  }

  private setTheme(theme: Theme) {
    this.theme = theme === 'auto' ? undefined : theme;
    if (theme === 'auto') this.removeAttribute('theme');
    try {
      localStorage.setItem(THEME_KEY, theme);
    } catch {
      // Applied, not remembered.
    }
  }

  private announce(message: string, tone: 'info' | 'error' = 'info') {
    // Emptied first, so that the same words twice are announced twice.
    this._message = '';
    this._tone = tone;
    void this.updateComplete.then(() => {
      this._message = message;
      clearTimeout(this.messageTimer);
      this.messageTimer = setTimeout(() => (this._message = ''), 8000);
    });
  }

  private signedIn(agent: Agent) {
    this._agent = agent;
    this._notice = '';
    void this.loadMailStatus();
    void this.updateComplete.then(() => this.focusScreen());
  }

  private async signOut() {
    try {
      // Leaving the open ticket first: once signed out, the service would not know who left.
      await this.renderRoot.querySelector<ConsoleTicketView>('nectar-console-ticket')?.leave();
      await api.signOut();
      this._agent = null;
      this._notice = this.l.t.app.signedOut;
      history.replaceState(null, '', '#/');
      this._route = { name: 'queue' };
    } catch (e) {
      this.announce(errorText(this.l, e), 'error');
    }
  }

  private navigate(route: Route) {
    const from = this._route;
    if (from.name === 'ticket') this.lastTicket = from.id;
    this._route = route;
    this.updateTitle();
    void this.loadMailStatus();
    void this.updateComplete.then(() => {
      if (route.name === 'queue' && from.name === 'ticket' && this.lastTicket) {
        const queue = this.queue;
        void queue?.refresh();
        queue?.focusTicket(this.lastTicket);
      } else if (route.name === 'dashboard') {
        void this.loadDashboard().then(() => this.focusScreen());
      } else {
        this.focusScreen();
      }
    });
  }

  /** The dashboard and its chart library: their own chunks, fetched the first time the dashboard opens. */
  private loadDashboard(): Promise<unknown> {
    this.dashboard ??= import('./dashboard-view.ts').catch((e: unknown) => {
      this.dashboard = undefined;
      this.announce(errorText(this.l, e), 'error');
    });
    return this.dashboard;
  }

  override willUpdate() {
    if (this._agent && this._route.name === 'dashboard') void this.loadDashboard();
  }

  private updateTitle() {
    const t = this.l.t;
    const pages = {
      agents: t.app.agents,
      canned: t.app.cannedReplies,
      settings: t.app.settings,
      ticket: t.ticket.details,
      queue: t.app.queue,
      board: t.board.heading,
      answers: t.answers.heading,
      dashboard: t.dashboard.heading,
    };
    const page = pages[this._route.name];
    document.title = this._agent ? `${page} · ${t.app.title}` : t.app.title;
  }

  private get queue() {
    return this.renderRoot.querySelector<ConsoleQueue>('nectar-console-queue');
  }

  private get ticketView() {
    return this.renderRoot.querySelector<ConsoleTicketView>('nectar-console-ticket');
  }

  private focusScreen() {
    const screen = this.renderRoot.querySelector<HTMLElement & { focusHeading?: () => void }>('main > :not([hidden])');
    screen?.focusHeading?.();
  }

  private openHelp() {
    this.renderRoot.querySelector<HTMLDialogElement>('#shortcuts')?.showModal();
  }

  private shortcut(e: KeyboardEvent) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || !this._agent) return;
    const path = e.composedPath();
    if (path.some((node) => node instanceof HTMLDialogElement)) return;
    const target = path[0] as Element | undefined;
    if (isTyping(target)) return;
    const route = this._route.name;
    const onControl = target instanceof HTMLAnchorElement || target instanceof HTMLButtonElement;
    const run = (action: () => void) => {
      e.preventDefault();
      action();
    };
    switch (e.key) {
      case '?':
        return run(() => this.openHelp());
      case 'Escape':
        if (route !== 'queue') run(() => (location.hash = '#/'));
        return;
    }
    if (route === 'queue') {
      const queue = this.queue;
      if (!queue) return;
      if (e.key === 'j') run(() => queue.move(1));
      else if (e.key === 'k') run(() => queue.move(-1));
      else if (e.key === '/') run(() => queue.focusSearch());
      else if (e.key === 'Enter' && !onControl) run(() => queue.openCurrent());
    } else if (route === 'ticket') {
      const view = this.ticketView;
      if (!view) return;
      if (e.key === 'c') run(() => void view.claim());
      else if (e.key === 'r') run(() => view.focusReply());
      else if (e.key === 'n') run(() => view.focusNote());
      else if (e.key === 'e') run(() => view.openEscalate());
    }
  }

  private skipToMain(e: Event) {
    e.preventDefault();
    this.focusScreen();
  }

  override render() {
    const t = this.l.t;
    const agent = this._agent;
    const route = this._route;
    return html`
      <a class="skip" href="#main" @click=${this.skipToMain}>${t.app.skip}</a>
      <header>
        <span class="brand">${t.app.title}</span>
        ${
          agent
            ? html`<nav aria-label=${t.app.nav}>
                <ul>
                  <li>
                    <a href="#/" aria-current=${route.name === 'queue' || route.name === 'ticket' ? 'page' : 'false'}
                      >${t.app.queue}</a
                    >
                  </li>
                  <li>
                    <a href="#/board" aria-current=${route.name === 'board' ? 'page' : 'false'}>${t.app.board}</a>
                  </li>
                  <li>
                    <a href="#/answers" aria-current=${route.name === 'answers' ? 'page' : 'false'}>${t.answers.nav}</a>
                  </li>
                  <li>
                    <a href="#/dashboard" aria-current=${route.name === 'dashboard' ? 'page' : 'false'}
                      >${t.app.dashboard}</a
                    >
                  </li>
                  ${
                    agent.role === 'admin'
                      ? html`<li>
                            <a href="#/agents" aria-current=${route.name === 'agents' ? 'page' : 'false'}
                              >${t.app.agents}</a
                            >
                          </li>
                          <li>
                            <a href="#/canned-replies" aria-current=${route.name === 'canned' ? 'page' : 'false'}
                              >${t.app.cannedReplies}</a
                            >
                          </li>`
                      : nothing
                  }
                  <li>
                    <a href="#/settings" aria-current=${route.name === 'settings' ? 'page' : 'false'}
                      >${t.app.settings}</a
                    >
                  </li>
                </ul>
              </nav>`
            : nothing
        }
        <div class="tools">
          <label for="locale">${t.app.language}</label>
          <select id="locale" @change=${(e: Event) => this.changeLocale((e.target as HTMLSelectElement).value)}>
            ${LOCALES.map(
              (code) =>
                html`<option value=${code} lang=${code} ?selected=${code === this.l.locale}>
                  ${LOCALE_NAMES[code]}
                </option>`,
            )}
          </select>
          <label for="theme">${t.app.theme}</label>
          <select id="theme" @change=${(e: Event) => this.setTheme((e.target as HTMLSelectElement).value as Theme)}>
            <option value="auto" ?selected=${!this.theme}>${t.app.themeAuto}</option>
            <option value="light" ?selected=${this.theme === 'light'}>${t.app.themeLight}</option>
            <option value="dark" ?selected=${this.theme === 'dark'}>${t.app.themeDark}</option>
          </select>
          ${
            agent
              ? html`
                  <button type="button" aria-keyshortcuts="?" @click=${this.openHelp}>
                    <span aria-hidden="true">?</span><span class="visually-hidden">${t.app.shortcuts}</span>
                  </button>
                  <span class="who"
                    >${t.app.signedInAs(agent.name, agent.role === 'admin' ? t.agents.roleAdmin : t.agents.roleAgent)}</span
                  >
                  <button type="button" @click=${this.signOut}>${t.app.signOut}</button>
                `
              : nothing
          }
        </div>
      </header>
      ${agent ? this.renderAlertBanner() : nothing} ${agent ? this.renderMailBanner() : nothing}
      <main id="main" tabindex="-1">${this.renderScreen()}</main>
      <div class=${`toast ${this._tone}`} role="status" aria-live="polite" aria-atomic="true">${this._message}</div>
      ${this.renderHelp()}
    `;
  }

  /** Open alerts (CSAT sinking, promises missed…): raised by the service's rules until the figure is back. */
  private renderAlertBanner() {
    if (!this._alerts.length) return nothing;
    const t = this.l.t.alerts;
    const since = (iso: string) =>
      new Intl.DateTimeFormat(this.l.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
    return html`<div class="banner alert" role="note">
      ${this._alerts.map((a) => html`<strong>${t.open(a.name ?? '?', a.value, since(a.raisedAt))}</strong>`)}
    </div>`;
  }

  private renderMailBanner() {
    const mail = this._mail;
    if (!mail) return nothing;
    const t = this.l.t.mail;
    if (!mail.configured) {
      const waiting = mail.counts.pending;
      return html`<div class="banner" role="note">
        <strong>${t.waiting}</strong>${waiting > 0 ? html`<span>${t.waitingCount(waiting)}</span>` : nothing}
      </div>`;
    }
    if (mail.counts.failed > 0) {
      return html`<div class="banner" role="note"><strong>${t.failedCount(mail.counts.failed)}</strong></div>`;
    }
    return nothing;
  }

  private async changeLocale(value: string) {
    await setLocale(value as Locale);
    this.updateTitle();
  }

  private renderScreen() {
    if (!this._ready) return html`<p class="muted">${this.l.t.app.loading}</p>`;
    const agent = this._agent;
    if (!agent) return html`<nectar-console-sign-in .notice=${this._notice}></nectar-console-sign-in>`;
    const route = this._route;
    return html`
      <nectar-console-queue .agent=${agent} ?hidden=${route.name !== 'queue'}></nectar-console-queue>
      <nectar-console-ticket
        .agent=${agent}
        .ticketId=${route.name === 'ticket' ? route.id : null}
        ?hidden=${route.name !== 'ticket'}
      ></nectar-console-ticket>
      ${route.name === 'board' ? html`<nectar-console-board .agent=${agent}></nectar-console-board>` : nothing}
      ${
        route.name === 'answers'
          ? html`<nectar-console-answers .agent=${agent} .articleId=${route.id}></nectar-console-answers>`
          : nothing
      }
      ${route.name === 'dashboard' ? html`<nectar-console-dashboard></nectar-console-dashboard>` : nothing}
      ${
        route.name === 'agents' && agent.role === 'admin'
          ? html`<nectar-console-agents .agent=${agent}></nectar-console-agents>`
          : nothing
      }
      ${
        agent.role === 'admin'
          ? html`<nectar-console-canned ?hidden=${route.name !== 'canned'}></nectar-console-canned>`
          : nothing
      }
      <nectar-console-settings
        ?hidden=${route.name !== 'settings'}
        .admin=${agent.role === 'admin'}
      ></nectar-console-settings>
    `;
  }

  private renderHelp() {
    const t = this.l.t.shortcuts;
    const keys: [string, string][] = [
      ['j', t.next],
      ['k', t.previous],
      ['Enter', t.open],
      ['/', t.search],
      ['c', t.claim],
      ['r', t.reply],
      ['n', t.note],
      ['e', t.escalate],
      ['?', t.help],
      ['Esc', t.back],
    ];
    return html`
      <dialog id="shortcuts" aria-labelledby="shortcuts-heading">
        <h2 id="shortcuts-heading">${t.heading}</h2>
        <p class="muted">${t.intro}</p>
        <dl class="keys">
          ${keys.map(
            ([key, what]) =>
              html`<dt><kbd>${key}</kbd></dt>
                <dd>${what}</dd>`,
          )}
        </dl>
        <form method="dialog" class="actions">
          <button class="primary">${t.close}</button>
        </form>
      </dialog>
    `;
  }
}

define('nectar-console', NectarConsole);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-console': NectarConsole;
  }
}
