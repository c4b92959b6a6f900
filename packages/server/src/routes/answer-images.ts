/** Article images: stored beside the attachments (their own folder and table), served inert and cacheable. */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from 'hono';
import { sha256 } from '../crypto.ts';
import { ANSWER_IMAGE_PATH } from '../domain/markdown.ts';
import { notFound } from '../http-error.ts';
import type { Queryable } from '../store/db.ts';
import { insertAnswerImage } from '../store/answers.ts';

const folder = (attachmentsDir: string) => join(attachmentsDir, 'answer-images');

/** Stores the image's bytes and row → `{ id, url }` (`url` relative to the service, for Markdown). */
export async function storeAnswerImage(
  tx: Queryable,
  attachmentsDir: string,
  image: { site: string; bytes: Uint8Array; contentType: string; by: string | null },
): Promise<{ id: string; url: string }> {
  const id = `img_${randomUUID()}`;
  const dir = folder(attachmentsDir);
  await mkdir(dir, { recursive: true });
  const path = join(dir, id);
  await writeFile(path, image.bytes, { flag: 'wx' });
  try {
    await insertAnswerImage(tx, {
      id,
      site: image.site,
      contentType: image.contentType,
      size: image.bytes.byteLength,
      sha256: sha256(image.bytes),
      by: image.by,
    });
  } catch (error) {
    await unlink(path).catch(() => undefined);
    throw error;
  }
  return { id, url: `${ANSWER_IMAGE_PATH}${id}` };
}

/** The image's bytes: its checked type, sandboxed, embeddable by the shop's pages, cached (ids never change). */
export async function answerImageResponse(
  c: Context,
  attachmentsDir: string,
  image: { id: string; content_type: string },
): Promise<Response> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(folder(attachmentsDir), image.id));
  } catch {
    throw notFound('No such image.');
  }
  return c.body(new Uint8Array(bytes), 200, {
    'Content-Type': image.content_type,
    'Content-Length': String(bytes.byteLength),
    'Content-Disposition': 'inline',
    'Cache-Control': 'public, max-age=31536000, immutable',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cross-Origin-Resource-Policy': 'cross-origin',
  });
}
