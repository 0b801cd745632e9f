import type { z } from 'zod';

/** HTTP methods the client speaks. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Query parameters; `undefined` values are left out. */
export type SearchParams = Record<string, string | number | boolean | undefined>;

/** How the client authenticates. Secrets given here are redacted from every error and log line. */
export type HttpAuth =
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string }
  | { type: 'apiKey'; header: string; value: string }
  | { type: 'none' };

/** One request. `path` is relative to the client's base URL, or an absolute URL on the same origin (a `Link` next page). */
export interface HttpRequestOptions<T = unknown> {
  method?: HttpMethod;
  path: string;
  searchParams?: SearchParams;
  json?: unknown;
  headers?: Record<string, string>;
  /**
   * Makes a POST/PATCH retryable; sent in the client's `idempotencyHeader` when the vendor has one.
   * Vendors without idempotency keys need the action to check for an earlier attempt (see `defineAction`).
   */
  idempotencyKey?: string;
  /** Declares a non-idempotent request safe to retry (the caller knows a repeat does no harm). */
  retrySafe?: boolean;
  /** Validates the parsed body; unknown fields are kept, a bad required field raises `ValidationError`. */
  schema?: z.ZodType<T>;
  /** What the request is, for error messages and logs (`list tickets`). */
  operation?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** A parsed response. Header names are lower-case. */
export interface HttpResponse<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  /** The final URL, credentials redacted. */
  url: string;
  /** Milliseconds from first attempt to this response, retries and rate-limit waits included. */
  elapsedMs: number;
  /** How many attempts it took (1 when the first one succeeded). */
  attempts: number;
}

/** Counters a client keeps, for progress output and benchmarks. */
export interface HttpClientStats {
  requests: number;
  retries: number;
  http429: number;
  errors: number;
  rateLimitWaitMs: number;
}
