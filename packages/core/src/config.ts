import * as z from 'zod/mini';
import { ValidationError } from './errors.ts';
import { issuesToFields } from './schema/base.ts';
import type { NectarConfig } from './types.ts';

const isDesk = (v: unknown) =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Record<string, unknown>).createTicket === 'function' &&
  typeof (v as Record<string, unknown>).uploadAttachment === 'function' &&
  typeof (v as Record<string, unknown>).getTicket === 'function';

const isCommerce = (v: unknown) =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Record<string, unknown>).listOrders === 'function' &&
  typeof (v as Record<string, unknown>).getOrder === 'function' &&
  typeof (v as Record<string, unknown>).identify === 'function';

const optionalText = (max: number) => z.optional(z.string().check(z.maxLength(max)));

export const userSchema = z.object({
  id: optionalText(200),
  email: z.optional(z.string().check(z.trim(), z.maxLength(254), z.email())),
  name: optionalText(120),
  hash: optionalText(512),
});

const configSchema = z.object({
  desk: z.custom<NectarConfig['desk']>(isDesk),
  commerce: z.optional(z.custom<NonNullable<NectarConfig['commerce']>>(isCommerce)),
  locale: z.optional(z.string().check(z.maxLength(35))),
  user: z.optional(userSchema),
  consent: z.optional(z.object({ behavior: z.optional(z.boolean()) })),
  nudges: z.optional(z.array(z.unknown())),
  storage: z.optional(z.enum(['indexeddb', 'memory'])),
  namespace: z.optional(z.string().check(z.regex(/^[\w.-]{1,64}$/))),
});

/** Validates a client config; throws one `ValidationError` whose `fields` name every bad field. */
export function validateConfig(config: unknown): NectarConfig {
  if (typeof config !== 'object' || config === null) {
    throw new ValidationError('Invalid Nectar config: expected an object with at least `desk`', { _: 'required' });
  }
  const r = configSchema.safeParse(config, { reportInput: true });
  if (r.success) return { ...(config as NectarConfig), ...r.data } as NectarConfig;
  const fields = issuesToFields(r.error.issues);
  if (fields.desk) fields.desk = (config as { desk?: unknown }).desk === undefined ? 'required' : 'invalid';
  if (fields.commerce) fields.commerce = 'invalid';
  const list = Object.entries(fields)
    .map(([k, v]) => `${k} (${v})`)
    .join(', ');
  throw new ValidationError(`Invalid Nectar config: ${list}`, fields);
}
