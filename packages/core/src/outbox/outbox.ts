/**
 * The durable outbox: every write is stored (with its idempotency keys) before it is sent,
 * sent by one tab at a time, and removed only once the service confirmed it.
 */
import { NectarError, isNetworkError, isRateLimitedError, isRetryable } from '../errors.ts';
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
  /** The entry went through (`direct` when `submit` sent it at once): the sender emits its event. */
  sent?(entry: OutboxEntry<P>, result: R, direct: boolean): void;
  /** `submit` kept the entry for later (offline, or a retryable failure). */
  queued?(entry: OutboxEntry<P>): void;
}

/** What `Outbox.submit` did: sent now, or kept to be sent later (exactly once). */
export type Submission<R> = { state: 'sent'; result: R } | { state: 'queued'; localId: string };

export interface SubmitOptions {
  /** A pending entry of the same kind that this one replaces (e.g. an earlier answer to the same survey). */
  replaces?: (entry: OutboxEntry) => boolean;
  /** Runs once the entry is stored, before it is sent (e.g. remembering that a survey was answered). */
  stored?: () => Promise<void>;
}

export interface OutboxOptions {
  namespace: string;
  store: Promise<NectarStore>;
  platform: Platform;
  /** A write was refused for good and removed (`direct`: the caller of `submit` gets the rejection). */
  onRefused(entry: OutboxEntry, error: unknown, direct: boolean): void;
  /** The store failed (the write is then sent directly). */
  onStorageError?(error: unknown): void;
  /** Backoff after a retryable failure, in ms, by attempt (1, 2, …). */
  backoff?: (attempt: number) => number;
}

export interface Outbox {
  register<P, R>(kind: string, sender: OutboxSender<P, R>): void;
  /**
   * The one submission policy of every write (tickets, survey answers, events): store the entry,
   * then send it now when online, else keep it. Resolves `sent`, or `queued` when it is offline or
   * the failure is retryable (the outbox sends it later); rejects with the typed error when the
   * service refuses it (the entry is removed). The sender's `sent` / `queued` hooks emit its events.
   * Should the store itself fail, the write is reported (`onStorageError`) and sent directly.
   */
  submit<P, R>(kind: string, id: string, payload: P, options?: SubmitOptions): Promise<Submission<R>>;
  /**
   * Stores a new entry (before anything is sent). `claim` reserves it for a `sendNow` by this
   * tab, so a flush running meanwhile (here or in another tab) does not send it too.
   */
  add<P>(kind: string, id: string, payload: P, options?: { claim?: boolean }): Promise<OutboxEntry<P>>;
  /** Sends one entry now (under the lock); rejects with the typed error when it fails. */
  sendNow<R>(id: string): Promise<R>;
  /**
   * Sends the pending entries that are due, each on its own backoff: a retryable failure of one
   * entry backs off that entry only and the pass goes on with the next (entries that failed fewer
   * times first). While the service looks unreachable (a network error, or two retryable failures in
   * a row) the pass stops and the next one waits on a shared backoff, so an outage costs a few
   * attempts a minute however many entries wait.
   *
   * `force` is for an explicit request (`nectar.flush()`) and for the browser coming back online:
   * entries still waiting for their backoff are sent too, once each. Never forced: entries
   * rate-limited (`Retry-After`) or claimed by a direct send.
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

/** Floor of a flush timer, so a burst of due entries is sent in one pass. */
const MIN_TIMER_MS = 50;
/** Retryable failures in a row, in one pass, after which the service counts as unreachable. */
const FAILURES_TO_PAUSE = 2;

/** Exponential backoff with jitter: ~2 s, 4 s, 8 s … capped at 5 min. */
const defaultBackoff = (attempt: number) =>
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

