/**
 * What the nudge engine hears from the page: navigation (the Navigation API's `currententrychange`, else `history.pushState` /
 * `replaceState`, `popstate` and `hashchange`), scroll depth, exit intent (the pointer leaving through the top
 * of the window, on devices with a fine pointer only), activity (for `idle`) and the page being hidden (to
 * send what waits). Feature-detected, passive listeners, removed by the returned function; tests use a twin.
 */
import type { Unsubscribe } from '../types.ts';

export interface SignalSink {
  /** The page's path with its query changed (a single-page app navigated). */
  navigate(path: string): void;
  /** How far the page is scrolled, 0–100. */
  scroll(percent: number): void;
  exitIntent(): void;
  /** Input of any kind (pointer, keys, scroll, touch). */
  activity(): void;
  /** The page is being hidden or left: send what waits. */
  hide(): void;
}

export interface NudgeSignals {
  /** The page's path with its query (`/returns?order=1`). */
  path(): string;
  device(): 'mobile' | 'desktop';
  /** Starts listening; returns the function that stops. */
  listen(sink: SignalSink): Unsubscribe;
}

const PATCHED = Symbol.for('nectar.history');

/** `history.pushState`/`replaceState` dispatch `nectar-locationchange` on window (once per page, whoever asks). */
function patchHistory(): void {
  const h = history as History & { [PATCHED]?: true };
  if (h[PATCHED]) return;
  h[PATCHED] = true;
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = h[method];
    h[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      dispatchEvent(new Event('nectar-locationchange'));
      return result;
    };
  }
}

export function browserSignals(): NudgeSignals {
  const path = () => location.pathname + location.search;
  return {
    path,
    device: () =>
      matchMedia('(pointer: coarse)').matches || matchMedia('(max-width: 767px)').matches ? 'mobile' : 'desktop',
    listen(sink) {
      const offs: Unsubscribe[] = [];
      const on = (target: EventTarget, type: string, fn: (e: Event) => void) => {
        target.addEventListener(type, fn, { passive: true, capture: true });
        offs.push(() => target.removeEventListener(type, fn, { capture: true }));
      };
      let last = path();
      const changed = () => {
        const now = path();
        if (now === last) return;
        last = now;
        sink.navigate(now);
      };
      const nav = (globalThis as { navigation?: EventTarget }).navigation;
      if (nav) on(nav, 'currententrychange', changed);
      else patchHistory();
      on(window, 'nectar-locationchange', changed);
      on(window, 'popstate', changed);
      on(window, 'hashchange', changed);

      let frame = 0;
      on(window, 'scroll', () => {
        sink.activity();
        if (frame) return;
        frame = requestAnimationFrame(() => {
          frame = 0;
          const el = document.documentElement;
          const room = el.scrollHeight - innerHeight;
          sink.scroll(room <= 0 ? 100 : Math.min(100, Math.round((scrollY / room) * 100)));
        });
      });
      const fine = matchMedia('(pointer: fine)');
      on(document, 'mouseout', (e) => {
        const m = e as MouseEvent;
        if (!m.relatedTarget && m.clientY <= 0 && fine.matches) sink.exitIntent();
      });
      for (const type of ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel']) {
        on(document, type, () => sink.activity());
      }
      on(window, 'pagehide', () => sink.hide());
      on(document, 'visibilitychange', () => {
        if (document.visibilityState === 'hidden') sink.hide();
      });
      return () => {
        if (frame) cancelAnimationFrame(frame);
        for (const off of offs.splice(0)) off();
      };
    },
  };
}
