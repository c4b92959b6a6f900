import { getConnInfo } from '@hono/node-server/conninfo';
import { createMiddleware } from 'hono/factory';
import type { BaseEnv } from '../env.ts';

/** `c.var.ip`: the peer address, or the first `X-Forwarded-For` hop behind a trusted proxy. */
export function clientIp(trustProxy: boolean) {
  return createMiddleware<BaseEnv>(async (c, next) => {
    let ip: string | undefined;
    if (trustProxy) ip = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim().slice(0, 64);
    if (!ip) {
      try {
        ip = getConnInfo(c).remote.address;
      } catch {
        ip = undefined;
      }
    }
    c.set('ip', ip || 'unknown');
    await next();
  });
}
