/**
 * @nectar/server — the reference service: HTTP API v1 on Hono, PGlite embedded by default,
 * PostgreSQL when a database URL is given.
 */
export { createApp, DEMO_CSP, type AppOptions, type RateLimitOptions } from './app.ts';
export { startServer, ensureAgentKey, type ServerOptions, type RunningServer } from './server.ts';
export { openDb, type Db, type Queryable, type StorageKind, type StorageOptions } from './db.ts';
export { migrate, MIGRATIONS, type Migration } from './migrations.ts';
export { DEFAULT_SITES, originAllowed, parseSites, type SiteConfig } from './sites.ts';
export { HttpError } from './http-error.ts';
export type { AgentTicket, TicketCsat } from './tickets.ts';
export { computeMetrics } from './feedback.ts';
