'use client';
import type { ComponentProps } from 'react';
import { NectarTicketStatus as NectarTicketStatusElement } from '@nectar/widgets/ticket-status';
import { nectarComponent } from './internal/create.ts';
import { onNectarClose, onNectarError, onNectarFeedback } from './internal/events.ts';

/**
 * One request's status and timeline (`<nectar-ticket-status>`, `ticketId`, `accessToken`). `onNectarFeedback` /
 * `onNectarClose` come from the rating it shows once the ticket is resolved.
 *
 * Props: the element's properties (typed from its class), React's HTML attributes, and the `onNectar*` events.
 * Importing this module defines `<nectar-ticket-status>`.
 */
export const NectarTicketStatus = /* @__PURE__ */ nectarComponent({
  tagName: 'nectar-ticket-status',
  elementClass: NectarTicketStatusElement,
  events: { onNectarError, onNectarFeedback, onNectarClose },
  displayName: 'NectarTicketStatus',
});

/** The props of {@link NectarTicketStatus}. */
export type NectarTicketStatusProps = ComponentProps<typeof NectarTicketStatus>;
