/**
 * Knowledge-base articles are Markdown; shoppers and agents see them as HTML rendered here, on the
 * service, by `marked` and then cleaned by `sanitize-html` (an allow-list: whatever the Markdown holds —
 * raw HTML, script, inline handlers, `javascript:` or `data:` URLs, SVG, iframes, style — only the
 * tags and attributes below come out). Links open in a new tab with `rel="noopener noreferrer"`;
 * images load lazily and only from http(s) or the service's own answer-image route.
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/** Where uploaded article images are served (`GET /v1/answers/images/:id`). */
export const ANSWER_IMAGE_PATH = '/v1/answers/images/';

const marked = new Marked({ gfm: true, breaks: true, async: false });

const imageAllowed = (src: string | undefined) =>
  typeof src === 'string' && (/^https?:\/\//i.test(src) || src.startsWith(ANSWER_IMAGE_PATH));

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'em',
    'b',
    'i',
    'del',
    's',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'loading'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // An article has one title (the page's); its headings start one level down.
    h1: 'h2',
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'noopener noreferrer', target: '_blank' },
    }),
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy' } }),
  },
  // An image whose source was refused (data:, javascript:, a relative path elsewhere) goes whole.
  exclusiveFilter: (frame) => frame.tag === 'img' && !imageAllowed(frame.attribs['src']),
};

/**
 * The article's safe HTML, image paths of the service left relative (`/v1/answers/images/…`): stored
 * as is, made absolute per request by `withImageOrigin`.
 */
export function renderMarkdown(markdown: string): string {
  const raw = marked.parse(markdown) as string;
  return sanitizeHtml(raw, SANITIZE).trim();
}

/** Makes the service's own image paths absolute, so the HTML works on the shop's pages too. */
export function withImageOrigin(html: string, origin: string): string {
  return html.replaceAll(`src="${ANSWER_IMAGE_PATH}`, `src="${origin}${ANSWER_IMAGE_PATH}`);
}
