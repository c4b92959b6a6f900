/**
 * Localization of everything the core says to a shopper: typed catalogs in en, zh-CN and
 * zh-TW, locale matching, and `Intl` formatting. Widgets import this module and keep their
 * own catalogs in the same shape (`pickCatalog`).
 */
import { LIMITS, LOCALES, type Locale } from '../schema.ts';
import { en } from './en.ts';
import type { CoreMessages, ValidationReason } from './types.ts';
import { zhCN } from './zh-CN.ts';
import { zhTW } from './zh-TW.ts';

export type { CoreMessages, ValidationReason } from './types.ts';
export { LOCALES, type Locale } from '../schema.ts';

export const catalogs: Readonly<Record<Locale, CoreMessages>> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

const TRADITIONAL = new Set(['tw', 'hk', 'mo', 'hant']);

/**
 * Matches a BCP 47 tag to a supported locale: zh, zh-CN, zh-Hans, zh-SG → `zh-CN`;
 * zh-TW, zh-HK, zh-MO, zh-Hant → `zh-TW`; anything else → `en`. Without input, uses
 * the browser's `navigator.language`.
 */
export function resolveLocale(input?: string | null): Locale {
  const tag = input ?? (typeof navigator !== 'undefined' ? navigator.language : undefined);
  if (typeof tag !== 'string' || !tag) return 'en';
  const parts = tag.trim().toLowerCase().replace(/_/g, '-').split('-');
  if (parts[0] !== 'zh') return 'en';
  return parts.slice(1).some((p) => TRADITIONAL.has(p)) ? 'zh-TW' : 'zh-CN';
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The core catalog of a locale (any tag is matched with `resolveLocale`). */
export function getMessages(locale: string): CoreMessages {
  return catalogs[isLocale(locale) ? locale : resolveLocale(locale)];
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

/** Formats a number with `Intl.NumberFormat`. */
export function formatNumber(value: number, locale: string, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(resolveLocaleTag(locale), options).format(value);
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
    case 'NotFoundError':
      return messages.errors.not_found;
    case 'BackendError':
      return messages.errors.server;
    default:
      return messages.errors.unknown;
  }
}
