import { html, nothing, type ReactiveController, type ReactiveElement } from 'lit';
import { LIMITS } from '@nectar/core/schema';
import type { Catalog } from '../i18n/index.ts';
import type { ImageType } from '../internal/images.ts';
import type { Localized } from './field-errors.ts';

/** A photo as the draft store keeps it (a Blob, no object URL). */
export interface StoredPhoto {
  blob: Blob;
  name: string;
  type: ImageType;
  previewable: boolean;
}

export interface Photo extends StoredPhoto {
  key: number;
  /** Object URL of the preview, while the host is connected. */
  url?: string;
}

let photoKeys = 0;

/**
 * The image checks and re-encoding (`internal/images.ts`), imported when the form asks (`preload`, once the
 * shopper starts on it) or at the first chosen file: a rendered form does not load them.
 */
let images: Promise<typeof import('../internal/images.ts')> | undefined;
const loadImages = () =>
  (images ??= import('../internal/images.ts').catch((error: unknown) => {
    images = undefined;
    throw error;
  }));

export interface PhotosOptions {
  /** What the last choice of files refused (a localized message), or `undefined` when all went in. */
  onProblems(problem: Localized | undefined): void;
  /** The shopper chose files or removed a photo. */
  onTouched(): void;
  /** A photo was added or removed (the draft is saved again). */
  onChange(): void;
}

/**
 * The ticket form's photos: the file field and its previews, each chosen file checked by its bytes
 * and size and re-encoded (longest side, no EXIF), previews' object URLs kept only while the host
 * is connected, focus kept in the list when a photo is removed.
 */
export class PhotosController implements ReactiveController {
  /** The photos, in the order chosen. */
  photos: Photo[] = [];
  /** Files being checked and re-encoded now. */
  processing = 0;
  private readonly host: ReactiveElement;
  private readonly options: PhotosOptions;
  private work: Promise<void> = Promise.resolve();

  constructor(host: ReactiveElement, options: PhotosOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  hostConnected(): void {
    // Object URLs are made again from the Blobs when the element is connected again.
    for (const photo of this.photos) this.ensureUrl(photo);
  }

  hostDisconnected(): void {
    for (const photo of this.photos) this.revoke(photo);
  }

  /** Resolves once the files chosen so far are in (or refused). */
  get settled(): Promise<void> {
    return this.work;
  }

  get full(): boolean {
    return this.photos.length >= LIMITS.attachmentsMax;
  }

  /** Imports the image code ahead of the first chosen file (a failure is tried again then). */
  preload(): void {
    loadImages().catch(() => undefined);
  }

  /** Adds chosen files after those still being processed. Resolves with whether any went in. */
  async add(files: File[]): Promise<boolean> {
    this.processing++;
    this.host.requestUpdate();
    const work = this.work.then(() => this.addNow(files));
    this.work = work.then(
      () => undefined,
      () => undefined,
    );
    try {
      return await work;
    } finally {
      this.processing--;
      this.host.requestUpdate();
    }
  }

  private async addNow(files: File[]): Promise<boolean> {
    let preparePhotos: (typeof import('../internal/images.ts'))['preparePhotos'];
    try {
      ({ preparePhotos } = await loadImages());
    } catch {
      // Offline before the image code ever came: the files are not taken, and the shopper is told why.
      this.options.onProblems((m) => m.core.errors.network);
      return false;
    }
    const { prepared, problems } = await preparePhotos(files, LIMITS.attachmentsMax - this.photos.length);
    const added = prepared.map((p) => this.ensureUrl({ ...p, key: ++photoKeys }));
    this.photos = [...this.photos, ...added];
    this.options.onProblems(problems.length ? (m) => problems.map((p) => p(m)).join('\n') : undefined);
    this.host.requestUpdate();
    return added.length > 0;
  }

  /** What is being prepared and the chosen photos' previews, under the file field (`photo-field.ts`). */
  renderList(m: Catalog) {
    return html`${this.processing > 0 ? html`<p class="hint" role="status">${m.form.processingPhotos}</p>` : nothing}
    ${
      this.photos.length > 0
        ? html`<ul class="photo-list" part="photos">
            ${this.photos.map(
              (p, i) =>
                html`<li class="photo" part="photo">
                  ${
                    p.url
                      ? html`<img src=${p.url} alt=${m.form.photoAlt(i + 1, p.name)} />`
                      : html`<span class="file-tile">${p.name}</span>`
                  }
                  <button
                    type="button"
                    part="remove-button"
                    aria-label=${m.form.removePhoto(p.name)}
                    @click=${() => this.remove(p)}
                  >
                    ${m.form.remove}
                  </button>
                </li>`,
            )}
          </ul>`
        : nothing
    }`;
  }

  /** Files chosen in the field (`photo-field.ts`): each is checked and added. */
  readonly onFiles = async (input: HTMLInputElement): Promise<void> => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length === 0) return;
    this.options.onTouched();
    if (await this.add(files)) this.options.onChange();
  };

  private async remove(photo: Photo): Promise<void> {
    const index = this.photos.indexOf(photo);
    this.revoke(photo);
    this.photos = this.photos.filter((p) => p !== photo);
    this.host.requestUpdate();
    this.options.onTouched();
    this.options.onChange();
    await this.host.updateComplete;
    // Keep keyboard focus in the list (next photo's button, else the file input).
    const root = this.host.renderRoot;
    const buttons = root.querySelectorAll<HTMLButtonElement>('[part~="remove-button"]');
    (buttons[Math.min(index, buttons.length - 1)] ?? root.querySelector<HTMLElement>('#photos'))?.focus();
  }

  /** Replaces the photos with stored ones (a restored draft). */
  restore(stored: StoredPhoto[]): void {
    this.clear();
    this.photos = stored.map((p) => this.ensureUrl({ ...p, key: ++photoKeys }));
    this.host.requestUpdate();
  }

  clear(): void {
    for (const photo of this.photos) this.revoke(photo);
    this.photos = [];
    this.host.requestUpdate();
  }

  /** What the draft store keeps. */
  stored(): StoredPhoto[] {
    return this.photos.map(({ blob, name, type, previewable }) => ({ blob, name, type, previewable }));
  }

  private ensureUrl(photo: Photo): Photo {
    if (photo.previewable && !photo.url) photo.url = URL.createObjectURL(photo.blob);
    return photo;
  }

  private revoke(photo: Photo): void {
    if (photo.url) URL.revokeObjectURL(photo.url);
    photo.url = undefined;
  }
}
