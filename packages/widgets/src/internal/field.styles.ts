import { css } from 'lit';

/**
 * A labelled field, its hint and error, text fields, the file field and the photo previews (`PhotosController`):
 * the ticket form's fields and the status view's reply box look the same.
 */
export const fieldStyles = css`
  .field {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    min-width: 0;
  }
  .field > label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25em;
    padding: 0;
  }
  .marker {
    font-weight: 400;
    color: var(--_muted);
  }
  input[type='text'],
  input[type='email'],
  textarea {
    width: 100%;
    min-height: max(44px, 2.4em);
    padding: 0.5rem 0.65rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
  }
  textarea {
    min-height: 8rem;
    resize: vertical;
  }
  input[type='file'] {
    min-height: max(44px, 2.4em);
    width: 100%;
    max-width: 100%;
    font: inherit;
    color: var(--_text);
  }
  input[type='file']::file-selector-button {
    min-height: max(44px, 2.4em);
    margin-right: 0.75rem;
    padding: 0.5em 1em;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
    font-weight: 600;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
    box-shadow: inset 0 0 0 1px var(--_danger);
  }
  .hint {
    color: var(--_muted);
    font-size: max(0.9em, var(--nectar-large-text, 0px));
    margin: 0.25em 0 0;
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
    font-size: max(0.95em, var(--nectar-large-text, 0px));
    margin: 0.25em 0 0;
    white-space: pre-line;
  }
  .photo-list {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    list-style: none;
    margin: 0.5rem 0 0;
    padding: 0;
  }
  .photo {
    display: grid;
    gap: 0.25rem;
    width: 7rem;
  }
  .photo img,
  .photo .file-tile {
    width: 7rem;
    height: 7rem;
    object-fit: cover;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
  }
  .photo .file-tile {
    display: flex;
    align-items: center;
    justify-content: center;
    padding: 0.25rem;
    font-size: 0.8em;
    overflow-wrap: anywhere;
    text-align: center;
  }
  .photo button {
    padding: 0.25em 0.5em;
    font-size: max(0.9em, var(--nectar-large-text, 0px));
  }
`;
