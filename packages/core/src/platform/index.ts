/**
 * Browser specifics the core needs (connectivity, page visibility, cross-tab locks and
 * messages, page context), behind one small interface. `browserPlatform()` feature-detects
 * each API and degrades gracefully; `memoryPlatform()` is the in-memory twin for tests.
 */
import type { Unsubscribe } from '../types.ts';

export interface Channel {
  post(message: unknown): void;
  onMessage(handler: (message: unknown) => void): Unsubscribe;
  close(): void;
}

export interface Platform {
  isOnline(): boolean;
  /** Called when the browser comes back online. */
  onOnline(callback: () => void): Unsubscribe;
  /** Called when the page becomes visible again. */
  onVisible(callback: () => void): Unsubscribe;
  /** Runs `fn` holding an exclusive lock shared by every tab of the origin (Web Locks), or in-page only. */
  withLock<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** A channel to the other tabs of the origin (BroadcastChannel), if available. */
  openChannel(name: string): Channel | undefined;
  pageContext(): { url?: string; userAgent?: string };
  language(): string | undefined;
  /** The outbox's clock, ms since the epoch (`Date.now`; a test's virtual clock). */
  now(): number;
  /** Runs `fn` once after `ms` (`setTimeout`; a test's virtual timers). Returns its cancel. */
  setTimer(fn: () => void, ms: number): () => void;
}

const realTimer = (fn: () => void, ms: number) => {
  const id = setTimeout(fn, Math.min(Math.max(0, ms), 2 ** 31 - 1));
  return () => clearTimeout(id);
};

// In-page mutex: the fallback without Web Locks, so clients on one page still take turns.
const pageLocks = new Map<string, Promise<unknown>>();
function withPageLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const previous = pageLocks.get(name) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.catch(() => undefined);
  pageLocks.set(name, tail);
  void tail.then(() => {
    if (pageLocks.get(name) === tail) pageLocks.delete(name);
  });
  return run;
}

export function browserPlatform(): Platform {
  const w = typeof window !== 'undefined' ? window : undefined;
  const nav = typeof navigator !== 'undefined' ? navigator : undefined;
  return {
    isOnline: () => nav?.onLine !== false,
    onOnline(callback) {
      if (!w) return () => {};
      w.addEventListener('online', callback);
      return () => w.removeEventListener('online', callback);
    },
    onVisible(callback) {
      if (typeof document === 'undefined') return () => {};
      const listener = () => {
        if (document.visibilityState === 'visible') callback();
      };
      document.addEventListener('visibilitychange', listener);
      return () => document.removeEventListener('visibilitychange', listener);
    },
    withLock(name, fn) {
      const locks = nav?.locks;
      if (!locks || typeof locks.request !== 'function') return withPageLock(name, fn);
      return locks.request(name, { mode: 'exclusive' }, fn) as Promise<Awaited<ReturnType<typeof fn>>>;
    },
    openChannel(name) {
      if (typeof BroadcastChannel === 'undefined') return undefined;
      let bc: BroadcastChannel;
      try {
        bc = new BroadcastChannel(name);
      } catch {
        return undefined;
      }
      return {
        post: (message) => {
          try {
            bc.postMessage(message);
          } catch {
            // A closed channel or an uncloneable message: other tabs simply learn later.
          }
        },
        onMessage(handler) {
          const listener = (e: MessageEvent) => handler(e.data);
          bc.addEventListener('message', listener);
          return () => bc.removeEventListener('message', listener);
        },
        close: () => bc.close(),
      };
    },
    pageContext: () => ({
      url: typeof location !== 'undefined' ? location.href : undefined,
      userAgent: nav?.userAgent,
    }),
    language: () => nav?.language,
    now: () => Date.now(),
    setTimer: realTimer,
  };
}

/** In-memory twin: connectivity and visibility are switched by the test. */
export interface MemoryPlatform extends Platform {
  setOnline(online: boolean): void;
  becomeVisible(): void;
  /**
   * With `virtualTime`: moves the clock `ms` forward, firing the timers that fall due in order and
   * letting the work they start settle in between. Without it, waits `ms` of real time.
   */
  advance(ms: number): Promise<void>;
}

/** Lets pending promise chains and queued tasks run (a macrotask turn without timer clamping). */
const turn = () =>
  new Promise<void>((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(0);
  });

export function memoryPlatform(
  options: { online?: boolean; language?: string; virtualTime?: boolean } = {},
): MemoryPlatform {
  let online = options.online ?? true;
  let clock = Date.now();
  let timerSeq = 0;
  const timers = new Map<number, { at: number; seq: number; fn: () => void }>();
  const settle = async () => {
    for (let i = 0; i < 4; i++) await turn();
  };
  const onlineCbs = new Set<() => void>();
  const visibleCbs = new Set<() => void>();
  const channels = new Map<string, Set<(m: unknown) => void>>();
  return {
    isOnline: () => online,
    setOnline(value) {
      online = value;
      if (value) for (const cb of [...onlineCbs]) cb();
    },
    becomeVisible() {
      for (const cb of [...visibleCbs]) cb();
    },
    onOnline(cb) {
      onlineCbs.add(cb);
      return () => onlineCbs.delete(cb);
    },
    onVisible(cb) {
      visibleCbs.add(cb);
      return () => visibleCbs.delete(cb);
    },
    withLock: withPageLock,
    openChannel(name) {
      let peers = channels.get(name);
      if (!peers) channels.set(name, (peers = new Set()));
      const mine = new Set<(m: unknown) => void>();
      const deliver = (m: unknown) => mine.forEach((h) => h(m));
      peers.add(deliver);
      return {
        post: (message) => {
          for (const peer of peers) if (peer !== deliver) queueMicrotask(() => peer(structuredClone(message)));
        },
        onMessage(handler) {
          mine.add(handler);
          return () => mine.delete(handler);
        },
        close: () => peers.delete(deliver),
      };
    },
    pageContext: () => ({ url: 'about:blank', userAgent: 'memory' }),
    language: () => options.language,
    now: () => (options.virtualTime ? clock : Date.now()),
    setTimer(fn, ms) {
      if (!options.virtualTime) return realTimer(fn, ms);
      const seq = ++timerSeq;
      timers.set(seq, { at: clock + Math.max(0, ms), seq, fn });
      return () => timers.delete(seq);
    },
    async advance(ms) {
      if (!options.virtualTime) return new Promise((resolve) => setTimeout(resolve, ms));
      const target = clock + ms;
      for (;;) {
        await settle();
        let next: { at: number; seq: number; fn: () => void } | undefined;
        for (const t of timers.values()) if (t.at <= target && (!next || t.at < next.at)) next = t;
        if (!next) break;
        timers.delete(next.seq);
        clock = Math.max(clock, next.at);
        next.fn();
      }
      clock = target;
      await settle();
    },
  };
}
