import type { NectarClient, Unsubscribe } from './types.ts';

interface Registry {
  client: NectarClient | undefined;
  listeners: Set<(client: NectarClient) => void>;
}

// Kept on globalThis so that two copies of the core on one page (CDN bundle + npm) share it.
const KEY = Symbol.for('@nectar/core:default-client');
const registry: Registry = ((globalThis as Record<symbol, unknown>)[KEY] as Registry | undefined) ?? {
  client: undefined,
  listeners: new Set(),
};
(globalThis as Record<symbol, unknown>)[KEY] = registry;

/** The client widgets use when none is set on them: the most recently created one. */
export function getDefaultClient(): NectarClient | undefined {
  return registry.client;
}

/**
 * Calls `callback` with the default client now (if there is one) and whenever another
 * client becomes the default. Returns the unsubscribe.
 */
export function onDefaultClient(callback: (client: NectarClient) => void): Unsubscribe {
  registry.listeners.add(callback);
  if (registry.client) callback(registry.client);
  return () => {
    registry.listeners.delete(callback);
  };
}

/** @internal */
export function setDefaultClient(client: NectarClient): void {
  registry.client = client;
  for (const cb of [...registry.listeners]) {
    try {
      cb(client);
    } catch (error) {
      console.error('[nectar] an onDefaultClient callback threw', error);
    }
  }
}

/** @internal Unsets the default if it is `client`. */
export function clearDefaultClient(client: NectarClient): void {
  if (registry.client === client) registry.client = undefined;
}
