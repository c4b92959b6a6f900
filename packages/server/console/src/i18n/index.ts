/**
 * The console's locale: the agent's choice (remembered), else the browser's languages (zh-TW / zh-HK /
 * zh-Hant → zh-TW, other zh → zh-CN), else English. Elements read strings through `LocalizeController`,
 * which re-renders them when the locale changes; numbers, dates and durations go through `Intl`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en, type Messages } from './en.ts';

export type { Messages };
export const LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文', 'zh-TW': '繁體中文' };

const STORAGE_KEY = 'nectar-console:locale';

export function matchLocale(tags: readonly string[]): Locale {
  for (const tag of tags) {
    const t = tag.toLowerCase();
    if (t === 'en' || t.startsWith('en-')) return 'en';
    if (/^zh-(tw|hk|mo)\b|^zh-hant\b/.test(t)) return 'zh-TW';
    if (t === 'zh' || t.startsWith('zh-')) return 'zh-CN';
  }
  return 'en';
}

function initialLocale(): Locale {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage refused (private mode): the browser's languages decide.
  }
  if ((LOCALES as readonly string[]).includes(stored ?? '')) return stored as Locale;
  return matchLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

const loaders: Record<Exclude<Locale, 'en'>, () => Promise<Messages>> = {
  'zh-CN': () => import('./zh-CN.ts').then((m) => m.zhCN),
  'zh-TW': () => import('./zh-TW.ts').then((m) => m.zhTW),
};

let current: { locale: Locale; messages: Messages } = { locale: 'en', messages: en };
const hosts = new Set<ReactiveControllerHost>();

export const locale = () => current.locale;
export const messages = () => current.messages;

export async function setLocale(next: Locale, remember = true): Promise<void> {
  const loaded = next === 'en' ? en : await loaders[next]();
  current = { locale: next, messages: loaded };
  document.documentElement.lang = next;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered; still applied.
    }
  }
  for (const host of hosts) host.requestUpdate();
}

/** Applies the initial locale (fetching its catalog when it is not English). */
export const initLocale = () => setLocale(initialLocale(), false);

export class LocalizeController implements ReactiveController {
  readonly host: ReactiveControllerHost;
  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }
  hostConnected() {
    hosts.add(this.host);
  }
  hostDisconnected() {
    hosts.delete(this.host);
  }
  get t(): Messages {
    return current.messages;
  }
  get locale(): Locale {
    return current.locale;
  }

  dateTime(iso: string): string {
    return new Intl.DateTimeFormat(current.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  }

  time(date: Date): string {
    return new Intl.DateTimeFormat(current.locale, { timeStyle: 'short' }).format(date);
  }

  /** "in 2 hours" / "3 minutes ago", in the largest unit that fits. */
  relative(iso: string, now = Date.now()): string {
    const seconds = (Date.parse(iso) - now) / 1000;
    const format = new Intl.RelativeTimeFormat(current.locale, { numeric: 'auto' });
    const abs = Math.abs(seconds);
    if (abs < 60) return format.format(Math.round(seconds), 'second');
    if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
    if (abs < 86400 * 2) return format.format(Math.round(seconds / 3600), 'hour');
    return format.format(Math.round(seconds / 86400), 'day');
  }

  /** "a, b and c" (or "a, b or c"), in the locale's words. */
  list(items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
    return new Intl.ListFormat(current.locale, { style: 'long', type }).format(items);
  }

  /** An amount of money in the locale's form ("€12.50"); the bare number and code when the code is unknown to Intl. */
  money(amount: number, currency: string): string {
    try {
      return new Intl.NumberFormat(current.locale, { style: 'currency', currency }).format(amount);
    } catch {
      return `${new Intl.NumberFormat(current.locale).format(amount)} ${currency}`;
    }
  }

  /** A wait such as "5 minutes" or "40 seconds" (for a 429's Retry-After). */
  duration(seconds: number): string {
    const unit = seconds >= 90 ? 'minute' : 'second';
    const value = unit === 'minute' ? Math.ceil(seconds / 60) : Math.ceil(seconds);
    return new Intl.NumberFormat(current.locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
  }
}
