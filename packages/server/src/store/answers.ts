/**
 * The knowledge base: `GET /v1/answers?q=&locale=&limit=` searches one site's articles by
 * case-insensitive substring match on title, tags and body with a small weighted score (a title hit
 * counts 3, a tag hit 2, a body hit 1, the whole query in the title or tags 4 more). Chinese needs no
 * tokenizer: a run of Han characters is matched by its overlapping two-character pieces, so
 * 「怎么退货」 finds 「如何退货？」.
 */
import { randomUUID } from 'node:crypto';
import type { Answer, Locale, TrackedEvent } from '@nectar/core/schema';
import { renderMarkdown, withImageOrigin } from '../domain/markdown.ts';
import type { Queryable } from './db.ts';
import { DEMO_ARTICLES } from './answers-seed.ts';
import { searchIndexed } from './answer-index.ts';

export interface AnswerRow {
  id: string;
  site: string;
  locale: Locale;
  title: string;
  body: string;
  url: string | null;
  tags: string[];
  updated_at: Date | string;
  /** Columns of migration 17 (absent while migration 4 seeds the demo articles). */
  published?: boolean;
  html?: string | null;
  helpful_yes?: number;
  helpful_no?: number;
  views?: number;
  created_at?: Date | string | null;
  updated_by?: string | null;
  source_ticket?: string | null;
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

const iso = (d: Date | string) => new Date(d).toISOString();

/** A search result: the article with its safe HTML (service image paths absolute when `origin` is given). */
export function toAnswer(row: AnswerRow & { score?: number | string }, origin?: string): Answer {
  const html = row.html ?? renderMarkdown(row.body);
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    html: origin ? withImageOrigin(html, origin) : html,
    locale: row.locale,
    ...(row.url ? { url: row.url } : {}),
    score: Number(row.score ?? 0),
  };
}

/** An article as agents see it (`/v1/agent/answers`). */
export interface AgentAnswer {
  id: string;
  site: string;
  locale: Locale;
  title: string;
  body: string;
  html?: string;
  url?: string;
  tags: string[];
  published: boolean;
  helpful: { yes: number; no: number };
  views: number;
  createdAt: string;
  updatedAt: string;
  updatedBy?: string;
  sourceTicket?: string;
}

export function toAgentAnswer(row: AnswerRow, options: { html?: boolean; origin?: string } = {}): AgentAnswer {
  const html = options.html ? toAnswer(row, options.origin).html : undefined;
  return {
    id: row.id,
    site: row.site,
    locale: row.locale,
    title: row.title,
    body: row.body,
    ...(html !== undefined ? { html } : {}),
    ...(row.url ? { url: row.url } : {}),
    tags: row.tags,
    published: row.published ?? true,
    helpful: { yes: Number(row.helpful_yes ?? 0), no: Number(row.helpful_no ?? 0) },
    views: Number(row.views ?? 0),
    createdAt: iso(row.created_at ?? row.updated_at),
    updatedAt: iso(row.updated_at),
    ...(row.updated_by ? { updatedBy: row.updated_by } : {}),
    ...(row.source_ticket ? { sourceTicket: row.source_ticket } : {}),
  };
}

interface Filter {
  site: string;
  locale?: Locale | undefined;
  /** Published articles only (shoppers), drafts only, or both (agents). */
  status: 'published' | 'draft' | 'all';
}

/** `WHERE` of a filter, its parameters first in `params`. */
function whereOf(filter: Filter, params: unknown[]): string {
  params.push(filter.site);
  const where = [`site = $${params.length}`];
  if (filter.locale) {
    params.push(filter.locale);
    where.push(`locale = $${params.length}`);
  }
  if (filter.status === 'published') where.push('published');
  if (filter.status === 'draft') where.push('NOT published');
  return where.join(' AND ');
}

/** Articles matching `query` (score > 0), best first. */
async function scored(
  db: Queryable,
  filter: Filter,
  query: string,
  limit: number,
  offset = 0,
): Promise<(AnswerRow & { score: number })[]> {
  const terms = answerTerms(query);
  if (terms.length === 0) return [];
  const params: unknown[] = [];
  const where = whereOf(filter, params);
  params.push(limit, offset, like(query.normalize('NFKC').toLowerCase().trim()));
  const [pLimit, pOffset, pWhole] = [params.length - 2, params.length - 1, params.length];
  const hits = terms.map((term) => {
    params.push(like(term));
    const p = `$${params.length}`;
    return `(CASE WHEN title ILIKE ${p} ESCAPE '\\' THEN 3 ELSE 0 END
      + CASE WHEN array_to_string(tags, ' ') ILIKE ${p} ESCAPE '\\' THEN 2 ELSE 0 END
      + CASE WHEN body ILIKE ${p} ESCAPE '\\' THEN 1 ELSE 0 END)`;
  });
  const { rows } = await db.query<AnswerRow & { score: number }>(
    `SELECT * FROM (
       SELECT *,
         ${hits.join(' + ')}
           + CASE WHEN title ILIKE $${pWhole} ESCAPE '\\' OR array_to_string(tags, ' ') ILIKE $${pWhole} ESCAPE '\\'
             THEN 4 ELSE 0 END
           AS score
       FROM answers WHERE ${where}
     ) scored
     WHERE score > 0 ORDER BY score DESC, updated_at DESC, id LIMIT $${pLimit} OFFSET $${pOffset}`,
    params,
  );
  return rows;
}

