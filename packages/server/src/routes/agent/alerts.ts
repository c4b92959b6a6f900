/**
 * `/v1/agent/alerts?site=`: the site's threshold rules and the alerts they raised (open ones first, then the
 * latest 50). `PUT` (admins) `{ site?, rules: [{ id?, name, metric, comparison: '<' | '>', value, periods }] }`
 * replaces the rules; metrics: `csat_average`, `sla_first_response_met_pct`, `sla_resolution_met_pct`,
 * `first_response_p90_minutes`, `tickets_created` (each per UTC day).
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { alertRuleSchema, listEpisodes, listRules, replaceRules, type AlertRuleRow } from '../../domain/alerts.ts';
import type { AgentEnv, Deps } from '../../env.ts';
import { validationError } from '../../http-error.ts';
import { requireAdmin } from '../../middleware/agent.ts';
import { jsonLimit } from '../../middleware/body-limit.ts';
import { json, query } from '../../middleware/validate.ts';
import { siteOf as siteOfRequest } from './site.ts';

const putSchema = z.strictObject({
  site: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  rules: z.array(alertRuleSchema).check(z.maxLength(50)),
});
const listSchema = z.strictObject({ site: z.optional(z.string().check(z.minLength(1), z.maxLength(64))) });

const toRule = ({ id, name, metric, comparison, value, periods }: AlertRuleRow) => ({
  id,
  name,
  metric,
  comparison,
  value,
  periods,
});

export function agentAlertRoutes(deps: Deps) {
  const siteOf = (key: string | undefined) => siteOfRequest(deps, key);
  const view = async (site: string) => {
    const rules = await listRules(deps.db, site);
    const names = new Map(rules.map((r) => [r.id, r]));
    const episodes = await listEpisodes(deps.db, site);
    return {
      site,
      rules: rules.map(toRule),
      alerts: episodes.map((e) => ({
        id: e.id,
        ruleId: e.rule_id,
        name: names.get(e.rule_id)?.name ?? null,
        metric: names.get(e.rule_id)?.metric ?? null,
        open: e.cleared_at === null,
        raisedAt: new Date(e.raised_at).toISOString(),
        clearedAt: e.cleared_at ? new Date(e.cleared_at).toISOString() : null,
        value: e.value === null ? null : Number(e.value),
      })),
    };
  };
  return new Hono<AgentEnv>()
    .get('/', query(listSchema), async (c) => c.json(await view(siteOf(c.var.query.site))))
    .put('/', requireAdmin(), jsonLimit(), json(putSchema), async (c) => {
      const site = siteOf(c.var.body.site);
      const ids = c.var.body.rules.flatMap((r) => (r.id ? [r.id] : []));
      if (new Set(ids).size !== ids.length) throw validationError({ rules: 'duplicate_id' });
      await replaceRules(deps.db, site, c.var.body.rules);
      return c.json(await view(site));
    });
}
