/** Events the screens send up to the console's root, and the wording of a failed call. */
import { isApiError } from './api.ts';
import type { LocalizeController } from './i18n/index.ts';
import type { Agent } from './types.ts';

/** A result for the live region (`role="status"`): announced, and shown until the next one. */
export class AnnounceEvent extends Event {
  readonly message: string;
  readonly tone: 'info' | 'error';
  constructor(message: string, tone: 'info' | 'error' = 'info') {
    super('console-announce', { bubbles: true, composed: true });
    this.message = message;
    this.tone = tone;
  }
}

/** Sign-in succeeded. */
export class SignedInEvent extends Event {
  readonly agent: Agent;
  constructor(agent: Agent) {
    super('console-signed-in', { bubbles: true, composed: true });
    this.agent = agent;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'console-announce': AnnounceEvent;
    'console-signed-in': SignedInEvent;
  }
}

/** What an agent reads when a call failed. */
export function errorText(l: LocalizeController, e: unknown): string {
  const t = l.t;
  if (!isApiError(e)) return t.errors.failed(String((e as Error)?.message ?? e));
  if (e.code === 'network') return t.errors.network;
  if (e.code === 'rate_limited') return t.errors.rateLimited(l.duration(e.retryAfter ?? 60));
  if (e.code === 'forbidden') return t.errors.forbidden;
  if (e.code === 'not_found') return t.ticket.notFound;
  if (e.code === 'validation_failed') return t.errors.validation;
  return t.errors.failed(e.message);
}
