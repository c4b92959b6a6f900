/**
 * Widget messages: the widgets' own UI strings combined with the core catalog
 * (categories, statuses, timeline, validation reasons, error messages).
 */
import { errorMessage as coreErrorMessage, getMessages, validationMessage } from '@nectar/core/i18n';
import type { CoreMessages } from '@nectar/core/i18n';
import type { Locale } from '@nectar/core/schema';
import { en, type WidgetMessages } from './en.ts';
import { zhCN } from './zh-CN.ts';
import { zhTW } from './zh-TW.ts';

export type { WidgetMessages };
export type Catalog = WidgetMessages & { core: CoreMessages };

const WIDGET: Record<Locale, WidgetMessages> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };
const cache = new Map<Locale, Catalog>();

export function catalog(locale: Locale): Catalog {
  let c = cache.get(locale);
  if (!c) {
    c = { ...(WIDGET[locale] ?? en), core: getMessages(locale) };
    cache.set(locale, c);
  }
  return c;
}

/** A field's validation reason code (`required`, `invalid_email`…) as a sentence. */
export function reasonMessage(m: Catalog, reason: string, field?: string): string {
  return validationMessage(m.core, reason, field);
}

/** A failure (typed errors of the core) as a sentence for the shopper. */
export function errorMessage(m: Catalog, error: unknown): string {
  return coreErrorMessage(m.core, error);
}
