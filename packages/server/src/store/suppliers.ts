/** The merchant's SKU → product and supplier mapping, one row per site and SKU (migration 19). */
import type { Queryable } from './db.ts';

export interface SupplierEntry {
  sku: string;
  product: string;
  supplier: string;
  department?: string;
}

interface Row {
  sku: string;
  product: string;
  supplier: string;
  department: string | null;
}

const toEntry = (r: Row): SupplierEntry => ({
  sku: r.sku,
  product: r.product,
  supplier: r.supplier,
  ...(r.department ? { department: r.department } : {}),
});

export async function listSuppliers(db: Queryable, site: string): Promise<SupplierEntry[]> {
  const { rows } = await db.query<Row>(
    'SELECT sku, product, supplier, department FROM supplier_map WHERE site = $1 ORDER BY sku',
    [site],
  );
  return rows.map(toEntry);
}

/** The entries of these SKUs (case as written; SKUs are compared exactly). */
export async function suppliersOf(db: Queryable, site: string, skus: string[]): Promise<Map<string, SupplierEntry>> {
  if (skus.length === 0) return new Map();
  const { rows } = await db.query<Row>(
    'SELECT sku, product, supplier, department FROM supplier_map WHERE site = $1 AND sku = ANY($2::text[])',
    [site, skus],
  );
  return new Map(rows.map((r) => [r.sku, toEntry(r)]));
}

/** Writes the entries (one statement per 500); `replace` first removes the site's others. */
export async function saveSuppliers(
  db: Queryable,
  site: string,
  entries: SupplierEntry[],
  now: Date,
  replace: boolean,
): Promise<void> {
  if (replace) await db.query('DELETE FROM supplier_map WHERE site = $1', [site]);
  for (let i = 0; i < entries.length; i += 500) {
    const batch = entries.slice(i, i + 500);
    await db.query(
      `INSERT INTO supplier_map (site, sku, product, supplier, department, updated_at)
       SELECT $1, e.sku, e.product, e.supplier, e.department, $3
       FROM jsonb_to_recordset($2::jsonb) AS e(sku text, product text, supplier text, department text)
       ON CONFLICT (site, sku) DO UPDATE SET product = EXCLUDED.product, supplier = EXCLUDED.supplier,
         department = EXCLUDED.department, updated_at = EXCLUDED.updated_at`,
      [site, JSON.stringify(batch), now.toISOString()],
    );
  }
}