/** Best published answers of one site and locale (score > 0), best first (from the in-memory index). */
export async function searchLocale(
  db: Queryable,
  site: string,
  locale: Locale,
  query: string,
  limit: number,
  origin?: string,
): Promise<Answer[]> {
  return searchIndexed(db, site, locale, query, limit, origin);
}

/**
 * Searches in the shopper's locale; when it has no article matching (or none at all), in English,
 * which every site is expected to have. `gap` says the shopper's locale had nothing.
 */
export async function searchAnswersWithGap(
  db: Queryable,
  site: string,
  query: { q: string; locale?: Locale | undefined; limit?: number | undefined },
  origin?: string,
): Promise<{ answers: Answer[]; gap: boolean }> {
  const locale = query.locale ?? 'en';
  const limit = query.limit ?? 5;
  const found = await searchLocale(db, site, locale, query.q, limit, origin);
  if (found.length > 0) return { answers: found, gap: false };
  if (locale === 'en') return { answers: [], gap: true };
  return { answers: await searchLocale(db, site, 'en', query.q, limit, origin), gap: true };
}

export async function searchAnswers(
  db: Queryable,
  site: string,
  query: { q: string; locale?: Locale | undefined; limit?: number | undefined },
  origin?: string,
): Promise<Answer[]> {
  return (await searchAnswersWithGap(db, site, query, origin)).answers;
}

/** Agents' list: newest first, or best first when searching; drafts included unless filtered. */
export async function listAnswers(
  db: Queryable,
  filter: Filter,
  q: string | undefined,
  limit: number,
  offset: number,
): Promise<AnswerRow[]> {
  if (q) return scored(db, filter, q, limit, offset);
  const params: unknown[] = [];
  const where = whereOf(filter, params);
  params.push(limit, offset);
  const { rows } = await db.query<AnswerRow>(
    `SELECT * FROM answers WHERE ${where} ORDER BY updated_at DESC, id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return rows;
}

export async function findAnswer(db: Queryable, id: string, forUpdate = false): Promise<AnswerRow | undefined> {
  const { rows } = await db.query<AnswerRow>(`SELECT * FROM answers WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [
    id,
  ]);
  return rows[0];
}

export interface NewAnswer {
  site: string;
  locale: Locale;
  title: string;
  body: string;
  url?: string | undefined;
  tags?: string[] | undefined;
}

/** The demo seed's insert (migration 4: only the columns of that time). */
export async function insertAnswer(db: Queryable, input: NewAnswer, id: string = `ans_${randomUUID()}`) {
  const { rows } = await db.query<AnswerRow>(
    `INSERT INTO answers (id, site, locale, title, body, url, tags, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now()) RETURNING *`,
    [id, input.site, input.locale, input.title, input.body, input.url ?? null, input.tags ?? []],
  );
  return rows[0]!;
}

export interface ArticleInput extends NewAnswer {
  published?: boolean | undefined;
  sourceTicket?: string | undefined;
}

/** A new article, its HTML rendered once here. */
export async function createAnswer(
  db: Queryable,
  input: ArticleInput,
  by: string | null,
  id: string = `ans_${randomUUID()}`,
): Promise<AnswerRow> {
  const { rows } = await db.query<AnswerRow>(
    `INSERT INTO answers (id, site, locale, title, body, url, tags, published, html, created_at, updated_at, updated_by,
       source_ticket)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), now(), $10, $11) RETURNING *`,
    [
      id,
      input.site,
      input.locale,
      input.title,
      input.body,
      input.url ?? null,
      input.tags ?? [],
      input.published ?? true,
      renderMarkdown(input.body),
      by,
      input.sourceTicket ?? null,
    ],
  );
  return rows[0]!;
}

