/**
 * Articles as Markdown files with YAML front matter (parsed and written by `yaml`):
 *
 *     ---
 *     id: demo:refunds:en
 *     title: How long does a refund take?
 *     locale: en
 *     tags: [refund, money]
 *     published: true
 *     ---
 *     Markdown body…
 *
 * Export writes one file per article; import creates or updates (by `id`) in one transaction, or refuses
 * the whole set naming each bad file's field (`files.2.locale`).
 */
import * as z from 'zod/mini';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { LIMITS, LOCALES, issuesToFields, text } from '@nectar/core/schema';
import { validationError } from '../http-error.ts';
import type { AnswerRow } from '../store/answers.ts';

/** Longest article body (Markdown), in characters. */
export const ARTICLE_BODY_MAX = 20_000;
/** Article ids: ours (`ans_…`), the demo's (`demo:refunds:en`) and those of imported files. */
export const ARTICLE_ID = /^[\w:.-]{1,64}$/;

export const tagsField = () => z.array(text(64, { min: 1 })).check(z.maxLength(20));
export const articleUrlField = () => z.url({ protocol: /^https?$/ }).check(z.maxLength(LIMITS.urlMax));

const frontMatterSchema = z.object({
  id: z.optional(z.string().check(z.regex(ARTICLE_ID))),
  title: text(200, { min: 1 }),
  locale: z.enum(LOCALES),
  tags: z.optional(tagsField()),
  published: z.optional(z.boolean()),
  url: z.optional(z.nullable(articleUrlField())),
});
export type FrontMatter = z.infer<typeof frontMatterSchema>;

export interface ArticleFile {
  name: string;
  content: string;
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

/** One file → its front matter and body; throws `validation_failed` naming `files.<n>.<field>`. */
export function parseArticleFile(content: string, n: number): { meta: FrontMatter; body: string } {
  const match = FRONT_MATTER.exec(content);
  if (!match) throw validationError({ [`files.${n}.content`]: 'front_matter_missing' }, 'Each file starts with ---.');
  let data: unknown;
  try {
    data = parseYaml(match[1]!, { maxAliasCount: 10, prettyErrors: false });
  } catch {
    throw validationError({ [`files.${n}.content`]: 'front_matter_invalid' }, 'The front matter is not valid YAML.');
  }
  const parsed = z.safeParse(frontMatterSchema, data ?? {});
  if (!parsed.success) {
    const fields = Object.fromEntries(
      Object.entries(issuesToFields(parsed.error.issues)).map(([k, v]) => [
        `files.${n}.${k === '_' ? 'content' : k}`,
        v,
      ]),
    );
    throw validationError(fields);
  }
  const body = match[2]!.replace(/^\r?\n/, '').trim();
  if (body === '') throw validationError({ [`files.${n}.body`]: 'required' }, 'An article needs a body.');
  if (body.length > ARTICLE_BODY_MAX) throw validationError({ [`files.${n}.body`]: 'too_long' });
  return { meta: parsed.data, body };
}

/** One article as a Markdown file with front matter. */
export function articleFile(row: AnswerRow): ArticleFile {
  const meta: Record<string, unknown> = {
    id: row.id,
    title: row.title,
    locale: row.locale,
    tags: row.tags,
    published: row.published ?? true,
  };
  if (row.url) meta['url'] = row.url;
  const name = `${row.id.replace(/[^\w.-]+/g, '-')}.md`;
  return { name, content: `---\n${stringifyYaml(meta, { lineWidth: 0 })}---\n\n${row.body}\n` };
}
