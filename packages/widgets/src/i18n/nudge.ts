/**
 * The nudge's own strings (its controls and its region's name), in every locale, in one tiny module: like the
 * launcher, `<nectar-nudge>` is Lit-free and light, so it does not pull in the full widget catalogs (`en.ts`, …)
 * and shows its locale at once, with nothing to load. A nudge's title, body and action labels come from its rule,
 * already in the shopper's locale. Locale matching is the core's zod-free `@nectar/core/locale`.
 */
import type { Locale } from '@nectar/core/locale';

export interface NudgeMessages {
  /** The accessible name of the nudge's region. */
  region: string;
  /** The × button's accessible name. */
  close: string;
  /** The "Don't show this again" button. */
  never: string;
}

export const nudgeMessages: Record<Locale, NudgeMessages> = {
  en: { region: 'Suggestion', close: 'Close', never: 'Don’t show this again' },
  'zh-CN': { region: '建议', close: '关闭', never: '不再显示' },
  'zh-TW': { region: '建議', close: '關閉', never: '不再顯示' },
};
