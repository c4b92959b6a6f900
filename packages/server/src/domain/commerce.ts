/**
 * The shop's backend as the agent sees it: the ticket's order and tracking through the configured
 * server-side commerce adapter (`AppOptions.commerce`), and a refund remedy executed there. The
 * backend is somebody else's service: it is given a short time, and whatever it does — fail, refuse,
 * hang — the agent's screen still opens (`order: { unavailable }`) and the remedy is still recorded
 * (`execution: 'failed'`, fulfilled by hand).
 */
import { createHash } from 'node:crypto';
import { isLate } from '@nectar/core';
import type { AgentOrder, ServerCommerce } from '@nectar/adapters/commerce/server';

export interface CommerceDeps {
  backend: ServerCommerce | null;
  /** How long the agent's ticket waits for the order (default 4 s). */
  timeoutMs: number;
  /** Days after placement an undelivered order counts as late. */
  deliveryWindowDays: number;
}

/** Why the order could not be shown. */
export type OrderUnavailable = 'not_configured' | 'not_found' | 'timeout' | 'unreachable' | 'refused' | 'backend_error';

/** The order as the agent's ticket carries it: `currency` is the order's (a refund's default), `late` by the delivery window. */
export type TicketOrder =
  (AgentOrder & { currency: string; late: boolean; backend: string }) | { unavailable: OrderUnavailable };

/** How a remedy went: done by the backend, to be done by hand, or tried and failed (so by hand). */
export interface RemedyExecution {
  execution: 'executed' | 'manual' | 'failed';
  reference?: string;
  error?: string;
}

class Timeout extends Error {
  override name = 'Timeout';
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

function unavailableFor(error: unknown): OrderUnavailable {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'Timeout') return 'timeout';
  if (name === 'NotFoundError') return 'not_found';
  if (name === 'AuthError') return 'refused';
  if (name === 'NetworkError') return /within|timed out/i.test((error as Error).message) ? 'timeout' : 'unreachable';
  return 'backend_error';
}

/**
 * Orders read in the last seconds, per backend: the console asks for an open ticket every 10 s, the shop need
 * not answer each time. Only answers are kept (a failure is asked again); a refund forgets its order.
 */
const CACHE_MS = 20_000;
const CACHE_MAX = 500;
const recent = new WeakMap<ServerCommerce, Map<string, { at: number; order: AgentOrder }>>();

/** The ticket's order for the agent, or why there is none to show; never throws. */
export async function orderForTicket(
  commerce: CommerceDeps,
  orderRef: string,
  now = new Date(),
  onError: (error: unknown) => void = () => {},
): Promise<TicketOrder> {
  const backend = commerce.backend;
  if (!backend) return { unavailable: 'not_configured' };
  const cache = recent.get(backend) ?? new Map<string, { at: number; order: AgentOrder }>();
  recent.set(backend, cache);
  // An answer that comes after the agent's screen stopped waiting is kept for the next look (the console asks again).
  const ask = () => {
    const pending = backend.orderForAgent(orderRef).then((order) => {
      if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
      cache.set(orderRef, { at: Date.now(), order });
      return order;
    });
    pending.catch(() => {}); // a late failure: nobody waits for it any more
    return pending;
  };
  try {
    const hit = cache.get(orderRef);
    const order = hit && now.getTime() - hit.at < CACHE_MS ? hit.order : await within(ask(), commerce.timeoutMs);
    const late = isLate(order, { deliveryWindowDays: commerce.deliveryWindowDays, now });
    return { ...order, currency: order.total.currency, backend: backend.name, late };
  } catch (error) {
    const reason = unavailableFor(error);
    if (reason === 'backend_error') onError(error);
    return { unavailable: reason };
  }
}

/**
 * Executes a refund through the backend when it can (a backend with `refund`, a ticket with an order);
 * anything else is `manual`. The shopper typed the order number, so the money moves only when the order's
 * customer is the ticket's shopper (the same email); otherwise the refund is `failed`, to be checked and
 * done by hand. `idempotencyKey` (the request's; without one, a key from the ticket and the refund's terms)
 * makes a retried request find the refund it already made instead of refunding twice.
 */
export async function executeRemedy(
  commerce: CommerceDeps,
  input: {
    ticketId: string;
    orderRef: string | null;
    /** The ticket's shopper (their contact email), whom the order must belong to. */
    contactEmail: string | null;
    kind: string;
    amount?: number;
    currency?: string;
    reason: string;
  },
  idempotencyKey: string | undefined,
): Promise<RemedyExecution> {
  const backend = commerce.backend;
  if (input.kind !== 'refund' || !backend?.refund || !input.orderRef || !input.amount || !input.currency)
    return { execution: 'manual' };
  const order = await orderForTicket(commerce, input.orderRef);
  if ('unavailable' in order)
    return { execution: 'failed', error: `The order could not be read (${order.unavailable}).` };
  const owner = order.customer.email?.trim().toLowerCase();
  if (!owner || owner !== input.contactEmail?.trim().toLowerCase()) {
    return {
      execution: 'failed',
      error:
        "The order's customer is not the ticket's shopper (another email): check the order, then refund it by hand.",
    };
  }
  const terms = `${input.amount}\n${input.currency}\n${input.reason}`;
  const key = createHash('sha256')
    .update(`${input.ticketId}\n${idempotencyKey ?? `terms\n${terms}`}`)
    .digest('hex')
    .slice(0, 32);
  try {
    const done = await backend.refund(input.orderRef, {
      amount: input.amount,
      currency: input.currency,
      reason: input.reason,
      key,
    });
    return { execution: 'executed', reference: done.reference };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { execution: 'failed', error: message.slice(0, 500) };
  } finally {
    // The refunded amount changed: the next read asks the shop.
    recent.get(backend)?.delete(input.orderRef);
  }
}
