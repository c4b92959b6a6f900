/**
 * `/v1/agent/nudges?site=`: the site's nudge rules `{ site, version, rules }`; `PUT` (admins) `{ site?, rules }`
 * validates every rule (each bad field named, e.g. `rules.2.trigger.seconds`) and bumps the version.
 * `GET /v1/agent/nudges/report?from=&to=&site=`: per rule `eligible`, `shown`, `heldOut`, `clicked`, `dismissed`,
 * `converted` (shown and held out), `lift: { absolute, low, high }` (95 %), `srm` (domain/nudge-report.ts).
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { nudgeRuleSchema } from '@nectar/core/schema';
import { reportRow } from '../../domain/nudge-report.ts';
import type { AgentEnv, Deps } from '../../env.ts';
import { validationError } from '../../http-error.ts';
import { requireAdmin } from '../../middleware/agent.ts';
import { jsonLimit } from '../../middleware/body-limit.ts';
import { json } from '../../middleware/validate.ts';
import { findNudgeRules, lockNudgeRules, nudgeCounts, saveNudgeRules } from '../../store/nudges.ts';
import { rangeOf } from './metrics.ts';
import { siteOf as siteOfRequest } from './site.ts';

const putSchema = z.strictObject({
  site: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  rules: z.array(nudgeRuleSchema).check(z.maxLength(1000)),
});

export function agentNudgeRoutes(deps: Deps) {
  const siteOf = (key: string | undefined) => siteOfRequest(deps, key);
  return new Hono<AgentEnv>()
    .get('/', async (c) => {
      const { site, version, rules } = await findNudgeRules(deps.db, siteOf(c.req.query('site') || undefined));
      return c.json({ site, version, rules });
    })
    .get('/report', async (c) => {
      const range = rangeOf(c.req.query.bind(c.req), deps);
      const site = range.site ?? siteOf(undefined);
      const [{ rules }, counts] = await Promise.all([
        findNudgeRules(deps.db, site),
        nudgeCounts(deps.db, { ...range, site }),
      ]);
      const byId = new Map(rules.map((r) => [r.id, r]));
      return c.json({ ...range, site, rules: counts.map((row) => reportRow(row, byId.get(row.rule_id))) });
    })
    .put('/', requireAdmin(), jsonLimit(256 * 1024), json(putSchema), async (c) => {
      const site = siteOf(c.var.body.site);
      const ids = c.var.body.rules.map((r) => r.id);
      const duplicate = ids.findIndex((id, i) => ids.indexOf(id) !== i);
      if (duplicate >= 0) throw validationError({ [`rules.${duplicate}.id`]: 'duplicate_id' });
      const rules = c.var.body.rules;
      const version = await deps.db.transaction(async (tx) => {
        await lockNudgeRules(tx, site);
        return saveNudgeRules(tx, site, rules, new Date());
      });
      return c.json({ site, version, rules: c.var.body.rules });
    });
}
