/** `POST /v1/attachments`: one photo in the multipart field `file`, checked by its bytes. */
import { Hono } from 'hono';
import { LIMITS } from '@nectar/core/schema';
import { sha256 } from '../crypto.ts';
import { imageType, storeAttachment } from '../domain/attachments.ts';
import type { BaseEnv, Deps } from '../env.ts';
import { HttpError, payloadTooLarge, rateLimited, validationError } from '../http-error.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { writeBudget } from '../middleware/rate-limit.ts';
import { shopperSite } from '../middleware/site.ts';
import { sendWrite, writeScope } from '../respond.ts';
import { idempotentWrite } from '../store/idempotency.ts';

/** Room for the multipart envelope around one attachment. */
const MULTIPART_OVERHEAD = 64 * 1024;
const HOUR = 3_600_000;

const tooLarge = () =>
  payloadTooLarge(`An attachment may be at most ${LIMITS.attachmentBytesMax / 1024 / 1024} MB.`, { file: 'too_large' });
const oneFile = (why: string) =>
  validationError({ file: why }, 'Send one image as multipart/form-data in the field "file".');

export function attachmentRoutes(deps: Deps) {
  return new Hono<BaseEnv>().post(
    '/',
    writeBudget(deps, 'tickets'),
    shopperSite(deps.sites, deps.linkKey),
    idempotent(),
    limitBody(LIMITS.attachmentBytesMax + MULTIPART_OVERHEAD, tooLarge),
    async (c) => {
      const { site, idempotencyKey: key } = c.var;
      let form: Record<string, unknown>;
      try {
        form = await c.req.parseBody({ all: true });
      } catch (error) {
        if (error instanceof HttpError) throw error;
        throw oneFile('required');
      }
      const file = form['file'];
      if (Array.isArray(file)) throw oneFile('too_many');
      if (!(file instanceof File)) throw oneFile('required');
      if (file.size > LIMITS.attachmentBytesMax) throw tooLarge();
      const bytes = new Uint8Array(await file.arrayBuffer());
      const mime = await imageType(bytes);
      // Upload bytes per hour, per IP and per site: abandoned uploads cannot fill the disk.
      const { uploadBytes } = deps.limits;
      const retryAfter = await deps.limiter.hit(
        [
          { key: `upload-bytes:ip:${c.var.ip}`, limit: uploadBytes.perIp },
          { key: `upload-bytes:site:${site.key}`, limit: uploadBytes.perSite },
        ],
        HOUR,
        bytes.byteLength,
      );
      if (retryAfter !== null) throw rateLimited(retryAfter, 'Too many uploads. Please try again later.');
      const requestHash = sha256(`POST /v1/attachments\n${sha256(bytes)}`);
      const scope = writeScope(site.key, 'POST /v1/attachments');
      const result = await idempotentWrite(deps.db, { scope, key, requestHash }, async (tx) => ({
        status: 201,
        body: await storeAttachment(tx, deps.attachmentsDir, site.key, bytes, mime),
      }));
      return sendWrite(c, result);
    },
  );
}
