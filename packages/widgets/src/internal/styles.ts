import { css } from 'lit';

/**
 * Tokens and base rules shared by the widgets. Everything is themed through
 * `--nectar-*` custom properties with fallbacks; `theme="dark"` or the system's dark
 * scheme (with `theme` unset or `auto`) switch the fallbacks. `:host` sets only `display`,
 * and `--nectar-large-text`: large text is that one inherited custom property, so it reaches the
 * widgets inside another one's shadow root (the panel's views) and is set for a whole page by the
 * CDN loader's `data-text-size="large"` (on `<html>`). `text-size="large"` sets it (≥ 20 px),
 * `text-size="normal"` clears it. Targets are `max(44px, 2.4em)`: 48 px at 20 px text.
 */
export const baseStyles = css`
  :host {
    display: block;
  }
  :host([text-size='large']) {
    --nectar-large-text: max(20px, 1.25rem);
  }
  :host([text-size='normal']) {
    --nectar-large-text: initial;
  }
  :host([hidden]) {
    display: none;
  }

  [part~='base'] {
    --_accent: var(--nectar-color-accent, #1d4ed8);
    --_on-accent: var(--nectar-color-on-accent, #ffffff);
    --_text: var(--nectar-color-text, #111827);
    --_muted: var(--nectar-color-muted, #4b5563);
    --_bg: var(--nectar-color-background, #ffffff);
    --_surface: var(--nectar-color-surface, #f3f4f6);
    --_border: var(--nectar-color-border, #6b7280);
    --_danger: var(--nectar-color-danger, #b91c1c);
    --_success: var(--nectar-color-success, #047857);
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
    box-sizing: border-box;
    min-width: 0;
    color: var(--_text);
    background: var(--_bg);
    font-family: var(--_font);
    font-size: var(--nectar-large-text, var(--nectar-font-size, 1rem));
    line-height: 1.5;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) [part~='base'] {
      --_accent: var(--nectar-color-accent, #93c5fd);
      --_on-accent: var(--nectar-color-on-accent, #0b1220);
      --_text: var(--nectar-color-text, #f3f4f6);
      --_muted: var(--nectar-color-muted, #c4c9d2);
      --_bg: var(--nectar-color-background, #111827);
      --_surface: var(--nectar-color-surface, #1f2937);
      --_border: var(--nectar-color-border, #9ca3af);
      --_danger: var(--nectar-color-danger, #fca5a5);
      --_success: var(--nectar-color-success, #6ee7b7);
    }
  }
  :host([theme='dark']) [part~='base'] {
    --_accent: var(--nectar-color-accent, #93c5fd);
    --_on-accent: var(--nectar-color-on-accent, #0b1220);
    --_text: var(--nectar-color-text, #f3f4f6);
    --_muted: var(--nectar-color-muted, #c4c9d2);
    --_bg: var(--nectar-color-background, #111827);
    --_surface: var(--nectar-color-surface, #1f2937);
    --_border: var(--nectar-color-border, #9ca3af);
    --_danger: var(--nectar-color-danger, #fca5a5);
    --_success: var(--nectar-color-success, #6ee7b7);
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  h2,
  h3 {
    margin: 0 0 calc(var(--_space) * 0.5);
    line-height: 1.25;
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1.05em;
  }
  p {
    margin: 0 0 calc(var(--_space) * 0.5);
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }

  button {
    min-height: max(44px, 2.4em);
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
  /* A toggle that is on ("Larger text", "Call me back"): marked like a chosen card. */
  button[aria-pressed='true'] {
    background: var(--_surface);
    box-shadow: inset 0 0 0 2px var(--_accent);
  }
  button:disabled {
    cursor: progress;
    opacity: 0.75;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
    margin-top: var(--_space);
  }

  .alert {
    padding: calc(var(--_space) * 0.75);
    border-radius: var(--_radius);
    border: 1px solid currentColor;
    margin-bottom: var(--_space);
    background: var(--_surface);
    color: var(--_text);
  }
  .alert.danger {
    border-color: var(--_danger);
  }
`;

/** Whether large text is on for `el`: its `text-size="large"`, or inherited (a panel's, the script tag's). */
export const largeText = (el: Element): boolean => !!getComputedStyle(el).getPropertyValue('--nectar-large-text');
