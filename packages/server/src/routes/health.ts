/** `GET /v1/health`: liveness and a storage check (503 when the database does not answer). */
import { Hono } from 'hono';
import type { BaseEnv, Deps } from '../env.ts';
import { ping } from '../store/db.ts';

export function healthRoutes(deps: Deps) {
  return new Hono<BaseEnv>().get('/', async (c) => {
    try {
      await ping(deps.db);
      return c.json({ status: 'ok', storage: deps.db.kind });
    } catch (error) {
      deps.onInternalError(error);
      return c.json(
        { status: 'error', storage: deps.db.kind, error: { code: 'internal', message: 'The storage check failed.' } },
        503,
      );
    }
  });
}
