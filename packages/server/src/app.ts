/**
 * The HTTP API v1 of the reference service (ARCHITECTURE.md), as a Hono app: this file only wires
 * the middleware and mounts one sub-app per resource. `createApp` takes an opened, migrated
 * database; `startServer` (server.ts) wires the rest.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { BaseEnv, Deps, Limits } from './env.ts';
import { clientIp } from './middleware/client-ip.ts';
import { cors } from './middleware/cors.ts';
import { errorHandler, notFoundHandler } from './middleware/errors.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { agentRoutes } from './routes/agent/index.ts';
import { answerRoutes } from './routes/answers.ts';
import { nudgeRoutes } from './routes/nudges.ts';
import { consoleRoutes } from './routes/console.ts';
import { consoleAppRoutes } from './routes/console-app.ts';
import { attachmentRoutes } from './routes/attachments.ts';
import { eventRoutes } from './routes/events.ts';
import { feedbackRoutes } from './routes/feedback.ts';
import { healthRoutes } from './routes/health.ts';
import { staticRoutes } from './routes/static.ts';
import { ticketRoutes } from './routes/tickets.ts';
import { siteSettingsReader } from './domain/site-settings.ts';
import { DEFAULT_SITES, type SiteConfig } from './sites.ts';
import { linkKeyFrom, type MailOptions } from './domain/mail.ts';
import type { ServerCommerce } from '@nectar/adapters/commerce/server';
import { DELIVERY_WINDOW_DAYS } from '@nectar/core';
import type { Db } from './store/db.ts';
import { rateLimiterFor } from './store/rate-limits.ts';

export { DEMO_CSP } from './routes/static.ts';

/**
 * Write budgets, counted in the database so that every instance shares them. Tickets (with their
 * messages and uploads), feedback and events each have their own per-IP and per-site budgets.
 */
export interface RateLimitOptions {
  /** Ticket, message and upload writes per IP per window (default 120 a minute); also feedback's default. */
  writesPerIp?: number;
  /** The same per site, all IPs together (default 6,000 a minute). */
  writesPerSite?: number;
  /** Survey answers per IP / per site (default: `writesPerIp` / `writesPerSite`). */
  feedbackPerIp?: number;
  feedbackPerSite?: number;
  /** Event batches per IP / per site (default: `writesPerIp` / `writesPerSite`), never counted against tickets. */
  eventsPerIp?: number;
  eventsPerSite?: number;
  /** Upload bytes per hour per IP (default 100 MB) and per site (default 2 GB). */
  uploadBytesPerIp?: number;
  uploadBytesPerSite?: number;
  /** Wrong agent keys per IP per window before 429 (default 20). */
  agentAuthFailuresPerIp?: number;
  /** Failed console sign-ins per IP (default 20) and per account (default 5) in 15 minutes before 429. */
  signInFailuresPerIp?: number;
  signInFailuresPerAccount?: number;
  /** Window length in ms (default 60,000). */
  windowMs?: number;
}

export interface AppOptions {
  db: Db;
  /** Where attachment bytes are stored (one file per attachment id). */
  attachmentsDir: string;
  /** Secret of the agent API (`Authorization: Bearer <agentKey>`), at least 24 characters. */
  agentKey: string;
  sites?: SiteConfig[];
  rateLimit?: RateLimitOptions;
  /** Take the client IP from `X-Forwarded-For` and the scheme from `X-Forwarded-Proto` (only behind a trusted proxy). */
  trustProxy?: boolean;
  /** A console session idle longer than this ends (default 12 hours). */
  sessionIdleMs?: number;
  /**
   * Webhook delivery: `allowPrivate` lets endpoints resolve to loopback or private addresses
   * (`NECTAR_WEBHOOK_ALLOW_PRIVATE=1`); `schedule` is the retry schedule in seconds; `pollMs` how often an
   * instance looks for due deliveries (default 1 s); `timeoutMs` per attempt (default 15 s).
   */
  webhooks?: { allowPrivate?: boolean; schedule?: number[]; pollMs?: number; timeoutMs?: number };
  /** Mail to shoppers (`NECTAR_SMTP_URL`, `NECTAR_MAIL_FROM`); without `smtpUrl` it waits in the database. */
  mail?: MailOptions;
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
  /**
   * The shop's backend on the server (e.g. `vendureAdmin` from `@nectar/adapters/vendure/admin`): the agent's
   * ticket shows its order and tracking, and a refund remedy is executed there. `timeoutMs` bounds the order
   * lookup (default 4 s); `deliveryWindowDays` makes an undelivered order late (default core's).
   */
  commerce?: { backend: ServerCommerce; timeoutMs?: number; deliveryWindowDays?: number };
  /** How long an instance holds a site's settings before reading them again (default 3 s; another instance's change shows within it). */
  settingsTtlMs?: number;
}

