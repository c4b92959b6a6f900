/**
 * Photos sent before their ticket: the proxy holds an upload (in its store, a day) under an id it
 * hands out, and the create call names those ids. One upload per `Idempotency-Key`.
 */
import { LIMITS } from '@nectar/core/schema';
import { IDEMPOTENCY_KEY_HEADER, REPLAYED_HEADER } from '@nectar/core/protocol';
import type { ProxyStore } from './config.ts';
import { ProxyError, json } from './errors.ts';
import { DAY } from './idempotency.ts';
import { base64url } from './signing.ts';

export interface Upload {
  name: string;
  type: string;
  bytes: Uint8Array;
  /** Gorgias: the uploaded file's description. */
  remote?: unknown;
}

export interface Uploads {
  /** The request's `file` (multipart, size capped) and its `Idempotency-Key`. */
  take(request: Request): Promise<{ file: File; key: string }>;
  /** The id of an upload already saved under `key`, if any. */
  existing(backend: string, key: string): Promise<string | undefined>;
  /** Saves the upload and answers 201 `{ id }` (the first id again for a replayed key). */
  save(backend: string, key: string, upload: Upload): Promise<Response>;
  /** The uploads a create call names (`attachments: [id]`); an unknown id is a 422. */
  load(backend: string, ids: unknown): Promise<Upload[]>;
}

export function uploads(store: ProxyStore): Uploads {
  const existing = async (backend: string, key: string) =>
    (await store.get(`upload-key:${backend}:${key}`)) as string | undefined;
  return {
    async take(request) {
      const key = request.headers.get(IDEMPOTENCY_KEY_HEADER)?.trim();
      if (!key) throw new ProxyError(422, 'validation_failed', `${IDEMPOTENCY_KEY_HEADER} is required.`);
      const length = Number(request.headers.get('Content-Length') ?? 0);
      if (length > LIMITS.attachmentBytesMax + 64 * 1024)
        throw new ProxyError(413, 'payload_too_large', 'The file is too large.');
      let form: FormData;
      try {
        form = await request.formData();
      } catch {
        throw new ProxyError(422, 'validation_failed', 'Expected multipart/form-data with a file.');
      }
      const file = form.get('file');
      if (!(file instanceof File)) throw new ProxyError(422, 'validation_failed', 'The field `file` is required.');
      if (file.size > LIMITS.attachmentBytesMax)
        throw new ProxyError(413, 'payload_too_large', 'The file is too large.');
      return { file, key };
    },
    existing,
    async save(backend, key, upload) {
      const already = await existing(backend, key);
      if (already) return json(201, { id: already }, { [REPLAYED_HEADER]: 'true' });
      const id = base64url(crypto.getRandomValues(new Uint8Array(18)));
      await store.set(`upload:${backend}:${id}`, upload, DAY);
      await store.set(`upload-key:${backend}:${key}`, id, DAY);
      return json(201, { id });
    },
    async load(backend, ids) {
      if (ids === undefined) return [];
      if (!Array.isArray(ids) || ids.length > LIMITS.attachmentsMax)
        throw new ProxyError(422, 'validation_failed', 'attachments must be a list of upload ids.');
      const out: Upload[] = [];
      for (const id of ids) {
        const upload =
          typeof id === 'string' ? ((await store.get(`upload:${backend}:${id}`)) as Upload | undefined) : undefined;
        if (!upload) throw new ProxyError(422, 'validation_failed', 'Unknown attachment.');
        out.push(upload);
      }
      return out;
    },
  };
}
