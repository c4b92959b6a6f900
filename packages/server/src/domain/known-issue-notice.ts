/**
 * A known issue's proactive notice: a nudge rule in the site's rules (the same document `PUT /v1/agent/nudges`
 * writes, checked with core's `nudgeRuleSchema`) shown as a banner to shoppers who look at an affected order.
 *
 * No widget tracks an order event yet, so the trigger is an `event` trigger on `order_viewed`, which the
 * storefront tracks on its order page once per order line: `nectar.track('order_viewed', { sku, product,
 * supplier })`. The rule matches the group's SKUs (`sku in [...]`): those the merchant's mapping gives the
 * product or supplier, and those on the group's tickets' items; a product or supplier group without known SKUs
 * matches its name (`product` / `supplier` eq). The rule's id is `known-issue-` and a hash of the group, so
 * publishing again updates it and closing the group removes it.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { LOCALES, nudgeRuleSchema, text, type NudgeRule } from '@nectar/core/schema';
import { validationError } from '../http-error.ts';
import { BOARD_COLUMN, BOARD_DIMENSIONS, type BoardDimension } from '../store/board.ts';
import type { Queryable } from '../store/db.ts';
import { findNudgeRules, lockNudgeRules, saveNudgeRules } from '../store/nudges.ts';

export const NOTICE_EVENT = 'order_viewed';
const SKUS_MAX = 200;

const localeContent = z.strictObject({ title: text(120, { min: 1 }), body: z.optional(text(500)) });

export const noticeSchema = z.strictObject({
  by: z.enum(BOARD_DIMENSIONS),
  key: text(120, { min: 1 }),
  site: z.optional(text(64, { min: 1 })),
  content: z.partialRecord(z.enum(LOCALES), localeContent).check(
    z.refine((c) => c.en !== undefined, {
      path: ['en'],
      message: 'English is required.',
      params: { reason: 'required' },
    }),
  ),
});
export type NoticeInput = z.infer<typeof noticeSchema>;

export const noticeRuleId = (by: string, key: string) =>
  `known-issue-${createHash('sha256').update(`${by}\u0000${key}`).digest('hex').slice(0, 20)}`;

/** The SKUs a group's notice matches: the mapping's for a product or supplier, and the group's tickets' items'. */
export async function skusOf(db: Queryable, site: string, by: BoardDimension, key: string): Promise<string[]> {
  const skus = new Set<string>();
  if (by === 'product' || by === 'supplier') {
    const { rows } = await db.query<{ sku: string }>(
      `SELECT sku FROM supplier_map WHERE site = $1 AND ${by} = $2 ORDER BY sku`,
      [site, key],
    );
    for (const r of rows) skus.add(r.sku);
  }
  const { rows } = await db.query<{ sku: string }>(
    `SELECT DISTINCT i->>'sku' AS sku FROM tickets t, jsonb_array_elements(
       CASE WHEN jsonb_typeof(t.items) = 'array' THEN t.items ELSE '[]'::jsonb END) AS i
     WHERE t.site = $1 AND ${BOARD_COLUMN[by]} = $2 AND i->>'sku' IS NOT NULL
       AND t.created_at > now() - interval '366 days'
     ORDER BY 1`,
    [site, key],
  );
  for (const r of rows) skus.add(r.sku);
  return [...skus].slice(0, SKUS_MAX);
}

/** The rule a notice publishes; throws `validation_failed` naming the field when core's schema refuses it. */
export function noticeRule(input: NoticeInput, skus: string[]): NudgeRule {
  const where =
    skus.length > 0
      ? [{ prop: 'sku', op: 'in' as const, value: skus }]
      : input.by === 'product' || input.by === 'supplier'
        ? [{ prop: input.by, op: 'eq' as const, value: input.key }]
        : undefined;
  if (!where) {
    throw validationError(
      { key: 'no_skus' },
      'No SKU is known for this group: map its SKUs (/v1/agent/suppliers) or attribute tickets with order items.',
    );
  }
  const candidate = {
    id: noticeRuleId(input.by, input.key),
    trigger: { kind: 'event', name: NOTICE_EVENT, where },
    content: input.content,
    presentation: { variant: 'banner' },
    frequency: { maxShows: 3, cooldownHours: 24 },
    purpose: 'service',
    priority: 90,
  };
  const parsed = z.safeParse(nudgeRuleSchema, candidate);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), 'invalid']));
    throw validationError(fields, 'The notice does not make a valid nudge rule.');
  }
  return parsed.data;
}

/** Adds or replaces the notice's rule in the site's rules. */
export async function publishNotice(tx: Queryable, site: string, rule: NudgeRule, now: Date): Promise<number> {
  await lockNudgeRules(tx, site);
  const { rules } = await findNudgeRules(tx, site);
  return saveNudgeRules(tx, site, [...rules.filter((r) => r.id !== rule.id), rule], now);
}

/** Removes the group's notice from the site's rules (every site's, for the board of every site); true if one was. */
export async function unpublishNotice(
  tx: Queryable,
  sites: string[],
  by: string,
  key: string,
  now: Date,
): Promise<boolean> {
  const id = noticeRuleId(by, key);
  let removed = false;
  for (const site of sites) {
    await lockNudgeRules(tx, site);
    const { rules } = await findNudgeRules(tx, site);
    if (!rules.some((r) => r.id === id)) continue;
    await saveNudgeRules(
      tx,
      site,
      rules.filter((r) => r.id !== id),
      now,
    );
    removed = true;
  }
  return removed;
}
