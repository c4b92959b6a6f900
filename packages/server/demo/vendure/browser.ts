/**
 * Browser side of the Vendure demo (`npm start -- --commerce vendure`), bundled at start-up into
 * `/demo/vendure.js`. It does what an integrator does: builds a `vendure()` adapter for the
 * signed-in shopper and gives it to the panel's and the ticket forms' client, so the panel shows "My orders"
 * (parcels, tracking links, late orders) and the form offers their orders.
 *
 * The page's client is the CDN loader's `window.nectar` (built from `data-*` attributes, without
 * a commerce adapter); each `<nectar-panel>` and `<nectar-ticket-form>` gets a client that is that same
 * client plus `commerce` (its `element.client`).
 */
import { vendure } from '@nectar/adapters/vendure';
import type { NectarClient } from '@nectar/core';

const script = document.querySelector<HTMLScriptElement>('script[data-vendure-shop-api]')!;
const commerce = vendure({
  shopApiUrl: new URL(script.dataset.vendureShopApi!, location.href).href,
  token: script.dataset.vendureToken ?? null,
});

let withCommerce: NectarClient | undefined;
const isReal = (c: unknown): c is NectarClient =>
  !!c && typeof (c as NectarClient).tickets?.list === 'function' && 'desk' in (c as object);

function clientWithCommerce(): NectarClient | undefined {
  const real = (window as unknown as { nectar?: unknown }).nectar;
  if (!isReal(real)) return undefined;
  withCommerce ??= Object.create(real, { commerce: { value: commerce, enumerable: true } }) as NectarClient;
  return withCommerce;
}

function attach(root: ParentNode): void {
  const client = clientWithCommerce();
  if (!client) return;
  for (const el of root.querySelectorAll('nectar-panel, nectar-ticket-form')) {
    const widget = el as { client?: NectarClient };
    if (widget.client !== client) widget.client = client;
  }
}

new MutationObserver(() => attach(document)).observe(document.body, { childList: true, subtree: true });
window.addEventListener('nectar-ready', () => attach(document));
attach(document);
