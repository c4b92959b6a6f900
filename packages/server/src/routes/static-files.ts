import { createHash } from 'node:crypto';
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

/** How long a browser or CDN may keep a file. */
export type CachePolicy =
  /** Content-hashed names (`client-3nqrFMFH.js`): the bytes under a name never change. */
  | 'immutable'
  /** A stable name that changes with a release (`nectar.js`): a few minutes, then an ETag revalidation (304). */
  | 'short'
  /** Revalidate every time (the demo's pages): 304 when unchanged. */
  | 'revalidate';

const CACHE_CONTROL: Record<CachePolicy, string> = {
  immutable: 'public, max-age=31536000, immutable',
  short: 'public, max-age=300',
  revalidate: 'no-cache',
};

/** Rollup's `[name]-[hash].js` (and its source map): 8 characters of base64url before the extension. */
const HASHED = /-[A-Za-z0-9_-]{8}\.js(\.map)?$/;

/** `immutable` for a content-hashed name, else `fallback`. */
export const cachePolicyOf = (path: string, fallback: CachePolicy): CachePolicy =>
  HASHED.test(path) ? 'immutable' : fallback;

export interface ServeOptions {
  /** Extra headers (CSP, CORS). */
  headers?: Record<string, string>;
  cache?: CachePolicy;
  /** The request's `Accept-Encoding`: a pre-compressed `.br` / `.gz` copy next to the file is sent when accepted. */
  acceptEncoding?: string | undefined;
  /** The request's `If-None-Match`: 304 when it names this representation. */
  ifNoneMatch?: string | undefined;
}

/** Which of the pre-compressed copies the client takes, best first (`q=0` refuses one). */
export function acceptedEncodings(header: string | undefined): ('br' | 'gzip')[] {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return (['br', 'gzip'] as const).filter(ok);
}

interface Representation {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  encoding?: 'br' | 'gzip';
}

/** Reads and tags each representation once per file version (path, size, mtime). */
const representations = new Map<string, { version: string; value: Representation | null }>();

async function representation(file: string, encoding?: 'br' | 'gzip'): Promise<Representation | null> {
  const path = encoding ? `${file}.${encoding === 'br' ? 'br' : 'gz'}` : file;
  let info;
  try {
    info = await stat(path);
  } catch {
    return null;
  }
  if (!info.isFile()) return null;
  const version = `${info.size}:${info.mtimeMs}`;
  const cached = representations.get(path);
  if (cached?.version === version) return cached.value;
  const body = new Uint8Array(await readFile(path));
  const tag = createHash('sha256').update(body).digest('base64url').slice(0, 22);
  const value: Representation = {
    body,
    etag: `"${tag}${encoding ? `-${encoding}` : ''}"`,
    ...(encoding ? { encoding } : {}),
  };
  if (representations.size > 2000) representations.clear();
  representations.set(path, { version, value });
  return value;
}

const matches = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch !== undefined &&
  ifNoneMatch.split(',').some((candidate) => {
    const t = candidate.trim().replace(/^W\//, '');
    return t === '*' || t === etag;
  });

/**
 * Serves one file of `root` for the URL path `rest` (already stripped of its mount prefix), or
 * returns null. Rejects traversal: the decoded path must stay inside `root`; dotfiles are hidden;
 * only the file types above are served (never a `.ts` source or anything else lying next to them).
 * A pre-compressed copy (`file.br`, `file.gz`, made at build time) is sent when the client accepts
 * it (`Vary: Accept-Encoding`); every answer has a strong ETag per representation, and a matching
 * `If-None-Match` is answered 304.
 */
export async function serveFile(root: string, rest: string, options: ServeOptions = {}): Promise<Response | null> {
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
    const info = await stat(file);
    if (info.isDirectory()) file = resolve(file, 'index.html');
  } catch {
    return null;
  }
  const type = TYPES[extname(file).toLowerCase()];
  if (!type) return null;
  let chosen: Representation | null = null;
  for (const encoding of acceptedEncodings(options.acceptEncoding)) {
    chosen = await representation(file, encoding);
    if (chosen) break;
  }
  chosen ??= await representation(file);
  if (!chosen) return null;
  const headers: Record<string, string> = {
    'Content-Type': type,
    'Cache-Control': CACHE_CONTROL[options.cache ?? 'revalidate'],
    ETag: chosen.etag,
    Vary: 'Accept-Encoding',
    ...(chosen.encoding ? { 'Content-Encoding': chosen.encoding } : {}),
    ...options.headers,
  };
  if (matches(options.ifNoneMatch, chosen.etag)) return new Response(null, { status: 304, headers });
  return new Response(chosen.body, { headers: { ...headers, 'Content-Length': String(chosen.body.byteLength) } });
}