  /**
   * Shared backoff while the service looks unreachable (`pauses` in a row): timer flushes wait for
   * it, so one probe goes out per step instead of one attempt per entry. Any answer of the service
   * (sent or refused) ends it.
   */
  let pauses = 0;
  let pausedUntil = 0;
  /** A 429 for one kind (e.g. events) holds back that kind only: the service budgets them apart. */
  const kindPausedUntil = new Map<string, number>();
  const reachable = () => {
    pauses = 0;
    pausedUntil = 0;
  };

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
        const now = platform.now();
        delete entry.claimedUntil;
        entry.attempts += 1;
        entry.lastError = (error as Error)?.name ?? 'Error';
        entry.nextAttemptAt = now + backoff(entry.attempts);
        if (isRateLimitedError(error)) {
          entry.notBefore = now + Math.max(0, error.retryAfter) * 1000;
          kindPausedUntil.set(entry.kind, entry.notBefore);
        }
        await s.putEntry(entry);
      } else {
        reachable();
        await s.deleteEntry(entry.id);
        options.onRefused(entry, error, direct);
      }
      throw error;
    }
    reachable();
    await sender.confirmed?.(entry, result);
    await s.deleteEntry(entry.id);
    sender.sent?.(entry, result, direct);
    return result;
  }

  /** When an entry may be sent by a pass that is not forced. */
  const dueAt = (e: OutboxEntry) =>
    Math.max(e.nextAttemptAt ?? 0, e.notBefore ?? 0, e.claimedUntil ?? 0, kindPausedUntil.get(e.kind) ?? 0);

  function schedule(entries: OutboxEntry[]) {
    cancelTimer?.();
    cancelTimer = undefined;
    // Offline: nothing is tried; the platform's online event flushes.
    if (stopped || entries.length === 0 || !platform.isOnline()) return;
    const due = Math.max(pausedUntil, Math.min(...entries.map(dueAt)));
    const delay = Math.max(MIN_TIMER_MS, due - platform.now());
    cancelTimer = platform.setTimer(() => void outbox.flush().catch(() => undefined), delay);
  }

  async function runFlush(force: boolean): Promise<void> {
    const s = await store;
    if (force) reachable();
    await platform.withLock(lockName, async () => {
      const now = platform.now();
      if (!force && pausedUntil > now) return;
      // Re-read inside the lock: another tab may have sent (and removed) entries meanwhile.
      // Entries that failed fewer times go first, so one that keeps failing holds back no other.
      const entries = (await s.allEntries()).sort((a, b) => a.attempts - b.attempts || a.createdAt - b.createdAt);
      let failures = 0;
      for (const entry of entries) {
        if (stopped || !platform.isOnline()) break;
        if ((entry.notBefore ?? 0) > now || (entry.claimedUntil ?? 0) > now) continue;
        if ((kindPausedUntil.get(entry.kind) ?? 0) > now) continue;
        if (!force && (entry.nextAttemptAt ?? 0) > now) continue;
        try {
          await process(entry, false);
          failures = 0;
        } catch (error) {
          if (!isRetryable(error)) {
            failures = 0;
            continue;
          }
          if (isRateLimitedError(error)) continue;
          failures += 1;
          if (isNetworkError(error) || failures >= FAILURES_TO_PAUSE) {
            // The service looks unreachable: the rest would fail the same way. Wait, then probe.
            pauses += 1;
            pausedUntil = platform.now() + backoff(pauses);
            break;
          }
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
    async submit<P, R>(kind: string, id: string, payload: P, submitOptions: SubmitOptions = {}) {
      const sender = senders.get(kind) as OutboxSender<P, R> | undefined;
      if (!sender) throw new NectarError(`No sender for outbox entries of kind "${kind}"`, 'outbox_kind');
      const online = platform.isOnline();
      let entry: OutboxEntry<P>;
      try {
        entry = await outbox.add(kind, id, payload, { claim: online });
      } catch (error) {
        // Not even memory could keep it (should not happen): report, then still try to send.
        options.onStorageError?.(error);
        entry = { id, kind, createdAt: platform.now(), attempts: 0, payload };
        await submitOptions.stored?.();
        const result = await sender.send(entry, async () => {});
        await sender.confirmed?.(entry, result).catch((e) => options.onStorageError?.(e));
        sender.sent?.(entry, result, true);
        return { state: 'sent', result };
      }
      const { replaces } = submitOptions;
      if (replaces) {
        await outbox
          .supersede((e) => e.kind === kind && e.id !== id && replaces(e))
          .catch((error) => options.onStorageError?.(error));
      }
      await submitOptions.stored?.();
      if (online) {
        try {
          return { state: 'sent', result: await outbox.sendNow<R>(id) };
        } catch (error) {
          if (!isRetryable(error)) throw error;
        }
      }
      sender.queued?.(entry);
      return { state: 'queued', localId: id };
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
    flush({ force = false } = {}) {
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
