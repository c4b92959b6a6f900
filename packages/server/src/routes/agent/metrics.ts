/**
 * `GET /v1/agent/metrics?from=&to=&site=`: NPS, CSAT and ticket figures over UTC days (at most 366), and `kpis`:
 * first response and resolution (median, p90, also in business hours), SLA met %, reopen, one-touch and
 * repeat-contact rates, per day, week, agent, category and site (store/kpis.ts). `Accept: text/csv`: the KPI
 * rows as CSV, one per group.
 */
import { Hono } from 'hono';
import type { BaseEnv, Deps } from '../../env.ts';
import { validationError } from '../../http-error.ts';
import { computeKpis, type KpiFigures, type Kpis } from '../../store/kpis.ts';
import { computeMetrics } from '../../store/metrics.ts';

const METRICS_DAYS_MAX = 366;

export function agentMetricsRoutes(deps: Deps) {
  return new Hono<BaseEnv>().get('/', async (c) => {
    const { from, to, site } = rangeOf(c.req.query.bind(c.req), deps);
    const range = { from, to, site };
    // Each site's business hours as its settings say now (an admin's over NECTAR_SITES).
    const hours = new Map(
      await Promise.all(
        [...deps.sites.values()].map(async (s) => [s.key, (await deps.siteSettings.of(s)).businessHours] as const),
      ),
    );
    const hoursOf = (key: string) => hours.get(key) ?? undefined;
    const [metrics, kpis] = await Promise.all([computeMetrics(deps.db, range), computeKpis(deps.db, range, hoursOf)]);
    if (/\btext\/csv\b/.test(c.req.header('Accept') ?? '')) {
      c.header('Content-Disposition', `attachment; filename="nectar-kpis-${from}-${to}.csv"`);
      return c.body(kpiCsv(kpis), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }
    return c.json({ ...metrics, kpis });
  });
}

/** `from`/`to` (UTC days, inclusive; default the last 30 days, at most 366) and `site` of a figures query. */
export function rangeOf(
  param: (name: string) => string | undefined,
  deps: Pick<Deps, 'sites'>,
  extra: Record<string, string> = {},
): { from: string; to: string; site: string | null } {
  const fields: Record<string, string> = { ...extra };
  const day = (name: 'from' | 'to'): string | undefined => {
    const value = param(name);
    if (value === undefined || value === '') return undefined;
    const parsed = parseDay(value);
    if (!parsed) fields[name] = 'invalid_date';
    return parsed;
  };
  const today = new Date().toISOString().slice(0, 10);
  const to = day('to') ?? today;
  const from = day('from') ?? addDays(to, -29);
  const site = param('site') || null;
  if (site !== null && !deps.sites.has(site)) fields['site'] = 'invalid_choice';
  if (!fields['from'] && !fields['to']) {
    const span = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
    if (span < 1) fields['from'] = 'after_to';
    else if (span > METRICS_DAYS_MAX) fields['from'] = 'range_too_long';
  }
  if (Object.keys(fields).length > 0) {
    throw validationError(fields, `Use from/to as YYYY-MM-DD (UTC, inclusive), at most ${METRICS_DAYS_MAX} days.`);
  }
  return { from, to, site };
}

/** `YYYY-MM-DD` or an ISO datetime (its UTC date); undefined when it is neither or not a real date. */
function parseDay(value: string): string | undefined {
  if (value.length > 40) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const time = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value ? undefined : value;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const CSV_COLUMNS = [
  'group',
  'key',
  'created',
  'resolved',
  'first_response_median_min',
  'first_response_p90_min',
  'resolution_median_min',
  'resolution_p90_min',
  'sla_first_response_met_pct',
  'sla_resolution_met_pct',
  'sla_breaches',
  'reopen_rate_pct',
  'one_touch_rate_pct',
  'repeat_contact_rate_pct',
  'answer_deflection_pct',
];

/** One line per group: the whole range, then each day, week, agent, category and site. */
function kpiCsv(kpis: Kpis): string {
  const cell = (v: string | number | null) => {
    const text = v === null ? '' : String(v);
    // Quoted when needed; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.
    const safe = /^[=+\-@\t\r]/.test(text) && typeof v === 'string' ? `'${text}` : text;
    return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const deflection = new Map(kpis.deflection.byDay.map((d) => [d.date, d.ratePercent]));
  // Answer deflection is per range and per day only (events, not tickets): blank in the other groups.
  const line = (group: string, key: string | null, f: KpiFigures, deflected: number | null = null) =>
    [
      group,
      key,
      f.created,
      f.resolved,
      f.firstResponse.medianMinutes,
      f.firstResponse.p90Minutes,
      f.resolution.medianMinutes,
      f.resolution.p90Minutes,
      f.sla.firstResponse.metPercent,
      f.sla.resolution.metPercent,
      f.sla.firstResponse.breached + f.sla.resolution.breached,
      f.reopenRate,
      f.oneTouchRate,
      f.repeatContactRate,
      deflected,
    ]
      .map(cell)
      .join(',');
  return (
    [
      CSV_COLUMNS.join(','),
      line('all', null, kpis, kpis.deflection.ratePercent),
      ...kpis.byDay.map((f) => line('day', f.date, f, deflection.get(f.date) ?? null)),
      ...kpis.byWeek.map((f) => line('week', f.week, f)),
      ...kpis.byAgent.map((f) => line('agent', f.agent ?? '(unassigned)', f)),
      ...kpis.byCategory.map((f) => line('category', f.category, f)),
      ...kpis.bySite.map((f) => line('site', f.site, f)),
    ].join('\r\n') + '\r\n'
  );
}
