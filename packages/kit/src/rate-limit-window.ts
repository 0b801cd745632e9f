/*
 * The window model behind RateLimiter, as pure functions of the requests sent so far and the clock, so
 * each rule can be tested without timers. See rate-limit.ts for why the limiter is built this way.
 */

/** One request start, with its cost in calls and, once answered, when its response came. */
export interface SendRecord {
  t: number;
  cost: number;
  recvAt?: number;
}

/** An interval known to hold one of the vendor's window boundaries; the others are at lo + k·W, hi + k·W. */
export interface BoundaryInterval {
  lo: number;
  hi: number;
}

/**
 * Narrows what is known of the boundaries with a new detection [lo, hi]. Fixed windows repeat every W, so
 * the earlier interval, shifted by whole windows (widened 1 ms a window for clock drift), holds a boundary
 * too; an empty intersection means the vendor's windows are not what we assume, and the new one replaces it.
 *
 * @example
 * mergeBoundary({ lo: 990, hi: 1040 }, 2980, 3020, 1000); // { lo: 2990, hi: 3020 } (shift 2 windows, ±2 ms)
 */
export function mergeBoundary(known: BoundaryInterval | undefined, lo: number, hi: number, windowMs: number): BoundaryInterval {
  if (known) {
    const k = Math.round((lo - known.lo) / windowMs);
    const slack = Math.abs(k);
    const nlo = Math.max(lo, known.lo + k * windowMs - slack);
    const nhi = Math.min(hi, known.hi + k * windowMs + slack);
    if (nlo <= nhi) return { lo: nlo, hi: nhi };
  }
  return { lo, hi };
}

/**
 * The end (late edge) of the window holding `t`; `fallbackFrom + W` when no boundary is known.
 *
 * @example
 * windowEndAfter({ lo: 90, hi: 100 }, 1050, 1000); // 1100
 */
export function windowEndAfter(boundary: BoundaryInterval | undefined, t: number, windowMs: number, fallbackFrom: number = t): number {
  if (boundary === undefined) return fallbackFrom + windowMs;
  const k = Math.floor((t - boundary.hi) / windowMs) + 1;
  return boundary.hi + k * windowMs;
}

/**
 * Width of the zone around each boundary where a request may land in either window: the boundary's
 * uncertainty plus how late a request may reach the server. Undefined without a boundary, or when the zone
 * is over a third of the window (then the sliding guard serves better).
 *
 * @example
 * boundaryZone({ lo: 0, hi: 30 }, 20, 1000); // 50
 */
export function boundaryZone(boundary: BoundaryInterval | undefined, maxRttMs: number, windowMs: number): number | undefined {
  if (!boundary) return undefined;
  const zone = boundary.hi - boundary.lo + maxRttMs;
  return zone <= windowMs / 3 ? zone : undefined;
}

/** What the guards need to decide whether one more request may start now. */
export interface GuardInput {
  sends: readonly SendRecord[];
  now: number;
  /** Calls the new request is expected to cost. */
  cost: number;
  /** Calls allowed per window (budget minus reserve). */
  allowed: number;
  windowMs: number;
}

/**
 * Boundary-aware guard. Window m starts no earlier than lo + m·W and ends no later than hi + (m+1)·W; a
 * request started at t reached the server in [t, recvAt] (one still in flight may land in any later window).
 * The new request may start only if every window it could land in (it should arrive within `maxRttMs`) keeps
 * within `allowed`, counting each earlier request in every window it could have landed in.
 * Returns ms to wait, 0 when it may start.
 *
 * @example
 * boundaryWait({ sends, now, cost: 1, allowed: 30, windowMs: 2000 }, { lo: 0, hi: 40 }, 25);
 */
export function boundaryWait(input: GuardInput, boundary: BoundaryInterval, maxRttMs: number): number {
  const { sends, now, cost, allowed, windowMs: w } = input;
  const m0 = Math.floor((now - boundary.hi) / w); // boundary m0 surely passed, m0 + 1 not yet
  for (let m = m0; m <= m0 + 1; m++) {
    const start = boundary.lo + m * w;
    const end = boundary.hi + (m + 1) * w;
    if (now + maxRttMs < start || now >= end) continue;
    let calls = 0;
    for (const x of sends) if ((x.recvAt ?? Infinity) >= start && x.t < end) calls += x.cost;
    if (calls + cost > allowed) return Math.max(1, end - now + 1);
  }
  return 0;
}

/**
 * Sliding guard, for when the boundaries are unknown: the calls started in the last `spanMs`
 * (window + arrival jitter) plus the new request's must fit `allowed`. Any fixed window lies inside such a
 * span, so a single client cannot overrun one. Returns ms to wait, 0 when it may start.
 *
 * @example
 * slidingWait({ sends: [{ t: 0, cost: 1 }], now: 10, cost: 1, allowed: 1, windowMs: 100 }, 120); // 111
 */
export function slidingWait(input: GuardInput, spanMs: number): number {
  const { sends, now, cost, allowed } = input;
  const recent = sends.filter((s) => s.t > now - spanMs);
  let used = recent.reduce((sum, s) => sum + s.cost, 0);
  if (used + cost <= allowed || recent.length === 0) return 0;
  // Wait until enough of the oldest requests leave the span to make room for this one.
  let i = 0;
  while (i < recent.length - 1 && used + cost > allowed) used -= recent[i++]!.cost;
  return Math.max(1, recent[Math.max(0, i - 1)]!.t + spanMs - now + 1);
}
