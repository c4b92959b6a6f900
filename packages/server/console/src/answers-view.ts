import { css, html, LitElement, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import * as z from 'zod/mini';
import { call, isApiError } from './api.ts';
import { define } from './define.ts';
import { AnnounceEvent, errorText } from './events.ts';
import { LOCALE_NAMES, LOCALES, LocalizeController, type Locale } from './i18n/index.ts';
import { base } from './styles.ts';
import type { Agent } from './types.ts';

/** An article as the service answers it (`/v1/agent/answers`). */
export interface Article {
  id: string;
  locale: Locale;
  title: string;
  body: string;
  /** Safe HTML rendered and sanitized by the service (single article reads only). */
  html?: string;
  url?: string;
  tags: string[];
  published: boolean;
  helpful: { yes: number; no: number };
  views: number;
  updatedAt: string;
  updatedBy?: string;
  sourceTicket?: string;
}
interface Gap {
  locale: Locale;
  query: string;
  count: number;
  lastAt: string;
}
interface Draft {
  id?: string;
  locale: Locale;
  title: string;
  body: string;
  url: string;
  tags: string;
  published: boolean;
}

/** One article as a Markdown file with front matter: what export gives and import takes. */
export interface ArticleFile {
  name?: string;
  content: string;
}
interface ImportResult {
  created: number;
  updated: number;
  ids: string[];
}
/** A file chosen for import that did not import: which one (1-based, its name) and why (`validation_failed`). */
interface ImportProblem {
  file: string;
  field: string;
  code: string;
}

/** A file from Export (`{ files: [{ name, content }] }`), checked before it is sent. */
const exportFileSchema = z.object({
  files: z.array(z.object({ name: z.optional(z.string()), content: z.string() })),
});

const ANSWERS = '/v1/agent/answers';
const path = (id: string) => `${ANSWERS}/${encodeURIComponent(id)}`;

export const answersApi = {
  list: (query: { q?: string; locale?: string; status?: string }) => {
    const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]);
    return call<{ answers: Article[] }>('GET', `${ANSWERS}?${params}`);
  },
  read: (id: string) => call<Article>('GET', path(id)),
  create: (input: Record<string, unknown>) => call<Article>('POST', ANSWERS, input),
  update: (id: string, patch: Record<string, unknown>) => call<Article>('PUT', path(id), patch),
  remove: (id: string) => call<{ id: string }>('DELETE', path(id)),
  preview: (body: string) => call<{ html: string }>('POST', `${ANSWERS}/preview`, { body }),
  gaps: () => call<{ gaps: Gap[] }>('GET', `${ANSWERS}/gaps?limit=20`),
  importFiles: (files: ArticleFile[]) => call<ImportResult>('POST', `${ANSWERS}/import`, { files }),
  /** Every article of the site as Markdown files with front matter (`GET /export`). */
  exportFiles: () => call<{ files: ArticleFile[] }>('GET', `${ANSWERS}/export`),
  fromTicket: (ticketId: string) => call<Article>('POST', `${ANSWERS}/from-ticket/${encodeURIComponent(ticketId)}`),
  /** One image (multipart `file`) → its URL for Markdown. */
  async upload(file: File): Promise<{ id: string; url: string }> {
    const form = new FormData();
    form.set('file', file);
    const res = await fetch(`${ANSWERS}/images`, { method: 'POST', body: form, credentials: 'same-origin' });
    const data = (await res.json().catch(() => null)) as { id: string; url: string } | null;
    if (!res.ok || !data) throw new Error(res.statusText);
    return data;
  },
};

const blank = (locale: Locale = 'en', title = ''): Draft => ({
  locale,
  title,
  body: '',
  url: '',
  tags: '',
  published: false,
});

/**
 * The knowledge hive (`#/answers`, `#/answers/<id>`): the site's articles with drafts — search, language and
 * status filters, helpful yes / no counts; an editor with Markdown and a live preview rendered by the service
 * (its sanitized HTML, never the typed text as HTML), image upload, publish / unpublish, delete (admins, after
 * a confirmation); Markdown files with front matter imported; the searches that found nothing ("Write this
 * next" opens a new article with the search as its title).
 */
