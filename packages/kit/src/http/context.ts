import type { HttpError } from '../errors';
import type { Logger } from '../logger';
import type { RateLimiter, RateLimiterOptions } from '../rate-limit';
import type { RetryOptions } from '../retry';
import type { HttpAuth, HttpMethod, HttpRequestOptions, HttpResponse } from './types';

/**
 * The one object that flows through a request's hooks. `headers` and `url` may be changed in `beforeRequest`
 * (they are rebuilt for each attempt); `response` is set before `afterResponse`, `error` before `beforeError`.
 */
export interface HttpRequestContext {
  readonly request: HttpRequestOptions<unknown> & { method: HttpMethod };
  /** What the request is, for messages: `operation`, else `METHOD /path`. */
  readonly operation: string;
  url: URL;
  /** Outgoing headers, lower-case names (credentials included: never log them unredacted). */
  headers: Record<string, string>;
  /** Attempt number, from 1. */
  attempt: number;
  /** Epoch ms of the first attempt. */
  readonly startedAt: number;
  response?: HttpResponse<unknown>;
  error?: HttpError;
  /** Free space for hooks to pass data to each other. */
  readonly state: Record<string, unknown>;
}

/** Hooks run in order for each request; each may be async. */
export interface HttpHooks {
  /** Before each attempt is sent (change `ctx.headers`/`ctx.url` here). */
  beforeRequest?: Array<(ctx: HttpRequestContext) => void | Promise<void>> | ((ctx: HttpRequestContext) => void | Promise<void>);
  /** After each response arrives (any status), body parsed but not validated. */
  afterResponse?: Array<(ctx: HttpRequestContext) => void | Promise<void>> | ((ctx: HttpRequestContext) => void | Promise<void>);
  /** Once, before the final error is thrown; may return a replacement error. */
  beforeError?:
    | Array<(ctx: HttpRequestContext) => HttpError | void | Promise<HttpError | void>>
    | ((ctx: HttpRequestContext) => HttpError | void | Promise<HttpError | void>);
}

/** Options of `createHttpClient`. */
export interface HttpClientOptions {
  /** Base URL every relative path is appended to, e.g. `https://acme.freshdesk.com/api/v2`. */
  baseUrl: string;
  auth?: HttpAuth;
  /** Per-attempt timeout, ms (default 30 000). */
  timeoutMs?: number;
  /** Default `silta/<version>`. */
  userAgent?: string;
  /** Sent with every request (request headers win). */
  headers?: Record<string, string>;
  /** Header carrying `idempotencyKey`, for vendors that support one (e.g. `Idempotency-Key`). */
  idempotencyHeader?: string;
  /** A budget (a limiter is created) or a shared `RateLimiter`. */
  rateLimit?: RateLimiterOptions | RateLimiter;
  /** Retry settings, or `false` for none. */
  retry?: RetryOptions | false;
  /** Pino-compatible; default silent. Requests are logged at debug: method, redacted URL, status, ms. */
  logger?: Logger;
  hooks?: HttpHooks;
  /** Extra secret strings to scrub from error messages (auth secrets are added automatically). */
  secrets?: string[];
}

/** Per-request options of the method helpers (`get`, `post`, ...). */
export type HttpMethodOptions<T> = Omit<HttpRequestOptions<T>, 'path' | 'method'>;
