import { unique } from '../internal/test-utils.ts';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { createNectar, type NectarClient, type TicketDraft } from '@nectar/core';
import type { Answer } from '@nectar/core/schema';
import { memoryDesk, type MemoryDesk } from '@nectar/adapters/memory';
import './answers.ts';
import '../panel/panel.ts';
import '../ticket-form/ticket-form.ts';
import type { NectarAnswers } from './answers.ts';
import type { NectarPanel } from '../panel/panel.ts';
import { draftStore } from '../internal/controllers/draft.ts';
import { en } from '../i18n/en.ts';
import { zhTW } from '../i18n/zh-TW.ts';

declare global {
  interface Window {
    __nectarXss?: unknown;
  }
}

const clients: NectarClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
before(() => setViewport({ width: 1000, height: 800 }));

/** Every trick of the corpus sets `window.__nectarXss` if it ever runs. */
const XSS = [
  '<h2>Returns</h2><p>Hello <strong>there</strong>, <em>friend</em>: <code>RMA-1</code></p>',
  '<script>window.__nectarXss = "script"</script>',
  '<img src="x" onerror="window.__nectarXss = \'img onerror\'">',
  '<img src="https://shop.example/box.png" alt="The box" onerror="window.__nectarXss = \'img onerror 2\'" onload="window.__nectarXss = \'img onload\'" style="position:fixed">',
  '<a href="javascript:window.__nectarXss=\'js href\'">js link</a>',
  '<a href=" JaVaScRiPt:window.__nectarXss=\'js href 2\'">js link 2</a>',
  '<a href="java&#09;script:window.__nectarXss=\'js href 3\'">js link 3</a>',
  '<a href="data:text/html,&lt;script&gt;parent.__nectarXss=\'data\'&lt;/script&gt;">data link</a>',
  '<img src="data:image/svg+xml,&lt;svg onload=parent.__nectarXss=1&gt;" alt="data image">',
  '<svg onload="window.__nectarXss = \'svg onload\'"><script>window.__nectarXss = "svg script"</script></svg>',
  '<svg><a href="javascript:window.__nectarXss=\'svg a\'"><text>svg link</text></a></svg>',
  '<iframe src="javascript:parent.__nectarXss=\'iframe\'"></iframe>',
  '<iframe srcdoc="&lt;script&gt;parent.__nectarXss=\'srcdoc\'&lt;/script&gt;"></iframe>',
  '<style>* { display: none !important }</style>',
  '<form action="https://evil.example/steal"><input name="card" autofocus onfocus="window.__nectarXss=\'input\'"><button formaction="javascript:window.__nectarXss=\'form\'">Pay</button></form>',
  '<p onclick="window.__nectarXss=\'p onclick\'" style="background:url(javascript:1)" class="x" id="evil">styled paragraph</p>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__nectarXss=\'mxss\'"></style></mglyph></table></mtext></math>',
  '<noscript><p title="</noscript><img src=x onerror=window.__nectarXss=\'noscript\'>"></p></noscript>',
  '<details open ontoggle="window.__nectarXss=\'ontoggle\'"><summary>s</summary>d</details>',
  '<video><source onerror="window.__nectarXss=\'video\'"></video><object data="javascript:parent.__nectarXss=1"></object><embed src="javascript:parent.__nectarXss=1">',
  '<base href="javascript:/"><meta http-equiv="refresh" content="0;url=javascript:window.__nectarXss=1">',
  '<template><img src=x onerror="window.__nectarXss=\'template\'"></template>',
  '<ul><li><a href="https://shop.example/help/returns" onmouseover="window.__nectarXss=\'hover\'" target="_self" rel="opener">Returns page</a></li>',
  '<li><a href="mailto:help@shop.example">Write to us</a></li></ul>',
  '<blockquote>Quoted</blockquote><pre>line 1\nline 2</pre><h5>Small heading</h5>',
].join('\n');

