/** How long to wait between attempts of a failed action. */
export interface BackoffOptions {
  /** The first delay (default 2 s). */
  baseMs?: number;
  /** Growth per attempt (default 2). */
  factor?: number;
  /** The longest delay (default 15 minutes). */
  maxMs?: number;
  /** Random spread as a fraction of the delay (default 0.2), so many failed jobs do not retry in lockstep. */
  jitter?: number;
}

/**
 * The delay before attempt `attempt + 1`, after `attempt` failed ones: exponential, capped, with jitter.
 *
 * @example
 * backoffDelay(1); // about 2,000 ms
 * backoffDelay(3, { baseMs: 100, jitter: 0 }); // 400
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const base = options.baseMs ?? 2_000;
  const factor = options.factor ?? 2;
  const max = options.maxMs ?? 15 * 60_000;
  const jitter = options.jitter ?? 0.2;
  const raw = Math.min(max, base * factor ** Math.max(0, attempt - 1));
  return Math.max(0, Math.round(raw * (1 + jitter * (random() * 2 - 1))));
}

/**
 * Whether an error is worth retrying: network trouble, timeouts, 408, 425, 429 and 5xx are; other 4xx
 * answers and invalid input are not, since the same request would fail the same way.
 *
 * @example
 * isRetryable(Object.assign(new Error('HTTP 503'), { status: 503 })); // true
 * isRetryable(Object.assign(new Error('HTTP 404'), { status: 404 })); // false
 */
export function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return true;
  const e = error as { retryable?: unknown; status?: unknown; name?: unknown; code?: unknown };
  if (typeof e.retryable === 'boolean') return e.retryable;
  if (e.name === 'ZodError' || e.code === 'VALIDATION_FAILED' || e.code === 'CONFIG_INVALID') return false;
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return [408, 425, 429].includes(e.status);
  return true;
}

/**
 * The vendor's own wait, when the error carries one (`retryAfterMs` from a 429's Retry-After).
 *
 * @example
 * retryAfterOf(rateLimitError); // 30000
 */
export function retryAfterOf(error: unknown): number | undefined {
  const v = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}
