/**
 * Access tokens: a ticket created through the proxy comes back with `X-Nectar-Access-Token`, an HMAC
 * of (backend, ticket id) that alone reads or answers that ticket later. Nothing is stored.
 */
import { ProxyError } from './errors.ts';
import { hmacBytes, timingSafeEqual } from './identity.ts';

export function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export interface AccessTokens {
  /** The token of a ticket the proxy created. */
  sign(backend: string, id: string): Promise<string>;
  /** Refuses a request without the ticket's token: 401 without one, 404 with a wrong one. */
  check(request: Request, backend: string, id: string): Promise<void>;
}

/** Tokens signed with `secret` (the proxy's `tokenSecret`, by default derived from its identity secret). */
export function accessTokens(secret: string): AccessTokens {
  const sign = async (backend: string, id: string) => base64url(await hmacBytes(secret, `${backend}:${id}`));
  return {
    sign,
    async check(request, backend, id) {
      const auth = request.headers.get('Authorization') ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
      if (!token) throw new ProxyError(401, 'unauthorized', 'An access token is required.');
      // A wrong token and an unknown ticket look the same: nobody learns which ids exist.
      if (!timingSafeEqual(token, await sign(backend, id))) throw new ProxyError(404, 'not_found', 'Not found.');
    },
  };
}
