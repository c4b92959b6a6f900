// The journeys of ARCHITECTURE.md's budgets, each on a page of its own that holds only what the journey needs
// (the loader's script tag and at most one tag), driven in headless Chromium (playwright-core). A journey
// records every JavaScript file the page requested from `/nectar/` from navigation until its end state is
// reached and the network has been quiet for SETTLE_MS (so what the journey's own step starts — a panel's view
// chunk, a prefetch — counts too).
//
// `holdClient`: the loader asks for the client chunk (and the locale's catalog) in parallel with a tag's chunk,
// on idle at the latest; a page shows the loader or the launcher without them. Those journeys hold the client's
// requests unanswered until they end — which shows the end state does not depend on them — and count only what
// was needed; what was held is reported beside them (it is the "launcher page once idle" journey's share).
/* global window, document -- the functions given to page.waitForFunction run in the page */
import { KB } from './build.mjs';

export const SETTLE_MS = 300;
const STEP_TIMEOUT_MS = 15_000;
/** What the added locale may cost over the English journey. */
export const LOCALE_ALLOWANCE = 4.5 * KB;
export const LOCALES = ['en', 'zh-CN'];

const launcherVisible = (page) => page.locator('nectar-launcher [part="button"]').waitFor({ state: 'visible' });
const panelAnswers = async (page) => {
  await launcherVisible(page);
  await page.locator('nectar-launcher [part="button"]').click();
  await page.locator('nectar-panel [part="dialog"]').waitFor({ state: 'visible' });
  await page.locator('nectar-panel nectar-answers [part="search"]').waitFor({ state: 'visible' });
};

/**
 * The journeys, in ARCHITECTURE.md's order. `body`: the page's content besides the loader; `run(page)`:
 * reaches the end state (throws if it cannot); `bundleHas(entry)`: whether the journey can exist in this
 * build (else it is printed as `na`); `tentative`: its page is a guess ahead of the feature, so failing to
 * reach the end state is reported, not fatal.
 */
export const JOURNEYS = [
  {
    id: 'loader',
    label: 'CDN loader (nectar.js)',
    budget: 2 * KB,
    body: '',
    holdClient: true,
    run: (page) => page.waitForFunction(() => typeof window.nectar === 'function', null, { timeout: STEP_TIMEOUT_MS }),
  },
  {
    id: 'launcher-visible',
    label: 'launcher visible',
    budget: 5 * KB,
    body: '<nectar-launcher></nectar-launcher>',
    holdClient: true,
    run: launcherVisible,
  },
  {
    id: 'launcher-idle',
    label: 'launcher page once idle',
    budget: 22 * KB,
    body: '<nectar-launcher></nectar-launcher>',
    run: async (page) => {
      await launcherVisible(page);
      await page.waitForFunction(() => window.__nectarReady === true, null, { timeout: STEP_TIMEOUT_MS });
    },
  },
  {
    id: 'panel',
    label: 'launcher → panel (answers)',
    budget: 34 * KB,
    body: '<nectar-launcher></nectar-launcher>',
    run: panelAnswers,
  },
  {
    id: 'contact',
    label: 'launcher → contact form',
    budget: 36 * KB,
    body: '<nectar-launcher></nectar-launcher>',
    run: async (page) => {
      await panelAnswers(page);
      // "Talk to a person", in the panel's footer (the answers view has a "Contact us" of its own).
      await page.locator('nectar-panel footer [part="contact-button"]').click();
      await page.locator('nectar-panel nectar-ticket-form [part="form"]').waitFor({ state: 'visible' });
    },
  },
  {
    id: 'form',
    label: 'only <nectar-ticket-form>',
    budget: 32 * KB,
    body: '<nectar-ticket-form></nectar-ticket-form>',
    run: (page) => page.locator('nectar-ticket-form [part="form"]').waitFor({ state: 'visible' }),
  },
  {
    id: 'nps',
    label: 'only <nectar-nps>',
    budget: 28 * KB,
    // `force`: shown whatever the recontact rules say (a fresh profile would be asked anyway).
    body: '<nectar-nps force></nectar-nps>',
    run: (page) => page.locator('nectar-nps [part="scale"]').waitFor({ state: 'visible' }),
  },
  {
    id: 'nudge',
    label: 'nudge rule, nudge shown',
    budget: 30 * KB,
    // The stub answers GET /v1/nudges with NUDGE_RULE for this page; the rule waits for behavioural consent.
    body: `<script type="module">window.nectar.setConsent({ behavior: true });</script>`,
    run: async (page) => {
      await page.waitForFunction(
        () => {
          const el = document.querySelector('nectar-nudge');
          const first = el?.shadowRoot?.querySelector('[part]');
          return Boolean(first && first.getBoundingClientRect().height > 0);
        },
        null,
        { timeout: STEP_TIMEOUT_MS },
      );
    },
  },
];

