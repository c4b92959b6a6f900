/** What every handler finds on `c.var`, and the dependencies the routes are built with. */
import type { SiteSettingsReader } from './domain/site-settings.ts';
import type { CommerceDeps } from './domain/commerce.ts';
import type { SiteConfig } from './sites.ts';
import type { Db } from './store/db.ts';
import type { RateLimiter } from './store/rate-limits.ts';

/**
 * Who is calling on a shopper route: the ticket access token presented as `Authorization: Bearer`,
 * and the verified shopper (`X-Nectar-User` whose hash checked out), each null when absent.
 */
export interface Shopper {
  token: string | null;
  user: string | null;
  /** The ticket a valid mailed status link (`nl1.…` bearer token) reads, instead of its access token. */
  linkTicket?: string | null;
}

/** Variables every request has (set by the app-wide middleware). */
export interface BaseEnv {
  Variables: { ip: string };
}

/** A shopper route: a known site and the caller's credentials. */
export interface SiteEnv {
  Variables: { ip: string; site: SiteConfig; shopper: Shopper };
}

/** A route after `idempotent()`: the write's key. */
export interface KeyedEnv {
  Variables: { idempotencyKey: string };
}

/** Budgets of writes, per client IP and per site (all IPs together), in one window. */
export interface WriteBudget {
  perIp: number;
  perSite: number;
}

export interface Limits {
  windowMs: number;
  /** Tickets, messages on tickets and uploads. */
  tickets: WriteBudget;
  /** Survey answers. */
  feedback: WriteBudget;
  /** Tracked events (analytics): their own budget, so they never starve tickets. */
  events: WriteBudget;
  /** Bytes of uploads per IP and per site in one hour. */
  uploadBytes: WriteBudget;
  /** Failed agent sign-ins (wrong agent key) per IP and window, before 429. */
  agentAuthFailures: number;
  /** Failed console sign-ins (wrong email or password) per IP, and per account, in 15 minutes, before 429. */
  signInFailuresPerIp: number;
  signInFailuresPerAccount: number;
}

/** Who is calling an agent route: the machine key (full rights), or a signed-in agent's console session. */
export interface AgentPrincipal {
  via: 'key' | 'session';
  role: 'agent' | 'admin';
  /** The signed-in agent (null for the machine key). */
  id: string | null;
  name: string | null;
}

/** An agent route after `agentAuth()`. */
export interface AgentEnv {
  Variables: { ip: string; agent: AgentPrincipal };
}

export interface Deps {
  db: Db;
  sites: ReadonlyMap<string, SiteConfig>;
  /** A site's effective merchant settings (database over NECTAR_SITES over defaults), held a few seconds. */
  siteSettings: SiteSettingsReader;
  agentKey: string;
  attachmentsDir: string;
  limiter: RateLimiter;
  limits: Limits;
  trustProxy: boolean;
  /** A console session idle longer than this ends (default 12 h). */
  sessionIdleMs: number;
  webhooks: { allowPrivate: boolean };
  /** Mail to shoppers: whether an SMTP server is configured (without one, mail waits). */
  mail: { configured: boolean };
  /** Signs the status links mailed to shoppers (derived from the agent key). */
  linkKey: string;
  /** The shop's backend for the agent's order view and refunds (server-side adapter), if configured. */
  commerce: CommerceDeps;
  onInternalError: (error: unknown) => void;
}
