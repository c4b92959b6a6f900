/**
 * The `onNectar*` props: each maps a React prop to the DOM event it listens to, typed with the event's
 * class (so `event.detail` is typed in the handler). A component lists the ones that can reach its
 * element — its own events, and its children's, since every Nectar event bubbles and is composed.
 */
import type { EventName } from '@lit/react';
import type {
  NectarCloseEvent,
  NectarErrorEvent,
  NectarFeedbackEvent,
  NectarNudgeActionEvent,
  NectarNudgeDismissEvent,
  NectarNudgeShowEvent,
  NectarOpenEvent,
  NectarQueuedEvent,
  NectarSubmitEvent,
} from '@nectar/widgets/events';

/** `nectar-submit`: a ticket reached the service; `event.detail.ticket` is its receipt. */
export const onNectarSubmit = 'nectar-submit' as EventName<NectarSubmitEvent>;
/** `nectar-queued`: no connection; the ticket waits in the outbox (`event.detail.localId`). */
export const onNectarQueued = 'nectar-queued' as EventName<NectarQueuedEvent>;
/** `nectar-error`: submitting or loading failed (`event.detail.error`, `event.detail.code`). */
export const onNectarError = 'nectar-error' as EventName<NectarErrorEvent>;
/** `nectar-feedback`: an NPS or CSAT answer was sent or queued (`event.detail`). */
export const onNectarFeedback = 'nectar-feedback' as EventName<NectarFeedbackEvent>;
/** `nectar-open`: a widget opened, or shows a view (`event.detail.view`). */
export const onNectarOpen = 'nectar-open' as EventName<NectarOpenEvent>;
/** `nectar-close`: a widget closed (`event.detail.view`). */
export const onNectarClose = 'nectar-close' as EventName<NectarCloseEvent>;
/** `nectar-nudge-show`: a nudge appeared (`event.detail.ruleId`); focus did not move. */
export const onNectarNudgeShow = 'nectar-nudge-show' as EventName<NectarNudgeShowEvent>;
/** `nectar-nudge-action`: the shopper chose a nudge's action (`event.detail.ruleId`, `event.detail.action`). */
export const onNectarNudgeAction = 'nectar-nudge-action' as EventName<NectarNudgeActionEvent>;
/** `nectar-nudge-dismiss`: the shopper closed a nudge (`event.detail.ruleId`, `event.detail.forever`). */
export const onNectarNudgeDismiss = 'nectar-nudge-dismiss' as EventName<NectarNudgeDismissEvent>;
