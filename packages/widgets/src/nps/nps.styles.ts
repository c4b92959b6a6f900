import { css } from 'lit';

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

export const npsStyles = [
  surveyCardStyles,
  css`
    .scale {
      display: grid;
      grid-template-columns: repeat(11, minmax(0, 1fr));
      gap: 0.25rem;
      margin-top: 0.5rem;
    }
    /* Narrow (a 320 px phone): two rows of six and five, each choice still 44 px tall. */
    @container (max-width: 33rem) {
      .scale {
        grid-template-columns: repeat(6, minmax(0, 1fr));
      }
    }
    .ends {
      display: flex;
      justify-content: space-between;
      gap: 1rem;
      margin-top: 0.35rem;
      color: var(--_muted);
      font-size: 0.9em;
    }
    .ends span:last-child {
      text-align: end;
    }
    :host([variant='slide-in']) [part~='base'] {
      position: fixed;
      z-index: var(--nectar-z-index, 2147483000);
      inset-inline-end: 1rem;
      bottom: 1rem;
      width: min(32rem, calc(100vw - 2rem));
      max-height: calc(100vh - 2rem);
      overflow: auto;
      box-shadow: 0 10px 30px rgb(0 0 0 / 0.25);
    }
    @media (prefers-reduced-motion: no-preference) {
      :host([variant='slide-in']) [part~='base'] {
        animation: nectar-slide-in 240ms ease-out;
      }
    }
    @keyframes nectar-slide-in {
      from {
        transform: translateY(1.5rem);
        opacity: 0;
      }
    }
  `,
];
