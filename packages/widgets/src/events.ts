/**
 * DOM events of the Nectar widgets: one class per event, kebab-case names with the
 * `nectar-` prefix, `bubbles` and `composed` so a page can listen on `document`.
 */
import type { FeedbackReceipt, FeedbackKind, TicketReceipt } from '@nectar/core/schema';
import type { NudgeAction, TicketDraft } from '@nectar/core';

const init: EventInit = { bubbles: true, composed: true };

/** A ticket reached the service (at once, or later from the outbox). */
export class NectarSubmitEvent extends Event {
  readonly detail: { ticket: TicketReceipt };
  constructor(detail: { ticket: TicketReceipt }) {
    super('nectar-submit', init);
    this.detail = detail;
  }
}

/** A ticket was stored in the outbox because the service could not be reached; it is sent later. */
export class NectarQueuedEvent extends Event {
  readonly detail: { localId: string };
  constructor(detail: { localId: string }) {
    super('nectar-queued', init);
    this.detail = detail;
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
 * when it handled the request). `prefill`: what the contact form starts with (after a search: the
 * search text and the article in the message and the ticket's context).
 */
export class NectarOpenEvent extends Event {
  readonly detail: { view?: string; prefill?: Partial<TicketDraft> };
  constructor(detail: { view?: string; prefill?: Partial<TicketDraft> } = {}, options: { cancelable?: boolean } = {}) {
    super('nectar-open', { ...init, cancelable: options.cancelable ?? false });
    this.detail = detail;
  }
}

/** A widget closed. */
export class NectarCloseEvent extends Event {
  readonly detail: { view?: string };
  constructor(detail: { view?: string } = {}) {
    super('nectar-close', init);
    this.detail = detail;
  }
}

/**
 * A survey answer was given (NPS or CSAT): `response` when the service stored it, `localId` when it
 * waits in the outbox (it is sent later, exactly once). Fired for the score and again for the comment.
 */
export interface NectarFeedbackDetail {
  kind: FeedbackKind;
  surveyId: string;
  score: number;
  comment?: string;
  ticketId?: string;
  followUp?: boolean;
  state: 'sent' | 'queued';
  response?: FeedbackReceipt;
  localId?: string;
}

export class NectarFeedbackEvent extends Event {
  readonly detail: NectarFeedbackDetail;
  constructor(detail: NectarFeedbackDetail) {
    super('nectar-feedback', init);
    this.detail = detail;
  }
}

/** A nudge appeared (`<nectar-nudge>` renders it; focus stays where it was). */
export class NectarNudgeShowEvent extends Event {
  readonly detail: { ruleId: string };
  constructor(detail: { ruleId: string }) {
    super('nectar-nudge-show', init);
    this.detail = detail;
  }
}

/** The shopper chose one of a nudge's actions; `action` is what it does (`open_contact`, `link`, `nps`…). */
export class NectarNudgeActionEvent extends Event {
  readonly detail: { ruleId: string; action: NudgeAction['do'] };
  constructor(detail: { ruleId: string; action: NudgeAction['do'] }) {
    super('nectar-nudge-action', init);
    this.detail = detail;
  }
}

/** The shopper closed a nudge; `forever` when they asked not to see it again. */
export class NectarNudgeDismissEvent extends Event {
  readonly detail: { ruleId: string; forever: boolean };
  constructor(detail: { ruleId: string; forever: boolean }) {
    super('nectar-nudge-dismiss', init);
    this.detail = detail;
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
    'nectar-nudge-show': NectarNudgeShowEvent;
    'nectar-nudge-action': NectarNudgeActionEvent;
    'nectar-nudge-dismiss': NectarNudgeDismissEvent;
  }
}
