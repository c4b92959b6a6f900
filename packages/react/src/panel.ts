'use client';
import type { ComponentProps } from 'react';
import { NectarPanel as NectarPanelElement } from '@nectar/widgets/panel';
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
 * The one entry (`<nectar-panel>`): answers first, the contact form and the shopper's requests, in a modal dialog.
 * Its views' events bubble out of it: `onNectarSubmit` / `onNectarQueued` from the contact form,
 * `onNectarFeedback` from a rating in the requests view, `onNectarError` from any view.
 *
 * Props: the element's properties (typed from its class), React's HTML attributes, and the `onNectar*` events.
 * Importing this module defines `<nectar-panel>`.
 */
export const NectarPanel = /* @__PURE__ */ nectarComponent({
  tagName: 'nectar-panel',
  elementClass: NectarPanelElement,
  events: { onNectarSubmit, onNectarQueued, onNectarError, onNectarFeedback, onNectarOpen, onNectarClose },
  displayName: 'NectarPanel',
});

/** The props of {@link NectarPanel}. */
export type NectarPanelProps = ComponentProps<typeof NectarPanel>;
