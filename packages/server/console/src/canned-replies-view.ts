import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { api, isApiError } from './api.ts';
import { define } from './define.ts';
import { AnnounceEvent, errorText } from './events.ts';
import { LOCALE_NAMES, LocalizeController } from './i18n/index.ts';
import type { CategorySetting } from './settings-types.ts';
import { base } from './styles.ts';
import {
  CATEGORIES,
  REPLY_LOCALES,
  REPLY_VARIABLES,
  type CannedReply,
  type CannedReplyInput,
  type ReplyLocale,
} from './types.ts';

type Field = 'title' | 'locale' | 'category' | 'body';
const FIELDS: readonly Field[] = ['title', 'locale', 'category', 'body'];

/** One template as the admin edits it; `key` names it in this page (ids come from the service on save). */
interface Draft {
  key: number;
  id?: string;
  title: string;
  locale: ReplyLocale;
  /** `''`: every category. */
  category: string;
  body: string;
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const known = new Set<string>(REPLY_VARIABLES);

const isLocale = (value: string): value is ReplyLocale => (REPLY_LOCALES as readonly string[]).includes(value);

/**
 * Admins: the site's canned replies — title, language, category (or all), text with `{{variables}}`; add,
 * remove, reorder, and save the whole set (`PUT /v1/agent/canned-replies`). A refused save shows each of the
 * service's field errors (`replies.2.body: unknown_variable`) next to the reply it names; nothing typed is
 * lost — the drafts stay as they are until a save succeeds, while the admin visits other screens, and the
 * browser asks before a reload drops unsaved changes.
 */
export class ConsoleCannedReplies extends LitElement {
  static override styles = [
    base,
    css`
      ol.replies {
        list-style: none;
        margin: 0 0 var(--_space);
        padding: 0;
        display: grid;
        gap: var(--_space);
      }
      fieldset {
        border: none;
        margin: 0;
        padding: 0;
        min-width: 0;
      }
      legend {
        font-weight: 700;
        font-size: 1.05rem;
        padding: 0;
        margin-bottom: 0.5rem;
        overflow-wrap: anywhere;
      }
      .row {
        display: grid;
        grid-template-columns: minmax(12rem, 2fr) minmax(9rem, 1fr) minmax(10rem, 1fr);
        gap: calc(var(--_space) * 0.75);
      }
      @media (max-width: 800px) {
        .row {
          grid-template-columns: 1fr;
        }
      }
      .field {
        margin-bottom: calc(var(--_space) * 0.5);
      }
      .field .error:empty {
        display: none;
      }
      .reply.invalid {
        border-color: var(--_danger);
        border-width: 2px;
      }
      .item-actions {
        justify-content: flex-end;
      }
      code {
        font-family: ui-monospace, monospace;
        background: var(--_surface);
        padding: 0.05em 0.3em;
        border-radius: 0.25em;
      }
      .vars {
        display: inline-flex;
        flex-wrap: wrap;
        gap: 0.35em;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .save-bar {
        align-items: center;
        position: sticky;
        bottom: 0;
        padding: calc(var(--_space) * 0.5) 0;
        background: var(--_bg);
      }
      .dirty {
        color: var(--_warning);
        font-weight: 600;
      }
    `,
  ];

  static override properties = {
    // Reactive, so that the screen loads when the console first shows it.
    hidden: { type: Boolean, reflect: true },
    _drafts: { state: true },
    _errors: { state: true },
    _formError: { state: true },
    _loadError: { state: true },
    _busy: { state: true },
    _dirty: { state: true },
  };
  declare _drafts: Draft[] | null;
  /** Field errors per draft key, from the last save. */
  declare _errors: Map<number, Partial<Record<Field, string>>>;
  declare _formError: string;
  declare _loadError: string;
  declare _busy: boolean;
  declare _dirty: boolean;

  private l = new LocalizeController(this);
  /** The site's categories from its settings (null: the default taxonomy). */
  private categories: CategorySetting[] | null = null;
  private nextKey = 1;
  private loading = false;
  private onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (this._dirty) event.preventDefault();
  };

  constructor() {
    super();
    this._drafts = null;
    this._errors = new Map();
    this._formError = '';
    this._loadError = '';
    this._busy = false;
    this._dirty = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    addEventListener('beforeunload', this.onBeforeUnload);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('beforeunload', this.onBeforeUnload);
  }

  /** Loads the set the first time the screen shows (it stays mounted, so drafts survive other screens). */
  protected override updated(_changed: PropertyValues<this>) {
    if (!this.hidden && this._drafts === null && !this.loading && !this._loadError) void this.load();
  }

