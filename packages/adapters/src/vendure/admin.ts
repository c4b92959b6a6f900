/**
 * Vendure on the Admin API (GraphQL), for the server only: an administrator's credentials read any
 * order in full for the agent who works a ticket (`orders(filter: { code })` — status, lines, totals,
 * fulfilments with carrier and tracking code, payments, the customer's email) and refund part of it
 * (`refundOrder` with the `amount`-based `RefundOrderInput` of Vendure ≥ 2.2, against a settled
 * payment with enough left to refund).
 *
 * Sign-in is `login(username, password)` once, then the session (the `vendure-auth-token` bearer
 * header when the server issues one, else its session cookie) is reused and renewed when Vendure no
 * longer accepts it. The credentials never leave the server: do not import this in browser code.
 *
 * ```ts
 * import { vendureAdmin } from '@nectar/adapters/vendure/admin';
 * const commerce = vendureAdmin({ adminApiUrl: 'https://shop.example/admin-api', username, password });
 * await commerce.orderForAgent('K8CMHW2E3C4X5Y6Z');
 * await commerce.refund('K8CMHW2E3C4X5Y6Z', { amount: 12.5, currency: 'EUR', reason: 'Damaged mug', key: 'remedy-1' });
 * ```
 */
import { AuthError, BackendError, NotFoundError, ValidationError } from '@nectar/core/errors';
import * as z from 'zod/mini';
import { trackingUrl } from '@nectar/core';
import type { AgentOrder, RefundResult, ServerCommerce } from '../commerce/server.ts';
import { orderSchema, type Money } from '../commerce/types.ts';
import { graphql, requestRaw, type GraphQLErrorEntry } from '../internal/http.ts';
import { decimal, fulfillmentStatus, orderStatus } from './order-state.ts';

export interface VendureAdminOptions {
  /** The Admin API endpoint, e.g. `https://shop.example/admin-api`. */
  adminApiUrl: string;
  /** An administrator allowed to read orders and (for refunds) update them, e.g. `superadmin`. */
  username: string;
  password: string;
  /** The channel token (`vendure-token` header) when the shop runs several channels. */
  channelToken?: string;
  /** Every request goes through this fetch (default `globalThis.fetch`). */
  fetch?: typeof fetch;
  /** Per request, ms (default 5 000: an agent's screen waits on it). */
  timeoutMs?: number;
}

const BACKEND = 'Vendure';
const isoDate = z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s))));

const refundSchema = z.object({
  id: z.string(),
  total: z.number(),
  state: z.string(),
  reason: z.nullable(z.string()),
});
const rawOrderSchema = z.object({
  id: z.string(),
  code: z.string(),
  state: z.string(),
  orderPlacedAt: z.nullable(isoDate),
  createdAt: isoDate,
  currencyCode: z.string(),
  subTotalWithTax: z.number(),
  shippingWithTax: z.number(),
  totalWithTax: z.number(),
  customer: z.nullable(
    z.object({ emailAddress: z.string(), firstName: z.nullable(z.string()), lastName: z.nullable(z.string()) }),
  ),
  lines: z.array(
    z.object({
      id: z.string(),
      quantity: z.number(),
      productVariant: z.object({ name: z.string(), sku: z.nullable(z.string()) }),
      featuredAsset: z.nullable(z.object({ preview: z.string() })),
    }),
  ),
  fulfillments: z.nullable(
    z.array(
      z.object({
        state: z.string(),
        method: z.string(),
        trackingCode: z.nullable(z.string()),
        updatedAt: isoDate,
        lines: z.array(z.object({ quantity: z.number() })),
      }),
    ),
  ),
  payments: z.nullable(
    z.array(
      z.object({
        id: z.string(),
        method: z.string(),
        amount: z.number(),
        state: z.string(),
        refunds: z.array(refundSchema),
      }),
    ),
  ),
});
type RawOrder = z.infer<typeof rawOrderSchema>;

const ORDER_FIELDS = `id code state orderPlacedAt createdAt currencyCode subTotalWithTax shippingWithTax totalWithTax
  customer { emailAddress firstName lastName }
  lines { id quantity productVariant { name sku } featuredAsset { preview } }
  fulfillments { state method trackingCode updatedAt lines { quantity } }
  payments { id method amount state refunds { id total state reason } }`;
const BY_CODE = `query NectarAdminOrder($code: String!) {
  orders(options: { take: 1, filter: { code: { eq: $code } } }) { items { ${ORDER_FIELDS} } } }`;
