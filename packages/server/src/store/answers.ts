/**
 * The knowledge base: `GET /v1/answers?q=&locale=&limit=` searches one site's articles by
 * case-insensitive substring match on title, tags and body with a small weighted score (a title hit
 * counts 3, a tag hit 2, a body hit 1, the whole query in the title or tags 4 more). Chinese needs no
 * tokenizer: a run of Han characters is matched by its overlapping two-character pieces, so
 * 「怎么退货」 finds 「如何退货？」.
 */
import { randomUUID } from 'node:crypto';
import type { Answer, Locale } from '@nectar/core/schema';
import type { Queryable } from './db.ts';
import { DEMO_ARTICLES } from './answers-seed.ts';

export interface AnswerRow {
  id: string;
  site: string;
  locale: Locale;
  title: string;
  body: string;
  url: string | null;
  tags: string[];
  updated_at: Date | string;
}

/** Terms of a query searched one by one; at most this many. */
const TERMS_MAX = 16;
const EN_STOP = new Set(
  (
    'a an and are as at be by can could did do does for from get got has have how i in is it me my no not of on or ' +
    'our please still that the this to was we what when where which who why will with you your want need'
  ).split(' '),
);
/** Two-character pieces that carry no meaning on their own (question words, "my", "please"). */
const HAN_STOP = new Set(
  '怎么 怎麼 如何 什么 什麼 为什 為什 可以 请问 請問 我的 一下 你们 你們 我们 我們 是不 不是 为何 為何'.split(' '),
);
/** Particles split a Han run (they glue words together in a question but are not part of them). */
const HAN_PARTICLES = /[的吗嗎呢吧啊呀我你要想]/gu;

/** Light English stemming so "refunds", "tracking", "damaged" also find "refund", "track", "damage". */
function stem(word: string): string {
  if (word.length > 6 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 5 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The search terms of a query, lower-cased: stemmed words of other scripts, Han bigrams. */
export function answerTerms(query: string): string[] {
  const text = query.normalize('NFKC').toLowerCase();
  const terms = new Set<string>();
  for (const run of text.match(/\p{Script=Han}+|[^\s\p{P}\p{S}\p{Script=Han}]+/gu) ?? []) {
    if (/\p{Script=Han}/u.test(run)) {
      if (run.length === 1) terms.add(run);
      for (const part of run.split(HAN_PARTICLES)) {
        for (let i = 0; i + 2 <= part.length; i++) {
          const bigram = part.slice(i, i + 2);
          if (!HAN_STOP.has(bigram)) terms.add(bigram);
        }
      }
    } else if (run.length >= 2 && !EN_STOP.has(run)) {
      terms.add(stem(run));
    }
  }
  const list = [...terms].slice(0, TERMS_MAX);
  // Only stop words (e.g. "how"): search the query as typed rather than nothing.
  return list.length > 0 ? list : [text.trim()].filter(Boolean);
}

const like = (term: string) => `%${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export function toAnswer(row: AnswerRow & { score?: number | string }): Answer {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    locale: row.locale,
    ...(row.url ? { url: row.url } : {}),
    score: Number(row.score ?? 0),
  };
}

/** Best answers of one site and locale (score > 0), best first. */
export async function searchLocale(
  db: Queryable,
  site: string,
  locale: Locale,
  query: string,
  limit: number,
): Promise<Answer[]> {
  const terms = answerTerms(query);
  if (terms.length === 0) return [];
  const params: unknown[] = [site, locale, limit, like(query.normalize('NFKC').toLowerCase().trim())];
  const hits = terms.map((term) => {
    params.push(like(term));
    const p = `$${params.length}`;
    return `(CASE WHEN title ILIKE ${p} ESCAPE '\\' THEN 3 ELSE 0 END
      + CASE WHEN array_to_string(tags, ' ') ILIKE ${p} ESCAPE '\\' THEN 2 ELSE 0 END
      + CASE WHEN body ILIKE ${p} ESCAPE '\\' THEN 1 ELSE 0 END)`;
  });
  const { rows } = await db.query<AnswerRow & { score: number }>(
    `SELECT * FROM (
       SELECT id, site, locale, title, body, url, tags, updated_at,
         ${hits.join(' + ')}
           + CASE WHEN title ILIKE $4 ESCAPE '\\' OR array_to_string(tags, ' ') ILIKE $4 ESCAPE '\\' THEN 4 ELSE 0 END
           AS score
       FROM answers WHERE site = $1 AND locale = $2
     ) scored
     WHERE score > 0 ORDER BY score DESC, updated_at DESC, id LIMIT $3`,
    params,
  );
  return rows.map(toAnswer);
}

/**
 * Searches in the shopper's locale; when it has no article matching (or none at all), in English,
 * which every site is expected to have.
 */
export async function searchAnswers(
  db: Queryable,
  site: string,
  query: { q: string; locale?: Locale | undefined; limit?: number | undefined },
): Promise<Answer[]> {
  const locale = query.locale ?? 'en';
  const limit = query.limit ?? 5;
  const found = await searchLocale(db, site, locale, query.q, limit);
  if (found.length > 0 || locale === 'en') return found;
  return searchLocale(db, site, 'en', query.q, limit);
}

export interface NewAnswer {
  site: string;
  locale: Locale;
  title: string;
  body: string;
  url?: string | undefined;
  tags?: string[] | undefined;
}

export async function insertAnswer(db: Queryable, input: NewAnswer, id: string = `ans_${randomUUID()}`) {
  const { rows } = await db.query<AnswerRow>(
    `INSERT INTO answers (id, site, locale, title, body, url, tags, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now()) RETURNING *`,
    [id, input.site, input.locale, input.title, input.body, input.url ?? null, input.tags ?? []],
  );
  return rows[0]!;
}

/** Migration 4 seeds the `demo` site's articles (once; an agent may edit them later). */
export async function seedDemoAnswers(db: Queryable): Promise<void> {
  for (const a of DEMO_ARTICLES) {
    await insertAnswer(db, { site: 'demo', ...a }, `demo:${a.slug}:${a.locale}`);
  }
}
