/**
 * Locale resolution and the loading of the core catalogs, without any catalog in it: the client
 * resolves its locale and preloads its strings through this module, and a page that shows no widget (a launcher once idle) never downloads the
 * English ones. `index.ts` registers English here and is what reads the catalogs.
 */
import { matchLocale, type Locale } from '../locale.ts';
import type { CoreMessages } from './types.ts';

/**
 * Matches a BCP 47 tag to a supported locale: zh, zh-CN, zh-Hans, zh-SG → `zh-CN`;
 * zh-TW, zh-HK, zh-MO, zh-Hant → `zh-TW`; anything else → `en`. Without input, uses
 * the browser's `navigator.language`.
 */
export function resolveLocale(input?: string | null): Locale {
  const tag = input ?? (typeof navigator !== 'undefined' ? navigator.language : undefined);
  if (typeof tag !== 'string' || !tag) return 'en';
  return matchLocale(tag);
}

/** How each locale other than English is fetched (one chunk per locale in a bundle). */
const LOADERS: Record<Exclude<Locale, 'en'>, () => Promise<CoreMessages>> = {
  'zh-CN': () => import('./zh-CN.ts').then((m) => m.zhCN),
  'zh-TW': () => import('./zh-TW.ts').then((m) => m.zhTW),
};

/** The catalogs loaded so far, other than English (which `index.ts` holds). */
export const loaded: Partial<Record<Locale, CoreMessages>> = {};
const loading = new Map<Locale, Promise<CoreMessages>>();

/** Whether `getMessages(locale)` already gives that locale's own catalog. */
export function hasMessages(locale: string): boolean {
  const tag = resolveLocale(locale);
  return tag === 'en' || tag in loaded;
}

/**
 * Loads the core catalog of a locale (once; later calls share the same promise) and resolves
 * with it. Rejects when the chunk cannot be fetched; a later call tries again.
 */
export function loadMessages(locale: string): Promise<CoreMessages> {
  const tag = resolveLocale(locale);
  const have = loaded[tag];
  if (have) return Promise.resolve(have);
  // English is in `index.ts`, whose `loadMessages` is the public one.
  if (tag === 'en') return Promise.reject(new Error('[nectar] English is not loaded: import it from i18n/index.ts'));
  let promise = loading.get(tag);
  if (!promise) {
    promise = LOADERS[tag]().then(
      (messages) => (loaded[tag] = messages),
      (error: unknown) => {
        loading.delete(tag);
        throw error;
      },
    );
    loading.set(tag, promise);
  }
  return promise;
}
