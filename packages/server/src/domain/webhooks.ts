/**
 * Signed webhooks (Standard Webhooks): each event is queued in the same transaction as the write that
 * caused it — one delivery per subscribed endpoint, with a stable message id — and delivered by whichever
 * instance claims it (`FOR UPDATE SKIP LOCKED` and a lease), at least once, on the retry schedule; `410 Gone`
 * disables the endpoint, `Retry-After` is honoured. URLs that resolve to loopback, private or link-local
 * addresses are refused when created and again at every connection (the check is the connection's own
 * DNS lookup, so a rebinding name cannot slip through) unless private targets are allowed.
 */
import { randomBytes } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import * as z from 'zod/mini';
import { parseRetryAfter } from '@nectar/core/protocol';
import { every } from '../every.ts';
import { validationError } from '../http-error.ts';
import type { Queryable } from '../store/db.ts';
import {
  claimDue,
  disableEndpoint,
  enqueueDeliveries,
  recordAttempt,
  type ClaimedDelivery,
} from '../store/webhooks.ts';

export const WEBHOOK_EVENTS = [
  'ticket.created',
  'ticket.replied',
  'ticket.resolved',
  'ticket.reopened',
  'feedback.created',
  'sla.breached',
  'alert.triggered',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const endpointCreateSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).check(z.maxLength(2048)),
  events: z.array(z.enum(WEBHOOK_EVENTS)).check(z.minLength(1), z.maxLength(WEBHOOK_EVENTS.length)),
  site: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
});

/** The default retry schedule in seconds (the contract's); `NECTAR_WEBHOOK_RETRY_SCHEDULE` replaces it. */
export const DEFAULT_SCHEDULE = [0, 5, 300, 1800, 7200, 18000, 36000, 36000];

/** Parses `NECTAR_WEBHOOK_RETRY_SCHEDULE` ("0,5,300"); throws a clear message. */
export function parseSchedule(text: string): number[] {
  const values = text.split(',').map((part) => Number(part.trim()));
  if (values.length === 0 || values.some((v) => !Number.isFinite(v) || v < 0)) {
    throw new Error('NECTAR_WEBHOOK_RETRY_SCHEDULE must be seconds, comma-separated (e.g. "0,5,300")');
  }
  return values;
}

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['::ffff:0:0', 96],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** Loopback, private, link-local, carrier-grade NAT, multicast or unspecified (IPv4-mapped IPv6 too). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    return mapped ? blocked.check(mapped, 'ipv4') : blocked.check(address, 'ipv6');
  }
  return true;
}

