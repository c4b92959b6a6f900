/**
 * What `<nectar-answers>` imports once a search has answered (a chunk of its own, `answer-article`, so the panel's
 * first render carries none of it): an article's body from the service's HTML, kept to an allow-list; "Was this
 * helpful?"; and the "still need help" hand-off to the contact form.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { NectarClient, TicketDraft } from '@nectar/core';
import type { Answer } from '@nectar/core/schema';
import { addEnglish, type Catalog } from '../i18n/index.ts';
import { answerArticle } from '../i18n/en/answer-article.ts';

addEnglish({ answers: answerArticle });

/** The elements kept (with no attributes but a link's `href` and an image's `src` and `alt`, checked below). */
const KEEP = new Set('p h2 h3 h4 ul ol li strong em code pre blockquote a img'.split(' '));
/** Elements whose content is no prose: dropped with all they hold. Any other element goes, its content kept. */
const DROP =
  /^(script|style|template|iframe|frame|frameset|object|embed|noscript|noembed|noframes|textarea|select|button|title|head|xmp)$/;
const XHTML = 'http://www.w3.org/1999/xhtml';

/** `value` as an absolute URL of one of `protocols`, else ''. */
function url(value: string | null, protocols: RegExp): string {
  try {
    const parsed = new URL(value ?? '');
    return protocols.test(parsed.protocol) ? parsed.href : '';
  } catch {
    return '';
  }
}

/**
 * Copies what is allowed of `from`'s children into `into`: text as text, allowed elements as new elements with
 * only their checked attributes. Nothing of the parsed document itself is inserted: a handler, a `style`, a
 * `javascript:` or `data:` URL, an `<svg>` or a `<script>` has nothing to come along with.
 */
function copy(from: Node, into: Node): void {
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      into.appendChild(document.createTextNode(node.nodeValue ?? ''));
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const el = node as Element;
    const name = el.localName;
    // SVG and MathML (another namespace) go whole, as do the elements of DROP.
    if (el.namespaceURI !== XHTML || DROP.test(name)) continue;
    if (!KEEP.has(name)) {
      copy(el, into);
      continue;
    }
    const out = document.createElement(name);
    if (name === 'a') {
      const href = url(el.getAttribute('href'), /^(https?|mailto):$/);
      // A link to nowhere safe is its text.
      if (!href) {
        copy(el, into);
        continue;
      }
      out.setAttribute('href', href);
      out.setAttribute('target', '_blank');
      out.setAttribute('rel', 'noopener noreferrer');
    } else if (name === 'img') {
      const src = url(el.getAttribute('src'), /^https?:$/);
      if (!src) continue;
      out.setAttribute('src', src);
      out.setAttribute('alt', el.getAttribute('alt') ?? '');
      out.setAttribute('loading', 'lazy');
    }
    copy(el, out);
    into.appendChild(out);
  }
}

/**
 * The service's article HTML as a new `<div part="answer-body">` holding only the allowed elements and attributes.
 * The HTML is parsed into an inert document (`DOMParser`: no script runs, no image loads, no handler fires there).
 */
export function articleBody(source: string): HTMLElement {
  const body = document.createElement('div');
  body.setAttribute('part', 'answer-body');
  body.className = 'html';
  copy(new DOMParser().parseFromString(source, 'text/html').body, body);
  return body;
}

/** The helpfulness given per article in this browser (`true`/`false`), kept across pages. */
const given = new Map<string, boolean>();
const KEY = 'nectar-answer-helpful:';
function helpfulness(id: string): boolean | undefined {
  if (!given.has(id)) {
    let value: string | null = null;
    try {
      value = localStorage.getItem(KEY + id);
    } catch {
      // Blocked storage: asked again on another page.
    }
    if (value) given.set(id, value === 'yes');
  }
  return given.get(id);
}

/** The widget the answers are shown in. */
export interface ArticleHost extends HTMLElement {
  requestUpdate(): void;
  readonly updateComplete: Promise<boolean>;
}

/** Per widget: the answers reported viewed, the one opened last, and each article's body element. */
interface HostState {
  viewed: Set<string>;
  opened?: Answer;
  /** Per article and HTML: a re-render moves the element rather than parsing again. */
  bodies: Map<string, HTMLElement>;
}
const states = new WeakMap<ArticleHost, HostState>();
function stateOf(host: ArticleHost): HostState {
  let state = states.get(host);
  if (!state) states.set(host, (state = { viewed: new Set(), bodies: new Map() }));
  return state;
}

type Track = { track?: NectarClient['track'] } | undefined;
/** Tracking never gets in the shopper's way (without consent the client keeps nothing). */
function track(client: NectarClient | undefined, name: string, props: Record<string, string | boolean>): void {
  try {
    void Promise.resolve((client as Track)?.track?.(name, props)).catch(() => undefined);
  } catch {
    // As above.
  }
}

