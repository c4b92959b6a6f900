/** Chatwoot: the identifier hash of the verified shopper (the inbox's HMAC token stays here). */
import type { ProxyConfig } from '../config.ts';
import { json } from '../errors.ts';
import { identityHash } from '../identity.ts';
import type { Route } from './route.ts';

export function chatwootRoutes(chatwoot: NonNullable<ProxyConfig['chatwoot']>): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/chatwoot\/identity$/,
      backend: 'chatwoot',
      name: 'chatwoot.identity',
      shopper: true,
      async handle(_req, _id, shopperId) {
        return json(200, {
          identifier: shopperId,
          identifier_hash: await identityHash(chatwoot.hmacToken, shopperId),
        });
      },
    },
  ];
}
