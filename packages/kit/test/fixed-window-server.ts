import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the test server saw. */
export interface SeenRequest { method: string; url: string; at: number; status: number }

/** Options of the loopback fixed-window server. */
export interface FixedWindowServerOptions {
  /** Requests allowed per fixed window (windows start when the server starts). */
  limit: number;
  windowMs: number;
  /** Simulated latency range, ms. */
  latencyMs?: [number, number];
  /** Calls each request costs (Freshdesk charges extra for `include=`), sent as X-RateLimit-Used-CurrentRequest. */
  cost?: number;
  /** Extra routes, tried before the rate-limited default handler. Return true when handled. */
  route?(req: IncomingMessage, res: ServerResponse, server: FixedWindowServer): boolean | Promise<boolean>;
}

/** A running loopback server with Freshdesk-style fixed-window rate limiting. */
export interface FixedWindowServer {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
  /** Counts the request against the window; writes the rate-limit headers (and a 429) and returns false when over. */
  admit(req: IncomingMessage, res: ServerResponse): boolean;
  /** Calls admitted per window index (windows that saw any request). */
  windows(): Map<number, number>;
  /** Calls used in the full windows (all but the first and last seen) ÷ what they allowed. */
  utilisation(): number;
}

/**
 * Starts a loopback HTTP server on port 0 that counts requests in fixed windows, answers with
 * `X-RateLimit-Total/Remaining`, and a 429 with `Retry-After` (whole seconds, as Freshdesk) when over.
 * Used by the kit's integration tests and its rate-limit benchmark.
 */
export async function startFixedWindowServer(options: FixedWindowServerOptions): Promise<FixedWindowServer> {
  const started = Date.now();
  let windowIndex = 0;
  let used = 0;
  const seen: SeenRequest[] = [];
  const usage = new Map<number, number>();

  function admit(_req: IncomingMessage, res: ServerResponse): boolean {
    const now = Date.now();
    const index = Math.floor((now - started) / options.windowMs);
    if (index !== windowIndex) {
      windowIndex = index;
      used = 0;
    }
    const cost = options.cost ?? 1;
    res.setHeader('X-RateLimit-Total', String(options.limit));
    if (used + cost > options.limit) {
      used = options.limit;
      const resetIn = started + (index + 1) * options.windowMs - now;
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil(resetIn / 1000))));
      res.setHeader('X-RateLimit-Remaining', '0');
      return false;
    }
    used += cost;
    usage.set(index, used);
    res.setHeader('X-RateLimit-Remaining', String(options.limit - used));
    res.setHeader('X-RateLimit-Used-CurrentRequest', String(cost));
    return true;
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const at = Date.now();
    const entry: SeenRequest = { method: req.method ?? 'GET', url: req.url ?? '/', at, status: 0 };
    seen.push(entry);
    res.on('finish', () => { entry.status = res.statusCode; });
    if (options.latencyMs) {
      const [lo, hi] = options.latencyMs;
      await new Promise((r) => setTimeout(r, lo + Math.random() * (hi - lo)));
    }
    if (options.route && (await options.route(req, res, server))) return;
    res.setHeader('content-type', 'application/json');
    if (!admit(req, res)) {
      res.statusCode = 429;
      res.end('{"code":"rate_limited"}');
      return;
    }
    res.end('{"ok":true}');
  };

  const http: Server = createServer((req, res) => { void handle(req, res); });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const server: FixedWindowServer = {
    url: `http://127.0.0.1:${port}`,
    seen,
    admit,
    windows: () => usage,
    utilisation() {
      const indexes = [...usage.keys()].sort((a, b) => a - b);
      const full = indexes.length > 2 ? indexes.slice(1, -1) : indexes;
      const calls = full.reduce((sum, i) => sum + (usage.get(i) ?? 0), 0);
      return full.length === 0 ? 0 : calls / (options.limit * (full.length));
    },
    close: () => new Promise<void>((resolve) => {
      http.closeAllConnections();
      http.close(() => resolve());
    }),
  };
  return server;
}
