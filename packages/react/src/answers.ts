'use client';
import type { ComponentProps } from 'react';
import { NectarAnswers as NectarAnswersElement } from '@nectar/widgets/answers';
import { nectarComponent } from './internal/create.ts';
import { onNectarError, onNectarOpen } from './internal/events.ts';

/**
 * Self-service answers (`<nectar-answers>`): search over the knowledge base, "Still need help? Contact us" always
 * visible. `onNectarOpen` is "Contact us" (`event.detail.view` `'contact'`, cancelable: `preventDefault()` handles
 * it; otherwise the widget calls `client.open('contact')`).
 *
 * Props: the element's properties (typed from its class), React's HTML attributes, and the `onNectar*` events.
 * Importing this module defines `<nectar-answers>`.
 */
export const NectarAnswers = /* @__PURE__ */ nectarComponent({
  tagName: 'nectar-answers',
  elementClass: NectarAnswersElement,
  events: { onNectarError, onNectarOpen },
  displayName: 'NectarAnswers',
});

/** The props of {@link NectarAnswers}. */
export type NectarAnswersProps = ComponentProps<typeof NectarAnswers>;
