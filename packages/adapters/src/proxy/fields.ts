/** Reading what the browser sends and projecting what a vendor answers: only named fields pass. */
import { ProxyError } from './errors.ts';

const JSON_MAX = 64 * 1024;

/** The request's JSON object body (64 KB at most). */
export async function readJson(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.length > JSON_MAX) throw new ProxyError(413, 'payload_too_large', 'The request is too large.');
  try {
    const body = JSON.parse(text) as unknown;
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    /* fall through */
  }
  throw new ProxyError(422, 'validation_failed', 'Expected a JSON object.');
}

/** Only `keys` of an object (anything else is passed as it is). */
export const pick = (value: unknown, keys: readonly string[]): unknown => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in value) out[k] = (value as Record<string, unknown>)[k];
  return out;
};

/** A string of at most `max` characters, else undefined. */
export const str = (v: unknown, max: number): string | undefined =>
  typeof v === 'string' && v.length <= max ? v : undefined;

/** The value, or a 422 naming the field. */
export const need = (v: string | undefined, field: string): string => {
  if (!v) throw new ProxyError(422, 'validation_failed', `${field} is required.`);
  return v;
};

/** Up to 10 tags of at most 64 characters; anything else is dropped. */
export const tagList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string' && t.length <= 64).slice(0, 10) : [];
