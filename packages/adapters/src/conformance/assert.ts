/** Tiny assertions so the kit runs under node:test, mocha or web-test-runner alike. */
export class ConformanceFailure extends Error {
  override name = 'ConformanceFailure';
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ConformanceFailure(message);
}

export function equal<T>(actual: T, expected: T, message: string): void {
  if (actual !== expected)
    throw new ConformanceFailure(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Awaits `promise` (at most `ms`), expecting it to reject with an error accepted by `guard`. */
export async function rejectsWith<E>(
  promise: Promise<unknown>,
  guard: (e: unknown) => e is E,
  message: string,
  ms = 10_000,
): Promise<E> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  try {
    const outcome = await Promise.race([
      promise.then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
      timeout,
    ]);
    if (outcome === 'timeout') throw new ConformanceFailure(`${message}: still pending after ${ms} ms`);
    if (outcome.ok) throw new ConformanceFailure(`${message}: resolved instead (${preview(outcome.value)})`);
    if (!guard(outcome.error))
      throw new ConformanceFailure(`${message}: got ${describeError(outcome.error)}`, { cause: outcome.error });
    return outcome.error;
  } finally {
    clearTimeout(timer);
  }
}

export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** A safe error message: short, and without any of the given secrets. */
export function checkSafeError(e: unknown, secrets: readonly string[], what: string): void {
  const text = e instanceof Error ? `${e.message} ${JSON.stringify(e)}` : String(e);
  for (const secret of secrets) check(!text.includes(secret), `${what}: the error leaks a secret`);
  if (e instanceof Error) check(e.message.length <= 300, `${what}: the error message is not a short safe message`);
}
