/**
 * The photo field as a form first shows it, in the ticket form and in the status view's reply box: the file
 * input and its hints. The chosen photos' checks, previews and list (`photos.controller.ts`) are their own chunk,
 * which the ticket form imports once the shopper starts on it (a rendered form does not load them).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ATTACHMENT_TYPES, LIMITS } from '@nectar/core/schema';
import type { Catalog } from '../i18n/index.ts';

export interface PhotoFieldView {
  /** The field's rendered error. */
  error: TemplateResult | typeof nothing;
  invalid: boolean;
  /** A damaged item: the field asks for a photo of it. */
  damaged: boolean;
  /** No more photos may be added. */
  full: boolean | undefined;
  /** The photos chosen so far, their previews and what is being prepared (`PhotosController.renderList`). */
  list: unknown;
  /** Files were chosen in the input. */
  onFiles(input: HTMLInputElement): void;
}

export function renderPhotoField(m: Catalog, v: PhotoFieldView): TemplateResult {
  const { invalid, damaged } = v;
  return html`<div class="field" part="field">
    <label for="photos">${m.form.photos} <span class="marker">${m.form.optional}</span></label>
    <input
      id="photos"
      type="file"
      multiple
      accept=${[...ATTACHMENT_TYPES, '.heic', '.heif'].join(',')}
      ?disabled=${v.full}
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby="photos-hint${damaged ? ' photos-request' : ''}${invalid ? ' photos-error' : ''}"
      @change=${(e: Event) => v.onFiles(e.target as HTMLInputElement)}
    />
    <p class="hint" id="photos-hint">${m.form.photosHint(LIMITS.attachmentsMax)}</p>
    ${damaged ? html`<p class="hint" id="photos-request"><strong>${m.core.photoRequest}</strong></p>` : nothing}
    ${v.error} ${v.list}
  </div>`;
}
