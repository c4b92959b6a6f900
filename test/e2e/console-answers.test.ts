/**
 * The console's Answers view in Chromium on the real service: a search that found nothing is listed under
 * "Write this next"; its button opens a new article titled with it; an XSS corpus typed as Markdown shows in
 * the preview (the service's sanitized HTML) with nothing run — no alert, no CSP violation, no handler, no
 * script; published, shoppers find it; an admin deletes it after confirming. axe on the list and the editor.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '@nectar/server';
import { ADMIN, axe, newConsolePage, signIn, startConsole, stopConsole } from '../support/console.ts';

let server: RunningServer;
let browser: Browser;

before(async () => {
  ({ server, browser } = await startConsole());
});
after(() => stopConsole(server, browser));

const search = async (q: string) =>
  (
    (await (
      await fetch(`${server.url}/v1/answers?${new URLSearchParams({ q })}`, { headers: { 'X-Nectar-Site': 'demo' } })
    ).json()) as { answers: { id: string; title: string; html?: string }[] }
  ).answers;

const XSS = [
  'Wipe with a **soft** cloth.',
  '<script>alert("script")</script>',
  '<img src=x onerror=alert("onerror")>',
  '[tap](javascript:alert("href"))',
  '<svg onload=alert("svg")></svg>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '<style>*{display:none}</style>',
].join('\n\n');

describe('console: answers', () => {
  it('writes the next article from a gap, previews Markdown inert, publishes and deletes it', async () => {
    assert.deepEqual(await search('narwhal tusk polish'), []);
    const { context, page, errors } = await newConsolePage(browser);
    await signIn(page, server.url, ADMIN);

    await page.getByRole('link', { name: 'Answers' }).click();
    await page.getByRole('heading', { name: 'Answers', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'How long does shipping take?' }).waitFor();
    assert.deepEqual(await axe(page), []);

    const gap = page.locator('nectar-console-answers ul.gaps li', { hasText: 'narwhal tusk polish' });
    assert.match(await gap.innerText(), /asked once/);
    await gap.getByRole('button').click();
    assert.equal(await page.getByLabel('Title').inputValue(), 'narwhal tusk polish');
    await page.getByLabel('Article (Markdown)').fill(XSS);
    const preview = page.locator('nectar-console-answers .preview');
    await preview.locator('strong', { hasText: 'soft' }).waitFor();
    // Whatever was typed is text or gone: no active element, no handler, no script URL in the preview's DOM.
    const inPreview = await preview.evaluate((el) =>
      [...el.querySelectorAll('*')].flatMap((e) => [
        e.localName,
        ...[...e.attributes].map((a) => `${e.localName}[${a.name}=${a.value}]`),
      ]),
    );
    assert.deepEqual(
      inPreview.filter((x) => /^(script|iframe|svg|style|img|object|embed)|\[on|javascript:|data:/i.test(x)),
      [],
    );
    assert.ok(inPreview.includes('a[rel=noopener noreferrer]') && inPreview.includes('a[target=_blank]'));
    assert.deepEqual(await axe(page), []);

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Saved and published.').waitFor();
    const [found] = await search('narwhal tusk polish');
    assert.equal(found?.title, 'narwhal tusk polish');
    assert.match(found!.html!, /<strong>soft<\/strong>/);

    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “narwhal tusk polish”?' });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Article deleted.').waitFor();
    assert.deepEqual(await search('narwhal tusk polish'), []);
    assert.deepEqual(errors, [], 'nothing ran: no alert, no CSP violation, no page error');
    await context.close();
  });
});
