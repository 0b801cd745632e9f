/**
 * Backfill 20,000 tickets from the simulator under a small fixed-window rate limit (several windows) with a
 * 2% 5xx fault rate: first with Silta's tickets stream, then with the `freshdesk-api` npm client in the loop
 * a user writes today. Prints one JSON line per run.
 *
 *   pnpm bench freshdesk-backfill [--tickets 20000] [--window-seconds 2] [--credits-per-window 210]
 */
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { silentLogger } from '@silta/kit';
import { createFreshdeskClient } from '../src/client';
import { ticketsStream } from '../src/streams';
import type { FreshdeskSimulatorOptions, SimulatorCounters } from '../src/testing';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const TICKETS = arg('tickets', 20_000);
const WINDOW_SECONDS = arg('window-seconds', 2);
// A list request with include=requester,stats,description costs 7 credits (1 + 2 per include, as documented):
// 210 credits a window is 30 pages, so 20,000 tickets (200 pages) span about 7 windows.
const CREDITS_PER_WINDOW = arg('credits-per-window', 210);
const ERROR_RATE = 0.02;
const INCLUDE = 'requester,stats,description';

interface RemoteSim {
  url: string;
  apiKey: string;
  /** Stops the simulator and returns its own counters. */
  report(): Promise<{ counters: SimulatorCounters; utilisation: number; windows: number }>;
}

/** The simulator runs in a worker thread: its JSON work must not slow the client under test. */
async function simulator(): Promise<RemoteSim> {
  const options: FreshdeskSimulatorOptions = {
    tickets: TICKETS, seed: 2026, requestsPerWindow: CREDITS_PER_WINDOW, windowSeconds: WINDOW_SECONDS, faults: { errorRate: ERROR_RATE },
  };
  // Node 20 does not apply `--import tsx` to a worker's entry file: register tsx inside the worker first.
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./_sim-worker.ts', import.meta.url).href;
  const worker = new Worker(
    `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`,
    { eval: true, workerData: options },
  );
  const [started] = (await once(worker, 'message')) as [{ url: string; apiKey: string }];
  return {
    url: started.url,
    apiKey: started.apiKey,
    async report() {
      worker.postMessage({ type: 'report' });
      const [msg] = (await once(worker, 'message')) as [{ counters: SimulatorCounters; utilisation: number; windows: number }];
      await worker.terminate();
      return msg;
    },
  };
}

async function figures(name: string, sim: RemoteSim, delivered: Map<string, number>, wallMs: number) {
  const { counters: c, utilisation, windows } = await sim.report();
  return {
    name,
    tickets: [...delivered.values()].reduce((a, b) => a + b, 0),
    unique_tickets: delivered.size,
    seeded_tickets: TICKETS,
    requests: c.requests,
    http_429: c.http429,
    http_5xx: Object.entries(c.byStatus).filter(([s]) => Number(s) >= 500).reduce((a, [, n]) => a + n, 0),
    utilisation: Number(utilisation.toFixed(3)),
    windows,
    credits_per_window: CREDITS_PER_WINDOW,
    window_s: WINDOW_SECONDS,
    wall_s: Number((wallMs / 1000).toFixed(2)),
  };
}

async function silta(): Promise<void> {
  const sim = await simulator();
  {
    const client = createFreshdeskClient(
      { domain: 'bench', apiKey: sim.apiKey, baseUrl: sim.url, requestsPerMinute: CREDITS_PER_WINDOW, windowSeconds: WINDOW_SECONDS },
      { logger: silentLogger },
    );
    const ctx = { config: { domain: 'bench', apiKey: sim.apiKey }, client, connection: 'bench', logger: silentLogger, signal: new AbortController().signal, now: () => new Date() };
    const delivered = new Map<string, number>();
    const started = Date.now();
    for await (const batch of ticketsStream.read(ctx, undefined)) {
      for (const r of batch.records) if (r.entity === 'case') delivered.set(r.ref.id, (delivered.get(r.ref.id) ?? 0) + 1);
    }
    const wall = Date.now() - started;
    // Let cancelled look-ahead requests settle before the simulator's counters are read.
    await new Promise((r) => setTimeout(r, 200));
    const stats = client.stats();
    const limiter = client.http.limiter?.stats();
    console.log(JSON.stringify({
      ...(await figures('freshdesk-backfill', sim, delivered, wall)),
      client_retries: stats.retries, client_429: stats.http429, limiter_pauses: limiter?.pauses ?? 0, rate_limit_wait_s: Number((stats.rateLimitWaitMs / 1000).toFixed(1)),
    }));
  }
}

interface PeerExtra { pageIsLast: boolean }
interface PeerError { status?: number; retryAfter?: number }
interface PeerClient {
  listAllTickets(params: Record<string, unknown>, cb: (err: PeerError | null, data: Array<{ id: number }>, extra: PeerExtra) => void): void;
}

async function peer(): Promise<void> {
  const sim = await simulator();
  {
    const Freshdesk = createRequire(import.meta.url)('freshdesk-api') as new (baseUrl: string, apiKey: string) => PeerClient;
    const fd = new Freshdesk(sim.url, sim.apiKey);
    const list = (page: number) => new Promise<{ data: Array<{ id: number }>; extra: PeerExtra }>((resolve, reject) => {
      fd.listAllTickets({ updated_since: '1970-01-01T00:00:00Z', order_by: 'updated_at', order_type: 'asc', include: INCLUDE, per_page: 100, page },
        (err, data, extra) => (err ? reject(err) : resolve({ data, extra })));
    });
    const delivered = new Map<string, number>();
    const started = Date.now();
    // The loop a user writes today: page until the Link header is gone; on an error wait Retry-After (or 1 s) and try again.
    for (let page = 1; ; ) {
      try {
        const { data, extra } = await list(page);
        for (const t of data) delivered.set(String(t.id), (delivered.get(String(t.id)) ?? 0) + 1);
        if (extra.pageIsLast) break;
        page++;
      } catch (error) {
        const retryAfter = (error as PeerError).retryAfter;
        await new Promise((r) => setTimeout(r, Number.isFinite(retryAfter) ? (retryAfter as number) * 1000 : 1000));
      }
    }
    console.log(JSON.stringify(await figures('freshdesk-backfill-peer', sim, delivered, Date.now() - started)));
  }
}

await silta();
await peer();
