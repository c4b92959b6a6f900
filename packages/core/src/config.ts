/**
 * The client's config check. Written out rather than as a zod schema: `createNectar` runs it at once on
 * every page, and without it the client starts with no validator loaded at all (zod and the contract's
 * schemas come with the first ticket, survey answer or service response). The checks, the field paths and
 * the reasons are the ones the schema it replaces gave (`issuesToFields`): `required`, `invalid_type`,
 * `too_long`, `invalid_email`, `invalid_choice`, `invalid`, in the config's field order.
 */
import { ValidationError } from './errors.ts';
import type { NectarConfig, NectarUser } from './types.ts';

/** zod's email pattern (`z.email()`, zod/v4/core/regexes.js): what the service and the form accept. */
export const EMAIL =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
const NAMESPACE = /^[\w.-]{1,64}$/;
const STORAGE = ['indexeddb', 'memory'];

type Fields = Record<string, string>;
type Bag = Record<string, unknown>;

const isObject = (v: unknown): v is Bag => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (v: unknown, ...fns: string[]) => isObject(v) && fns.every((f) => typeof v[f] === 'function');

/** An optional string of at most `max` characters; `check` adds the reason of a bad value, if any. */
function optionalText(fields: Fields, path: string, value: unknown, max: number, check?: (s: string) => string | void) {
  if (value === undefined) return;
  if (typeof value !== 'string') fields[path] = 'invalid_type';
  else if (value.length > max) fields[path] = 'too_long';
  else {
    const why = check?.(value);
    if (why) fields[path] = why;
  }
}

/** Checks a shopper (`config.user`, `identify`): the fields it knows, the email trimmed. */
function checkUser(fields: Fields, prefix: string, user: unknown): NectarUser | undefined {
  if (!isObject(user)) {
    fields[prefix || '_'] = user === undefined ? 'required' : 'invalid_type';
    return undefined;
  }
  const at = (key: string) => (prefix ? `${prefix}.${key}` : key);
  const out: Bag = {};
  for (const key of ['id', 'email', 'name', 'hash'] as const) {
    if (!(key in user)) continue;
    let value = user[key];
    if (key === 'email' && typeof value === 'string') value = value.trim();
    optionalText(fields, at(key), value, { id: 200, email: 254, name: 120, hash: 512 }[key], (s) =>
      key === 'email' && !EMAIL.test(s) ? 'invalid_email' : undefined,
    );
    out[key] = value;
  }
  return out as NectarUser;
}

/** Checks `identify(user)`; throws one `ValidationError` naming every bad field. Returns the user as kept. */
export function validateUser(user: unknown): NectarUser {
  const fields: Fields = {};
  const out = checkUser(fields, '', user);
  if (Object.keys(fields).length) throw new ValidationError('Invalid user', fields);
  return out!;
}

/** Validates a client config; throws one `ValidationError` whose `fields` name every bad field. */
export function validateConfig(config: unknown): NectarConfig {
  if (typeof config !== 'object' || config === null) {
    throw new ValidationError('Invalid Nectar config: expected an object with at least `desk`', { _: 'required' });
  }
  const c = config as Bag;
  const fields: Fields = {};
  const out: Bag = { ...c };
  if (!has(c.desk, 'createTicket', 'uploadAttachment', 'getTicket')) {
    fields.desk = c.desk === undefined ? 'required' : 'invalid';
  }
  if (c.commerce !== undefined && !has(c.commerce, 'listOrders', 'getOrder', 'identify')) fields.commerce = 'invalid';
  optionalText(fields, 'locale', c.locale, 35);
  if (c.user !== undefined) out.user = checkUser(fields, 'user', c.user);
  if (c.consent !== undefined) {
    if (!isObject(c.consent)) fields.consent = 'invalid_type';
    else {
      const behavior = c.consent.behavior;
      if (behavior !== undefined && typeof behavior !== 'boolean') fields['consent.behavior'] = 'invalid_type';
      out.consent = 'behavior' in c.consent ? { behavior } : {};
    }
  }
  if (c.nudges !== undefined && !Array.isArray(c.nudges)) fields.nudges = 'invalid_type';
  const p = c.nudgePolicy;
  if (p !== undefined) {
    if (!isObject(p)) fields.nudgePolicy = 'invalid_type';
    else {
      for (const [k, v] of Object.entries(p)) {
        const ok =
          k == 'quietUrls'
            ? Array.isArray(v) && v.every((u) => typeof u == 'string')
            : k == 'serviceWithoutConsent'
              ? typeof v == 'boolean'
              : /^maxPer(Session|Day)$/.test(k) && Number.isInteger(v) && (v as number) >= 0;
        if (!ok) fields[`nudgePolicy.${k}`] = 'invalid';
      }
    }
  }
  if (c.storage !== undefined && !STORAGE.includes(c.storage as string)) fields.storage = 'invalid_choice';
  optionalText(fields, 'namespace', c.namespace, Infinity, (s) => (NAMESPACE.test(s) ? undefined : 'invalid'));
  const list = Object.entries(fields);
  if (!list.length) return out as unknown as NectarConfig;
  throw new ValidationError(`Invalid Nectar config: ${list.map(([k, v]) => `${k} (${v})`).join(', ')}`, fields);
}
