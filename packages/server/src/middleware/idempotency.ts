import { createMiddleware } from 'hono/factory';
import { IDEMPOTENCY_KEY_HEADER } from '@nectar/core/protocol';
import type { KeyedEnv } from '../env.ts';
import { validationError } from '../http-error.ts';

const KEY_MAX = 255;

function readKey(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length > KEY_MAX) throw validationError({ [IDEMPOTENCY_KEY_HEADER]: 'too_long' });
  return value;
}

/** Writes from shoppers: `Idempotency-Key` is required (400 naming it otherwise), on `c.var.idempotencyKey`. */
export function idempotent() {
  return createMiddleware<KeyedEnv>(async (c, next) => {
    const key = readKey(c.req.header(IDEMPOTENCY_KEY_HEADER));
    if (key === undefined) {
      throw validationError(
        { [IDEMPOTENCY_KEY_HEADER]: 'required' },
        `Every write needs an ${IDEMPOTENCY_KEY_HEADER} header.`,
      );
    }
    c.set('idempotencyKey', key);
    await next();
  });
}

/** Agent writes: the key is optional (a person clicking twice is harmless; a machine should send one). */
export function optionallyIdempotent() {
  return createMiddleware<{ Variables: { idempotencyKey: string | undefined } }>(async (c, next) => {
    c.set('idempotencyKey', readKey(c.req.header(IDEMPOTENCY_KEY_HEADER)));
    await next();
  });
}
