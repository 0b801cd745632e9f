/**
 * Freshdesk's account-wide budget as fixed windows: every request spends its credits in the window it
 * arrives in; a request that would overspend gets 429 with `Retry-After` (seconds to the window's end).
 * Windows are aligned to the simulator's start so a short window (a few seconds) shows several quickly.
 */
export interface WindowUsage {
  index: number;
  used: number;
  rejected: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  total: number;
  remaining: number;
  cost: number;
  retryAfterSeconds: number;
}

export interface FixedWindowLimiter {
  readonly limit: number;
  readonly windowMs: number;
  take(cost: number, at?: number): RateLimitDecision;
  windows(): WindowUsage[];
  /** Starts the windows afresh at `origin` (the simulator does so when it starts listening). */
  restart(origin: number): void;
}

/**
 * @example
 * const limiter = createFixedWindowLimiter({ limit: 50, windowMs: 60_000, origin: Date.now() });
 * limiter.take(1).allowed; // true until 50 credits are spent in this window
 */
export function createFixedWindowLimiter(options: { limit: number; windowMs: number; origin: number }): FixedWindowLimiter {
  const usage = new Map<number, WindowUsage>();
  let origin = options.origin;
  function windowOf(at: number): WindowUsage {
    const index = Math.floor((at - origin) / options.windowMs);
    let w = usage.get(index);
    if (!w) {
      w = { index, used: 0, rejected: 0 };
      usage.set(index, w);
    }
    return w;
  }
  return {
    limit: options.limit,
    windowMs: options.windowMs,
    take: function take(cost, at = Date.now()) {
      const w = windowOf(at);
      const windowEnd = origin + (w.index + 1) * options.windowMs;
      const retryAfterSeconds = Math.max(1, Math.ceil((windowEnd - at) / 1000));
      if (w.used + cost > options.limit) {
        w.rejected++;
        return { allowed: false, total: options.limit, remaining: Math.max(0, options.limit - w.used), cost, retryAfterSeconds };
      }
      w.used += cost;
      return { allowed: true, total: options.limit, remaining: options.limit - w.used, cost, retryAfterSeconds };
    },
    windows: function windows() {
      return [...usage.values()].sort((a, b) => a.index - b.index);
    },
    restart: function restart(at) {
      origin = at;
      usage.clear();
    },
  };
}
