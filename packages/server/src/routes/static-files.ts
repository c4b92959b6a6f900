import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Serves one file of `root` for the URL path `rest` (already stripped of its mount prefix), or
 * returns null. Rejects traversal: the decoded path must stay inside `root`; dotfiles are hidden;
 * only the file types above are served (never a `.ts` source or anything else lying next to them).
 */
export async function serveFile(
  root: string,
  rest: string,
  headers: Record<string, string> = {},
): Promise<Response | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split(/[/\\]/).some((part) => part.startsWith('.'))) return null;
  const base = resolve(root);
  let file = resolve(base, `.${sep}${decoded}`);
  if (file !== base && !file.startsWith(base + sep)) return null;
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = resolve(file, 'index.html');
      info = await stat(file);
    }
    const type = TYPES[extname(file).toLowerCase()];
    if (!info.isFile() || !type) return null;
    const body = await readFile(file);
    return new Response(body, {
      headers: {
        'Content-Type': type,
        'Content-Length': String(body.byteLength),
        'Cache-Control': 'no-cache',
        ...headers,
      },
    });
  } catch {
    return null;
  }
}
