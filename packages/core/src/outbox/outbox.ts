/**
 * The durable outbox: every write is stored (with its idempotency keys) before it is sent,
 * sent by one tab at a time, and removed only once the service confirmed it.
 */
import { NectarError, isRateLimitedError, isRetryable } from '../errors.ts';
import type { Platform } from '../platform/index.ts';
import type { NectarStore, OutboxEntry } from './store.ts';

export type { OutboxEntry, NectarStore, StoredTicket } from './store.ts';
export { memoryStore, openIdbStore, resilientStore, dbName } from './store.ts';

/** Sends entries of one `kind`. */
export interface OutboxSender<P = unknown, R = unknown> {
  /**
   * Sends the entry. Call `saveProgress` with the updated payload after each confirmed step
   * (e.g. an uploaded attachment) so a retry continues where this one stopped.
   */
  send(entry: OutboxEntry<P>, saveProgress: (payload: P) => Promise<void>): Promise<R>;
  /** Keeps what must outlive the entry (e.g. the receipt); runs before the entry is removed. */
  confirmed?(entry: OutboxEntry<P>, result: R): Promise<void>;
  /** The result of an entry another tab already sent, if it can be found. */
  recover?(id: string): Promise<R | undefined>;
}

export interface OutboxOptions {
  namespace: string;
  store: Promise<NectarStore>;
  platform: Platform;
  /** A write went through (`direct` when `sendNow` sent it). */
  onSent(entry: OutboxEntry, result: unknown, direct: boolean): void;
  /** A write was refused for good and removed. */
  onRefused(entry: OutboxEntry, error: unknown, direct: boolean): void;
  /** Backoff after a retryable failure, in ms, by attempt (1, 2, …). */
  backoff?: (attempt: number) => number;
}

export interface Outbox {
  register<P, R>(kind: string, sender: OutboxSender<P, R>): void;
  /**
   * Stores a new entry (before anything is sent). `claim` reserves it for a `sendNow` by this
   * tab, so a flush running meanwhile (here or in another tab) does not send it too.
   */
  add<P>(kind: string, id: string, payload: P, options?: { claim?: boolean }): Promise<OutboxEntry<P>>;
  /** Sends one entry now (under the lock); rejects with the typed error when it fails. */
  sendNow<R>(id: string): Promise<R>;
  /**
   * Sends every pending entry, oldest first, stopping at the first retryable failure.
   * `force` also sends entries still waiting for their backoff (not those rate-limited).
   */
  flush(options?: { force?: boolean }): Promise<void>;
  pending(): Promise<OutboxEntry[]>;
  /**
   * Removes pending entries that a newer one replaces (e.g. an earlier answer to the same survey),
   * under the lock so none of them is being sent meanwhile. Entries another send has claimed stay.
   * Resolves with the ids removed.
   */
  supersede(match: (entry: OutboxEntry) => boolean): Promise<string[]>;
  stop(): void;
}

/** How long a direct send keeps its entry to itself (longer than its transport retries take). */
const CLAIM_MS = 60_000;

/** Exponential backoff with jitter: ~2 s, 4 s, 8 s … capped at 5 min. */
export const defaultBackoff = (attempt: number) =>
  Math.min(300_000, 2000 * 2 ** Math.max(0, attempt - 1)) * (0.5 + Math.random() * 0.5);

