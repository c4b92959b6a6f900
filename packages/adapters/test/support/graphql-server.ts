/** A GraphQL endpoint for contract tests: dispatches on the operation name, as the vendor's server would answer. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, startServer, type TestServer } from './server.ts';

export type Operation = (
  variables: Record<string, unknown>,
  req: IncomingMessage,
  res: ServerResponse,
) => unknown | Promise<unknown>;

/** Opaque cursors as vendors make them (base64 of an offset). */
export const cursorOf = (offset: number) => Buffer.from(`cursor:${offset}`).toString('base64');
export const offsetOf = (cursor: unknown) =>
  typeof cursor === 'string' ? Number(Buffer.from(cursor, 'base64').toString().replace('cursor:', '')) || 0 : 0;

export function paginate<T>(items: T[], first: number, after: unknown) {
  const start = after ? offsetOf(after) : 0;
  const slice = items.slice(start, start + first);
  return {
    slice,
    pageInfo: {
      hasNextPage: start + first < items.length,
      endCursor: slice.length ? cursorOf(start + slice.length) : null,
    },
    edges: slice.map((node, i) => ({ cursor: cursorOf(start + i + 1), node })),
  };
}

/**
 * `authorize(req)` returns false → HTTP answer of `unauthorized(res)`; an operation returns the `data`
 * object, or writes the response itself (then returns undefined after `res.end`).
 */
export async function startGraphQLServer(
  path: string,
  operations: Record<string, Operation>,
  authorize: (req: IncomingMessage, res: ServerResponse) => boolean,
): Promise<TestServer & { url: string; endpoint: string; calls: string[] }> {
  const calls: string[] = [];
  const server = await startServer(async (req, body, res) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== path || req.method !== 'POST')
      return sendJson(res, 404, { errors: [{ message: 'Not Found' }] });
    if (!authorize(req, res)) return;
    let parsed: { query?: string; variables?: Record<string, unknown> };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      return sendJson(res, 400, { errors: [{ message: 'Invalid JSON' }] });
    }
    const name = /(?:query|mutation)\s+(\w+)/.exec(parsed.query ?? '')?.[1] ?? '';
    calls.push(name);
    const op = operations[name];
    if (!op) return sendJson(res, 200, { errors: [{ message: `Unknown operation ${name}` }] });
    const data = await op(parsed.variables ?? {}, req, res);
    if (!res.writableEnded) sendJson(res, 200, { data });
  });
  return { ...server, endpoint: `${server.url}${path}`, calls };
}
