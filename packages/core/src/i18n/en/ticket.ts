import type { CoreMessages } from '../types.ts';

/** English: a ticket's receipt and promise: sending, queued, sent, its number and times. */
export const enTicket: Pick<CoreMessages, 'ticket'> = {
  ticket: {
    sending: 'Sending…',
    queued: "No connection — we'll send it as soon as you're back online.",
    sent: "Thanks — we've got your request.",
    number: (number) => `Request ${number}`,
    firstResponseBy: (time) => `We'll reply by ${time}.`,
    resolveBy: (time) => `We aim to resolve it by ${time}.`,
    replyWithinHours: (hours) =>
      hours === 1 ? 'We usually reply within an hour.' : `We usually reply within ${hours} hours.`,
    photos: (count) => (count === 0 ? 'No photos' : count === 1 ? '1 photo' : `${count} photos`),
    requests: (count) => (count === 0 ? 'No requests yet' : count === 1 ? '1 request' : `${count} requests`),
  },
};
