/**
 * The client chunk of the CDN bundle, imported lazily by the loader (`nectar.js`). It builds the
 * default client from the loader's `data-*` attributes, replays the calls queued on the
 * `window.nectar` stub in order, installs the real client as `window.nectar` (the same object
 * `createNectar` returns) and dispatches `nectar-ready` on `window`. Its desk is `httpDesk`, imported on
 * the first call that needs the service (`desk.ts`).
 */
import { createNectar } from '@nectar/core';
import type { NectarClient } from '@nectar/core';
import { lazyHttpDesk } from './desk.ts';
import type { LoaderConfig, QueuedCall } from './queue.ts';

/** Fired on `window` once `window.nectar` is the real client. */
export class NectarReadyEvent extends Event {
  readonly detail: { client: NectarClient };
  constructor(detail: { client: NectarClient }) {
    super('nectar-ready');
    this.detail = detail;
  }
}

declare global {
  interface WindowEventMap {
    'nectar-ready': NectarReadyEvent;
  }
}

export function start(config: LoaderConfig, queue: QueuedCall[]): NectarClient {
  const client = createNectar({
    desk: lazyHttpDesk({ endpoint: config.endpoint, siteKey: config.siteKey }),
    ...(config.locale ? { locale: config.locale } : {}),
  });
  // Calls queued while replaying (a handler calling the stub) are appended, so they run too, in order.
  for (let call = queue.shift(); call; call = queue.shift()) replay(client, call);
  (window as Window & { nectar?: NectarClient }).nectar = client;
  // A nudge to show on a page without a <nectar-nudge>: one is added (the loader then imports its chunk, and
  // the widget renders the nudge on screen).
  client.on('nudge-show', () => {
    if (!document.querySelector('nectar-nudge')) document.body.append(document.createElement('nectar-nudge'));
  });
  // After the loader has taken the client too, so a handler may call a kept reference to the stub.
  queueMicrotask(() => dispatchEvent(new NectarReadyEvent({ client })));
  return client;
}

function replay(client: NectarClient, call: QueuedCall): void {
  if (call.cancelled) return call.resolve(undefined);
  try {
    let target: unknown = client;
    for (const key of call.path.slice(0, -1)) target = (target as Record<string, unknown>)[key];
    const fn = (target as Record<string, unknown> | undefined)?.[call.path[call.path.length - 1]!];
    if (typeof fn !== 'function') throw new TypeError(`nectar.${call.path.join('.')} is not a function`);
    const result: unknown = fn.apply(target, call.args);
    if (call.path.length === 1 && call.path[0] === 'on' && typeof result === 'function') {
      call.unsubscribe = result as () => void;
    }
    call.resolve(result);
  } catch (error) {
    call.reject(error);
  }
}
