/**
 * The nudge's styles as plain text (no Lit: the nudge chunk stays small). Adopted as a constructed stylesheet, so a
 * strict CSP (no `unsafe-inline`) is fine. The tokens are the few of the widgets' shared base styles
 * (`internal/styles.ts`) the nudge shows, with the same fallbacks (light, and dark for `theme="dark"` or the
 * system's dark scheme).
 *
 * Where a nudge shows: the toast is fixed at the bottom right, above the launcher (which sits at
 * `--nectar-launcher-offset-x/-y` and is 52 px tall; the panel opens at the same height); the banner is fixed
 * across the top of the window; inline is in the page's flow. Both fixed ones keep clear of the notch and the
 * home indicator (`env(safe-area-inset-*)`) and fit a 320 px window.
 */
export const nudgeCss = `
:host{display:block}
:host([hidden]){display:none}
:host([text-size=large]){--nectar-large-text:max(20px,1.25rem)}
:host([text-size=normal]){--nectar-large-text:initial}
*,::before,::after{box-sizing:inherit}
[part~=base]{
--_accent:var(--nectar-color-accent,#1d4ed8);--_on-accent:var(--nectar-color-on-accent,#ffffff);
--_text:var(--nectar-color-text,#111827);--_muted:var(--nectar-color-muted,#4b5563);
--_bg:var(--nectar-color-background,#ffffff);--_border:var(--nectar-color-border,#6b7280);
--_radius:var(--nectar-radius,0.5rem);--_space:var(--nectar-spacing,1rem);
position:relative;box-sizing:border-box;min-width:0;padding:var(--_space);
border:1px solid var(--_border);border-radius:var(--_radius);overflow-wrap:anywhere;
color:var(--_text);background:var(--_bg);line-height:1.5;font-size:var(--nectar-large-text,var(--nectar-font-size,1rem));
font-family:var(--nectar-font-family,system-ui,-apple-system,'Segoe UI','PingFang SC','Microsoft JhengHei',sans-serif)}
@media (prefers-color-scheme:dark){:host(:not([theme=light])) [part~=base]{
--_accent:var(--nectar-color-accent,#93c5fd);--_on-accent:var(--nectar-color-on-accent,#0b1220);
--_text:var(--nectar-color-text,#f3f4f6);--_muted:var(--nectar-color-muted,#c4c9d2);
--_bg:var(--nectar-color-background,#111827);--_border:var(--nectar-color-border,#9ca3af)}}
:host([theme=dark]) [part~=base]{
--_accent:var(--nectar-color-accent,#93c5fd);--_on-accent:var(--nectar-color-on-accent,#0b1220);
--_text:var(--nectar-color-text,#f3f4f6);--_muted:var(--nectar-color-muted,#c4c9d2);
--_bg:var(--nectar-color-background,#111827);--_border:var(--nectar-color-border,#9ca3af)}
:focus-visible{outline:3px solid var(--_accent);outline-offset:2px}
button{min-height:max(44px,2.4em);min-width:44px;padding:.5em 1.1em;border:1px solid var(--_accent);border-radius:var(--_radius);
background:var(--_bg);color:var(--_text);font:inherit;font-weight:600;cursor:pointer}
[part~=action]:first-child{background:var(--_accent);color:var(--_on-accent)}
[part~=title]{margin:0 0 .25rem;padding-inline-end:2.5rem;font-weight:700;font-size:1.05em;line-height:1.3}
[part~=body]{margin:0}
[part~=actions]{display:flex;flex-wrap:wrap;gap:calc(var(--_space)*.5);margin-top:calc(var(--_space)*.75)}
[part~=close],[part~=never]{border-color:transparent;background:transparent;color:var(--_muted)}
[part~=close]{position:absolute;top:.25rem;inset-inline-end:.25rem;display:inline-flex;align-items:center;justify-content:center;padding:0}
[part~=never]{display:block;margin-top:.25rem;padding-inline:0;font-size:max(.875em,var(--nectar-large-text,0px));font-weight:400;text-align:start;text-decoration:underline}
.toast,.banner{position:fixed;z-index:var(--nectar-z-index,2147483000);filter:drop-shadow(0 6px 16px rgb(0 0 0/.25))}
.toast{--_x:var(--nectar-launcher-offset-x,20px);
--_above:calc(var(--nectar-launcher-offset-y,20px) + 64px + env(safe-area-inset-bottom,0px));
left:calc(var(--_x) + env(safe-area-inset-left,0px));right:calc(var(--_x) + env(safe-area-inset-right,0px));
bottom:var(--_above);max-width:24rem;margin-left:auto}
.banner{--_from:-1rem;top:0;left:0;right:0}
.toast>*,.banner>*{max-height:calc(100vh - var(--_above,0px) - 1rem);overflow:auto}
.banner [part~=base]{padding-top:calc(var(--_space)*.75 + env(safe-area-inset-top,0px));
padding-inline:max(var(--_space),env(safe-area-inset-left,0px)) max(var(--_space),env(safe-area-inset-right,0px));
border-width:0 0 1px;border-radius:0}
.banner [part~=close]{top:calc(.25rem + env(safe-area-inset-top,0px))}
@media (prefers-reduced-motion:no-preference){
button{transition:background-color 120ms ease,box-shadow 120ms ease}
.toast>*,.banner>*{animation:nectar-nudge-in 200ms ease-out}}
@keyframes nectar-nudge-in{from{transform:translateY(var(--_from,1rem));opacity:0}}
`;
