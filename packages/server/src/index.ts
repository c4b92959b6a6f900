/**
 * @nectar/server — the reference service: HTTP API v1 on Hono, PGlite embedded by default,
 * PostgreSQL when a database URL is given.
 */
export { createApp, DEMO_CSP, AGENT_KEY_MIN, type AppOptions, type RateLimitOptions } from './app.ts';
export { startServer, ensureAgentKey, type ServerOptions, type RunningServer } from './server.ts';
export { openDb, type Db, type Queryable, type StorageKind, type StorageOptions } from './store/db.ts';
export { migrate, MIGRATIONS, type Migration } from './store/migrations.ts';
export { DEFAULT_SITES, originAllowed, parseSites, type SiteConfig } from './sites.ts';
export { HttpError } from './http-error.ts';
export type { AgentTicket, TicketCsat } from './store/tickets.ts';
export { computeMetrics } from './store/metrics.ts';
export { anonymousRespondent } from './domain/feedback.ts';
