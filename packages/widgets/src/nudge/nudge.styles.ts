import { css } from 'lit';

/**
 * Where a nudge shows. The toast is fixed at the bottom right, above the launcher (which sits at
 * `--nectar-launcher-offset-x/-y` and is 52 px tall; the panel opens at the same height); the banner is fixed
 * across the top of the window; inline is in the page's flow. Both fixed ones keep clear of the notch and the
 * home indicator (`env(safe-area-inset-*)`) and fit a 320 px window.
 */
export const nudgeStyles = css`
  .toast,
  .banner {
    position: fixed;
    z-index: var(--nectar-z-index, 2147483000);
    /* The shadow follows the rounded box (or the survey's card), whichever shows. */
    filter: drop-shadow(0 6px 16px rgb(0 0 0 / 0.25));
  }
  .toast {
    --_x: var(--nectar-launcher-offset-x, 20px);
    --_above: calc(var(--nectar-launcher-offset-y, 20px) + 64px + env(safe-area-inset-bottom, 0px));
    left: calc(var(--_x) + env(safe-area-inset-left, 0px));
    right: calc(var(--_x) + env(safe-area-inset-right, 0px));
    bottom: var(--_above);
    max-width: 24rem;
    /* Pushed to the right once max-width holds it (the launcher is on the right). */
    margin-left: auto;
  }
  .banner {
    --_from: -1rem;
    top: 0;
    left: 0;
    right: 0;
  }
  .toast > *,
  .banner > * {
    max-height: calc(100vh - var(--_above, 0px) - 1rem);
    overflow: auto;
  }
  .banner [part~='base'] {
    padding-top: calc(var(--_space) * 0.75 + env(safe-area-inset-top, 0px));
    padding-inline: max(var(--_space), env(safe-area-inset-left, 0px))
      max(var(--_space), env(safe-area-inset-right, 0px));
    border-width: 0 0 1px;
    border-radius: 0;
  }

  [part~='base'] {
    position: relative;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  [part~='title'] {
    margin: 0 0 0.25rem;
    /* Room for the × button. */
    padding-inline-end: 2.5rem;
    font-weight: 700;
    font-size: 1.05em;
    line-height: 1.3;
  }
  [part~='body'] {
    margin: 0;
  }
  [part~='actions'] {
    margin-top: calc(var(--_space) * 0.75);
  }
  [part~='close'] {
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
  .banner [part~='close'] {
    top: calc(0.25rem + env(safe-area-inset-top, 0px));
  }
  [part~='never'] {
    display: block;
    margin-top: 0.25rem;
    padding-inline: 0;
    border-color: transparent;
    background: transparent;
    color: var(--_muted);
    font-size: 0.875em;
    font-weight: 400;
    text-align: start;
    text-decoration: underline;
  }

  @media (prefers-reduced-motion: no-preference) {
    .toast > *,
    .banner > * {
      animation: nectar-nudge-in 200ms ease-out;
    }
  }
  @keyframes nectar-nudge-in {
    from {
      transform: translateY(var(--_from, 1rem));
      opacity: 0;
    }
  }
`;
