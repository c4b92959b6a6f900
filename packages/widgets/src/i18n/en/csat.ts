/** English strings of the CSAT survey (`<nectar-csat>`). */
export const csat = {
  question: 'How satisfied are you with how we handled your request?',
  levels: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'] as [
    string,
    string,
    string,
    string,
    string,
  ],
  chooseRating: 'Please choose how satisfied you are.',
  comment: 'Anything you would like to add?',
  contactQuestion: 'Would you like us to contact you again?',
  contactYes: 'Yes, please contact me',
  contactNo: 'No, thank you',
  send: 'Send',
  dismiss: 'Close the rating',
  thanks: 'Thank you for rating our help!',
  thanksFollowUp: 'Thank you. We have reopened your request and will contact you again.',
  queued: 'Saved on this device; it will be sent when you are back online.',
  error: 'Your rating was not sent yet.',
  retry: 'Try again',
};
