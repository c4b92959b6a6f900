/** The supported locales and the one matcher of a language tag to them. No dependencies (the launcher imports it). */
export const LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
export type Locale = (typeof LOCALES)[number];

const TRADITIONAL = new Set(['tw', 'hk', 'mo', 'hant']);

/** A BCP 47 tag matched to a supported locale: zh-TW/HK/MO/Hant → zh-TW, other zh → zh-CN, else en. */
export function matchLocale(tag: string): Locale {
  const parts = tag.trim().toLowerCase().replace(/_/g, '-').split('-');
  if (parts[0] !== 'zh') return 'en';
  return parts.slice(1).some((p) => TRADITIONAL.has(p)) ? 'zh-TW' : 'zh-CN';
}
