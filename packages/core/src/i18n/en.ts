/**
 * The core's English catalog, one module per section under `en/` so a bundle can carry the sections a page
 * shows (the widgets declare theirs; see `@nectar/widgets` `i18n/index.ts`) while `getMessages('en')` has them all.
 */
import type { CoreMessages } from './types.ts';
import { enCategories } from './en/categories.ts';
import { enErrors } from './en/errors.ts';
import { enStatus } from './en/status.ts';
import { enTicket } from './en/ticket.ts';
import { enValidation } from './en/validation.ts';

export const en: CoreMessages = { ...enCategories, ...enStatus, ...enValidation, ...enErrors, ...enTicket };
