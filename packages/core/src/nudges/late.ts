/** Late orders (the nudge engine's `order_late`; `@nectar/adapters/commerce` re-exports it). */
import type { Order } from '../commerce.ts';

const DAY = 86_400_000;

/** Days after which an order without a delivery estimate is late, unless told otherwise. */
export const DELIVERY_WINDOW_DAYS = 7;

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
