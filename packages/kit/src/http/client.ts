import got, { TimeoutError, type Response } from 'got';
import { HttpError, RateLimitError, ResponseBodyError } from '../errors';
import { silentLogger } from '../logger';
import { RateLimiter } from '../rate-limit';
import { headerValue, parseRetryAfter } from '../rate-limit-headers';
import { createSecretRegistry, redactDeep, redactHeaders, redactUrl } from '../redact';
import { withRetry } from '../retry';
import { parseWithSchema } from '../validate';
import { KIT_VERSION } from '../version';
import { authHeaders } from './auth';
import { parseResponseBody } from './body';
import type { HttpClientOptions, HttpHooks, HttpMethodOptions, HttpRequestContext } from './context';
import type { HttpClientStats, HttpMethod, HttpRequestOptions, HttpResponse } from './types';
import { resolveRequestUrl } from './url';

/** A configured client for one vendor account. */
export interface HttpClient {
  /** Sends one request through the limiter and retries; resolves with the parsed (and validated) response. */
  request<T = unknown>(options: HttpRequestOptions<T>): Promise<HttpResponse<T>>;
  get<T = unknown>(path: string, options?: HttpMethodOptions<T>): Promise<HttpResponse<T>>;
  post<T = unknown>(path: string, options?: HttpMethodOptions<T>): Promise<HttpResponse<T>>;
  put<T = unknown>(path: string, options?: HttpMethodOptions<T>): Promise<HttpResponse<T>>;
  patch<T = unknown>(path: string, options?: HttpMethodOptions<T>): Promise<HttpResponse<T>>;
  delete<T = unknown>(path: string, options?: HttpMethodOptions<T>): Promise<HttpResponse<T>>;
  /** The limiter every request goes through (undefined when no rate limit was configured). */
  readonly limiter: RateLimiter | undefined;
  /** Counters since creation. */
  stats(): HttpClientStats;
  /** The base URL, as given. */
  readonly baseUrl: string;
}

type HookFn<R> = (ctx: HttpRequestContext) => R | Promise<R>;

function asList<R>(hook: HookFn<R> | HookFn<R>[] | undefined): HookFn<R>[] {
  if (!hook) return [];
  return Array.isArray(hook) ? hook : [hook];
}

