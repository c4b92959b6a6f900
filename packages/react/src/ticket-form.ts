'use client';
import type { ComponentProps } from 'react';
import { NectarTicketForm as NectarTicketFormElement } from '@nectar/widgets/ticket-form';
import { nectarComponent } from './internal/create.ts';
import {
  onNectarClose,
  onNectarError,
  onNectarFeedback,
  onNectarOpen,
  onNectarQueued,
  onNectarSubmit,
} from './internal/events.ts';

/**
 * The help-request form (`<nectar-ticket-form>`): category, order, message, photos and contact; autosaved,
 * offline-aware. `onNectarSubmit` gets the receipt (`event.detail.ticket.number`, `.promise`), also when a
 * queued ticket goes through later; `onNectarQueued` when it waits in the outbox. `onNectarOpen` is the
 * shopper opening the new ticket's status; `onNectarFeedback` / `onNectarClose` come from the rating that
 * status view shows once the ticket is resolved.
 *
 * Props: the element's properties (typed from its class), React's HTML attributes, and the `onNectar*` events.
 * Importing this module defines `<nectar-ticket-form>`.
 */
export const NectarTicketForm = /* @__PURE__ */ nectarComponent({
  tagName: 'nectar-ticket-form',
  elementClass: NectarTicketFormElement,
  events: { onNectarSubmit, onNectarQueued, onNectarError, onNectarOpen, onNectarFeedback, onNectarClose },
  displayName: 'NectarTicketForm',
});

/** The props of {@link NectarTicketForm}. */
export type NectarTicketFormProps = ComponentProps<typeof NectarTicketForm>;
