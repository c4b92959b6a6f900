/**
 * IndexedDB in promises, as much as Nectar uses (a replacement for `idb`'s `openDB` and its one-request
 * shortcuts, at a quarter of its bytes: every page with a widget loads it). Each call is its own
 * transaction; a write resolves once its transaction commits, as `idb`'s shortcuts do. A newer version of the
 * database opened by another tab makes this one close (it steps aside rather than block the upgrade).
 */

export interface Database {
  get(store: string, key: IDBValidKey): Promise<unknown>;
  getAll(store: string): Promise<unknown[]>;
  /** `key` only for a store without a key path. */
  put(store: string, value: unknown, key?: IDBValidKey): Promise<void>;
  delete(store: string, key: IDBValidKey): Promise<void>;
  clear(store: string): Promise<void>;
  close(): void;
}

/** Opens (and creates or upgrades) a database; `upgrade` gets the version it had (0 when new). */
export function openDatabase(
  name: string,
  version: number,
  upgrade: (db: IDBDatabase, oldVersion: number) => void,
): Promise<Database> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, version);
    open.onupgradeneeded = (e) => upgrade(open.result, e.oldVersion);
    open.onerror = () => reject(open.error ?? new Error(`IndexedDB ${name} did not open`));
    open.onsuccess = () => {
      const db = open.result;
      db.onversionchange = () => db.close();
      const run = <T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>) =>
        new Promise<T>((done, fail) => {
          const tx = db.transaction(store, mode);
          const request = fn(tx.objectStore(store));
          tx.oncomplete = () => done(request.result);
          tx.onerror = tx.onabort = () => fail(tx.error ?? request.error);
        });
      resolve({
        get: (store, key) => run(store, 'readonly', (s) => s.get(key)),
        getAll: (store) => run(store, 'readonly', (s) => s.getAll()),
        put: async (store, value, key) => void (await run(store, 'readwrite', (s) => s.put(value, key))),
        delete: async (store, key) => void (await run(store, 'readwrite', (s) => s.delete(key))),
        clear: async (store) => void (await run(store, 'readwrite', (s) => s.clear())),
        close: () => db.close(),
      });
    };
  });
}
