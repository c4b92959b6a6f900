/**
 * `/v1/agent/settings`: a site's merchant settings — categories (severity, promises, labels), business hours and
 * holidays, remedy presets per category, the status-page URL.
 *
 * - `GET ?site=` (every agent): `{ site, settings, effective, sources, defaults, updatedAt, updatedBy }` —
 *   what an admin stored (`settings`, `{}` when nothing), what the service uses (`effective`: stored over
 *   `NECTAR_SITES` over the defaults), where each effective field came from, and the default taxonomy.
 * - `PUT` (admins) `{ site?, categories?, businessHours?, remedyPresets?, statusUrl? }` replaces what is stored;
 *   a field left out falls back to the configuration or the defaults; every bad field is named
 *   (`categories.2.severity: invalid_choice`).
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { text } from '@nectar/core/schema';
import {
  DEFAULT_REMEDY_PRESETS,
  defaultCategories,
  effectiveSettings,
  settingsPutSchema,
  type SiteSettings,
} from '../../domain/site-settings.ts';
import type { AgentEnv, Deps } from '../../env.ts';
import { requireAdmin } from '../../middleware/agent.ts';
import { jsonLimit } from '../../middleware/body-limit.ts';
import { json, query } from '../../middleware/validate.ts';
import { readSiteSettings, writeSiteSettings } from '../../store/site-settings.ts';
import { siteOf } from './site.ts';

const getSchema = z.strictObject({ site: z.optional(text(64, { min: 1 })) });

export function agentSettingsRoutes(deps: Deps) {
  const view = async (siteKey: string) => {
    const site = deps.sites.get(siteKey)!;
    const row = await readSiteSettings(deps.db, siteKey);
    const { effective, sources } = await effectiveSettings(site, row?.settings);
    return {
      site: siteKey,
      settings: row?.settings ?? {},
      effective,
      sources,
      defaults: { categories: await defaultCategories(), remedyPresets: DEFAULT_REMEDY_PRESETS },
      updatedAt: row ? new Date(row.updated_at).toISOString() : null,
      updatedBy: row?.updated_by ?? null,
    };
  };

  return new Hono<AgentEnv>()
    .get('/', query(getSchema), async (c) => c.json(await view(siteOf(deps, c.var.query.site))))
    .put('/', requireAdmin(), jsonLimit(), json(settingsPutSchema), async (c) => {
      const { site: siteKey, ...settings } = c.var.body;
      const site = siteOf(deps, siteKey);
      const { agent } = c.var;
      const by = agent.via === 'key' ? 'agent key' : (agent.name ?? agent.id);
      await writeSiteSettings(deps.db, site, settings as SiteSettings, by, new Date());
      deps.siteSettings.forget(site);
      return c.json(await view(site));
    });
}
