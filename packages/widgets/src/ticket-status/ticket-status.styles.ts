import { css } from 'lit';

export const ticketStatusStyles = css`
  [part~='base'] {
    padding: var(--_space);
    border-radius: var(--_radius);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    margin-bottom: calc(var(--_space) * 0.5);
  }
  .header h2 {
    margin: 0;
  }
  .summary {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 0.75rem;
    margin: 0 0 var(--_space);
  }
  .summary dt {
    color: var(--_muted);
  }
  .summary dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .badge {
    display: inline-block;
    padding: 0.1em 0.6em;
    border-radius: 999px;
    border: 1px solid var(--_accent);
    background: var(--_surface);
  }
  .badge.resolved,
  .badge.closed {
    border-color: var(--_success);
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    border-left: 2px solid var(--_border);
  }
  li {
    position: relative;
    padding: 0 0 var(--_space) var(--_space);
  }
  li::before {
    content: '';
    position: absolute;
    left: -7px;
    top: 0.45em;
    width: 12px;
    height: 12px;
    border-radius: 50%;
    background: var(--_accent);
  }
  .entry-title {
    font-weight: 600;
    display: block;
  }
  time {
    color: var(--_muted);
    font-size: max(0.9em, var(--nectar-large-text, 0px));
  }
  blockquote {
    margin: 0.35rem 0 0;
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_surface);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .message {
    color: var(--_muted);
  }
  .csat {
    margin: 0 0 var(--_space);
  }
  .entry-photos {
    margin: 0.25rem 0 0;
    color: var(--_muted);
    font-size: max(0.9em, var(--nectar-large-text, 0px));
  }
  .asked {
    margin: var(--_space) 0 0;
    padding: 0.6rem 0.75rem;
    border-left: 4px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
    font-weight: 700;
  }
  .reply {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    margin: var(--_space) 0 0;
  }
  .reply .actions {
    margin-top: 0;
  }
  .reply .alert {
    margin: 0;
  }
  .reply-status {
    margin: 0;
    font-weight: 600;
  }
  .reply-closed {
    margin: var(--_space) 0 0;
    color: var(--_muted);
  }
  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }
`;
