/** English strings of One request's status and timeline (`<nectar-ticket-status>`). */
export const status = {
  heading: (number: string) => `Request ${number}`,
  status: 'Status',
  category: 'Topic',
  firstResponseBy: 'First response by',
  resolveBy: 'Resolution by',
  timeline: 'History',
  agent: 'Support',
  you: 'You',
  refresh: 'Refresh',
  loading: 'Loading…',
  notFound: 'We could not find this request. Check the link or ask us again.',
  noTicket: 'No request selected.',
  error: 'We could not load this request.',
  // The reply box under the timeline.
  replyLabel: 'Your reply',
  replySend: 'Send reply',
  replySent: 'Your reply was sent.',
  replyQueued: 'Saved — it will be sent when you are back online.',
  replyNotSent: 'Your reply was not sent.',
  /** Above the box while the request waits for the shopper's answer. */
  asked: 'We asked you something — please answer below.',
  /** Under the box of a resolved request. */
  reopens: 'Answering reopens this request.',
  /** Instead of the box, on a closed request. */
  closedNote: 'This request is closed. To ask again, please send us a new request.',
};
