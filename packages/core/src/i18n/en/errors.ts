import type { CoreMessages } from '../types.ts';

/** English: what a failed write or read says to the shopper. */
export const enErrors: Pick<CoreMessages, 'errors'> = {
  errors: {
    network: "We couldn't reach the help desk. Please check your connection and try again.",
    offline: "You're offline. We'll send it as soon as you're back online.",
    timeout: 'The help desk is taking too long to answer. Please try again.',
    rate_limited: (seconds) =>
      seconds === 1
        ? 'Too many requests. Please try again in a second.'
        : `Too many requests. Please try again in ${seconds} seconds.`,
    server: 'Something went wrong on our side. Please try again in a moment.',
    auth: "We couldn't confirm that this request is yours.",
    not_found: "We couldn't find that request.",
    unknown: 'Something went wrong. Please try again.',
    storage_fallback: "This browser can't keep unsent requests, so please keep this page open until yours is sent.",
    storage_error: "Your device is low on storage. We'll try to send your request right away.",
    configuration:
      "We couldn't send this from this page. Please contact the shop another way — your message is still here to copy.",
  },
};
