/** English strings of the shopper's requests (`<nectar-ticket-list>`). */
export const requests = {
  heading: 'My requests',
  loading: 'Loading your requests…',
  empty: 'You have not sent a request from this browser yet.',
  error: 'We could not load your requests.',
  retry: 'Try again',
  created: (date: string) => `Sent ${date}`,
  newReply: 'New reply',
  back: 'All requests',
};