  async load() {
    this.loading = true;
    try {
      const [{ replies }, settings] = await Promise.all([
        api.cannedReplies(),
        // The site's categories (its own taxonomy when an admin replaced the default one); else the default.
        api.settings().catch(() => null),
      ]);
      this.categories = settings?.effective.categories ?? null;
      this._drafts = replies.map((r) => this.toDraft(r));
      this._errors = new Map();
      this._dirty = false;
      this._loadError = '';
    } catch (e) {
      this._loadError = isApiError(e) && e.code === 'forbidden' ? this.l.t.canned.adminsOnly : errorText(this.l, e);
    } finally {
      this.loading = false;
    }
  }

  focusHeading() {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  /** The site's categories as options (labels in the console's language), and a stored one it no longer has. */
  private categoryChoices(current: string): [string, string][] {
    const t = this.l.t;
    const locale = this.l.locale;
    const choices: [string, string][] = this.categories
      ? this.categories.map((c) => [c.id, c.labels[locale] ?? c.labels.en])
      : CATEGORIES.map((c) => [c, t.category[c] ?? c]);
    return current && !choices.some(([id]) => id === current) ? [...choices, [current, current]] : choices;
  }

  private toDraft(reply: CannedReply, key = this.nextKey++): Draft {
    return {
      key,
      id: reply.id,
      title: reply.title,
      locale: isLocale(reply.locale) ? reply.locale : 'en',
      category: reply.category ?? '',
      body: reply.body,
    };
  }

  private edit(key: number, field: Field, value: string) {
    const drafts = this._drafts ?? [];
    const draft = drafts.find((d) => d.key === key);
    if (!draft) return;
    const next: Draft = { ...draft };
    if (field === 'locale') next.locale = isLocale(value) ? value : 'en';
    else if (field === 'category') next.category = value;
    else next[field] = value;
    this._drafts = drafts.map((d) => (d.key === draft.key ? next : d));
    this._dirty = true;
    // The admin is fixing it: the old error goes with the old text.
    const errors = this._errors.get(draft.key);
    if (errors?.[field]) {
      const rest = { ...errors };
      delete rest[field];
      const map = new Map(this._errors);
      if (Object.keys(rest).length) map.set(draft.key, rest);
      else map.delete(draft.key);
      this._errors = map;
    }
  }

  private addDraft() {
    const draft: Draft = {
      key: this.nextKey++,
      title: '',
      locale: isLocale(this.l.locale) ? this.l.locale : 'en',
      category: '',
      body: '',
    };
    this._drafts = [...(this._drafts ?? []), draft];
    this._dirty = true;
    this.dispatchEvent(new AnnounceEvent(this.l.t.canned.added));
    void this.updateComplete.then(() => this.field(draft.key, 'title')?.focus());
  }

  private removeDraft(draft: Draft) {
    const drafts = this._drafts ?? [];
    const index = drafts.findIndex((d) => d.key === draft.key);
    const title = draft.title.trim() || this.l.t.canned.untitled;
    this._drafts = drafts.filter((d) => d.key !== draft.key);
    const map = new Map(this._errors);
    map.delete(draft.key);
    this._errors = map;
    this._dirty = true;
    this.dispatchEvent(new AnnounceEvent(this.l.t.canned.removed(title)));
    const after = this._drafts[index] ?? this._drafts[index - 1];
    void this.updateComplete.then(() =>
      (after ? this.field(after.key, 'title') : this.renderRoot.querySelector<HTMLElement>('#add'))?.focus(),
    );
  }

  private moveDraft(draft: Draft, delta: -1 | 1) {
    const drafts = [...(this._drafts ?? [])];
    const from = drafts.findIndex((d) => d.key === draft.key);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= drafts.length) return;
    drafts.splice(from, 1);
    drafts.splice(to, 0, draft);
    this._drafts = drafts;
    this._dirty = true;
    this.dispatchEvent(
      new AnnounceEvent(this.l.t.canned.moved(draft.title.trim() || this.l.t.canned.untitled, to + 1)),
    );
    // The button moved with its reply; at either end it is disabled, so the other one takes the focus.
    const atEdge = delta < 0 ? to === 0 : to === drafts.length - 1;
    const id = `${delta < 0 !== atEdge ? 'up' : 'down'}-${draft.key}`;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus());
  }

  private field(key: number, field: Field) {
    return this.renderRoot.querySelector<HTMLElement>(`#${field}-${key}`);
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const drafts = this._drafts;
    if (!drafts || this._busy) return;
    const t = this.l.t.canned;
    // What the service would refuse anyway, said before asking it.
    const errors = new Map<number, Partial<Record<Field, string>>>();
    for (const d of drafts) {
      const e: Partial<Record<Field, string>> = {};
      if (!d.title.trim()) e.title = 'required';
      if (!d.body.trim()) e.body = 'required';
      if (Object.keys(e).length) errors.set(d.key, e);
    }
    if (errors.size) return this.refused(errors, '');
    const replies: CannedReplyInput[] = drafts.map((d) => ({
      ...(d.id ? { id: d.id } : {}),
      title: d.title.trim(),
      body: d.body,
      locale: d.locale,
      category: d.category || null,
    }));
    this._busy = true;
    try {
      const saved = await api.saveCannedReplies(replies);
      // The service answers the set in the order sent: each draft keeps its place (and its key) and gets its id.
      this._drafts = saved.replies.map((r, i) => this.toDraft(r, drafts[i]?.key));
      this._errors = new Map();
      this._formError = '';
      this._dirty = false;
      this.dispatchEvent(new AnnounceEvent(t.saved));
    } catch (e) {
      if (isApiError(e) && e.code === 'validation_failed' && e.fields) {
        const byKey = new Map<number, Partial<Record<Field, string>>>();
        const other: string[] = [];
        for (const [path, code] of Object.entries(e.fields)) {
          const match = /^replies\.(\d+)\.(\w+)$/.exec(path);
          const draft = match ? drafts[Number(match[1])] : undefined;
          const field = match?.[2] as Field | undefined;
          if (draft && field && FIELDS.includes(field)) {
            byKey.set(draft.key, { ...byKey.get(draft.key), [field]: code });
          } else {
            other.push(t.fieldError[code] ?? `${path}: ${code}`);
          }
        }
        this.refused(byKey, other.join(' '));
      } else {
        this._formError = errorText(this.l, e);
        this.dispatchEvent(new AnnounceEvent(this._formError, 'error'));
      }
    } finally {
      this._busy = false;
    }
  }

  /** Shows the errors next to their replies, says how many, and takes the agent to the first. */
  private refused(errors: Map<number, Partial<Record<Field, string>>>, other: string) {
    this._errors = errors;
    const count = [...errors.values()].reduce((n, e) => n + Object.keys(e).length, 0);
    this._formError = [count ? this.l.t.canned.refused(count) : this.l.t.errors.validation, other]
      .filter(Boolean)
      .join(' ');
    const first = (this._drafts ?? []).find((d) => errors.has(d.key));
    const field = first ? FIELDS.find((f) => errors.get(first.key)?.[f]) : undefined;
    void this.updateComplete.then(() => {
      if (first && field) this.field(first.key, field)?.focus();
    });
  }

  /** What a field's error code means, in words; an unknown variable is named. */
  private message(draft: Draft, code: string): string {
    const t = this.l.t.canned;
    if (code === 'unknown_variable') {
      const unknown = [...draft.body.matchAll(PLACEHOLDER)]
        .map((m) => (m[1] ?? '').trim())
        .filter((name) => !known.has(name));
      const allowed = this.l.list(
        REPLY_VARIABLES.map((v) => `{{${v}}}`),
        'disjunction',
      );
      return t.unknownVariable(this.l.list([...new Set(unknown)].map((v) => `{{${v}}}`)), allowed);
    }
    return t.fieldError[code] ?? t.invalid;
  }

  override render() {
    const t = this.l.t;
    const drafts = this._drafts;
    return html`
      <h1 tabindex="-1">${t.canned.heading}</h1>
      <p class="muted">
        ${t.canned.intro}
        <span class="vars">${REPLY_VARIABLES.map((v) => html`<code>{{${v}}}</code>`)}</span>
      </p>
      ${this._loadError ? html`<p class="error" role="alert">${this._loadError}</p>` : nothing}
      ${
        drafts === null
          ? this._loadError
            ? nothing
            : html`<p class="muted">${t.app.loading}</p>`
          : html`
              <form novalidate @submit=${this.save}>
                <p class="error" role="alert">${this._formError}</p>
                ${
                  drafts.length === 0
                    ? html`<p>${t.canned.empty}</p>`
                    : html`<ol class="replies" aria-label=${t.canned.list}>
                        ${repeat(
                          drafts,
                          (d) => d.key,
                          (d, i) => this.renderDraft(d, i, drafts.length),
                        )}
                      </ol>`
                }
                <div class="actions save-bar">
                  <button id="add" type="button" @click=${this.addDraft}>${t.canned.add}</button>
                  <button class="primary" type="submit" ?disabled=${this._busy}>
                    ${this._busy ? t.canned.saving : t.canned.save}
                  </button>
                  ${this._dirty ? html`<span class="dirty">${t.canned.unsaved}</span>` : nothing}
                </div>
              </form>
            `
      }
    `;
  }

  private renderDraft(draft: Draft, index: number, count: number) {
    const t = this.l.t;
    const errors = this._errors.get(draft.key) ?? {};
    const k = draft.key;
    const name = t.canned.item(index + 1, draft.title.trim());
    const error = (field: Field) => (errors[field] ? this.message(draft, errors[field]) : '');
    const invalid = (field: Field) => (errors[field] ? 'true' : 'false');
    const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;
    return html`
      <li class=${Object.keys(errors).length ? 'reply card invalid' : 'reply card'} data-key=${k}>
        <fieldset>
          <legend>${name}</legend>
          <div class="row">
            <div class="field">
              <label for=${`title-${k}`}>${t.canned.title}</label>
              <input
                id=${`title-${k}`}
                maxlength="120"
                autocomplete="off"
                .value=${draft.title}
                aria-invalid=${invalid('title')}
                aria-describedby=${`title-${k}-error`}
                @input=${(e: Event) => this.edit(k, 'title', value(e))}
              />
              <p class="error" id=${`title-${k}-error`}>${error('title')}</p>
            </div>
            <div class="field">
              <label for=${`locale-${k}`}>${t.canned.locale}</label>
              <select
                id=${`locale-${k}`}
                aria-invalid=${invalid('locale')}
                aria-describedby=${`locale-${k}-error`}
                @change=${(e: Event) => this.edit(k, 'locale', value(e))}
              >
                ${REPLY_LOCALES.map(
                  (code) =>
                    html`<option value=${code} lang=${code} ?selected=${draft.locale === code}>
                      ${LOCALE_NAMES[code]}
                    </option>`,
                )}
              </select>
              <p class="error" id=${`locale-${k}-error`}>${error('locale')}</p>
            </div>
            <div class="field">
              <label for=${`category-${k}`}>${t.canned.category}</label>
              <select
                id=${`category-${k}`}
                aria-invalid=${invalid('category')}
                aria-describedby=${`category-${k}-error`}
                @change=${(e: Event) => this.edit(k, 'category', value(e))}
              >
                <option value="" ?selected=${draft.category === ''}>${t.canned.categoryAll}</option>
                ${this.categoryChoices(draft.category).map(
                  ([c, label]) => html`<option value=${c} ?selected=${draft.category === c}>${label}</option>`,
                )}
              </select>
              <p class="error" id=${`category-${k}-error`}>${error('category')}</p>
            </div>
          </div>
          <div class="field">
            <label for=${`body-${k}`}>${t.canned.body}</label>
            <textarea
              id=${`body-${k}`}
              rows="4"
              .value=${draft.body}
              aria-invalid=${invalid('body')}
              aria-describedby=${`body-${k}-error body-${k}-hint`}
              @input=${(e: Event) => this.edit(k, 'body', value(e))}
            ></textarea>
            <p class="error" id=${`body-${k}-error`}>${error('body')}</p>
            <p class="hint" id=${`body-${k}-hint`}>${t.canned.bodyHint}</p>
          </div>
          <div class="actions item-actions">
            <button
              id=${`up-${k}`}
              type="button"
              aria-label=${`${t.canned.moveUp}: ${name}`}
              ?disabled=${index === 0}
              @click=${() => this.moveDraft(draft, -1)}
            >
              ${t.canned.moveUp}
            </button>
            <button
              id=${`down-${k}`}
              type="button"
              aria-label=${`${t.canned.moveDown}: ${name}`}
              ?disabled=${index === count - 1}
              @click=${() => this.moveDraft(draft, 1)}
            >
              ${t.canned.moveDown}
            </button>
            <button
              type="button"
              class="danger"
              aria-label=${`${t.canned.remove}: ${name}`}
              @click=${() => this.removeDraft(draft)}
            >
              ${t.canned.remove}
            </button>
          </div>
        </fieldset>
      </li>
    `;
  }
}

define('nectar-console-canned', ConsoleCannedReplies);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-console-canned': ConsoleCannedReplies;
  }
}
