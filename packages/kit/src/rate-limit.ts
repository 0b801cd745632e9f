import { AsyncLocalStorage } from 'node:async_hooks';
import Bottleneck from 'bottleneck';
import {
  DEFAULT_RATE_LIMIT_HEADERS, headerValue, parseCount, parseRetryAfter,
  type HeaderBag, type RateLimitHeaderNames,
} from './rate-limit-headers';

export type { RateLimiterOptions, RateLimiterStats } from './rate-limit-options';
import type { RateLimiterOptions, RateLimiterStats } from './rate-limit-options';
import {
  boundaryWait, boundaryZone, mergeBoundary, slidingWait, windowEndAfter,
  type BoundaryInterval, type SendRecord,
} from './rate-limit-window';

/*
 * Why the limiter works the way it does (docs/kit.md, "How it paces, and why", has the long form):
 *
 * Vendors such as Freshdesk count calls in FIXED windows, report `X-RateLimit-Total/Remaining` on every
 * response and `Retry-After` only with a 429; there is no reset header, so the windows' phase is unknown.
 * Firing the budget at a window's start and then waiting (a token bucket) hits 429s whenever latency moves
 * a request across a boundary, and wastes the rest of the window. Instead:
 *
 * 1. Pace: requests start evenly, a little under the budget (targetUtilisation 0.97), through a send-time
 *    gate that keeps the spacing after a pause and absorbs late timers (GCRA-like); bottleneck bounds how
 *    many are in flight.
 * 2. Guard every window. While the boundaries are unknown, a sliding guard: the calls started in the last
 *    `windowMs + jitter` (jitter = spread of recent round trips) plus this request must fit the budget; any
 *    fixed window lies inside such a span. Once a jump in `Remaining` has shown where a boundary lies (and
 *    later jumps have narrowed it), a boundary-aware guard counts each request in every window it could
 *    have landed in, and the pace spreads the budget over the part of each window away from the uncertain
 *    zone around its boundary: full windows, still without a 429 (rate-limit-window.ts).
 * 3. Server feedback: when the server has counted more calls than we sent (other tools on the account)
 *    and `Remaining` says none are left, the whole limiter waits for the window's end.
 * 4. A 429 pauses the whole limiter for `Retry-After` (it wins over any estimate), else until the boundary,
 *    and drops what was learnt about the boundaries.
 * 5. `Total` lowers the budget when the vendor allows less than declared (never raises it);
 *    `Used-CurrentRequest` sets what a request costs in calls. Until a first response has been seen only one
 *    request is in flight, so a burst of guesses cannot overrun a budget whose costs are not known yet.
 *
 * The gate is per process; with bottleneck's Redis datastore the proactive pace (minTime, concurrency) is
 * shared by every process using the same `id`.
 */

interface Observation { sentAt: number; recvAt: number; remaining: number; expiresAt: number }

/** A request start: its cost in calls is estimated until the response's `Used-CurrentRequest` says. */
type Send = SendRecord;

const jobContext = new AsyncLocalStorage<Send>();

/**
 * A rate limiter for one vendor budget, proactive (even pacing under a declared budget) and reactive
 * (vendor `Total/Remaining/Retry-After` headers). A 429 or a spent budget pauses every request, not just one.
 *
 * @example
 * const limiter = new RateLimiter({ requests: 50, windowMs: 60_000 });
 * const res = await limiter.schedule(async () => { const r = await fetch(url); limiter.observe(r.status, r.headers); return r; });
 */
export class RateLimiter {
  /** The underlying bottleneck instance (concurrency and pace; shared across processes with a Redis datastore). */
  readonly bottleneck: Bottleneck;
  readonly #names: RateLimitHeaderNames;
  readonly #declared: number | undefined;
  readonly #windowMs: number;
  readonly #target: number;
  readonly #reserve: number;
  readonly #margin: number;
  #total: number | undefined;
  /** Estimated calls per request: 1 until a `Used-CurrentRequest` header is seen, then a moving average. */
  #cost = 1;
  #costKnown = false;
  #sends: Send[] = [];
  #obs: Observation | undefined;
  #lastRemaining: number | undefined;
  /** An interval known to hold a window boundary; the others are at lo + k·W, hi + k·W. */
  #boundary: BoundaryInterval | undefined;
  #pausedUntil = 0;
  #nextSlot = 0;
  #gate: Promise<void> = Promise.resolve();
  #wakers = new Set<() => void>();
  #minTime = 0;
  readonly #clustered: boolean;
  #maxRtt = 0;
  #inflight = 0;
  #observed = false;
  #rtts: number[] = [];
  #counters = { requests: 0, http429: 0, pauses: 0, waitMs: 0 };

