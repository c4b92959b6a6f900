/**
 * React components for every Nectar widget (`@lit/react`): the element's properties as typed props, its
 * events as `onNectar*` props typed with the event classes. Each component is a client component
 * (`'use client'`) in its own module, so a bundler keeps only the widgets a page renders.
 */
export { NectarLauncher, type NectarLauncherProps } from './launcher.ts';
export { NectarPanel, type NectarPanelProps } from './panel.ts';
export { NectarAnswers, type NectarAnswersProps } from './answers.ts';
export { NectarTicketForm, type NectarTicketFormProps } from './ticket-form.ts';
export { NectarTicketList, type NectarTicketListProps } from './ticket-list.ts';
export { NectarTicketStatus, type NectarTicketStatusProps } from './ticket-status.ts';
export { NectarNps, type NectarNpsProps } from './nps.ts';
export { NectarCsat, type NectarCsatProps } from './csat.ts';
export { NectarNudge, type NectarNudgeProps } from './nudge.ts';
export {
  NectarCloseEvent,
  NectarErrorEvent,
  NectarFeedbackEvent,
  NectarNudgeActionEvent,
  NectarNudgeDismissEvent,
  NectarNudgeShowEvent,
  NectarOpenEvent,
  NectarQueuedEvent,
  NectarSubmitEvent,
  type NectarFeedbackDetail,
} from '@nectar/widgets/events';
