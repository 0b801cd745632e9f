import {
  RateLimiter, createHttpClient, silentLogger,
  type HttpClient, type HttpClientStats, type HttpMethodOptions, type HttpResponse, type Logger, type RetryOptions,
} from '@silta/kit';
import { parseFreshdeskConfig, type FreshdeskConfig, type FreshdeskConfigInput } from '../config';
import { freshdeskErrorHook } from './errors';

export { describeFreshdeskError, freshdeskErrorHook } from './errors';

/** A Freshdesk API v2 client: the kit's HTTP client plus the resolved config and the plan's sub-limits. */
export interface FreshdeskClient {
  readonly config: FreshdeskConfig;
  /** The underlying client (rate limit, retries, typed errors); paths are relative to `/api/v2`. */
  readonly http: HttpClient;
  /**
   * GET through the plan's per-endpoint sub-limit when one applies (Tickets List, Contacts List), then
   * the account budget.
   */
  list<T = unknown>(endpoint: 'tickets' | 'contacts' | 'other', path: string, options?: HttpMethodOptions<T>): Promise<HttpResponse<T>>;
  stats(): HttpClientStats;
}

/** Options of {@link createFreshdeskClient}. */
export interface FreshdeskClientOptions {
  logger?: Logger;
  retry?: RetryOptions | false;
  /** Requests in flight at once (default 4): pacing, not concurrency, is what keeps within the budget. */
  maxConcurrent?: number;
  /** Per-attempt timeout, ms (default 30 000). */
  timeoutMs?: number;
}

/**
 * Creates a client for one Freshdesk account: Basic auth `apiKey:X`, a budget from `plan` or
 * `requestsPerMinute` that also follows `X-RateLimit-Total/Remaining/Used-CurrentRequest` and `Retry-After`,
 * retries on network errors, truncated bodies, 429 and 5xx, and errors whose `responseBody` is the parsed
 * Freshdesk error envelope. The API key never appears in a message or log line.
 *
 * @example
 * const fd = createFreshdeskClient({ domain: 'yritys', apiKey: process.env.FRESHDESK_API_KEY!, plan: 'pro' });
 * const { body } = await fd.http.get('/tickets/20', { searchParams: { include: 'stats' } });
 */
export function createFreshdeskClient(config: FreshdeskConfigInput | FreshdeskConfig, options: FreshdeskClientOptions = {}): FreshdeskClient {
  const resolved = parseFreshdeskConfig(config);
  const http = createHttpClient({
    baseUrl: resolved.apiBaseUrl,
    auth: { type: 'basic', username: resolved.apiKey, password: 'X' },
    rateLimit: {
      requests: resolved.requestsPerMinute,
      windowMs: resolved.windowMs,
      maxConcurrent: options.maxConcurrent ?? 4,
    },
    retry: options.retry,
    timeoutMs: options.timeoutMs,
    logger: options.logger ?? silentLogger,
    hooks: { beforeError: freshdeskErrorHook },
  });
  const sub = {
    tickets: resolved.subLimits.ticketsList ? new RateLimiter({ requests: resolved.subLimits.ticketsList, windowMs: resolved.windowMs, maxConcurrent: 4 }) : undefined,
    contacts: resolved.subLimits.contactsList ? new RateLimiter({ requests: resolved.subLimits.contactsList, windowMs: resolved.windowMs, maxConcurrent: 4 }) : undefined,
  };
  return {
    config: resolved,
    http,
    list: function list<T>(endpoint: 'tickets' | 'contacts' | 'other', path: string, opts: HttpMethodOptions<T> = {}) {
      const limiter = endpoint === 'other' ? undefined : sub[endpoint];
      const send = () => http.get<T>(path, opts);
      return limiter ? limiter.schedule(send, { signal: opts.signal }) : send();
    },
    stats: function stats() { return http.stats(); },
  };
}
