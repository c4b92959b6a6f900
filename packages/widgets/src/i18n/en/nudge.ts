/**
 * English strings of the nudge (`<nectar-nudge>`): only its own controls and label. A nudge's title, body and
 * action labels come from its rule, already in the shopper's locale.
 */
export const nudge = {
  /** The accessible name of the nudge's region. */
  region: 'Suggestion',
  close: 'Close',
  never: 'Don’t show this again',
};