/** The site rule the stub serves to the nudge journey's page (ARCHITECTURE.md's rule format). */
export const NUDGE_RULE = {
  id: 'size-nudge',
  trigger: { kind: 'page_view', url: { match: 'prefix', value: '/' } },
  content: {
    en: {
      title: 'Need a hand?',
      body: 'We reply within hours.',
      actions: [{ label: 'Contact us', do: 'open_contact' }],
    },
    'zh-CN': {
      title: '需要帮助吗？',
      body: '我们会在几小时内回复。',
      actions: [{ label: '联系我们', do: 'open_contact' }],
    },
  },
  presentation: { variant: 'toast' },
  frequency: { maxShows: 1 },
  purpose: 'service',
  holdout: 0,
};

export const pagePath = (journey, locale) => `/${journey.id}.${locale}.html`;

/** A journey's page: the loader's script tag (`data-locale` and `lang` for a locale other than English) and its body. */
export function pageHtml(journey, locale) {
  const lang = locale === 'en' ? 'en' : locale;
  const data = locale === 'en' ? '' : ` data-locale="${locale}"`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>Nectar size — ${journey.id} (${locale})</title>
<script>addEventListener('nectar-ready', () => { window.__nectarReady = true; });</script>
<script type="module" src="/nectar/nectar.js" data-site-key="demo"${data}></script>
</head>
<body>
<main><h1>A shop page</h1></main>
${journey.body}
</body>
</html>
`;
}

/**
 * Runs one journey in a fresh browser context. `heldFiles`: the files a `holdClient` journey holds.
 * Returns `{ files: [file], held: [file], pageErrors: [message] }` (files relative to the bundle folder).
 */
export async function runJourney(browser, origin, journey, locale, heldFiles) {
  const context = await browser.newContext({
    locale: locale === 'en' ? 'en-US' : locale,
    viewport: { width: 1280, height: 800 },
    serviceWorkers: 'block',
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  const requested = new Set();
  const held = new Set();
  const failed = [];
  const pageErrors = [];
  const heldRoutes = [];
  let inFlight = 0;
  let lastRequest = Date.now();
  const fileOf = (url) => {
    const u = new URL(url);
    return u.origin === origin && u.pathname.startsWith('/nectar/') && u.pathname.endsWith('.js')
      ? decodeURIComponent(u.pathname.slice('/nectar/'.length))
      : undefined;
  };
  const holding = new Set(journey.holdClient ? heldFiles : []);
  if (holding.size) {
    await page.route(
      (url) => holding.has(fileOf(url.href) ?? ''),
      (route) => {
        held.add(fileOf(route.request().url()));
        heldRoutes.push(route);
      },
    );
  }
  page.on('request', (request) => {
    const file = fileOf(request.url());
    if (!file || holding.has(file)) return;
    requested.add(file);
    inFlight++;
    lastRequest = Date.now();
  });
  const done = (ok) => (request) => {
    const file = fileOf(request.url());
    if (!file || holding.has(file)) return;
    inFlight--;
    if (!ok) failed.push(`${file}: ${request.failure()?.errorText ?? 'failed'}`);
  };
  page.on('requestfinished', done(true));
  page.on('requestfailed', done(false));
  page.on('response', (response) => {
    const file = fileOf(response.url());
    if (file && response.status() !== 200) failed.push(`${file}: HTTP ${response.status()}`);
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    await page.goto(`${origin}${pagePath(journey, locale)}`, { waitUntil: 'load' });
    await journey.run(page);
    // Quiet: nothing of ours in flight and nothing new asked for during SETTLE_MS.
    const deadline = Date.now() + 5_000;
    while ((inFlight > 0 || Date.now() - lastRequest < SETTLE_MS) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (failed.length) throw new Error(`JavaScript requests failed: ${failed.join('; ')}`);
    return { files: [...requested], held: [...held], pageErrors };
  } catch (error) {
    const detail = pageErrors.length ? ` (page errors: ${pageErrors.join(' | ')})` : '';
    throw new Error(
      `${journey.id} (${locale}): ${error instanceof Error ? error.message.split('\n')[0] : error}${detail}`,
    );
  } finally {
    await Promise.all(heldRoutes.map((route) => route.abort().catch(() => undefined)));
    await context.close();
  }
}

/** Runs `tasks` (functions returning promises) with at most `limit` at once; results in order. */
export async function pool(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
