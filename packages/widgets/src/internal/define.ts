/**
 * Registers a custom element once. An embeddable SDK can be loaded twice on a page
 * (CDN bundle plus an npm import); the second registration is skipped, with a warning
 * in development builds only. Where there is no `customElements` (server rendering), it does nothing.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  // No registry (a server rendering without Lit's DOM shim): there is nothing to upgrade.
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, ctor);
    return;
  }
  if (existing !== ctor && isDev()) {
    console.warn(`[nectar] <${tag}> is already defined by another copy of Nectar; keeping the first one.`);
  }
}

function isDev(): boolean {
  // Replaced by bundlers in production builds; `process` does not exist in browsers otherwise.
  const env = (globalThis as { process?: { env?: { NODE_ENV?: string } } }).process?.env?.NODE_ENV;
  return env !== 'production';
}
