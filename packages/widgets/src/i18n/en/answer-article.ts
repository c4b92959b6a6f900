/**
 * English strings of the answers found (the link to the full article, "Was this helpful?") and of the hand-off to the contact form: they come with
 * the article's code (`answers/article.ts`), not with `<nectar-answers>`' first render.
 */
export const answerArticle = {
  readMore: 'Read the full article',
  newTab: '(opens in a new tab)',
  helpful: 'Was this helpful?',
  helpfulYes: 'Yes',
  helpfulNo: 'No',
  helpfulThanks: 'Thank you for telling us.',
  /** The contact form's message after "Contact us": what the shopper searched for and read. */
  handoff: (query: string, title?: string) =>
    title ? `I searched for “${query}” and read “${title}”.` : `I searched for “${query}”.`,
};
