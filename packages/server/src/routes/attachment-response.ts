import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from 'hono';

/** A stored photo's bytes, served inert: its checked type, sandboxed, cached only by the browser. */
export async function attachmentResponse(
  c: Context,
  dir: string,
  attachment: { id: string; content_type: string },
): Promise<Response> {
  const bytes = await readFile(join(dir, attachment.id));
  return c.body(bytes, 200, {
    'Content-Type': attachment.content_type,
    'Content-Length': String(bytes.byteLength),
    'Content-Disposition': 'inline',
    'Cache-Control': 'private, max-age=3600',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
}
