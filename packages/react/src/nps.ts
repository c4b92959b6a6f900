'use client';
import type { ComponentProps } from 'react';
import { NectarNps as NectarNpsElement } from '@nectar/widgets/nps';
import { nectarComponent } from './internal/create.ts';
import { onNectarClose, onNectarError, onNectarFeedback } from './internal/events.ts';

/**
 * The NPS survey (`<nectar-nps>`): 0–10, then a follow-up that depends on the score. `onNectarFeedback` fires for
 * the score and again for the comment.
 *
 * Props: the element's properties (typed from its class), React's HTML attributes, and the `onNectar*` events.
 * Importing this module defines `<nectar-nps>`.
 */
export const NectarNps = /* @__PURE__ */ nectarComponent({
  tagName: 'nectar-nps',
  elementClass: NectarNpsElement,
  events: { onNectarFeedback, onNectarClose, onNectarError },
  displayName: 'NectarNps',
});

/** The props of {@link NectarNps}. */
export type NectarNpsProps = ComponentProps<typeof NectarNps>;