function article(id: string, fields: Partial<Answer> = {}): Answer {
  return { id, title: 'How do returns work?', body: 'Plain **returns** text.', locale: 'en', score: 1, ...fields };
}

/** A memory desk whose knowledge base answers every search with `articles`. */
function deskWith(articles: Answer[]): MemoryDesk & { queries: string[] } {
  const desk = memoryDesk() as MemoryDesk & { queries: string[] };
  desk.queries = [];
  desk.searchAnswers = async (query) => {
    desk.queries.push(query);
    return articles;
  };
  return desk;
}

function client(desk: MemoryDesk, locale = 'en') {
  const c = createNectar({
    desk,
    storage: 'memory',
    namespace: unique('article'),
    locale,
    consent: { behavior: true },
  });
  clients.push(c);
  return c;
}

const root = (el: HTMLElement) => el.shadowRoot!;
const titles = (el: HTMLElement) => [...root(el).querySelectorAll('[part~="answer-title"]')];

async function searched(c: NectarClient, query = 'returns') {
  const el = await fixture<NectarAnswers>(html`<nectar-answers .client=${c} query=${query}></nectar-answers>`);
  await waitUntil(() => titles(el).length > 0, 'answers shown');
  return el;
}

describe('<nectar-answers> articles', () => {
  afterEach(() => delete window.__nectarXss);

  it('renders the XSS corpus of an article’s html inert: no script, handler, javascript: or data: URL, and links noopener', async () => {
    const c = client(deskWith([article(unique('xss'), { html: XSS })]));
    const el = await searched(c);
    const details = root(el).querySelector('details')!;
    details.open = true;
    const body = root(el).querySelector<HTMLElement>('[part~="answer-body"]')!;
    // Images load and handlers would fire now (the element is in the live document).
    await new Promise((r) => setTimeout(r, 300));
    expect(window.__nectarXss).to.equal(undefined);

    const all = [...root(el).querySelectorAll('*')];
    for (const node of all) {
      for (const attr of node.getAttributeNames()) expect(attr, `${node.localName}[${attr}]`).not.to.match(/^on/i);
      expect(node.namespaceURI, node.localName).to.equal('http://www.w3.org/1999/xhtml');
    }
    const refused = 'script, style, iframe, svg, math, object, embed, video, source, base, meta, template, noscript';
    expect(root(el).querySelectorAll(refused).length).to.equal(0);
    expect(body.querySelectorAll('form, input, button, details, h5').length).to.equal(0);
    // Only the allow-list, and the article's elements carry no attribute but href/target/rel and src/alt/loading.
    const inBody = [...body.querySelectorAll('*')];
    for (const node of inBody) {
      expect(['p', 'h2', 'strong', 'em', 'code', 'pre', 'blockquote', 'ul', 'li', 'a', 'img']).to.include(
        node.localName,
      );
      const allowed =
        node.localName === 'a' ? ['href', 'target', 'rel'] : node.localName === 'img' ? ['src', 'alt', 'loading'] : [];
      for (const attr of node.getAttributeNames()) expect(allowed, `${node.localName}[${attr}]`).to.include(attr);
    }
    for (const node of root(el).querySelectorAll<HTMLElement>('[href], [src]')) {
      const value = node.getAttribute('href') ?? node.getAttribute('src')!;
      expect(new URL(value).protocol, value).to.be.oneOf(['https:', 'mailto:']);
    }
    const links = [...body.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
      'https://shop.example/help/returns',
      'mailto:help@shop.example',
    ]);
    for (const a of links) {
      expect(a.rel).to.equal('noopener noreferrer');
      expect(a.target).to.equal('_blank');
    }
    const images = [...body.querySelectorAll('img')];
    expect(images.map((i) => [i.getAttribute('src'), i.alt, i.loading])).to.deep.equal([
      ['https://shop.example/box.png', 'The box', 'lazy'],
    ]);
    // What is prose stays, as text: the refused links' words, an unknown heading's text, the formatting.
    expect(body.querySelector('h2')!.textContent).to.equal('Returns');
    expect(body.querySelector('p strong')!.textContent).to.equal('there');
    expect(body.querySelector('pre')!.textContent).to.equal('line 1\nline 2');
    expect(body.textContent).to.contain('js link').and.contain('data link').and.contain('Small heading');
    expect(body.textContent).not.to.contain('display: none');
    expect(body.checkVisibility()).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows the plain text body when the service sends no html (never as markup)', async () => {
    const c = client(deskWith([article(unique('plain'), { body: 'Send it back <b>within</b> 30 days.\nFree.' })]));
    const el = await searched(c);
    const body = root(el).querySelector('[part~="answer-body"]')!;
    expect(body.children.length).to.equal(0);
    expect(body.textContent).to.equal('Send it back <b>within</b> 30 days.\nFree.');
  });

  it('"Was this helpful?" sends one answer_feedback event, thanks, and is not asked again in this browser', async () => {
    const id = unique('helpful');
    const desk = deskWith([article(id)]);
    const c = client(desk);
    const el = await searched(c);
    const summary = root(el).querySelector<HTMLElement>('summary')!;
    summary.click();
    const group = root(el).querySelector<HTMLElement>('[part~="helpful"]')!;
    expect(group.getAttribute('role')).to.equal('group');
    expect(group.textContent).to.contain(en.answers.helpful);
    await expect(el).to.be.accessible();
    const [yes] = root(el).querySelectorAll<HTMLButtonElement>('[part~="helpful-button"]');
    expect(yes!.textContent!.trim()).to.equal(en.answers.helpfulYes);
    yes!.click();
    yes!.click();
    await waitUntil(() => root(el).querySelector('[part~="helpful-thanks"]'), 'thanked');
    const thanks = root(el).querySelector<HTMLElement>('[part~="helpful-thanks"]')!;
    expect(thanks.textContent!.trim()).to.equal(en.answers.helpfulThanks);
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    expect(active).to.equal(thanks);
    expect(root(el).querySelector('[part~="helpful-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
    await c.flush();
    const feedback = () => desk.events().filter((e) => e.name === 'answer_feedback');
    await waitUntil(() => feedback().length === 1, 'event sent');
    expect(feedback()[0]!.props).to.deep.equal({ answerId: id, helpful: true });

    // Another page in this browser: thanked already, no buttons, nothing sent.
    const again = await searched(c);
    root(again).querySelector<HTMLElement>('summary')!.click();
    await again.updateComplete;
    expect(root(again).querySelector('[part~="helpful-button"]')).to.equal(null);
    expect(root(again).querySelector('[part~="helpful-thanks"]')).not.to.equal(null);
    await c.flush();
    await new Promise((r) => setTimeout(r, 50));
    expect(feedback()).to.have.length(1);
  });

  it('asks in Traditional Chinese', async () => {
    const c = client(deskWith([article(unique('zh'), { locale: 'zh-TW', title: '如何退貨？' })]), 'zh-TW');
    const el = await searched(c, '退貨');
    root(el).querySelector<HTMLElement>('summary')!.click();
    await el.updateComplete;
    expect(root(el).querySelector('[part~="helpful"]')!.textContent).to.contain(zhTW.answers.helpful);
    await expect(el).to.be.accessible();
  });
});

describe('"Still need help" hand-off', () => {
  const DRAFT = 'ticket-form:default';
  afterEach(async () => (await draftStore()).delete(DRAFT));

  async function panelAfterSearch(query: string) {
    const articleId = unique('refunds');
    const desk = deskWith([article(articleId, { title: 'How refunds work' })]);
    const sent: TicketDraft[] = [];
    const createTicket = desk.createTicket;
    desk.createTicket = (input, options) => (sent.push(input as TicketDraft), createTicket(input, options));
    const c = client(desk);
    const panel = await fixture<NectarPanel>(html`<nectar-panel .client=${c}></nectar-panel>`);
    await panel.show('answers');
    const answers = root(panel).querySelector<NectarAnswers>('nectar-answers')!;
    root(answers).querySelector<HTMLInputElement>('input[type="search"]')!.focus();
    await sendKeys({ type: query });
    await waitUntil(() => titles(answers).length === 1, 'answer shown');
    return { panel, answers, articleId, sent };
  }

  const form = (panel: NectarPanel) => root(panel).querySelector('nectar-ticket-form')!;
  const message = (panel: NectarPanel) =>
    root(panel).querySelector('nectar-ticket-form')?.shadowRoot?.querySelector<HTMLTextAreaElement>('#message');

  it('puts the search text and the article in the form’s message and the ticket’s context', async () => {
    const { panel, answers, articleId, sent } = await panelAfterSearch('refund late');
    const toggled = oneEvent(root(answers).querySelector('details')!, 'toggle');
    root(answers).querySelector<HTMLElement>('summary')!.click();
    await toggled;
    root(answers).querySelector<HTMLButtonElement>('[part~="contact-button"]')!.click();
    await waitUntil(() => panel.view === 'contact' && message(panel)?.value, 'prefilled');
    expect(message(panel)!.value).to.equal(`${en.answers.handoff('refund late', 'How refunds work')}\n\n`);
    await expect(panel).to.be.accessible();

    const f = form(panel);
    root(f).querySelector<HTMLInputElement>('input[value="return_refund"]')!.click();
    const email = root(f).querySelector<HTMLInputElement>('#email')!;
    email.focus();
    await sendKeys({ type: 'ann@example.com' });
    const box = message(panel)!;
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
    await sendKeys({ type: 'It has been two weeks.' });
    root(f).querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    await waitUntil(() => sent.length === 1, 'ticket sent');
    expect(sent[0]!.message).to.equal(
      `${en.answers.handoff('refund late', 'How refunds work')}\n\nIt has been two weeks.`,
    );
    expect(sent[0]!.context).to.deep.include({ searchQuery: 'refund late', answerId: articleId });
    expect(sent[0]!.context!.url).to.equal(location.href);
  });

  it('keeps a message the shopper already wrote in a saved draft, and still sends the context', async () => {
    await (
      await draftStore()
    ).set(DRAFT, {
      category: 'delivery',
      orderRef: '',
      subject: '',
      message: 'My own words about the parcel.',
      email: 'ann@example.com',
      name: '',
      photos: [],
    });
    // No article opened: the search text alone.
    const { panel, answers, sent } = await panelAfterSearch('parcel');
    root(answers).querySelector<HTMLButtonElement>('[part~="contact-button"]')!.click();
    await waitUntil(() => panel.view === 'contact' && message(panel), 'contact view');
    await (form(panel) as HTMLElement & { draftRestored: Promise<void> }).draftRestored;
    await waitUntil(() => message(panel)?.value, 'draft back');
    expect(message(panel)!.value).to.equal('My own words about the parcel.');
    root(form(panel)).querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
    await waitUntil(() => sent.length === 1, 'ticket sent');
    expect(sent[0]!.message).to.equal('My own words about the parcel.');
    expect(sent[0]!.context).to.deep.include({ searchQuery: 'parcel' });
    expect(sent[0]!.context).not.to.have.property('answerId');
  });

  it('"Contact us" before any search carries nothing', async () => {
    const c = client(deskWith([]));
    const panel = await fixture<NectarPanel>(html`<nectar-panel .client=${c}></nectar-panel>`);
    await panel.show('answers');
    const answers = root(panel).querySelector<NectarAnswers>('nectar-answers')!;
    root(answers).querySelector<HTMLButtonElement>('[part~="contact-button"]')!.click();
    await waitUntil(() => panel.view === 'contact' && message(panel), 'contact view');
    await (form(panel) as HTMLElement & { draftRestored: Promise<void> }).draftRestored;
    expect(message(panel)!.value).to.equal('');
  });
});