export interface AnswerPatch {
  locale?: Locale | undefined;
  title?: string | undefined;
  body?: string | undefined;
  url?: string | null | undefined;
  tags?: string[] | undefined;
  published?: boolean | undefined;
}

/** Applies a patch (the HTML rendered again when the body changes); undefined when there is no such article. */
export async function updateAnswer(
  db: Queryable,
  id: string,
  patch: AnswerPatch,
  by: string | null,
): Promise<AnswerRow | undefined> {
  const sets: string[] = [];
  const params: unknown[] = [id];
  const set = (column: string, value: unknown) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (patch.locale !== undefined) set('locale', patch.locale);
  if (patch.title !== undefined) set('title', patch.title);
  if (patch.body !== undefined) {
    set('body', patch.body);
    set('html', renderMarkdown(patch.body));
  }
  if (patch.url !== undefined) set('url', patch.url);
  if (patch.tags !== undefined) set('tags', patch.tags);
  if (patch.published !== undefined) set('published', patch.published);
  set('updated_by', by);
  const { rows } = await db.query<AnswerRow>(
    `UPDATE answers SET ${sets.join(', ')}, updated_at = now() WHERE id = $1 RETURNING *`,
    params,
  );
  return rows[0];
}

export async function deleteAnswer(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query<{ site: string }>('DELETE FROM answers WHERE id = $1 RETURNING site', [id]);
  if (rows[0]) await db.query('DELETE FROM answer_votes WHERE site = $1 AND answer_id = $2', [rows[0].site, id]);
  return rows.length > 0;
}

/** Migration 17: renders the HTML of the articles already stored. */
export async function renderStoredAnswers(db: Queryable): Promise<void> {
  const { rows } = await db.query<{ id: string; body: string }>('SELECT id, body FROM answers WHERE html IS NULL');
  for (const row of rows) {
    await db.query('UPDATE answers SET html = $2 WHERE id = $1', [row.id, renderMarkdown(row.body)]);
  }
}

// ---- helpful counts ------------------------------------------------------------------------------

/**
 * Counts the shopper's "was this helpful?" (`answer_feedback` with `{ answerId, helpful }`) and article
 * views (`answer_viewed` with `{ answerId }`) of one event batch onto the site's published articles. A browser
 * (the event's `anonymousId`) has one vote per article: voting again the same way counts nothing, the other way
 * moves its vote. A vote without an `anonymousId` counts once as it comes.
 */
export async function countAnswerEvents(tx: Queryable, site: string, events: TrackedEvent[]): Promise<void> {
  const counts = new Map<string, { yes: number; no: number; views: number }>();
  const published = await publishedIds(
    tx,
    site,
    events.map((e) => e.props?.['answerId']),
  );
  for (const event of events) {
    const id = event.props?.['answerId'];
    if (typeof id !== 'string' || !published.has(id)) continue;
    const count = counts.get(id) ?? { yes: 0, no: 0, views: 0 };
    counts.set(id, count);
    if (event.name === 'answer_viewed') count.views++;
    const helpful = event.props?.['helpful'];
    if (event.name !== 'answer_feedback' || typeof helpful !== 'boolean') continue;
    const before = event.anonymousId ? await castVote(tx, site, id, event.anonymousId, helpful) : undefined;
    if (before === helpful) continue;
    if (helpful) count.yes++;
    else count.no++;
    if (before === true) count.yes--;
    else if (before === false) count.no--;
  }
  for (const [id, c] of counts) {
    if (!c.yes && !c.no && !c.views) continue;
    await tx.query(
      `UPDATE answers SET helpful_yes = helpful_yes + $3, helpful_no = helpful_no + $4, views = views + $5
       WHERE site = $1 AND id = $2`,
      [site, id, c.yes, c.no, c.views],
    );
  }
}

/** Which of `ids` are published articles of the site. */
async function publishedIds(tx: Queryable, site: string, ids: unknown[]): Promise<Set<string>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
  if (!wanted.length) return new Set();
  const { rows } = await tx.query<{ id: string }>(
    'SELECT id FROM answers WHERE site = $1 AND id = ANY($2::text[]) AND published',
    [site, wanted],
  );
  return new Set(rows.map((r) => r.id));
}

/** Records a browser's vote; its earlier vote on the article (undefined: its first). */
async function castVote(
  tx: Queryable,
  site: string,
  id: string,
  voter: string,
  helpful: boolean,
): Promise<boolean | undefined> {
  const { rows } = await tx.query<{ helpful: boolean }>(
    'SELECT helpful FROM answer_votes WHERE site = $1 AND answer_id = $2 AND voter = $3 FOR UPDATE',
    [site, id, voter],
  );
  const before = rows[0]?.helpful;
  if (before === helpful) return before;
  await tx.query(
    `INSERT INTO answer_votes (site, answer_id, voter, helpful) VALUES ($1, $2, $3, $4)
     ON CONFLICT (site, answer_id, voter) DO UPDATE SET helpful = EXCLUDED.helpful, at = now()`,
    [site, id, voter, helpful],
  );
  return before;
}

