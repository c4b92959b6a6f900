/**
 * Alert rules per site — a daily figure compared with a threshold for a number of days running, e.g. "CSAT
 * average < 4.0 for 3 days", "first-response SLA met < 90 % today", "first response p90 > 10 minutes" — evaluated
 * on a schedule by whichever instance takes the job. An alert is raised once per episode (`alert.triggered`),
 * stays open while the figure stays bad, and is cleared when the latest day with data is back within the
 * threshold; a day without data (no CSAT answers yet today) neither raises nor clears.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import type { SiteConfig } from '../sites.ts';
import type { Db, Queryable } from '../store/db.ts';
import { computeKpis } from '../store/kpis.ts';
import { computeMetrics } from '../store/metrics.ts';
import { enqueueMail } from '../store/mail.ts';
import { emitWebhook } from './webhooks.ts';

export const ALERT_METRICS = [
  'csat_average',
  'sla_first_response_met_pct',
  'sla_resolution_met_pct',
  'first_response_p90_minutes',
  'tickets_created',
] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

export const alertRuleSchema = z.strictObject({
  id: z.optional(z.uuid()),
  name: z.string().check(z.minLength(1), z.maxLength(120)),
  metric: z.enum(ALERT_METRICS),
  comparison: z.enum(['<', '>']),
  value: z.number().check(z.refine(Number.isFinite, 'a finite number')),
  /** Days running (today included) the figure must be past the threshold. */
  periods: z.number().check(z.int(), z.minimum(1), z.maximum(31)),
});
export type AlertRuleInput = z.infer<typeof alertRuleSchema>;

export interface AlertRuleRow {
  id: string;
  site: string;
  name: string;
  metric: AlertMetric;
  comparison: '<' | '>';
  value: number;
  periods: number;
  position: number;
}

export interface AlertEpisodeRow {
  id: string;
  rule_id: string;
  site: string;
  raised_at: Date;
  cleared_at: Date | null;
  value: number | null;
  cleared_value: number | null;
}

export async function listRules(db: Queryable, site: string): Promise<AlertRuleRow[]> {
  const { rows } = await db.query<AlertRuleRow>('SELECT * FROM alert_rules WHERE site = $1 ORDER BY position', [site]);
  return rows.map((r) => ({ ...r, value: Number(r.value), periods: Number(r.periods) }));
}

/** Replaces the site's rules; a rule kept by id keeps its open episode, a removed one loses its history. */
export async function replaceRules(db: Db, site: string, rules: AlertRuleInput[]): Promise<void> {
  await db.transaction(async (tx) => {
    const keep = rules.flatMap((r) => (r.id ? [r.id] : []));
    await tx.query('DELETE FROM alert_rules WHERE site = $1 AND NOT (id = ANY($2::text[]))', [site, keep]);
    for (const [position, rule] of rules.entries()) {
      await tx.query(
        `INSERT INTO alert_rules (id, site, name, metric, comparison, value, periods, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET name = $3, metric = $4, comparison = $5, value = $6, periods = $7, position = $8
         WHERE alert_rules.site = $2`,
        [rule.id ?? randomUUID(), site, rule.name, rule.metric, rule.comparison, rule.value, rule.periods, position],
      );
    }
  });
}

export async function listEpisodes(db: Queryable, site: string, limit = 50): Promise<AlertEpisodeRow[]> {
  const { rows } = await db.query<AlertEpisodeRow>(
    `SELECT * FROM alert_episodes WHERE site = $1 ORDER BY (cleared_at IS NULL) DESC, raised_at DESC LIMIT $2`,
    [site, limit],
  );
  return rows;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: string, n: number) => day(new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000));

/** The rule's figure for each of its days, oldest first (null: no data that day). */
async function dailyValues(db: Queryable, rule: AlertRuleRow, now: Date): Promise<(number | null)[]> {
  const to = day(now);
  const from = addDays(to, -(rule.periods - 1));
  const range = { from, to, site: rule.site };
  if (rule.metric === 'csat_average') {
    const metrics = await computeMetrics(db, range, now);
    return metrics.days.map((d) => d.csat.average);
  }
  const kpis = await computeKpis(db, range, () => undefined, now);
  const byDate = new Map(kpis.byDay.map((d) => [d.date, d]));
  return Array.from({ length: rule.periods }, (_, i) => {
    const figures = byDate.get(addDays(from, i));
    if (!figures) return rule.metric === 'tickets_created' ? 0 : null;
    switch (rule.metric) {
      case 'sla_first_response_met_pct':
        return figures.sla.firstResponse.metPercent;
      case 'sla_resolution_met_pct':
        return figures.sla.resolution.metPercent;
      case 'first_response_p90_minutes':
        return figures.firstResponse.p90Minutes;
      case 'tickets_created':
        return figures.created;
      default:
        return null;
    }
  });
}

/** Evaluates every rule of every site once; returns the episodes raised and cleared. */
export async function evaluateAlerts(
  db: Db,
  sites: ReadonlyMap<string, SiteConfig>,
  now: Date,
): Promise<{ raised: string[]; cleared: string[] }> {
  const raised: string[] = [];
  const cleared: string[] = [];
  for (const site of sites.keys()) {
    for (const rule of await listRules(db, site)) {
      const values = await dailyValues(db, rule, now);
      const past = (v: number | null) => v !== null && (rule.comparison === '<' ? v < rule.value : v > rule.value);
      const latest = [...values].reverse().find((v) => v !== null) ?? null;
      await db.transaction(async (tx) => {
        const { rows } = await tx.query<AlertEpisodeRow>(
          'SELECT * FROM alert_episodes WHERE rule_id = $1 AND cleared_at IS NULL FOR UPDATE',
          [rule.id],
        );
        const open = rows[0];
        if (!open && values.every(past)) {
          const id = randomUUID();
          const inserted = await tx.query(
            `INSERT INTO alert_episodes (id, rule_id, site, raised_at, value) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (rule_id) WHERE cleared_at IS NULL DO NOTHING RETURNING id`,
            [id, rule.id, site, now.toISOString(), latest],
          );
          if (inserted.rows.length === 0) return; // another instance raised it meanwhile
          raised.push(id);
          // Every enabled admin is mailed, once per episode, in the same transaction as the raise.
          const admins = await tx.query<{ email: string }>(
            `SELECT email FROM agents WHERE role = 'admin' AND disabled_at IS NULL ORDER BY created_at`,
          );
          for (const { email } of admins.rows) {
            await enqueueMail(
              tx,
              {
                site,
                ticket_id: null,
                kind: 'alert',
                recipient: email,
                locale: 'en',
                payload: {
                  alert: {
                    name: rule.name,
                    metric: rule.metric,
                    comparison: rule.comparison,
                    value: rule.value,
                    periods: rule.periods,
                    values,
                  },
                },
              },
              now,
            );
          }
          await emitWebhook(
            tx,
            site,
            'alert.triggered',
            {
              id,
              site,
              rule: {
                id: rule.id,
                name: rule.name,
                metric: rule.metric,
                comparison: rule.comparison,
                value: rule.value,
                periods: rule.periods,
              },
              value: latest,
              values,
              raisedAt: now.toISOString(),
            },
            now,
          );
        } else if (open && latest !== null && !past(latest)) {
          await tx.query('UPDATE alert_episodes SET cleared_at = $2, cleared_value = $3 WHERE id = $1', [
            open.id,
            now.toISOString(),
            latest,
          ]);
          cleared.push(open.id);
        }
      });
    }
  }
  return { raised, cleared };
}
