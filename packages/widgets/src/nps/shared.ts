/** What the NPS and CSAT cards share (the CSAT chunk imports this, not the NPS component). */
import { css, svg } from 'lit';

/** The × of the dismiss buttons. */
export const closeIcon = svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
  <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" fill="none" />
</svg>`;

/** Shared by the NPS and CSAT cards. */
export const surveyCardStyles = css`
  [part~='base'] {
    position: relative;
    container-type: inline-size;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  [part~='question'] {
    /* Room for the × button. */
    padding-inline-end: 2.5rem;
    font-size: 1.05em;
    outline-offset: 4px;
  }
  [part~='question'] label {
    font: inherit;
  }
  .optional {
    font-weight: 400;
    color: var(--_muted);
  }
  .icon {
    position: absolute;
    top: 0.25rem;
    inset-inline-end: 0.25rem;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    padding: 0;
    border-color: transparent;
    background: transparent;
    color: var(--_muted);
  }
  button.link {
    border-color: transparent;
    background: transparent;
    color: var(--_text);
    font-weight: 400;
    text-decoration: underline;
    padding-inline: 0.5em;
  }
  textarea {
    display: block;
    width: 100%;
    min-height: 5rem;
    padding: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
    resize: vertical;
  }
  a {
    color: var(--_accent);
  }
  .hint-error {
    color: var(--_danger);
    font-weight: 600;
    margin-top: 0.5rem;
  }
  .message:empty {
    display: none;
  }
  .message {
    margin-top: 0.75rem;
    color: var(--_muted);
  }
  .alert {
    margin: 0.75rem 0 0;
  }
  [role='radio'] {
    min-width: 0;
    padding: 0.25rem;
    border: 1px solid var(--_border);
    font-weight: 600;
  }
  [role='radio'][aria-checked='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
`;
