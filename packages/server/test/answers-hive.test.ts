/**
 * The knowledge hive through the real service (PGlite): agents list, search, create, edit, unpublish and
 * delete articles (admins only delete; a shopper's site key or ticket token writes nothing); Markdown comes
 * out as inert HTML whatever it holds; images uploaded by agents are served to anyone, inert; shoppers'
 * "was this helpful?" is counted per article; searches that found nothing become gaps; Markdown files with
 * front matter go out and come back unchanged; a resolved ticket's reply becomes a draft.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Answer, TicketReceipt } from '@nectar/core/schema';
import { startServer, type RunningServer } from '../src/index.ts';
import { DEFAULT_SITES } from '../src/sites.ts';
import { EXE_BYTES, PNG_1PX } from './fixtures.ts';

const ADMIN = { email: 'admin@shop.example', password: 'admin-password-long' };

interface Article {
  id: string;
  site: string;
  locale: string;
  title: string;
  body: string;
  html?: string;
  url?: string;
  tags: string[];
  published: boolean;
  helpful: { yes: number; no: number };
  views: number;
  updatedBy?: string;
  sourceTicket?: string;
}
interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

describe('knowledge hive', () => {
  let server: RunningServer;
  let agentCookie: string;
  before(async () => {
    // The refusal sweep below fails agent sign-in many times from one IP.
    server = await startServer({
      port: 0,
      memory: true,
      admin: ADMIN,
      sites: [...DEFAULT_SITES, { key: 'other', origins: ['https://other.example'] }],
      rateLimit: { agentAuthFailuresPerIp: 1000 },
    });
    const origin = { Origin: server.url };
    const signIn = async (email: string, password: string) =>
      (
        await fetch(`${server.url}/v1/console/session`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...origin },
          body: JSON.stringify({ email, password }),
        })
      ).headers
        .get('set-cookie')
        ?.split(';')[0] ?? '';
    const admin = await signIn(ADMIN.email, ADMIN.password);
    const invited = await fetch(`${server.url}/v1/agent/agents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: admin, ...origin },
      body: JSON.stringify({ email: 'bo@shop.example', name: 'Bo', password: 'bo-password-long' }),
    });
    assert.equal(invited.status, 201);
    agentCookie = await signIn('bo@shop.example', 'bo-password-long');
  });
  after(() => server?.close());

  /** As the machine key (an admin). */
  const agent = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(server.url + path, {
      method,
      headers: { Authorization: `Bearer ${server.agentKey}`, 'Content-Type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  /** As Bo, a signed-in agent who is not an admin. */
  const bo = (method: string, path: string, body?: unknown) =>
    fetch(server.url + path, {
      method,
      headers: { Cookie: agentCookie, Origin: server.url, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const shopper = (path: string, init: RequestInit = {}) =>
    fetch(server.url + path, {
      ...init,
      headers: {
        'X-Nectar-Site': 'demo',
        'Content-Type': 'application/json',
        'Idempotency-Key': randomUUID(),
        ...(init.headers as Record<string, string>),
      },
    });
  const search = async (q: string, locale = 'en') => {
    const res = await shopper(`/v1/answers?${new URLSearchParams({ q, locale })}`);
    assert.equal(res.status, 200);
    return ((await res.json()) as { answers: Answer[] }).answers;
  };
  const create = async (input: Record<string, unknown>) => {
    const res = await agent('POST', '/v1/agent/answers', { site: 'demo', ...input });
    assert.equal(res.status, 201, await res.clone().text());
    return (await res.json()) as Article;
  };
  const list = async (query: Record<string, string> = {}) => {
    const res = await agent('GET', `/v1/agent/answers?${new URLSearchParams({ site: 'demo', ...query })}`);
    assert.equal(res.status, 200);
    return ((await res.json()) as { answers: Article[] }).answers;
  };
  const errorOf = async (res: Response) => ((await res.json()) as ErrorBody).error;

  it('creates, lists with drafts, edits, unpublishes and deletes an article', async () => {
    const draft = await create({
      locale: 'en',
      title: 'Gift wrapping',
      body: 'We wrap **every** gift in paper.',
      tags: ['gift'],
      published: false,
    });
    assert.equal(draft.published, false);
    assert.equal(draft.html, '<p>We wrap <strong>every</strong> gift in paper.</p>');
    assert.deepEqual(draft.helpful, { yes: 0, no: 0 });
    assert.equal(draft.updatedBy, 'API');

    // Drafts are listed for agents, never found by shoppers.
    assert.ok((await list({ status: 'draft' })).some((a) => a.id === draft.id));
    assert.ok(!(await list({ status: 'published' })).some((a) => a.id === draft.id));
    assert.equal((await list({ q: 'gift wrapping' }))[0]!.id, draft.id);
    assert.ok(!(await search('gift wrapping')).some((a) => a.id === draft.id));

    // Bo (an agent) edits and publishes it.
    const edited = await bo('PUT', `/v1/agent/answers/${draft.id}`, {
      title: 'Gift wrapping and notes',
      body: 'Every gift is wrapped; add a _note_ at checkout.',
      published: true,
    });
    assert.equal(edited.status, 200);
    const published = (await edited.json()) as Article;
    assert.equal(published.updatedBy, 'Bo');
    assert.match(published.html!, /<em>note<\/em>/);
    const found = (await search('gift note')).find((a) => a.id === draft.id);
    assert.ok(found, 'published: shoppers find it');
    assert.equal(found.title, 'Gift wrapping and notes');
    assert.equal(found.body, 'Every gift is wrapped; add a _note_ at checkout.');
    assert.match(found.html!, /<em>note<\/em>/);

    // Unpublished again: gone from the shopper's search.
    assert.equal((await agent('PUT', `/v1/agent/answers/${draft.id}`, { published: false })).status, 200);
    assert.ok(!(await search('gift note')).some((a) => a.id === draft.id));

    // A zh-CN article is listed under its locale only.
    const zh = await create({ locale: 'zh-CN', title: '礼品包装', body: '所有礼物都会包装。' });
    assert.deepEqual(
      (await list({ locale: 'zh-CN', q: '礼品' })).map((a) => a.id),
      [zh.id],
    );
    assert.ok((await list({ locale: 'en' })).every((a) => a.locale === 'en'));

    const read = await agent('GET', `/v1/agent/answers/${zh.id}`);
    assert.equal(((await read.json()) as Article).html, '<p>所有礼物都会包装。</p>');

    // Deleting: Bo may not (403), an admin may; then it is gone (404, twice).
    const refused = await bo('DELETE', `/v1/agent/answers/${draft.id}`);
    assert.equal(refused.status, 403);
    assert.equal((await errorOf(refused)).code, 'forbidden');
    assert.equal((await agent('DELETE', `/v1/agent/answers/${draft.id}`)).status, 200);
    assert.equal((await agent('GET', `/v1/agent/answers/${draft.id}`)).status, 404);
    assert.equal((await agent('DELETE', `/v1/agent/answers/${draft.id}`)).status, 404);
    assert.equal((await agent('PUT', `/v1/agent/answers/${draft.id}`, { title: 'x' })).status, 404);
  });

  it('refuses shoppers on every agent route and names bad fields, never a 5xx', async () => {
    const { id } = await create({ locale: 'en', title: 'Lost parcel', body: 'Tell us within 14 days.' });
    const receipt = (await (
      await shopper('/v1/tickets', {
        method: 'POST',
        body: JSON.stringify({ message: 'Where is it?', contact: { email: 'a@b.co' } }),
      })
    ).json()) as TicketReceipt;
    const routes: [string, string, unknown?][] = [
      ['GET', '/v1/agent/answers'],
      ['POST', '/v1/agent/answers', { locale: 'en', title: 'x', body: 'y' }],
      ['GET', `/v1/agent/answers/${id}`],
      ['PUT', `/v1/agent/answers/${id}`, { title: 'Hacked' }],
      ['DELETE', `/v1/agent/answers/${id}`],
      ['GET', '/v1/agent/answers/gaps'],
      ['GET', '/v1/agent/answers/export'],
      ['POST', '/v1/agent/answers/import', { files: [{ content: '---\ntitle: x\nlocale: en\n---\nbody' }] }],
      ['POST', '/v1/agent/answers/preview', { body: 'x' }],
      ['POST', '/v1/agent/answers/images'],
      ['POST', `/v1/agent/answers/from-ticket/${receipt.id}`],
    ];
    for (const [method, path, body] of routes) {
      const auths: Record<string, string>[] = [{}, { Authorization: `Bearer ${receipt.accessToken}` }];
      for (const auth of auths) {
        const res = await shopper(path, {
          method,
          headers: auth,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        assert.equal(res.status, 401, `${method} ${path}`);
      }
    }
    assert.equal(((await (await agent('GET', `/v1/agent/answers/${id}`)).json()) as Article).title, 'Lost parcel');

    const bad = await agent('POST', '/v1/agent/answers', {
      locale: 'fr',
      title: '',
      body: 'x',
      url: 'javascript:alert(1)',
      tags: 'no',
      published: 'yes',
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys((await errorOf(bad)).fields ?? {}).sort(), [
      'locale',
      'published',
      'tags',
      'title',
      'url',
    ]);
    const empty = await agent('PUT', `/v1/agent/answers/${id}`, {});
    assert.equal(empty.status, 400);
    const unknown = await agent('PUT', `/v1/agent/answers/${id}`, { owner: 'me' });
    assert.deepEqual((await errorOf(unknown)).fields, { owner: 'unknown_field' });
    for (const path of [
      '/v1/agent/answers/%00',
      '/v1/agent/answers/..%2F..%2Fetc',
      '/v1/agent/answers/' + 'x'.repeat(500),
    ]) {
      assert.equal((await agent('GET', path)).status, 404, path);
    }
    assert.equal((await agent('GET', '/v1/agent/answers?site=demo&status=maybe')).status, 400);
    assert.equal((await agent('GET', '/v1/agent/answers?site=demo&limit=9999')).status, 400);
    const notJson = await fetch(`${server.url}/v1/agent/answers/${id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${server.agentKey}`, 'Content-Type': 'application/json' },
      body: '{"title":',
    });
    assert.equal(notJson.status, 400);
    const nul = await agent('POST', '/v1/agent/answers', { site: 'demo', locale: 'en', title: 'a\u0000b', body: 'c' });
    assert.equal(nul.status, 400);
  });

  it('renders an XSS corpus inert, in search results, previews and articles', async () => {
    const corpus = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[link](javascript:alert(1))',
      '[link](JaVaScRiPt:alert(1))',
      '<a href="java&#x09;script:alert(1)">tab</a>',
      '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '![pixel](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
      '<svg onload=alert(1)><script>alert(1)</script></svg>',
      '<iframe src="https://evil.example/"></iframe>',
      '<style>body{display:none}</style>',
      '<p style="background:url(javascript:alert(1))" onclick="alert(1)">styled</p>',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
      '<details open ontoggle=alert(1)>x</details>',
      '<object data="evil.swf"></object><embed src="evil.swf">',
      '<form action="https://evil.example"><input name=x></form>',
      '[proto](//evil.example/)',
      '<base href="https://evil.example/">',
      '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    ].join('\n\n');
    const body = `## Safe heading\n\nSee [our policy](https://shop.example/returns) and ![box](https://cdn.example/box.png).\n\n${corpus}`;
    const article = await create({ locale: 'en', title: 'Xylophone returns', body });
    const [hit] = await search('xylophone returns');
    assert.equal(hit!.id, article.id);
    const preview = (await (await agent('POST', '/v1/agent/answers/preview', { body })).json()) as { html: string };
    for (const html of [hit!.html!, article.html!, preview.html]) {
      assert.doesNotMatch(html, /<script|<iframe|<svg|<style|<object|<embed|<form|<input|<base|<meta|<math|<details/i);
      assert.doesNotMatch(html, /\son\w+=/i, 'no inline handler');
      assert.doesNotMatch(html, /javascript:|data:|style=/i);
      assert.doesNotMatch(html, /href="\/\//, 'no protocol-relative link');
      const links = html.match(/<a [^>]*>/g) ?? [];
      assert.ok(links.length >= 1);
      for (const a of links) {
        assert.match(a, /rel="noopener noreferrer"/);
        assert.match(a, /target="_blank"/);
      }
      assert.match(html, /<a href="https:\/\/shop\.example\/returns"/);
      const images = html.match(/<img [^>]*>/g) ?? [];
      assert.deepEqual(images, ['<img src="https://cdn.example/box.png" alt="box" loading="lazy" />']);
      assert.match(html, /<h2>Safe heading<\/h2>/);
    }
    // The Markdown itself is kept as written (agents edit it).
    assert.equal(hit!.body, body);
  });

  it('uploads images checked by their bytes and serves them to anyone, inert', async () => {
    const upload = (bytes: Buffer, as: Record<string, string> = { Authorization: `Bearer ${server.agentKey}` }) => {
      const form = new FormData();
      form.set('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'photo.png');
      form.set('site', 'demo');
      return fetch(`${server.url}/v1/agent/answers/images`, { method: 'POST', headers: as, body: form });
    };
    const res = await upload(PNG_1PX);
    assert.equal(res.status, 201);
    const image = (await res.json()) as { id: string; url: string };
    assert.equal(image.url, `/v1/answers/images/${image.id}`);

    const served = await fetch(server.url + image.url);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
    assert.match(served.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), PNG_1PX);

    assert.equal((await upload(EXE_BYTES)).status, 415, 'a renamed executable is refused');
    assert.equal((await upload(PNG_1PX, { 'X-Nectar-Site': 'demo' })).status, 401, 'a shopper may not upload');
    const cookie = await upload(PNG_1PX, { Cookie: agentCookie, Origin: server.url });
    assert.equal(cookie.status, 201, 'any agent may');
    const noFile = new FormData();
    noFile.set('site', 'demo');
    const none = await fetch(`${server.url}/v1/agent/answers/images`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.agentKey}` },
      body: noFile,
    });
    assert.deepEqual((await errorOf(none)).fields, { file: 'required' });
    assert.equal((await fetch(`${server.url}/v1/answers/images/img_${randomUUID()}`)).status, 404);
    assert.equal((await fetch(`${server.url}/v1/answers/images/..%2F..%2Fpackage.json`)).status, 404);

    // In an article, the service's own image is absolute in the HTML shoppers get (their page is elsewhere).
    await create({ locale: 'en', title: 'Zeppelin packaging', body: `![our box](${image.url})` });
    const [hit] = await search('zeppelin packaging');
    assert.equal(hit!.html, `<p><img src="${server.url}${image.url}" alt="our box" loading="lazy" /></p>`);
  });

  it('counts "was this helpful?" per article from the shopper\'s events', async () => {
    const { id } = await create({ locale: 'en', title: 'Quokka care', body: 'Water daily.' });
    const send = (events: unknown[], key = randomUUID()) =>
      shopper('/v1/events', { method: 'POST', body: JSON.stringify({ events }), headers: { 'Idempotency-Key': key } });
    const key = randomUUID();
    const batch = [
      { name: 'answer_viewed', props: { answerId: id } },
      { name: 'answer_feedback', props: { answerId: id, helpful: true } },
      { name: 'answer_feedback', props: { answerId: id, helpful: true } },
      { name: 'answer_feedback', props: { answerId: id, helpful: false } },
      { name: 'answer_feedback', props: { answerId: id, helpful: 'maybe' } },
      { name: 'answer_feedback', props: { answerId: 'demo:nope', helpful: true } },
    ];
    assert.equal((await send(batch, key)).status, 202);
    assert.equal((await send(batch, key)).headers.get('idempotent-replayed'), 'true', 'a replay counts nothing');
    assert.equal((await send([{ name: 'answer_feedback', props: { answerId: id, helpful: false } }])).status, 202);
    // Another site's events never touch this site's articles.
    await fetch(`${server.url}/v1/events`, {
      method: 'POST',
      headers: { 'X-Nectar-Site': 'other', 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ events: [{ name: 'answer_feedback', props: { answerId: id, helpful: true } }] }),
    });
    const article = (await list({ q: 'quokka' })).find((a) => a.id === id)!;
    assert.deepEqual(article.helpful, { yes: 2, no: 2 });
    assert.equal(article.views, 1);
  });

  it('one vote per browser and article (a changed mind moves it); votes on drafts count nothing', async () => {
    const { id } = await create({ locale: 'en', title: 'Axolotl tank care', body: 'Cool water.' });
    const draft = await create({ locale: 'en', title: 'Axolotl food', body: 'Worms.', published: false });
    const vote = (answerId: string, helpful: boolean, anonymousId?: string) =>
      shopper('/v1/events', {
        method: 'POST',
        body: JSON.stringify({
          events: [{ name: 'answer_feedback', props: { answerId, helpful }, ...(anonymousId ? { anonymousId } : {}) }],
        }),
        headers: { 'Idempotency-Key': randomUUID() },
      });
    const helpful = async (answerId: string) =>
      (await list({ q: 'axolotl', status: 'all' })).find((a) => a.id === answerId)!.helpful;
    for (const [answerId, yes, voter] of [
      [id, true, 'browser-a'],
      [id, true, 'browser-a'], // the same vote again: nothing more
      [id, true, 'browser-b'],
      [id, false, 'browser-a'], // a changed mind: its yes becomes a no
      [draft.id, true, 'browser-c'],
    ] as const) {
      assert.equal((await vote(answerId, yes, voter)).status, 202);
    }
    assert.deepEqual(await helpful(id), { yes: 1, no: 1 });
    assert.deepEqual(await helpful(draft.id), { yes: 0, no: 0 }, 'a draft takes no votes');
    // Deleted, its votes go with it.
    assert.equal((await agent('DELETE', `/v1/agent/answers/${id}`)).status, 200);
    const { rows } = await server.db.query(`SELECT 1 FROM answer_votes WHERE answer_id = $1`, [id]);
    assert.equal(rows.length, 0);
  });

  it('records searches that found nothing, normalised and counted, until an article answers them', async () => {
    await search('Narwhal tusk polish?');
    await search('  narwhal   TUSK polish ');
    await search('polish narwhal tusks');
    await search('独角鲸怎么抛光', 'zh-CN');
    await search('refund'); // found: no gap
    const gaps = async (query = '') =>
      (
        (await (await agent('GET', `/v1/agent/answers/gaps?site=demo&${query}`)).json()) as {
          gaps: { locale: string; query: string; count: number }[];
        }
      ).gaps;
    const en = (await gaps('locale=en')).filter((g) => /narwhal/i.test(g.query));
    assert.equal(en.length, 1);
    assert.equal(en[0]!.count, 3);
    assert.equal(en[0]!.query, 'polish narwhal tusks', 'the latest wording');
    assert.ok(!(await gaps('locale=en')).some((g) => /refund/.test(g.query)));
    const zh = (await gaps('locale=zh-CN')).find((g) => g.query.includes('独角鲸'));
    assert.equal(zh?.count, 1);

    // An unpublished draft does not close a gap; a published article does.
    const draft = await create({ locale: 'en', title: 'Narwhal tusk polish', body: 'Soft cloth.', published: false });
    assert.ok((await gaps('locale=en')).some((g) => /narwhal/i.test(g.query)));
    await agent('PUT', `/v1/agent/answers/${draft.id}`, { published: true });
    assert.ok(!(await gaps('locale=en')).some((g) => /narwhal/i.test(g.query)));
    assert.equal((await agent('GET', '/v1/agent/answers/gaps?site=demo&locale=fr')).status, 400);
  });

  it('exports Markdown files with front matter and imports them back unchanged', async () => {
    const site = 'other';
    const a = await create({
      site,
      locale: 'en',
      title: 'Returns: "quoted" & colons',
      body: '# Returns\n\n- item one\n- item two',
      tags: ['returns', 'policy'],
      url: 'https://other.example/returns',
    });
    const b = await create({ site, locale: 'zh-TW', title: '退貨', body: '七天內退貨。', published: false });
    const exported = (await (await agent('GET', `/v1/agent/answers/export?site=${site}`)).json()) as {
      files: { name: string; content: string }[];
    };
    assert.equal(exported.files.length, 2);
    const fileA = exported.files.find((f) => f.content.includes(a.id))!;
    assert.match(fileA.content, /^---\n/);
    assert.match(fileA.content, /\ntitle: 'Returns: "quoted" & colons'\n|title: "Returns: \\"quoted\\" & colons"/);

    // Edit one file, delete the articles, import: the same articles come back (ids kept), edits applied.
    await agent('DELETE', `/v1/agent/answers/${a.id}`);
    const edited = exported.files.map((f) =>
      f === fileA ? { ...f, content: f.content.replace('item two', 'item 2') } : f,
    );
    const res = await agent('POST', '/v1/agent/answers/import', { site, files: edited });
    assert.equal(res.status, 200, await res.clone().text());
    assert.deepEqual(((await res.json()) as { created: number; updated: number }).created, 1);
    const back = await list({ site });
    const backA = back.find((x) => x.id === a.id)!;
    assert.equal(backA.title, a.title);
    assert.equal(backA.body, a.body.replace('item two', 'item 2'));
    assert.deepEqual(backA.tags, ['returns', 'policy']);
    assert.equal(backA.url, 'https://other.example/returns');
    assert.equal(backA.published, true);
    const backB = back.find((x) => x.id === b.id)!;
    assert.equal(backB.published, false);
    assert.equal(backB.body, '七天內退貨。');
    // A second export equals the first (but for the edit).
    const again = (await (await agent('GET', `/v1/agent/answers/export?site=${site}`)).json()) as typeof exported;
    assert.deepEqual(again.files.map((f) => f.content).sort(), edited.map((f) => f.content).sort());

    // New files (no id) are created; bad files are named, nothing is written.
    const before = (await list({ site })).length;
    const bad = await agent('POST', '/v1/agent/answers/import', {
      site,
      files: [
        { content: '---\ntitle: New one\nlocale: en\n---\nBody' },
        { content: 'no front matter' },
        { content: '---\ntitle: x\nlocale: fr\ntags: nope\n---\nBody' },
        { content: '---\ntitle: [unclosed\n---\nBody' },
      ],
    });
    assert.equal(bad.status, 400);
    assert.deepEqual((await errorOf(bad)).fields, { 'files.1.content': 'front_matter_missing' });
    const bad2 = await agent('POST', '/v1/agent/answers/import', {
      site,
      files: [{ content: '---\ntitle: x\nlocale: fr\ntags: nope\n---\nBody' }],
    });
    assert.deepEqual(Object.keys((await errorOf(bad2)).fields ?? {}).sort(), ['files.0.locale', 'files.0.tags']);
    const bad3 = await agent('POST', '/v1/agent/answers/import', {
      site,
      files: [{ content: '---\ntitle: [unclosed\n---\nBody' }],
    });
    assert.deepEqual((await errorOf(bad3)).fields, { 'files.0.content': 'front_matter_invalid' });
    // An id of another site's article is refused (not taken over).
    const taken = await agent('POST', '/v1/agent/answers/import', {
      site,
      files: [{ content: '---\nid: demo:refunds:en\ntitle: x\nlocale: en\n---\nBody' }],
    });
    assert.deepEqual((await errorOf(taken)).fields, { 'files.0.id': 'taken' });
    assert.equal((await list({ site })).length, before);
    const ok = await agent('POST', '/v1/agent/answers/import', {
      site,
      files: [{ name: 'new.md', content: '---\ntitle: New one\nlocale: en\ntags: [a]\n---\nBody *here*' }],
    });
    assert.deepEqual(((await ok.json()) as { created: number }).created, 1);
    assert.equal((await list({ site })).length, before + 1);
  });

  it("drafts an unpublished article from a resolved ticket's last agent reply", async () => {
    const receipt = (await (
      await shopper('/v1/tickets', {
        method: 'POST',
        body: JSON.stringify({
          category: 'delivery',
          subject: 'Parcel stuck in customs',
          message: 'My parcel has been in customs for a week.',
          locale: 'zh-TW',
          contact: { email: 'c@d.co' },
        }),
      })
    ).json()) as TicketReceipt;
    const path = `/v1/agent/answers/from-ticket/${receipt.id}`;
    const early = await agent('POST', path);
    assert.equal(early.status, 409);
    assert.equal((await errorOf(early)).fields?.['ticketId'], 'not_resolved');
    await agent('POST', `/v1/agent/tickets/${receipt.id}/reply`, { message: 'First reply.' });
    await agent('POST', `/v1/agent/tickets/${receipt.id}/note`, { message: 'internal: not this' });
    await agent('POST', `/v1/agent/tickets/${receipt.id}/reply`, { message: 'Customs take **5–7 days**.' });
    assert.equal((await agent('POST', `/v1/agent/tickets/${receipt.id}/resolve`)).status, 200);

    const res = await bo('POST', path);
    assert.equal(res.status, 201);
    const draft = (await res.json()) as Article;
    assert.equal(draft.published, false);
    assert.equal(draft.title, 'Parcel stuck in customs');
    assert.equal(draft.body, 'Customs take **5–7 days**.');
    assert.equal(draft.locale, 'zh-TW');
    assert.deepEqual(draft.tags, ['delivery']);
    assert.equal(draft.sourceTicket, receipt.id);
    assert.ok(!(await search('customs', 'zh-TW')).some((a) => a.id === draft.id), 'a draft, not published');

    assert.equal((await agent('POST', `/v1/agent/answers/from-ticket/${randomUUID()}`)).status, 404);
    assert.equal((await agent('POST', '/v1/agent/answers/from-ticket/not-a-uuid')).status, 404);
  });
});

describe('knowledge hive: search gaps within the write budgets', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ port: 0, memory: true, rateLimit: { eventsPerIp: 2 } });
  });
  after(() => server?.close());

  it('answers every search, and records gaps only within the events budget of the IP', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${server.url}/v1/answers?q=${encodeURIComponent('zebra stripe repaint')}`, {
        headers: { 'X-Nectar-Site': 'demo' },
      });
      assert.equal(res.status, 200, 'a search is never refused');
      assert.deepEqual(((await res.json()) as { answers: unknown[] }).answers, []);
    }
    const { rows } = await server.db.query<{ count: number }>(
      `SELECT count FROM answer_gaps WHERE site = 'demo' AND query LIKE 'zebra%'`,
    );
    assert.equal(Number(rows[0]?.count), 2, 'two gaps counted: the budget of two, then no more');
  });
});
