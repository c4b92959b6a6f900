/**
 * Background work on an interval, one run at a time: a tick while a run is in progress joins it rather than
 * starting a second. Errors go to `onError` (the work is retried on the next tick). The timer never keeps the
 * process alive; `stop()` clears it and waits for a run in progress.
 */
export interface Every {
  /** Runs now (or joins the run in progress); resolves when it is done. */
  run(): Promise<void>;
  stop(): Promise<void>;
}

export function every(
  intervalMs: number,
  work: () => Promise<unknown>,
  onError: (error: unknown) => void,
  options: { now?: boolean } = {},
): Every {
  let running: Promise<void> | undefined;
  const run = () =>
    (running ??= work()
      .then(() => undefined, onError)
      .finally(() => (running = undefined)));
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  if (options.now) void run();
  return {
    run,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
