import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { api } from './api.ts';
import './chart.ts';
import type { ChartSeries } from './chart.ts';
import { define } from './define.ts';
import { AnnounceEvent, errorText } from './events.ts';
import { LocalizeController, type Messages } from './i18n/index.ts';
import { base } from './styles.ts';
import type { Durations, KpiFigures, Metrics } from './types-metrics.ts';

/** The ranges offered, in days up to today; `custom` is from – to. */
export const DASHBOARD_RANGES = [7, 30, 90] as const;
const DAYS_MAX = 366;
const DAY_MS = 86_400_000;

type Grain = 'day' | 'week';
interface Range {
  from: string;
  to: string;
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The `days` up to today (UTC), and the same number of days just before. */
export function lastDays(days: number, today = iso(Date.now())): Range {
  return { from: iso(dayMs(today) - (days - 1) * DAY_MS), to: today };
}
export function previousOf(range: Range): Range {
  const span = (dayMs(range.to) - dayMs(range.from)) / DAY_MS + 1;
  return { from: iso(dayMs(range.from) - span * DAY_MS), to: iso(dayMs(range.from) - DAY_MS) };
}

/** ISO week as the service names it (`IYYY-"W"IW`, e.g. 2026-W45) and its Monday. */
export function isoWeek(day: string): { key: string; monday: string } {
  const d = new Date(dayMs(day));
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
  const monday = dayMs(day) - weekday * DAY_MS;
  const thursday = new Date(monday + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return { key: `${year}-W${String(week).padStart(2, '0')}`, monday: iso(monday) };
}

/** One period on the trend (a day or an ISO week): the ticket figures and the answers given in it. */
interface Point {
  key: string;
  /** Unix seconds of its first day (UTC). */
  x: number;
  kpi: (KpiFigures & { businessHours?: { firstResponse: Durations; resolution: Durations } }) | undefined;
  csat: number | null;
  nps: number | null;
  deflection: number | null;
}

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part * 1000) / whole) / 10 : null);

/** The periods of a range, each day (or week) whether or not it had tickets. */
export function pointsOf(m: Metrics, grain: Grain): Point[] {
  const days: string[] = [];
  for (let t = dayMs(m.from); t <= dayMs(m.to); t += DAY_MS) days.push(iso(t));
  const keyOf = (day: string) => (grain === 'day' ? day : isoWeek(day).key);
  const groups = new Map<string, string[]>();
  for (const day of days) groups.set(keyOf(day), [...(groups.get(keyOf(day)) ?? []), day]);
  const kpiOf = new Map<string, Point['kpi']>(
    grain === 'day' ? m.kpis.byDay.map((d) => [d.date, d]) : m.kpis.byWeek.map((w) => [w.week, w]),
  );
  const answers = new Map(m.days.map((d) => [d.date, d]));
  const viewed = new Map(m.kpis.deflection.byDay.map((d) => [d.date, d]));
  return [...groups].map(([key, members]) => {
    let csatSum = 0;
    let csatCount = 0;
    let promoters = 0;
    let detractors = 0;
    let npsCount = 0;
    let views = 0;
    let deflected = 0;
    for (const day of members) {
      const a = answers.get(day);
      if (a) {
        for (const [score, n] of Object.entries(a.csat.distribution)) csatSum += Number(score) * n;
        csatCount += a.csat.total;
        promoters += a.nps.promoters;
        detractors += a.nps.detractors;
        npsCount += a.nps.total;
      }
      const v = viewed.get(day);
      views += v?.viewed ?? 0;
      deflected += v?.deflected ?? 0;
    }
    return {
      key,
      x: dayMs(grain === 'day' ? key : isoWeek(members[0]!).monday) / 1000,
      kpi: kpiOf.get(key),
      csat: csatCount ? Math.round((csatSum * 100) / csatCount) / 100 : null,
      nps: npsCount ? Math.round(((promoters - detractors) * 1000) / npsCount) / 10 : null,
      deflection: share(deflected, views),
    };
  });
}

type Better = 'lower' | 'higher' | 'neither';
type Kind = 'count' | 'minutes' | 'percent' | 'score';

interface Figure {
  label: string;
  kind: Kind;
  better: Better;
  value: (m: Metrics) => number | null;
  detail?: (m: Metrics) => string;
}

