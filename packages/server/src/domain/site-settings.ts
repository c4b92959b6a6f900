/**
 * Merchant settings per site: the ticket categories (the contract's default taxonomy, replaceable) with their
 * severities, promises and labels, business hours and holidays, remedy presets per category and the status-page
 * URL. An admin stores them in the database (`PUT /v1/agent/settings`); what the service uses is the site's
 * stored settings over its `NECTAR_SITES` entry over the defaults, field by field (`effectiveSettings`).
 *
 * Every instance reads them through `siteSettingsReader`, which keeps a site's settings for a few seconds at
 * most, so another instance's change is seen within that time (and this instance's own at once).
 */
import * as z from 'zod/mini';
import {
  CATEGORIES,
  CATEGORY_SEVERITY,
  SEVERITY_PROMISE_HOURS,
  text,
  type Locale,
  type Severity,
} from '@nectar/core/schema';
import { catalogs, loadMessages } from '@nectar/core/i18n';
import { isHttpUrl, type SiteConfig } from '../sites.ts';
import type { Queryable } from '../store/db.ts';
import { readSiteSettings } from '../store/site-settings.ts';
import { businessHoursSchema, type BusinessHours } from './business-hours.ts';

/** A category's id: lower-case letters, digits and `_`, starting with a letter (`damaged`, `allergy_2`). */
export const CATEGORY_ID = /^[a-z][a-z0-9_]{0,47}$/;
export const categoryIdSchema = z.string().check(z.regex(CATEGORY_ID, 'a-z, 0-9 and _, starting with a letter'));
/** A shopper's choice of category: any id that could be one reads `invalid_choice` until checked against the site's. */
export const ticketCategorySchema = z
  .string()
  .check(z.refine((id) => CATEGORY_ID.test(id), { params: { reason: 'invalid_choice' } }));

const hours = z.number().check(z.positive(), z.lte(8760));
const label = text(80, { min: 1 });

const categorySchema = z
  .strictObject({
    id: categoryIdSchema,
    severity: z.enum(['high', 'medium', 'low']),
    /** Promised first response and resolution, in (business) hours. */
    promise: z.strictObject({ firstResponse: hours, resolve: hours }),
    /** What shoppers and agents read; zh-CN and zh-TW fall back to English. */
    labels: z.strictObject({ en: label, 'zh-CN': z.optional(label), 'zh-TW': z.optional(label) }),
  })
  .check(
    z.refine((c) => c.promise.firstResponse <= c.promise.resolve, {
      message: 'The first response comes before the resolution.',
      path: ['promise', 'resolve'],
      params: { reason: 'before_first_response' },
    }),
  );
export type CategorySetting = z.infer<typeof categorySchema>;

const remedyPresetSchema = z
  .strictObject({
    category: categoryIdSchema,
    kind: z.enum(['refund', 'reship', 'voucher']),
    amount: z.optional(z.number().check(z.positive(), z.lte(1_000_000))),
    currency: z.optional(z.string().check(z.regex(/^[A-Z]{3}$/, 'ISO 4217, e.g. EUR'))),
    label: text(120, { min: 1 }),
  })
  .check(
    z.refine((p) => p.amount === undefined || p.currency !== undefined, {
      message: 'An amount names its currency.',
      path: ['currency'],
      params: { reason: 'required' },
    }),
    z.refine((p) => p.kind !== 'reship' || (p.amount === undefined && p.currency === undefined), {
      message: 'A reship has no amount.',
      path: ['amount'],
      params: { reason: 'not_allowed' },
    }),
  );
export type RemedyPreset = z.infer<typeof remedyPresetSchema>;

const statusUrlSchema = text(2048, { min: 1 }).check(
  z.refine(isHttpUrl, {
    message: 'An http(s) URL; {ticket}, {number} and {token} are filled in.',
    params: { reason: 'invalid_url' },
  }),
);

const settingsFields = {
  categories: z.optional(z.array(categorySchema).check(z.minLength(1), z.maxLength(50))),
  businessHours: z.optional(z.nullable(businessHoursSchema)),
  remedyPresets: z.optional(z.array(remedyPresetSchema).check(z.maxLength(200))),
  statusUrl: z.optional(z.nullable(statusUrlSchema)),
};

/** Ids are unique; a preset names a category the site has (its own, or the default taxonomy's). */
const consistent = z.superRefine(
  (
    settings: { categories?: { id: string }[] | undefined; remedyPresets?: { category: string }[] | undefined },
    ctx,
  ) => {
    const ids = new Set<string>();
    settings.categories?.forEach((category, i) => {
      if (ids.has(category.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['categories', i, 'id'],
          message: 'Each category has its own id.',
          params: { reason: 'duplicate' },
        });
      }
      ids.add(category.id);
    });
    const known = settings.categories ? ids : new Set<string>(CATEGORIES);
    settings.remedyPresets?.forEach((preset, i) => {
      if (!known.has(preset.category)) {
        ctx.addIssue({
          code: 'custom',
          path: ['remedyPresets', i, 'category'],
          message: 'Not one of the site’s categories.',
          params: { reason: 'invalid_choice' },
        });
      }
    });
  },
);

/**
 * What an admin stores for a site. A field left out comes from `NECTAR_SITES` or the defaults; `null` (business
 * hours, status URL) says the site has none, whatever the configuration says.
 */
