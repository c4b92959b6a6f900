/**
 * The server side of commerce: what the reference service (or a merchant's own back office) asks a
 * shop with the shop's own credentials — one order in full for the agent who works a ticket, and a
 * refund executed in the shop's payment records. Server-only: an implementation holds admin secrets
 * (`@nectar/adapters/vendure/admin` for Vendure) and must never be bundled for a browser.
 */
import type { Money, Order } from './types.ts';

/** One order as an agent sees it: the normalized order plus the backend's state, totals and customer. */
export interface AgentOrder extends Order {
  /** The backend's own state name (e.g. Vendure's `PaymentSettled`), for the agent who knows the shop. */
  state: string;
  customer: { email: string | null; name: string | null };
  totals: {
    /** Lines with tax. */
    subtotal: Money;
    /** Shipping with tax. */
    shipping: Money;
    total: Money;
    /** What was refunded already (refunds the backend did not mark failed). */
    refunded: Money;
  };
}

export interface RefundRequest {
  /** Major units (`12.5` = 12.50), at most two decimals. */
  amount: number;
  /** ISO 4217; must be the order's currency. */
  currency: string;
  /** Why (kept on the backend's refund record). */
  reason: string;
  /**
   * Makes the refund idempotent on the backend: a refund of this order already carrying this key is
   * returned instead of refunding twice (e.g. a retried request after a lost answer).
   */
  key?: string;
}

/** A refund the backend accepted: `reference` is its own id (e.g. Vendure's Refund id). */
export interface RefundResult {
  state: 'executed';
  reference: string;
  /** The backend's state of that refund (e.g. `Settled`, or `Pending` while the payment provider works). */
  backendState: string;
}

/**
 * The commerce backend on the server. Errors are `@nectar/core/errors`: `NotFoundError` (no such order),
 * `AuthError` (the credentials were refused), `NetworkError` (unreachable, timed out), `ValidationError`
 * (a refund the order cannot take: wrong currency, more than is left), `BackendError` (anything else).
 */
export interface ServerCommerce {
  /** The backend's name, e.g. `vendure`. */
  name: string;
  /** One order by what the shopper calls it (`orderRef` of a ticket: the order number or code). */
  orderForAgent(orderRef: string): Promise<AgentOrder>;
  /** Refunds part or all of an order through the backend; absent when the backend cannot. */
  refund?(orderRef: string, request: RefundRequest): Promise<RefundResult>;
}
