import type { Context } from 'hono';
import { REPLAYED_HEADER } from '@nectar/core/protocol';
import type { IdempotentResult } from './store/idempotency.ts';

/** Answers with a write's result, marking a replay (`Idempotent-Replayed: true`). */
export function sendWrite(c: Context, result: IdempotentResult): Response {
  if (result.replayed) c.header(REPLAYED_HEADER, 'true');
  return c.json(result.body as object, result.status as 200);
}

/** The scope of a shopper write's idempotency key: the same key on two routes is two writes. */
export const writeScope = (site: string, route: string) => `site:${site}|${route}`;
