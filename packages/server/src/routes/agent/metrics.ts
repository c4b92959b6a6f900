/** `GET /v1/agent/metrics?from=&to=&site=`: NPS, CSAT and ticket figures over UTC days (at most 366). */
import { Hono } from 'hono';
import type { BaseEnv, Deps } from '../../env.ts';
import { validationError } from '../../http-error.ts';
import { computeMetrics } from '../../store/metrics.ts';

const METRICS_DAYS_MAX = 366;

export function agentMetricsRoutes(deps: Deps) {
  return new Hono<BaseEnv>().get('/', async (c) => {
    const fields: Record<string, string> = {};
    const day = (name: 'from' | 'to'): string | undefined => {
      const value = c.req.query(name);
      if (value === undefined || value === '') return undefined;
      const parsed = parseDay(value);
      if (!parsed) fields[name] = 'invalid_date';
      return parsed;
    };
    const today = new Date().toISOString().slice(0, 10);
    const to = day('to') ?? today;
    const from = day('from') ?? addDays(to, -29);
    const site = c.req.query('site') || null;
    if (site !== null && !deps.sites.has(site)) fields['site'] = 'invalid_choice';
    if (Object.keys(fields).length === 0) {
      const span = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
      if (span < 1) fields['from'] = 'after_to';
      else if (span > METRICS_DAYS_MAX) fields['from'] = 'range_too_long';
    }
    if (Object.keys(fields).length > 0) {
      throw validationError(fields, `Use from/to as YYYY-MM-DD (UTC, inclusive), at most ${METRICS_DAYS_MAX} days.`);
    }
    return c.json(await computeMetrics(deps.db, { from, to, site }));
  });
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
