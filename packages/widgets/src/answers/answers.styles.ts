import { css } from 'lit';

export const answersStyles = css`
  form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-bottom: calc(var(--_space) * 0.5);
  }
  label {
    flex: 1 1 100%;
    font-weight: 600;
  }
  input {
    flex: 1 1 10rem;
    min-width: 0;
    min-height: max(44px, 2.4em);
    padding: 0.5em 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
  }
  [part~='message'] {
    color: var(--_muted);
    margin: 0 0 calc(var(--_space) * 0.5);
  }
  [part~='still-need-help'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
    padding: calc(var(--_space) * 0.75);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  [part~='still-need-help'] p {
    margin: 0;
    font-weight: 600;
  }
`;
