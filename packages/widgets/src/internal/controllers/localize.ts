import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from '@nectar/core/schema';
import { resolveLocale } from '@nectar/core/i18n';
import type { NectarClient } from '@nectar/core';
import { catalog, type Catalog } from '../../i18n/index.ts';

/**
 * Gives a widget its locale and messages: the host's `lang` attribute when set, else the
 * client's locale (following `locale-change`), else the browser's language.
 */
export class LocalizeController implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly client: () => NectarClient | undefined,
  ) {
    host.addController(this);
  }

  get locale(): Locale {
    const lang = this.host.lang;
    if (lang) return resolveLocale(lang);
    return this.client()?.locale ?? resolveLocale(globalThis.navigator?.language);
  }

  get messages(): Catalog {
    return catalog(this.locale);
  }

  /** Date and time in the shopper's locale and time zone. */
  dateTime(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }

  number(value: number): string {
    return new Intl.NumberFormat(this.locale).format(value);
  }

  hostConnected(): void {}
}
