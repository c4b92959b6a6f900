/** English strings of the ticket form (`<nectar-ticket-form>`). */
import { common } from './common.ts';
import { photoField } from './photo-field.ts';

export const form = {
  heading: 'Contact us',
  intro: 'Tell us what happened and we will get back to you.',
  categoryLegend: 'What is it about?',
  required: '(required)',
  optional: common.optional,
  orderRef: 'Order number',
  subject: common.subject,
  message: 'Message',
  messageHint: 'What happened, and what would you like us to do?',
  counter: (count: string, max: string) => `${count} / ${max} characters`,
  email: 'Email',
  emailHint: 'We will reply to this address.',
  name: 'Name',
  callMe: 'Call me back',
  ...photoField,
  submit: 'Send',
  fixErrors: 'Please check the highlighted fields.',
  draftSaved: 'Draft saved on this device.',
  draftRestored: 'We restored what you typed earlier.',
  errorHeading: 'Your request was not sent yet',
  draftKept: 'Everything you typed is kept.',
  retry: 'Try again',
};

/**
 * The form's confirmation once a request is sent or queued: shown only after a submit, so these come with the
 * form's check (`ticket-form/validate.ts`), which a submit waits for.
 */
export const formResult = {
  queuedHeading: 'Saved on this device',
  localReference: 'Local reference',
  sentHeading: 'Thank you — we have your request',
  ticketNumber: 'Ticket number',
  viewStatus: 'View status',
  newRequest: 'New request',
};
