import type { CoreMessages } from '../types.ts';

/** English: the reasons of `ValidationError.fields` as sentences, shown once something was checked (a form's check, a chosen photo). */
export const enValidation: Pick<CoreMessages, 'validation'> = {
  validation: {
    required: 'Please fill this in.',
    invalid_email: 'Enter an email address like name@example.com.',
    too_long: (max) => (max ? `Please keep it under ${max.toLocaleString('en')} characters.` : 'This is too long.'),
    too_small: 'This is too short.',
    invalid_choice: 'Please choose one of the options.',
    invalid_type: "This value isn't valid.",
    invalid: "This value isn't valid.",
    unknown_field: "This information isn't accepted.",
    file_too_big: (maxMb) => `Each photo must be ${maxMb} MB or smaller.`,
    file_type: 'Please add a photo in JPEG, PNG, WebP or HEIC format.',
    too_many_files: (max) => (max === 1 ? 'You can add one photo.' : `You can add up to ${max} photos.`),
  },
};
