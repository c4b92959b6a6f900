import { LIMITS } from '@nectar/core/schema';
import { enValidation } from '@nectar/core/i18n';
import { addEnglish, type Catalog } from '../i18n/index.ts';
import { photoProblems } from '../i18n/en/photos.ts';

// Why a chosen photo was refused (in English, these strings come with this module).
addEnglish({ core: enValidation, form: photoProblems });

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic';

const HEIC_BRANDS = ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'];

/** The image type told by the file's first bytes (magic numbers), or `undefined` for anything else. */
export async function sniffImageType(file: Blob): Promise<ImageType | undefined> {
  const b = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)) return 'image/png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(4, 8) === 'ftyp' && HEIC_BRANDS.includes(ascii(8, 12))) return 'image/heic';
  return undefined;
}

export type PreparedImage =
  { ok: true; blob: Blob; type: ImageType; previewable: boolean } | { ok: false; reason: 'not_image' | 'too_large' };

/**
 * Checks a chosen file by its bytes and size, and re-encodes it so its longest side is at
 * most `LIMITS.imageMaxSide` px (which also drops EXIF data such as GPS position). A HEIC
 * photo the browser cannot decode is kept as it is when within the size limit.
 */
export async function prepareImage(file: Blob): Promise<PreparedImage> {
  const type = await sniffImageType(file);
  if (!type) return { ok: false, reason: 'not_image' };
  if (file.size > LIMITS.attachmentBytesMax) return { ok: false, reason: 'too_large' };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    // Undecodable here (HEIC in most browsers, or a damaged file): send it as it is.
    return type === 'image/heic'
      ? { ok: true, blob: file, type, previewable: false }
      : { ok: false, reason: 'not_image' };
  }
  try {
    const scale = Math.min(1, LIMITS.imageMaxSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const outType: ImageType = type === 'image/png' || type === 'image/webp' ? type : 'image/jpeg';
    let blob = await encode(bitmap, width, height, outType, 0.85);
    if (blob.size > LIMITS.attachmentBytesMax) blob = await encode(bitmap, width, height, 'image/jpeg', 0.7);
    if (blob.size > LIMITS.attachmentBytesMax) return { ok: false, reason: 'too_large' };
    return { ok: true, blob, type: blob.type as ImageType, previewable: true };
  } finally {
    bitmap.close();
  }
}

async function encode(
  bitmap: ImageBitmap,
  width: number,
  height: number,
  type: string,
  quality: number,
): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('2d context unavailable');
    ctx.drawImage(bitmap, 0, 0, width, height);
    return canvas.convertToBlob({ type, quality });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2d context unavailable');
  ctx.drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encoding failed'))), type, quality),
  );
}

/** A chosen file once checked and re-encoded. */
export interface PreparedPhoto {
  blob: Blob;
  name: string;
  type: ImageType;
  previewable: boolean;
}

/**
 * Checks and re-encodes chosen files in order, taking at most `room` of them: the photos that went in, and
 * why the others did not (localized when shown).
 */
export async function preparePhotos(
  files: File[],
  room: number,
): Promise<{ prepared: PreparedPhoto[]; problems: ((m: Catalog) => string)[] }> {
  const prepared: PreparedPhoto[] = [];
  const problems: ((m: Catalog) => string)[] = [];
  for (const file of files) {
    if (prepared.length >= room) {
      problems.push((m) => m.core.validation.too_many_files(LIMITS.attachmentsMax));
      break;
    }
    const result = await prepareImage(file);
    const name = file.name;
    if (!result.ok) {
      problems.push(
        result.reason === 'too_large' ? (m) => m.form.fileTooLarge(name) : (m) => m.form.fileNotImage(name),
      );
      continue;
    }
    prepared.push({ blob: result.blob, name, type: result.type, previewable: result.previewable });
  }
  return { prepared, problems };
}
