import { css, html, LitElement, nothing } from 'lit';
import { api, isApiError } from './api.ts';
import { define } from './define.ts';
import { AnnounceEvent, errorText } from './events.ts';
import { LocalizeController } from './i18n/index.ts';
import { base } from './styles.ts';
import type { Agent } from './types.ts';

const PASSWORD_MIN = 12;

/** A temporary password: 16 characters from an alphabet without look-alikes. */
function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** Admins: the team (list), invite (an account with a temporary password) and disable. */
export class ConsoleAgents extends LitElement {
  static override styles = [
    base,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 2fr) minmax(18rem, 1fr);
        gap: calc(var(--_space) * 1.5);
        align-items: start;
      }
      @media (max-width: 1000px) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
      .table-wrap {
        overflow-x: auto;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        text-align: start;
        padding: 0.5rem;
        border-bottom: 1px solid var(--_border);
        vertical-align: middle;
      }
      td button {
        min-height: 36px;
        padding: 0.25em 0.8em;
      }
      .you {
        margin-inline-start: 0.4em;
      }
      .password {
        display: flex;
        gap: 0.5rem;
      }
      .password button {
        flex: none;
      }
      dialog .actions {
        justify-content: flex-end;
        margin-top: var(--_space);
      }
    `,
  ];
  static override properties = {
    agent: { attribute: false },
    _team: { state: true },
    _error: { state: true },
    _formError: { state: true },
    _busy: { state: true },
    _disabling: { state: true },
  };
  declare agent: Agent | null;
  declare _team: Agent[] | null;
  declare _error: string;
  declare _formError: string;
  declare _busy: boolean;
  declare _disabling: Agent | null;
  private l = new LocalizeController(this);

  constructor() {
    super();
    this.agent = null;
    this._team = null;
    this._error = '';
    this._formError = '';
    this._busy = false;
    this._disabling = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  async load() {
    try {
      this._team = (await api.agents()).agents;
      this._error = '';
    } catch (e) {
      this._error = isApiError(e) && e.code === 'forbidden' ? this.l.t.agents.adminsOnly : errorText(this.l, e);
    }
  }

  focusHeading() {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private async invite(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const input = {
      name: String(data.get('name') ?? '').trim(),
      email: String(data.get('email') ?? '').trim(),
      role: data.get('role') === 'admin' ? ('admin' as const) : ('agent' as const),
      password: String(data.get('password') ?? ''),
    };
    if (!input.name || !input.email || input.password.length < PASSWORD_MIN) {
      this._formError = `${this.l.t.errors.validation} ${this.l.t.agents.passwordHint}`;
      return;
    }
    this._busy = true;
    this._formError = '';
    try {
      const added = await api.addAgent(input);
      form.reset();
      this.dispatchEvent(new AnnounceEvent(this.l.t.agents.added(added.name)));
      await this.load();
    } catch (e) {
      this._formError = isApiError(e) && e.fields?.email === 'taken' ? this.l.t.agents.taken : errorText(this.l, e);
    } finally {
      this._busy = false;
    }
  }

  private generate() {
    const field = this.renderRoot.querySelector<HTMLInputElement>('#new-password');
    if (!field) return;
    field.value = temporaryPassword();
    field.type = 'text';
    field.focus();
    field.select();
  }

  private askDisable(agent: Agent) {
    this._disabling = agent;
    void this.updateComplete.then(() => {
      const dialog = this.renderRoot.querySelector<HTMLDialogElement>('#disable-dialog');
      dialog?.showModal();
      dialog?.querySelector<HTMLButtonElement>('button')?.focus();
    });
  }

  private async confirmDisable() {
    const agent = this._disabling;
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('#disable-dialog');
    if (!agent) return;
    this._busy = true;
    try {
      await api.disableAgent(agent.id);
      this.dispatchEvent(new AnnounceEvent(this.l.t.agents.disabledDone(agent.name)));
      await this.load();
    } catch (e) {
      this.dispatchEvent(new AnnounceEvent(errorText(this.l, e), 'error'));
    } finally {
      this._busy = false;
      dialog?.close();
    }
  }

  private onDisableClosed() {
    const id = this._disabling?.id;
    this._disabling = null;
    const row = id ? this.renderRoot.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(id)}"] button`) : null;
    (row ?? this.renderRoot.querySelector<HTMLElement>('h1'))?.focus();
  }

  override render() {
    const t = this.l.t.agents;
    return html`
      <h1 tabindex="-1">${t.heading}</h1>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      <div class="layout">
        <section aria-labelledby="team">
          <h2 id="team">${t.list}</h2>
          ${this._team === null ? html`<p class="muted">${this.l.t.app.loading}</p>` : this.renderTable(this._team)}
        </section>
        <section class="card" aria-labelledby="invite">
          <h2 id="invite">${t.invite}</h2>
          <form novalidate @submit=${this.invite}>
            <div class="field">
              <label for="new-name">${t.name}</label>
              <input id="new-name" name="name" autocomplete="off" required />
            </div>
            <div class="field">
              <label for="new-email">${t.email}</label>
              <input id="new-email" name="email" type="email" autocomplete="off" required />
            </div>
            <div class="field">
              <label for="new-role">${t.role}</label>
              <select id="new-role" name="role">
                <option value="agent">${t.roleAgent}</option>
                <option value="admin">${t.roleAdmin}</option>
              </select>
            </div>
            <div class="field">
              <label for="new-password">${t.password}</label>
              <div class="password">
                <input
                  id="new-password"
                  name="password"
                  type="password"
                  autocomplete="new-password"
                  minlength=${PASSWORD_MIN}
                  required
                  aria-describedby="password-hint"
                />
                <button type="button" @click=${this.generate}>${t.generate}</button>
              </div>
              <p class="hint" id="password-hint">${t.passwordHint}</p>
            </div>
            <p class="error" role="alert">${this._formError}</p>
            <button class="primary" type="submit" ?disabled=${this._busy}>${t.add}</button>
          </form>
        </section>
      </div>
      <dialog id="disable-dialog" aria-labelledby="disable-heading" @close=${this.onDisableClosed}>
        <h2 id="disable-heading">${this._disabling ? t.disableHeading(this._disabling.name) : ''}</h2>
        <p>${t.disableBody}</p>
        <div class="actions">
          <button
            type="button"
            @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('#disable-dialog')?.close()}
          >
            ${this.l.t.ticket.cancel}
          </button>
          <button class="danger" type="button" ?disabled=${this._busy} @click=${this.confirmDisable}>
            ${t.disable}
          </button>
        </div>
      </dialog>
    `;
  }

  private renderTable(team: Agent[]) {
    const t = this.l.t.agents;
    return html`
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${t.name}</th>
              <th scope="col">${t.email}</th>
              <th scope="col">${t.role}</th>
              <th scope="col">${t.status}</th>
              <th scope="col"><span class="visually-hidden">${t.disable}</span></th>
            </tr>
          </thead>
          <tbody>
            ${team.map(
              (a) => html`
                <tr data-id=${a.id}>
                  <td>
                    ${a.name}${a.id === this.agent?.id ? html`<span class="muted you">(${t.you})</span>` : nothing}
                  </td>
                  <td>${a.email}</td>
                  <td>${a.role === 'admin' ? t.roleAdmin : t.roleAgent}</td>
                  <td>${a.disabled ? t.disabled : t.active}</td>
                  <td>
                    ${
                      a.disabled || a.id === this.agent?.id
                        ? nothing
                        : html`<button
                            type="button"
                            class="danger"
                            aria-label=${`${t.disable}: ${a.name}`}
                            @click=${() => this.askDisable(a)}
                          >
                            ${t.disable}
                          </button>`
                    }
                  </td>
                </tr>
              `,
            )}
          </tbody>
        </table>
      </div>
    `;
  }
}

define('nectar-console-agents', ConsoleAgents);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-console-agents': ConsoleAgents;
  }
}
