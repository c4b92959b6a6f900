/**
 * @nectar/core — the framework-free Nectar client.
 *
 * ```ts
 * import { createNectar } from '@nectar/core';
 * import { httpDesk } from '@nectar/adapters/http';
 * const nectar = createNectar({ desk: httpDesk({ endpoint: 'http://localhost:8787', siteKey: 'demo' }) });
 * ```
 */
export { createNectar, createClient, type ClientDeps } from './client.ts';
export { getDefaultClient, onDefaultClient } from './default-client.ts';
export { createEmitter, type Emitter } from './emitter.ts';
export { csatSurveyId, type SessionStore } from './survey.ts';
export { uuid } from './id.ts';
export { memoryPlatform, type Platform, type MemoryPlatform, type Channel } from './platform/index.ts';
export { memoryStore, type OutboxEntry, type NectarStore, type StoredTicket } from './outbox/outbox.ts';
export * from './errors.ts';
export * from './schema.ts';
export type * from './types.ts';
export * from './commerce.ts';
export { isLate, DELIVERY_WINDOW_DAYS } from './nudges/late.ts';
export { trackingUrl } from './tracking.ts';
export type { DeskAdapter, DeskCapabilities, DeskIdentity, FeedbackWriteOptions, WriteOptions } from './desk.ts';
export {
  resolveLocale,
  getMessages,
  loadMessages,
  hasMessages,
  formatDateTime,
  type CoreMessages,
} from './i18n/index.ts';
