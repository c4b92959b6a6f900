/** How the proxy answers: JSON, never cached, and one error shape (`{ error: { code, message } }`). */

/** A refusal the proxy answers with its status, code and headers (never a vendor's body or a secret). */
export class ProxyError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** A JSON answer that no cache keeps. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });

/** The answer to any failure: a `ProxyError` as itself, anything else as a 500 that says nothing more. */
export function errorResponse(e: unknown): Response {
  if (e instanceof ProxyError) return json(e.status, { error: { code: e.code, message: e.message } }, e.headers);
  return json(500, { error: { code: 'internal', message: 'Something went wrong in the proxy.' } });
}
