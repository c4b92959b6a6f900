import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AgentEnv, Deps } from '../env.ts';
import { safeEqual, sha256 } from '../crypto.ts';
import { forbidden, rateLimited, unauthorized } from '../http-error.ts';
import { touchSession } from '../store/agents.ts';
import { bearerToken } from './site.ts';

/** The console's session cookie. */
export const SESSION_COOKIE = 'nectar_session';

/** The origin the console is served from, as the browser sees it (`X-Forwarded-Proto` behind a trusted proxy). */
export function consoleOrigin(c: Context, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  const proto = trustProxy ? c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim() : undefined;
  return proto === 'https' || proto === 'http' ? `${proto}://${url.host}` : url.origin;
}

/**
 * A cookie-authenticated write must come from the console's own page: its `Origin` is the service's
 * origin (a browser always sends one on a POST), so another site cannot make a signed-in agent's
 * browser act (CSRF). `SameSite=Strict` is the second fence.
 */
export function requireConsoleOrigin(c: Context, trustProxy: boolean): void {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return;
  if (c.req.header('Origin') !== consoleOrigin(c, trustProxy)) {
    throw forbidden('Console writes are accepted only from the console itself.');
  }
}

/**
 * Agent routes: `Authorization: Bearer <agent key>` (machines; full rights) or a console session
 * (a signed-in agent; writes only from the console's origin) → `c.var.agent`. Failed key attempts
 * are counted per IP in the shared limiter; past `limits.agentAuthFailures` in a window every attempt
 * from that IP answers 429 with `Retry-After` until the window ends, so the key cannot be guessed at speed.
 */
export function agentAuth(deps: Pick<Deps, 'db' | 'agentKey' | 'limiter' | 'limits' | 'sessionIdleMs' | 'trustProxy'>) {
  return createMiddleware<AgentEnv>(async (c, next) => {
    const token = bearerToken(c.req.header('Authorization'));
    const session = token ? undefined : getCookie(c, SESSION_COOKIE);
    if (session) {
      const row = await touchSession(deps.db, sha256(session), deps.sessionIdleMs, new Date());
      if (!row) throw unauthorized('Your session has ended. Please sign in again.');
      requireConsoleOrigin(c, deps.trustProxy);
      c.set('agent', { via: 'session', role: row.role, id: row.id, name: row.name });
      return next();
    }
    const bucket = { key: `agent-auth-failed:${c.var.ip}`, limit: deps.limits.agentAuthFailures };
    const { windowMs } = deps.limits;
    const blocked = await deps.limiter.peek(bucket, windowMs);
    if (blocked !== null) throw rateLimited(blocked, 'Too many failed agent sign-ins. Please wait.');
    if (!token || !safeEqual(token, deps.agentKey)) {
      const retryAfter = await deps.limiter.hit([bucket], windowMs);
      if (retryAfter !== null) throw rateLimited(retryAfter, 'Too many failed agent sign-ins. Please wait.');
      throw unauthorized('Missing or invalid agent key, or no console session.');
    }
    c.set('agent', { via: 'key', role: 'admin', id: null, name: null });
    await next();
  });
}

/** Admin-only routes (inviting and disabling agents). */
export const requireAdmin = () =>
  createMiddleware<AgentEnv>(async (c, next) => {
    if (c.var.agent.role !== 'admin') throw forbidden('Only an admin may do this.');
    await next();
  });
