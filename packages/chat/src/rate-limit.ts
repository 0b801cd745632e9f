/** A per-key sliding window: at most `requests` in any `windowMs`. */
export interface SlidingWindow {
  /** Counts one request for `key` at `nowMs`; returns 0 when allowed, else the milliseconds until one is. */
  take(key: string, nowMs: number): number;
}

/**
 * Per-partner request limiting with a sliding log of request times, kept in memory (one `silta serve`
 * process). Refused requests are not counted, so a partner that backs off for `Retry-After` gets through.
 *
 * @example
 * const limiter = createSlidingWindow({ requests: 600, windowMs: 60_000 });
 * const waitMs = limiter.take('asiakaspalvelu-ab', Date.now());
 */
export function createSlidingWindow(options: { requests: number; windowMs: number }): SlidingWindow {
  const log = new Map<string, number[]>();
  return {
    take: function takeSlot(key, nowMs) {
      const since = nowMs - options.windowMs;
      const times = (log.get(key) ?? []).filter((t) => t > since);
      if (times.length >= options.requests) {
        log.set(key, times);
        return Math.max(1, times[0]! + options.windowMs - nowMs);
      }
      times.push(nowMs);
      log.set(key, times);
      return 0;
    },
  };
}
