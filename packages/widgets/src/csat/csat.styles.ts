import { css } from 'lit';
import { surveyCardStyles } from '../nps/shared.ts';

export const csatStyles = [
  surveyCardStyles,
  css`
    .scale {
      display: grid;
      grid-template-columns: repeat(5, minmax(0, 1fr));
      gap: 0.35rem;
      margin: 0.5rem 0 var(--_space);
    }
    [role='radio'] {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 0.25rem;
      padding: 0.4rem 0.15rem;
      font-weight: 400;
      line-height: 1.2;
    }
    .word {
      font-size: max(0.85em, var(--nectar-large-text, 0px));
      overflow-wrap: anywhere;
      hyphens: auto;
    }
    .field-label {
      display: block;
      font-weight: 600;
      margin-bottom: 0.25rem;
    }
    .contact {
      margin: var(--_space) 0 0;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .contact[hidden] {
      display: none;
    }
    .contact legend {
      font-weight: 600;
      padding: 0 0.25rem;
    }
    .contact label {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      min-height: max(44px, 2.4em);
    }
    .contact input {
      width: 1.25rem;
      height: 1.25rem;
      accent-color: var(--_accent);
    }
  `,
];
