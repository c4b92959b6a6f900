import { createMiddleware } from 'hono/factory';
import { verifyIdentity } from '@nectar/adapters/proxy/shared';
import { SITE_HEADER, USER_HASH_HEADER, USER_HEADER } from '@nectar/core/protocol';
import type { SiteEnv } from '../env.ts';
import { unauthorized, unknownSite } from '../http-error.ts';
import type { SiteConfig } from '../sites.ts';
import { verifyStatusToken } from '../domain/mail.ts';

/** The bearer token of `Authorization`, if any. */
export function bearerToken(header: string | undefined): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? null;
}

/**
 * Shopper routes: `c.var.site` (403 `unknown_site` for a missing or unknown `X-Nectar-Site`) and `c.var.shopper`:
 * the bearer token, and the verified shopper (`X-Nectar-User` + `X-Nectar-User-Hash` = hex
 * HMAC-SHA256 of the user id with the site's identity secret; 401 when the pair is wrong). A bearer token that
 * is a valid mailed status link (signed with `linkKey`) reads its one ticket (`shopper.linkTicket`).
 */
export function shopperSite(sites: ReadonlyMap<string, SiteConfig>, linkKey: string) {
  return createMiddleware<SiteEnv>(async (c, next) => {
    const siteKey = c.req.header(SITE_HEADER);
    const site = sites.get(siteKey ?? '');
    if (!site) throw unknownSite(siteKey);
    c.set('site', site);
    const token = bearerToken(c.req.header('Authorization'));
    c.set('shopper', {
      token,
      user: await verifiedUser(c.req.header.bind(c.req), site),
      linkTicket: token ? verifyStatusToken(linkKey, token, new Date()) : null,
    });
    await next();
  });
}

/** The verified shopper's id, null without identity headers; 401 when they do not verify. */
async function verifiedUser(header: (name: string) => string | undefined, site: SiteConfig): Promise<string | null> {
  const user = header(USER_HEADER);
  const hash = header(USER_HASH_HEADER);
  if (!user && !hash) return null;
  if (!user || !hash || !site.identitySecret || !(await verifyIdentity(site.identitySecret, user, hash))) {
    throw unauthorized(`Identity verification failed (${USER_HEADER} / ${USER_HASH_HEADER}).`);
  }
  return user;
}
