/**
 * How a field's error is rendered, in the ticket form and in the status view's reply box: under the field, with
 * `id="<field>-error"` for the field's `aria-describedby`. (The mapping of `ValidationError.fields` to the
 * messages, `field-errors.ts`, comes with what checks.)
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Catalog } from '../i18n/index.ts';
import type { Field, FieldErrors } from './field-errors.ts';

export function renderFieldError(m: Catalog, field: Field, errors: FieldErrors): TemplateResult | typeof nothing {
  const error = errors[field];
  return error ? html`<p class="error" id="${field}-error" part="field-error">${error(m)}</p>` : nothing;
}
