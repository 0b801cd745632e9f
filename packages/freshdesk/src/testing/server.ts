import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RATE_LIMITED_BODY, SimApiError, UNAUTHORISED_BODY } from './api-error';
import { createRandom } from './random';
import { createFixedWindowLimiter } from './rate-limit';
import { contactRoutes } from './routes/contacts';
import { directoryRoutes } from './routes/directory';
import { searchRoutes } from './routes/search';
import type { Reply, Route, RouteContext } from './routes/shared';
import { ticketRoutes } from './routes/tickets';
import { generateSeedData } from './seed-data';
import { SimulatorState } from './state';

/** Faults the simulator injects at random (seeded), each a probability per request except `latencyMs`. */
export interface SimulatorFaults {
  /** Added to every response: a fixed delay or a `[min, max]` range in ms. */
  latencyMs?: number | [number, number];
  /** Share of authorised, in-budget requests answered with a 5xx before they are handled. */
  errorRate?: number;
  /** Share of requests whose socket is destroyed without an answer. */
  dropRate?: number;
  /** Share of successful GETs whose JSON body is cut in half (status 200, body unparseable). */
  truncateRate?: number;
}

/** Options of {@link createFreshdeskSimulator}. */
export interface FreshdeskSimulatorOptions {
  /** How many tickets to seed (default 200); contacts, companies, conversations scale with it. */
  tickets?: number;
  /** Same seed, same helpdesk (default 1). */
  seed?: string | number;
  /** The API key clients must send as Basic `apiKey:X` (default `sim-api-key`). */
  apiKey?: string;
  /** The account's budget per window (Freshdesk: per minute). Default 700, the Enterprise plan. */
  requestsPerMinute?: number;
  /** Same as `requestsPerMinute`, read as "per window" when `windowSeconds` shortens the window. */
  requestsPerWindow?: number;
  /** Window length (default 60). A few seconds lets a benchmark see several windows quickly. */
  windowSeconds?: number;
  /** Charge includes as documented (list: +2 credits each, view: +1 each). Default true. */
  chargeIncludes?: boolean;
  faults?: SimulatorFaults;
  /** The simulated clock for record timestamps and the 30-day window (rate-limit windows use real time). */
  now?: Date | (() => Date);
  /** How far back seeded tickets reach (default 730 days). */
  spanDays?: number;
}

/** A running (or ready to run) simulator. */
export interface FreshdeskSimulator {
  /** `http://127.0.0.1:<port>`; throws before `start()`. */
  readonly url: string;
  readonly apiKey: string;
  readonly state: SimulatorState;
  start(port?: number): Promise<string>;
  stop(): Promise<void>;
}

const routes: Route[] = [...ticketRoutes, ...contactRoutes, ...directoryRoutes, ...searchRoutes];

