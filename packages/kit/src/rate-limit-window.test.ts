import { describe, expect, it } from 'vitest';
import { boundaryWait, boundaryZone, mergeBoundary, slidingWait, windowEndAfter, type SendRecord } from './rate-limit-window';

const answered = (t: number, recvAt = t + 5, cost = 1): SendRecord => ({ t, cost, recvAt });

describe('boundary knowledge', () => {
  it('narrows the boundary with each detection, fixed windows repeating every W', () => {
    const first = mergeBoundary(undefined, 980, 1060, 1000);
    expect(first).toEqual({ lo: 980, hi: 1060 });
    // Two windows later a detection in [2995, 3090]: intersect with [2980-2, 3060+2].
    expect(mergeBoundary(first, 2995, 3090, 1000)).toEqual({ lo: 2995, hi: 3062 });
  });

  it('starts over when a detection contradicts what was known', () => {
    expect(mergeBoundary({ lo: 1000, hi: 1010 }, 1500, 1520, 1000)).toEqual({ lo: 1500, hi: 1520 });
  });

  it('finds the end of the window holding a time, at the late edge', () => {
    expect(windowEndAfter({ lo: 90, hi: 100 }, 1050, 1000)).toBe(1100);
    expect(windowEndAfter({ lo: 90, hi: 100 }, 1100, 1000)).toBe(2100);
    expect(windowEndAfter(undefined, 1050, 1000, 1060)).toBe(2060);
  });

  it('uses the boundary-aware mode only while the uncertain zone is narrow', () => {
    expect(boundaryZone({ lo: 0, hi: 30 }, 20, 1000)).toBe(50);
    expect(boundaryZone({ lo: 0, hi: 300 }, 100, 1000)).toBeUndefined();
    expect(boundaryZone(undefined, 1, 1000)).toBeUndefined();
  });
});

describe('boundaryWait', () => {
  const boundary = { lo: 0, hi: 10 }; // boundaries at 0..10, 1000..1010, 2000..2010, ...

  it('lets a request start while the current window has room', () => {
    const sends = Array.from({ length: 9 }, (_, i) => answered(1020 + i * 50));
    expect(boundaryWait({ sends, now: 1500, cost: 1, allowed: 10, windowMs: 1000 }, boundary, 20)).toBe(0);
  });

  it('holds a request until the boundary has surely passed when the window is full', () => {
    const sends = Array.from({ length: 10 }, (_, i) => answered(1020 + i * 50));
    // Window 1 ends by 2010 at the latest: wait until just after.
    expect(boundaryWait({ sends, now: 1600, cost: 1, allowed: 10, windowMs: 1000 }, boundary, 20)).toBe(411);
  });

  it('counts a request that may have landed on either side of a boundary in both windows', () => {
    // Nine requests answered well inside window 1, one started just before the boundary still in flight.
    const sends = [...Array.from({ length: 9 }, (_, i) => answered(1020 + i * 50)), { t: 1995, cost: 1 }];
    // At 2015 the boundary has passed; the in-flight one may count in window 2 as well.
    const fullNext = [...sends, ...Array.from({ length: 9 }, (_, i) => answered(2020 + i * 10))];
    expect(boundaryWait({ sends: fullNext, now: 2200, cost: 1, allowed: 10, windowMs: 1000 }, boundary, 20)).toBeGreaterThan(0);
    const answeredEarly = [...sends.slice(0, 9), answered(1995, 1999), ...Array.from({ length: 9 }, (_, i) => answered(2020 + i * 10))];
    expect(boundaryWait({ sends: answeredEarly, now: 2200, cost: 1, allowed: 10, windowMs: 1000 }, boundary, 20)).toBe(0);
  });

  it('checks the next window too when the request may arrive after the boundary', () => {
    // Next window (from 2000) already holds 10 possible calls from in-flight requests.
    const sends = Array.from({ length: 10 }, (_, i) => ({ t: 1900 + i, cost: 1 }));
    expect(boundaryWait({ sends, now: 1995, cost: 1, allowed: 20, windowMs: 1000 }, boundary, 20)).toBe(0);
    expect(boundaryWait({ sends, now: 1995, cost: 1, allowed: 10, windowMs: 1000 }, boundary, 20)).toBeGreaterThan(0);
  });
});

describe('slidingWait', () => {
  it('allows up to the budget within any span and says how long until room is made', () => {
    const sends = [answered(0), answered(10), answered(20)];
    expect(slidingWait({ sends, now: 30, cost: 1, allowed: 4, windowMs: 100 }, 120)).toBe(0);
    expect(slidingWait({ sends, now: 30, cost: 1, allowed: 3, windowMs: 100 }, 120)).toBe(91);
    expect(slidingWait({ sends, now: 121, cost: 1, allowed: 3, windowMs: 100 }, 120)).toBe(0);
  });

  it('weighs requests by their cost in calls', () => {
    const sends = [answered(0, 5, 7), answered(10, 15, 7)];
    expect(slidingWait({ sends, now: 20, cost: 7, allowed: 21, windowMs: 100 }, 120)).toBe(0);
    expect(slidingWait({ sends, now: 20, cost: 7, allowed: 20, windowMs: 100 }, 120)).toBe(101);
  });
});
