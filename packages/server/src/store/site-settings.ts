/** A site's merchant settings as an admin stored them (validated before they get here; JSON in `site_settings`). */
import type { SiteSettings } from '../domain/site-settings.ts';
import type { Queryable } from './db.ts';

export interface SiteSettingsRow {
  site: string;
  settings: SiteSettings;
  updated_at: Date;
  updated_by: string | null;
}

export async function readSiteSettings(db: Queryable, site: string): Promise<SiteSettingsRow | undefined> {
  const { rows } = await db.query<SiteSettingsRow>('SELECT * FROM site_settings WHERE site = $1', [site]);
  const row = rows[0];
  if (!row) return undefined;
  // A driver may hand jsonb back as text.
  return typeof row.settings === 'string' ? { ...row, settings: JSON.parse(row.settings) as SiteSettings } : row;
}

/** Replaces the site's settings as a whole. */
export async function writeSiteSettings(
  db: Queryable,
  site: string,
  settings: SiteSettings,
  by: string | null,
  now: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO site_settings (site, settings, updated_at, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (site) DO UPDATE SET settings = EXCLUDED.settings, updated_at = EXCLUDED.updated_at,
       updated_by = EXCLUDED.updated_by`,
    [site, JSON.stringify(settings), now.toISOString(), by],
  );
}
