/**
 * The secrets proxy: a Web-standard `(Request) => Promise<Response>` handler that holds the backend
 * secrets a browser must never see (WooCommerce consumer key/secret, Freshdesk and Gorgias API keys,
 * the Chatwoot HMAC token, Medusa admin credentials) and exposes only the calls Nectar's adapters
 * need — an allow-list of routes per backend — for the verified shopper only.
 *
 * Server-side only. Runs on any runtime that speaks fetch (Node with Hono or `@hono/node-server`,
 * Deno, Bun, Cloudflare Workers):
 *
 * ```ts
 * const proxy = createProxy({
 *   identitySecret: process.env.NECTAR_IDENTITY_SECRET!,
 *   allowedOrigins: ['https://shop.example'],
 *   woocommerce: { url: 'https://shop.example', consumerKey: process.env.WC_KEY!, consumerSecret: process.env.WC_SECRET! },
 * });
 * app.all('/v1/proxy/*', (c) => proxy(c.req.raw));
 * ```
 *
 * Shopper verification: the page sends `X-Nectar-User: <id>` and `X-Nectar-User-Hash: <hex HMAC-SHA256
 * of the id keyed with identitySecret>` (the `user.hash` the merchant's server computes). Tickets created
 * through the proxy come back with `X-Nectar-Access-Token`, a token signed by the proxy that alone
 * reads or answers that ticket later.
 */
export { createProxy } from './handler.ts';
export type { ProxyConfig, ProxyHandler, ProxyStore, RateLimitContext } from './config.ts';
export { identityHash } from './identity.ts';
export { ACCESS_TOKEN_HEADER, USER_HASH_HEADER, USER_HEADER, shopperHeaders, type VerifiedUser } from './shopper.ts';
