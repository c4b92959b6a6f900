/**
 * The CDN loader (`nectar.js`): the only script a page loads up front, so it stays tiny and has no
 * static imports.
 *
 * ```html
 * <script type="module" src="/nectar/nectar.js" data-endpoint="https://help.example" data-site-key="pk_demo"></script>
 * ```
 *
 * At once it installs `window.nectar` as a queueing stub: every call on any path
 * (`nectar.open()`, `nectar.tickets.submit(draft)`, `nectar.flush()`…) is recorded and returns the
 * promise the real client will settle; `nectar.on(name, fn)` returns an unsubscribe function at
 * once. The client chunk is imported on idle, on the first interaction, on the first call, or at
 * once when a `nectar-*` element is in the page; it builds the client from the `data-*`
 * attributes, replays the queue in order and replaces `window.nectar` with the real client
 * (then `nectar-ready` is dispatched on `window`). Each tag's chunk is imported when that tag
 * appears in the document.
 */
import type { LoaderConfig, QueuedCall } from './queue.ts';

/** A query per chunk that failed to load once (a fresh URL for the next try). */
const retries: Record<string, string> = {};

/**
 * Imports one of the bundle's chunks (`./name-hash.js`, relative to this module). A browser remembers
 * a module URL that failed to load for the life of the page (Chromium does), so a plain `import()`
 * again would fail without trying: after a failure the chunk is asked for under a fresh query. The CDN
 * build renders the loader's own `import('./…')` expressions as calls of this (rollup.config.js,
 * `renderDynamicImport`); static imports resolve to the same URLs either way, so shared chunks stay shared.
 */
export const importChunk = (specifier: string): Promise<unknown> =>
  import(specifier + (retries[specifier] ?? '')).catch((error: unknown) => {
    retries[specifier] = `?retry=${Date.now()}`;
    throw error;
  });

/** Tag → its chunk. Add a line here for each new widget. */
const TAGS: Record<string, () => Promise<unknown>> = {
  'nectar-ticket-form': () => import('../ticket-form/ticket-form.ts'),
  'nectar-ticket-status': () => import('../ticket-status/ticket-status.ts'),
  'nectar-nps': () => import('../nps/nps.ts'),
  'nectar-csat': () => import('../csat/csat.ts'),
  'nectar-launcher': () => import('../launcher/launcher.ts'),
  'nectar-panel': () => import('../panel/panel.ts'),
  'nectar-answers': () => import('../answers/answers.ts'),
  'nectar-ticket-list': () => import('../ticket-list/ticket-list.ts'),
  'nectar-nudge': () => import('../nudge/nudge.ts'),
};

/**
 * Locale → its catalog chunk (core + widget strings). Fetched together with the client chunk, so the
 * widgets find their strings when they first render instead of one round trip later. Only a head
 * start: the client loads the catalog it needs anyway (`resolveLocale`), so a miss here costs time only.
 */
const CATALOGS: Record<string, () => Promise<unknown>> = {
  'zh-CN': () => import('../i18n/zh-CN.ts'),
  'zh-TW': () => import('../i18n/zh-TW.ts'),
};

const LOADED = Symbol.for('nectar.loader');
type LoaderWindow = Window & { [LOADED]?: true; nectar?: unknown };
const w = window as LoaderWindow;

// Loading the script twice (two tags, or two URLs for the same file) must not break the page.
if (!w[LOADED]) {
  w[LOADED] = true;
  boot();
}

