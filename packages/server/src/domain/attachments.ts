/**
 * Photos: the type is read from the bytes (never the name or the declared type) and the header
 * must decode to real dimensions, so a renamed executable or a truncated upload is refused. Bytes
 * live in one file per attachment id; uploads that no ticket takes are swept after a retention window.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { ATTACHMENT_TYPES } from '@nectar/core/schema';
import { sha256 } from '../crypto.ts';
import { unsupportedMediaType } from '../http-error.ts';
import { deleteUnattached, insertAttachment } from '../store/attachments.ts';
import type { Queryable } from '../store/db.ts';

/** Longest side a photo may claim in its header, in px (a 200-megapixel camera is ~16,000). */
const MAX_SIDE = 30_000;
const PNG_IEND = Buffer.from('0000000049454e44ae426082', 'hex');

const refused = () =>
  unsupportedMediaType('Only JPEG, PNG, WebP and HEIC images are accepted, whole (not truncated).', {
    file: 'unsupported_type',
  });

/** The image's MIME type when the bytes are a whole JPEG, PNG, WebP or HEIC image; else throws 415. */
export async function imageType(bytes: Uint8Array): Promise<(typeof ATTACHMENT_TYPES)[number]> {
  const type = await fileTypeFromBuffer(bytes);
  const mime = ATTACHMENT_TYPES.find((t) => t === type?.mime);
  if (!mime) throw refused();
  let size: { width?: number; height?: number };
  try {
    size = imageSize(bytes);
  } catch {
    throw refused();
  }
  const side = (n: number | undefined) => Number.isInteger(n) && n! >= 1 && n! <= MAX_SIDE;
  if (!side(size.width) || !side(size.height)) throw refused();
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // A whole PNG ends with its IEND chunk; a whole WebP's RIFF header gives its exact length.
  if (mime === 'image/png' && !buffer.subarray(-12).equals(PNG_IEND)) throw refused();
  if (mime === 'image/webp' && buffer.readUInt32LE(4) + 8 > buffer.byteLength) throw refused();
  return mime;
}

/** Stores the bytes and the row (the file goes again when the row cannot be written). */
export async function storeAttachment(
  tx: Queryable,
  dir: string,
  site: string,
  bytes: Uint8Array,
  contentType: string,
): Promise<{ id: string }> {
  const id = randomUUID();
  const path = join(dir, id);
  await mkdir(dir, { recursive: true });
  await writeFile(path, bytes, { flag: 'wx' });
  try {
    await insertAttachment(tx, { id, site, contentType, size: bytes.byteLength, sha256: sha256(bytes) });
  } catch (error) {
    await unlink(path).catch(() => undefined);
    throw error;
  }
  return { id };
}

/**
 * Deletes uploads no ticket took within `retentionMs` (rows first, in batches, then their files),
 * so abandoned uploads never pile up. Safe on many instances at once: each row is deleted once.
 */
export async function sweepUnattached(
  db: Queryable,
  dir: string,
  retentionMs: number,
  now = Date.now(),
): Promise<number> {
  let removed = 0;
  for (;;) {
    const ids = await deleteUnattached(db, new Date(now - retentionMs));
    await Promise.all(ids.map((id) => unlink(join(dir, id)).catch(() => undefined)));
    removed += ids.length;
    if (ids.length < 1000) return removed;
  }
}
