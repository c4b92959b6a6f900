/** English strings of the panel (`<nectar-panel>`). */
export const panel = {
  title: 'Help',
  close: 'Close',
  largerText: 'Larger text',
  views: 'Help sections',
  answers: 'Answers',
  contact: 'Contact us',
  requests: 'My requests',
  orders: 'My orders',
  talkToPerson: 'Talk to a person',
  humanHint: 'A person from our team reads every request.',
};
