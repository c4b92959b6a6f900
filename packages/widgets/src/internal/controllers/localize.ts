import type { PropertyValues, ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from '@nectar/core/schema';
import { resolveLocale } from '@nectar/core/i18n';
import type { NectarClient } from '@nectar/core';
import { catalog, hasCatalog, loadCatalog, type Catalog, type EnglishSections } from '../../i18n/index.ts';

/**
 * Gives a widget its locale and messages: the host's `lang` attribute when set, else the
 * client's locale (following `locale-change`), else the browser's language.
 *
 * Catalogs other than English are loaded on demand. Until the locale's catalog is here the host
 * does not render (`NectarElement.shouldUpdate` asks `ready`), so a shopper never sees English
 * flash before Chinese; the properties changed meanwhile are kept and the host is updated once the
 * catalog arrives. If it cannot be fetched, the widget renders in English.
 */
type LocalizeHost = ReactiveControllerHost & HTMLElement & { requestUpdate(key?: PropertyKey, old?: unknown): void };

export class LocalizeController implements ReactiveController {
  private waitingFor: Locale | undefined;
  private pending: Promise<void> | undefined;
  private readonly held = new Map<PropertyKey, unknown>();
  private readonly failed = new Set<Locale>();

  private readonly host: LocalizeHost;
  private readonly client: () => NectarClient | undefined;
  /** The English strings the host shows (its sections of the catalog). */
  private readonly english: EnglishSections | undefined;

  constructor(host: LocalizeHost, client: () => NectarClient | undefined, english?: EnglishSections) {
    this.host = host;
    this.client = client;
    this.english = english;
    host.addController(this);
  }

  get locale(): Locale {
    const lang = this.host.lang;
    if (lang) return resolveLocale(lang);
    return this.client()?.locale ?? resolveLocale(globalThis.navigator?.language);
  }

  get messages(): Catalog {
    return catalog(this.locale, this.english);
  }

  /** Settles once the catalog being loaded is here and the host was asked to update; `undefined` when none is. */
  get loading(): Promise<void> | undefined {
    return this.pending;
  }

  /**
   * Whether the host may render now. If not, starts loading the locale's catalog, keeps `changed`
   * (the host's changed properties, which Lit drops when an update is skipped) and requests an
   * update with them when the catalog is here.
   */
  ready(changed?: PropertyValues): boolean {
    const locale = this.locale;
    if (hasCatalog(locale) || this.failed.has(locale)) return true;
    if (changed) for (const [key, old] of changed) if (!this.held.has(key)) this.held.set(key, old);
    if (this.waitingFor !== locale) {
      this.waitingFor = locale;
      const pending = loadCatalog(locale)
        .then(
          () => undefined,
          (error: unknown) => {
            this.failed.add(locale);
            console.error(`[nectar] could not load the ${locale} messages; showing English`, error);
          },
        )
        .then(() => {
          if (this.pending !== pending) return;
          this.waitingFor = undefined;
          this.pending = undefined;
          const held = [...this.held];
          this.held.clear();
          for (const [key, old] of held) this.host.requestUpdate(key, old);
          this.host.requestUpdate();
        });
      this.pending = pending;
    }
    return false;
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

  hostConnected(): void {
    // Start fetching before the first update.
    this.ready();
  }
}
