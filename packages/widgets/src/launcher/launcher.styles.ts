/**
 * The launcher's styles as plain text (no Lit: the launcher chunk stays tiny). Adopted as a
 * constructed stylesheet, so a strict CSP (no `unsafe-inline`) is fine.
 */
// Tagged `css` so that the build minifies it as it does Lit's `css` (rollup.config.js, minifyHTML); the tag gives the
// text back as it is. The z-index is left out of it: the minifier (lightningcss) keeps numbers as 32-bit floats and
// would write 2147483000 as 2147480000.
const css = String.raw;
export const launcherCss =
  '[part~=base]{z-index:var(--nectar-z-index,2147483000)}' +
  css`
    :host {
      display: block;
    }
    :host([hidden]) {
      display: none;
    }
    :host([text-size='large']) {
      --nectar-large-text: max(20px, 1.25rem);
    }
    [part~='base'] {
      --_accent: var(--nectar-color-accent, #1d4ed8);
      --_on-accent: var(--nectar-color-on-accent, #fff);
      --_badge: var(--nectar-color-danger, #b91c1c);
      position: fixed;
      bottom: var(--nectar-launcher-offset-y, 20px);
      right: var(--nectar-launcher-offset-x, 20px);
      font-family: var(
        --nectar-font-family,
        system-ui,
        -apple-system,
        'Segoe UI',
        'PingFang SC',
        'Microsoft JhengHei',
        sans-serif
      );
      font-size: var(--nectar-large-text, var(--nectar-font-size, 1rem));
    }
    :host([placement='bottom-start']) [part~='base'] {
      right: auto;
      left: var(--nectar-launcher-offset-x, 20px);
    }
    @media (prefers-color-scheme: dark) {
      :host(:not([theme='light'])) [part~='base'] {
        --_accent: var(--nectar-color-accent, #93c5fd);
        --_on-accent: var(--nectar-color-on-accent, #0b1220);
        --_badge: var(--nectar-color-danger, #fca5a5);
      }
    }
    :host([theme='dark']) [part~='base'] {
      --_accent: var(--nectar-color-accent, #93c5fd);
      --_on-accent: var(--nectar-color-on-accent, #0b1220);
      --_badge: var(--nectar-color-danger, #fca5a5);
    }
    button {
      position: relative;
      display: inline-flex;
      align-items: center;
      gap: 0.5em;
      min-height: 52px;
      min-width: 52px;
      padding: 0 1.2em;
      border: 0;
      border-radius: 999px;
      background: var(--_accent);
      color: var(--_on-accent);
      font: inherit;
      font-weight: 600;
      cursor: pointer;
      box-shadow: 0 4px 14px rgba(0, 0, 0, 0.25);
    }
    button:focus-visible {
      outline: 3px solid var(--_accent);
      outline-offset: 3px;
    }
    svg {
      width: 1.4em;
      height: 1.4em;
      flex: none;
    }
    [part~='badge'] {
      position: absolute;
      top: -6px;
      right: -6px;
      min-width: 1.5em;
      height: 1.5em;
      padding: 0 0.4em;
      border-radius: 999px;
      background: var(--_badge);
      color: #fff;
      font-size: 0.8em;
      line-height: 1.5em;
      text-align: center;
      box-shadow: 0 0 0 2px #fff;
    }
    [part~='badge'][hidden] {
      display: none;
    }
    @media (max-width: 480px) {
      [part~='label'] {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
        white-space: nowrap;
      }
      button {
        padding: 0;
      }
    }
    @media (prefers-reduced-motion: no-preference) {
      button {
        transition: transform 120ms ease;
      }
      button:hover {
        transform: translateY(-2px);
      }
    }
  `;