function boot(): void {
  const self = new URL(import.meta.url);
  const script = [...document.querySelectorAll<HTMLScriptElement>('script[src]')].find((s) => s.src === self.href);
  const data = script?.dataset ?? {};
  const config: LoaderConfig = {
    endpoint: data.endpoint || self.origin,
    siteKey: data.siteKey ?? '',
    locale: data.locale,
  };
  // `data-text-size="large"`: large text for every widget in the page (they inherit it; internal/styles.ts).
  if (data.textSize == 'large') document.documentElement.style.setProperty('--nectar-large-text', 'max(20px,1.25rem)');

  // The same matching as the core's `resolveLocale`: zh-TW, zh-HK, zh-MO, zh-Hant → zh-TW; other zh → zh-CN.
  const lang = (config.locale || navigator.language || '').toLowerCase().replace(/_/g, '-');
  const catalog = /^zh(-|$)/.test(lang) ? CATALOGS[/-(tw|hk|mo|hant)(-|$)/.test(lang) ? 'zh-TW' : 'zh-CN'] : undefined;

  const queue: QueuedCall[] = [];
  let real: Record<string, unknown> | undefined;
  let clientPromise: Promise<void> | undefined;

  // A failed import (flaky network) is not final: the promise is cleared, so the next call, tag or
  // interaction tries again; only the calls queued until then are rejected.
  const loadClient = (): Promise<void> =>
    (clientPromise ??= (catalog?.().catch(() => undefined), import('./client.ts'))
      .then((m) => {
        real = m.start(config, queue) as unknown as Record<string, unknown>;
      })
      .catch((error: unknown) => {
        clientPromise = undefined;
        for (const c of queue.splice(0)) c.reject(error);
        console.error('[nectar] could not start', error);
      }));

  /** Calls on a path of the real client (used once it is there, e.g. by a kept reference to the stub). */
  const callReal = (path: string[], args: unknown[]): unknown => {
    let target: unknown = real;
    for (const key of path.slice(0, -1)) target = (target as Record<string, unknown>)[key];
    const fn = (target as Record<string, unknown>)[path[path.length - 1]!];
    if (typeof fn !== 'function') throw new TypeError(`nectar.${path.join('.')} is not a function`);
    return fn.apply(target, args);
  };

  const stub = (path: string[]): unknown =>
    new Proxy(function () {}, {
      get(_t, key) {
        // `await nectar` / `Promise.resolve(nectar)` must not be mistaken for a call.
        if (typeof key !== 'string' || key === 'then') return undefined;
        return stub([...path, key]);
      },
      apply(_t, _this, args: unknown[]) {
        const isOn = path.length === 1 && path[0] === 'on';
        if (real) {
          const result = callReal(path, args);
          return isOn ? result : Promise.resolve(result);
        }
        let call!: QueuedCall;
        const promise = new Promise((resolve, reject) => {
          call = { path, args, resolve, reject };
        });
        queue.push(call);
        void loadClient();
        if (!isOn) return promise;
        // `on` returns its unsubscribe function synchronously, before the client exists.
        promise.catch(() => {});
        return () => {
          if (call.unsubscribe) call.unsubscribe();
          else call.cancelled = true;
        };
      },
    });

  w.nectar = stub([]);

  // Tags: import each tag's chunk once that tag is in the document (and the client with it).
  const pending = new Set(Object.keys(TAGS));
  const scan = (): void => {
    for (const tag of pending) {
      if (document.getElementsByTagName(tag).length) {
        pending.delete(tag);
        void loadClient();
        TAGS[tag]!().catch((error: unknown) => {
          // Tried again when the next element appears or changes in the page.
          if (!pending.size) observer.observe(document.documentElement, { childList: true, subtree: true });
          pending.add(tag);
          console.error(`[nectar] could not load <${tag}>`, error);
        });
      }
    }
    if (!pending.size) observer.disconnect();
  };
  const observer = new MutationObserver(scan);
  observer.observe(document.documentElement, { childList: true, subtree: true });
  // Elements the parser adds later are mutations of the document too: the observer sees them.
  scan();

  // Otherwise: on idle (with a timeout fallback), or on the first interaction, whichever comes first.
  const idle = (): void => void loadClient();
  if ('requestIdleCallback' in window) requestIdleCallback(idle, { timeout: 3000 });
  else setTimeout(idle, 1500);
  // (`pointerdown` covers touch too.)
  for (const type of ['pointerdown', 'keydown', 'focusin']) {
    addEventListener(type, idle, { once: true, passive: true, capture: true });
  }
}
