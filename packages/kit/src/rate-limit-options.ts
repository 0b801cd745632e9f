import type Bottleneck from 'bottleneck';
import type { RateLimitHeaderNames } from './rate-limit-headers';

/** Options of a `RateLimiter`. All optional: without a budget it only reacts to the vendor's headers. */
export interface RateLimiterOptions {
  /** Declared budget: requests allowed per window. */
  requests?: number;
  /** Window length in ms (default 60 000, Freshdesk's minute). */
  windowMs?: number;
  /** Fraction of the budget to pace at (default 0.97): a little under the limit leaves room for jitter. */
  targetUtilisation?: number;
  /** Requests in flight at once (default 8). */
  maxConcurrent?: number;
  /** Requests held back from each window for other tools sharing the account (default 0). */
  reserve?: number;
  /** Least allowance for arrival jitter in the sliding guard, ms (default 20; the spread of recent round trips if larger). */
  latencyMarginMs?: number;
  /** Header names to read (case-insensitive); defaults are Freshdesk's. */
  headers?: Partial<RateLimitHeaderNames>;
  /** Bottleneck clustering passthrough, so processes can share one budget (`'ioredis'` or `'redis'`). */
  datastore?: 'local' | 'redis' | 'ioredis';
  /** Passed to the Redis client when `datastore` is set. */
  clientOptions?: unknown;
  /** Bottleneck limiter id; processes with the same id and datastore share the pace. */
  id?: string;
  /** Any other bottleneck constructor options (`clusterNodes`, `clearDatastore`, `connection`, ...). */
  bottleneck?: Bottleneck.ConstructorOptions;
}

/** Counters and the limiter's current view of the budget. */
export interface RateLimiterStats {
  /** Requests started. */
  requests: number;
  queued: number;
  running: number;
  /** 429s observed. */
  http429: number;
  /** Times the whole limiter paused (429, spent budget, or `pause()`). */
  pauses: number;
  /** Total ms requests spent waiting in the limiter (pacing included). */
  waitMs: number;
  /** Budget in force: min(declared, vendor Total), undefined when neither is known. */
  limit: number | undefined;
  windowMs: number;
  /** Last `Remaining` seen, undefined before any. */
  remaining: number | undefined;
  /** Current spacing between request starts, ms. */
  intervalMs: number;
  /** Epoch ms until which the limiter is paused (0 when not paused). */
  pausedUntil: number;
  /** The allowance for arrival jitter in force, ms. */
  jitterMs: number;
  /** Estimated calls a request costs. */
  costPerRequest: number;
  /** True once a window boundary has been located from a jump in `Remaining`. */
  boundaryKnown: boolean;
  /** Width of the uncertain zone around each window boundary, ms, while the boundary-aware guard is in charge. */
  boundaryZoneMs: number | undefined;
}
