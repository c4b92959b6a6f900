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
};
