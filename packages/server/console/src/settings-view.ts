import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { forgetCategories } from './categories.ts';
import { api, isApiError } from './api.ts';
import { define } from './define.ts';
import { AnnounceEvent, errorText } from './events.ts';
import { LocalizeController } from './i18n/index.ts';
import { base } from './styles.ts';
import {
  REMEDY_KINDS,
  SEVERITIES,
  WEEKDAYS,
  type CategorySetting,
  type RemedyPreset,
  type SettingRemedyKind,
  type SettingSeverity,
  type SettingWeekday,
  type SiteSettingsInput,
  type SiteSettingsView,
} from './settings-types.ts';

interface CategoryDraft {
  key: number;
  id: string;
  severity: SettingSeverity;
  firstResponse: string;
  resolve: string;
  en: string;
  zhCN: string;
  zhTW: string;
}
interface PresetDraft {
  key: number;
  category: string;
  kind: SettingRemedyKind;
  amount: string;
  currency: string;
  label: string;
}
interface Draft {
  categories: CategoryDraft[];
  hoursOn: boolean;
  timeZone: string;
  /** Per weekday: `09:00-12:00, 13:00-18:00`; empty is closed. */
  week: Record<SettingWeekday, string>;
  /** `YYYY-MM-DD`, one per line (or separated by commas or spaces). */
  holidays: string;
  presets: PresetDraft[];
  statusUrl: string;
}

