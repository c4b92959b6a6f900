/**
 * `@nectar/adapters/conformance`: the suites every adapter runs to prove it behaves like the others.
 *
 * ```ts
 * import { runCommerceConformance } from '@nectar/adapters/conformance';
 * await runCommerceConformance('my-shop', ({ fetch, timeoutMs }) => myShop({ token, fetch, timeoutMs }), seed);
 * ```
 */
export { runCommerceConformance, KIT_TIMEOUT_MS } from './commerce.ts';
export { runDeskConformance } from './desk.ts';
export { faultyFetch, dropFields, swapTypes, truncateBody, type Fault, type FaultyFetch } from './faults.ts';
export { ConformanceFailure } from './assert.ts';
export type * from './types.ts';