/** Credits a request costs: "Each include will consume an additional 2 credits" on List All Tickets, 1 on View. */
function costOf(method: string, path: string, query: URLSearchParams, chargeIncludes: boolean): number {
  if (!chargeIncludes || method !== 'GET') return 1;
  const n = (query.get('include') ?? '').split(',').filter((s) => s.trim()).length;
  if (/^\/api\/v2\/tickets\/?$/.test(path)) return 1 + 2 * n;
  if (/^\/api\/v2\/tickets\/\d+\/?$/.test(path)) return 1 + n;
  return 1;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Starts a Freshdesk API v2 look-alike on loopback: documented endpoints, Basic auth with the API key,
 * pagination with `Link` and the 300-page cap, the 30-day default window, fixed-window rate limits with
 * `X-RateLimit-*` headers and 429 + `Retry-After`, the documented error envelope, a search subset,
 * seeded Finnish data, and fault injection.
 *
 * @example
 * const sim = createFreshdeskSimulator({ tickets: 500, seed: 7, requestsPerMinute: 100, windowSeconds: 5 });
 * await sim.start();
 * // point a client at sim.url with sim.apiKey …
 * await sim.stop();
 */
export function createFreshdeskSimulator(options: FreshdeskSimulatorOptions = {}): FreshdeskSimulator {
  const clock = typeof options.now === 'function' ? options.now : options.now ? ((d: Date) => () => d)(options.now) : () => new Date();
  const nowMs = () => clock().getTime();
  const apiKey = options.apiKey ?? 'sim-api-key';
  const expectedAuth = `Basic ${Buffer.from(`${apiKey}:X`).toString('base64')}`;
  const limit = options.requestsPerWindow ?? options.requestsPerMinute ?? 700;
  const windowMs = (options.windowSeconds ?? 60) * 1000;
  const limiter = createFixedWindowLimiter({ limit, windowMs, origin: Date.now() });
  const seed = options.seed ?? 1;
  const state = new SimulatorState(
    generateSeedData({ ticketCount: options.tickets ?? 200, seed, now: nowMs(), spanDays: options.spanDays }), limiter,
  );
  const faults = options.faults ?? {};
  const faultRandom = createRandom(`${String(seed)}:faults`);
  const chargeIncludes = options.chargeIncludes ?? true;
  let server: Server | undefined;
  let origin: string | undefined;
  let requestSeq = 0;

  function authorised(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    if (header === expectedAuth) return true;
    // Freshdesk accepts any password with the API key as user name.
    const m = /^Basic\s+(.+)$/i.exec(header);
    if (!m) return false;
    const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
    return decoded.slice(0, decoded.indexOf(':')) === apiKey;
  }

  function send(res: ServerResponse, reply: Reply, extra: Record<string, string>, truncate = false): void {
    const headers: Record<string, string> = { 'x-request-id': `sim-${++requestSeq}`, 'x-freshdesk-api-version': 'latest=v2; requested=v2', ...extra, ...reply.headers };
    if (reply.status === 204 || reply.body === undefined) {
      res.writeHead(reply.status, headers);
      res.end();
      return;
    }
    const text = JSON.stringify(reply.body);
    headers['content-type'] = 'application/json; charset=utf-8';
    if (truncate) {
      // A complete HTTP response whose JSON stops half-way: what a proxy cutting a body looks like to a client.
      res.writeHead(reply.status, headers);
      res.end(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
      return;
    }
    headers['content-length'] = String(Buffer.byteLength(text));
    res.writeHead(reply.status, headers);
    res.end(text);
  }

  function dispatch(ctx: Omit<RouteContext, 'params'>): Reply {
    let methodMismatch: string[] = [];
    for (const r of routes) {
      const m = r.pattern.exec(ctx.path);
      if (!m) continue;
      if (r.method !== ctx.method) { methodMismatch.push(r.method); continue; }
      const params: Record<string, string> = {};
      r.keys.forEach((k, i) => { params[k] = m[i + 1] as string; });
      return r.handler({ ...ctx, params });
    }
    if (methodMismatch.length > 0) {
      methodMismatch = [...new Set(methodMismatch)];
      return { status: 405, body: { code: 'method_not_allowed', message: `${ctx.method} method is not allowed. It should be one of these method(s): ${methodMismatch.join('/')}` } };
    }
    return { status: 404 };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', origin);
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const c = state.counters;
    const arrived = Date.now();
    c.requests++;
    c.firstRequestAt ??= arrived;
    c.lastRequestAt = arrived;
    const count = (status: number) => { c.byStatus[status] = (c.byStatus[status] ?? 0) + 1; };

    const before = state.takeScripted(method, path, 'before');
    if (before?.mode === 'drop' || (!before && faults.dropRate && faultRandom.chance(faults.dropRate))) {
      if (before) c.faults.scripted++; else c.faults.drop++;
      req.socket.destroy();
      return;
    }
    if (faults.latencyMs) {
      const ms = Array.isArray(faults.latencyMs) ? faultRandom.int(faults.latencyMs[0], faults.latencyMs[1]) : faults.latencyMs;
      c.faults.latency++;
      await sleep(ms);
    }
    if (!authorised(req)) {
      c.unauthorised++;
      count(401);
      send(res, { status: 401, body: UNAUTHORISED_BODY }, {});
      return;
    }
    const decision = limiter.take(costOf(method, path, url.searchParams, chargeIncludes), Date.now());
    const rl: Record<string, string> = {
      'x-ratelimit-total': String(decision.total),
      'x-ratelimit-remaining': String(decision.remaining),
      'x-ratelimit-used-currentrequest': String(decision.allowed ? decision.cost : 0),
    };
    if (!decision.allowed) {
      c.http429++;
      count(429);
      send(res, { status: 429, body: RATE_LIMITED_BODY }, { ...rl, 'retry-after': String(decision.retryAfterSeconds) });
      return;
    }
    c.creditsUsed += decision.cost;
    if (before && (before.mode === 'error' || before.mode === 'status')) {
      c.faults.scripted++;
      const status = before.status ?? 500;
      count(status);
      send(res, { status, body: { code: 'internal_error', message: 'Simulated failure' } }, rl);
      return;
    }
    if (faults.errorRate && faultRandom.chance(faults.errorRate)) {
      c.faults.error++;
      const status = faultRandom.pick([500, 502, 503]);
      count(status);
      send(res, { status, body: { code: 'internal_error', message: 'Simulated server error' } }, rl);
      return;
    }

    let reply: Reply;
    try {
      let body: unknown;
      if ((method === 'POST' || method === 'PUT') && raw.length > 0) {
        if (!/application\/json/i.test(req.headers['content-type'] ?? '')) {
          throw new SimApiError(415, { code: 'invalid_content_type', message: 'Content-Type header should have application/json' });
        }
        try { body = JSON.parse(raw.toString('utf8')); } catch {
          throw new SimApiError(400, { code: 'invalid_json', message: 'Request body has invalid json format' });
        }
      }
      reply = dispatch({ method, path, query: url.searchParams, body, state, origin: origin as string, now: nowMs });
    } catch (error) {
      if (!(error instanceof SimApiError)) throw error;
      reply = { status: error.status, body: error.body, headers: error.headers };
    }

    const after = state.takeScripted(method, path, 'after');
    if (after) {
      c.faults.scripted++;
      if (after.mode === 'drop') { req.socket.destroy(); return; }
      if (after.mode === 'error' || after.mode === 'status') {
        const status = after.status ?? 500;
        count(status);
        send(res, { status, body: { code: 'internal_error', message: 'Simulated failure' } }, rl);
        return;
      }
      count(reply.status);
      send(res, reply, rl, true);
      return;
    }
    const truncate = before?.mode === 'truncate'
      || (method === 'GET' && reply.status === 200 && !!faults.truncateRate && faultRandom.chance(faults.truncateRate));
    if (truncate) { if (before) c.faults.scripted++; else c.faults.truncate++; }
    count(reply.status);
    send(res, reply, rl, truncate && reply.body !== undefined);
  }

  return {
    get url() {
      if (!origin) throw new Error('The Freshdesk simulator is not started: call start() first');
      return origin;
    },
    apiKey,
    state,
    start: function start(port = 0) {
      if (server) return Promise.resolve(origin as string);
      const s = createServer((req, res) => {
        handle(req, res).catch((error: unknown) => {
          if (!res.headersSent) {
            res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
            res.end(JSON.stringify({ code: 'internal_error', message: error instanceof Error ? error.message : 'error' }));
          }
        });
      });
      server = s;
      return new Promise<string>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, '127.0.0.1', () => {
          limiter.restart(Date.now());
          origin = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
          resolve(origin);
        });
      });
    },
    stop: function stop() {
      const s = server;
      server = undefined;
      if (!s) return Promise.resolve();
      return new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    },
  };
}