const INTERVAL = /^\s*(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s*$/;
const pad = (time: string) => (time.length === 4 ? `0${time}` : time);

/** `09:00-12:00, 13:00-18:00` → intervals, or null when a part is not `HH:MM-HH:MM`. */
export function parseDay(text: string): [string, string][] | null {
  const parts = text.split(/[,;，]/).filter((p) => p.trim() !== '');
  const out: [string, string][] = [];
  for (const part of parts) {
    const match = INTERVAL.exec(part);
    if (!match) return null;
    out.push([pad(match[1]!), pad(match[2]!)]);
  }
  return out;
}

/** The error paths of the service (`categories.2.severity`) matched to the field that shows them. */
const pathOf = (...parts: (string | number)[]) => parts.join('.');
const idOf = (path: string) => `f-${path.replaceAll('.', '-')}`;

/**
 * The site's merchant settings (`GET`/`PUT /v1/agent/settings`): the ticket categories with their severity,
 * promised first response and resolution (hours) and labels in English, 简体中文 and 繁體中文; business hours per
 * weekday in the site's time zone and its holidays; remedy presets per category; the status-page URL linked from
 * every mail. Admins edit and save them; agents read them (every control disabled). A refused save shows each of
 * the service's field errors (`categories.2.severity`) beside its field and takes the focus to the first.
 */
export class ConsoleSettings extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      :host([hidden]) {
        display: none;
      }
      fieldset.section {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: var(--_space);
        margin: 0 0 var(--_space);
        min-width: 0;
      }
      fieldset.plain {
        border: none;
        padding: 0;
        margin: 0;
        min-width: 0;
      }
      legend {
        font-weight: 700;
        font-size: 1.1rem;
        padding: 0 0.25rem;
      }
      ol.items {
        list-style: none;
        margin: 0 0 var(--_space);
        padding: 0;
        display: grid;
        gap: var(--_space);
      }
      .row {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
        gap: calc(var(--_space) * 0.75);
        align-items: start;
      }
      .field {
        margin-bottom: calc(var(--_space) * 0.5);
        min-width: 0;
      }
      .field .error:empty {
        display: none;
      }
      .item.invalid {
        border-color: var(--_danger);
        border-width: 2px;
      }
      .week {
        display: grid;
        grid-template-columns: max-content minmax(12rem, 24rem);
        gap: 0.5rem var(--_space);
        align-items: start;
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
      code {
        font-family: ui-monospace, monospace;
      }
    `,
  ];

  static override properties = {
    hidden: { type: Boolean, reflect: true },
    admin: { type: Boolean },
    _draft: { state: true },
    _view: { state: true },
    _errors: { state: true },
    _formError: { state: true },
    _loadError: { state: true },
    _busy: { state: true },
    _dirty: { state: true },
  };
  declare admin: boolean;
  declare _draft: Draft | null;
  declare _view: SiteSettingsView | null;
  /** The service's (or this page's) field errors by path. */
  declare _errors: Record<string, string>;
  declare _formError: string;
  declare _loadError: string;
  declare _busy: boolean;
  declare _dirty: boolean;

  private l = new LocalizeController(this);
  private nextKey = 1;
  private loading = false;

  constructor() {
    super();
    this.admin = false;
    this._draft = null;
    this._view = null;
    this._errors = {};
    this._formError = '';
    this._loadError = '';
    this._busy = false;
    this._dirty = false;
  }

  protected override updated(_changed: PropertyValues<this>) {
    if (!this.hidden && this._draft === null && !this.loading && !this._loadError) void this.load();
  }

  focusHeading() {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  async load() {
    this.loading = true;
    try {
      this.show(await api.settings());
      this._loadError = '';
    } catch (e) {
      this._loadError = errorText(this.l, e);
    } finally {
      this.loading = false;
    }
  }

  private show(view: SiteSettingsView) {
    const { effective } = view;
    const week = Object.fromEntries(
      WEEKDAYS.map((d) => [d, (effective.businessHours?.week[d] ?? []).map(([a, b]) => `${a}-${b}`).join(', ')]),
    ) as Record<SettingWeekday, string>;
    this._view = view;
    this._draft = {
      categories: effective.categories.map((c) => ({
        key: this.nextKey++,
        id: c.id,
        severity: c.severity,
        firstResponse: String(c.promise.firstResponse),
        resolve: String(c.promise.resolve),
        en: c.labels.en,
        zhCN: c.labels['zh-CN'] ?? '',
        zhTW: c.labels['zh-TW'] ?? '',
      })),
      hoursOn: effective.businessHours !== null,
      timeZone: effective.businessHours?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      week,
      holidays: (effective.businessHours?.holidays ?? []).join('\n'),
      presets: effective.remedyPresets.map((p) => ({
        key: this.nextKey++,
        category: p.category,
        kind: p.kind,
        amount: p.amount === undefined ? '' : String(p.amount),
        currency: p.currency ?? '',
        label: p.label,
      })),
      statusUrl: effective.statusUrl ?? '',
    };
    this._errors = {};
    this._dirty = false;
  }

  /** Changes the draft; the error of the field being fixed goes. */
  private change(path: string, update: (draft: Draft) => Draft) {
    if (!this._draft) return;
    this._draft = update(this._draft);
    this._dirty = true;
    if (Object.keys(this._errors).some((p) => p === path || p.startsWith(`${path}.`))) {
      this._errors = Object.fromEntries(
        Object.entries(this._errors).filter(([p]) => p !== path && !p.startsWith(`${path}.`)),
      );
    }
  }

  private editCategory(index: number, field: keyof Omit<CategoryDraft, 'key'>, value: string, path: string) {
    this.change(path, (d) => ({
      ...d,
      categories: d.categories.map((c, i) => (i === index ? { ...c, [field]: value } : c)),
    }));
  }

  private editPreset(index: number, field: keyof Omit<PresetDraft, 'key'>, value: string, path: string) {
    this.change(path, (d) => ({
      ...d,
      presets: d.presets.map((p, i) => (i === index ? { ...p, [field]: value } : p)),
    }));
  }

  private addCategory() {
    const key = this.nextKey++;
    this.change('categories', (d) => ({
      ...d,
      categories: [
        ...d.categories,
        { key, id: '', severity: 'medium', firstResponse: '4', resolve: '48', en: '', zhCN: '', zhTW: '' },
      ],
    }));
    this.dispatchEvent(new AnnounceEvent(this.l.t.settings.categoryAdded));
    const index = this._draft!.categories.length - 1;
    void this.updateComplete.then(() => this.focusPath(pathOf('categories', index, 'id')));
  }

  private removeCategory(index: number) {
    const name = this._draft?.categories[index]?.id || this.l.t.settings.untitled;
    this.change('categories', (d) => ({ ...d, categories: d.categories.filter((_, i) => i !== index) }));
    this.dispatchEvent(new AnnounceEvent(this.l.t.settings.removed(name)));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#add-category')?.focus());
  }

  private addPreset() {
    const key = this.nextKey++;
    const category = this._draft?.categories[0]?.id ?? '';
    this.change('remedyPresets', (d) => ({
      ...d,
      presets: [...d.presets, { key, category, kind: 'reship', amount: '', currency: '', label: '' }],
    }));
    this.dispatchEvent(new AnnounceEvent(this.l.t.settings.presetAdded));
    const index = this._draft!.presets.length - 1;
    void this.updateComplete.then(() => this.focusPath(pathOf('remedyPresets', index, 'label')));
  }

  private removePreset(index: number) {
    const name = this._draft?.presets[index]?.label || this.l.t.settings.untitled;
    this.change('remedyPresets', (d) => ({ ...d, presets: d.presets.filter((_, i) => i !== index) }));
    this.dispatchEvent(new AnnounceEvent(this.l.t.settings.removed(name)));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#add-preset')?.focus());
  }

  private focusPath(path: string) {
    this.renderRoot.querySelector<HTMLElement>(`#${idOf(path)}`)?.focus();
  }

  /** The body to send, and the errors this page can tell before asking (a weekday that is not `HH:MM-HH:MM`). */
  private body(draft: Draft): { body: SiteSettingsInput; errors: Record<string, string> } {
    const errors: Record<string, string> = {};
    const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
    const categories: CategorySetting[] = draft.categories.map((c) => ({
      id: c.id.trim(),
      severity: c.severity,
      promise: { firstResponse: num(c.firstResponse), resolve: num(c.resolve) },
      labels: {
        en: c.en,
        ...(c.zhCN.trim() ? { 'zh-CN': c.zhCN } : {}),
        ...(c.zhTW.trim() ? { 'zh-TW': c.zhTW } : {}),
      },
    }));
    categories.forEach((c, i) => {
      for (const field of ['firstResponse', 'resolve'] as const) {
        if (Number.isNaN(c.promise[field])) errors[pathOf('categories', i, 'promise', field)] = 'required';
      }
    });
    const remedyPresets: RemedyPreset[] = draft.presets.map((p, i) => {
      const money = p.kind !== 'reship';
      const amount = !money || p.amount.trim() === '' ? undefined : Number(p.amount);
      if (amount !== undefined && Number.isNaN(amount)) errors[pathOf('remedyPresets', i, 'amount')] = 'invalid';
      return {
        category: p.category,
        kind: p.kind,
        ...(amount !== undefined ? { amount } : {}),
        ...(money && p.currency.trim() ? { currency: p.currency.trim().toUpperCase() } : {}),
        label: p.label,
      };
    });
    let businessHours: SiteSettingsInput['businessHours'] = null;
    if (draft.hoursOn) {
      const week: NonNullable<SiteSettingsInput['businessHours']>['week'] = {};
      for (const day of WEEKDAYS) {
        const intervals = parseDay(draft.week[day]);
        if (intervals === null) errors[pathOf('businessHours', 'week', day)] = 'invalid_hours';
        else if (intervals.length) week[day] = intervals;
      }
      const holidays = draft.holidays.split(/[\s,，]+/).filter(Boolean);
      businessHours = { timeZone: draft.timeZone.trim(), week, ...(holidays.length ? { holidays } : {}) };
    }
    const statusUrl = draft.statusUrl.trim() || null;
    return { body: { categories, businessHours, remedyPresets, statusUrl }, errors };
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const draft = this._draft;
    if (!draft || this._busy || !this.admin) return;
    const { body, errors } = this.body(draft);
    if (Object.keys(errors).length) return this.refused(errors);
    this._busy = true;
    try {
      const saved = await api.saveSettings(body);
      forgetCategories(saved.site);
      this.show(saved);
      this._formError = '';
      this.dispatchEvent(new AnnounceEvent(this.l.t.settings.saved));
    } catch (e) {
      if (isApiError(e) && e.code === 'validation_failed' && e.fields) this.refused(e.fields);
      else {
        this._formError = errorText(this.l, e);
        this.dispatchEvent(new AnnounceEvent(this._formError, 'error'));
      }
    } finally {
      this._busy = false;
    }
  }

  /** Every field path the form shows, in order. */
  private paths(draft: Draft): string[] {
    const out: string[] = [];
    draft.categories.forEach((_, i) => {
      for (const f of [
        'id',
        'severity',
        'promise.firstResponse',
        'promise.resolve',
        'labels.en',
        'labels.zh-CN',
        'labels.zh-TW',
      ]) {
        out.push(`categories.${i}.${f}`);
      }
    });
    if (draft.hoursOn) {
      out.push('businessHours.timeZone', ...WEEKDAYS.map((d) => `businessHours.week.${d}`), 'businessHours.holidays');
    }
    draft.presets.forEach((p, i) => {
      const fields =
        p.kind === 'reship' ? ['label', 'category', 'kind'] : ['label', 'category', 'kind', 'amount', 'currency'];
      for (const f of fields) out.push(`remedyPresets.${i}.${f}`);
    });
    out.push('statusUrl');
    return out;
  }

  /** The field showing an error path: itself, or the nearest field above it (`businessHours.week.mon.0`). */
  private fieldFor(path: string, shown: string[]): string | undefined {
    for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
      if (shown.includes(p)) return p;
    }
    return undefined;
  }

  private refused(fields: Record<string, string>) {
    const draft = this._draft;
    if (!draft) return;
    const shown = this.paths(draft);
    const errors: Record<string, string> = {};
    const other: string[] = [];
    for (const [path, code] of Object.entries(fields)) {
      const field = this.fieldFor(path, shown);
      if (field) errors[field] ??= code;
      else other.push(`${path}: ${this.message(code)}`);
    }
    this._errors = errors;
    const count = Object.keys(errors).length;
    this._formError = [count ? this.l.t.settings.refused(count) : this.l.t.errors.validation, ...other].join(' ');
    this.dispatchEvent(new AnnounceEvent(this._formError, 'error'));
    const first = shown.find((p) => errors[p]);
    void this.updateComplete.then(() => (first ? this.focusPath(first) : undefined));
  }

  private message(code: string): string {
    return this.l.t.settings.fieldError[code] ?? this.l.t.settings.invalid;
  }

  /** One labelled control with its error beside it. */
  private field(path: string, label: string, control: (id: string, describedBy: string) => unknown, hint?: string) {
    const id = idOf(path);
    const error = this._errors[path];
    const describedBy = [`${id}-error`, hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${control(id, describedBy)}
      <p class="error" id=${`${id}-error`}>${error ? this.message(error) : ''}</p>
      ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : nothing}
    </div>`;
  }

  private input(
    path: string,
    label: string,
    value: string,
    onInput: (value: string) => void,
    options: { type?: string; hint?: string; list?: string; inputmode?: string; lang?: string } = {},
  ) {
    return this.field(
      path,
      label,
      (id, describedBy) =>
        html`<input
          id=${id}
          type=${options.type ?? 'text'}
          autocomplete="off"
          list=${options.list ?? nothing}
          inputmode=${options.inputmode ?? nothing}
          lang=${options.lang ?? nothing}
          .value=${value}
          aria-invalid=${this._errors[path] ? 'true' : 'false'}
          aria-describedby=${describedBy}
          @input=${(e: Event) => onInput((e.target as HTMLInputElement).value)}
        />`,
      options.hint,
    );
  }

  private select(
    path: string,
    label: string,
    value: string,
    choices: [string, string][],
    onChange: (v: string) => void,
  ) {
    return this.field(
      path,
      label,
      (id, describedBy) =>
        html`<select
          id=${id}
          aria-invalid=${this._errors[path] ? 'true' : 'false'}
          aria-describedby=${describedBy}
          @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}
        >
          ${choices.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
        </select>`,
    );
  }

  override render() {
    const t = this.l.t;
    const s = t.settings;
    const draft = this._draft;
    return html`
      <h1 tabindex="-1">${s.heading}</h1>
      <p class="muted">${s.intro}</p>
      ${this.admin ? nothing : html`<p class="muted">${s.readOnly}</p>`}
      ${this._loadError ? html`<p class="error" role="alert">${this._loadError}</p>` : nothing}
      ${
        draft === null
          ? this._loadError
            ? nothing
            : html`<p class="muted">${t.app.loading}</p>`
          : html`<form novalidate @submit=${this.save}>
              <p class="error" role="alert">${this._formError}</p>
              <fieldset class="plain" ?disabled=${!this.admin}>
                ${this.renderCategories(draft)} ${this.renderHours(draft)} ${this.renderPresets(draft)}
                <fieldset class="section">
                  <legend>${s.statusHeading}</legend>
                  ${this.input(
                    'statusUrl',
                    s.statusUrl,
                    draft.statusUrl,
                    (v) => this.change('statusUrl', (d) => ({ ...d, statusUrl: v })),
                    { type: 'url', hint: s.statusHint },
                  )}
                </fieldset>
              </fieldset>
              ${
                this.admin
                  ? html`<div class="actions save-bar">
                      <button class="primary" type="submit" ?disabled=${this._busy}>
                        ${this._busy ? s.saving : s.save}
                      </button>
                      ${this._dirty ? html`<span class="dirty">${s.unsaved}</span>` : nothing}
                    </div>`
                  : nothing
              }
            </form>`
      }
    `;
  }

  private renderCategories(draft: Draft) {
    const s = this.l.t.settings;
    const severities = SEVERITIES.map((v) => [v, s.severities[v] ?? v] as [string, string]);
    return html`<fieldset class="section">
      <legend>${s.categoriesHeading}</legend>
      <p class="hint">${s.categoriesHint}</p>
      <ol class="items" aria-label=${s.categoriesHeading}>
        ${repeat(
          draft.categories,
          (c) => c.key,
          (c, i) => {
            const p = (f: string) => `categories.${i}.${f}`;
            const name = s.categoryItem(i + 1, c.id);
            const invalid = Object.keys(this._errors).some((e) => e.startsWith(`categories.${i}.`));
            return html`<li class=${invalid ? 'item card invalid' : 'item card'}>
              <fieldset class="plain">
                <legend>${name}</legend>
                <div class="row">
                  ${this.input(p('id'), s.categoryId, c.id, (v) => this.editCategory(i, 'id', v, p('id')), {
                    hint: s.categoryIdHint,
                  })}
                  ${this.select(p('severity'), s.severity, c.severity, severities, (v) =>
                    this.editCategory(i, 'severity', v, p('severity')),
                  )}
                  ${this.input(
                    p('promise.firstResponse'),
                    s.firstResponse,
                    c.firstResponse,
                    (v) => this.editCategory(i, 'firstResponse', v, p('promise.firstResponse')),
                    { type: 'number', inputmode: 'decimal' },
                  )}
                  ${this.input(
                    p('promise.resolve'),
                    s.resolve,
                    c.resolve,
                    (v) => this.editCategory(i, 'resolve', v, p('promise.resolve')),
                    { type: 'number', inputmode: 'decimal' },
                  )}
                </div>
                <div class="row">
                  ${this.input(
                    p('labels.en'),
                    s.labelIn('English'),
                    c.en,
                    (v) => this.editCategory(i, 'en', v, p('labels.en')),
                    { lang: 'en' },
                  )}
                  ${this.input(
                    p('labels.zh-CN'),
                    s.labelIn('简体中文'),
                    c.zhCN,
                    (v) => this.editCategory(i, 'zhCN', v, p('labels.zh-CN')),
                    { lang: 'zh-CN' },
                  )}
                  ${this.input(
                    p('labels.zh-TW'),
                    s.labelIn('繁體中文'),
                    c.zhTW,
                    (v) => this.editCategory(i, 'zhTW', v, p('labels.zh-TW')),
                    { lang: 'zh-TW' },
                  )}
                </div>
                <div class="actions">
                  <button
                    type="button"
                    class="danger"
                    aria-label=${`${s.remove}: ${name}`}
                    ?disabled=${draft.categories.length <= 1}
                    @click=${() => this.removeCategory(i)}
                  >
                    ${s.remove}
                  </button>
                </div>
              </fieldset>
            </li>`;
          },
        )}
      </ol>
      <button id="add-category" type="button" @click=${this.addCategory}>${s.addCategory}</button>
    </fieldset>`;
  }

  private renderHours(draft: Draft) {
    const s = this.l.t.settings;
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    return html`<fieldset class="section">
      <legend>${s.hoursHeading}</legend>
      <label>
        <input
          id="hours-on"
          type="checkbox"
          .checked=${draft.hoursOn}
          @change=${(e: Event) =>
            this.change('businessHours', (d) => ({ ...d, hoursOn: (e.target as HTMLInputElement).checked }))}
        />
        ${s.hoursOn}
      </label>
      ${
        draft.hoursOn
          ? html`${this.input(
                'businessHours.timeZone',
                s.timeZone,
                draft.timeZone,
                (v) => this.change('businessHours.timeZone', (d) => ({ ...d, timeZone: v })),
                { list: 'time-zones', hint: s.timeZoneHint },
              )}
              <datalist id="time-zones">${zones.map((z) => html`<option value=${z}></option>`)}</datalist>
              <p class="hint" id="week-hint">${s.weekHint}</p>
              <div class="week">
                ${WEEKDAYS.map((day) => {
                  const path = `businessHours.week.${day}`;
                  const id = idOf(path);
                  const error = this._errors[path];
                  return html`<label for=${id}>${s.weekdays[day]}</label>
                    <div class="field">
                      <input
                        id=${id}
                        autocomplete="off"
                        placeholder="09:00-18:00"
                        .value=${draft.week[day]}
                        aria-invalid=${error ? 'true' : 'false'}
                        aria-describedby=${`${id}-error week-hint`}
                        @input=${(e: Event) =>
                          this.change(path, (d) => ({
                            ...d,
                            week: { ...d.week, [day]: (e.target as HTMLInputElement).value },
                          }))}
                      />
                      <p class="error" id=${`${id}-error`}>${error ? this.message(error) : ''}</p>
                    </div>`;
                })}
              </div>
              ${this.field(
                'businessHours.holidays',
                s.holidays,
                (id, describedBy) =>
                  html`<textarea
                    id=${id}
                    rows="3"
                    .value=${draft.holidays}
                    aria-invalid=${this._errors['businessHours.holidays'] ? 'true' : 'false'}
                    aria-describedby=${describedBy}
                    @input=${(e: Event) =>
                      this.change('businessHours.holidays', (d) => ({
                        ...d,
                        holidays: (e.target as HTMLTextAreaElement).value,
                      }))}
                  ></textarea>`,
                s.holidaysHint,
              )}`
          : html`<p class="hint">${s.hoursOff}</p>`
      }
    </fieldset>`;
  }

  private renderPresets(draft: Draft) {
    const s = this.l.t.settings;
    const kinds = REMEDY_KINDS.map((k) => [k, this.l.t.ticket.remedyKinds[k] ?? k] as [string, string]);
    const categories = draft.categories.map((c) => [c.id, c.en || c.id] as [string, string]);
    return html`<fieldset class="section">
      <legend>${s.presetsHeading}</legend>
      <p class="hint">${s.presetsHint}</p>
      ${draft.presets.length === 0 ? html`<p>${s.presetsEmpty}</p>` : nothing}
      <ol class="items" aria-label=${s.presetsHeading}>
        ${repeat(
          draft.presets,
          (p) => p.key,
          (preset, i) => {
            const p = (f: string) => `remedyPresets.${i}.${f}`;
            const name = s.presetItem(i + 1, preset.label);
            const invalid = Object.keys(this._errors).some((e) => e.startsWith(`remedyPresets.${i}.`));
            const money = preset.kind !== 'reship';
            return html`<li class=${invalid ? 'item card invalid' : 'item card'}>
              <fieldset class="plain">
                <legend>${name}</legend>
                <div class="row">
                  ${this.input(p('label'), s.presetLabel, preset.label, (v) =>
                    this.editPreset(i, 'label', v, p('label')),
                  )}
                  ${this.select(
                    p('category'),
                    s.presetCategory,
                    preset.category,
                    categories.some(([id]) => id === preset.category)
                      ? categories
                      : [[preset.category, preset.category], ...categories],
                    (v) => this.editPreset(i, 'category', v, p('category')),
                  )}
                  ${this.select(p('kind'), s.presetKind, preset.kind, kinds, (v) =>
                    this.editPreset(i, 'kind', v, p('kind')),
                  )}
                  ${
                    money
                      ? html`${this.input(
                          p('amount'),
                          s.presetAmount,
                          preset.amount,
                          (v) => this.editPreset(i, 'amount', v, p('amount')),
                          { type: 'number', inputmode: 'decimal' },
                        )}
                        ${this.input(p('currency'), s.presetCurrency, preset.currency, (v) =>
                          this.editPreset(i, 'currency', v, p('currency')),
                        )}`
                      : nothing
                  }
                </div>
                <div class="actions">
                  <button
                    type="button"
                    class="danger"
                    aria-label=${`${s.remove}: ${name}`}
                    @click=${() => this.removePreset(i)}
                  >
                    ${s.remove}
                  </button>
                </div>
              </fieldset>
            </li>`;
          },
        )}
      </ol>
      <button id="add-preset" type="button" @click=${this.addPreset}>${s.addPreset}</button>
    </fieldset>`;
  }
}

define('nectar-console-settings', ConsoleSettings);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-console-settings': ConsoleSettings;
  }
}