  constructor(options: RateLimiterOptions = {}) {
    if (options.requests !== undefined && !(Number.isFinite(options.requests) && options.requests > 0)) {
      throw new RangeError(`rateLimit.requests: must be a positive number, got ${options.requests}`);
    }
    if (options.windowMs !== undefined && !(Number.isFinite(options.windowMs) && options.windowMs > 0)) {
      throw new RangeError(`rateLimit.windowMs: must be a positive number of ms, got ${options.windowMs}`);
    }
    this.#names = { ...DEFAULT_RATE_LIMIT_HEADERS, ...options.headers };
    this.#declared = options.requests;
    this.#windowMs = options.windowMs ?? 60_000;
    this.#target = Math.min(1, Math.max(0.1, options.targetUtilisation ?? 0.97));
    this.#reserve = Math.max(0, options.reserve ?? 0);
    this.#margin = Math.max(0, options.latencyMarginMs ?? 20);
    // Locally the send-time gate paces (it absorbs late timers; bottleneck's minTime drifts with them), so
    // bottleneck only bounds concurrency. With a shared datastore its minTime is the pace all processes share.
    this.#clustered = options.datastore !== undefined && options.datastore !== 'local';
    this.#minTime = this.#clustered ? this.#interval() : 0;
    this.bottleneck = new Bottleneck({
      maxConcurrent: options.maxConcurrent ?? 8,
      minTime: Math.floor(this.#minTime),
      ...(options.datastore ? { datastore: options.datastore } : {}),
      ...(options.clientOptions !== undefined ? { clientOptions: options.clientOptions } : {}),
      ...(options.id ? { id: options.id } : {}),
      ...options.bottleneck,
    });
  }

  /**
   * Runs `fn` when the budget allows, in order. Call `observe` from inside `fn` (or let the HTTP client do it).
   *
   * @example
   * await limiter.schedule(() => client.get('/tickets'));
   */
  schedule<T>(fn: () => Promise<T>, options: { signal?: AbortSignal } = {}): Promise<T> {
    const run = async (): Promise<T> => {
      const send = await this.#acquire(options.signal);
      this.#inflight++;
      try {
        return await jobContext.run(send, fn);
      } finally {
        this.#inflight--;
        this.#observed = true;
        this.#wake();
      }
    };
    return this.bottleneck.schedule(function scheduledRequest() { return run(); });
  }

  /**
   * Feeds a response's status and headers to the limiter. Inside `schedule` the request's start time is
   * known; elsewhere pass `sentAt` (epoch ms), or the limiter assumes the request left just now.
   *
   * @example
   * limiter.observe(429, { 'Retry-After': '2' }); // every scheduled request now waits 2 s
   */
  observe(status: number, headers: HeaderBag, sentAt?: number): void {
    const now = Date.now();
    this.#observed = true;
    const job = jobContext.getStore();
    const started = sentAt ?? job?.t ?? now;
    const total = parseCount(headerValue(headers, this.#names.total));
    const remaining = parseCount(headerValue(headers, this.#names.remaining));
    const used = parseCount(headerValue(headers, this.#names.used));
    if (total !== undefined && total > 0) this.#total = total;
    if (used !== undefined && used >= 1) {
      // The first real figure replaces the guess at once; later ones move an average (mixed endpoints).
      this.#cost = this.#costKnown ? 0.8 * this.#cost + 0.2 * used : used;
      this.#costKnown = true;
      if (job) job.cost = used;
    }
    if (job) job.recvAt = now;
    this.#noteRtt(now - started);
    if (remaining !== undefined) this.#learn(started, now, remaining);
    if (status === 429) {
      this.#counters.http429++;
      // Our picture of the vendor's windows was wrong somewhere: drop it and relearn from the headers.
      this.#boundary = undefined;
      const retryAfter = parseRetryAfter(headerValue(headers, this.#names.retryAfter), now);
      const until = retryAfter !== undefined ? now + retryAfter : this.#windowEndAfter(now);
      this.#pauseUntil(until);
    }
    this.#syncMinTime();
    this.#wake();
  }

  /**
   * Pauses every request for `ms` (extends, never shortens, a pause in force).
   *
   * @example
   * limiter.pause(5_000);
   */
  pause(ms: number): void {
    this.#pauseUntil(Date.now() + Math.max(0, ms));
    this.#wake();
  }

  /**
   * Counters and the current budget view.
   *
   * @example
   * const { requests, http429, waitMs } = limiter.stats();
   */
  stats(): RateLimiterStats {
    const counts = this.bottleneck.counts();
    return {
      ...this.#counters,
      queued: (counts.RECEIVED ?? 0) + (counts.QUEUED ?? 0) + (counts.RUNNING ?? 0),
      running: counts.EXECUTING ?? 0,
      limit: this.#limit(),
      windowMs: this.#windowMs,
      remaining: this.#lastRemaining,
      intervalMs: this.#interval(),
      pausedUntil: this.#pausedUntil > Date.now() ? this.#pausedUntil : 0,
      jitterMs: this.#jitter(),
      costPerRequest: this.#cost,
      boundaryKnown: this.#boundary !== undefined,
      boundaryZoneMs: this.#zone(),
    };
  }

  /**
   * Stops accepting work and disconnects a Redis datastore; queued requests are dropped.
   *
   * @example
   * await limiter.stop();
   */
  async stop(): Promise<void> {
    for (const wake of this.#wakers) wake();
    await this.bottleneck.stop({ dropWaitingJobs: true });
    await this.bottleneck.disconnect();
  }

  /**
   * How much the delay between a request's start and its arrival at the server can vary. A constant delay only
   * shifts every arrival alike and changes no window's count; what matters is the spread, bounded by the
   * slowest minus the fastest recent round trip (or the configured margin, whichever is larger).
   */
  #jitter(): number {
    if (this.#rtts.length === 0) return this.#margin;
    return Math.max(this.#margin, Math.max(...this.#rtts) - Math.min(...this.#rtts));
  }

  #noteRtt(ms: number): void {
    this.#rtts.push(Math.max(0, ms));
    if (this.#rtts.length > 64) this.#rtts.shift();
    this.#maxRtt = Math.max(...this.#rtts);
  }

  #limit(): number | undefined {
    if (this.#declared !== undefined && this.#total !== undefined) return Math.min(this.#declared, this.#total);
    return this.#declared ?? this.#total;
  }

  #interval(): number {
    const limit = this.#limit();
    if (limit === undefined) return 0;
    // With the boundaries known, the window's budget is spread over the part of it where a request surely
    // lands in this window, leaving the zone around the boundary free (see #boundaryWait).
    const usable = this.#windowMs - (this.#zone() ?? 0);
    return (usable * this.#cost) / (limit * this.#target);
  }

  #syncMinTime(): void {
    if (!this.#clustered) return;
    const next = this.#interval();
    if (Math.abs(next - this.#minTime) > this.#minTime * 0.01) {
      this.#minTime = next;
      void this.bottleneck.updateSettings({ minTime: Math.floor(next) });
    }
  }

  #learn(sentAt: number, recvAt: number, remaining: number): void {
    this.#lastRemaining = remaining;
    const prev = this.#obs;
    if (prev && sentAt < prev.sentAt) return; // an older request answered late: its count is stale
    // A rise in Remaining bigger than any reordering could explain means a window boundary passed between the
    // previous request's start and now; record the late edge so we never resume into the old window.
    // Any request that could have reached the server between the two was sent after prev.sentAt - maxRtt.
    if (prev && remaining - prev.remaining > this.#callsBetween(prev.sentAt - this.#maxRtt, recvAt)) {
      // prev reached the server before the boundary (so after prev.sentAt), this one after it (so before now).
      this.#noteBoundary(prev.sentAt, recvAt);
    }
    this.#obs = { sentAt, recvAt, remaining, expiresAt: this.#windowEndAfter(sentAt, recvAt) };
  }

  #noteBoundary(lo: number, hi: number): void {
    this.#boundary = mergeBoundary(this.#boundary, lo, hi, this.#windowMs);
  }

  #windowEndAfter(t: number, fallbackFrom: number = t): number {
    return windowEndAfter(this.#boundary, t, this.#windowMs, fallbackFrom);
  }

  #zone(): number | undefined {
    return boundaryZone(this.#boundary, this.#maxRtt, this.#windowMs);
  }

  #pauseUntil(until: number): void {
    if (until > this.#pausedUntil) {
      if (this.#pausedUntil <= Date.now()) this.#counters.pauses++;
      this.#pausedUntil = until;
    }
  }

  /** Calls (cost-weighted) of the requests started in [from, to]. */
  #callsBetween(from: number, to: number): number {
    let n = 0;
    for (const s of this.#sends) if (s.t >= from && s.t <= to) n += s.cost;
    return n;
  }

  /** Calls of the requests started after `from`. */
  #callsSince(from: number): number {
    let n = 0;
    for (let i = this.#sends.length - 1; i >= 0 && this.#sends[i]!.t > from; i--) n += this.#sends[i]!.cost;
    return n;
  }

  /** Ms to wait before the next request may start, 0 when it may start now. */
  #waitFor(now: number): number {
    if (now < this.#pausedUntil) return this.#pausedUntil - now;
    // Until a first response has been seen, one request at a time: its headers tell the real budget and what
    // a request costs, before a burst of guesses can overrun it. (Woken when that request settles.)
    if (!this.#observed && this.#inflight > 0) return this.#windowMs;
    // GCRA-style: a request may go up to `tolerance` before its slot, so a timer firing late (a busy event
    // loop) is absorbed instead of pushing every later slot back; the rate over time stays 1 per interval.
    const tolerance = Math.min(3 * this.#interval(), 100);
    if (now < this.#nextSlot - tolerance) return this.#nextSlot - tolerance - now;
    const limit = this.#limit();
    if (limit === undefined) return 0;
    const allowed = limit - this.#reserve;
    const input = { sends: this.#sends, now, cost: this.#cost, allowed, windowMs: this.#windowMs };
    const guardWait = this.#zone() !== undefined
      ? boundaryWait(input, this.#boundary!, this.#maxRtt)
      : slidingWait(input, this.#windowMs + this.#jitter());
    if (guardWait > 0) return guardWait;
    const obs = this.#obs;
    if (obs && now < obs.expiresAt) {
      const left = obs.remaining - this.#reserve - this.#callsSince(obs.sentAt);
      if (left < this.#cost && !this.#explainedBySelf(obs, limit)) {
        this.#pauseUntil(obs.expiresAt);
        return obs.expiresAt - now;
      }
    }
    return 0;
  }

  /**
   * True when every call the server counted could be ours: then the sliding guard already keeps us under the
   * budget, and pausing for a whole window of unknown phase would only waste it. Extra consumers (other tools,
   * requests costing more than one call) make the server's count exceed ours, and the pause applies.
   */
  #explainedBySelf(obs: Observation, limit: number): boolean {
    const serverUsed = (this.#total ?? limit) - obs.remaining;
    // Requests sent after this one may have overtaken it on the way; they count as ours too.
    const ours = this.#callsBetween(obs.sentAt - this.#windowMs - this.#jitter(), obs.recvAt);
    return serverUsed <= ours;
  }

  async #acquire(signal?: AbortSignal): Promise<Send> {
    const turn = this.#gate.then(() => this.#acquireTurn(signal));
    this.#gate = turn.then(() => undefined, () => undefined);
    return turn;
  }

  async #acquireTurn(signal?: AbortSignal): Promise<Send> {
    const start = Date.now();
    for (;;) {
      signal?.throwIfAborted();
      const wait = this.#waitFor(Date.now());
      if (wait <= 0) break;
      await this.#sleep(wait, signal);
    }
    const now = Date.now();
    this.#nextSlot = Math.max(this.#nextSlot, now) + this.#interval();
    const send: Send = { t: now, cost: this.#cost };
    this.#sends.push(send);
    const horizon = now - 2 * (this.#windowMs + this.#jitter());
    if (this.#sends[0]!.t < horizon) this.#sends = this.#sends.filter((s) => s.t >= horizon);
    this.#counters.requests++;
    this.#counters.waitMs += now - start;
    return send;
  }

  #sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wakers.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(1, Math.ceil(ms)));
      this.#wakers.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  #wake(): void {
    for (const wake of [...this.#wakers]) wake();
  }
}
