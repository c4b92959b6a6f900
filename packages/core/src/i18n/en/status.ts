import type { CoreMessages } from '../types.ts';

/** English: a ticket's status, priority and timeline: what the status view and the request list show. */
export const enStatus: Pick<CoreMessages, 'severities' | 'statuses' | 'timeline'> = {
  severities: { high: 'High priority', medium: 'Normal priority', low: 'Low priority' },
  statuses: {
    new: 'Received',
    open: 'In progress',
    waiting_on_customer: 'Waiting for your reply',
    resolved: 'Resolved',
    closed: 'Closed',
  },
  timeline: {
    created: () => 'Request received',
    assigned: (name) => (name ? `${name} is looking into it` : 'An agent is looking into it'),
    replied: (name) => (name ? `${name} replied` : 'We replied'),
    customer_message: () => 'You wrote',
    resolved: () => 'Resolved',
    reopened: () => 'Reopened',
    closed: () => 'Closed',
  },
};
