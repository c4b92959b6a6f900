/**
 * The launcher's own strings, in every locale, in one tiny module: the launcher chunk is what a page
 * loads to show the help button (≤ 5 KB with the loader), so it cannot pull in the full widget
 * catalogs (`en.ts`, …). Everything else it opens (the panel) uses the full catalogs.
 * Locale matching is the core's zod-free `@nectar/core/locale`.
 */
import type { Locale } from '@nectar/core/locale';

export interface LauncherMessages {
  /** The button's accessible name and visible label. */
  label: string;
  /** The badge's description for screen readers. */
  unread: (count: number) => string;
}

export const launcherMessages: Record<Locale, LauncherMessages> = {
  en: {
    label: 'Help',
    unread: (count) => (count === 1 ? '1 request has a new reply' : `${count} requests have a new reply`),
  },
  'zh-CN': { label: '帮助', unread: (count) => `${count} 个工单有新回复` },
  'zh-TW': { label: '幫助', unread: (count) => `${count} 個案件有新回覆` },
};
