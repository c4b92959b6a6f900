/**
 * A shopper's call-back request: the window they prefer must meet the shop's open hours (its business hours when
 * it has them), and the call has its own promise — not before the window opens, done by the time it closes; without
 * a window, within the ticket's first-response promise.
 */
import type { CallbackInput } from '@nectar/core/schema';
import { validationError } from '../http-error.ts';
import { nextOpenWindow, type BusinessHours } from './business-hours.ts';

export interface CallbackTerms {
  /** Not before (the window's first open minute), or null: any time. */
  from: Date | null;
  /** The call is due by then. */
  by: Date;
}

export function callbackTerms(
  callback: CallbackInput,
  now: Date,
  hours: BusinessHours | undefined,
  firstResponseBy: Date,
): CallbackTerms {
  if (!callback.window) return { from: null, by: firstResponseBy };
  const slot = nextOpenWindow(hours, callback.window, now);
  if (slot === 'past') throw validationError({ 'callback.window.date': 'past' }, 'The call-back window is over.');
  if (slot === 'closed') {
    throw validationError(
      { 'callback.window': 'outside_business_hours' },
      'The call-back window is outside the shop’s business hours.',
    );
  }
  return { from: slot.start, by: slot.end };
}
