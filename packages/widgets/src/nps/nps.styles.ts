import { css } from 'lit';
import { surveyCardStyles } from './shared.ts';

export const npsStyles = [
  surveyCardStyles,
  css`
    /* Text for screen readers only (not in the shared base styles: the contact journey shows none). */
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      padding: 0;
      margin: -1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
      border: 0;
    }
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
      font-size: max(0.9em, var(--nectar-large-text, 0px));
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
