import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { openDatabase } from '@nectar/core/idb';

const DB_NAME = 'nectar-drafts';
const STORE = 'drafts';

/** The store a draft is kept in; IndexedDB keeps Blobs (photos) as they are. */
export interface DraftStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

let shared: Promise<DraftStore> | undefined;

/** IndexedDB when available, else memory for this page (private mode, blocked storage). */
export function draftStore(): Promise<DraftStore> {
  shared ??= openIdb().catch(() => memoryStore());
  return shared;
}

async function openIdb(): Promise<DraftStore> {
  if (typeof indexedDB === 'undefined') throw new Error('no IndexedDB');
  const db = await openDatabase(DB_NAME, 1, (database) => {
    database.createObjectStore(STORE);
  });
  return {
    get: (key) => db.get(STORE, key),
    set: async (key, value) => {
      await db.put(STORE, value, key);
    },
    delete: (key) => db.delete(STORE, key),
  };
}

function memoryStore(): DraftStore {
  const map = new Map<string, unknown>();
  return {
    get: async (key) => map.get(key),
    set: async (key, value) => void map.set(key, value),
    delete: async (key) => void map.delete(key),
  };
}

export interface DraftOptions<T> {
  /** Storage key of the draft (changes when the host's `draft-key` changes). */
  key: () => string;
  /** The current value to save. */
  read: () => T;
  /** Applies a restored value. */
  restore: (value: T) => void;
  /** Milliseconds of quiet before saving; default 400. */
  delay?: number;
}

/**
 * Autosaves a form's draft (debounced) and restores it when the host connects, so a
 * reload or a closed tab never loses what the shopper typed. Saves at once when the
 * page is hidden or the host disconnects.
 */
export class DraftController<T> implements ReactiveController {
  /** `restored` after a draft came back, `saved` after the last save; for a visible hint. */
  state: 'idle' | 'restored' | 'saved' = 'idle';
  /** Resolves when the draft (if any) has been restored. */
  ready: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending = false;
  private loadedKey: string | undefined;
  private readonly onHide = () => {
    if (document.visibilityState === 'hidden') void this.flush();
  };

  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: DraftOptions<T>;

  constructor(host: ReactiveControllerHost & HTMLElement, options: DraftOptions<T>) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onHide);
    window.addEventListener('pagehide', this.onHide);
    this.load();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onHide);
    window.removeEventListener('pagehide', this.onHide);
    void this.flush();
  }

  /** Loads the draft for the current key (again, if the key changed). */
  load(): void {
    const key = this.options.key();
    if (key === this.loadedKey) return;
    this.loadedKey = key;
    this.ready = draftStore()
      .then((store) => store.get(key))
      .then((value) => {
        if (value === undefined || key !== this.loadedKey) return;
        this.options.restore(value as T);
        this.state = 'restored';
        this.host.requestUpdate();
      })
      .catch(() => undefined);
  }

  /** Call after every change: saves after a short quiet period. */
  changed(): void {
    this.pending = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.options.delay ?? 400);
  }

  /** Saves now if something changed. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    if (!this.pending) return;
    this.pending = false;
    const key = this.options.key();
    const value = this.options.read();
    try {
      await this.ready;
      await (await draftStore()).set(key, value);
      this.state = 'saved';
      this.host.requestUpdate();
    } catch {
      // Quota or blocked storage: the form still holds the values; nothing else to do here.
    }
  }

  /** Forgets the draft (after the ticket was sent or queued in the outbox). */
  async clear(): Promise<void> {
    clearTimeout(this.timer);
    this.pending = false;
    this.state = 'idle';
    try {
      await (await draftStore()).delete(this.options.key());
    } catch {
      // Nothing to clear.
    }
  }
}
