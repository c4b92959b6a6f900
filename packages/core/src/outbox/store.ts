/**
 * Durable storage of the outbox and of the tickets this browser created. IndexedDB (through
 * `platform/idb.ts`) in browsers; an in-memory twin where IndexedDB is unavailable and in tests.
 */
import { openDatabase, type Database } from '../platform/idb.ts';
import type { LocalTicket } from '../types.ts';

/** One write waiting to be confirmed by the service. `kind` selects its sender (`ticket`, later `feedback`, `events`…). */
export interface OutboxEntry<P = unknown> {
  /** Local id (`localId` of `SubmitResult`). */
  id: string;
  kind: string;
  createdAt: number;
  attempts: number;
  /** Backoff: not sent before this time (ms since epoch), except by a forced flush (`nectar.flush()`, back online). */
  nextAttemptAt?: number;
  /** Rate limit: not sent at all before this time. */
  notBefore?: number;
  /** Being sent directly by the tab that created it: other flushes leave it alone until then. */
  claimedUntil?: number;
  lastError?: string;
  payload: P;
}

/** A local ticket as stored: with the outbox entry it came from. */
export interface StoredTicket extends LocalTicket {
  localId?: string;
}

export interface NectarStore {
  readonly kind: 'indexeddb' | 'memory';
  getEntry(id: string): Promise<OutboxEntry | undefined>;
  putEntry(entry: OutboxEntry): Promise<void>;
  deleteEntry(id: string): Promise<void>;
  allEntries(): Promise<OutboxEntry[]>;
  getTicket(id: string): Promise<StoredTicket | undefined>;
  putTicket(ticket: StoredTicket): Promise<void>;
  allTickets(): Promise<StoredTicket[]>;
  clearTickets(): Promise<void>;
  /** Small values that must outlive a reload (survey answers, the survey respondent id). */
  getMeta<T = unknown>(key: string): Promise<T | undefined>;
  putMeta(key: string, value: unknown): Promise<void>;
  close(): void;
}

export function memoryStore(): NectarStore {
  const entries = new Map<string, OutboxEntry>();
  const tickets = new Map<string, StoredTicket>();
  const meta = new Map<string, unknown>();
  // Copies keep the semantics of IndexedDB: what is stored does not change with the caller's object.
  const copy = <T>(v: T): T => structuredClone(v);
  return {
    kind: 'memory',
    getEntry: async (id) => (entries.has(id) ? copy(entries.get(id)) : undefined),
    putEntry: async (e) => void entries.set(e.id, copy(e)),
    deleteEntry: async (id) => void entries.delete(id),
    allEntries: async () => [...entries.values()].map(copy),
    getTicket: async (id) => (tickets.has(id) ? copy(tickets.get(id)) : undefined),
    putTicket: async (t) => void tickets.set(t.id, copy(t)),
    allTickets: async () => [...tickets.values()].map(copy),
    clearTickets: async () => tickets.clear(),
    getMeta: async <T>(key: string) => (meta.has(key) ? (copy(meta.get(key)) as T) : undefined),
    putMeta: async (key, value) => void meta.set(key, copy(value)),
    close: () => {},
  };
}

export const dbName = (namespace: string) => `nectar:${namespace}`;

/**
 * Opens the IndexedDB store of a namespace. Rejects when IndexedDB is missing, refuses to
 * open (private mode, disabled) or stays blocked longer than `timeoutMs`.
 */
export async function openIdbStore(namespace: string, timeoutMs = 5000): Promise<NectarStore> {
  if (typeof indexedDB === 'undefined' || indexedDB === null) throw new Error('IndexedDB is not available');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('IndexedDB open timed out (blocked)')), timeoutMs);
  });
  // A newer version waiting in another tab makes this one step aside (close): see openDatabase.
  const opening = openDatabase(dbName(namespace), 2, (db, oldVersion) => {
    if (oldVersion < 1) {
      db.createObjectStore('outbox', { keyPath: 'id' });
      db.createObjectStore('tickets', { keyPath: 'id' });
    }
    // Version 2: survey state and the respondent id (out-of-line keys).
    if (oldVersion < 2) db.createObjectStore('meta');
  });
  let db: Database;
  try {
    db = await Promise.race([opening, timeout]);
  } catch (error) {
    void opening.then((late) => late.close()).catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return {
    kind: 'indexeddb',
    getEntry: (id) => db.get('outbox', id) as Promise<OutboxEntry | undefined>,
    putEntry: (e) => db.put('outbox', e),
    deleteEntry: (id) => db.delete('outbox', id),
    allEntries: () => db.getAll('outbox') as Promise<OutboxEntry[]>,
    getTicket: (id) => db.get('tickets', id) as Promise<StoredTicket | undefined>,
    putTicket: (t) => db.put('tickets', t),
    allTickets: () => db.getAll('tickets') as Promise<StoredTicket[]>,
    clearTickets: () => db.clear('tickets'),
    getMeta: async <T>(key: string) => (await db.get('meta', key)) as T | undefined,
    putMeta: (key, value) => db.put('meta', value, key),
    close: () => db.close(),
  };
}

/**
 * Wraps a durable store so that a failed write (quota exceeded, a disk error) is reported
 * through `onError` and kept in memory instead: the write is never dropped silently.
 */
export function resilientStore(primary: NectarStore, onError: (error: unknown) => void): NectarStore {
  const spare = memoryStore();
  const merge = <T extends { id: string }>(a: T[], b: T[]) => {
    const byId = new Map(a.map((x) => [x.id, x]));
    for (const x of b) byId.set(x.id, x);
    return [...byId.values()];
  };
  const read = async <T>(fn: () => Promise<T>, fallback: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      onError(error);
      return fallback();
    }
  };
  const write = async (fn: () => Promise<void>, spareWrite: () => Promise<void>, spareDelete: () => Promise<void>) => {
    try {
      await fn();
      await spareDelete();
    } catch (error) {
      onError(error);
      await spareWrite();
    }
  };
  return {
    kind: primary.kind,
    getEntry: async (id) =>
      (await spare.getEntry(id)) ??
      read(
        () => primary.getEntry(id),
        async () => undefined,
      ),
    putEntry: (e) =>
      write(
        () => primary.putEntry(e),
        () => spare.putEntry(e),
        () => spare.deleteEntry(e.id),
      ),
    deleteEntry: async (id) => {
      await spare.deleteEntry(id);
      await primary.deleteEntry(id);
    },
    allEntries: async () =>
      merge(
        await read(
          () => primary.allEntries(),
          async () => [],
        ),
        await spare.allEntries(),
      ),
    getTicket: async (id) =>
      (await spare.getTicket(id)) ??
      read(
        () => primary.getTicket(id),
        async () => undefined,
      ),
    putTicket: (t) =>
      write(
        () => primary.putTicket(t),
        () => spare.putTicket(t),
        async () => {},
      ),
    allTickets: async () =>
      merge(
        await read(
          () => primary.allTickets(),
          async () => [],
        ),
        await spare.allTickets(),
      ),
    clearTickets: async () => {
      await spare.clearTickets();
      await primary.clearTickets();
    },
    getMeta: async <T>(key: string) =>
      (await spare.getMeta<T>(key)) ??
      read(
        () => primary.getMeta<T>(key),
        async () => undefined,
      ),
    putMeta: (key, value) =>
      write(
        () => primary.putMeta(key, value),
        () => spare.putMeta(key, value),
        () => spare.putMeta(key, undefined),
      ),
    close: () => primary.close(),
  };
}