export function createOutbox(options: OutboxOptions): Outbox {
  const { platform, store } = options;
  const senders = new Map<string, OutboxSender>();
  const lockName = `nectar-outbox:${options.namespace}`;
  const backoff = options.backoff ?? defaultBackoff;
  let cancelTimer: (() => void) | undefined;
  let stopped = false;
  let flushing: Promise<void> | undefined;
  let flushAgain: { force: boolean } | undefined;

  async function process(entry: OutboxEntry, direct: boolean): Promise<unknown> {
    const sender = senders.get(entry.kind);
    if (!sender) throw new NectarError(`No sender for outbox entries of kind "${entry.kind}"`, 'outbox_kind');
    const s = await store;
    const saveProgress = async (payload: unknown) => {
      entry.payload = payload;
      await s.putEntry(entry);
    };
    let result: unknown;
    try {
      result = await sender.send(entry, saveProgress);
    } catch (error) {
      if (isRetryable(error)) {
        delete entry.claimedUntil;
        entry.attempts += 1;
        entry.lastError = (error as Error)?.name ?? 'Error';
        entry.nextAttemptAt = platform.now() + backoff(entry.attempts);
        if (isRateLimitedError(error)) entry.notBefore = platform.now() + Math.max(0, error.retryAfter) * 1000;
        await s.putEntry(entry);
      } else {
        await s.deleteEntry(entry.id);
        options.onRefused(entry, error, direct);
      }
      throw error;
    }
    await sender.confirmed?.(entry, result);
    await s.deleteEntry(entry.id);
    options.onSent(entry, result, direct);
    return result;
  }

  function schedule(entries: OutboxEntry[]) {
    cancelTimer?.();
    cancelTimer = undefined;
    if (stopped || entries.length === 0) return;
    const due = Math.min(...entries.map((e) => Math.max(e.nextAttemptAt ?? 0, e.notBefore ?? 0, e.claimedUntil ?? 0)));
    const delay = Math.max(50, due - platform.now());
    cancelTimer = platform.setTimer(() => void outbox.flush().catch(() => undefined), delay);
  }

  async function runFlush(force: boolean): Promise<void> {
    const s = await store;
    await platform.withLock(lockName, async () => {
      // Re-read inside the lock: another tab may have sent (and removed) entries meanwhile.
      const entries = (await s.allEntries()).sort((a, b) => a.createdAt - b.createdAt);
      const now = platform.now();
      for (const entry of entries) {
        if (stopped || !platform.isOnline()) break;
        if ((entry.notBefore ?? 0) > now || (entry.claimedUntil ?? 0) > now) continue;
        if (!force && (entry.nextAttemptAt ?? 0) > now) continue;
        try {
          await process(entry, false);
        } catch (error) {
          if (isRetryable(error)) break;
        }
      }
    });
    schedule(await s.allEntries());
  }

  const outbox: Outbox = {
    register(kind, sender) {
      senders.set(kind, sender as OutboxSender);
    },
    async add(kind, id, payload, { claim = false } = {}) {
      const entry: OutboxEntry<typeof payload> = { id, kind, createdAt: platform.now(), attempts: 0, payload };
      if (claim) entry.claimedUntil = platform.now() + CLAIM_MS;
      await (await store).putEntry(entry);
      return entry;
    },
    async sendNow<R>(id: string) {
      const s = await store;
      try {
        return (await platform.withLock(lockName, async () => {
          const entry = await s.getEntry(id);
          if (entry) return process(entry, true);
          for (const sender of senders.values()) {
            const result = await sender.recover?.(id);
            if (result !== undefined) return result;
          }
          throw new NectarError('This write is no longer in the outbox', 'outbox_missing');
        })) as R;
      } finally {
        schedule(await s.allEntries());
      }
    },
    flush({ force = true } = {}) {
      if (stopped) return Promise.resolve();
      if (flushing) {
        // One flush at a time; ask for one more pass when it ends.
        flushAgain = { force: force || (flushAgain?.force ?? false) };
        return flushing;
      }
      const run = async () => {
        try {
          await runFlush(force);
          while (flushAgain && !stopped) {
            const again = flushAgain;
            flushAgain = undefined;
            await runFlush(again.force);
          }
        } finally {
          flushing = undefined;
        }
      };
      flushing = run();
      return flushing;
    },
    async pending() {
      return (await (await store).allEntries()).sort((a, b) => a.createdAt - b.createdAt);
    },
    async supersede(match) {
      const s = await store;
      return platform.withLock(lockName, async () => {
        const now = platform.now();
        const removed: string[] = [];
        for (const entry of await s.allEntries()) {
          if ((entry.claimedUntil ?? 0) > now || !match(entry)) continue;
          await s.deleteEntry(entry.id);
          removed.push(entry.id);
        }
        return removed;
      });
    },
    stop() {
      stopped = true;
      cancelTimer?.();
    },
  };
  return outbox;
}
