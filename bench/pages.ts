/**
 * The pages of the main-thread bench (bench/main-thread.ts), served by the reference service at /demo/
 * (with its strict CSP, as a shop with one would have it): a small storefront page, and the same page
 * with Nectar's script tag and `<nectar-launcher>` — nothing else differs.
 */

const PRODUCTS = ['Acacia honey', 'Heather honey', 'Beeswax candle', 'Honey dipper', 'Comb honey', 'Gift box'];

function shop(head: string, end: string): string {
  const cards = PRODUCTS.map(
    (name, i) => `<li class="card">
        <div class="swatch s${i % 3}" aria-hidden="true"></div>
        <h2>${name}</h2>
        <p>Small-batch, from hives on the edge of the forest. Ships in two days.</p>
        <p class="price">€${(8 + i * 3).toFixed(2)}</p>
        <button type="button">Add to cart</button>
      </li>`,
  ).join('\n      ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Hive &amp; Leaf</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="shop.css" />${head}
  </head>
  <body>
    <header><a class="brand" href="./">Hive &amp; Leaf</a><nav aria-label="Shop"><a href="#">Honey</a> <a href="#">Wax</a> <a href="#">Gifts</a></nav></header>
    <main>
      <h1>This week’s honey</h1>
      <ul class="grid">
      ${cards}
      </ul>
    </main>
    <footer><p>Hive &amp; Leaf · Returns within 30 days</p></footer>${end}
  </body>
</html>
`;
}

export const BARE_PAGE = shop('', '');
export const NECTAR_PAGE = shop(
  '\n    <script type="module" src="/nectar/nectar.js" data-site-key="demo"></script>',
  '\n    <nectar-launcher></nectar-launcher>',
);

export const SHOP_CSS = `body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #222; }
header, footer { display: flex; gap: 2rem; align-items: center; padding: 1rem 2rem; background: #fbf4e4; }
.brand { font-weight: 700; color: inherit; text-decoration: none; }
main { padding: 1rem 2rem; }
.grid { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 1rem; }
.card { border: 1px solid #e5dcc5; border-radius: 8px; padding: 1rem; }
.swatch { height: 80px; border-radius: 4px; }
.s0 { background: #f4c95d; } .s1 { background: #c98b2b; } .s2 { background: #8a5a1f; }
.price { font-weight: 700; }
`;

/** The `//# sourceURL` of the watcher: its script time is the bench's, neither the page's nor Nectar's. */
export const WATCH_URL = 'nectar-bench://watch.js';

/**
 * Injected into every bench page before its own scripts (`addInitScript`, both pages alike). It finds
 * what the bench waits for, once per frame, and marks the moment with `performance.mark('bench:…')`
 * (the marks land in the trace, on its clock); the bench awaits `__bench.first` and `__bench.wait(…)`
 * through CDP's Runtime.evaluate, so no Playwright selector engine runs in the page while it is measured.
 * Visible: `checkVisibility()` and a box; the Send button also enabled.
 */
export const WATCH_SCRIPT = `(() => {
  const find = (root, test) => {
    for (const el of root.querySelectorAll('*')) {
      if (test(el)) return el;
      if (el.shadowRoot) {
        const inner = find(el.shadowRoot, test);
        if (inner) return inner;
      }
    }
    return null;
  };
  const shown = (el) => !!el && el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && el.getBoundingClientRect().width > 0;
  const text = (el) => (el.textContent || '').trim();
  const targets = {
    loaded: () => (document.readyState === 'complete' ? document.body : null),
    visible: () => {
      const button = document.querySelector('nectar-launcher')?.shadowRoot?.querySelector('button');
      return shown(button) ? button : null;
    },
    contact: () => find(document, (el) => el.getAttribute('role') === 'tab' && text(el) === 'Contact us' && shown(el)),
    form: () => {
      const form = find(document, (el) => el.localName === 'nectar-ticket-form');
      const send = form?.shadowRoot && find(form.shadowRoot, (el) => el.localName === 'button' && text(el) === 'Send');
      return shown(send) && !send.disabled ? send : null;
    },
  };
  const wait = (name) =>
    new Promise((resolve) => {
      const tick = () => {
        const el = targets[name]();
        if (!el) return void requestAnimationFrame(tick);
        performance.mark('bench:' + name);
        const r = el.getBoundingClientRect();
        resolve({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
      };
      tick();
    });
  const frames = (n) =>
    new Promise((resolve) => {
      const tick = () => (n-- > 0 ? requestAnimationFrame(tick) : (performance.mark('bench:form'), resolve(true)));
      tick();
    });
  const idle = () =>
    new Promise((resolve) =>
      requestIdleCallback(() => (performance.mark('bench:settled'), resolve(true)), { timeout: 1000 }),
    );
  const nectarPage = location.pathname.endsWith('/nectar.html');
  window.__bench = { first: wait(nectarPage ? 'visible' : 'loaded'), wait, frames, idle };
})();
//# sourceURL=${WATCH_URL}
`;
