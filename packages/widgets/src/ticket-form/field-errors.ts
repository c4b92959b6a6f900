/**
 * The ticket form's error mapping: the `ValidationError.fields` of the form's own check (`validate.ts`),
 * of the client or of the service, to localized messages at the form's fields.
 */
import { reasonMessage, type Catalog } from '../i18n/index.ts';

export type Field = 'category' | 'orderRef' | 'subject' | 'message' | 'email' | 'name' | 'phone' | 'window' | 'photos';
export type Localized = (m: Catalog) => string;
export type FieldErrors = Partial<Record<Field, Localized>>;

/** Fields in the order they appear, so focus goes to the first bad one. */
const FIELD_ORDER: Field[] = [
  'category',
  'orderRef',
  'subject',
  'message',
  'email',
  'name',
  'phone',
  'window',
  'photos',
];
/** Paths of `ValidationError.fields` (client or service) to form fields. */
const PATH_TO_FIELD: Record<string, Field> = {
  category: 'category',
  orderRef: 'orderRef',
  subject: 'subject',
  message: 'message',
  contact: 'email',
  'contact.email': 'email',
  'contact.name': 'name',
  attachments: 'photos',
  callback: 'phone',
  'callback.phone': 'phone',
  'callback.window': 'window',
  'callback.window.from': 'window',
  'callback.window.to': 'window',
  'callback.window.date': 'window',
};

/**
 * Localized messages for `ValidationError.fields`, one per form field (the first path wins). An email
 * left blank is reported as required whatever the reason.
 */
export function mapFieldErrors(fields: Record<string, string>, emailBlank: boolean): FieldErrors {
  const into: FieldErrors = {};
  for (const [path, reason] of Object.entries(fields)) {
    const field = PATH_TO_FIELD[path] ?? PATH_TO_FIELD[path.split('.')[0] ?? ''];
    if (!field || into[field]) continue;
    const code = field === 'email' && emailBlank ? 'required' : reason;
    into[field] = (m) => reasonMessage(m, code, field);
  }
  return into;
}

/** The first field (in the form's order) with an error. */
export const firstErrorField = (errors: FieldErrors): Field | undefined => FIELD_ORDER.find((f) => errors[f]);
