/**
 * Localization of everything the core says to a shopper: typed catalogs in en, zh-CN and
 * zh-TW, locale matching, and `Intl` formatting. Widgets import this module and keep their
 * own catalogs in the same shape (`pickCatalog`).
 *
 * English is always here (it is the fallback); every other locale is a separate module loaded on
 * demand with `loadMessages(locale)` — the client starts that as soon as it knows its locale — so
 * a page downloads the strings of one language only. `getMessages(locale)` is synchronous: it
 * gives the locale's catalog once loaded, English until then. Loading lives in `load.ts`, which
 * imports no catalog: the client uses it (and `resolveLocale`) without carrying the English
 * strings, which come with the code that shows them (the widgets import this module).
 *
 * English is also exported one section at a time (`enCategories`, `enErrors`, …: `en/*.ts`), and nothing here
 * registers it at import: a bundle that reads only some sections (the widgets declare theirs) carries only those,
 * while `getMessages('en')`, `catalogs.en` and `loadMessages('en')` give the whole catalog.
 *
 * Adding a locale: a file `<locale>.ts` exporting a `CoreMessages`, its line in `LOADERS` (`load.ts`).
 */
import { LOCALES, type Locale } from '../locale.ts';
import { LIMITS } from '../schema/contract.ts';
import { en } from './en.ts';
import { loadMessages as loadLocale, loaded, resolveLocale } from './load.ts';
import type { CoreMessages, ValidationReason } from './types.ts';

export type { CoreMessages, ValidationReason } from './types.ts';
export { LOCALES, type Locale } from '../locale.ts';
export { hasMessages, resolveLocale } from './load.ts';
export { enCategories } from './en/categories.ts';
export { enErrors } from './en/errors.ts';
export { enStatus } from './en/status.ts';
export { enTicket } from './en/ticket.ts';
export { enValidation } from './en/validation.ts';

/** The catalogs loaded so far (English always). */
export const catalogs: { readonly en: CoreMessages } & Readonly<Partial<Record<Locale, CoreMessages>>> = {
  get en() {
    return en;
  },
  get 'zh-CN'() {
    return loaded['zh-CN'];
  },
  get 'zh-TW'() {
    return loaded['zh-TW'];
  },
};

/**
 * Loads the core catalog of a locale (once; later calls share the same promise) and resolves with it; English
 * at once. Rejects when the chunk cannot be fetched; a later call tries again.
 */
export function loadMessages(locale: string): Promise<CoreMessages> {
  return resolveLocale(locale) === 'en' ? Promise.resolve(en) : loadLocale(locale);
}

/**
 * `loadMessages` for a locale other than English (which it rejects): what code that brings its own English
 * sections (the widgets) loads a translation with, without carrying the whole English catalog.
 */
export { loadLocale as loadTranslation };

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The core catalog of a locale (any tag is matched with `resolveLocale`), synchronously: English
 * while that locale's catalog is not loaded yet (see `loadMessages`).
 */
export function getMessages(locale: string): CoreMessages {
  return loaded[resolveLocaleTag(locale)] ?? en;
}

/** Picks a catalog for a locale from a set that has at least English; missing ones fall back to English. */
export function pickCatalog<T>(set: { en: T } & Partial<Record<Locale, T>>, locale: string): T {
  return set[isLocale(locale) ? locale : resolveLocale(locale)] ?? set.en;
}

/**
 * Formats an ISO date-time for the shopper, e.g. "Mar 4, 2025, 3:30 PM" or "2025年3月4日 15:30".
 * `timeZone` defaults to the browser's.
 */
export function formatDateTime(iso: string | Date, locale: string, timeZone?: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return '';
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  if (timeZone) options.timeZone = timeZone;
  return new Intl.DateTimeFormat(resolveLocaleTag(locale), options).format(date);
}

function resolveLocaleTag(locale: string): Locale {
  return isLocale(locale) ? locale : resolveLocale(locale);
}

/** Localized text for a reason code of `ValidationError.fields` (unknown codes read as "invalid"). */
export function validationMessage(messages: CoreMessages, reason: string, field?: string): string {
  const v = messages.validation;
  switch (reason as ValidationReason) {
    case 'too_long':
      return v.too_long(field ? maxLengthOf(field) : undefined);
    case 'file_too_big':
      return v.file_too_big(Math.round(LIMITS.attachmentBytesMax / (1024 * 1024)));
    case 'too_many_files':
      return v.too_many_files(LIMITS.attachmentsMax);
    case 'required':
    case 'invalid_email':
    case 'too_small':
    case 'invalid_choice':
    case 'invalid_type':
    case 'invalid':
    case 'unknown_field':
    case 'file_type':
      return v[reason as 'required'];
    default:
      return v.invalid;
  }
}

function maxLengthOf(field: string): number | undefined {
  const leaf = field.split('.').pop();
  switch (leaf) {
    case 'message':
      return LIMITS.messageMax;
    case 'subject':
      return LIMITS.subjectMax;
    case 'orderRef':
      return LIMITS.orderRefMax;
    case 'name':
      return LIMITS.nameMax;
    case 'email':
      return LIMITS.emailMax;
    default:
      return undefined;
  }
}

/** Localized text for any error the client throws (typed errors are matched by `name`, across realms). */
export function errorMessage(messages: CoreMessages, error: unknown): string {
  const e = error as { name?: string; retryAfter?: number; cause?: { name?: string } } | null;
  switch (e?.name) {
    case 'NetworkError':
      return e.cause?.name === 'TimeoutError'
        ? messages.errors.timeout
        : typeof navigator !== 'undefined' && navigator.onLine === false
          ? messages.errors.offline
          : messages.errors.network;
    case 'RateLimitedError':
      return messages.errors.rate_limited(Math.max(1, Math.ceil(e.retryAfter ?? 1)));
    case 'AuthError':
      return messages.errors.auth;
    case 'ConfigurationError':
      return messages.errors.configuration;
    case 'NotFoundError':
      return messages.errors.not_found;
    case 'BackendError':
      return messages.errors.server;
    default:
      return messages.errors.unknown;
  }
}
