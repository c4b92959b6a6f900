/**
 * Shared schemas of the Nectar contract (ARCHITECTURE.md). Used by the browser client
 * and by the reference service, so both validate the same way. `zod/mini` keeps the
 * browser bundle small; the server imports this module too.
 *
 * The schemas live in one module per feature under `schema/`; this module re-exports them all.
 * The client's own code imports the feature modules it needs, so a page pays only for those.
 */
export * from './schema/base.ts';
export * from './schema/context.ts';
export * from './schema/ticket.ts';
export * from './schema/feedback.ts';
export * from './schema/events.ts';
export * from './schema/answers.ts';
export * from './schema/nudge.ts';
