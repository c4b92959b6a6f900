/**
 * `GET /v1/nudges?locale=`: the site's active nudge rules for a shopper's locale (each rule's content in that
 * locale, English when it has none), `{ version, rules }`, revalidated by ETag (the version) so a client
 * refreshes only when the rules changed.
 */
import { Hono } from 'hono';
import { matchLocale, type NudgeRule } from '@nectar/core/schema';
import type { BaseEnv, Deps, SiteEnv } from '../env.ts';
import { shopperSite } from '../middleware/site.ts';
import { findNudgeRules } from '../store/nudges.ts';

export function nudgeRoutes(deps: Deps) {
  return new Hono<BaseEnv & SiteEnv>().get('/', shopperSite(deps.sites, deps.linkKey), async (c) => {
    const locale = matchLocale(c.req.query('locale') ?? 'en');
    const { version, rules } = await findNudgeRules(deps.db, c.var.site.key);
    const etag = `"nudges-${version}-${locale}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', 'no-cache');
    c.header('Vary', 'Accept-Encoding');
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304);
    const active = rules
      .filter((rule) => rule.enabled !== false)
      .map((rule): NudgeRule => {
        const text = rule.content[locale] ?? rule.content.en;
        return { ...rule, content: text ? { [locale]: text } : {} };
      });
    return c.json({ version, locale, rules: active });
  });
}