/** Agent keys shorter than this are refused at start: the key is the agent API's only secret. */
export const AGENT_KEY_MIN = 24;

export function limitsFrom(options: RateLimitOptions = {}): Limits {
  const perIp = options.writesPerIp ?? 120;
  const perSite = options.writesPerSite ?? 6000;
  return {
    windowMs: options.windowMs ?? 60_000,
    tickets: { perIp, perSite },
    feedback: { perIp: options.feedbackPerIp ?? perIp, perSite: options.feedbackPerSite ?? perSite },
    events: { perIp: options.eventsPerIp ?? perIp, perSite: options.eventsPerSite ?? perSite },
    uploadBytes: {
      perIp: options.uploadBytesPerIp ?? 100 * 1024 * 1024,
      perSite: options.uploadBytesPerSite ?? 2 * 1024 * 1024 * 1024,
    },
    agentAuthFailures: options.agentAuthFailuresPerIp ?? 20,
    signInFailuresPerIp: options.signInFailuresPerIp ?? 20,
    signInFailuresPerAccount: options.signInFailuresPerAccount ?? 5,
  };
}

export function createApp(options: AppOptions): Hono<BaseEnv> {
  if (options.agentKey.length < AGENT_KEY_MIN) {
    throw new Error(`The agent key must be at least ${AGENT_KEY_MIN} characters (NECTAR_AGENT_KEY).`);
  }
  const sites = new Map((options.sites ?? DEFAULT_SITES).map((site) => [site.key, site]));
  const deps: Deps = {
    db: options.db,
    sites,
    siteSettings: siteSettingsReader(options.db, options.settingsTtlMs),
    agentKey: options.agentKey,
    attachmentsDir: options.attachmentsDir,
    limiter: rateLimiterFor(options.db),
    limits: limitsFrom(options.rateLimit),
    trustProxy: options.trustProxy ?? false,
    sessionIdleMs: options.sessionIdleMs ?? 12 * 3_600_000,
    webhooks: { allowPrivate: options.webhooks?.allowPrivate ?? false },
    mail: { configured: Boolean(options.mail?.smtpUrl) },
    linkKey: linkKeyFrom(options.agentKey),
    commerce: {
      backend: options.commerce?.backend ?? null,
      timeoutMs: options.commerce?.timeoutMs ?? 4000,
      deliveryWindowDays: options.commerce?.deliveryWindowDays ?? DELIVERY_WINDOW_DAYS,
    },
    onInternalError: options.onInternalError ?? ((error) => console.error('[nectar] internal error:', error)),
  };
  const proxy = options.proxy;
  const app = new Hono<BaseEnv>();
  app.onError(errorHandler(deps.onInternalError));
  app.notFound(notFoundHandler);
  app.use('*', securityHeaders(), clientIp(deps.trustProxy));
  app.use(
    '/v1/*',
    cors(sites, { trustProxy: deps.trustProxy, skip: (path) => proxy !== undefined && path.startsWith('/v1/proxy/') }),
  );

  app.route('/v1/tickets', ticketRoutes(deps));
  app.route('/v1/attachments', attachmentRoutes(deps));
  app.route('/v1/feedback', feedbackRoutes(deps));
  app.route('/v1/events', eventRoutes(deps));
  app.route('/v1/answers', answerRoutes(deps));
  app.route('/v1/nudges', nudgeRoutes(deps));
  app.route('/v1/health', healthRoutes(deps));
  app.route('/v1/console', consoleRoutes(deps));
  app.route('/v1/agent', agentRoutes(deps));
  app.route('/console', consoleAppRoutes());
  if (proxy) app.all('/v1/proxy/*', (c) => proxy(c.req.raw));
  app.route(
    '/',
    staticRoutes({
      demoDir: options.demoDir ?? fileURLToPath(new URL('../demo/', import.meta.url)),
      cdnDir: options.cdnDir ?? widgetsCdnDir(),
    }),
  );
  return app;
}

/** The CDN bundle of the installed `@nectar/widgets` (its `dist/cdn/`), served at `/nectar/`. */
function widgetsCdnDir(): string {
  const manifest = createRequire(import.meta.url).resolve('@nectar/widgets/package.json');
  return join(dirname(manifest), 'dist', 'cdn');
}
