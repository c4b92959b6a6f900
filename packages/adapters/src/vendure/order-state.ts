/**
 * Vendure's order states and amounts in the commerce types' terms, shared by the shop adapter (`./index.ts`)
 * and the server-side admin adapter (`./admin.ts`).
 */
import type { FulfillmentStatus, OrderStatus } from '../commerce/types.ts';

/** The order fields these read (the same in the Shop and Admin APIs). */
export interface OrderProgress {
  state: string;
  lines: { quantity: number }[];
  fulfillments?: { state: string; lines: { quantity: number }[] }[] | null;
}

/** Minor units (integer cents) as a decimal string: 1999 → "19.99", -5 → "-0.05". */
export function decimal(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(Math.round(minor))).padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

export function orderStatus(state: string): OrderStatus {
  if (state === 'Cancelled') return 'cancelled';
  if (state === 'Delivered') return 'completed';
  return 'open';
}

export function fulfillmentStatus(order: OrderProgress): FulfillmentStatus {
  switch (order.state) {
    case 'Delivered':
      return 'delivered';
    case 'PartiallyDelivered':
    case 'PartiallyShipped':
      return 'partial';
    case 'Shipped':
      return 'shipped';
  }
  const ordered = order.lines.reduce((n, l) => n + l.quantity, 0);
  const covered = (order.fulfillments ?? [])
    .filter((f) => f.state !== 'Cancelled')
    .reduce((n, f) => n + f.lines.reduce((m, l) => m + l.quantity, 0), 0);
  if (covered === 0) return 'unfulfilled';
  return covered >= ordered ? 'fulfilled' : 'partial';
}
