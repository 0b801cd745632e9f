/** A pass run in the background: `wake()` to run it now, `stop()` to finish the current pass and end. */
export interface BackgroundLoop {
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Runs `pass` now, then again `intervalMs` after each pass ends and whenever woken. A wake runs a pass
 * `debounceMs` later (so a burst of wakes makes one pass over a batch, not one pass each), and a wake during
 * a pass runs one more pass right after it, so work enqueued meanwhile never waits for the interval.
 *
 * @example
 * const loop = runInBackground((signal) => deliver({ store, connections, signal }), { intervalMs: 1000 });
 * await loop.stop();
 */
export function runInBackground(
  pass: (signal: AbortSignal) => Promise<unknown>,
  options: { intervalMs?: number; debounceMs?: number; onError?: (error: unknown) => void } = {},
): BackgroundLoop {
  const controller = new AbortController();
  const debounceMs = options.debounceMs ?? 0;
  let timer: NodeJS.Timeout | undefined;
  let timerDue = Number.POSITIVE_INFINITY;
  let running: Promise<void> | undefined;
  let again = false;
  function schedule(delay: number): void {
    const due = Date.now() + delay;
    if (timer && timerDue <= due) return;
    if (timer) clearTimeout(timer);
    timerDue = due;
    timer = setTimeout(run, delay);
    timer.unref();
  }
  function run(): void {
    timer = undefined;
    timerDue = Number.POSITIVE_INFINITY;
    running = pass(controller.signal)
      .then(() => undefined, (error: unknown) => options.onError?.(error))
      .finally(() => {
        running = undefined;
        if (controller.signal.aborted) return;
        const woken = again;
        again = false;
        schedule(woken ? debounceMs : options.intervalMs ?? 1_000);
      });
  }
  function wake(): void {
    if (controller.signal.aborted) return;
    if (running) again = true;
    else schedule(debounceMs);
  }
  async function stop(): Promise<void> {
    controller.abort();
    if (timer) clearTimeout(timer);
    await running;
  }
  schedule(0);
  return { wake, stop };
}
