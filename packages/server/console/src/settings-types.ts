/** The shapes of `GET`/`PUT /v1/agent/settings` (packages/server/src/domain/site-settings.ts). */
export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type SettingSeverity = (typeof SEVERITIES)[number];
export const REMEDY_KINDS = ['refund', 'reship', 'voucher'] as const;
export type SettingRemedyKind = (typeof REMEDY_KINDS)[number];
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type SettingWeekday = (typeof WEEKDAYS)[number];

export interface CategorySetting {
  id: string;
  severity: SettingSeverity;
  promise: { firstResponse: number; resolve: number };
  labels: { en: string; 'zh-CN'?: string; 'zh-TW'?: string };
}

export interface RemedyPreset {
  category: string;
  kind: SettingRemedyKind;
  amount?: number;
  currency?: string;
  label: string;
}

export interface BusinessHoursSetting {
  timeZone: string;
  week: Partial<Record<SettingWeekday, [string, string][]>>;
  holidays?: string[];
}

export interface SiteSettingsInput {
  categories?: CategorySetting[];
  businessHours?: BusinessHoursSetting | null;
  remedyPresets?: RemedyPreset[];
  statusUrl?: string | null;
}

export interface EffectiveSettings {
  categories: CategorySetting[];
  businessHours: BusinessHoursSetting | null;
  remedyPresets: RemedyPreset[];
  statusUrl: string | null;
}

export interface SiteSettingsView {
  site: string;
  settings: SiteSettingsInput;
  effective: EffectiveSettings;
  sources: Record<keyof EffectiveSettings, 'site' | 'config' | 'default'>;
  updatedAt: string | null;
  updatedBy: string | null;
}
