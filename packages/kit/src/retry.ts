import pRetry, { AbortError } from 'p-retry';
import { HttpError, ResponseBodyError } from './errors';
import { headerValue, parseRetryAfter } from './rate-limit-headers';
import type { HttpMethod } from './http/types';

/** Retry settings; `false` turns retries off. */
export interface RetryOptions {
  /** Retries after the first attempt (default 5). */
  retries?: number;
  /** First backoff delay, ms (default 500). */
  minTimeoutMs?: number;
  /** Largest backoff delay, ms (default 30 000). */
  maxTimeoutMs?: number;
  /** Backoff growth per attempt (default 2). */
  factor?: number;
  /** A `Retry-After` longer than this (ms, default 120 000) is not waited for: the error is thrown instead. */
  maxRetryAfterMs?: number;
}

/** The defaults, resolved. */
export const DEFAULT_RETRY = {
  retries: 5, minTimeoutMs: 500, maxTimeoutMs: 30_000, factor: 2, maxRetryAfterMs: 120_000,
} as const satisfies Required<RetryOptions>;

/** What decides whether a request may be repeated. */
export interface RetryRequestInfo {
  method: HttpMethod;
  idempotencyKey?: string;
  retrySafe?: boolean;
}

/**
 * True when repeating the request cannot do harm twice: GET/PUT/DELETE always; POST/PATCH only with an
 * idempotency key or `retrySafe: true`.
 *
 * @example
 * isRepeatable({ method: 'POST' }); // false
 * isRepeatable({ method: 'POST', idempotencyKey: 'k1' }); // true
 */
export function isRepeatable(request: RetryRequestInfo): boolean {
  if (request.method === 'POST' || request.method === 'PATCH') return Boolean(request.idempotencyKey) || request.retrySafe === true;
  return true;
}

/**
 * True for failures worth another attempt: no response (network, timeout), a garbled 2xx body, 408, 429, 5xx.
 *
 * @example
 * isRetryableError(new HttpError({ status: 503, method: 'GET', url: 'https://x.io' })); // true
 */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof ResponseBodyError) return true;
  if (!(error instanceof HttpError)) return false;
  const s = error.status;
  return s === 0 || s === 408 || s === 429 || (s >= 500 && s <= 599);
}

/**
 * Exponential backoff with "equal jitter": half the exponential step plus a random half, so concurrent
 * clients spread out but never retry sooner than half the step.
 *
 * @example
 * backoffDelay(3, { minTimeoutMs: 100, factor: 2, maxTimeoutMs: 10_000 }); // between 200 and 400
 */
export function backoffDelay(attempt: number, options: RetryOptions = {}, random: () => number = Math.random): number {
  const min = options.minTimeoutMs ?? DEFAULT_RETRY.minTimeoutMs;
  const max = options.maxTimeoutMs ?? DEFAULT_RETRY.maxTimeoutMs;
  const factor = options.factor ?? DEFAULT_RETRY.factor;
  const step = Math.min(max, min * factor ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * The delay before the next attempt: the vendor's `Retry-After` (seconds or HTTP date) when the error
 * carries one, else `backoffDelay`. Returns `undefined` when `Retry-After` exceeds `maxRetryAfterMs`.
 *
 * @example
 * retryDelay(err429WithRetryAfter2, 1); // 2000
 */
export function retryDelay(error: unknown, attempt: number, options: RetryOptions = {}): number | undefined {
  const retryAfterValue = error instanceof HttpError ? headerValue(error.headers, 'retry-after') : undefined;
  const retryAfter = parseRetryAfter(retryAfterValue);
  if (retryAfter !== undefined) {
    return retryAfter > (options.maxRetryAfterMs ?? DEFAULT_RETRY.maxRetryAfterMs) ? undefined : retryAfter;
  }
  return backoffDelay(attempt, options);
}

/** Options of `withRetry`. */
export interface WithRetryOptions extends RetryRequestInfo {
  retry?: RetryOptions | false;
  signal?: AbortSignal;
  /** Called before each retry, after the delay is known. */
  onRetry?(info: { error: unknown; attempt: number; delayMs: number }): void;
}

/**
 * Runs `fn` (given the attempt number, from 1) with p-retry: retryable failures (see `isRetryableError`) of
 * repeatable requests (see `isRepeatable`) are retried after `retryDelay`; anything else fails at once.
 * The thrown `HttpError` carries `attempts`.
 *
 * @example
 * const res = await withRetry((n) => send(n), { method: 'GET', retry: { retries: 3 } });
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: WithRetryOptions): Promise<T> {
  const retry = options.retry;
  const repeatable = isRepeatable(options);
  if (retry === false || !repeatable) return fn(1);
  const retries = retry?.retries ?? DEFAULT_RETRY.retries;
  return pRetry(
    async function attemptRequest(attempt) {
      try {
        return await fn(attempt);
      } catch (error) {
        if (error instanceof HttpError) error.attempts = attempt;
        if (!isRetryableError(error)) throw new AbortError(error as Error);
        throw error;
      }
    },
    {
      retries,
      // p-retry runs the loop; the delay is ours (awaited in onFailedAttempt) so Retry-After can win.
      factor: 1, minTimeout: 0, maxTimeout: 0, randomize: false,
      signal: options.signal,
      async onFailedAttempt(error) {
        // Out of retries: throw this (the last) error; p-retry would otherwise pick its most frequent one.
        if (error.retriesLeft <= 0) throw error;
        const delayMs = retryDelay(error, error.attemptNumber, retry ?? {});
        if (delayMs === undefined) throw error;
        options.onRetry?.({ error, attempt: error.attemptNumber, delayMs });
        await sleep(delayMs, options.signal);
      },
    },
  );
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
