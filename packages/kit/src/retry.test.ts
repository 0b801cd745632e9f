import { describe, expect, it } from 'vitest';
import { HttpError, ResponseBodyError, ValidationError } from './errors';
import { backoffDelay, isRepeatable, isRetryableError, retryDelay, withRetry } from './retry';

const httpError = (status: number, headers: Record<string, string> = {}) =>
  new HttpError({ status, method: 'GET', url: 'https://x.io/t', headers });

describe('retry policy', () => {
  it('retries network errors, garbled bodies, 408, 429 and 5xx, not other 4xx', () => {
    for (const s of [0, 408, 429, 500, 502, 503, 504]) expect(isRetryableError(httpError(s))).toBe(true);
    for (const s of [400, 401, 403, 404, 409, 422]) expect(isRetryableError(httpError(s))).toBe(false);
    expect(isRetryableError(new ResponseBodyError({ status: 200, method: 'GET', url: 'https://x.io' }))).toBe(true);
    expect(isRetryableError(new ValidationError({ issues: [] }))).toBe(false);
  });

  it('repeats POST and PATCH only with an idempotency key or retrySafe', () => {
    expect(isRepeatable({ method: 'GET' })).toBe(true);
    expect(isRepeatable({ method: 'PUT' })).toBe(true);
    expect(isRepeatable({ method: 'DELETE' })).toBe(true);
    expect(isRepeatable({ method: 'POST' })).toBe(false);
    expect(isRepeatable({ method: 'PATCH' })).toBe(false);
    expect(isRepeatable({ method: 'POST', idempotencyKey: 'k' })).toBe(true);
    expect(isRepeatable({ method: 'PATCH', retrySafe: true })).toBe(true);
  });

  it('backs off exponentially with jitter, capped', () => {
    const opts = { minTimeoutMs: 100, factor: 2, maxTimeoutMs: 1000 };
    expect(backoffDelay(1, opts, () => 0)).toBe(50);
    expect(backoffDelay(1, opts, () => 1)).toBe(100);
    expect(backoffDelay(3, opts, () => 0)).toBe(200);
    expect(backoffDelay(3, opts, () => 1)).toBe(400);
    expect(backoffDelay(10, opts, () => 1)).toBe(1000);
  });

  it('lets Retry-After win over the computed delay, up to the cap', () => {
    expect(retryDelay(httpError(429, { 'retry-after': '7' }), 1, { minTimeoutMs: 10 })).toBe(7000);
    const date = new Date(Date.now() + 3000).toUTCString();
    const fromDate = retryDelay(httpError(503, { 'Retry-After': date }), 1)!;
    expect(fromDate).toBeGreaterThan(1000);
    expect(fromDate).toBeLessThanOrEqual(3000);
    expect(retryDelay(httpError(429, { 'retry-after': '3600' }), 1, { maxRetryAfterMs: 60_000 })).toBeUndefined();
  });
});

describe('withRetry', () => {
  it('retries a retryable failure and returns the eventual result', async () => {
    const attempts: number[] = [];
    const result = await withRetry(async (n) => {
      attempts.push(n);
      if (n < 3) throw httpError(503);
      return 'ok';
    }, { method: 'GET', retry: { minTimeoutMs: 1, maxTimeoutMs: 2 } });
    expect(result).toBe('ok');
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('fails at once on a 404', async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw httpError(404); }, { method: 'GET', retry: { minTimeoutMs: 1 } }))
      .rejects.toMatchObject({ status: 404 });
    expect(calls).toBe(1);
  });

  it('does not retry a POST without a key', async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw httpError(503); }, { method: 'POST', retry: { minTimeoutMs: 1 } }))
      .rejects.toMatchObject({ status: 503 });
    expect(calls).toBe(1);
  });

  it('waits Retry-After instead of the backoff', async () => {
    const delays: number[] = [];
    await withRetry(async (n) => {
      if (n === 1) throw httpError(429, { 'Retry-After': '0.03' });
      return 'ok';
    }, { method: 'GET', retry: { minTimeoutMs: 60_000 }, onRetry: ({ delayMs }) => delays.push(delayMs) });
    expect(delays).toEqual([30]);
  });

  it('stops when Retry-After is beyond the cap', async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw httpError(429, { 'retry-after': '600' }); }, { method: 'GET', retry: { maxRetryAfterMs: 1000 } }))
      .rejects.toMatchObject({ status: 429 });
    expect(calls).toBe(1);
  });

  it('throws the last error when out of retries', async () => {
    const statuses = [503, 503, 502];
    const err = await withRetry(async (n) => { throw httpError(statuses[n - 1]!); }, { method: 'GET', retry: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 1 } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 502, attempts: 3 });
  });

  it('makes exactly retries + 1 attempts, or one with retry: false', async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw httpError(500); }, { method: 'GET', retry: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 1 } })).rejects.toThrow();
    expect(calls).toBe(3);
    calls = 0;
    await expect(withRetry(async () => { calls++; throw httpError(500); }, { method: 'GET', retry: false })).rejects.toThrow();
    expect(calls).toBe(1);
  });
});
