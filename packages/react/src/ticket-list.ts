'use client';
import type { ComponentProps } from 'react';
import { NectarTicketList as NectarTicketListElement } from '@nectar/widgets/ticket-list';
import { nectarComponent } from './internal/create.ts';
import { onNectarClose, onNectarError, onNectarFeedback } from './internal/events.ts';

/**
 * The shopper's requests (`<nectar-ticket-list>`), newest first; one opens its timeline. `onNectarFeedback` /
 * `onNectarClose` come from the rating in a resolved request's status.
 *
 * Props: the element's properties (typed from its class), React's HTML attributes, and the `onNectar*` events.
 * Importing this module defines `<nectar-ticket-list>`.
 */
export const NectarTicketList = /* @__PURE__ */ nectarComponent({
  tagName: 'nectar-ticket-list',
  elementClass: NectarTicketListElement,
  events: { onNectarError, onNectarFeedback, onNectarClose },
  displayName: 'NectarTicketList',
});

/** The props of {@link NectarTicketList}. */
export type NectarTicketListProps = ComponentProps<typeof NectarTicketList>;
