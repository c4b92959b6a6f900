import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getDefaultClient, onDefaultClient } from '@nectar/core';
import type { NectarClient, Unsubscribe } from '@nectar/core';

export type ClientHost = ReactiveControllerHost & HTMLElement & { client?: NectarClient | undefined };

/**
 * Finds the client a widget talks to: `element.client` when set, else the default client
 * (the last one created, or the CDN loader's). Follows changes of either, and re-runs
 * `subscribe` for each new client so the widget listens to the right one.
 */
export class ClientController implements ReactiveController {
  /** The client in use, or `undefined` until one exists. */
  value: NectarClient | undefined;
  private subscriptions: Unsubscribe[] = [];
  private stopDefault: Unsubscribe | undefined;
  private attachedTo: NectarClient | undefined;

  private readonly host: ClientHost;
  private readonly subscribe: (client: NectarClient) => Unsubscribe[];

  constructor(host: ClientHost, subscribe: (client: NectarClient) => Unsubscribe[] = () => []) {
    this.host = host;
    this.subscribe = subscribe;
    host.addController(this);
  }

  hostConnected(): void {
    this.stopDefault = onDefaultClient(() => this.sync());
    this.sync();
  }

  hostDisconnected(): void {
    this.stopDefault?.();
    this.stopDefault = undefined;
    this.detach();
  }

  hostUpdate(): void {
    this.sync();
  }

  private sync(): void {
    const next = this.host.client ?? getDefaultClient();
    if (next === this.attachedTo) return;
    this.detach();
    this.value = next;
    this.attachedTo = next;
    if (next) this.subscriptions = this.subscribe(next);
    this.host.requestUpdate();
  }

  private detach(): void {
    for (const stop of this.subscriptions) stop();
    this.subscriptions = [];
    this.attachedTo = undefined;
  }
}
