import { css } from 'lit';

export const ticketFormStyles = css`
  [part~='base'] {
    padding: var(--_space);
    border-radius: var(--_radius);
  }
  form {
    display: grid;
    gap: var(--_space);
    margin: 0;
  }
  .intro {
    color: var(--_muted);
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend,
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
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
    gap: 0.5rem;
  }
  .card {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: 0.6rem;
    align-items: start;
    min-height: 44px;
    padding: 0.6rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .card:has(input:checked) {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
    background: var(--_surface);
  }
  .card input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0.15rem 0 0;
    accent-color: var(--_accent);
  }
  .card-label {
    font-weight: 600;
  }
  .card-hint {
    grid-column: 2;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .field {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    min-width: 0;
  }
  input[type='text'],
  input[type='email'],
  textarea {
    width: 100%;
    min-height: 44px;
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
    min-height: 44px;
    width: 100%;
    max-width: 100%;
    font: inherit;
    color: var(--_text);
  }
  input[type='file']::file-selector-button {
    min-height: 44px;
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
  .hint,
  .counter,
  .draft-status {
    color: var(--_muted);
    font-size: 0.9em;
    margin: 0.25em 0 0;
  }
  .counter {
    justify-self: end;
  }
  .counter.over {
    color: var(--_danger);
    font-weight: 600;
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
    font-size: 0.95em;
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
    font-size: 0.9em;
  }
  .result dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 0.75rem;
    margin: 0 0 calc(var(--_space) * 0.5);
  }
  .result dt {
    color: var(--_muted);
  }
  .result dd {
    margin: 0;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .status-view {
    margin-top: var(--_space);
  }
`;
