/**
 * The kit's HTTP client against a small local API (started here, so no account is needed): Basic auth,
 * a fixed-window rate limit the client paces itself under, a 503 it retries, a 404 it reports as a typed
 * error, lossless 64-bit ids, and Link pagination. (Pass `schema:` a zod schema to validate each page; see docs/kit.md.)
 *
 *   node --conditions=@silta/source --import tsx examples/kit-http-client.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError, createHttpClient, createLogger, paginateLink } from '@silta/kit';

const API_KEY = 'demo-key-123';
const LIMIT = 10; // requests per window
const WINDOW_MS = 500;

// A tiny vendor: 25 tickets, 5 per page, Link headers, X-RateLimit-* headers, one 503 on the first page.
const started = Date.now();
let windowIndex = 0;
let used = 0;
let failedOnce = false;
const server = createServer((req, res) => {
  const index = Math.floor((Date.now() - started) / WINDOW_MS);
  if (index !== windowIndex) [windowIndex, used] = [index, 0];
  used++;
  res.setHeader('content-type', 'application/json');
  res.setHeader('X-RateLimit-Total', String(LIMIT));
  res.setHeader('X-RateLimit-Remaining', String(Math.max(0, LIMIT - used)));
  if (used > LIMIT) {
    res.writeHead(429, { 'Retry-After': '1' }).end('{"code":"rate_limited"}');
    return;
  }
  if (req.headers.authorization !== `Basic ${Buffer.from(`${API_KEY}:X`).toString('base64')}`) {
    res.writeHead(401).end('{"code":"invalid_credentials","message":"You have to be logged in to perform this action."}');
    return;
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== '/api/v2/tickets') {
    res.writeHead(404).end('{"code":"not_found"}');
    return;
  }
  const page = Number(url.searchParams.get('page') ?? 1);
  if (page === 1 && !failedOnce) {
    failedOnce = true;
    res.writeHead(503).end('{"description":"try again"}');
    return;
  }
  if (page < 5) res.setHeader('Link', `<http://127.0.0.1:${port}/api/v2/tickets?page=${page + 1}&per_page=5>; rel="next"`);
  const ids = [1, 2, 3, 4, 5].map((i) => `${(page - 1) * 5 + i}`);
  // Raw JSON text so one id exceeds 2^53, as in real Freshdesk payloads.
  res.end(`[${ids.map((i) => `{"id": 9007199254740${990 + Number(i)}, "subject": "Tiketti ${i}", "status": 2, "cf_alue": "Häme"}`).join(',')}]`);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;

interface Ticket { id: number | string; subject: string; status: number; [field: string]: unknown }

const client = createHttpClient({
  baseUrl: `http://127.0.0.1:${port}/api/v2`,
  auth: { type: 'basic', username: API_KEY, password: 'X' },
  rateLimit: { requests: LIMIT, windowMs: WINDOW_MS, maxConcurrent: 3 },
  retry: { retries: 3, minTimeoutMs: 50 },
  logger: createLogger({ level: process.env.SILTA_LOG_LEVEL ?? 'warn' }),
});

const tickets: Ticket[] = [];
for await (const page of paginateLink<Ticket[]>(client, { path: '/tickets', searchParams: { per_page: 5 }, operation: 'list tickets' })) {
  tickets.push(...page.body);
}
console.log(`read ${tickets.length} tickets; id beyond 2^53 kept exact: ${JSON.stringify(tickets[1]?.id)}, unknown field kept: ${String(tickets[0]?.cf_alue)}`);

try {
  await client.get('/companies/1', { operation: 'view company' });
} catch (error) {
  if (error instanceof HttpError) console.log(`typed error: ${error.code} ${error.status} — ${error.message}`);
}

// Twenty quick requests: the limiter spreads them under 10 per 500 ms, so the server never says 429.
await Promise.all(Array.from({ length: 20 }, () => client.get('/tickets', { searchParams: { page: 5 } })));
console.log('client stats', client.stats());
await client.limiter?.stop();
server.close();
