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
export { validateConfig } from './config.ts';
export { createEmitter, type Emitter } from './emitter.ts';
export { prepareTicket, type TicketPayload } from './tickets.ts';
export {
  browserSession,
  csatSurveyId,
  type AskPolicy,
  type CsatAnswer,
  type FeedbackApi,
  type FeedbackPayload,
  type FeedbackResult,
  type NpsAnswer,
  type SessionStore,
  type SurveyState,
} from './feedback.ts';
export {
  createAnswers,
  ANSWER_LIMIT_DEFAULT,
  ANSWER_LIMIT_MAX,
  ANSWER_QUERY_MAX,
  type AnswersApi,
  type AnswerSearchOptions,
} from './answers.ts';
export { uuid } from './id.ts';
export { browserPlatform, memoryPlatform, type Platform, type MemoryPlatform, type Channel } from './platform/index.ts';
export {
  createOutbox,
  memoryStore,
  openIdbStore,
  type Outbox,
  type OutboxEntry,
  type OutboxSender,
  type NectarStore,
} from './outbox/outbox.ts';
export * from './errors.ts';
export * from './schema.ts';
export type * from './types.ts';
export type { DeskAdapter, DeskCapabilities, DeskIdentity, FeedbackWriteOptions, WriteOptions } from './desk.ts';
export {
  resolveLocale,
  getMessages,
  loadMessages,
  hasMessages,
  formatDateTime,
  type CoreMessages,
} from './i18n/index.ts';
