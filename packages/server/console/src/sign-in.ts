import { html, LitElement, type PropertyValues } from 'lit';
import { api, isApiError } from './api.ts';
import { define } from './define.ts';
import { SignedInEvent } from './events.ts';
import { LocalizeController } from './i18n/index.ts';
import { base } from './styles.ts';
import { css } from 'lit';

/**
 * Sign-in with an agent account: email and password. A wrong pair, a throttled account (429, with the
 * wait) and an unreachable service each say so in words, in an alert next to the form.
 * @event console-signed-in - The session is open.
 */
export class ConsoleSignIn extends LitElement {
  static override styles = [
    base,
    css`
      .card {
        max-width: 26rem;
        margin: 8vh auto 0;
        padding: calc(var(--_space) * 1.5);
        background: var(--_surface);
      }
      .error:empty {
        display: none;
      }
      .error {
        margin: 0 0 var(--_space);
      }
      button {
        width: 100%;
      }
    `,
  ];
  static override properties = {
    notice: { type: String },
    _error: { state: true },
    _busy: { state: true },
  };
  declare notice: string;
  declare _error: string;
  declare _busy: boolean;
  private l = new LocalizeController(this);

  constructor() {
    super();
    this.notice = '';
    this._error = '';
    this._busy = false;
  }

  override render() {
    const t = this.l.t.signIn;
    return html`
      <section class="card" aria-labelledby="heading">
        <h1 id="heading" tabindex="-1">${t.heading}</h1>
        <p class="muted">${t.intro}</p>
        ${this.notice ? html`<p role="status">${this.notice}</p>` : ''}
        <form novalidate @submit=${this.submit}>
          <p class="error" role="alert" id="error">${this._error}</p>
          <div class="field">
            <label for="email">${t.email}</label>
            <input
              id="email"
              name="email"
              type="email"
              autocomplete="username"
              required
              aria-describedby="error"
              aria-invalid=${this._error ? 'true' : 'false'}
            />
          </div>
          <div class="field">
            <label for="password">${t.password}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required />
          </div>
          <button class="primary" type="submit" ?disabled=${this._busy}>${this._busy ? t.busy : t.submit}</button>
        </form>
      </section>
    `;
  }

  protected override firstUpdated(_changed: PropertyValues) {
    this.focusStart();
  }

  focusStart() {
    this.renderRoot.querySelector<HTMLInputElement>('#email')?.focus();
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const t = this.l.t.signIn;
    if (!email || !password) {
      this._error = t.missing;
      return;
    }
    this._busy = true;
    this._error = '';
    try {
      const { agent } = await api.signIn(email, password);
      form.reset();
      this.dispatchEvent(new SignedInEvent(agent));
    } catch (e) {
      if (isApiError(e) && e.code === 'rate_limited') this._error = t.throttled(this.l.duration(e.retryAfter ?? 900));
      else if (isApiError(e) && e.status === 401) this._error = t.wrong;
      else if (isApiError(e) && e.code === 'network') this._error = this.l.t.errors.network;
      else this._error = this.l.t.errors.failed(isApiError(e) ? e.message : String(e));
      const password = this.renderRoot.querySelector<HTMLInputElement>('#password');
      if (password) {
        password.value = '';
        password.focus();
      }
    } finally {
      this._busy = false;
    }
  }
}

define('nectar-console-sign-in', ConsoleSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-console-sign-in': ConsoleSignIn;
  }
}
