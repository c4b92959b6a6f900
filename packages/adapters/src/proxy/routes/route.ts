/** What a vendor's route file declares, and what the handler gives it to work with. */
import type { ProxyConfig, ProxyStore } from '../config.ts';
import type { Idempotent } from '../idempotency.ts';
import type { AccessTokens } from '../signing.ts';
import type { Uploads } from '../uploads.ts';
import type { VendorJson } from '../vendor.ts';

export type Backend = 'woocommerce' | 'freshdesk' | 'gorgias' | 'chatwoot' | 'medusa';

interface RouteBase {
  method: string;
  /** Path pattern below the base path; its one group, if any, is the handler's `id`. */
  path: RegExp;
  backend: Backend;
  /** Route name, e.g. `woocommerce.orders` (given to the rate-limit hook). */
  name: string;
}

/** A route for the verified shopper only (`shopper: true`), or for anyone the route itself checks. */
export type Route = RouteBase &
  (
    | { shopper: true; handle(request: Request, id: string, shopperId: string): Promise<Response> }
    | { shopper: false; handle(request: Request, id: string): Promise<Response> }
  );

/** The proxy's shared pieces, built once by `createProxy`. */
export interface RouteContext {
  config: ProxyConfig;
  store: ProxyStore;
  vendorJson: VendorJson;
  idempotent: Idempotent;
  tokens: AccessTokens;
  uploads: Uploads;
}
