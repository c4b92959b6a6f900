/**
 * The shoppers' search over published articles, answered from memory: the same terms and weights as the
 * SQL search of `answers.ts` (a title hit 3, a tag hit 2, a body hit 1, the whole query in the title or tags
 * 4 more; case-insensitive substrings; best first, then newest, then id), without scanning every row with
 * ILIKE on each search. Each site's published articles are loaded once with a map from every two-character
 * piece of their text to the articles holding it, so a term is checked only against the articles holding
 * its rarest piece.
 *
 * The database stays the truth: a trigger bumps `answers_version` on every change of an article's content
 * (migration 17), each search reads that one number, and a stale site is loaded again — so instances behind
 * a load balancer agree, and helpful counts or views (which do not bump it) cost no reload.
 */
import type { Answer, Locale } from '@nectar/core/schema';
import type { Queryable } from './db.ts';
import { answerTerms, toAnswer, type AnswerRow } from './answers.ts';

interface Doc {
  row: AnswerRow;
  title: string;
  tags: string;
  updated: number;
}

/** Where a word or a Han piece occurs: the docs whose title, tags or body hold it. */
interface Postings {
  title: number[];
  tags: number[];
  body: number[];
}

interface LocaleIndex {
  docs: Doc[];
  /** Runs of letters and digits (not Han), as the query's terms are cut: a term occurs only inside one. */
  words: Map<string, Postings>;
  /** Han characters and two-character pieces (a Han term is one of these). */
  han: Map<string, Postings>;
}

interface SiteIndex {
  version: string;
  locales: Map<string, LocaleIndex>;
}

const fold = (text: string) => text.normalize('NFKC').toLowerCase();
/** The same cut as `answerTerms`: Han runs, and runs of anything but space, punctuation, symbols and Han. */
const RUNS = /\p{Script=Han}+|[^\s\p{P}\p{S}\p{Script=Han}]+/gu;
const HAN = /\p{Script=Han}/u;
const FIELDS = ['title', 'tags', 'body'] as const;
/** A title hit counts 3, a tag hit 2, a body hit 1. */
const WEIGHTS = [3, 2, 1];

/** Sites kept in memory at once, per database (least recently used go first). */
const SITES_MAX = 64;
/** Per database handle: two services in one process (tests, scale-out) never share an index. */
const caches = new WeakMap<Queryable, { sites: Map<string, SiteIndex>; loading: Map<string, Promise<SiteIndex>> }>();

function post(map: Map<string, Postings>, key: string, field: (typeof FIELDS)[number], n: number) {
  let p = map.get(key);
  if (!p) map.set(key, (p = { title: [], tags: [], body: [] }));
  const list = p[field];
  if (list[list.length - 1] !== n) list.push(n);
}

function indexLocale(rows: AnswerRow[]): LocaleIndex {
  const words = new Map<string, Postings>();
  const han = new Map<string, Postings>();
  const docs: Doc[] = rows.map((row, n) => {
    const text = { title: fold(row.title), tags: fold(row.tags.join(' ')), body: fold(row.body) };
    for (const field of FIELDS) {
      for (const run of text[field].match(RUNS) ?? []) {
        if (!HAN.test(run)) {
          post(words, run, field, n);
          continue;
        }
        for (let i = 0; i < run.length; i++) {
          post(han, run[i]!, field, n);
          if (i + 1 < run.length) post(han, run.slice(i, i + 2), field, n);
        }
      }
    }
    return { row, title: text.title, tags: text.tags, updated: new Date(row.updated_at).getTime() };
  });
  return { docs, words, han };
}

async function currentVersion(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ version: string | number }>('SELECT version FROM answers_version WHERE id = 1');
  return String(rows[0]?.version ?? 0);
}

async function load(db: Queryable, site: string, version: string): Promise<SiteIndex> {
  const { rows } = await db.query<AnswerRow>(
    'SELECT id, site, locale, title, body, html, url, tags, updated_at FROM answers WHERE site = $1 AND published',
    [site],
  );
  const byLocale = new Map<string, AnswerRow[]>();
  for (const row of rows) byLocale.set(row.locale, [...(byLocale.get(row.locale) ?? []), row]);
  const locales = new Map<string, LocaleIndex>();
  for (const [locale, list] of byLocale) locales.set(locale, indexLocale(list));
  return { version, locales };
}

async function siteIndex(db: Queryable, site: string): Promise<SiteIndex> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = { sites: new Map(), loading: new Map() }));
  const { sites, loading } = cache;
  const version = await currentVersion(db);
  const cached = sites.get(site);
  if (cached?.version === version) {
    sites.delete(site);
    sites.set(site, cached);
    return cached;
  }
  const key = `${site}\n${version}`;
  let pending = loading.get(key);
  if (!pending) {
    pending = load(db, site, version).finally(() => loading.delete(key));
    loading.set(key, pending);
  }
  const index = await pending;
  sites.delete(site);
  sites.set(site, index);
  while (sites.size > SITES_MAX) sites.delete(sites.keys().next().value!);
  return index;
}

/** Best published answers of one site and locale (score > 0), best first. */
export async function searchIndexed(
  db: Queryable,
  site: string,
  locale: Locale,
  query: string,
  limit: number,
  origin?: string,
): Promise<Answer[]> {
  const terms = answerTerms(query);
  if (terms.length === 0) return [];
  const index = (await siteIndex(db, site)).locales.get(locale);
  if (!index) return [];
  const size = index.docs.length;
  const scores = new Int32Array(size);
  // Per field, the last term that counted a doc: a field counts once per term however many words hold it.
  const counted = FIELDS.map(() => new Int32Array(size));
  const add = (p: Postings, mark: number) => {
    FIELDS.forEach((field, f) => {
      const seen = counted[f]!;
      for (const n of p[field]) {
        if (seen[n] === mark) continue;
        seen[n] = mark;
        scores[n]! += WEIGHTS[f]!;
      }
    });
  };
  terms.forEach((term, t) => {
    const mark = t + 1;
    if (HAN.test(term)) {
      const p = index.han.get(term);
      if (p) add(p, mark);
      return;
    }
    for (const [word, p] of index.words) if (word.includes(term)) add(p, mark);
  });
  const whole = fold(query).trim();
  const ranked: { doc: Doc; score: number }[] = [];
  scores.forEach((score, n) => {
    if (score === 0) return;
    const doc = index.docs[n]!;
    ranked.push({ doc, score: score + (doc.title.includes(whole) || doc.tags.includes(whole) ? 4 : 0) });
  });
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      b.doc.updated - a.doc.updated ||
      (a.doc.row.id < b.doc.row.id ? -1 : a.doc.row.id > b.doc.row.id ? 1 : 0),
  );
  return ranked.slice(0, limit).map(({ doc, score }) => toAnswer({ ...doc.row, score }, origin));
}
