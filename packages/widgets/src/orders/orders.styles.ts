import { css } from 'lit';

export const ordersStyles = css`
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
  [part~='base'] {
    background: transparent;
  }
  [part~='list'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  [part~='order'] {
    display: grid;
    gap: 0.35rem;
    padding: 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  [part~='order'].late {
    border-color: var(--_danger);
    box-shadow: inset 4px 0 0 var(--_danger);
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.25rem 0.5rem;
  }
  h3 {
    margin: 0;
  }
  [part~='status'],
  [part~='late-badge'] {
    padding: 0.1em 0.6em;
    border-radius: 999px;
    border: 1px solid var(--_accent);
    background: var(--_surface);
    font-size: max(0.9em, var(--nectar-large-text, 0px));
  }
  [part~='late-badge'] {
    border-color: var(--_danger);
    color: var(--_danger);
    font-weight: 700;
  }
  .meta,
  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: max(0.9em, var(--nectar-large-text, 0px));
  }
  .late-hint {
    margin: 0;
    color: var(--_danger);
  }
  [part~='shipment'] {
    margin: 0;
    padding: 0.5em 0.65em;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }
  [part~='shipment'] h4 {
    margin: 0 0 0.15em;
    font-size: max(0.95em, var(--nectar-large-text, 0px));
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.1em 0.75em;
    margin: 0;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    min-width: 0;
  }
  a {
    color: var(--_accent);
    font-weight: 600;
    text-underline-offset: 0.15em;
  }
  a:hover {
    text-decoration-thickness: 2px;
  }
  [part~='report-button'] {
    justify-self: start;
  }
  fieldset {
    margin: 0 0 var(--_space);
    padding: 0;
    border: 0;
    min-width: 0;
    display: grid;
    gap: 0.5rem;
  }
  legend {
    font-weight: 600;
    padding: 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
  }
  .row label {
    display: grid;
    flex: 1 1 12rem;
    font-weight: 600;
  }
  input {
    min-height: max(44px, 2.4em);
    padding: 0.5rem 0.65rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
    font-weight: 400;
  }
  .error {
    color: var(--_danger);
    margin: 0;
  }
  .more {
    margin-top: 0.75rem;
  }
`;
