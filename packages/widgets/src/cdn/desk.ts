/**
 * The CDN client's desk: `httpDesk` (the reference service's adapter), imported on the first call that
 * needs the service. The adapter checks every answer of the service with the contract's schemas, so
 * importing it at once would load zod (and the HTTP code) on every page; a launcher page that calls
 * nothing loads neither. A failed import (offline) rejects as a `NetworkError`, which the outbox treats
 * as any other network failure: the write waits and goes out later; the next call imports again.
 */
import type { DeskAdapter, DeskIdentity } from '@nectar/core';
import { NetworkError } from '@nectar/core/errors';
import type { HttpDeskOptions } from '@nectar/adapters/http';

/** `httpDesk`'s capabilities, known before it is loaded (cdn/desk.test.ts checks they are the same). */
export const HTTP_CAPABILITIES = {
  attachments: true,
  ticketStatus: true,
  messages: true,
  feedback: true,
  verifiedContact: true,
} as const;

export function lazyHttpDesk(options: HttpDeskOptions): DeskAdapter {
  if (!options?.endpoint || !options.siteKey) throw new TypeError('httpDesk needs `endpoint` and `siteKey`');
  let identity: DeskIdentity | undefined;
  let desk: Promise<DeskAdapter> | undefined;
  let loaded: DeskAdapter | undefined;
  const load = (): Promise<DeskAdapter> =>
    (desk ??= import('@nectar/adapters/http').then(
      (m) => {
        loaded = m.httpDesk(options);
        loaded.identify?.(identity);
        return loaded;
      },
      (cause: unknown) => {
        desk = undefined;
        throw new NetworkError('Could not load the Nectar service adapter (offline?)', { cause });
      },
    ));
  type Method = Exclude<keyof DeskAdapter, 'name' | 'capabilities' | 'identify'>;
  const call =
    <K extends Method>(method: K) =>
    async (
      ...args: Parameters<NonNullable<DeskAdapter[K]>>
    ): Promise<Awaited<ReturnType<NonNullable<DeskAdapter[K]>>>> => {
      const d = await load();
      return (d[method] as (...a: typeof args) => Promise<Awaited<ReturnType<NonNullable<DeskAdapter[K]>>>>)(...args);
    };
  return {
    name: 'http',
    capabilities: HTTP_CAPABILITIES,
    identify(user) {
      identity = user;
      loaded?.identify?.(user);
    },
    createTicket: call('createTicket'),
    uploadAttachment: call('uploadAttachment'),
    getTicket: call('getTicket'),
    addMessage: call('addMessage'),
    sendFeedback: call('sendFeedback'),
    listTickets: call('listTickets'),
    searchAnswers: call('searchAnswers'),
    sendEvents: call('sendEvents'),
    // Without the adapter (and zod), imported with the nudge engine: see nudge-rules.ts.
    getNudges: async (o) => (await import('./nudge-rules.ts')).fetchRules(options, o),
  };
}
