import { css } from 'lit';

export const ticketListStyles = css`
  [part~='list'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  [part~='item'] {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.15rem 0.75rem;
    width: 100%;
    text-align: start;
    font-weight: 400;
    border-color: var(--_border);
    padding: 0.6em 0.75em;
  }
  .number {
    font-weight: 700;
  }
  .date {
    grid-column: 1;
    color: var(--_muted);
    font-size: max(0.9em, var(--nectar-large-text, 0px));
  }
  [part~='status'] {
    grid-column: 2;
    grid-row: 1 / span 2;
    align-self: center;
    padding: 0.1em 0.6em;
    border-radius: 999px;
    border: 1px solid var(--_accent);
    background: var(--_surface);
    font-size: max(0.9em, var(--nectar-large-text, 0px));
  }
  [part~='new-reply'] {
    grid-column: 1;
    color: var(--_danger);
    font-weight: 600;
    font-size: max(0.9em, var(--nectar-large-text, 0px));
  }
  [part~='message'] {
    color: var(--_muted);
  }
  [part~='back-button'] {
    margin-bottom: calc(var(--_space) * 0.5);
  }
  nectar-ticket-status {
    --nectar-spacing: 0;
  }
`;
