/** English strings of Self-service answers (`<nectar-answers>`). */
export const answers = {
  heading: 'How can we help?',
  search: 'Search our help articles',
  placeholder: 'e.g. refund, delivery, damaged item',
  submit: 'Search',
  searching: 'Searching…',
  hint: 'Type a few words to find answers.',
  results: (count: number) => (count === 1 ? '1 answer found.' : `${count} answers found.`),
  noResults: (query: string) => `No answers for “${query}”. Try other words, or contact us.`,
  error: 'We could not search our help articles right now.',
  unavailable: 'Help articles are not available here, but we are.',
  retry: 'Try again',
  stillNeedHelp: 'Still need help?',
  contactUs: 'Contact us',
};