/** A DNS lookup for connections that refuses private targets (unless allowed). */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 4);
      const bad = addresses.find((a) => isPrivateAddress(a.address));
      if (bad && !allowPrivate) {
        return callback(
          Object.assign(new Error(`refused: ${hostname} resolves to ${bad.address}`), { code: 'EPRIVATE' }),
          '',
          4,
        );
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/** At creation: the URL's host must resolve to public addresses only (400 `url: private_address`). */
export async function assertPublicUrl(url: string, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [host]
    : await new Promise<string[]>((resolve) =>
        dnsLookup(host, { all: true }, (error, all) => resolve(error ? [] : all.map((a) => a.address))),
      );
  if (addresses.length === 0) throw validationError({ url: 'unresolvable' }, `${host} does not resolve.`);
  if (addresses.some(isPrivateAddress)) {
    throw validationError(
      { url: 'private_address' },
      'Webhook URLs must reach a public address (set NECTAR_WEBHOOK_ALLOW_PRIVATE=1 to allow private ones).',
    );
  }
}

export const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/** Largest body a webhook carries; a ticket's message is cut to keep under it. */
const BODY_MAX = 20 * 1024;
const MESSAGE_MAX = 2000;

/** What a ticket event says of its ticket (the agent API has the rest). */
export function ticketData(row: {
  id: string;
  number: string;
  site: string;
  status: string;
  category: string;
  severity: string;
  order_ref: string | null;
  assignee: string | null;
}): Record<string, unknown> {
  return {
    id: row.id,
    number: row.number,
    site: row.site,
    status: row.status,
    category: row.category,
    severity: row.severity,
    ...(row.order_ref ? { orderRef: row.order_ref } : {}),
    ...(row.assignee ? { assignee: row.assignee } : {}),
  };
}

/** Queues `type` for the site's endpoints that take it, inside the caller's transaction. */
export async function emitWebhook(
  tx: Queryable,
  site: string,
  type: WebhookEvent,
  data: Record<string, unknown>,
  now = new Date(),
): Promise<void> {
  const trimmed =
    typeof data['message'] === 'string' && data['message'].length > MESSAGE_MAX
      ? { ...data, message: `${data['message'].slice(0, MESSAGE_MAX)}…`, messageTruncated: true }
      : data;
  let body = JSON.stringify({ type, timestamp: now.toISOString(), data: trimmed });
  if (Buffer.byteLength(body) > BODY_MAX) {
    // Still too large: the identifiers only; the receiver reads the rest through the agent API.
    const { id, number, site: s, status } = trimmed;
    body = JSON.stringify({
      type,
      timestamp: now.toISOString(),
      data: { id, number, site: s, status },
      truncated: true,
    });
  }
  await enqueueDeliveries(tx, { site, type, body }, now);
}

export interface DeliveryOptions {
  schedule: number[];
  allowPrivate: boolean;
  timeoutMs: number;
}

interface Answer {
  status: number | null;
  retryAfter?: number;
  error?: string;
}

function post(url: string, body: string, headers: Record<string, string>, options: DeliveryOptions): Promise<Answer> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers },
        lookup: guardedLookup(options.allowPrivate),
        timeout: options.timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? null, retryAfter: parseRetryAfter(res.headers['retry-after']) }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (error) => resolve({ status: null, error: error.message.slice(0, 200) }));
    req.end(body);
  });
}

/** One attempt of one claimed delivery, and its outcome recorded. */
export async function deliver(
  db: Queryable,
  d: ClaimedDelivery,
  options: DeliveryOptions,
  now = new Date(),
): Promise<void> {
  const signatures = [new Webhook(d.secret).sign(d.id, now, d.payload)];
  if (d.previous_secret && d.previous_until && new Date(d.previous_until) > now) {
    signatures.push(new Webhook(d.previous_secret).sign(d.id, now, d.payload));
  }
  const started = performance.now();
  const answer = await post(
    d.url,
    d.payload,
    {
      'webhook-id': d.id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signatures.join(' '),
    },
    options,
  );
  const delivered = answer.status !== null && answer.status >= 200 && answer.status < 300;
  const attempt = d.attempts + 1;
  let next: Date | null = null;
  if (!delivered && answer.status === 410) {
    await disableEndpoint(db, d.endpoint_id, 'the receiver answered 410 Gone', now);
  } else if (!delivered && attempt < options.schedule.length) {
    const wait = Math.max(options.schedule[attempt] ?? 0, answer.retryAfter ?? 0);
    next = new Date(now.getTime() + wait * 1000);
  }
  await recordAttempt(
    db,
    {
      delivery_id: d.id,
      at: now,
      status_code: answer.status,
      error: answer.error ?? null,
      duration_ms: Math.round(performance.now() - started),
    },
    { delivered, next },
  );
}

/**
 * The delivery loop of one instance: every `pollMs` it claims due deliveries and sends them. Safe on
 * any number of instances at once. Resolves `stop()`, which waits for the attempts in flight.
 */
export function startWebhookWorker(
  db: Queryable,
  options: DeliveryOptions & { pollMs: number; onError: (error: unknown) => void },
): () => Promise<void> {
  const worker = every(
    options.pollMs,
    async () => {
      const claimed = await claimDue(db, new Date(), options.timeoutMs * 2 + 30_000);
      await Promise.all(claimed.map((d) => deliver(db, d, options)));
    },
    options.onError,
    { now: true },
  );
  return worker.stop;
}
