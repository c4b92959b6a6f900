import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { NectarClient, Unsubscribe } from '@nectar/core';
import { ClientController } from './controllers/client.ts';
import { LocalizeController } from './controllers/localize.ts';
import type { EnglishSections } from '../i18n/index.ts';

/**
 * Base class of every Nectar widget: finds the client (`client` property or the default
 * client), localizes (following the client's `locale-change`), and carries the `theme`
 * attribute that styles depend on.
 *
 * @attr {'large' | 'normal'} text-size - `large`: body text ≥ 20 px, targets ≥ 48 px, one column, for this widget and those inside it; `normal` undoes a page-wide `large` (the CDN script tag's `data-text-size`). Styles only (`internal/styles.ts`).
 * @attr lang - The widget's locale (`en`, `zh-CN`, `zh-TW`, or a tag that falls back to one of them); default: the client's locale, else the browser's language.
 */
export class NectarElement extends LitElement {
  static override properties: PropertyDeclarations = {
    client: { attribute: false },
    theme: { reflect: true },
  };

  /** The client to use; default: the default client (the last one created). */
  declare client: NectarClient | undefined;
  /** `light`, `dark`, or `auto` (follows `prefers-color-scheme`). */
  declare theme: 'light' | 'dark' | 'auto';

  protected readonly clientController = new ClientController(this, (client) => [
    client.on('locale-change', () => this.requestUpdate()),
    ...this.subscribeClient(client),
  ]);
  /**
   * The sections of the English catalog the widget shows (`i18n/en/*.ts`): a page carries the English
   * strings of its own widgets only. The other locales' catalogs are whole.
   */
  static english: EnglishSections = {};

  protected readonly localize = new LocalizeController(
    this,
    () => this.clientController.value,
    (this.constructor as typeof NectarElement).english,
  );

  constructor() {
    super();
    this.theme = 'auto';
  }

  /** Renders only once the locale's catalog is loaded (no flash of English; see `LocalizeController`). */
  protected override shouldUpdate(changed: PropertyValues): boolean {
    return this.localize.ready(changed) && super.shouldUpdate(changed);
  }

  /** Also waits for the locale's catalog and the render that follows it. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    for (let p = this.localize.loading; p; p = this.localize.loading) {
      await p;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  /** The client in use now, if any. */
  protected get activeClient(): NectarClient | undefined {
    return this.clientController.value;
  }

  /** Subclasses listen to client events here; called again for each new client. */
  protected subscribeClient(_client: NectarClient): Unsubscribe[] {
    return [];
  }
}
