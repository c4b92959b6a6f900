/**
 * Self-service answers (knowledge-base search) through the desk's `searchAnswers`. Reads only:
 * nothing goes through the outbox. A desk without a knowledge base makes `search` throw
 * `UnsupportedError`, so a widget can say so instead of showing "no results".
 */
import type { DeskAdapter } from './desk.ts';
import { UnsupportedError } from './errors.ts';
import type { Locale } from './schema.ts';
import type { AnswersApi } from './types.ts';

/** Longest query sent (the service's `answerQuerySchema` allows 200 characters). */
const ANSWER_QUERY_MAX = 200;
/** Default and largest number of answers asked for. */
const ANSWER_LIMIT_DEFAULT = 5;
const ANSWER_LIMIT_MAX = 20;

export function createAnswers(deps: {
  desk: () => DeskAdapter;
  locale: () => Locale;
  /** A real query found nothing (the nudge engine's `search_no_results`). */
  empty?: (query: string) => void;
}): AnswersApi {
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
      if (!answers.length) deps.empty?.(q);
      return answers.slice(0, limit);
    },
  };
}
