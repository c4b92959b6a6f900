/**
 * The commerce side of Nectar: one small interface every ecommerce backend implements, and one
 * normalized order model, so the ticket form can link a ticket to an order, pick the affected
 * items, and the nudge engine can notice a late delivery — whatever the shop runs on.
 */
import * as z from 'zod/mini';

export const ORDER_STATUSES = ['open', 'completed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const FULFILLMENT_STATUSES = ['unfulfilled', 'partial', 'fulfilled', 'shipped', 'delivered', 'unknown'] as const;
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];

const isoDate = z.iso.datetime({ offset: true });

export const moneySchema = z.object({
  /** Decimal string in major units (`"12.50"`), never a float. */
  amount: z.string().check(z.regex(/^-?\d+(\.\d+)?$/)),
  /** ISO 4217 code, e.g. `EUR`. */
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
});
export type Money = z.infer<typeof moneySchema>;

export const orderLineSchema = z.object({
  id: z.string().check(z.minLength(1)),
  title: z.string(),
  sku: z.nullable(z.string()),
  quantity: z.int().check(z.nonnegative()),
  /** Absolute URL of the product image, or null. */
  image: z.nullable(z.string()),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

export const shipmentSchema = z.object({
  carrier: z.nullable(z.string()),
  trackingNumber: z.nullable(z.string()),
  trackingUrl: z.nullable(z.string()),
  shippedAt: z.nullable(isoDate),
  deliveredAt: z.nullable(isoDate),
  estimatedDeliveryAt: z.nullable(isoDate),
});
export type Shipment = z.infer<typeof shipmentSchema>;

/** One order, the same shape for every backend. Adapters validate it before returning it. */
export const orderSchema = z.object({
  /** The backend's own id (opaque; used with `getOrder`). */
  id: z.string().check(z.minLength(1)),
  /** What the shopper sees, e.g. `#1001`. */
  number: z.string().check(z.minLength(1)),
  placedAt: isoDate,
  status: z.enum(ORDER_STATUSES),
  fulfillment: z.enum(FULFILLMENT_STATUSES),
  total: moneySchema,
  lines: z.array(orderLineSchema),
  shipments: z.array(shipmentSchema),
});
export type Order = z.infer<typeof orderSchema>;

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

const DAY = 86_400_000;

/**
 * Whether an order is late: not delivered (nor cancelled) and past its delivery date — the
 * backend's own estimate when a shipment has one (the latest), else `placedAt` plus the window.
 */
export function isLate(order: Order, options: { deliveryWindowDays: number; now?: Date }): boolean {
  if (order.status === 'cancelled' || order.fulfillment === 'delivered') return false;
  if (order.shipments.length > 0 && order.shipments.every((s) => s.deliveredAt)) return false;
  const now = (options.now ?? new Date()).getTime();
  const estimates = order.shipments.map((s) => s.estimatedDeliveryAt).filter((d): d is string => !!d);
  const due =
    estimates.length > 0
      ? Math.max(...estimates.map((d) => Date.parse(d)))
      : Date.parse(order.placedAt) + options.deliveryWindowDays * DAY;
  return now > due;
}
