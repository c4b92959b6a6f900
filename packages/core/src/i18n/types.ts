import type { Category, Severity, TicketStatus, TimelineKind } from '../schema.ts';

/** Reason codes of `ValidationError.fields` that a shopper can see (schema + attachment checks). */
export type ValidationReason =
  | 'required'
  | 'invalid_email'
  | 'too_long'
  | 'too_small'
  | 'invalid_choice'
  | 'invalid_type'
  | 'invalid'
  | 'unknown_field'
  | 'file_too_big'
  | 'file_type'
  | 'too_many_files';

/**
 * Every string of the core a shopper reads. Strings that take a value are functions,
 * so plurals and word order stay natural in every language.
 */
export interface CoreMessages {
  /** Category label and a one-line hint, as shown in a category chooser. */
  categories: Record<Category, { label: string; hint: string }>;
  /** Asked for with `damaged` (and wherever a photo helps). */
  photoRequest: string;
  severities: Record<Severity, string>;
  statuses: Record<TicketStatus, string>;
  /** Timeline entry labels; `name` is the agent's display name when known. */
  timeline: Record<TimelineKind, (name?: string) => string>;
  validation: {
    required: string;
    invalid_email: string;
    too_long: (max?: number) => string;
    too_small: string;
    invalid_choice: string;
    invalid_type: string;
    invalid: string;
    unknown_field: string;
    file_too_big: (maxMb: number) => string;
    file_type: string;
    too_many_files: (max: number) => string;
  };
  errors: {
    network: string;
    offline: string;
    timeout: string;
    rate_limited: (seconds: number) => string;
    server: string;
    auth: string;
    not_found: string;
    unknown: string;
    storage_fallback: string;
    storage_error: string;
    /** The service refuses this page's configuration (origin or site key): the shopper needs another way. */
    configuration: string;
  };
  ticket: {
    sending: string;
    queued: string;
    sent: string;
    /** "Request NC-7K4P2Q". */
    number: (number: string) => string;
    /** `time` is already formatted for the shopper's locale and time zone. */
    firstResponseBy: (time: string) => string;
    resolveBy: (time: string) => string;
    replyWithinHours: (hours: number) => string;
    photos: (count: number) => string;
    requests: (count: number) => string;
  };
}
