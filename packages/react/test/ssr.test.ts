// Server rendering (Next.js app router, Remix, any react-dom/server): importing a component in Node and
// rendering it must not throw, and must give the custom element's tag so that the browser upgrades it.
//   node --conditions=@nectar/source --import tsx --test packages/react/test/ssr.test.ts
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createElement, type ComponentType } from 'react';
import { renderToString } from 'react-dom/server';

const WRAPPERS: { module: string; name: string; tag: string; props: Record<string, unknown> }[] = [
  { module: 'launcher', name: 'NectarLauncher', tag: 'nectar-launcher', props: { placement: 'bottom-start' } },
  { module: 'panel', name: 'NectarPanel', tag: 'nectar-panel', props: { view: 'contact' } },
  { module: 'answers', name: 'NectarAnswers', tag: 'nectar-answers', props: { query: 'refund' } },
  { module: 'ticket-form', name: 'NectarTicketForm', tag: 'nectar-ticket-form', props: { category: 'damaged' } },
  { module: 'ticket-list', name: 'NectarTicketList', tag: 'nectar-ticket-list', props: {} },
  { module: 'ticket-status', name: 'NectarTicketStatus', tag: 'nectar-ticket-status', props: { ticketId: 't_1' } },
  { module: 'nps', name: 'NectarNps', tag: 'nectar-nps', props: { surveyId: 'post-purchase' } },
  { module: 'csat', name: 'NectarCsat', tag: 'nectar-csat', props: { ticketId: 't_1' } },
  { module: 'nudge', name: 'NectarNudge', tag: 'nectar-nudge', props: { theme: 'dark' } },
];

/** Renders the component as a server does, with the handlers a page would pass (never called there). */
function serverRender(Component: ComponentType<Record<string, unknown>>, props: Record<string, unknown>): string {
  const errors: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void errors.push(args);
  try {
    const html = renderToString(
      createElement(Component, { ...props, className: 'help', onNectarError: () => undefined }, 'fallback'),
    );
    assert.deepEqual(errors, [], 'React reported no error while rendering');
    return html;
  } finally {
    console.error = original;
  }
}

describe('@nectar/react on a server', () => {
  for (const { module, name, tag, props } of WRAPPERS) {
    it(`imports @nectar/react/${module} and renders <${tag}>`, async () => {
      const mod = (await import(`@nectar/react/${module}`)) as Record<string, ComponentType<Record<string, unknown>>>;
      const Component = mod[name];
      assert.ok(Component, `${name} is exported`);
      const html = serverRender(Component, props);
      assert.match(html, new RegExp(`^<${tag}[ >]`), html);
      assert.match(html, new RegExp(`</${tag}>$`), html);
      assert.match(html, /class="help"/, 'React attributes are rendered');
      assert.match(html, />fallback</, 'children are rendered (light DOM)');
      assert.doesNotMatch(html, /onNectar/i, 'handlers are not rendered as attributes');
    });
  }

  it('imports @nectar/react (the index) and renders every component', async () => {
    const index = (await import('@nectar/react')) as Record<string, unknown>;
    for (const { name, tag, props } of WRAPPERS) {
      const html = serverRender(index[name] as ComponentType<Record<string, unknown>>, props);
      assert.match(html, new RegExp(`^<${tag}[ >]`), html);
    }
  });

  it("starts every component module with 'use client' (Next.js app router)", async () => {
    for (const { module } of WRAPPERS) {
      const source = await readFile(new URL(`../src/${module}.ts`, import.meta.url), 'utf8');
      assert.ok(source.startsWith("'use client';\n"), `src/${module}.ts starts with 'use client'`);
    }
  });
});
