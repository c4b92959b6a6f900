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
  legend {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25em;
    padding: 0;
  }
  .cards {
    display: grid;
    /* One column with large text (a track wider than any form). */
    grid-template-columns: repeat(auto-fill, minmax(min(100%, max(14rem, var(--nectar-large-text, 0px) * 99)), 1fr));
    gap: 0.5rem;
  }
  .card {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: 0.6rem;
    align-items: start;
    min-height: max(44px, 2.4em);
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
    font-size: max(0.9em, var(--nectar-large-text, 0px));
  }
  .counter,
  .draft-status {
    color: var(--_muted);
    font-size: max(0.9em, var(--nectar-large-text, 0px));
    margin: 0.25em 0 0;
  }
  .counter {
    justify-self: end;
  }
  .counter.over {
    color: var(--_danger);
    font-weight: 600;
  }
  /* The confirmation's styles come with it (\`resultStyles\` of validate.ts). */
`;
