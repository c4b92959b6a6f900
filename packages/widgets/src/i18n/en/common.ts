/** English strings more than one widget shows: always in the English catalog (`../index.ts`). */
export const common = {
  optional: '(optional)',
  subject: 'Subject',
};
