/**
 * Request validation. A JSON body must say `Content-Type: application/json` (415 otherwise), be
 * valid JSON nested at most `MAX_DEPTH` deep (400, checked before parsing, so no input can exhaust
 * the stack) and pass its zod schema; a failed parse becomes `validation_failed` naming each field.
 */
import { createMiddleware } from 'hono/factory';
import * as z from 'zod/mini';
import { issuesToFields } from '@nectar/core/schema';
import { unsupportedMediaType, validationError } from '../http-error.ts';

/** Deeper than any body of the contract needs (a ticket's items are three levels down). */
export const MAX_DEPTH = 16;

/** The deepest nesting of arrays and objects in a JSON text (strings skipped), stopping past `limit`. */
export function jsonDepth(text: string, limit = MAX_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 91 /* [ */ || ch === 123 /* { */) {
      depth++;
      if (depth > deepest && (deepest = depth) > limit) return deepest;
    } else if (ch === 93 /* ] */ || ch === 125 /* } */) depth--;
  }
  return deepest;
}

const isJson = (type: string | undefined) => /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type ?? '');

export interface JsonOptions {
  /** An empty body (no `Content-Type` needed) reads as `{}`: agent actions without details. */
  optional?: boolean;
}

export type JsonEnv<S extends z.core.$ZodType> = { Variables: { body: z.output<S>; raw: unknown } };

/** Validates the JSON body: `c.var.body` (parsed), `c.var.raw` (as sent, for request hashing). */
export function json<S extends z.core.$ZodType>(schema: S, options: JsonOptions = {}) {
  return createMiddleware<JsonEnv<S> & { Variables: { bodyText?: string } }>(async (c, next) => {
    // Read by `jsonLimit` when it ran before (every JSON route), else here.
    const text = c.var.bodyText ?? (await c.req.text());
    let raw: unknown;
    if (options.optional && text.trim() === '') raw = {};
    else {
      if (!isJson(c.req.header('Content-Type'))) {
        throw unsupportedMediaType('Send the body as JSON (Content-Type: application/json).');
      }
      if (jsonDepth(text) > MAX_DEPTH) {
        throw validationError({ _: 'too_deep' }, `The JSON body is nested more than ${MAX_DEPTH} levels deep.`);
      }
      try {
        raw = JSON.parse(text);
      } catch {
        throw validationError({ _: 'invalid_json' }, 'The request body is not valid JSON.');
      }
    }
    const parsed = z.safeParse(schema, raw, { reportInput: true });
    if (!parsed.success) throw validationError(issuesToFields(parsed.error.issues));
    c.set('raw', raw);
    c.set('body', parsed.data);
    await next();
  });
}

export type QueryEnv<S extends z.core.$ZodType> = { Variables: { query: z.output<S> } };

/** Validates the query string (each name's first value; empty values left out): `c.var.query`. */
export function query<S extends z.core.$ZodType>(schema: S) {
  return createMiddleware<QueryEnv<S>>(async (c, next) => {
    const values = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
    const parsed = z.safeParse(schema, values, { reportInput: true });
    if (!parsed.success) throw validationError(issuesToFields(parsed.error.issues));
    c.set('query', parsed.data);
    await next();
  });
}
