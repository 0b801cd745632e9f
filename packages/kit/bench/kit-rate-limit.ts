// Benchmark: how close the kit's limiter gets to a fixed-window budget without a single 429.
// A loopback server counts requests in fixed windows (X-RateLimit-Total/Remaining, 429 + Retry-After),
// the client sends more requests than fit, several in flight. Prints one JSON line.
//   pnpm bench kit-rate-limit   (env: LIMIT, WINDOW_MS, WINDOWS, CONCURRENCY, LATENCY_MS, COST)
import { createHttpClient } from '../src/index';
import { startFixedWindowServer } from '../test/fixed-window-server';

const limit = Number(process.env.LIMIT ?? 30);
const windowMs = Number(process.env.WINDOW_MS ?? 1000);
const windows = Number(process.env.WINDOWS ?? 6);
const concurrency = Number(process.env.CONCURRENCY ?? 6);
const latency = Number(process.env.LATENCY_MS ?? 15);
const cost = Number(process.env.COST ?? 1);

const server = await startFixedWindowServer({ limit, windowMs, latencyMs: [1, latency], cost });
// Start the client mid-window, as a real job would.
await new Promise((r) => setTimeout(r, windowMs * 0.37));
const client = createHttpClient({
  baseUrl: server.url,
  rateLimit: { requests: limit, windowMs, maxConcurrent: concurrency },
  retry: { retries: 5, minTimeoutMs: 50, maxTimeoutMs: 2000 },
});
const total = Math.floor((limit * windows) / cost);
let next = 0;
const started = performance.now();
async function worker(): Promise<void> {
  while (next < total) {
    next++;
    await client.get('/tickets');
  }
}
await Promise.all(Array.from({ length: concurrency }, () => worker()));
const wallS = (performance.now() - started) / 1000;
const requests = server.seen.length;
const http429 = server.seen.filter((s) => s.status === 429).length;
// Utilisation as the Freshdesk simulator measures it: calls used in the full windows ÷ calls they allowed.
// rate_ratio: calls per second over the whole run ÷ the allowed rate (can pass 1 when the run starts mid-window).
const utilisation = server.utilisation();
const rateRatio = (requests * cost) / wallS / (limit / (windowMs / 1000));
const limiterStats = client.limiter!.stats();
if (process.env.SHOW_WINDOWS) console.error(JSON.stringify([...server.windows()]), JSON.stringify(limiterStats));
await server.close();
console.log(JSON.stringify({
  name: 'kit-rate-limit', requests, http_429: http429, utilisation: Number(utilisation.toFixed(3)),
  rate_ratio: Number(rateRatio.toFixed(3)), windows: server.windows().size,
  wall_s: Number(wallS.toFixed(2)), limit_per_window: limit, window_ms: windowMs, concurrency, cost_per_request: cost, limiter_pauses: limiterStats.pauses,
}));
