/**
 * The HTTP API v1 of the reference service (ARCHITECTURE.md), as a Hono app.
 * `createApp` takes an opened, migrated database; `startServer` (server.ts) wires the rest.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { fileTypeFromBuffer } from 'file-type';
import * as z from 'zod/mini';
import {
  ATTACHMENT_TYPES,
  LIMITS,
  LOCALES,
  STATUSES,
  answerQuerySchema,
  eventBatchSchema,
  feedbackCreateSchema,
  issuesToFields,
  ticketCreateSchema,
  ticketMessageSchema,
} from '@nectar/core/schema';
import { insertAnswer, searchAnswers, toAnswer } from './answers.ts';
import { limitBody } from './body-limit.ts';
import type { Db } from './db.ts';
import { hmacHex, safeEqual, sha256, stableStringify, tokenMatchesHash } from './crypto.ts';
import { computeMetrics, customerWrites, upsertCsat, upsertNps } from './feedback.ts';
import { HttpError, notFound, unauthorized, validationError } from './http-error.ts';
import { idempotentWrite, type IdempotentResult } from './idempotency.ts';
import { FixedWindowLimiter } from './rate-limit.ts';
import { DEFAULT_SITES, originAllowed, type SiteConfig } from './sites.ts';
import { serveFile } from './static.ts';
import {
  addTimeline,
  findTicket,
  insertTicket,
  toAgentSummary,
  toAgentTicket,
  toTicket,
  toTicketSummary,
  type TicketRow,
} from './tickets.ts';

export interface RateLimitOptions {
  /** Writes per IP per window (default 120 a minute). */
  writesPerIp?: number;
  /** Writes per site per window, all IPs together (default 6,000 a minute). */
  writesPerSite?: number;
  /** Window length in ms (default 60,000). */
  windowMs?: number;
}

export interface AppOptions {
  db: Db;
  /** Where attachment bytes are stored (one file per attachment id). */
  attachmentsDir: string;
  /** Secret of the agent API (`Authorization: Bearer <agentKey>`). */
  agentKey: string;
  sites?: SiteConfig[];
  rateLimit?: RateLimitOptions;
  /** Take the client IP from `X-Forwarded-For` (only behind a trusted proxy). */
  trustProxy?: boolean;
  /** Served at `/demo/` (default: packages/server/demo). */
  demoDir?: string;
  /** Served at `/nectar/` (default: packages/widgets/dist/cdn). */
  cdnDir?: string;
  /** Errors that became a 500 (default: console.error). */
  onInternalError?: (error: unknown) => void;
  /**
   * The secrets proxy (`createProxy` from `@nectar/adapters/proxy`), mounted at `/v1/proxy/*` when set.
   * It answers CORS for its own configured origins.
   */
  proxy?: (request: Request) => Promise<Response>;
}

export const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const ALLOW_HEADERS = 'Content-Type, X-Nectar-Site, Idempotency-Key, Authorization, X-Nectar-User, X-Nectar-User-Hash';
const EXPOSE_HEADERS = 'Idempotent-Replayed, Retry-After';
const JSON_BODY_MAX = 1024 * 1024;
/** A survey answer is small: the longest comment is 2,000 characters (up to 4 bytes each in UTF-8). */
const FEEDBACK_BODY_MAX = 32 * 1024;
/** Longest range of `GET /v1/agent/metrics`, in days. */
const METRICS_DAYS_MAX = 366;
/** A batch of at most 100 events with a few small properties each. */
const EVENTS_BODY_MAX = 64 * 1024;
/** Room for the multipart envelope around one attachment. */
const MULTIPART_OVERHEAD = 64 * 1024;

type Env = { Variables: { site: SiteConfig } };

const agentNameSchema = z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(LIMITS.nameMax)));
const agentClaimSchema = z.strictObject({ agentName: agentNameSchema });
const agentAnswerSchema = z.strictObject({
  site: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  locale: z.enum(LOCALES),
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  body: z.string().check(z.trim(), z.minLength(1), z.maxLength(LIMITS.messageMax)),
  url: z.optional(z.url({ protocol: /^https?$/ }).check(z.maxLength(LIMITS.urlMax))),
  tags: z.optional(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))).check(z.maxLength(20))),
});
const agentReplySchema = z.strictObject({
  message: z.string().check(z.trim(), z.minLength(1), z.maxLength(LIMITS.messageMax)),
  agentName: agentNameSchema,
});

