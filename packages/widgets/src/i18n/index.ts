/**
 * Widget messages: the widgets' own UI strings combined with the core catalog
 * (categories, statuses, timeline, validation reasons, error messages).
 *
 * English is always here (each widget brings the sections it shows); zh-CN and zh-TW are separate
 * modules loaded on demand (`loadCatalog`),
 * together with the core's catalog of the same locale. `catalog(locale)` is synchronous and gives
 * English until the locale is loaded; `LocalizeController` holds a widget's render until then.
 *
 * Adding a locale: a file `<locale>.ts` exporting a `WidgetMessages`, its line in `LOADERS`.
 */
import { errorMessage as coreErrorMessage, loadTranslation, validationMessage } from '@nectar/core/i18n';
import { resolveLocale, type CoreMessages } from '@nectar/core/i18n';
import type { Locale } from '@nectar/core/schema';
import type { WidgetMessages } from './en.ts';
import { common } from './en/common.ts';

export type { WidgetMessages };
export type Catalog = WidgetMessages & { core: CoreMessages };
/** Sections (or some of their strings) of the English catalog, as a widget declares them (`static english`). */
export type EnglishSections = { [K in keyof WidgetMessages]?: Partial<WidgetMessages[K]> } & {
  /** The sections of the core's English catalog the widget shows (`enCategories`, `enErrors`… of `@nectar/core/i18n`). */
  core?: Partial<CoreMessages>;
};

const LOADERS: Record<Exclude<Locale, 'en'>, () => Promise<WidgetMessages>> = {
  'zh-CN': () => import('./zh-CN.ts').then((m) => m.zhCN),
  'zh-TW': () => import('./zh-TW.ts').then((m) => m.zhTW),
};

/**
 * English holds the sections the widgets on the page declared (each widget's `static english`,
 * added by `catalog`), so a page carries the English strings of its own widgets only; the few
 * strings several widgets show (`en/common.ts`) are always there. The core's English strings come the same way,
 * a section at a time.
 */
const english = { core: {}, form: { ...common } } as unknown as Catalog;
const added = new WeakSet<EnglishSections>();
const cache = new Map<Locale, Catalog>([['en', english]]);
const loading = new Map<Locale, Promise<Catalog>>();

/**
 * The catalog of a locale when loaded, else English (synchronous). `sections` are the English
 * strings the caller shows; they are added to the English catalog first.
 */
export function catalog(locale: Locale, sections?: EnglishSections): Catalog {
  if (sections && !added.has(sections)) {
    added.add(sections);
    const into = english as unknown as Record<string, Record<string, unknown>>;
    for (const [name, strings] of Object.entries(sections)) into[name] = { ...into[name], ...strings };
  }
  return cache.get(locale) ?? english;
}

/**
 * Adds English strings that code loaded later shows (e.g. the form's confirmation, with its check), so they
 * need not come with the widget's first render.
 */
export function addEnglish(sections: EnglishSections): void {
  catalog('en', sections);
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
    promise = Promise.all([LOADERS[tag as Exclude<Locale, 'en'>](), loadTranslation(tag)]).then(
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
