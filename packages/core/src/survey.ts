/**
 * What the client keeps of surveys without the feedback feature's code: the CSAT survey id of a
 * ticket, the shape of the tab-session store of the one-survey-per-session slot (`browserSession` in
 * `feedback.ts`), and the respondent id (the opaque browser id survey answers and tracked events carry).
 */
import { uuid } from './id.ts';
import type { NectarStore } from './outbox/outbox.ts';

/** The survey id under which the CSAT of one ticket is remembered (`shouldAsk`, `dismiss`). */
export const csatSurveyId = (ticketId: string) => `csat:${ticketId}`;

/** A small string store for the tab session (sessionStorage in browsers). */
export interface SessionStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

/** The opaque id this browser answers surveys with: made once, kept in the store's meta. */
export function respondentOf(store: Promise<NectarStore>, onStorageError: (error: unknown) => void) {
  let id: Promise<string> | undefined;
  return (): Promise<string> =>
    (id ??= (async () => {
      const s = await store;
      const kept = await s.getMeta<string>('respondent').catch(() => undefined);
      if (typeof kept === 'string' && kept) return kept;
      const made = `r_${uuid()}`;
      await s.putMeta('respondent', made).catch(onStorageError);
      return made;
    })());
}
