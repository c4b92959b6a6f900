/**
 * The site's nudge rules for the CDN client (`GET /v1/nudges?locale=`), fetched without the service adapter
 * and zod: a page whose shopper consented asks for them on every load, revalidated by ETag through the
 * browser's HTTP cache (the service answers `Cache-Control: no-cache` with an ETag of the rules' version). The
 * nudge engine checks each rule's shape; the service checked it against the schema when it was saved.
 */
import { NectarError, NetworkError } from '@nectar/core/errors';
import type { Locale } from '@nectar/core';
import type { HttpDeskOptions } from '@nectar/adapters/http';

export async function fetchRules(
  options: HttpDeskOptions,
  { locale }: { locale: Locale },
): Promise<{ version?: number; rules: unknown[] }> {
  const url = `${options.endpoint.replace(/\/+$/, '')}/v1/nudges?locale=${encodeURIComponent(locale)}`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { headers: { 'X-Nectar-Site': options.siteKey } });
  } catch (cause) {
    throw new NetworkError('Could not load the site’s nudge rules', { cause });
  }
  if (!response.ok) throw new NectarError(`The site's nudge rules answered ${response.status}`, 'nudges_unavailable');
  const body = (await response.json()) as { version?: unknown; rules?: unknown };
  return {
    ...(typeof body.version == 'number' ? { version: body.version } : {}),
    rules: Array.isArray(body.rules) ? body.rules : [],
  };
}
