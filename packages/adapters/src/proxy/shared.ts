/**
 * `@nectar/adapters/proxy/shared`: what the secrets proxy and the reference service share, so each
 * idea has one copy — shopper identity (`X-Nectar-User` / `X-Nectar-User-Hash`) and the request
 * hash of an idempotent write. Platform-neutral (WebCrypto), no secrets of its own.
 */
export { identityHash, verifyIdentity } from './identity.ts';
export { requestHash, stableStringify } from './idempotency.ts';