/**
 * Creates an HTTP client on got: base URL, auth, timeouts, user agent, rate limiting (bottleneck), retries
 * (p-retry), lossless JSON, zod validation, typed errors with secrets redacted, and hooks.
 *
 * @example
 * const client = createHttpClient({
 *   baseUrl: 'https://acme.freshdesk.com/api/v2',
 *   auth: { type: 'basic', username: apiKey, password: 'X' },
 *   rateLimit: { requests: 50, windowMs: 60_000 },
 * });
 * const { body } = await client.get('/tickets', { searchParams: { per_page: 100 }, operation: 'list tickets' });
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch (cause) {
    throw new HttpError({ status: 0, method: 'GET', url: '', code: 'HTTP_URL_REJECTED', detail: `baseUrl is not an absolute URL: ${redactUrl(options.baseUrl)}`, cause });
  }
  const auth = authHeaders(options.auth);
  const secrets = createSecretRegistry([...auth.secrets, ...(options.secrets ?? [])]);
  const logger = options.logger ?? silentLogger;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const limiter = options.rateLimit instanceof RateLimiter
    ? options.rateLimit
    : options.rateLimit ? new RateLimiter(options.rateLimit) : undefined;
  const hooks: HttpHooks = options.hooks ?? {};
  const defaultHeaders: Record<string, string> = {
    'user-agent': options.userAgent ?? `silta/${KIT_VERSION}`,
    accept: 'application/json',
    ...lowerKeys(options.headers),
  };
  const counters = { requests: 0, retries: 0, http429: 0, errors: 0, rateLimitWaitMs: 0 };
  const waitBase = limiter?.stats().waitMs ?? 0;

  function safeUrl(url: URL | string): string {
    return secrets.redact(redactUrl(url));
  }

  async function sendOnce(ctx: HttpRequestContext): Promise<HttpResponse<unknown>> {
    const { request } = ctx;
    ctx.url = resolveRequestUrl(base, request.path, request.searchParams);
    ctx.headers = { ...defaultHeaders, ...lowerKeys(request.headers), ...auth.headers };
    if (request.idempotencyKey && options.idempotencyHeader) ctx.headers[options.idempotencyHeader.toLowerCase()] = request.idempotencyKey;
    if (request.json !== undefined) ctx.headers['content-type'] ??= 'application/json';
    for (const hook of asList(hooks.beforeRequest)) await hook(ctx);

    const sentAt = Date.now();
    counters.requests++;
    let res: Response<string>;
    try {
      res = await got(ctx.url, {
        method: request.method,
        headers: ctx.headers,
        body: request.json === undefined ? undefined : JSON.stringify(request.json),
        throwHttpErrors: false,
        retry: { limit: 0 },
        timeout: { request: request.timeoutMs ?? timeoutMs },
        responseType: 'text',
        signal: request.signal,
        // Credentials go only to the base origin: a redirect elsewhere is returned as the 3xx it is.
        followRedirect: function sameOriginRedirect(r) {
          const location = headerValue(r.headers, 'location');
          return location !== undefined && new URL(location, r.url).origin === base.origin;
        },
      });
    } catch (cause) {
      if (request.signal?.aborted) throw request.signal.reason;
      const timedOut = cause instanceof TimeoutError;
      logger.debug({ method: request.method, url: safeUrl(ctx.url), status: 0, ms: Date.now() - sentAt, attempt: ctx.attempt, operation: ctx.operation }, 'http request failed');
      throw new HttpError({
        status: 0, method: request.method, url: safeUrl(ctx.url), operation: ctx.operation,
        code: timedOut ? 'HTTP_TIMEOUT' : 'HTTP_NETWORK',
        detail: timedOut ? `timed out after ${request.timeoutMs ?? timeoutMs} ms` : undefined,
        cause: sanitizeCause(cause, secrets.redact),
      });
    }
    const ms = Date.now() - sentAt;
    // Inside limiter.schedule: the limiter knows when this attempt left its gate.
    limiter?.observe(res.statusCode, res.headers);
    logger.debug({ method: request.method, url: safeUrl(ctx.url), status: res.statusCode, ms, attempt: ctx.attempt, operation: ctx.operation }, 'http request');

    const parsed = parseResponseBody(res.body, headerValue(res.headers, 'content-type'));
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    const response: HttpResponse<unknown> = {
      status: res.statusCode,
      headers: res.headers,
      body: parsed.ok ? parsed.value : secrets.redact(parsed.text.slice(0, 4096)),
      url: safeUrl(res.url || ctx.url),
      elapsedMs: Date.now() - ctx.startedAt,
      attempts: ctx.attempt,
    };
    ctx.response = response;
    for (const hook of asList(hooks.afterResponse)) await hook(ctx);

    // Vendors sometimes echo the credential in an error body; it must not travel on in the error.
    const errorBody = ok ? undefined : redactDeep(response.body, secrets);
    const common = { method: request.method, url: response.url, operation: ctx.operation, headers: redactHeaders(res.headers) as HttpResponse['headers'], statusText: res.statusMessage, attempts: ctx.attempt };
    if (ok && !parsed.ok) {
      throw new ResponseBodyError({ ...common, status: res.statusCode, responseBody: response.body, cause: parsed.error, detail: `HTTP ${res.statusCode} with an invalid or truncated JSON body (${parsed.error.message})` });
    }
    if (res.statusCode === 429) {
      counters.http429++;
      throw new RateLimitError({ ...common, responseBody: errorBody, retryAfterMs: parseRetryAfter(headerValue(res.headers, 'retry-after')) });
    }
    if (!ok && res.statusCode !== 304) {
      throw new HttpError({ ...common, status: res.statusCode, responseBody: errorBody });
    }
    return response;
  }

  async function request<T = unknown>(requestOptions: HttpRequestOptions<T>): Promise<HttpResponse<T>> {
    const method: HttpMethod = requestOptions.method ?? 'GET';
    const ctx: HttpRequestContext = {
      request: { ...requestOptions, method } as HttpRequestContext['request'],
      operation: requestOptions.operation ?? `${method} ${requestOptions.path.split('?')[0]}`,
      url: base,
      headers: {},
      attempt: 0,
      startedAt: Date.now(),
      state: {},
    };
    try {
      const response = await withRetry(
        function attempt(n) {
          ctx.attempt = n;
          if (n > 1) counters.retries++;
          const send = () => sendOnce(ctx);
          return limiter ? limiter.schedule(send, { signal: requestOptions.signal }) : send();
        },
        {
          method, idempotencyKey: requestOptions.idempotencyKey, retrySafe: requestOptions.retrySafe,
          retry: options.retry, signal: requestOptions.signal,
          onRetry({ error, attempt, delayMs }) {
            logger.debug({ operation: ctx.operation, attempt, delayMs, code: (error as { code?: string }).code }, 'http retry');
          },
        },
      );
      response.elapsedMs = Date.now() - ctx.startedAt;
      if (requestOptions.schema) {
        response.body = parseWithSchema(requestOptions.schema, response.body, { operation: ctx.operation });
      }
      return response as HttpResponse<T>;
    } catch (error) {
      counters.errors++;
      if (!(error instanceof HttpError)) throw error;
      ctx.error = error;
      let final: HttpError = error;
      for (const hook of asList(hooks.beforeError)) {
        const replaced = await hook(ctx);
        if (replaced) final = ctx.error = replaced;
      }
      throw final;
    } finally {
      if (limiter) counters.rateLimitWaitMs = limiter.stats().waitMs - waitBase;
    }
  }

  function method(m: HttpMethod) {
    return function send<T = unknown>(path: string, opts: HttpMethodOptions<T> = {}): Promise<HttpResponse<T>> {
      return request<T>({ ...opts, path, method: m });
    };
  }

  return {
    request,
    get: method('GET'),
    post: method('POST'),
    put: method('PUT'),
    patch: method('PATCH'),
    delete: method('DELETE'),
    limiter,
    stats: function stats() {
      if (limiter) counters.rateLimitWaitMs = limiter.stats().waitMs - waitBase;
      return { ...counters };
    },
    baseUrl: options.baseUrl,
  };
}

function lowerKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = v;
  return out;
}

/** got errors carry the request options (headers with credentials): keep only name, code and a scrubbed message. */
function sanitizeCause(cause: unknown, redact: (text: string) => string): Error {
  if (!(cause instanceof Error)) return new Error('request failed');
  const clean = new Error(redact(cause.message));
  clean.name = cause.name;
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(clean, { code });
  return clean;
}
