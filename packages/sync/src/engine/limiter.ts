/** A counting semaphore: at most `limit` tasks run at once, the rest wait in arrival order. */
export interface ConcurrencyLimiter {
  readonly limit: number;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a slot. */
  readonly pending: number;
  run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * Creates a limiter; the engine keeps one per connection so a vendor never sees more parallel streams
 * than the connection allows, however many schedules fire at once.
 *
 * @example
 * const limit = createLimiter(2);
 * await Promise.all(streams.map((s) => limit.run(() => runOne(s)))); // never more than 2 at once
 */
export function createLimiter(limit: number): ConcurrencyLimiter {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`concurrency must be a whole number of at least 1, got ${String(limit)}`);
  }
  let active = 0;
  const waiting: Array<() => void> = [];

  function release(): void {
    active--;
    const next = waiting.shift();
    if (next) next();
  }

  async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      release();
    }
  }

  return {
    limit,
    get active() { return active; },
    get pending() { return waiting.length; },
    run,
  };
}