// ---- search gaps ---------------------------------------------------------------------------------

/** Distinct gaps kept per site and locale: past this the least asked (then the oldest) go. */
export const GAPS_MAX = 500;

/**
 * The key one gap is counted under: the query's search terms, sorted, so "Refunds?" and "refund"
 * or 「怎么退货」 and 「如何退货」 count as one. Undefined for a query without terms.
 */
export function gapKey(query: string): string | undefined {
  const terms = answerTerms(query);
  if (terms.length === 0) return undefined;
  return [...terms].sort().join(' ').slice(0, 200);
}

/** Records a search that found nothing in its locale (counted, bounded per site and locale). */
export async function recordGap(db: Queryable, site: string, locale: Locale, query: string): Promise<void> {
  const key = gapKey(query);
  if (!key) return;
  const shown = query.normalize('NFKC').replace(/\s+/g, ' ').trim().slice(0, 200);
  const { rows } = await db.query<{ inserted: boolean }>(
    `INSERT INTO answer_gaps (site, locale, query_key, query, count, first_at, last_at)
     VALUES ($1, $2, $3, $4, 1, now(), now())
     ON CONFLICT (site, locale, query_key) DO UPDATE SET count = answer_gaps.count + 1, last_at = now(),
       query = EXCLUDED.query
     RETURNING (xmax = 0) AS inserted`,
    [site, locale, key, shown],
  );
  if (!rows[0]?.inserted) return;
  await db.query(
    `DELETE FROM answer_gaps WHERE site = $1 AND locale = $2 AND query_key IN (
       SELECT query_key FROM answer_gaps WHERE site = $1 AND locale = $2
       ORDER BY count DESC, last_at DESC OFFSET $3
     )`,
    [site, locale, GAPS_MAX],
  );
}

export interface AnswerGap {
  locale: Locale;
  query: string;
  count: number;
  firstAt: string;
  lastAt: string;
}

/**
 * The searches that found nothing, most asked first; a gap that a published article of its locale
 * now answers is left out (and forgotten).
 */
export async function listGaps(
  db: Queryable,
  site: string,
  locale: Locale | undefined,
  limit: number,
): Promise<AnswerGap[]> {
  const params: unknown[] = [site];
  if (locale) params.push(locale);
  const { rows } = await db.query<{
    locale: Locale;
    query_key: string;
    query: string;
    count: number;
    first_at: Date;
    last_at: Date;
  }>(
    `SELECT * FROM answer_gaps WHERE site = $1 ${locale ? 'AND locale = $2' : ''}
     ORDER BY count DESC, last_at DESC LIMIT ${Math.min(limit * 2, 400)}`,
    params,
  );
  const gaps: AnswerGap[] = [];
  for (const row of rows) {
    if (gaps.length >= limit) break;
    if ((await scored(db, { site, locale: row.locale, status: 'published' }, row.query, 1)).length > 0) {
      await db.query('DELETE FROM answer_gaps WHERE site = $1 AND locale = $2 AND query_key = $3', [
        site,
        row.locale,
        row.query_key,
      ]);
      continue;
    }
    gaps.push({
      locale: row.locale,
      query: row.query,
      count: Number(row.count),
      firstAt: iso(row.first_at),
      lastAt: iso(row.last_at),
    });
  }
  return gaps;
}

// ---- images --------------------------------------------------------------------------------------

export async function insertAnswerImage(
  tx: Queryable,
  image: { id: string; site: string; contentType: string; size: number; sha256: string; by: string | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO answer_images (id, site, content_type, size, sha256, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())`,
    [image.id, image.site, image.contentType, image.size, image.sha256, image.by],
  );
}

export async function findAnswerImage(
  db: Queryable,
  id: string,
): Promise<{ id: string; content_type: string } | undefined> {
  const { rows } = await db.query<{ id: string; content_type: string }>(
    'SELECT id, content_type FROM answer_images WHERE id = $1',
    [id],
  );
  return rows[0];
}

/** Migration 4 seeds the `demo` site's articles (once; an agent may edit them later). */
export async function seedDemoAnswers(db: Queryable): Promise<void> {
  for (const a of DEMO_ARTICLES) {
    await insertAnswer(db, { site: 'demo', ...a }, `demo:${a.slug}:${a.locale}`);
  }
}
