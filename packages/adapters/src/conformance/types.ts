import type { DeskAdapter } from '@nectar/core';
import type { CommerceAdapter, FulfillmentStatus, OrderStatus } from '../commerce/types.ts';

/** A mocha-style test API: `node:test`, mocha (browser or node), web-test-runner. */
export interface TestApi {
  describe: (name: string, fn: () => void) => unknown;
  it: ((name: string, fn: () => Promise<void> | void) => unknown) & {
    skip?: (name: string, fn?: () => Promise<void> | void) => unknown;
  };
}

/** What the kit hands `makeAdapter`/`makeDesk`: ALL HTTP calls must go through `fetch`. */
export interface AdapterContext {
  fetch: typeof fetch;
  /** The kit's short timeout for one request (ms); pass it to the adapter's `timeoutMs`. */
  timeoutMs: number;
}

/** A hand-made response for a fault case, and what the kit expects from it. */
export interface FaultOverrides {
  /** The backend's own rate-limit answer (default: HTTP 429 with `Retry-After: 7`). */
  rateLimited?: { response: () => Response; retryAfter: number };
  /** The backend's own 5xx answer (default: HTTP 500 with a JSON body). */
  serverError?: { response: () => Response; status: number };
}

export interface SeedOrder {
  /** `Order.number` as the adapter reports it. */
  number: string;
  status: OrderStatus;
  fulfillment: FulfillmentStatus;
  /** Whether `isLate(order, { deliveryWindowDays, now })` holds. */
  late: boolean;
  /** Number of lines, when the kit should check it. */
  lines?: number;
  /** A tracking number the adapter must report (backends with `capabilities.tracking`). */
  trackingNumber?: string;
  /** `total.amount` and `total.currency`, when the kit should check them. */
  total?: { amount: string; currency: string };
}

export interface CommerceSeed {
  /** The signed-in shopper `identify()` must return. */
  shopper: { email: string; name?: string | null; id?: string };
  /** Every order of the shopper, NEWEST FIRST. At least 3 (for pages) and one late. */
  orders: SeedOrder[];
  deliveryWindowDays: number;
  /** The clock for `isLate` (default: now). */
  now?: Date;
  /** Fulfillment states this backend can express; the kit lists the others as not supported. */
  fulfillmentStates: FulfillmentStatus[];
  /** An order ref (id or number) that does not exist for this shopper. */
  unknownOrderRef: string;
  /** An adapter for the same backend with expired/revoked credentials. */
  expiredAdapter: (ctx: AdapterContext) => CommerceAdapter | Promise<CommerceAdapter>;
  /** An adapter for a signed-in shopper without orders (skipped when absent — say why in `notes`). */
  emptyAdapter?: (ctx: AdapterContext) => CommerceAdapter | Promise<CommerceAdapter>;
  /** Guest lookup data; required when `capabilities.guestLookup`. */
  guest?: { orderNumber: string; email: string };
  /** Page size for the multi-page walk (default: a third of the orders, at least 1). */
  pageSize?: number;
  /** Strings that must never appear in an error (tokens, keys). */
  secrets?: string[];
  faults?: FaultOverrides;
  /** Look orders up by number too (default true). */
  getByNumber?: boolean;
}

export interface DeskSeed {
  /** A valid ticket for this helpdesk (the kit sets `attachments`). Must have `category` and `orderRef`. */
  ticket: () => import('@nectar/core').TicketCreateInput;
  /** What the helpdesk holds for a created ticket, read from ITS OWN fields (custom fields, tags, uploads). */
  inspect?: (receipt: import('@nectar/core').TicketReceipt) => Promise<{
    category: string | null;
    orderRef: string | null;
    attachments: number;
  }>;
  /** How many tickets the helpdesk holds (for the idempotency check). */
  count?: () => Promise<number>;
  /** A desk for the same helpdesk with revoked credentials (skipped when absent). */
  expiredDesk?: (ctx: AdapterContext) => DeskAdapter | Promise<DeskAdapter>;
  /** An image to upload (default: a 1×1 PNG). */
  image?: () => Blob;
  secrets?: string[];
  faults?: FaultOverrides;
}
