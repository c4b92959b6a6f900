/** The proxy's CORS: the page's own origin and the configured ones; calls without `Origin` (server to server) pass. */
import {
  ACCESS_TOKEN_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  RETRY_AFTER_HEADER,
  USER_HASH_HEADER,
  USER_HEADER,
} from '@nectar/core/protocol';

const ALLOW_HEADERS = `Content-Type, Authorization, ${IDEMPOTENCY_KEY_HEADER}, ${USER_HEADER}, ${USER_HASH_HEADER}`;
const EXPOSE_HEADERS = `${RETRY_AFTER_HEADER}, X-WP-Total, X-WP-TotalPages, ${ACCESS_TOKEN_HEADER}`;

/** Headers for an allowed caller (none without `Origin`), or null for an origin that is not allowed. */
export function corsHeaders(request: Request, allowedOrigins: readonly string[]): Record<string, string> | null {
  const origin = request.headers.get('Origin');
  if (!origin) return {};
  if (origin === new URL(request.url).origin || allowedOrigins.includes(origin))
    return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSE_HEADERS, Vary: 'Origin' };
  return null;
}

/** The answer to a preflight of a route that takes `methods`. */
export function preflight(cors: Record<string, string>, methods: readonly string[]): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...cors,
      'Access-Control-Allow-Methods': [...new Set(methods), 'OPTIONS'].join(', '),
      'Access-Control-Allow-Headers': ALLOW_HEADERS,
      'Access-Control-Max-Age': '600',
    },
  });
}
