/** Header names the limiter reads, matched case-insensitively. */
export interface RateLimitHeaderNames {
  /** Requests allowed per window (Freshdesk `X-RateLimit-Total`). */
  total: string;
  /** Requests left in the current window (`X-RateLimit-Remaining`). */
  remaining: string;
  /** Seconds (or an HTTP date) to wait before the next request, sent with a 429 (`Retry-After`). */
  retryAfter: string;
  /** Calls the current request consumed (`X-RateLimit-Used-CurrentRequest`); include=… can cost more than 1. */
  used: string;
}

/** The default header names (Freshdesk's, which many vendors share). */
export const DEFAULT_RATE_LIMIT_HEADERS: RateLimitHeaderNames = {
  total: 'x-ratelimit-total',
  remaining: 'x-ratelimit-remaining',
  retryAfter: 'retry-after',
  used: 'x-ratelimit-used-currentrequest',
};

/** Response headers in any casing, single or repeated values. */
export type HeaderBag = Record<string, string | string[] | number | undefined> | Headers | undefined;

/**
 * Reads one header case-insensitively (first value when repeated).
 *
 * @example
 * headerValue({ 'Retry-After': '3' }, 'retry-after'); // '3'
 */
export function headerValue(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : String(first);
  }
  return undefined;
}

/**
 * Parses `Retry-After`: delay-seconds (fractions accepted) or an HTTP date. Returns milliseconds (≥ 0) or undefined.
 *
 * @example
 * parseRetryAfter('34'); // 34000
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')); // 60000
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Parses a non-negative integer header value. */
export function parseCount(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}
