import { css, html, LitElement, unsafeCSS } from 'lit';
import uPlot from 'uplot';
import uPlotCss from 'uplot/dist/uPlot.min.css';
import { define } from './define.ts';

/** One line of a chart; `dashed` tells a series apart without its colour (business hours, p90). */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** A console colour token. */
  color: 'accent' | 'danger' | 'success' | 'warning' | 'muted';
  dashed?: boolean;
}

/**
 * A line chart drawn by uPlot on a canvas (its own chunk, loaded with the dashboard). uPlot's stylesheet is
 * adopted with the element's styles (no `<style>` tag: the console's CSP allows none); uPlot sizes its elements
 * through `element.style`, which a CSP does not govern. The canvas is decoration for sighted readers: the
 * figures are in the table beside each chart, so the chart is one image with a name. The legend is ours (HTML,
 * colour and dash), and the chart follows its box's width.
 */
export class ConsoleChart extends LitElement {
  static override styles = [
    unsafeCSS(uPlotCss),
    css`
      :host {
        display: block;
      }
      .plot {
        min-height: 220px;
      }
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        list-style: none;
        margin: 0.25rem 0 0;
        padding: 0;
        font-size: 0.9em;
      }
      li {
        display: flex;
        align-items: center;
        gap: 0.4em;
      }
      .swatch {
        display: inline-block;
        width: 1.6em;
        border-top: 3px solid var(--swatch);
      }
      .accent {
        --swatch: var(--_accent);
      }
      .danger {
        --swatch: var(--_danger);
      }
      .success {
        --swatch: var(--_success);
      }
      .warning {
        --swatch: var(--_warning);
      }
      .muted {
        --swatch: var(--_muted);
      }
      .swatch.dashed {
        border-top-style: dashed;
      }
    `,
  ];

  static override properties = {
    label: { type: String },
    x: { attribute: false },
    series: { attribute: false },
    unit: { type: String },
  };
  /** The chart's accessible name. */
  declare label: string;
  /** Unix seconds, one per period (UTC midnight of a day or a week's Monday). */
  declare x: number[];
  declare series: ChartSeries[];
  /** Shown on the y axis's values ("%", " min"). */
  declare unit: string;

  private plot: uPlot | undefined;
  private resize = new ResizeObserver(() => this.fit());

  constructor() {
    super();
    this.label = '';
    this.x = [];
    this.series = [];
    this.unit = '';
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = undefined;
  }

  private get box() {
    return this.renderRoot.querySelector<HTMLElement>('.plot');
  }

  private fit() {
    const width = this.box?.clientWidth ?? 0;
    if (this.plot && width > 0 && width !== this.plot.width) this.plot.setSize({ width, height: 220 });
  }

  override render() {
    return html`<div class="plot" role="img" aria-label=${this.label}></div>
      <ul aria-hidden="true">
        ${this.series.map(
          (s) => html`<li><span class=${`swatch ${s.color}${s.dashed ? ' dashed' : ''}`}></span>${s.label}</li>`,
        )}
      </ul>`;
  }

  override updated() {
    const box = this.box;
    if (!box) return;
    this.plot?.destroy();
    const style = getComputedStyle(this);
    const token = (name: string) => style.getPropertyValue(name).trim() || '#444';
    const axis = { stroke: token('--_text'), grid: { stroke: token('--_border'), width: 0.5 }, ticks: { show: false } };
    const unit = this.unit;
    const options: uPlot.Options = {
      width: box.clientWidth || 600,
      height: 220,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      // Days are UTC days: drawn in UTC, whatever the agent's time zone.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true } },
      axes: [axis, { ...axis, size: 60, values: (_u, values) => values.map((v) => `${v}${unit}`) }],
      series: [
        {},
        ...this.series.map((s) => ({
          label: s.label,
          stroke: token(`--_${s.color}`),
          width: 2,
          spanGaps: true,
          points: { show: true, size: 5 },
          ...(s.dashed ? { dash: [6, 4] } : {}),
        })),
      ],
    };
    const data: uPlot.AlignedData = [this.x, ...this.series.map((s) => s.values)];
    this.plot = new uPlot(options, data, box);
    this.resize.observe(box);
  }
}

define('nectar-console-chart', ConsoleChart);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-console-chart': ConsoleChart;
  }
}
