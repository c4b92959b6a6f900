import { createMiddleware } from 'hono/factory';
import type { BaseEnv, Deps } from '../env.ts';
import { safeEqual } from '../crypto.ts';
import { rateLimited, unauthorized } from '../http-error.ts';
import { bearerToken } from './site.ts';

/**
 * Agent routes: `Authorization: Bearer <agent key>`. Failed attempts are counted per IP in the
 * shared rate-limit table; past `limits.agentAuthFailures` in a window every attempt from that IP
 * answers 429 with `Retry-After` until the window ends, so the key cannot be guessed at speed.
 */
export function agentAuth(deps: Pick<Deps, 'agentKey' | 'limiter' | 'limits'>) {
  return createMiddleware<BaseEnv>(async (c, next) => {
    const bucket = { key: `agent-auth-failed:${c.var.ip}`, limit: deps.limits.agentAuthFailures };
    const { windowMs } = deps.limits;
    const blocked = await deps.limiter.peek(bucket, windowMs);
    if (blocked !== null) throw rateLimited(blocked, 'Too many failed agent sign-ins. Please wait.');
    const token = bearerToken(c.req.header('Authorization'));
    if (!token || !safeEqual(token, deps.agentKey)) {
      const retryAfter = await deps.limiter.hit([bucket], windowMs);
      if (retryAfter !== null) throw rateLimited(retryAfter, 'Too many failed agent sign-ins. Please wait.');
      throw unauthorized('Missing or invalid agent key.');
    }
    await next();
  });
}
