/**
 * The sites' own categories (`GET /v1/agent/settings?site=`, effective: a replaced taxonomy, relabelled defaults),
 * read once per site and page, so a queue badge, a filter or a ticket shows a custom category by its label in the
 * agent's language rather than its id. Until a site's settings have come (or when they cannot), the console's own
 * labels of the contract's categories, else the id.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { api } from './api.ts';
import type { Locale, Messages } from './i18n/index.ts';
import type { CategorySetting } from './settings-types.ts';

/** Sites whose categories have come, and those being read. */
const known = new Map<string, CategorySetting[]>();
const loading = new Map<string, Promise<void>>();

function load(site: string): Promise<void> {
  let pending = loading.get(site);
  if (!pending) {
    pending = api.settings(site || undefined).then(
      (view) => void known.set(site, view.effective.categories),
      () => undefined,
    );
    // Done (or failed: tried again where next asked), it may be read again once forgotten.
    pending = pending.finally(() => loading.delete(site));
    loading.set(site, pending);
  }
  return pending;
}

/** A site's categories were changed in Settings: read again where next shown. */
export function forgetCategories(site: string): void {
  known.delete(site);
  // With one site, the board asks for it without naming it.
  known.delete('');
}

export class CategoryLabels implements ReactiveController {
  private readonly host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The categories of `sites` (each read once; the host renders again when they come). */
  categories(sites: Iterable<string>): CategorySetting[] {
    const seen = new Set<string>();
    const out: CategorySetting[] = [];
    for (const site of sites) {
      for (const c of this.of(site) ?? []) if (!seen.has(c.id) && seen.add(c.id)) out.push(c);
    }
    return out;
  }

  /** `id`'s label on `site` (`''`: the only site) in the agent's language: the site's, else the console's, else the id. */
  label(t: Messages, locale: Locale, site: string, id: string): string {
    const setting = this.of(site)?.find((c) => c.id === id);
    return setting?.labels[locale] ?? setting?.labels.en ?? t.category[id as keyof Messages['category']] ?? id;
  }

  private of(site: string): CategorySetting[] | undefined {
    const list = known.get(site);
    // Every host that asks is told when they come (one request however many ask).
    if (!list) void load(site).then(() => known.has(site) && this.host.requestUpdate());
    return list;
  }
}
