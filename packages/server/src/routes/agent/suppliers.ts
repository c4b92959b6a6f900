/**
 * `/v1/agent/suppliers`: the site's SKU → product and supplier mapping. `GET ?site=` lists it (any agent);
 * `PUT` `{ site?, entries: [{ sku, product, supplier, department? }] }` replaces it (admins; a repeated SKU is
 * `entries.<i>.sku: duplicate`); `POST /import?site=&mode=merge|replace` takes `text/csv` (admins; a header row
 * naming sku, product, supplier and optionally department; at most 2 MB and 20,000 rows; every bad cell named
 * `line.<n>.<column>`), merging into the mapping by SKU unless `mode=replace`.
 *
 * `GET /v1/agent/tickets/:id/attribution/suggestion`: what the ticket's items, the mapping and its category
 * suggest for its attribution (domain/suppliers.ts), with where each value came from.
 */
import { Hono } from 'hono';
import { isId } from '../../domain/access.ts';
import {
  duplicateSku,
  itemsOf,
  parseSupplierCsv,
  SUPPLIER_CSV_MAX,
  suggestAttribution,
  suppliersPutSchema,
} from '../../domain/suppliers.ts';
import type { AgentEnv, Deps } from '../../env.ts';
import { notFound, unsupportedMediaType, validationError } from '../../http-error.ts';
import { requireAdmin } from '../../middleware/agent.ts';
import { jsonLimit } from '../../middleware/body-limit.ts';
import { json } from '../../middleware/validate.ts';
import { listSuppliers, saveSuppliers, suppliersOf } from '../../store/suppliers.ts';
import { findTicket } from '../../store/tickets.ts';
import { siteOf } from './site.ts';

export function agentSupplierRoutes(deps: Deps) {
  return new Hono<AgentEnv>()
    .get('/', async (c) => {
      const site = siteOf(deps, c.req.query('site') || undefined);
      return c.json({ site, entries: await listSuppliers(deps.db, site) });
    })
    .put('/', requireAdmin(), jsonLimit(4 * 1024 * 1024), json(suppliersPutSchema), async (c) => {
      const site = siteOf(deps, c.var.body.site);
      const entries = c.var.body.entries;
      const duplicate = duplicateSku(entries, (i) => `entries.${i}`);
      if (Object.keys(duplicate).length) throw validationError(duplicate, 'Each SKU once.');
      await deps.db.transaction((tx) => saveSuppliers(tx, site, entries, new Date(), true));
      return c.json({ site, entries: await listSuppliers(deps.db, site) });
    })
    .post(
      '/import',
      requireAdmin(),
      async (c, next) => {
        const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
        if (type !== 'text/csv') {
          throw unsupportedMediaType('Send the mapping as text/csv.', { 'content-type': 'text/csv' });
        }
        await next();
      },
      jsonLimit(SUPPLIER_CSV_MAX, 'The CSV is too large (at most 2 MB).'),
      async (c) => {
        const site = siteOf(deps, c.req.query('site') || undefined);
        const mode = c.req.query('mode') ?? 'merge';
        if (mode !== 'merge' && mode !== 'replace') throw validationError({ mode: 'invalid_choice' });
        const entries = parseSupplierCsv(c.var.bodyText);
        await deps.db.transaction((tx) => saveSuppliers(tx, site, entries, new Date(), mode === 'replace'));
        return c.json({ site, imported: entries.length, entries: await listSuppliers(deps.db, site) });
      },
    );
}

export function agentAttributionSuggestionRoutes(deps: Deps) {
  return new Hono<AgentEnv>().get('/:id/attribution/suggestion', async (c) => {
    const id = c.req.param('id');
    const row = isId(id) ? await findTicket(deps.db, id) : undefined;
    if (!row) throw notFound('No such ticket.');
    const items = itemsOf(row.items);
    const skus = items.flatMap((i) => (i.sku ? [i.sku] : []));
    const mapping = await suppliersOf(deps.db, row.site, skus);
    return c.json(suggestAttribution(row.category, items, mapping));
  });
}
