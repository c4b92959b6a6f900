/**
 * Self-service answers (knowledge-base search) through the desk's `searchAnswers`. Reads only:
 * nothing goes through the outbox. A desk without a knowledge base makes `search` throw
 * `UnsupportedError`, so a widget can say so instead of showing "no results".
 */
import type { DeskAdapter } from './desk.ts';
import { UnsupportedError } from './errors.ts';
import type { Answer, Locale } from './schema.ts';

/** Longest query sent (the service's `answerQuerySchema` allows 200 characters). */
export const ANSWER_QUERY_MAX = 200;
/** Default and largest number of answers asked for. */
export const ANSWER_LIMIT_DEFAULT = 5;
export const ANSWER_LIMIT_MAX = 20;

export interface AnswerSearchOptions {
  /** 1–20; default 5. */
  limit?: number;
  /** Aborts the request (e.g. the shopper typed on). */
  signal?: AbortSignal;
}

/** `nectar.answers`. */
export interface AnswersApi {
  /**
   * Answers for `query` in the client's locale, best first. A blank query resolves `[]` without a
   * request; a longer one is cut to 200 characters. Throws `UnsupportedError` when the desk has no
   * knowledge base, else the desk's typed errors (`NetworkError`, …).
   */
  search(query: string, options?: AnswerSearchOptions): Promise<Answer[]>;
}

export function createAnswers(deps: { desk: () => DeskAdapter; locale: () => Locale }): AnswersApi {
  return {
    async search(query, options = {}) {
      const desk = deps.desk();
      if (typeof desk.searchAnswers !== 'function') throw new UnsupportedError('answers.search');
      const q = String(query ?? '')
        .trim()
        .slice(0, ANSWER_QUERY_MAX)
        .trim();
      if (!q) return [];
      const wanted = Number.isFinite(options.limit) ? Math.trunc(options.limit!) : ANSWER_LIMIT_DEFAULT;
      const limit = Math.min(ANSWER_LIMIT_MAX, Math.max(1, wanted));
      const answers = await desk.searchAnswers(q, {
        locale: deps.locale(),
        limit,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return answers.slice(0, limit);
    },
  };
}