export class ConsoleAnswers extends LitElement {
  static override styles = [
    base,
    css`
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: calc(var(--_space) * 0.75);
        align-items: end;
        margin-bottom: var(--_space);
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(16rem, 1fr);
        gap: calc(var(--_space) * 1.5);
        align-items: start;
      }
      .editor {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: var(--_space);
      }
      @media (max-width: 1000px) {
        .layout,
        .editor {
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
        padding: 0.4rem 0.5rem;
        border-bottom: 1px solid var(--_border);
      }
      textarea {
        min-height: 18rem;
        width: 100%;
        font-family: ui-monospace, monospace;
      }
      .preview {
        overflow-wrap: anywhere;
      }
      .preview img {
        max-width: 100%;
        height: auto;
      }
      .gaps {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: 0.5rem;
      }
      dialog .actions {
        justify-content: flex-end;
      }
    `,
  ];

  static override properties = {
    agent: { attribute: false },
    articleId: { attribute: false },
    _list: { state: true },
    _gaps: { state: true },
    _draft: { state: true },
    _preview: { state: true },
    _error: { state: true },
    _busy: { state: true },
    _q: { state: true },
    _locale: { state: true },
    _status: { state: true },
    _imported: { state: true },
    _importProblems: { state: true },
  };
  declare agent: Agent | null;
  /** Opened from `#/answers/<id>`. */
  declare articleId: string | null;
  declare _list: Article[] | null;
  declare _gaps: Gap[];
  declare _draft: Draft | null;
  declare _preview: string;
  declare _error: string;
  declare _busy: boolean;
  declare _q: string;
  declare _locale: string;
  declare _status: string;
  /** What the last import did (`null`: none yet, or it failed). */
  declare _imported: ImportResult | null;
  /** Why the last import was refused, file by file. */
  declare _importProblems: ImportProblem[];

  private l = new LocalizeController(this);
  private previewTimer: ReturnType<typeof setTimeout> | undefined;
  private previewSeq = 0;

