/**
 * Test helpers for large text (`text-size="large"`): the promises checked on what a widget shows now — base and
 * body text ≥ 20 px, targets ≥ 48 px, nothing scrolling sideways.
 */
import { expect } from '@open-wc/testing';

/** Every element in `host`'s shadow tree and the shadow trees of the widgets inside it. */
function deep(host: Element): Element[] {
  const out: Element[] = [];
  const walk = (root: ParentNode) => {
    for (const el of root.querySelectorAll('*')) {
      out.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(host.shadowRoot!);
  return out;
}

const shown = (el: Element) => {
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
};
export const px = (el: Element, prop: 'fontSize') => parseFloat(getComputedStyle(el)[prop]);

/** The large-text promises, checked on what `host` shows now. */
export function expectLarge(host: Element, scrollers: Element[] = []): void {
  const all = deep(host).filter(shown);
  const bases = all.filter((el) => el.matches('[part~="base"]'));
  expect(bases.length, 'a widget surface').to.be.greaterThan(0);
  for (const el of bases) expect(px(el, 'fontSize'), `${el.localName} base text`).to.be.at.least(20);
  // Body text: paragraphs, labels, fields and buttons (the visually hidden text excepted).
  const body = all.filter(
    (el) =>
      el.matches('p, label, input[type="text"], input[type="email"], input[type="search"], textarea, button') &&
      !el.closest('.visually-hidden'),
  );
  expect(body.length, `${host.localName} body text`).to.be.greaterThan(0);
  for (const el of body) expect(px(el, 'fontSize'), `<${el.localName}> "${el.textContent?.trim()}"`).to.be.at.least(20);
  // Targets: every button and text field (a file input is a button of the browser's).
  for (const el of all.filter((e) => e.matches('button, input:not([type="radio"]):not([type="checkbox"]), select'))) {
    expect(el.getBoundingClientRect().height, `<${el.localName}> "${el.textContent?.trim()}" height`).to.be.at.least(
      47.5,
    );
  }
  for (const el of [document.documentElement, ...scrollers, ...bases]) {
    expect(el.scrollWidth, `${el.localName} scrolls sideways`).to.be.at.most(el.clientWidth + 1);
  }
}
