/** English strings more than one widget shows (each widget takes only the sections it uses). */
export const common = {
  optional: '(optional)',
  subject: 'Subject',
};
