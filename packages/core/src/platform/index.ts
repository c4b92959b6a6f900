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
}

// In-page mutex: the fallback without Web Locks, so clients on one page still take turns.
const pageLocks = new Map<string, Promise<unknown>>();
export function withPageLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
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
  };
}

/** In-memory twin: connectivity and visibility are switched by the test. */
export interface MemoryPlatform extends Platform {
  setOnline(online: boolean): void;
  becomeVisible(): void;
}

export function memoryPlatform(options: { online?: boolean; language?: string } = {}): MemoryPlatform {
  let online = options.online ?? true;
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
  };
}
