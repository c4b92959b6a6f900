/**
 * The base of the shared schemas (ARCHITECTURE.md): the contract's constants and types (from
 * `contract.ts`, which needs no zod), the text field every string of the contract is, and the mapping
 * of zod issues to field reasons. It builds no schema when imported: each feature's schemas live in a module of their own (`ticket.ts`,
 * `feedback.ts`, `events.ts`, `answers.ts`), so a bundle carries only the ones its code uses.
 * `../schema.ts` re-exports them all (`@nectar/core/schema`).
 */
import * as z from 'zod/mini';

// No `new Function` in zod: a storefront with a strict CSP (no 'unsafe-eval') would otherwise get a
// securitypolicyviolation report from zod's eval probe, and compiling parsers costs start-up time.
// Here, in the module every schema module imports, so it runs before any schema is built. (Code that
// needs only the constants imports `contract.ts`, so a page without a schema loads no zod.)
z.config({ jitless: true });

export * from './contract.ts';
import { matchLocale } from '../locale.ts';

/** A locale field: any language tag (`en-US`, `zh-Hant-HK`) is accepted and matched to a supported locale. */
export const localeField = () =>
  z.pipe(
    z.string().check(z.minLength(1), z.maxLength(35), z.regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/)),
    z.transform(matchLocale),
  );

/**
 * Control characters (C0 but tab, line feed and carriage return; DEL) and lone UTF-16 surrogates.
 * PostgreSQL cannot store U+0000 (nor a lone surrogate in JSON) and none of them belongs in what a
 * shopper or an agent writes: every text field refuses them with the reason `control_character`,
 * in the browser and on the service alike.
 */
const CONTROL_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
let noControl: z.core.$ZodCheck<string> | undefined;
const noControlCharacters = () =>
  (noControl ??= z.refine<string>((value) => !CONTROL_CHARACTERS.test(value), {
    params: { reason: 'control_character' },
  }));

/**
 * A text field: trimmed (unless `trim: false`), no control characters, `min`…`max` characters
 * (`min: 1` reads as `required` when empty). Every string of the contract is one.
 */
export function text(max: number, options: { min?: number; trim?: boolean } = {}) {
  return z
    .string()
    .check(
      ...(options.trim === false ? [] : [z.trim()]),
      noControlCharacters(),
      ...(options.min ? [z.minLength(options.min)] : []),
      z.maxLength(max),
    );
}

/**
 * Turns zod issues into `{ field: code }`, where field is the dotted path
 * (`contact.email`) and code is a short, stable reason (`required`, `too_long`,
 * `invalid_email`, `invalid`, `unknown_field`…) that clients localize.
 */
export function issuesToFields(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  // A Map, then own properties: a field named `__proto__` is named like any other, not swallowed.
  const fields = new Map<string, string>();
  const add = (path: string, why: string) => {
    if (!fields.has(path)) fields.set(path, why);
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add([...issue.path, key].join('.'), 'unknown_field');
      continue;
    }
    add(issue.path.join('.') || '_', reason(issue));
  }
  return Object.fromEntries(fields);
}

function reason(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'required' : 'invalid_type';
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1 ? 'required' : 'too_small';
    case 'too_big':
      return issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint' ? 'too_big' : 'too_long';
    case 'invalid_format':
      return issue.format === 'email' ? 'invalid_email' : 'invalid';
    case 'invalid_value':
      // A missing choice (parsed with `reportInput`) reads as required, not as a wrong choice.
      return 'input' in issue && issue.input === undefined ? 'required' : 'invalid_choice';
    case 'custom':
      return typeof issue.params?.['reason'] === 'string' ? issue.params['reason'] : 'invalid';
    case 'invalid_union':
      // A discriminated union (`kind`) whose discriminator is missing or unknown.
      return 'discriminator' in issue ? 'invalid_choice' : 'invalid';
    default:
      return 'invalid';
  }
}