  constructor() {
    super();
    this.agent = null;
    this.articleId = null;
    this._list = null;
    this._gaps = [];
    this._draft = null;
    this._preview = '';
    this._error = '';
    this._busy = false;
    this._q = '';
    this._locale = '';
    this._status = 'all';
    this._imported = null;
    this._importProblems = [];
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('articleId') && this.articleId && this.articleId !== this._draft?.id)
      void this.open(this.articleId);
  }

  async load() {
    try {
      const [list, gaps] = await Promise.all([
        answersApi.list({ q: this._q, locale: this._locale, status: this._status }),
        answersApi.gaps(),
      ]);
      this._list = list.answers;
      this._gaps = gaps.gaps;
      this._error = '';
    } catch (e) {
      this._error = errorText(this.l, e);
    }
  }

  focusHeading() {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private async open(id: string) {
    try {
      const a = await answersApi.read(id);
      this.edit({
        id: a.id,
        locale: a.locale,
        title: a.title,
        body: a.body,
        url: a.url ?? '',
        tags: a.tags.join(', '),
        published: a.published,
      });
      this._preview = a.html ?? '';
    } catch (e) {
      this._error = errorText(this.l, e);
    }
  }

  private edit(draft: Draft) {
    this._draft = draft;
    this._preview = '';
    this.schedulePreview();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#answer-title')?.focus());
  }

  private schedulePreview() {
    clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => void this.refreshPreview(), 250);
  }

  private async refreshPreview() {
    const body = this._draft?.body ?? '';
    const seq = ++this.previewSeq;
    if (!body.trim()) {
      this._preview = '';
      return;
    }
    try {
      const { html } = await answersApi.preview(body);
      if (seq === this.previewSeq) this._preview = html;
    } catch {
      // The preview is a convenience: the save reports what is wrong.
    }
  }

  private change(field: keyof Draft, value: string | boolean) {
    if (!this._draft) return;
    this._draft = { ...this._draft, [field]: value };
    if (field === 'body') this.schedulePreview();
  }

  private async save(published?: boolean) {
    const d = this._draft;
    if (!d) return;
    const t = this.l.t.answers;
    const input = {
      locale: d.locale,
      title: d.title.trim(),
      body: d.body,
      tags: d.tags
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      published: published ?? d.published,
    };
    if (!input.title || !input.body.trim()) {
      this._error = t.required;
      return;
    }
    this._busy = true;
    try {
      const url = d.url.trim();
      const saved = d.id
        ? await answersApi.update(d.id, { ...input, url: url || null })
        : await answersApi.create({ ...input, ...(url ? { url } : {}) });
      this._draft = { ...d, id: saved.id, published: saved.published };
      this._error = '';
      this.dispatchEvent(new AnnounceEvent(saved.published ? t.savedPublished : t.savedDraft));
      if (!d.id) location.hash = `#/answers/${encodeURIComponent(saved.id)}`;
      await this.load();
    } catch (e) {
      const fields = isApiError(e) ? Object.keys(e.fields ?? {}).join(', ') : '';
      this._error = fields ? `${errorText(this.l, e)} (${fields})` : errorText(this.l, e);
    } finally {
      this._busy = false;
    }
  }

  private askDelete() {
    this.renderRoot.querySelector<HTMLDialogElement>('#delete-dialog')?.showModal();
  }

  private async confirmDelete() {
    const id = this._draft?.id;
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('#delete-dialog');
    if (!id) return;
    this._busy = true;
    try {
      await answersApi.remove(id);
      this.dispatchEvent(new AnnounceEvent(this.l.t.answers.deleted));
      this._draft = null;
      location.hash = '#/answers';
      await this.load();
    } catch (e) {
      this.dispatchEvent(new AnnounceEvent(errorText(this.l, e), 'error'));
    } finally {
      this._busy = false;
      dialog?.close();
      this.focusHeading();
    }
  }

  private async uploadImage(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file || !this._draft) return;
    try {
      const { url } = await answersApi.upload(file);
      const area = this.renderRoot.querySelector<HTMLTextAreaElement>('#answer-body');
      const at = area?.selectionStart ?? this._draft.body.length;
      const alt = file.name.replace(/\.[^.]+$/, '').replace(/[[\]]/g, '');
      const body = this._draft.body;
      this.change('body', `${body.slice(0, at)}![${alt}](${url})${body.slice(at)}`);
      this.dispatchEvent(new AnnounceEvent(this.l.t.answers.imageAdded));
    } catch {
      this.dispatchEvent(new AnnounceEvent(this.l.t.answers.imageFailed, 'error'));
    } finally {
      input.value = '';
    }
  }

  /**
   * Export: the service's files as one JSON file (its own shape, `application/json`), saved through a Blob URL
   * and a download link (no inline script, so the console's CSP holds).
   */
  private async exportFiles() {
    this._busy = true;
    try {
      const data = await answersApi.exportFiles();
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `nectar-answers-${new Date().toISOString().slice(0, 10)}.json`;
      link.hidden = true;
      this.renderRoot.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.dispatchEvent(new AnnounceEvent(this.l.t.answers.exported(data.files.length)));
    } catch (e) {
      this.dispatchEvent(new AnnounceEvent(errorText(this.l, e), 'error'));
    } finally {
      this._busy = false;
    }
  }

  /** The chosen files as the import route takes them: an export file's articles, or each Markdown file. */
  private async readImportFiles(files: File[]): Promise<ArticleFile[]> {
    const out: ArticleFile[] = [];
    for (const file of files) {
      const content = await file.text();
      if (/\.json$/i.test(file.name) || file.type === 'application/json') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(content);
        } catch {
          parsed = undefined;
        }
        const result = z.safeParse(exportFileSchema, parsed);
        if (!result.success) throw new Error(this.l.t.answers.importUnreadable(file.name));
        out.push(...result.data.files);
      } else out.push({ name: file.name, content });
    }
    return out;
  }

  private async importFiles(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const chosen = [...(input.files ?? [])];
    if (chosen.length === 0) return;
    const t = this.l.t.answers;
    this._imported = null;
    this._importProblems = [];
    let files: ArticleFile[] = [];
    try {
      files = await this.readImportFiles(chosen);
      const result = await answersApi.importFiles(files);
      this._imported = result;
      this.dispatchEvent(new AnnounceEvent(t.imported(result.created, result.updated)));
      await this.load();
    } catch (e) {
      // `files.<n>.<field>`: the file's number and name, the field, the reason.
      this._importProblems = Object.entries(isApiError(e) ? (e.fields ?? {}) : {}).map(([key, code]) => {
        const [, n, field] = /^files\.(\d+)\.?(.*)$/.exec(key) ?? [];
        const index = n === undefined ? -1 : Number(n);
        return {
          file: index >= 0 ? t.importFile(index + 1, files[index]?.name ?? '') : '',
          field: index >= 0 ? field || 'content' : key,
          code,
        };
      });
      // A file that is neither (read here, never sent): its own words.
      if (!isApiError(e)) this._importProblems = [{ file: '', field: '', code: String((e as Error)?.message ?? e) }];
      this.dispatchEvent(new AnnounceEvent(errorText(this.l, e), 'error'));
    } finally {
      input.value = '';
    }
  }

  private search(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    this._q = String(data.get('q') ?? '').trim();
    this._locale = String(data.get('locale') ?? '');
    this._status = String(data.get('status') ?? 'all');
    void this.load();
  }

  override render() {
    const t = this.l.t.answers;
    return html`
      <h1 tabindex="-1">${t.heading}</h1>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      ${this._draft ? this.renderEditor(this._draft) : nothing}
      <div class="layout">
        <section aria-labelledby="answers-list">
          <h2 id="answers-list">${t.list}</h2>
          <form class="filters" role="search" @submit=${this.search}>
            <div class="field">
              <label for="answers-q">${t.search}</label>
              <input id="answers-q" name="q" type="search" .value=${this._q} />
            </div>
            <div class="field">
              <label for="answers-locale">${t.locale}</label>
              <select id="answers-locale" name="locale">
                <option value="" ?selected=${this._locale === ''}>${t.allLocales}</option>
                ${LOCALES.map(
                  (l) => html`<option value=${l} ?selected=${this._locale === l}>${LOCALE_NAMES[l]}</option>`,
                )}
              </select>
            </div>
            <div class="field">
              <label for="answers-status">${t.status}</label>
              <select id="answers-status" name="status">
                <option value="all" ?selected=${this._status === 'all'}>${t.statusAll}</option>
                <option value="published" ?selected=${this._status === 'published'}>${t.published}</option>
                <option value="draft" ?selected=${this._status === 'draft'}>${t.draft}</option>
              </select>
            </div>
            <button type="submit">${t.searchButton}</button>
            <button type="button" class="primary" @click=${() => this.edit(blank(this.asLocale(this._locale)))}>
              ${t.create}
            </button>
            <button type="button" ?disabled=${this._busy} @click=${this.exportFiles}>${t.export}</button>
            <div class="field">
              <label for="answers-import">${t.import}</label>
              <input
                id="answers-import"
                type="file"
                accept=".md,.markdown,text/markdown,.json,application/json"
                multiple
                aria-describedby="answers-import-hint"
                @change=${this.importFiles}
              />
              <p class="hint" id="answers-import-hint">${t.importHint}</p>
            </div>
          </form>
          ${this.renderImport()}
          ${this._list === null ? html`<p class="muted">${this.l.t.app.loading}</p>` : this.renderTable(this._list)}
        </section>
        <section class="card" aria-labelledby="answers-gaps">
          <h2 id="answers-gaps">${t.gaps}</h2>
          <p class="hint">${t.gapsHint}</p>
          ${
            this._gaps.length === 0
              ? html`<p class="muted">${t.noGaps}</p>`
              : html`<ul class="gaps">
                  ${this._gaps.map(
                    (g) =>
                      html`<li>
                        <span lang=${g.locale}>${g.query}</span>
                        <span class="muted">· ${LOCALE_NAMES[g.locale]} · ${t.asked(g.count)}</span>
                        <button type="button" @click=${() => this.edit(blank(g.locale, g.query))}>
                          ${t.writeNext}<span class="visually-hidden">: ${g.query}</span>
                        </button>
                      </li>`,
                  )}
                </ul>`
          }
        </section>
      </div>
    `;
  }

  /** What the last import did (each article linked), or why the service refused it, file by file. */
  private renderImport() {
    const t = this.l.t.answers;
    const result = this._imported;
    const problems = this._importProblems;
    if (!result && problems.length === 0) return nothing;
    return html`<section class="card import-result" aria-labelledby="answers-import-result">
      <h2 id="answers-import-result">${t.importResult}</h2>
      ${
        result
          ? html`<p>${t.imported(result.created, result.updated)}</p>
              <h3 class="visually-hidden">${t.importedIds}</h3>
              <ul>
                ${result.ids.map((id) => html`<li><a href="#/answers/${encodeURIComponent(id)}">${id}</a></li>`)}
              </ul>`
          : html`<p class="error">${t.importErrors}</p>
              <ul class="import-problems">
                ${problems.map(
                  (p) =>
                    html`<li>
                      ${p.file ? html`<strong>${p.file}</strong>: ` : nothing}
                      ${p.field ? html`<code>${p.field}</code> — ` : nothing}${this.l.t.ticket.fieldError[p.code] ?? p.code}
                    </li>`,
                )}
              </ul>`
      }
    </section>`;
  }

  private asLocale(value: string): Locale {
    return (LOCALES as readonly string[]).includes(value) ? (value as Locale) : 'en';
  }

  private renderTable(list: Article[]) {
    const t = this.l.t.answers;
    if (list.length === 0) return html`<p class="muted">${t.none}</p>`;
    return html`<div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${t.title}</th>
            <th scope="col">${t.locale}</th>
            <th scope="col">${t.status}</th>
            <th scope="col">${t.helpful}</th>
            <th scope="col">${t.updated}</th>
          </tr>
        </thead>
        <tbody>
          ${list.map(
            (a) =>
              html`<tr>
                <td><a href="#/answers/${encodeURIComponent(a.id)}" lang=${a.locale}>${a.title}</a></td>
                <td>${LOCALE_NAMES[a.locale]}</td>
                <td>
                  <span class="badge ${a.published ? 'success' : 'warning'}"
                    >${a.published ? t.published : t.draft}</span
                  >
                </td>
                <td>${t.helpfulCounts(a.helpful.yes, a.helpful.no)}</td>
                <td>${new Date(a.updatedAt).toLocaleString(this.l.locale)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderEditor(d: Draft) {
    const t = this.l.t.answers;
    const admin = this.agent?.role === 'admin';
    return html`<section class="card" aria-labelledby="answer-editor">
      <h2 id="answer-editor">${d.id ? t.edit : t.create}</h2>
      <div class="editor">
        <div>
          <div class="field">
            <label for="answer-title">${t.title}</label>
            <input
              id="answer-title"
              maxlength="200"
              .value=${d.title}
              @input=${(e: Event) => this.change('title', (e.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label for="answer-locale">${t.locale}</label>
            <select
              id="answer-locale"
              @change=${(e: Event) => this.change('locale', this.asLocale((e.target as HTMLSelectElement).value))}
            >
              ${LOCALES.map((l) => html`<option value=${l} ?selected=${d.locale === l}>${LOCALE_NAMES[l]}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="answer-tags">${t.tags}</label>
            <input
              id="answer-tags"
              aria-describedby="answer-tags-hint"
              .value=${d.tags}
              @input=${(e: Event) => this.change('tags', (e.target as HTMLInputElement).value)}
            />
            <p class="hint" id="answer-tags-hint">${t.tagsHint}</p>
          </div>
          <div class="field">
            <label for="answer-url">${t.url}</label>
            <input
              id="answer-url"
              type="url"
              .value=${d.url}
              @input=${(e: Event) => this.change('url', (e.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label for="answer-body">${t.body}</label>
            <textarea
              id="answer-body"
              aria-describedby="answer-body-hint"
              .value=${d.body}
              @input=${(e: Event) => this.change('body', (e.target as HTMLTextAreaElement).value)}
            ></textarea>
            <p class="hint" id="answer-body-hint">${t.bodyHint}</p>
          </div>
          <div class="field">
            <label for="answer-image">${t.image}</label>
            <input id="answer-image" type="file" accept="image/png,image/jpeg,image/webp" @change=${this.uploadImage} />
          </div>
        </div>
        <div>
          <h3 id="answer-preview">${t.preview}</h3>
          <div class="preview card" aria-labelledby="answer-preview" lang=${d.locale}>
            ${this._preview ? unsafeHTML(this._preview) : html`<p class="muted">${t.previewEmpty}</p>`}
          </div>
        </div>
      </div>
      <div class="actions">
        <span class="badge ${d.published ? 'success' : 'warning'}">${d.published ? t.published : t.draft}</span>
        <button type="button" class="primary" ?disabled=${this._busy} @click=${() => void this.save()}>
          ${t.save}
        </button>
        <button type="button" ?disabled=${this._busy} @click=${() => void this.save(!d.published)}>
          ${d.published ? t.unpublish : t.publish}
        </button>
        ${
          d.id && admin
            ? html`<button type="button" class="danger" ?disabled=${this._busy} @click=${this.askDelete}>
                ${t.delete}
              </button>`
            : nothing
        }
        <button
          type="button"
          @click=${() => {
            this._draft = null;
            location.hash = '#/answers';
          }}
        >
          ${t.close}
        </button>
      </div>
      <dialog id="delete-dialog" aria-labelledby="delete-heading">
        <h2 id="delete-heading">${t.deleteHeading(d.title)}</h2>
        <p>${t.deleteBody}</p>
        <div class="actions">
          <button
            type="button"
            @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('#delete-dialog')?.close()}
          >
            ${this.l.t.ticket.cancel}
          </button>
          <button type="button" class="danger" ?disabled=${this._busy} @click=${this.confirmDelete}>${t.delete}</button>
        </div>
      </dialog>
    </section>`;
  }
}

define('nectar-console-answers', ConsoleAnswers);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-console-answers': ConsoleAnswers;
  }
}
