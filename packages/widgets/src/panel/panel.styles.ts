import { css } from 'lit';

export const panelStyles = css`
  dialog {
    position: fixed;
    inset: auto var(--nectar-launcher-offset-x, 20px) calc(var(--nectar-launcher-offset-y, 20px) + 64px) auto;
    margin: 0;
    padding: 0;
    border: 0;
    width: min(420px, calc(100vw - 2rem));
    height: min(680px, calc(100dvh - 7rem));
    max-width: none;
    max-height: none;
    border-radius: var(--nectar-radius, 0.75rem);
    background: transparent;
    box-shadow: 0 12px 40px rgba(0, 0, 0, 0.3);
    overflow: hidden;
  }
  :host([placement='bottom-start']) dialog {
    inset: auto auto calc(var(--nectar-launcher-offset-y, 20px) + 64px) var(--nectar-launcher-offset-x, 20px);
  }
  dialog::backdrop {
    background: rgba(17, 24, 39, 0.35);
  }
  [part~='base'] {
    display: flex;
    flex-direction: column;
    height: 100%;
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    padding: calc(var(--_space) * 0.5) calc(var(--_space) * 0.5) 0 var(--_space);
  }
  header h2 {
    margin: 0;
    flex: 1;
  }
  [part~='close-button'] {
    border-color: transparent;
    font-size: 1.5em;
    line-height: 1;
    padding: 0;
  }
  [part~='tabs'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin: calc(var(--_space) * 0.5) var(--_space) 0;
    padding: 0.25rem;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  [part~='tab'] {
    flex: 1 1 0;
    /* With large text a tab is at least 7 em of the large size wide: the tabs wrap rather than overflow. */
    min-width: min(100%, var(--nectar-large-text, 0px) * 7);
    padding: 0.4em 0.5em;
    border-color: transparent;
    background: transparent;
    font-size: max(0.95em, var(--nectar-large-text, 0px));
  }
  [part~='tab'][aria-selected='true'] {
    background: var(--_bg);
    border-color: var(--_accent);
  }
  [part~='view'] {
    flex: 1 1 auto;
    overflow: auto;
    overscroll-behavior: contain;
  }
  [part~='view'] > [hidden] {
    display: none;
  }
  [role='tabpanel'] > * {
    padding: var(--_space);
  }
  footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    padding: calc(var(--_space) * 0.5) var(--_space);
    border-top: 1px solid var(--_border);
  }
  footer p {
    flex: 1 1 12rem;
    margin: 0;
    color: var(--_muted);
    font-size: max(0.9em, var(--nectar-large-text, 0px));
  }
  @media (max-width: 480px) {
    dialog,
    :host([placement='bottom-start']) dialog {
      inset: 0;
      width: 100vw;
      height: 100dvh;
      border-radius: 0;
    }
  }
`;
