import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, HttpError, paginateLink, RateLimiter } from '../src/index';
import { startFixedWindowServer, type FixedWindowServer } from './fixed-window-server';

// Integration tests against a real node:http server on loopback, port 0.

let server: FixedWindowServer;
const counts = new Map<string, number>();
function hit(key: string): number {
  const n = (counts.get(key) ?? 0) + 1;
  counts.set(key, n);
  return n;
}

beforeAll(async () => {
  server = await startFixedWindowServer({
    limit: 1_000_000,
    windowMs: 60_000,
    route(req, res) {
      const url = new URL(req.url ?? '/', 'http://x');
      res.setHeader('content-type', 'application/json');
      switch (url.pathname) {
        case '/flaky': {
          const n = hit('flaky');
          res.statusCode = n <= 2 ? 503 : 200;
          res.end(n <= 2 ? '{"description":"unavailable"}' : '{"ok":true,"attempt":3}');
          return true;
        }
        case '/notes':
          hit('notes');
          res.statusCode = 500;
          res.end('{"description":"Unexpected Server Error"}');
          return true;
        case '/big':
          res.end('{"id": 90071992547409931, "requester_id": 27000000000000000123, "n": 42}');
          return true;
        case '/drop':
          req.socket.destroy();
          return true;
        case '/items': {
          const page = Number(url.searchParams.get('page') ?? '1');
          if (page < 3) res.setHeader('Link', `<${server.url}/items?page=${page + 1}&per_page=2>; rel="next"`);
          res.end(JSON.stringify([{ id: page * 10 + 1 }, { id: page * 10 + 2 }]));
          return true;
        }
        case '/limited': {
          // 429 once with Retry-After: 1, then fine.
          const n = hit('limited');
          if (n === 1) {
            res.statusCode = 429;
            res.setHeader('Retry-After', '1');
            res.end('{"code":"rate_limited"}');
          } else {
            res.end(`{"n":${n}}`);
          }
          return true;
        }
        default:
          return false;
      }
    },
  });
});
afterAll(async () => server.close());

describe('HTTP client against a loopback server', () => {
  it('retries 5xx on a GET until it succeeds', async () => {
    const client = createHttpClient({ baseUrl: server.url, retry: { retries: 4, minTimeoutMs: 5, maxTimeoutMs: 20 } });
    const res = await client.get('/flaky');
    expect(res.body).toEqual({ ok: true, attempt: 3 });
    expect(res.attempts).toBe(3);
  });

  it('does not retry a POST without an idempotency key', async () => {
    const client = createHttpClient({ baseUrl: server.url, retry: { retries: 4, minTimeoutMs: 5, maxTimeoutMs: 20 } });
    await expect(client.post('/notes', { json: { body: 'x' } })).rejects.toMatchObject({ status: 500 });
    expect(counts.get('notes')).toBe(1);
  });

  it('keeps ids beyond 2^53 exact', async () => {
    const res = await createHttpClient({ baseUrl: server.url }).get<{ id: string; requester_id: string; n: number }>('/big');
    expect(res.body).toEqual({ id: '90071992547409931', requester_id: '27000000000000000123', n: 42 });
  });

  it('reports a dropped connection as status 0 HTTP_NETWORK', async () => {
    const err = await createHttpClient({ baseUrl: server.url, retry: false }).get('/drop', { operation: 'view ticket' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ status: 0, code: 'HTTP_NETWORK' });
    expect((err as Error).message).toMatch(/^view ticket: no response/);
  });

  it('follows Link rel="next" pages', async () => {
    const client = createHttpClient({ baseUrl: server.url });
    const ids: number[] = [];
    for await (const page of paginateLink<Array<{ id: number }>>(client, { path: '/items', searchParams: { per_page: 2 } })) {
      ids.push(...page.body.map((t) => t.id));
    }
    expect(ids).toEqual([11, 12, 21, 22, 31, 32]);
  });

  it('pauses the whole limiter after a 429 until Retry-After has passed', async () => {
    const limiter = new RateLimiter({ maxConcurrent: 4 });
    const client = createHttpClient({ baseUrl: server.url, rateLimit: limiter, retry: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 5 } });
    const first = client.get('/limited');
    await new Promise((r) => setTimeout(r, 50)); // the 429 has arrived by now
    const others = [client.get('/limited'), client.get('/limited'), client.get('/limited')];
    const results = await Promise.all([first, ...others]);
    const limited = server.seen.filter((s) => s.url === '/limited');
    const t429 = limited.find((s) => s.status === 429)!.at;
    const after = limited.filter((s) => s.at > t429);
    expect(after).toHaveLength(4);
    // Nothing was fired into the wall: every later request came at least Retry-After (1 s) after the 429.
    for (const s of after) expect(s.at - t429).toBeGreaterThanOrEqual(950);
    expect(results[0]!.attempts).toBe(2);
    expect(limiter.stats()).toMatchObject({ http429: 1, pauses: 1 });
  });

  it('learns where the vendor\'s windows begin from X-RateLimit-Remaining and keeps every window within budget', async () => {
    const limited = await startFixedWindowServer({ limit: 12, windowMs: 600, latencyMs: [0, 4] });
    try {
      const client = createHttpClient({ baseUrl: limited.url, rateLimit: { requests: 12, windowMs: 600, maxConcurrent: 4 }, retry: false });
      await Promise.all(Array.from({ length: 40 }, () => client.get('/')));
      expect(limited.seen.filter((s) => s.status === 429)).toHaveLength(0);
      for (const used of limited.windows().values()) expect(used).toBeLessThanOrEqual(12);
      expect(client.limiter!.stats().boundaryKnown).toBe(true);
    } finally {
      await limited.close();
    }
  });

  it('keeps under a fixed-window limit with several requests in flight: no 429s', async () => {
    const limited = await startFixedWindowServer({ limit: 8, windowMs: 150, latencyMs: [0, 6] });
    try {
      const client = createHttpClient({ baseUrl: limited.url, rateLimit: { requests: 8, windowMs: 150, maxConcurrent: 4 }, retry: false });
      await Promise.all(Array.from({ length: 48 }, () => client.get('/')));
      expect(limited.seen.filter((s) => s.status === 429)).toHaveLength(0);
      expect(limited.seen).toHaveLength(48);
      expect(client.stats().http429).toBe(0);
    } finally {
      await limited.close();
    }
  });
});
