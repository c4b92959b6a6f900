import { businessHoursSchema, type BusinessHours } from './domain/business-hours.ts';

/** A site: a public key sent by browsers in `X-Nectar-Site`, and the origins allowed to use it. */
export interface SiteConfig {
  key: string;
  /**
   * Exact origins (`https://shop.example`) or an origin with any port (`http://localhost:*`).
   * `*` alone allows every origin (not for production).
   */
  origins: string[];
  /**
   * Secret for identity verification: the merchant's server computes
   * `HMAC-SHA256(identitySecret, userId)` (hex) and passes it to the client as `user.hash`.
   * Without it, the site has anonymous shoppers only (tickets read by their access token).
   */
  identitySecret?: string;
  /**
   * The status view on the shop's own page, linked from every mail to the shopper:
   * `https://shop.example/help?ticket={ticket}&t={token}` (`{ticket}`, `{number}`, `{token}` filled in), or
   * a URL without `{token}`, to which `nectar_ticket` and `nectar_token` are added. The token reads that one
   * ticket for 30 days. Without it, mail says to answer from the shop's help.
   */
  statusUrl?: string;
  /** Opening hours and holidays in the site's time zone: promises and SLA clocks count only open time. */
  businessHours?: BusinessHours;
}

/** Where `npm start` serves the demo store: a mailed status link opens its status view (`nectar_ticket`). */
export const DEMO_STATUS_URL = 'http://localhost:8787/demo/';

/**
 * The demo site: localhost only; its identity secret is public on purpose (never reuse it). Mail links to the
 * demo store's status view (`demoSites(port)` for another port).
 */
export const DEFAULT_SITES: SiteConfig[] = [
  {
    key: 'demo',
    origins: ['http://localhost:*', 'http://127.0.0.1:*'],
    identitySecret: 'demo-identity-secret',
    statusUrl: DEMO_STATUS_URL,
  },
];

/** The demo site with its status link on the port the service listens on. */
export function demoSites(port: number): SiteConfig[] {
  if (!port) return DEFAULT_SITES;
  return DEFAULT_SITES.map((site) => ({ ...site, statusUrl: `http://localhost:${port}/demo/` }));
}

export function originAllowed(site: SiteConfig, origin: string): boolean {
  return site.origins.some((pattern) => {
    if (pattern === '*') return true;
    if (pattern.endsWith(':*')) {
      const base = pattern.slice(0, -2);
      return origin === base || (origin.startsWith(`${base}:`) && /^\d{1,5}$/.test(origin.slice(base.length + 1)));
    }
    return origin === pattern;
  });
}

/** Parses `NECTAR_SITES` (`[{"key":"demo","origins":["https://shop.example"]}]`); throws a clear message. */
export function parseSites(json: string): SiteConfig[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('NECTAR_SITES is not valid JSON');
  }
  if (
    !Array.isArray(value) ||
    !value.every(
      (site) =>
        site &&
        typeof site.key === 'string' &&
        site.key.length > 0 &&
        Array.isArray(site.origins) &&
        site.origins.every((origin: unknown) => typeof origin === 'string') &&
        (site.identitySecret === undefined ||
          (typeof site.identitySecret === 'string' && site.identitySecret.length >= 16)) &&
        (site.statusUrl === undefined || isHttpUrl(site.statusUrl)),
    )
  ) {
    throw new Error(
      'NECTAR_SITES must be a JSON array of { "key": string, "origins": string[], "identitySecret"?: string (16+ chars), "statusUrl"?: http(s) URL }',
    );
  }
  value.forEach((site: { businessHours?: unknown }, index: number) => {
    if (site.businessHours === undefined) return;
    const parsed = businessHoursSchema.safeParse(site.businessHours);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = ['businessHours', ...(issue?.path ?? [])].join('.');
      throw new Error(`NECTAR_SITES[${index}].${path}: ${issue?.message ?? 'invalid'}`);
    }
    site.businessHours = parsed.data;
  });
  return value.map((site: SiteConfig) => ({
    key: site.key,
    origins: [...site.origins],
    ...(site.identitySecret ? { identitySecret: site.identitySecret } : {}),
    ...(site.statusUrl ? { statusUrl: site.statusUrl } : {}),
    ...(site.businessHours ? { businessHours: site.businessHours } : {}),
  }));
}

/** An http(s) URL once `{ticket}`, `{number}` and `{token}` are filled in (a `statusUrl`). */
export function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return /^https?:$/.test(new URL(value.replaceAll(/\{(ticket|number|token)\}/g, 'x')).protocol);
  } catch {
    return false;
  }
}
