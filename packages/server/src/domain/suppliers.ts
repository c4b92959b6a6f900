/**
 * The SKU → product and supplier mapping a merchant maintains (JSON or CSV), and the attribution a ticket is
 * suggested from it: product from the ticket's items (the mapping's product for a known SKU, else the item's
 * title), supplier (and a department, when the mapping names one) from the mapping, department and issue type
 * from the ticket's category.
 */
import { parse } from 'csv-parse/sync';
import * as z from 'zod/mini';
import { text } from '@nectar/core/schema';
import { validationError } from '../http-error.ts';
import type { SupplierEntry } from '../store/suppliers.ts';

export const SUPPLIER_ENTRIES_MAX = 20_000;
/** The largest CSV import, in bytes. */
export const SUPPLIER_CSV_MAX = 2 * 1024 * 1024;

export const supplierEntrySchema = z.strictObject({
  sku: text(120, { min: 1 }),
  product: text(120, { min: 1 }),
  supplier: text(120, { min: 1 }),
  department: z.optional(text(120, { min: 1 })),
});

export const suppliersPutSchema = z.strictObject({
  site: z.optional(text(64, { min: 1 })),
  entries: z.array(supplierEntrySchema).check(z.maxLength(SUPPLIER_ENTRIES_MAX)),
});

/** The first repeated SKU's index, as a field error. */
export function duplicateSku(entries: { sku: string }[], prefix: (i: number) => string): Record<string, string> {
  const seen = new Set<string>();
  for (const [i, e] of entries.entries()) {
    if (seen.has(e.sku)) return { [`${prefix(i)}.sku`]: 'duplicate' };
    seen.add(e.sku);
  }
  return {};
}

const COLUMNS = ['sku', 'product', 'supplier', 'department'] as const;
const REQUIRED = new Set(['sku', 'product', 'supplier']);

/**
 * A CSV with a header row naming `sku`, `product`, `supplier` and optionally `department` (any order, any case;
 * other columns ignored). Every problem is named by its line and column: `line.3.supplier: required`.
 */
export function parseSupplierCsv(csv: string): SupplierEntry[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(csv, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
  } catch (e) {
    const err = e as { lines?: unknown; code?: unknown; message?: string };
    const line = typeof err.lines === 'number' ? err.lines : 1;
    throw validationError(
      { [`line.${line}`]: typeof err.code === 'string' ? err.code.toLowerCase() : 'invalid_csv' },
      `Line ${line}: ${err.message ?? 'not valid CSV'}`,
    );
  }
  const [head, ...rows] = records;
  if (!head) throw validationError({ 'line.1': 'required' }, 'The CSV is empty: a header row comes first.');
  const names = head.record.map((h) => h.trim().toLowerCase());
  const at = Object.fromEntries(COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>;
  const missing = COLUMNS.filter((c) => REQUIRED.has(c) && at[c] < 0);
  if (missing.length) {
    throw validationError(
      Object.fromEntries(missing.map((c) => [`line.${head.info.lines}.${c}`, 'missing_column'])),
      `Line ${head.info.lines}: the header names no column ${missing.join(', ')}.`,
    );
  }
  if (rows.length > SUPPLIER_ENTRIES_MAX) {
    throw validationError({ entries: 'too_many' }, `At most ${SUPPLIER_ENTRIES_MAX} rows.`);
  }
  const fields: Record<string, string> = {};
  const entries: SupplierEntry[] = [];
  const lineOf = new Map<number, number>();
  for (const { record, info } of rows) {
    const cell = (c: (typeof COLUMNS)[number]) => (at[c] >= 0 ? (record[at[c]] ?? '').trim() : '');
    const candidate: Record<string, string> = {};
    for (const c of COLUMNS) if (cell(c) !== '') candidate[c] = cell(c);
    const parsed = z.safeParse(supplierEntrySchema, candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? 'line');
        fields[`line.${info.lines}.${column}`] ??= candidate[column] === undefined ? 'required' : 'invalid';
      }
      continue;
    }
    lineOf.set(entries.length, info.lines);
    entries.push(parsed.data);
  }
  Object.assign(
    fields,
    duplicateSku(entries, (i) => `line.${lineOf.get(i)}`),
  );
  const first = Object.keys(fields)[0];
  if (first) {
    const [, line, column] = first.split('.');
    throw validationError(
      fields,
      `Line ${line}, column ${column}: ${fields[first]} (and ${Object.keys(fields).length - 1} more).`,
    );
  }
  return entries;
}

/** What the category says about where a problem belongs, by default. */
const BY_CATEGORY: Record<string, { department?: string; issueType?: string }> = {
  damaged: { department: 'Warehouse', issueType: 'Damaged item' },
  missing_or_wrong: { department: 'Warehouse', issueType: 'Missing or wrong item' },
  delivery: { department: 'Logistics', issueType: 'Delivery' },
  return_refund: { department: 'Customer service', issueType: 'Return or refund' },
  order_change: { department: 'Customer service', issueType: 'Order change' },
  product_question: { department: 'Product', issueType: 'Product question' },
  account_payment: { department: 'Finance', issueType: 'Account or payment' },
  other: {},
};

export type SuggestionSource = 'mapping' | 'item' | 'category';

export interface AttributionSuggestion {
  department?: string;
  issueType?: string;
  product?: string;
  supplier?: string;
  /** Where each value came from. */
  from: Partial<Record<'department' | 'issueType' | 'product' | 'supplier', SuggestionSource>>;
  /** The SKU the product and supplier were found by. */
  sku?: string;
}

export function itemsOf(items: unknown): { sku?: string; title?: string }[] {
  if (!Array.isArray(items)) return [];
  return items.flatMap((i: unknown) => {
    if (typeof i !== 'object' || i === null) return [];
    const { sku, title } = i as { sku?: unknown; title?: unknown };
    return [{ ...(typeof sku === 'string' ? { sku } : {}), ...(typeof title === 'string' ? { title } : {}) }];
  });
}

/** The suggestion for a ticket of `category` with these items, given the mapping of their SKUs. */
export function suggestAttribution(
  category: string,
  items: { sku?: string; title?: string }[],
  mapping: Map<string, SupplierEntry>,
): AttributionSuggestion {
  const out: AttributionSuggestion = { from: {} };
  const known = items.find((i) => i.sku !== undefined && mapping.has(i.sku));
  const entry = known?.sku ? mapping.get(known.sku) : undefined;
  if (entry) {
    out.sku = entry.sku;
    out.product = entry.product;
    out.supplier = entry.supplier;
    out.from.product = 'mapping';
    out.from.supplier = 'mapping';
    if (entry.department) {
      out.department = entry.department;
      out.from.department = 'mapping';
    }
  } else {
    const titled = items.find((i) => i.title);
    if (titled?.title) {
      out.product = titled.title.slice(0, 120);
      out.from.product = 'item';
      if (titled.sku) out.sku = titled.sku;
    }
  }
  const byCategory = BY_CATEGORY[category] ?? {};
  if (!out.department && byCategory.department) {
    out.department = byCategory.department;
    out.from.department = 'category';
  }
  if (byCategory.issueType) {
    out.issueType = byCategory.issueType;
    out.from.issueType = 'category';
  }
  return out;
}
