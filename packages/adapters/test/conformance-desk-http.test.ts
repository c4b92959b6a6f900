/** The desk conformance kit on httpDesk against the REAL reference service (PGlite in memory, 127.0.0.1:0). */
import { after, describe, it } from 'node:test';
import type { TestApi } from '../src/conformance/index.ts';
import { startServer } from '@nectar/server';
import { httpDesk } from '../src/http/index.ts';
import { runDeskConformance } from '../src/conformance/index.ts';

const server = await startServer({ port: 0, memory: true, onInternalError: () => undefined });
after(() => server.close());

const agent = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${server.agentKey}` } });
  return (await res.json()) as T;
};

const api: TestApi = { describe, it };

await runDeskConformance(
  'http (reference service)',
  ({ fetch, timeoutMs }) => httpDesk({ endpoint: server.url, siteKey: 'demo', fetch, timeout: timeoutMs, retry: 0 }),
  {
    ticket: () => ({
      category: 'damaged',
      message: 'The teapot arrived cracked.',
      orderRef: '#1004',
      contact: { email: 'ada@example.com', name: 'Ada' },
    }),
    inspect: async (receipt) => {
      const t = await agent<{ category: string; orderRef?: string | null; attachments: unknown[] }>(
        `/v1/agent/tickets/${receipt.id}`,
      );
      return { category: t.category, orderRef: t.orderRef ?? null, attachments: t.attachments.length };
    },
    count: async () => (await agent<{ tickets: unknown[] }>('/v1/agent/tickets?limit=200')).tickets.length,
    expiredDesk: ({ fetch, timeoutMs }) =>
      httpDesk({ endpoint: server.url, siteKey: 'no-such-site', fetch, timeout: timeoutMs, retry: 0 }),
    secrets: [server.agentKey],
  },
  api,
);