const LOGIN = `mutation NectarAdminLogin($username: String!, $password: String!) {
  login(username: $username, password: $password) { __typename ... on ErrorResult { errorCode message } } }`;
const REFUND = `mutation NectarRefund($input: RefundOrderInput!) { refundOrder(input: $input) {
  __typename ... on Refund { id state total } ... on ErrorResult { errorCode message } } }`;

const minor = (amount: number) => Math.round(amount * 100);

function money(minorUnits: number, currency: string): Money {
  return { amount: decimal(minorUnits), currency: currency.toUpperCase() };
}

/** What a payment still can give back: its amount less the refunds Vendure did not mark failed. */
const refundable = (p: NonNullable<RawOrder['payments']>[number]) =>
  p.amount - p.refunds.filter((r) => r.state !== 'Failed').reduce((n, r) => n + r.total, 0);

/** The marker that makes a refund idempotent, kept at the end of its reason. */
const marker = (key: string) => `[nectar:${key}]`;

/** An order number as a shopper may type it (`#k8cm…`) → Vendure's code. */
const toCode = (ref: string) => ref.trim().replace(/^#/, '').toUpperCase();

export function vendureAdmin(options: VendureAdminOptions): ServerCommerce & { name: 'vendure' } {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 5000;
  const base: Record<string, string> = options.channelToken ? { 'vendure-token': options.channelToken } : {};
  let session: Promise<Record<string, string>> | null = null;

  async function signIn(): Promise<Record<string, string>> {
    const { response, body } = await requestRaw(
      fetchFn,
      options.adminApiUrl,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...base },
        body: JSON.stringify({ query: LOGIN, variables: { username: options.username, password: options.password } }),
      },
      { backend: BACKEND, timeoutMs },
    );
    const login = (body as { data?: { login?: { __typename?: string } } } | null)?.data?.login;
    if (login?.__typename !== 'CurrentUser') throw new AuthError(`${BACKEND} refused the admin credentials`, 401);
    const token = response.headers.get('vendure-auth-token');
    if (token) return { Authorization: `Bearer ${token}` };
    // A server configured for cookie sessions only: send its session cookies back.
    const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]!);
    if (cookies.length === 0) throw new BackendError(`${BACKEND} signed in without a session`, 200, 'no_session');
    return { Cookie: cookies.join('; ') };
  }

  /** One Admin API call with the session; signs in again once when Vendure no longer knows the session. */
  async function request<T>(
    query: string,
    variables: Record<string, unknown>,
    parse: z.ZodMiniType<T>,
    mapGraphQLError?: (e: GraphQLErrorEntry) => Error | undefined,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const current = (session ??= signIn());
      let headers: Record<string, string>;
      try {
        headers = await current;
      } catch (error) {
        if (session === current) session = null;
        throw error;
      }
      try {
        return await graphql(fetchFn, options.adminApiUrl, query, variables, {
          backend: BACKEND,
          parse,
          headers: { ...base, ...headers },
          timeoutMs,
          ...(mapGraphQLError ? { mapGraphQLError } : {}),
        });
      } catch (error) {
        if (!(error instanceof AuthError) || attempt > 0) throw error;
        if (session === current) session = null;
      }
    }
  }

  async function rawOrder(orderRef: string): Promise<RawOrder> {
    const code = toCode(orderRef);
    if (!/^[A-Z0-9_-]{1,64}$/.test(code)) throw new NotFoundError(`${BACKEND}: order not found`);
    const data = await request(BY_CODE, { code }, z.object({ orders: z.object({ items: z.array(rawOrderSchema) }) }));
    const order = data.orders.items[0];
    if (!order) throw new NotFoundError(`${BACKEND}: order not found`);
    return order;
  }

  function toAgentOrder(raw: RawOrder): AgentOrder {
    const currency = raw.currencyCode.toUpperCase();
    const normalized = orderSchema.safeParse({
      id: raw.id,
      number: raw.code,
      placedAt: new Date(raw.orderPlacedAt ?? raw.createdAt).toISOString(),
      status: orderStatus(raw.state),
      fulfillment: fulfillmentStatus(raw),
      total: money(raw.totalWithTax, currency),
      lines: raw.lines.map((l) => ({
        id: l.id,
        title: l.productVariant.name,
        sku: l.productVariant.sku || null,
        quantity: l.quantity,
        image: l.featuredAsset?.preview ?? null,
      })),
      shipments: (raw.fulfillments ?? [])
        .filter((f) => f.state !== 'Cancelled')
        .map((f) => ({
          carrier: f.method || null,
          trackingNumber: f.trackingCode || null,
          // Vendure knows the carrier and the number only: a known carrier's public tracking page.
          trackingUrl: trackingUrl({
            carrier: f.method || null,
            trackingNumber: f.trackingCode || null,
            trackingUrl: null,
          }),
          // Vendure keeps no per-state timestamps: the last change is when it got there.
          shippedAt: f.state === 'Shipped' ? new Date(f.updatedAt).toISOString() : null,
          deliveredAt: f.state === 'Delivered' ? new Date(f.updatedAt).toISOString() : null,
          // Vendure has no delivery estimate.
          estimatedDeliveryAt: null,
        })),
    });
    if (!normalized.success) throw new BackendError(`Malformed response from ${BACKEND}`, 200, 'malformed_response');
    const refunded = (raw.payments ?? []).reduce((n, p) => n + (p.amount - refundable(p)), 0);
    const name = [raw.customer?.firstName, raw.customer?.lastName].filter(Boolean).join(' ');
    return {
      ...normalized.data,
      state: raw.state,
      customer: { email: raw.customer?.emailAddress || null, name: name || null },
      totals: {
        subtotal: money(raw.subTotalWithTax, currency),
        shipping: money(raw.shippingWithTax, currency),
        total: money(raw.totalWithTax, currency),
        refunded: money(refunded, currency),
      },
    };
  }

  return {
    name: 'vendure',

    async orderForAgent(orderRef) {
      return toAgentOrder(await rawOrder(orderRef));
    },

    async refund(orderRef, { amount, currency, reason, key }): Promise<RefundResult> {
      const order = await rawOrder(orderRef);
      if (currency.toUpperCase() !== order.currencyCode.toUpperCase())
        throw new ValidationError(`The order is in ${order.currencyCode}, not ${currency}`, { currency: 'mismatch' });
      const wanted = minor(amount);
      if (!(wanted > 0)) throw new ValidationError('Nothing to refund', { amount: 'too_small' });
      const payments = order.payments ?? [];
      if (key) {
        for (const p of payments) {
          const done = p.refunds.find((r) => r.state !== 'Failed' && r.reason?.endsWith(marker(key)));
          if (done) return { state: 'executed', reference: done.id, backendState: done.state };
        }
      }
      const settled = payments.filter((p) => p.state === 'Settled');
      const payment = settled.find((p) => refundable(p) >= wanted);
      if (!payment) {
        const most = Math.max(0, ...settled.map(refundable));
        throw new ValidationError(
          `At most ${money(most, order.currencyCode).amount} ${order.currencyCode} can be refunded on one payment of this order`,
          { amount: 'too_large' },
        );
      }
      const data = await request(
        REFUND,
        {
          input: {
            paymentId: payment.id,
            amount: wanted,
            // Deprecated, but Vendure 3.7 still stores them (NOT NULL): zero, so `amount` alone counts.
            shipping: 0,
            adjustment: 0,
            reason: key ? `${reason.slice(0, 400)} ${marker(key)}` : reason.slice(0, 400),
          },
        },
        z.object({
          refundOrder: z.object({
            __typename: z.string(),
            id: z.optional(z.string()),
            state: z.optional(z.string()),
            errorCode: z.optional(z.string()),
            message: z.optional(z.string()),
          }),
        }),
        // Vendure's own words on a refused refund (e.g. a payment it cannot find) help the agent; they hold no secret.
        (e) =>
          e.path?.[0] === 'refundOrder' && !/^(UNAUTHORIZED|FORBIDDEN)$/.test(String(e.extensions?.code))
            ? new BackendError(`${BACKEND} refused the refund: ${e.message ?? 'unknown error'}`, 422, 'refund_refused')
            : undefined,
      );
      const result = data.refundOrder;
      if (result.__typename !== 'Refund' || !result.id)
        throw new BackendError(
          `${BACKEND} refused the refund: ${result.message ?? result.errorCode ?? result.__typename}`,
          422,
          'refund_refused',
        );
      if (result.state === 'Failed')
        throw new BackendError(`${BACKEND}: the payment provider failed the refund`, 502, 'refund_failed');
      return { state: 'executed', reference: result.id, backendState: result.state ?? 'Pending' };
    },
  };
}
