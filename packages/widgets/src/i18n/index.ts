/**
 * Widget messages: the widgets' own UI strings combined with the core catalog
 * (categories, statuses, timeline, validation reasons, error messages).
 *
 * English is always here; zh-CN and zh-TW are separate modules loaded on demand (`loadCatalog`),
 * together with the core's catalog of the same locale. `catalog(locale)` is synchronous and gives
 * English until the locale is loaded; `LocalizeController` holds a widget's render until then.
 *
 * Adding a locale: a file `<locale>.ts` exporting a `WidgetMessages`, its line in `LOADERS`.
 */
import { errorMessage as coreErrorMessage, getMessages, loadMessages, validationMessage } from '@nectar/core/i18n';
import { resolveLocale, type CoreMessages } from '@nectar/core/i18n';
import type { Locale } from '@nectar/core/schema';
import { en, type WidgetMessages } from './en.ts';

export type { WidgetMessages };
export type Catalog = WidgetMessages & { core: CoreMessages };

const LOADERS: Record<Exclude<Locale, 'en'>, () => Promise<WidgetMessages>> = {
  'zh-CN': () => import('./zh-CN.ts').then((m) => m.zhCN),
  'zh-TW': () => import('./zh-TW.ts').then((m) => m.zhTW),
};

const cache = new Map<Locale, Catalog>([['en', { ...en, core: getMessages('en') }]]);
const loading = new Map<Locale, Promise<Catalog>>();

/** The catalog of a locale when loaded, else English (synchronous). */
export function catalog(locale: Locale): Catalog {
  return cache.get(locale) ?? cache.get('en')!;
}

/** Whether `catalog(locale)` already gives that locale's own strings. */
export function hasCatalog(locale: Locale): boolean {
  return cache.has(locale);
}

/**
 * Loads the widget and core catalogs of a locale (once; concurrent calls share the promise).
 * Rejects when a chunk cannot be fetched; a later call tries again.
 */
export function loadCatalog(locale: string): Promise<Catalog> {
  const tag = resolveLocale(locale);
  const have = cache.get(tag);
  if (have) return Promise.resolve(have);
  let promise = loading.get(tag);
  if (!promise) {
    promise = Promise.all([LOADERS[tag as Exclude<Locale, 'en'>](), loadMessages(tag)]).then(
      ([widget, core]) => {
        const c: Catalog = { ...widget, core };
        cache.set(tag, c);
        return c;
      },
      (error: unknown) => {
        loading.delete(tag);
        throw error;
      },
    );
    loading.set(tag, promise);
  }
  return promise;
}

/** A field's validation reason code (`required`, `invalid_email`…) as a sentence. */
export function reasonMessage(m: Catalog, reason: string, field?: string): string {
  return validationMessage(m.core, reason, field);
}

/** A failure (typed errors of the core) as a sentence for the shopper. */
export function errorMessage(m: Catalog, error: unknown): string {
  return coreErrorMessage(m.core, error);
}
