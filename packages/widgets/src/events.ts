/**
 * DOM events of the Nectar widgets: one class per event, kebab-case names with the
 * `nectar-` prefix, `bubbles` and `composed` so a page can listen on `document`.
 */
import type { FeedbackReceipt, FeedbackKind, TicketReceipt } from '@nectar/core/schema';

const init: EventInit = { bubbles: true, composed: true };

/** A ticket reached the service (at once, or later from the outbox). */
export class NectarSubmitEvent extends Event {
  constructor(readonly detail: { ticket: TicketReceipt }) {
    super('nectar-submit', init);
  }
}

/** A ticket was stored in the outbox because the service could not be reached; it is sent later. */
export class NectarQueuedEvent extends Event {
  constructor(readonly detail: { localId: string }) {
    super('nectar-queued', init);
  }
}

/** Submitting or loading failed; the shopper sees a localized message and nothing they typed is lost. */
export class NectarErrorEvent extends Event {
  /** `code`: the error's code when it has one (`origin_not_allowed`, `unknown_site`, `validation_failed`…). */
  readonly detail: { error: unknown; code?: string };
  constructor(detail: { error: unknown; code?: string }) {
    super('nectar-error', init);
    const code = detail.code ?? (detail.error as { code?: unknown } | null)?.code;
    this.detail = typeof code === 'string' ? { ...detail, code } : detail;
  }
}

/**
 * A widget opened (e.g. the form shows a ticket's status, or a panel opened), or asks the panel around
 * it to show a view (`<nectar-answers>` "Contact us": `cancelable`; the panel calls `preventDefault()`
 * when it handled the request).
 */
export class NectarOpenEvent extends Event {
  constructor(
    readonly detail: { view?: string } = {},
    options: { cancelable?: boolean } = {},
  ) {
    super('nectar-open', { ...init, cancelable: options.cancelable ?? false });
  }
}

/** A widget closed. */
export class NectarCloseEvent extends Event {
  constructor(readonly detail: { view?: string } = {}) {
    super('nectar-close', init);
  }
}

/**
 * A survey answer was given (NPS or CSAT): `response` when the service stored it, `localId` when it
 * waits in the outbox (it is sent later, exactly once). Fired for the score and again for the comment.
 */
export class NectarFeedbackEvent extends Event {
  constructor(
    readonly detail: {
      kind: FeedbackKind;
      surveyId: string;
      score: number;
      comment?: string;
      ticketId?: string;
      followUp?: boolean;
      state: 'sent' | 'queued';
      response?: FeedbackReceipt;
      localId?: string;
    },
  ) {
    super('nectar-feedback', init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'nectar-submit': NectarSubmitEvent;
    'nectar-queued': NectarQueuedEvent;
    'nectar-error': NectarErrorEvent;
    'nectar-open': NectarOpenEvent;
    'nectar-close': NectarCloseEvent;
    'nectar-feedback': NectarFeedbackEvent;
  }
}
