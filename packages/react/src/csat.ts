'use client';
import type { ComponentProps } from 'react';
import { NectarCsat as NectarCsatElement } from '@nectar/widgets/csat';
import { nectarComponent } from './internal/create.ts';
import { onNectarClose, onNectarError, onNectarFeedback } from './internal/events.ts';

/**
 * CSAT for one resolved ticket (`<nectar-csat>`, `ticketId`): five levels, an optional comment, a follow-up for
 * an unhappy rating.
 *
 * Props: the element's properties (typed from its class), React's HTML attributes, and the `onNectar*` events.
 * Importing this module defines `<nectar-csat>`.
 */
export const NectarCsat = /* @__PURE__ */ nectarComponent({
  tagName: 'nectar-csat',
  elementClass: NectarCsatElement,
  events: { onNectarFeedback, onNectarClose, onNectarError },
  displayName: 'NectarCsat',
});

/** The props of {@link NectarCsat}. */
export type NectarCsatProps = ComponentProps<typeof NectarCsat>;
