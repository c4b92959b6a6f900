import { createMiddleware } from 'hono/factory';
import { SITE_HEADER } from '@nectar/core/protocol';
import type { BaseEnv, Deps, Limits } from '../env.ts';
import { rateLimited } from '../http-error.ts';

export type WriteClass = 'tickets' | 'feedback' | 'events';

/**
 * Counts one write of its class against the client IP's budget and the site's (all IPs
 * together), 429 with `Retry-After` when over. Each class has its own budgets, so a flood of
 * analytics events never refuses a shopper's ticket.
 */
export function writeBudget(deps: Pick<Deps, 'limiter' | 'limits' | 'sites'>, kind: WriteClass) {
  return createMiddleware<BaseEnv>(async (c, next) => {
    const budget: Limits[WriteClass] = deps.limits[kind];
    const siteKey = c.req.header(SITE_HEADER) ?? '';
    const buckets = [{ key: `${kind}:ip:${c.var.ip}`, limit: budget.perIp }];
    if (deps.sites.has(siteKey)) buckets.push({ key: `${kind}:site:${siteKey}`, limit: budget.perSite });
    const retryAfter = await deps.limiter.hit(buckets, deps.limits.windowMs);
    if (retryAfter !== null) throw rateLimited(retryAfter);
    await next();
  });
}