export const siteSettingsSchema = z.strictObject(settingsFields).check(consistent);

/** Body of `PUT /v1/agent/settings`: the site (optional with one site) and its settings, replaced as a whole. */
export const settingsPutSchema = z
  .strictObject({ site: z.optional(text(64, { min: 1 })), ...settingsFields })
  .check(consistent);
export type SiteSettings = z.infer<typeof siteSettingsSchema>;

/** What the service works with: every field filled in. */
export interface EffectiveSettings {
  categories: CategorySetting[];
  businessHours: BusinessHours | null;
  remedyPresets: RemedyPreset[];
  statusUrl: string | null;
}

/** Where each effective field came from: the database (`site`), `NECTAR_SITES` (`config`) or the defaults. */
export type SettingsSources = Record<keyof EffectiveSettings, 'site' | 'config' | 'default'>;

let defaultLabels: Promise<Record<Locale, Record<string, string>>> | undefined;
/** The contract's category labels in every locale (the shopper's catalogs in @nectar/core). */
async function labelsOfDefaults(): Promise<Record<Locale, Record<string, string>>> {
  defaultLabels ??= Promise.all([loadMessages('zh-CN'), loadMessages('zh-TW')]).then(([zhCN, zhTW]) => {
    const of = (catalog: typeof catalogs.en) =>
      Object.fromEntries(CATEGORIES.map((c) => [c, catalog.categories[c].label]));
    return { en: of(catalogs.en), 'zh-CN': of(zhCN), 'zh-TW': of(zhTW) };
  });
  return defaultLabels;
}

/** The contract's taxonomy: eight categories, their severities and the promises of each severity. */
export async function defaultCategories(): Promise<CategorySetting[]> {
  const labels = await labelsOfDefaults();
  return CATEGORIES.map((id) => {
    const severity: Severity = CATEGORY_SEVERITY[id];
    return {
      id,
      severity,
      promise: { ...SEVERITY_PROMISE_HOURS[severity] },
      labels: { en: labels.en[id]!, 'zh-CN': labels['zh-CN'][id]!, 'zh-TW': labels['zh-TW'][id]! },
    };
  });
}

/** The remedies a site offers before an admin sets its own: a photo is enough proof for a reship or refund. */
export const DEFAULT_REMEDY_PRESETS: RemedyPreset[] = [
  { category: 'damaged', kind: 'reship', label: 'Send a replacement' },
  { category: 'damaged', kind: 'refund', label: 'Refund the damaged item' },
  { category: 'missing_or_wrong', kind: 'reship', label: 'Send the missing or right item' },
  { category: 'delivery', kind: 'reship', label: 'Send the parcel again' },
  { category: 'return_refund', kind: 'refund', label: 'Refund the returned item' },
];

/** Stored settings over the site's configuration over the defaults. */
export async function effectiveSettings(
  site: Pick<SiteConfig, 'businessHours' | 'statusUrl'>,
  stored: SiteSettings | undefined,
): Promise<{ effective: EffectiveSettings; sources: SettingsSources }> {
  const from = <K extends keyof SiteSettings>(key: K, configured: unknown) =>
    stored?.[key] !== undefined ? 'site' : configured !== undefined ? 'config' : 'default';
  return {
    effective: {
      categories: stored?.categories ?? (await defaultCategories()),
      businessHours: stored?.businessHours !== undefined ? stored.businessHours : (site.businessHours ?? null),
      remedyPresets: stored?.remedyPresets ?? DEFAULT_REMEDY_PRESETS,
      statusUrl: stored?.statusUrl !== undefined ? stored.statusUrl : (site.statusUrl ?? null),
    },
    sources: {
      categories: from('categories', undefined),
      businessHours: from('businessHours', site.businessHours),
      remedyPresets: from('remedyPresets', undefined),
      statusUrl: from('statusUrl', site.statusUrl),
    },
  };
}

/** A site's effective settings, read from the database at most `ttlMs` ago. */
export interface SiteSettingsReader {
  of(site: SiteConfig): Promise<EffectiveSettings>;
  /** Forgets what this instance holds for a site (after it wrote them). */
  forget(siteKey: string): void;
}

/** Default time another instance's change may take to be seen here. */
export const SETTINGS_TTL_MS = 3000;

export function siteSettingsReader(db: Queryable, ttlMs = SETTINGS_TTL_MS): SiteSettingsReader {
  const held = new Map<string, { until: number; value: Promise<EffectiveSettings> }>();
  return {
    of(site) {
      const now = Date.now();
      const entry = held.get(site.key);
      if (entry && entry.until > now) return entry.value;
      const value = readSiteSettings(db, site.key).then(
        async (row) => (await effectiveSettings(site, row?.settings)).effective,
      );
      // A failed read is not kept: the next request asks again.
      value.catch(() => held.delete(site.key));
      held.set(site.key, { until: now + ttlMs, value });
      return value;
    },
    forget(siteKey) {
      held.delete(siteKey);
    },
  };
}

/** The category of a site with that id, or undefined. */
export const categoryOf = (settings: EffectiveSettings, id: string): CategorySetting | undefined =>
  settings.categories.find((c) => c.id === id);
