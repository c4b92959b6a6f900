/**
 * The ticket form's "Call me back" fields: a phone number with its country code and a preferred time of day in the
 * shop's hours. Its own chunk, imported when the shopper chooses "Call me back" (the contact form's journey does not
 * carry it); the number is checked with the shared schema when the form checks the rest.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Locale, TicketDraft } from '@nectar/core';
import type { Catalog } from '../i18n/index.ts';
import { CALLBACK } from '../i18n/callback.ts';
import type { FieldErrors } from './field-errors.ts';

export interface CallState {
  phone: string;
  window: '' | keyof typeof WINDOWS;
}

/** Named windows of the day, in the shop's local time. */
const WINDOWS = { morning: ['09:00', '12:00'], afternoon: ['12:00', '17:00'], evening: ['17:00', '20:00'] } as const;

/** The request as the client takes it (`TicketDraft.callback`). */
export const toCallback = (s: CallState): TicketDraft['callback'] => ({
  phone: s.phone.trim(),
  ...(s.window ? { window: { from: WINDOWS[s.window][0], to: WINDOWS[s.window][1] } } : {}),
});

export function renderCallback(
  m: Catalog,
  locale: Locale,
  s: CallState,
  errors: FieldErrors,
  set: (field: 'phone' | 'window', value: string) => void,
): TemplateResult {
  const c = CALLBACK[locale];
  // A number typed but refused is one without its country code; an empty one is named as any required field.
  const phoneError = errors.phone && (s.phone.trim() ? c.invalidPhone : errors.phone(m));
  return html`<div class="field" part="field">
      <label for="phone">${c.phone} <span class="marker">${m.form.required}</span></label>
      <input
        id="phone"
        part="input"
        type="text"
        inputmode="tel"
        autocomplete="tel"
        .value=${live(s.phone)}
        aria-required="true"
        aria-invalid=${errors.phone ? 'true' : 'false'}
        aria-describedby="phone-hint${errors.phone ? ' phone-error' : ''}"
        @input=${(e: Event) => set('phone', (e.target as HTMLInputElement).value)}
      />
      <p class="hint" id="phone-hint">${c.phoneHint}</p>
      ${phoneError ? html`<p class="error" id="phone-error" part="field-error">${phoneError}</p>` : nothing}
    </div>
    <fieldset part="categories" aria-describedby=${errors.window ? 'window-error' : nothing}>
      <legend>${c.window}</legend>
      <div class="cards">
        ${(['', 'morning', 'afternoon', 'evening'] as const).map(
          (w) =>
            html`<label class="card" part="category">
              <input
                type="radio"
                name="window"
                value=${w}
                id=${w ? `window-${w}` : 'window'}
                .checked=${live(s.window === w)}
                @change=${() => set('window', w)}
              />
              <span class="card-label">${c[w || 'any']}</span>
            </label>`,
        )}
      </div>
      ${errors.window ? html`<p class="error" id="window-error" part="field-error">${c.closed}</p>` : nothing}
    </fieldset>`;
}
