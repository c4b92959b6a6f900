/** The tab session's small string store: `sessionStorage` where usable, else memory for this page. */
import type { SessionStore } from './survey.ts';

const memorySessions = new Map<string, string>();
/** `sessionStorage` when usable, else memory for this page. */
export function browserSession(): SessionStore {
  const memory: SessionStore = {
    get: (key) => memorySessions.get(key) ?? null,
    set: (key, value) => void memorySessions.set(key, value),
  };
  let storage: Storage | undefined;
  try {
    storage = globalThis.sessionStorage;
  } catch {
    // Blocked storage (sandboxed frame, privacy settings).
  }
  if (!storage) return memory;
  return {
    get(key) {
      try {
        return storage.getItem(key) ?? memory.get(key);
      } catch {
        return memory.get(key);
      }
    },
    set(key, value) {
      try {
        storage.setItem(key, value);
      } catch {
        memory.set(key, value);
      }
    },
  };
}