/**
 * The answers as expandable articles: the title, then the body (the service's HTML kept to the allow-list, else the
 * plain text), the link to the full article, and "Was this helpful?". Opening one reports `answer_viewed` once.
 */
export function renderResults(
  host: ArticleHost,
  client: NectarClient | undefined,
  m: Catalog,
  answers: Answer[],
): TemplateResult {
  const a = m.answers;
  const state = stateOf(host);
  const onToggle = (e: Event, answer: Answer): void => {
    if (!(e.target as HTMLDetailsElement).open) return;
    state.opened = answer;
    if (state.viewed.has(answer.id)) return;
    state.viewed.add(answer.id);
    track(client, 'answer_viewed', { answerId: answer.id });
  };
  const answerIt = (e: Event, answer: Answer, yes: boolean): void => {
    if (helpfulness(answer.id) !== undefined) return;
    given.set(answer.id, yes);
    try {
      localStorage.setItem(KEY + answer.id, yes ? 'yes' : 'no');
    } catch {
      // Blocked storage: remembered for this page.
    }
    const details = (e.currentTarget as HTMLElement).closest('details');
    host.requestUpdate();
    void host.updateComplete.then(() => details?.querySelector<HTMLElement>('[part~="helpful-thanks"]')?.focus());
    track(client, 'answer_feedback', { answerId: answer.id, helpful: yes });
  };
  const body = (answer: Answer): HTMLElement | TemplateResult => {
    if (!answer.html) return html`<div part="answer-body">${answer.body}</div>`;
    const key = `${answer.id}\n${answer.html}`;
    const el = state.bodies.get(key) ?? articleBody(answer.html);
    state.bodies.set(key, el);
    return el;
  };
  return html`<ul part="results">
    ${answers.map(
      (answer, i) =>
        html`<li>
          <details part="answer" @toggle=${(e: Event) => onToggle(e, answer)}>
            <summary part="answer-title">${answer.title}</summary>
            ${body(answer)}
            ${
              answer.url && /^https?:\/\//i.test(answer.url)
                ? html`<a part="answer-link" href=${answer.url} target="_blank" rel="noopener noreferrer"
                    >${a.readMore} <span class="visually-hidden">${a.newTab}</span></a
                  >`
                : nothing
            }
            ${
              helpfulness(answer.id) === undefined
                ? html`<div part="helpful" role="group" aria-labelledby="helpful-${i}">
                    <span id="helpful-${i}">${a.helpful}</span>
                    <button type="button" part="helpful-button" @click=${(e: Event) => answerIt(e, answer, true)}>
                      ${a.helpfulYes}
                    </button>
                    <button type="button" part="helpful-button" @click=${(e: Event) => answerIt(e, answer, false)}>
                      ${a.helpfulNo}
                    </button>
                  </div>`
                : html`<p part="helpful-thanks" tabindex="-1">${a.helpfulThanks}</p>`
            }
          </details>
        </li>`,
    )}
  </ul>`;
}

/**
 * The contact form's prefill after "Contact us": the search text and the article opened last, in the message and
 * the ticket's context.
 */
export function handoff(host: ArticleHost, m: Catalog, query: string): Partial<TicketDraft> {
  const answer = stateOf(host).opened;
  return {
    message: `${m.answers.handoff(query, answer?.title)}\n\n`,
    context: { searchQuery: query, ...(answer ? { answerId: answer.id } : {}) },
  };
}

/** Adopted by the widget with this module (not in its own styles: the panel's first render needs none of it). */
export const articleStyles = css`
  /* Text for screen readers only (not in the shared base styles: the contact journey shows none). */
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  [part~='results'] {
    list-style: none;
    margin: 0 0 var(--_space);
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  details {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  summary {
    min-height: max(44px, 2.4em);
    padding: 0.6em 0.75em;
    font-weight: 600;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  [part~='answer-body'] {
    padding: 0 0.75em 0.75em;
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .html {
    white-space: normal;
  }
  .html > :first-child {
    margin-top: 0;
  }
  .html > :last-child {
    margin-bottom: 0;
  }
  .html img {
    max-width: 100%;
    height: auto;
  }
  .html pre {
    overflow-x: auto;
  }
  .html a,
  [part~='answer-link'] {
    color: var(--_accent);
  }
  [part~='answer-link'] {
    display: inline-block;
    margin: 0 0.75em 0.75em;
  }
  [part~='helpful'],
  [part~='helpful-thanks'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin: 0;
    padding: 0 0.75em 0.75em;
    color: var(--_muted);
  }
`;
