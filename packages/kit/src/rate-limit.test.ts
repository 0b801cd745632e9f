import { afterEach, describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

const limiters: RateLimiter[] = [];
function make(options: ConstructorParameters<typeof RateLimiter>[0]): RateLimiter {
  const limiter = new RateLimiter(options);
  limiters.push(limiter);
  return limiter;
}
afterEach(async () => {
  await Promise.all(limiters.splice(0).map((l) => l.stop()));
});

describe('RateLimiter', () => {
  it('rejects a budget that cannot work, naming the field', () => {
    expect(() => new RateLimiter({ requests: 0 })).toThrow('rateLimit.requests: must be a positive number, got 0');
    expect(() => new RateLimiter({ requests: 5, windowMs: -1 })).toThrow(/rateLimit\.windowMs/);
  });

  it('spreads requests evenly instead of bursting them at the start of a window', async () => {
    const limiter = make({ requests: 10, windowMs: 200, maxConcurrent: 10 });
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 9 }, () => limiter.schedule(async () => { starts.push(Date.now()); })));
    // 10 per 200 ms at 0.97 is one every ~20.6 ms. At most 4 go together (the allowance for late timers);
    // the other five follow one interval apart, so nine starts take at least four intervals more.
    expect(starts[8]! - starts[0]!).toBeGreaterThanOrEqual(4 * 20);
    expect(starts.filter((t) => t - starts[0]! < 10).length).toBeLessThanOrEqual(4);
    expect(limiter.stats()).toMatchObject({ requests: 9, limit: 10 });
  });

  it('paces by calls when the vendor reports requests costing more than one', async () => {
    const limiter = make({ requests: 6, windowMs: 150, targetUtilisation: 1, maxConcurrent: 10 });
    const starts = await Promise.all(Array.from({ length: 4 }, () => limiter.schedule(async () => {
      const start = Date.now();
      limiter.observe(200, { 'X-RateLimit-Used-CurrentRequest': '3' });
      return start;
    })));
    starts.sort((a, b) => a - b);
    // Two 3-call requests fill the 6-call budget: the third waits until the first has left the 150 ms window
    // (the limiter spaces the sends by 170 ms; the slack covers a busy event loop delaying the first callback).
    expect(starts[2]! - starts[0]!).toBeGreaterThanOrEqual(120);
  });

  it('limits how many run at once', async () => {
    const limiter = make({ maxConcurrent: 2 });
    let running = 0;
    let peak = 0;
    await Promise.all(Array.from({ length: 6 }, () => limiter.schedule(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 10));
      running--;
    })));
    expect(peak).toBe(2);
  });

  it('pauses every request after a 429 for Retry-After, read case-insensitively', async () => {
    const limiter = make({ maxConcurrent: 4 });
    await limiter.schedule(async () => limiter.observe(429, { 'RETRY-AFTER': '0.2' }));
    const paused = limiter.stats().pausedUntil;
    expect(paused).toBeGreaterThan(Date.now());
    const starts = await Promise.all([1, 2, 3].map(() => limiter.schedule(async () => Date.now())));
    for (const t of starts) expect(t).toBeGreaterThanOrEqual(paused - 2);
    expect(limiter.stats()).toMatchObject({ http429: 1, pauses: 1 });
  });

  it('pause(ms) holds everything, and a longer pause is never shortened', async () => {
    const limiter = make({});
    limiter.pause(150);
    limiter.pause(10);
    const before = Date.now();
    const started = await limiter.schedule(async () => Date.now());
    expect(started - before).toBeGreaterThanOrEqual(140);
  });

  it('lowers the budget to the vendor Total, never raises it, with configurable header names', () => {
    const limiter = make({ requests: 100, windowMs: 60_000, headers: { total: 'RateLimit-Limit' } });
    limiter.observe(200, { 'ratelimit-limit': '40' });
    expect(limiter.stats().limit).toBe(40);
    limiter.observe(200, { 'ratelimit-limit': '500' });
    expect(limiter.stats().limit).toBe(100);
    const learnt = make({});
    learnt.observe(200, { 'X-RateLimit-Total': '700', 'X-RateLimit-Remaining': '426' });
    expect(learnt.stats()).toMatchObject({ limit: 700, remaining: 426 });
  });

  it('waits for the next window when the server has counted calls we did not make and none are left', async () => {
    const limiter = make({ requests: 50, windowMs: 300 });
    // Another tool used the account: the server says 0 left although we sent one request.
    await limiter.schedule(async () => limiter.observe(200, { 'x-ratelimit-total': '50', 'x-ratelimit-remaining': '0' }));
    const before = Date.now();
    const started = await limiter.schedule(async () => Date.now());
    expect(started - before).toBeGreaterThanOrEqual(250);
    expect(limiter.stats().pauses).toBe(1);
  });

  it('keeps a sliding-window guard: never more than the budget within one window', async () => {
    // A 60 ms jitter allowance makes the guarded span 180 ms; the check below leaves 60 ms for event-loop lag.
    const limiter = make({ requests: 3, windowMs: 120, targetUtilisation: 1, maxConcurrent: 10, latencyMarginMs: 60 });
    const starts = await Promise.all(Array.from({ length: 7 }, () => limiter.schedule(async () => Date.now())));
    starts.sort((a, b) => a - b);
    for (let i = 3; i < starts.length; i++) expect(starts[i]! - starts[i - 3]!).toBeGreaterThanOrEqual(120);
  });
});
