/**
 * The commerce side of Nectar: one small interface every ecommerce backend implements, and one
 * normalized order model, so the ticket form can link a ticket to an order, pick the affected
 * items, and the nudge engine can notice a late delivery — whatever the shop runs on.
 */
import * as z from 'zod/mini';
import {
  FULFILLMENT_STATUSES,
  ORDER_STATUSES,
  type Money,
  type Order,
  type OrderLine,
  type Shipment,
} from '@nectar/core/commerce';

// The types are core's (one definition, which the client and widgets use too); the schemas below
// validate what a backend answers against them.
export { FULFILLMENT_STATUSES, ORDER_STATUSES };
export type {
  CommerceAdapter,
  CommerceCapabilities,
  FulfillmentStatus,
  Money,
  Order,
  OrderLine,
  OrderPage,
  OrderStatus,
  Shipment,
  Shopper,
} from '@nectar/core/commerce';

const isoDate = z.iso.datetime({ offset: true });

export const moneySchema = z.object({
  /** Decimal string in major units (`"12.50"`), never a float. */
  amount: z.string().check(z.regex(/^-?\d+(\.\d+)?$/)),
  /** ISO 4217 code, e.g. `EUR`. */
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
});

export const orderLineSchema = z.object({
  id: z.string().check(z.minLength(1)),
  title: z.string(),
  sku: z.nullable(z.string()),
  quantity: z.int().check(z.nonnegative()),
  /** Absolute URL of the product image, or null. */
  image: z.nullable(z.string()),
});

export const shipmentSchema = z.object({
  carrier: z.nullable(z.string()),
  trackingNumber: z.nullable(z.string()),
  trackingUrl: z.nullable(z.string()),
  shippedAt: z.nullable(isoDate),
  deliveredAt: z.nullable(isoDate),
  estimatedDeliveryAt: z.nullable(isoDate),
});

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

/** Compiles only while each schema's output and core's type are the same both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemasMatchCoreTypes: [
  Same<z.infer<typeof moneySchema>, Money>,
  Same<z.infer<typeof orderLineSchema>, OrderLine>,
  Same<z.infer<typeof shipmentSchema>, Shipment>,
  Same<z.infer<typeof orderSchema>, Order>,
] = [true, true, true, true];
void schemasMatchCoreTypes;

/** Whether an order is late (the same rule as the nudge engine's `order_late`): see `@nectar/core`. */
export { isLate, DELIVERY_WINDOW_DAYS, trackingUrl } from '@nectar/core';
