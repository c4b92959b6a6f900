/**
 * The commerce side of Nectar, as types: one small interface every ecommerce backend implements
 * (`CommerceAdapter`) and one normalized order model, so the ticket form can link a ticket to an
 * order and pick the affected items, and the nudge engine can notice a late delivery — whatever the
 * shop runs on. No dependencies: `@nectar/adapters/commerce` validates orders against these types
 * with its zod schemas and implements the adapters.
 */

export const ORDER_STATUSES = ['open', 'completed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const FULFILLMENT_STATUSES = ['unfulfilled', 'partial', 'fulfilled', 'shipped', 'delivered', 'unknown'] as const;
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];

export interface Money {
  /** Decimal string in major units (`"12.50"`), never a float. */
  amount: string;
  /** ISO 4217 code, e.g. `EUR`. */
  currency: string;
}

export interface OrderLine {
  id: string;
  title: string;
  sku: string | null;
  quantity: number;
  /** Absolute URL of the product image, or null. */
  image: string | null;
}

/** Dates are ISO 8601 with an offset. */
export interface Shipment {
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  estimatedDeliveryAt: string | null;
}

/** One order, the same shape for every backend. Adapters validate it before returning it. */
export interface Order {
  /** The backend's own id (opaque; used with `getOrder`). */
  id: string;
  /** What the shopper sees, e.g. `#1001`. */
  number: string;
  /** ISO 8601 with an offset. */
  placedAt: string;
  status: OrderStatus;
  fulfillment: FulfillmentStatus;
  total: Money;
  lines: OrderLine[];
  shipments: Shipment[];
}

export interface Shopper {
  id: string;
  email: string | null;
  name: string | null;
}

export interface OrderPage {
  orders: Order[];
  /** Opaque cursor for the next page (`listOrders({ after })`), or null on the last page. */
  next: string | null;
}

export interface CommerceCapabilities {
  /** Shipments carry carrier/tracking numbers. */
  tracking: boolean;
  /** Shipments carry the backend's own delivery estimate. */
  deliveryEstimate: boolean;
  /** `lookupGuestOrder` works (order number + email, no account). */
  guestLookup: boolean;
  /** Calls go through `@nectar/adapters/proxy` because they need a secret. */
  needsProxy: boolean;
}

/**
 * What Nectar needs from an ecommerce backend. Failures throw the typed errors of
 * `@nectar/core/errors`: `AuthError` (expired/missing credentials), `NotFoundError`,
 * `RateLimitedError` (with `retryAfter` from the backend's header), `NetworkError`
 * (unreachable, timeout) and `BackendError` (5xx, or a malformed response — never passed on).
 */
export interface CommerceAdapter {
  readonly name: string;
  readonly capabilities: CommerceCapabilities;
  /** The signed-in shopper, or null for a guest. */
  identify(): Promise<Shopper | null>;
  /** The shopper's orders, newest first. `first` defaults to 10. */
  listOrders(options?: { first?: number; after?: string | null }): Promise<OrderPage>;
  /** One of the shopper's orders by `Order.id` or `Order.number`; `NotFoundError` if it is not theirs. */
  getOrder(ref: string): Promise<Order>;
  /** Present when `capabilities.guestLookup`: an order found by its number and the buyer's email. */
  lookupGuestOrder?(input: { orderNumber: string; email: string }): Promise<Order>;
}
