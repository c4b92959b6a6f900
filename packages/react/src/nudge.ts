'use client';
import type { ComponentProps } from 'react';
import { NectarNudge as NectarNudgeElement } from '@nectar/widgets/nudge';
import { nectarComponent } from './internal/create.ts';
import {
  onNectarClose,
  onNectarError,
  onNectarFeedback,
  onNectarNudgeAction,
  onNectarNudgeDismiss,
  onNectarNudgeShow,
} from './internal/events.ts';

/**
 * Proactive nudges (`<nectar-nudge>`): renders what the client's nudge engine shows (a toast, a banner, or inline in
 * the rule's target), with the rule's actions, a close button and "Don't show this again". Render it once per page.
 *
 * Props: the element's properties (typed from its class), React's HTML attributes, and the `onNectar*` events
 * (`onNectarFeedback`, `onNectarClose`, `onNectarError` come from the NPS survey an `nps` action shows).
 * Importing this module defines `<nectar-nudge>`.
 */
export const NectarNudge = /* @__PURE__ */ nectarComponent({
  tagName: 'nectar-nudge',
  elementClass: NectarNudgeElement,
  events: {
    onNectarNudgeShow,
    onNectarNudgeAction,
    onNectarNudgeDismiss,
    onNectarFeedback,
    onNectarClose,
    onNectarError,
  },
  displayName: 'NectarNudge',
});

/** The props of {@link NectarNudge}. */
export type NectarNudgeProps = ComponentProps<typeof NectarNudge>;