export function createApp(options: AppOptions): Hono<Env> {
  const { db, attachmentsDir, agentKey } = options;
  const sites = new Map((options.sites ?? DEFAULT_SITES).map((site) => [site.key, site]));
  const windowMs = options.rateLimit?.windowMs ?? 60_000;
  const ipLimiter = new FixedWindowLimiter(options.rateLimit?.writesPerIp ?? 120, windowMs);
  const siteLimiter = new FixedWindowLimiter(options.rateLimit?.writesPerSite ?? 6000, windowMs);
  const demoDir = options.demoDir ?? fileURLToPath(new URL('../demo/', import.meta.url));
  const cdnDir = options.cdnDir ?? fileURLToPath(new URL('../../widgets/dist/cdn/', import.meta.url));
  const onInternalError = options.onInternalError ?? ((error) => console.error('[nectar] internal error:', error));

  const app = new Hono<Env>();

  app.onError((error, c) => {
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
      return c.json(error.toBody(), error.status);
    }
    onInternalError(error);
    return c.json({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'No such route.' } }, 404));

  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    // API answers carry tokens and personal data: never cached by shared caches or the browser.
    if (c.req.path.startsWith('/v1/') && !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });

  // CORS: only the origins configured for the site named in X-Nectar-Site (any site's for a preflight,
  // which cannot carry that header). Same-origin callers (the demo, the console) are always fine.
  app.use('/v1/*', async (c, next) => {
    const origin = c.req.header('Origin');
    if (!origin || (options.proxy && c.req.path.startsWith('/v1/proxy/'))) return next();
    const site = sites.get(c.req.header('X-Nectar-Site') ?? '');
    const allowed =
      origin === new URL(c.req.url).origin ||
      (site ? originAllowed(site, origin) : [...sites.values()].some((s) => originAllowed(s, origin)));
    if (c.req.method === 'OPTIONS' && c.req.header('Access-Control-Request-Method')) {
      if (!allowed) throw new HttpError(403, 'forbidden', 'This origin is not allowed.');
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': ALLOW_HEADERS,
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    if (!allowed) throw new HttpError(403, 'forbidden', 'This origin is not allowed for this site.');
    await next();
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    c.header('Vary', 'Origin');
  });

  // Rate limits on writes: per client IP, and per site across all IPs.
  app.use('/v1/*', async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const retryAfter =
      ipLimiter.hit(`ip:${clientIp(c, options.trustProxy)}`) ??
      (sites.has(c.req.header('X-Nectar-Site') ?? '')
        ? siteLimiter.hit(`site:${c.req.header('X-Nectar-Site')}`)
        : null);
    if (retryAfter !== null) {
      throw new HttpError(429, 'rate_limited', 'Too many requests. Please try again shortly.', undefined, {
        'Retry-After': String(retryAfter),
      });
    }
    return next();
  });

  const requireSite = (c: Context<Env>): SiteConfig => {
    const site = sites.get(c.req.header('X-Nectar-Site') ?? '');
    if (!site) throw unauthorized('Unknown or missing site key (X-Nectar-Site).');
    return site;
  };

  const idempotencyKey = (c: Context<Env>, required: boolean): string | undefined => {
    const key = c.req.header('Idempotency-Key');
    if (key === undefined || key === '') {
      if (required)
        throw validationError({ 'Idempotency-Key': 'required' }, 'Every write needs an Idempotency-Key header.');
      return undefined;
    }
    if (key.length > 255) throw validationError({ 'Idempotency-Key': 'too_long' });
    return key;
  };

  /**
   * Idempotency keys are scoped by site and route (with the ticket id for per-ticket routes): the
   * same key on two routes is two writes, never one replaying (or rewriting) the other.
   */
  const writeScope = (site: SiteConfig, route: string) => `site:${site.key}|${route}`;

  const bearer = (c: Context<Env>): string | undefined => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '');
    return match?.[1];
  };

  const requireAgent = (c: Context<Env>): void => {
    const token = bearer(c);
    if (!token || !safeEqual(token, agentKey)) throw unauthorized('Missing or invalid agent key.');
  };

  const jsonLimit = limitBody(
    JSON_BODY_MAX,
    () => new HttpError(413, 'payload_too_large', 'The request body is too large.'),
  );

  const readJson = async (c: Context<Env>, optional = false): Promise<unknown> => {
    const text = await c.req.text();
    if (optional && text.trim() === '') return {};
    try {
      return JSON.parse(text);
    } catch {
      throw validationError({ _: 'invalid_json' }, 'The request body is not valid JSON.');
    }
  };

  const send = (c: Context<Env>, result: IdempotentResult) => {
    if (result.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(result.body as object, result.status as 200);
  };

  /**
   * The verified shopper (`X-Nectar-User` + `X-Nectar-User-Hash` = HMAC-SHA256 of the user id with the
   * site's identity secret), null when the request carries no identity; 401 when it carries a wrong one.
   */
  const verifiedUser = (c: Context<Env>, site: SiteConfig): string | null => {
    const user = c.req.header('X-Nectar-User');
    const hash = c.req.header('X-Nectar-User-Hash');
    if (!user && !hash) return null;
    if (
      !user ||
      !hash ||
      user.length > 255 ||
      !site.identitySecret ||
      !safeEqual(hash.toLowerCase(), hmacHex(site.identitySecret, user))
    ) {
      throw unauthorized('Identity verification failed (X-Nectar-User / X-Nectar-User-Hash).');
    }
    return user;
  };

  /**
   * The shopper's ticket, read with its access token or by the verified shopper who filed it;
   * 404 whether it is missing or the credential is wrong (existence never leaks).
   */
  const shopperTicket = async (c: Context<Env>): Promise<TicketRow> => {
    const site = requireSite(c);
    const token = bearer(c);
    const user = token ? null : verifiedUser(c, site);
    if (!token && !user)
      throw unauthorized('This ticket needs its access token (Authorization: Bearer) or a verified identity.');
    const row = await findTicket(db, c.req.param('id') ?? '');
    const ok = token
      ? tokenMatchesHash(token, row?.access_token_hash ?? '0'.repeat(64))
      : row?.user_id != null && row.user_id === user;
    if (!row || !ok || row.site !== site.key) throw notFound('No such ticket.');
    return row;
  };

  // ---- shopper routes -------------------------------------------------------------------------

  app.post('/v1/tickets', jsonLimit, async (c) => {
    const site = requireSite(c);
    const key = idempotencyKey(c, true)!;
    const raw = await readJson(c);
    const parsed = ticketCreateSchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) throw validationError(issuesToFields(parsed.error.issues));
    const user = verifiedUser(c, site);
    const requestHash = sha256(`POST /v1/tickets\n${user ?? ''}\n${stableStringify(raw)}`);
    const scope = writeScope(site, 'POST /v1/tickets');
    const result = await idempotentWrite(db, { scope, key, requestHash }, async (tx) => ({
      status: 201,
      body: await insertTicket(tx, site.key, parsed.data, new Date(), user),
    }));
    return send(c, result);
  });

  // The verified shopper's tickets, newest first (anonymous shoppers keep theirs on the device).
  app.get('/v1/tickets', async (c) => {
    const site = requireSite(c);
    const user = verifiedUser(c, site);
    if (!user) throw unauthorized('Listing tickets needs a verified identity (X-Nectar-User, X-Nectar-User-Hash).');
    const { rows } = await db.query<TicketRow>(
      'SELECT * FROM tickets WHERE site = $1 AND user_id = $2 ORDER BY created_at DESC LIMIT 100',
      [site.key, user],
    );
    return c.json({ tickets: rows.map(toTicketSummary) });
  });

  app.get('/v1/tickets/:id', async (c) => {
    const row = await shopperTicket(c);
    return c.json(await toTicket(db, row));
  });

  app.get('/v1/tickets/:id/attachments/:attachmentId', async (c) => {
    const row = await shopperTicket(c);
    const { rows } = await db.query<{ id: string; content_type: string }>(
      'SELECT id, content_type FROM attachments WHERE id = $1 AND ticket_id = $2',
      [c.req.param('attachmentId'), row.id],
    );
    const attachment = rows[0];
    if (!attachment) throw notFound('No such attachment.');
    const bytes = await readFile(join(attachmentsDir, attachment.id));
    return c.body(bytes, 200, {
      'Content-Type': attachment.content_type,
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': 'inline',
      'Cache-Control': 'private, max-age=3600',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
  });

  app.post(
    '/v1/attachments',
    async (c, next) => {
      requireSite(c);
      idempotencyKey(c, true);
      await next();
    },
    limitBody(LIMITS.attachmentBytesMax + MULTIPART_OVERHEAD, tooLarge),
    async (c) => {
      const site = requireSite(c);
      const key = idempotencyKey(c, true)!;
      let form: Record<string, unknown>;
      try {
        form = await c.req.parseBody();
      } catch (error) {
        if (error instanceof HttpError) throw error;
        throw validationError({ file: 'required' }, 'Send one image as multipart/form-data in the field "file".');
      }
      const file = form['file'];
      if (!(file instanceof File)) {
        throw validationError({ file: 'required' }, 'Send one image as multipart/form-data in the field "file".');
      }
      if (file.size > LIMITS.attachmentBytesMax) throw tooLarge();
      const bytes = new Uint8Array(await file.arrayBuffer());
      const type = await fileTypeFromBuffer(bytes);
      if (!type || !(ATTACHMENT_TYPES as readonly string[]).includes(type.mime)) {
        throw new HttpError(415, 'unsupported_media_type', 'Only JPEG, PNG, WebP and HEIC images are accepted.', {
          file: 'unsupported_type',
        });
      }
      const requestHash = sha256(`POST /v1/attachments\n${sha256(bytes)}`);
      const scope = writeScope(site, 'POST /v1/attachments');
      const result = await idempotentWrite(db, { scope, key, requestHash }, async (tx) => {
        const id = randomUUID();
        const path = join(attachmentsDir, id);
        await mkdir(attachmentsDir, { recursive: true });
        await writeFile(path, bytes, { flag: 'wx' });
        try {
          await tx.query(
            'INSERT INTO attachments (id, site, content_type, size, sha256, created_at) VALUES ($1, $2, $3, $4, $5, now())',
            [id, site.key, type.mime, bytes.byteLength, sha256(bytes)],
          );
        } catch (error) {
          await unlink(path).catch(() => undefined);
          throw error;
        }
        return { status: 201, body: { id } };
      });
      return send(c, result);
    },
  );

  app.get('/v1/health', async (c) => {
    try {
      await db.query('SELECT 1');
      return c.json({ status: 'ok', storage: db.kind });
    } catch (error) {
      onInternalError(error);
      return c.json(
        { status: 'error', storage: db.kind, error: { code: 'internal', message: 'The storage check failed.' } },
        503,
      );
    }
  });

  app.post('/v1/tickets/:id/messages', jsonLimit, async (c) => {
    const site = requireSite(c);
    const key = idempotencyKey(c, true)!;
    const raw = await readJson(c);
    const parsed = ticketMessageSchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) throw validationError(issuesToFields(parsed.error.issues));
    const row = await shopperTicket(c);
    const requestHash = sha256(`POST /v1/tickets/${row.id}/messages\n${stableStringify(raw)}`);
    const scope = writeScope(site, `POST /v1/tickets/${row.id}/messages`);
    const result = await idempotentWrite(db, { scope, key, requestHash }, async (tx) => {
      const locked = (await findTicket(tx, row.id, true))!;
      await customerWrites(tx, locked, parsed.data.message);
      return { status: 201, body: await toTicket(tx, (await findTicket(tx, row.id))!) };
    });
    return send(c, result);
  });

  app.post(
    '/v1/feedback',
    limitBody(
      FEEDBACK_BODY_MAX,
      () =>
        new HttpError(
          413,
          'payload_too_large',
          'A survey answer is too large; a comment may be at most 2,000 characters.',
          {
            comment: 'too_long',
          },
        ),
    ),
    async (c) => {
      const site = requireSite(c);
      const key = idempotencyKey(c, true)!;
      const raw = await readJson(c);
      // reportInput: a wrong type reads as `invalid_type`, a missing value as `required`.
      const parsed = feedbackCreateSchema.safeParse(raw, { reportInput: true });
      if (!parsed.success) throw validationError(issuesToFields(parsed.error.issues));
      const input = parsed.data;
      const token = bearer(c);
      const user = verifiedUser(c, site);
      const ticketNotFound = () => new HttpError(404, 'not_found', 'No such ticket.', { ticketId: 'not_found' });
      // The ticket an answer is about (CSAT always, NPS optionally): only with its access token or as
      // the verified shopper who filed it; unknown, foreign and wrong-credential tickets look the same.
      const readableTicket = async (ticketId: string): Promise<TicketRow> => {
        if (!token && !user) {
          throw unauthorized(
            "An answer about a ticket needs the ticket's access token (Authorization: Bearer) or a verified identity.",
          );
        }
        const row = await findTicket(db, ticketId);
        const ok = token
          ? tokenMatchesHash(token, row?.access_token_hash ?? '0'.repeat(64))
          : row?.user_id != null && row.user_id === user;
        if (!row || !ok || row.site !== site.key) throw ticketNotFound();
        return row;
      };
      const requestHash = sha256(`POST /v1/feedback\n${user ?? ''}\n${stableStringify(raw)}`);
      // Answers are amended under one key (the comment after the score): a changed body updates.
      const idempotency = {
        scope: writeScope(site, 'POST /v1/feedback'),
        key,
        requestHash,
        onDifferentBody: 'rewrite' as const,
      };
      if (input.kind === 'nps') {
        const ticket = input.ticketId ? await readableTicket(input.ticketId) : undefined;
        // Without a respondent: the verified shopper, else an id of this write's key (a later answer
        // under the same key amends it; answers under other keys cannot be recognised as the same person).
        const respondent =
          input.respondent ?? (user ? `user:${user}` : `anon_${sha256(`${site.key}\n${key}`).slice(0, 32)}`);
        const nps = { ...input, respondent, ...(ticket ? { ticketId: ticket.id } : {}) };
        return send(c, await idempotentWrite(db, idempotency, (tx) => upsertNps(tx, site.key, nps)));
      }
      const row = await readableTicket(input.ticketId);
      const csat = { ...input, ...(input.respondent || !user ? {} : { respondent: `user:${user}` }) };
      const result = await idempotentWrite(db, idempotency, async (tx) => {
        const locked = await findTicket(tx, row.id, true);
        if (!locked) throw ticketNotFound();
        return upsertCsat(tx, locked, csat);
      });
      return send(c, result);
    },
  );

  // Knowledge-base search (self-service answers), best first; English when the locale has no match.
  app.get('/v1/answers', async (c) => {
    const site = requireSite(c);
    const parsed = answerQuerySchema.safeParse(
      {
        q: c.req.query('q') ?? '',
        locale: c.req.query('locale') || undefined,
        limit: c.req.query('limit') || undefined,
      },
      { reportInput: true },
    );
    if (!parsed.success) throw validationError(issuesToFields(parsed.error.issues));
    return c.json({ answers: await searchAnswers(db, site.key, parsed.data) });
  });

  // Tracked events (nudge outcomes, answer views), at most 100 a batch; 202 once stored.
  app.post(
    '/v1/events',
    limitBody(EVENTS_BODY_MAX, () => new HttpError(413, 'payload_too_large', 'An event batch may be at most 64 kB.')),
    async (c) => {
      const site = requireSite(c);
      const key = idempotencyKey(c, true)!;
      const raw = await readJson(c);
      const parsed = eventBatchSchema.safeParse(raw, { reportInput: true });
      if (!parsed.success) throw validationError(issuesToFields(parsed.error.issues));
      const { events } = parsed.data;
      const requestHash = sha256(`POST /v1/events\n${stableStringify(raw)}`);
      const scope = writeScope(site, 'POST /v1/events');
      const result = await idempotentWrite(db, { scope, key, requestHash }, async (tx) => {
        const received = new Date().toISOString();
        const params: unknown[] = [site.key, received];
        const rows = events.map((event) => {
          params.push(event.name, event.props ? JSON.stringify(event.props) : null, event.at ?? received);
          params.push(event.anonymousId ?? null);
          const n = params.length;
          return `($1, $${n - 3}, $${n - 2}::jsonb, $${n - 1}::timestamptz, $${n}, $2::timestamptz)`;
        });
        await tx.query(
          `INSERT INTO events (site, name, props, at, anonymous_id, received_at) VALUES ${rows.join(', ')}`,
          params,
        );
        return { status: 202, body: { accepted: events.length } };
      });
      return send(c, result);
    },
  );

  // ---- agent routes ---------------------------------------------------------------------------

  app.use('/v1/agent/*', async (c, next) => {
    requireAgent(c);
    await next();
  });

  app.get('/v1/agent/tickets', async (c) => {
    const status = c.req.query('status') || null;
    if (status !== null && !(STATUSES as readonly string[]).includes(status)) {
      throw validationError({ status: 'invalid_choice' });
    }
    const q = (c.req.query('q') ?? '').trim();
    if (q.length > 200) throw validationError({ q: 'too_long' });
    const pattern = q ? `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
    const { rows } = await db.query<TicketRow>(
      `SELECT * FROM tickets
       WHERE ($1::text IS NULL OR status = $1)
         AND ($2::text IS NULL OR subject ILIKE $2 ESCAPE '\\' OR message ILIKE $2 ESCAPE '\\')
       ORDER BY CASE WHEN status IN ('resolved', 'closed') THEN 1 ELSE 0 END,
         CASE WHEN status IN ('resolved', 'closed') THEN NULL
              WHEN first_responded_at IS NULL THEN first_response_by ELSE resolve_by END ASC,
         updated_at DESC
       LIMIT 500`,
      [status, pattern],
    );
    return c.json({ tickets: rows.map(toAgentSummary) });
  });

  // An agent adds a knowledge-base article (`site` may be left out when only one site is configured).
  app.post('/v1/agent/answers', jsonLimit, async (c) => {
    const key = idempotencyKey(c, false);
    const raw = await readJson(c);
    const parsed = agentAnswerSchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) throw validationError(issuesToFields(parsed.error.issues));
    const { site: siteKey, ...input } = parsed.data;
    const site = siteKey ?? (sites.size === 1 ? [...sites.keys()][0]! : undefined);
    if (!site) throw validationError({ site: 'required' }, 'Name the site of the article.');
    if (!sites.has(site)) throw validationError({ site: 'invalid_choice' });
    const requestHash = sha256(`POST /v1/agent/answers\n${stableStringify(raw)}`);
    const idempotency = key ? { scope: 'agent|POST /v1/agent/answers', key, requestHash } : undefined;
    const result = await idempotentWrite(db, idempotency, async (tx) => {
      const row = await insertAnswer(tx, { site, ...input });
      const { score: _score, ...answer } = toAnswer(row);
      return { status: 201, body: { ...answer, site, tags: row.tags, updatedAt: iso(row.updated_at) } };
    });
    return send(c, result);
  });

  app.get('/v1/agent/metrics', (c) => {
    const fields: Record<string, string> = {};
    const day = (name: 'from' | 'to'): string | undefined => {
      const value = c.req.query(name);
      if (value === undefined || value === '') return undefined;
      const parsed = parseDay(value);
      if (!parsed) fields[name] = 'invalid_date';
      return parsed;
    };
    const today = new Date().toISOString().slice(0, 10);
    const to = day('to') ?? today;
    const from = day('from') ?? addDays(to, -29);
    const site = c.req.query('site') || null;
    if (site !== null && !sites.has(site)) fields['site'] = 'invalid_choice';
    if (Object.keys(fields).length === 0) {
      const span = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
      if (span < 1) fields['from'] = 'after_to';
      else if (span > METRICS_DAYS_MAX) fields['from'] = 'range_too_long';
    }
    if (Object.keys(fields).length > 0) {
      throw validationError(fields, `Use from/to as YYYY-MM-DD (UTC, inclusive), at most ${METRICS_DAYS_MAX} days.`);
    }
    return computeMetrics(db, { from, to, site }).then((report) => c.json(report));
  });

  app.get('/v1/agent/tickets/:id', async (c) => {
    const row = await findTicket(db, c.req.param('id'));
    if (!row) throw notFound('No such ticket.');
    return c.json(await toAgentTicket(db, row));
  });

  type AgentAction = 'claim' | 'reply' | 'resolve';
  const agentWrite = (action: AgentAction) => async (c: Context<Env>) => {
    const key = idempotencyKey(c, false);
    const raw = await readJson(c, action !== 'reply');
    const parsed = (action === 'reply' ? agentReplySchema : agentClaimSchema).safeParse(raw, { reportInput: true });
    if (!parsed.success) throw validationError(issuesToFields(parsed.error.issues));
    const input = parsed.data as { agentName?: string; message?: string };
    const id = c.req.param('id') ?? '';
    const requestHash = sha256(`POST /v1/agent/tickets/${id}/${action}\n${stableStringify(raw)}`);
    const scope = `agent|POST /v1/agent/tickets/${id}/${action}`;
    const result = await idempotentWrite(db, key ? { scope, key, requestHash } : undefined, async (tx) => {
      const row = await findTicket(tx, id, true);
      if (!row) throw notFound('No such ticket.');
      const now = new Date();
      if (action === 'claim') {
        // Claiming again (a retry, a second click) adds nothing; only a new assignee is a new entry.
        const assignee = input.agentName ?? row.assignee;
        const { rows: assigned } = await tx.query(
          `SELECT 1 FROM timeline WHERE ticket_id = $1 AND kind = 'assigned' LIMIT 1`,
          [id],
        );
        const changed = assigned.length === 0 || (assignee ?? null) !== (row.assignee ?? null);
        await tx.query(
          `UPDATE tickets SET assignee = COALESCE($2, assignee), updated_at = $3,
             status = CASE WHEN status = 'new' THEN 'open' ELSE status END WHERE id = $1`,
          [id, input.agentName ?? null, now.toISOString()],
        );
        if (changed) await addTimeline(tx, id, 'assigned', 'agent', now, input.agentName);
      } else if (action === 'reply') {
        await tx.query(
          `UPDATE tickets SET status = 'waiting_on_customer', updated_at = $2,
             first_responded_at = COALESCE(first_responded_at, $2), assignee = COALESCE(assignee, $3),
             resolved_at = NULL WHERE id = $1`,
          [id, now.toISOString(), input.agentName ?? null],
        );
        await addTimeline(tx, id, 'replied', 'agent', now, input.agentName, input.message);
      } else if (row.status !== 'resolved' && row.status !== 'closed') {
        await tx.query(`UPDATE tickets SET status = 'resolved', updated_at = $2, resolved_at = $2 WHERE id = $1`, [
          id,
          now.toISOString(),
        ]);
        await addTimeline(tx, id, 'resolved', 'agent', now, input.agentName);
      }
      return { status: 200, body: await toAgentTicket(tx, (await findTicket(tx, id))!) };
    });
    return send(c, result);
  };

  app.post('/v1/agent/tickets/:id/claim', jsonLimit, agentWrite('claim'));
  app.post('/v1/agent/tickets/:id/reply', jsonLimit, agentWrite('reply'));
  app.post('/v1/agent/tickets/:id/resolve', jsonLimit, agentWrite('resolve'));

  // ---- secrets proxy (@nectar/adapters/proxy): backend keys stay here --------------------------

  if (options.proxy) {
    const proxy = options.proxy;
    app.all('/v1/proxy/*', (c) => proxy(c.req.raw));
  }

  // ---- static files ---------------------------------------------------------------------------

  app.get('/', (c) => c.redirect('/demo/', 302));
  app.get('/demo', (c) => c.redirect('/demo/', 301));
  app.get('/demo/*', async (c) => {
    const response = await serveFile(demoDir, c.req.path.slice('/demo/'.length), {
      'Content-Security-Policy': DEMO_CSP,
    });
    if (!response) throw notFound('No such file.');
    return response;
  });
  app.get('/nectar/*', async (c) => {
    const response = await serveFile(cdnDir, c.req.path.slice('/nectar/'.length), {
      'Access-Control-Allow-Origin': '*',
    });
    if (!response) throw notFound('No such file. Build the CDN bundle with `npm run build`.');
    return response;
  });

  return app;
}

const tooLarge = () =>
  new HttpError(
    413,
    'payload_too_large',
    `An attachment may be at most ${LIMITS.attachmentBytesMax / 1024 / 1024} MB.`,
    {
      file: 'too_large',
    },
  );

/** `YYYY-MM-DD` or an ISO datetime (its UTC date); undefined when it is neither or not a real date. */
function parseDay(value: string): string | undefined {
  if (value.length > 40) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const time = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value ? undefined : value;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

const iso = (value: Date | string) => new Date(value).toISOString();

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function clientIp(c: Context<Env>, trustProxy?: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
