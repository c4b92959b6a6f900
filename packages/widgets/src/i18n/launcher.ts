/**
 * The launcher's own strings, in every locale, in one tiny module: the launcher chunk is what a page
 * loads to show the help button (≤ 10 KB with the loader), so it cannot pull in the full widget
 * catalogs (`en.ts`, …). Everything else it opens (the panel) uses the full catalogs.
 */
export interface LauncherMessages {
  /** The button's accessible name and visible label. */
  label: string;
  /** The badge's description for screen readers. */
  unread: (count: number) => string;
}

export const launcherMessages: Record<'en' | 'zh-CN' | 'zh-TW', LauncherMessages> = {
  en: {
    label: 'Help',
    unread: (count) => (count === 1 ? '1 request has a new reply' : `${count} requests have a new reply`),
  },
  'zh-CN': { label: '帮助', unread: (count) => `${count} 个工单有新回复` },
  'zh-TW': { label: '幫助', unread: (count) => `${count} 個案件有新回覆` },
};

/** The same matching as the core's `resolveLocale` (zh-TW, zh-HK, zh-MO, zh-Hant → zh-TW; other zh → zh-CN). */
export function launcherLocale(tag: string | undefined): 'en' | 'zh-CN' | 'zh-TW' {
  const parts = (tag ?? '').toLowerCase().replace(/_/g, '-').split('-');
  if (parts[0] !== 'zh') return 'en';
  return parts.some((p) => /^(tw|hk|mo|hant)$/.test(p)) ? 'zh-TW' : 'zh-CN';
}
