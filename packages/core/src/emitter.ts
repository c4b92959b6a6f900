import type { Unsubscribe } from './types.ts';

export interface Emitter<M> {
  on<K extends keyof M>(name: K, handler: (detail: M[K]) => void): Unsubscribe;
  emit<K extends keyof M>(name: K, detail: M[K]): void;
  /** Number of handlers of one event (or of all). */
  listenerCount(name?: keyof M): number;
  clear(): void;
}

/**
 * A small typed event emitter. `on` returns its unsubscribe; a handler that throws is
 * reported with `console.error` and does not stop the other handlers.
 */
export function createEmitter<M>(): Emitter<M> {
  const handlers = new Map<keyof M, Set<(detail: never) => void>>();
  return {
    on(name, handler) {
      let set = handlers.get(name);
      if (!set) handlers.set(name, (set = new Set()));
      const h = handler as (detail: never) => void;
      set.add(h);
      return () => {
        set.delete(h);
      };
    },
    emit(name, detail) {
      const set = handlers.get(name);
      if (!set) return;
      for (const handler of [...set]) {
        try {
          (handler as (detail: M[typeof name]) => void)(detail);
        } catch (error) {
          console.error(`[nectar] a "${String(name)}" handler threw`, error);
        }
      }
    },
    listenerCount(name) {
      if (name !== undefined) return handlers.get(name)?.size ?? 0;
      let n = 0;
      for (const set of handlers.values()) n += set.size;
      return n;
    },
    clear() {
      handlers.clear();
    },
  };
}
