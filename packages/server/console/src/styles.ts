import { css } from 'lit';

/**
 * The widgets' design tokens (packages/widgets/src/internal/styles.ts): the same `--nectar-*` custom
 * properties and fallbacks, light and dark. Set on the console's root (`theme="light" | "dark"`, else the
 * system's scheme); every screen inside inherits the resolved `--_*` values.
 */
export const tokens = css`
  :host {
    --_accent: var(--nectar-color-accent, #1d4ed8);
    --_on-accent: var(--nectar-color-on-accent, #ffffff);
    --_text: var(--nectar-color-text, #111827);
    --_muted: var(--nectar-color-muted, #4b5563);
    --_bg: var(--nectar-color-background, #ffffff);
    --_surface: var(--nectar-color-surface, #f3f4f6);
    --_border: var(--nectar-color-border, #6b7280);
    --_danger: var(--nectar-color-danger, #b91c1c);
    --_success: var(--nectar-color-success, #047857);
    --_warning: #92400e;
    --_note: #fef3c7;
    --_radius: var(--nectar-radius, 0.5rem);
    --_space: var(--nectar-spacing, 1rem);
    --_font: var(
      --nectar-font-family,
      system-ui,
      -apple-system,
      'Segoe UI',
      'PingFang SC',
      'Microsoft JhengHei',
      sans-serif
    );
    color-scheme: light;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_accent: var(--nectar-color-accent, #93c5fd);
      --_on-accent: var(--nectar-color-on-accent, #0b1220);
      --_text: var(--nectar-color-text, #f3f4f6);
      --_muted: var(--nectar-color-muted, #c4c9d2);
      --_bg: var(--nectar-color-background, #111827);
      --_surface: var(--nectar-color-surface, #1f2937);
      --_border: var(--nectar-color-border, #9ca3af);
      --_danger: var(--nectar-color-danger, #fca5a5);
      --_success: var(--nectar-color-success, #6ee7b7);
      --_warning: #fcd34d;
      --_note: #3b2f0b;
      color-scheme: dark;
    }
  }
  :host([theme='dark']) {
    --_accent: var(--nectar-color-accent, #93c5fd);
    --_on-accent: var(--nectar-color-on-accent, #0b1220);
    --_text: var(--nectar-color-text, #f3f4f6);
    --_muted: var(--nectar-color-muted, #c4c9d2);
    --_bg: var(--nectar-color-background, #111827);
    --_surface: var(--nectar-color-surface, #1f2937);
    --_border: var(--nectar-color-border, #9ca3af);
    --_danger: var(--nectar-color-danger, #fca5a5);
    --_success: var(--nectar-color-success, #6ee7b7);
    --_warning: #fcd34d;
    --_note: #3b2f0b;
    color-scheme: dark;
  }
`;

/** Base rules every screen shares: type, focus ring, buttons, fields, badges, dialogs. */
export const base = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  h1,
  h2,
  h3 {
    margin: 0 0 calc(var(--_space) * 0.5);
    line-height: 1.25;
  }
  h1 {
    font-size: 1.5rem;
  }
  h2 {
    font-size: 1.15rem;
  }
  h3 {
    font-size: 1rem;
  }
  h1:focus {
    outline: none;
  }
  p {
    margin: 0 0 calc(var(--_space) * 0.5);
  }
  a {
    color: var(--_accent);
  }
  .muted {
    color: var(--_muted);
  }
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

  button {
    min-height: 44px;
    min-width: 44px;
    padding: 0.5em 1.1em;
    border-radius: var(--_radius);
    border: 1px solid var(--_accent);
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button.danger {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  button:disabled {
    cursor: progress;
    opacity: 0.75;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
  }

  label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25em;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5em 0.65em;
    min-height: 44px;
    width: 100%;
  }
  textarea {
    min-height: 6em;
    resize: vertical;
  }
  .field {
    margin-bottom: var(--_space);
  }
  .hint {
    color: var(--_muted);
    font-size: 0.9em;
    margin: 0.25em 0 0;
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  .badge {
    display: inline-block;
    padding: 0.1em 0.55em;
    border-radius: 999px;
    border: 1px solid var(--_border);
    font-size: 0.85em;
    white-space: nowrap;
  }
  .badge.danger {
    border-color: var(--_danger);
    color: var(--_danger);
    font-weight: 600;
  }
  .badge.warning {
    border-color: var(--_warning);
    color: var(--_warning);
    font-weight: 600;
  }
  .badge.success {
    border-color: var(--_success);
    color: var(--_success);
  }
  .badge.accent {
    border-color: var(--_accent);
    color: var(--_accent);
  }
  .card {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }

  dialog {
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.25);
    width: min(32rem, calc(100vw - 2rem));
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  @media (prefers-reduced-motion: no-preference) {
    button {
      transition: background-color 120ms ease;
    }
  }
`;
