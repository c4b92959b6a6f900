/** Defines a tag once: the console's module may be evaluated twice (a stale tab and a new build). */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