/**
 * The dashboard: the week's figures by default (or the last 30 or 90 days, or from – to), each compared with the
 * period just before (an arrow and words that say better or worse); trends per day or week of ticket volume, first
 * response and resolution (median and p90, wall clock and business hours), SLA met, CSAT, NPS and the rates
 * (reopened, one touch, repeat contacts, answer deflection), each chart with its table ("Show table"); tables per
 * agent and per category. Loaded, with its chart library, only when the dashboard opens.
 */
export class ConsoleDashboard extends LitElement {
  static override styles = [
    base,
    css`
      .options {
        display: flex;
        flex-wrap: wrap;
        gap: calc(var(--_space) * 0.75);
        align-items: end;
        margin-bottom: var(--_space);
      }
      .options .field {
        margin: 0;
        min-width: 10rem;
      }
      .figures {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
        gap: calc(var(--_space) * 0.75);
        margin: 0 0 calc(var(--_space) * 1.5);
        padding: 0;
        list-style: none;
      }
      .figures li {
        display: flex;
        flex-direction: column;
        gap: 0.2rem;
      }
      .figures .name {
        color: var(--_muted);
        font-weight: 600;
      }
      .figures .value {
        font-size: 1.6rem;
        font-weight: 700;
      }
      .delta {
        font-size: 0.9em;
      }
      .arrow {
        font-weight: 700;
        margin-inline-end: 0.3em;
      }
      .better {
        color: var(--_success);
      }
      .worse {
        color: var(--_danger);
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(26rem, 1fr));
        gap: calc(var(--_space) * 1.25);
        margin-bottom: calc(var(--_space) * 1.5);
      }
      figure {
        margin: 0;
        min-width: 0;
      }
      figcaption {
        font-weight: 700;
        margin-bottom: 0.4rem;
      }
      details {
        margin-top: 0.5rem;
      }
      summary {
        cursor: pointer;
        min-height: 44px;
        display: flex;
        align-items: center;
        color: var(--_accent);
        font-weight: 600;
      }
      .table-wrap {
        overflow-x: auto;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      caption {
        text-align: start;
        font-weight: 700;
        padding-bottom: 0.5rem;
      }
      th,
      td {
        text-align: start;
        padding: 0.4rem 0.5rem;
        border-bottom: 1px solid var(--_border);
      }
      td,
      thead th:not(:first-child) {
        text-align: end;
        white-space: nowrap;
      }
      th[scope='row'] {
        font-weight: 600;
      }
      @media (max-width: 640px) {
        .charts {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  static override properties = {
    _choice: { state: true },
    _range: { state: true },
    _grain: { state: true },
    _now: { state: true },
    _before: { state: true },
    _error: { state: true },
  };
  /** 7, 30, 90 or `custom`. */
  declare _choice: string;
  declare _range: Range;
  declare _grain: Grain;
  declare _now: Metrics | null;
  declare _before: Metrics | null;
  declare _error: string;

  private l = new LocalizeController(this);
  private inFlight = 0;

  constructor() {
    super();
    this._choice = '7';
    this._range = lastDays(7);
    this._grain = 'day';
    this._now = null;
    this._before = null;
    this._error = '';
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
    const range = this._range;
    try {
      const [now, before] = await Promise.all([api.metrics(range), api.metrics(previousOf(range))]);
      if (id !== this.inFlight) return;
      this._now = now;
      this._before = before;
      this._error = '';
    } catch (e) {
      if (id !== this.inFlight) return;
      this._error = `${this.l.t.dashboard.loadFailed} ${errorText(this.l, e)}`;
    }
  }

  private choose(value: string) {
    this._choice = value;
    if (value === 'custom') return;
    this._range = lastDays(Number(value));
    if (Number(value) > 31) this._grain = 'week';
    void this.refresh();
  }

  private applyCustom(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const from = String(data.get('from') ?? '');
    const to = String(data.get('to') ?? '');
    const span = (dayMs(to) - dayMs(from)) / DAY_MS + 1;
    if (!(span >= 1 && span <= DAYS_MAX)) {
      this._error = this.l.t.dashboard.rangeInvalid;
      this.dispatchEvent(new AnnounceEvent(this._error, 'error'));
      return;
    }
    this._range = { from, to };
    void this.refresh();
  }

  // Formatting ----------------------------------------------------------------------------------------------

  private day(day: string) {
    return new Intl.DateTimeFormat(this.l.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(dayMs(day));
  }

  private number(value: number, digits = 1) {
    return new Intl.NumberFormat(this.l.locale, { maximumFractionDigits: digits }).format(value);
  }

  /** Minutes as minutes, hours or days, whichever reads best. */
  private minutes(value: number) {
    const [amount, unit] =
      value < 120 ? [value, 'minute'] : value < 48 * 60 ? [value / 60, 'hour'] : [value / 1440, 'day'];
    return new Intl.NumberFormat(this.l.locale, {
      style: 'unit',
      unit,
      unitDisplay: 'short',
      maximumFractionDigits: 1,
    }).format(amount);
  }

  private format(value: number | null, kind: Kind): string {
    if (value === null) return this.l.t.dashboard.noFigure;
    if (kind === 'minutes') return this.minutes(value);
    if (kind === 'percent') return `${this.number(value)} %`;
    if (kind === 'score') return this.number(value, 2);
    return this.number(value, 0);
  }

  private delta(now: number | null, before: number | null, kind: Kind, better: Better): TemplateResult {
    const t = this.l.t.dashboard.delta;
    if (now === null || before === null) return html`<span class="delta muted">${t.none}</span>`;
    const change = Math.round((now - before) * 100) / 100;
    if (change === 0) return html`<span class="delta"><span class="arrow" aria-hidden="true">→</span>${t.same}</span>`;
    const up = change > 0;
    const judgement = better === 'neither' ? 'neutral' : (better === 'higher') === up ? 'better' : 'worse';
    const amount = kind === 'percent' ? t.points(this.number(Math.abs(change))) : this.format(Math.abs(change), kind);
    const words = t.change(up ? 'up' : 'down', amount, judgement, this.format(before, kind));
    const tone = judgement === 'neutral' ? '' : judgement;
    return html`<span class=${`delta ${tone}`}
      ><span class="arrow" aria-hidden="true">${up ? '↑' : '↓'}</span>${words}</span
    >`;
  }

  // Rendering -----------------------------------------------------------------------------------------------

  override render() {
    const t = this.l.t.dashboard;
    const now = this._now;
    const before = this._before;
    return html`
      <h1 tabindex="-1">${t.heading}</h1>
      ${this.renderRangeForm()} ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      ${
        now && before
          ? html`
              <p>
                <strong>${t.period(this.day(now.from), this.day(now.to))}</strong>
                <span class="muted"> · ${t.comparedWith(this.day(before.from), this.day(before.to))}</span>
              </p>
              ${this.renderFigures(now, before)} ${this.renderCharts(now)} ${this.renderGroupTable(now, 'agent')}
              ${this.renderGroupTable(now, 'category')}
            `
          : this._error
            ? nothing
            : html`<p class="muted">${this.l.t.app.loading}</p>`
      }
    `;
  }

  private renderRangeForm() {
    const t = this.l.t.dashboard;
    const custom = this._choice === 'custom';
    return html`<form class="options" aria-label=${t.options} @submit=${this.applyCustom} novalidate>
      <div class="field">
        <label for="dash-range">${t.range}</label>
        <select id="dash-range" @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}>
          ${DASHBOARD_RANGES.map(
            (d) => html`<option value=${d} ?selected=${this._choice === String(d)}>${t.days(d)}</option>`,
          )}
          <option value="custom" ?selected=${custom}>${t.custom}</option>
        </select>
      </div>
      ${
        custom
          ? html`<div class="field">
                <label for="dash-from">${t.from}</label>
                <input id="dash-from" name="from" type="date" required .value=${this._range.from} />
              </div>
              <div class="field">
                <label for="dash-to">${t.to}</label>
                <input id="dash-to" name="to" type="date" required .value=${this._range.to} />
              </div>
              <button type="submit" class="primary">${t.apply}</button>`
          : nothing
      }
      <div class="field">
        <label for="dash-grain">${t.by}</label>
        <select id="dash-grain" @change=${(e: Event) => (this._grain = (e.target as HTMLSelectElement).value as Grain)}>
          <option value="day" ?selected=${this._grain === 'day'}>${t.perDay}</option>
          <option value="week" ?selected=${this._grain === 'week'}>${t.perWeek}</option>
        </select>
      </div>
    </form>`;
  }

  private figures(): Figure[] {
    const k = this.l.t.dashboard.kpi;
    const t = this.l.t.dashboard;
    return [
      { label: k.created, kind: 'count', better: 'neither', value: (m) => m.kpis.created },
      { label: k.frtMedian, kind: 'minutes', better: 'lower', value: (m) => m.kpis.firstResponse.medianMinutes },
      { label: k.frtP90, kind: 'minutes', better: 'lower', value: (m) => m.kpis.firstResponse.p90Minutes },
      {
        label: k.frtMedianBusiness,
        kind: 'minutes',
        better: 'lower',
        value: (m) => m.kpis.businessHours.firstResponse.medianMinutes,
      },
      { label: k.resMedian, kind: 'minutes', better: 'lower', value: (m) => m.kpis.resolution.medianMinutes },
      { label: k.resP90, kind: 'minutes', better: 'lower', value: (m) => m.kpis.resolution.p90Minutes },
      {
        label: k.resMedianBusiness,
        kind: 'minutes',
        better: 'lower',
        value: (m) => m.kpis.businessHours.resolution.medianMinutes,
      },
      {
        label: k.slaFirstResponse,
        kind: 'percent',
        better: 'higher',
        value: (m) => m.kpis.sla.firstResponse.metPercent,
      },
      { label: k.slaResolution, kind: 'percent', better: 'higher', value: (m) => m.kpis.sla.resolution.metPercent },
      {
        label: k.csat,
        kind: 'score',
        better: 'higher',
        value: (m) => m.csat.average,
        detail: (m) => t.answers(m.csat.total),
      },
      {
        label: k.nps,
        kind: 'score',
        better: 'higher',
        value: (m) => m.nps.score,
        detail: (m) => t.answers(m.nps.total),
      },
      { label: k.reopen, kind: 'percent', better: 'lower', value: (m) => m.kpis.reopenRate },
      { label: k.oneTouch, kind: 'percent', better: 'higher', value: (m) => m.kpis.oneTouchRate },
      { label: k.repeat, kind: 'percent', better: 'lower', value: (m) => m.kpis.repeatContactRate },
      { label: k.deflection, kind: 'percent', better: 'higher', value: (m) => m.kpis.deflection.ratePercent },
    ];
  }

  private renderFigures(now: Metrics, before: Metrics) {
    return html`<ul class="figures" aria-label=${this.l.t.dashboard.figures}>
      ${this.figures().map((f) => {
        const value = f.value(now);
        return html`<li class="card">
          <span class="name">${f.label}</span>
          <span class="value">${this.format(value, f.kind)}</span>
          ${f.detail ? html`<span class="muted">${f.detail(now)}</span>` : nothing}
          ${this.delta(value, f.value(before), f.kind, f.better)}
        </li>`;
      })}
    </ul>`;
  }

  private renderCharts(now: Metrics) {
    const t = this.l.t.dashboard;
    const s = t.series;
    const points = pointsOf(now, this._grain);
    const of = (pick: (p: Point) => number | null | undefined) => points.map((p) => pick(p) ?? null);
    const times = (key: 'firstResponse' | 'resolution'): ChartSeries[] => [
      { label: s.median, color: 'accent', values: of((p) => p.kpi?.[key].medianMinutes) },
      { label: s.p90, color: 'danger', values: of((p) => p.kpi?.[key].p90Minutes) },
      {
        label: s.medianBusiness,
        color: 'accent',
        dashed: true,
        values: of((p) => p.kpi?.businessHours?.[key].medianMinutes),
      },
      {
        label: s.p90Business,
        color: 'danger',
        dashed: true,
        values: of((p) => p.kpi?.businessHours?.[key].p90Minutes),
      },
    ];
    const charts: { id: string; title: string; kind: Kind; unit: string; series: ChartSeries[] }[] = [
      {
        id: 'created',
        title: t.chart.created,
        kind: 'count',
        unit: '',
        series: [{ label: s.created, color: 'accent', values: points.map((p) => p.kpi?.created ?? 0) }],
      },
      { id: 'first-response', title: t.chart.firstResponse, kind: 'minutes', unit: '', series: times('firstResponse') },
      { id: 'resolution', title: t.chart.resolution, kind: 'minutes', unit: '', series: times('resolution') },
      {
        id: 'sla',
        title: t.chart.sla,
        kind: 'percent',
        unit: '%',
        series: [
          { label: s.firstResponse, color: 'accent', values: of((p) => p.kpi?.sla.firstResponse.metPercent) },
          { label: s.resolution, color: 'success', values: of((p) => p.kpi?.sla.resolution.metPercent) },
        ],
      },
      {
        id: 'csat',
        title: t.chart.csat,
        kind: 'score',
        unit: '',
        series: [{ label: s.csat, color: 'success', values: of((p) => p.csat) }],
      },
      {
        id: 'nps',
        title: t.chart.nps,
        kind: 'score',
        unit: '',
        series: [{ label: s.nps, color: 'accent', values: of((p) => p.nps) }],
      },
      {
        id: 'rates',
        title: t.chart.rates,
        kind: 'percent',
        unit: '%',
        series: [
          { label: s.reopen, color: 'danger', values: of((p) => p.kpi?.reopenRate) },
          { label: s.oneTouch, color: 'success', values: of((p) => p.kpi?.oneTouchRate) },
          { label: s.repeat, color: 'warning', values: of((p) => p.kpi?.repeatContactRate) },
          { label: s.deflection, color: 'accent', dashed: true, values: of((p) => p.deflection) },
        ],
      },
    ];
    const periodName = (p: Point) =>
      this._grain === 'day' ? this.day(p.key) : `${p.key} (${this.day(iso(p.x * 1000))})`;
    return html`<div class="charts">
      ${charts.map(
        (c) =>
          html`<figure aria-labelledby=${`chart-${c.id}`} data-chart=${c.id}>
            <figcaption id=${`chart-${c.id}`}>${c.title}</figcaption>
            <nectar-console-chart
              .label=${t.chartNote(c.title)}
              .x=${points.map((p) => p.x)}
              .series=${c.series}
              .unit=${c.unit}
            ></nectar-console-chart>
            <details>
              <summary>${t.showTable}<span class="visually-hidden">: ${c.title}</span></summary>
              <div class="table-wrap" tabindex="0" role="group" aria-labelledby=${`chart-${c.id}`}>
                <table>
                  <caption class="visually-hidden">
                    ${c.title}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">${t.column.period}</th>
                      ${c.series.map((series) => html`<th scope="col">${series.label}</th>`)}
                    </tr>
                  </thead>
                  <tbody>
                    ${points.map(
                      (p, i) =>
                        html`<tr>
                          <th scope="row">${periodName(p)}</th>
                          ${c.series.map((series) => html`<td>${this.format(series.values[i] ?? null, c.kind)}</td>`)}
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
            </details>
          </figure>`,
      )}
    </div>`;
  }

  private renderGroupTable(now: Metrics, by: 'agent' | 'category') {
    const t = this.l.t.dashboard;
    const c = t.column;
    const rows: [string, KpiFigures][] =
      by === 'agent'
        ? now.kpis.byAgent.map((g) => [g.name ?? g.agent ?? t.unassigned, g])
        : now.kpis.byCategory.map((g) => [(this.l.t as Messages).category[g.category] ?? g.category, g]);
    const title = by === 'agent' ? t.perAgent : t.perCategory;
    return html`<section aria-labelledby=${`per-${by}`}>
      <h2 id=${`per-${by}`}>${title}</h2>
      ${
        rows.length === 0
          ? html`<p class="muted">${t.none}</p>`
          : html`<div class="table-wrap" tabindex="0" role="group" aria-labelledby=${`per-${by}`}>
              <table data-table=${by}>
                <thead>
                  <tr>
                    <th scope="col">${by === 'agent' ? c.agent : c.category}</th>
                    <th scope="col">${c.created}</th>
                    <th scope="col">${c.resolved}</th>
                    <th scope="col">${c.frtMedian}</th>
                    <th scope="col">${c.frtP90}</th>
                    <th scope="col">${c.resMedian}</th>
                    <th scope="col">${c.resP90}</th>
                    <th scope="col">${c.slaFirstResponse}</th>
                    <th scope="col">${c.slaResolution}</th>
                    <th scope="col">${c.reopen}</th>
                    <th scope="col">${c.oneTouch}</th>
                    <th scope="col">${c.repeat}</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    ([name, f]) =>
                      html`<tr>
                        <th scope="row">${name}</th>
                        <td>${this.format(f.created, 'count')}</td>
                        <td>${this.format(f.resolved, 'count')}</td>
                        <td>${this.format(f.firstResponse.medianMinutes, 'minutes')}</td>
                        <td>${this.format(f.firstResponse.p90Minutes, 'minutes')}</td>
                        <td>${this.format(f.resolution.medianMinutes, 'minutes')}</td>
                        <td>${this.format(f.resolution.p90Minutes, 'minutes')}</td>
                        <td>${this.format(f.sla.firstResponse.metPercent, 'percent')}</td>
                        <td>${this.format(f.sla.resolution.metPercent, 'percent')}</td>
                        <td>${this.format(f.reopenRate, 'percent')}</td>
                        <td>${this.format(f.oneTouchRate, 'percent')}</td>
                        <td>${this.format(f.repeatContactRate, 'percent')}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
    </section>`;
  }
}

define('nectar-console-dashboard', ConsoleDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-console-dashboard': ConsoleDashboard;
  }
}
