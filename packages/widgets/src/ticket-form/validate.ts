/**
 * The ticket form's own check before it submits: the shared schema (zod and the contract's ticket schema,
 * as the service checks), imported by the form once the shopper starts on it (a rendered form loads no
 * validator). The same schema modules are what the client checks a ticket with, so they are loaded when
 * the submit comes, online or not.
 */
import { issuesToFields, ticketCreateSchema } from '@nectar/core/schema';
import { mapFieldErrors, type FieldErrors } from './field-errors.ts';

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
