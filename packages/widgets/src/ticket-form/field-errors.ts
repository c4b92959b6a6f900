/**
 * The ticket form's error mapping: the form's own check (the shared schema, as the service checks)
 * and the `ValidationError.fields` of the client or the service, both to localized messages at the
 * form's fields.
 */
import { issuesToFields, ticketCreateSchema } from '@nectar/core/schema';
import { reasonMessage, type Catalog } from '../i18n/index.ts';

export type Field = 'category' | 'orderRef' | 'subject' | 'message' | 'email' | 'name' | 'photos';
export type Localized = (m: Catalog) => string;
export type FieldErrors = Partial<Record<Field, Localized>>;

/** Fields in the order they appear, so focus goes to the first bad one. */
const FIELD_ORDER: Field[] = ['category', 'orderRef', 'subject', 'message', 'email', 'name', 'photos'];
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

export interface FormValues {
  category: string;
  message: string;
  subject: string;
  orderRef: string;
  /** What was typed, or else the signed-in shopper's email. */
  email: string;
  /** What was typed in the email field. */
  typedEmail: string;
  name: string;
}

/** The form's check before it submits: the shared schema's verdict at the form's fields. */
export function validateForm(v: FormValues): FieldErrors {
  const result = ticketCreateSchema.safeParse({
    category: v.category || undefined,
    message: v.message,
    subject: v.subject.trim() || undefined,
    orderRef: v.orderRef.trim() || undefined,
    contact: { email: v.email, name: v.name.trim() || undefined },
  });
  return result.success ? {} : mapFieldErrors(issuesToFields(result.error.issues), !v.typedEmail.trim());
}

/** The first field (in the form's order) with an error. */
export const firstErrorField = (errors: FieldErrors): Field | undefined => FIELD_ORDER.find((f) => errors[f]);
