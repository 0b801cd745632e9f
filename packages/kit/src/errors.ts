import type { z } from 'zod';
import { redactUrl } from './redact';

/** Stable codes carried by every error the kit throws. */
export type SiltaErrorCode =
  | 'HTTP_ERROR' | 'HTTP_NETWORK' | 'HTTP_TIMEOUT' | 'HTTP_RATE_LIMITED' | 'HTTP_BODY_INVALID' | 'HTTP_URL_REJECTED'
  | 'VALIDATION_FAILED' | 'CONFIG_INVALID'
  | 'WEBHOOK_SIGNATURE_INVALID' | 'WEBHOOK_SIGNATURE_MISSING' | 'WEBHOOK_SIGNATURE_MALFORMED' | 'WEBHOOK_TIMESTAMP_STALE'
  | (string & {});

/**
 * Base class of every error the kit throws: a stable `code` to branch on, and an optional `cause`.
 *
 * @example
 * try { await client.get('/tickets') } catch (e) { if (e instanceof SiltaError && e.code === 'HTTP_TIMEOUT') retryLater(); }
 */
export class SiltaError extends Error {
  readonly code: SiltaErrorCode;
  constructor(code: SiltaErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}

/** What an `HttpError` is built from. `url` is redacted on construction. */
export interface HttpErrorInit {
  status: number;
  method: string;
  url: string;
  operation?: string;
  statusText?: string;
  responseBody?: unknown;
  headers?: Record<string, string | string[] | undefined>;
  cause?: unknown;
  code?: SiltaErrorCode;
  /** Overrides the default message tail (after `<operation>: `). */
  detail?: string;
  /** How many attempts were made before giving up. */
  attempts?: number;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  408: 'Request Timeout', 409: 'Conflict', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity',
  429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * An HTTP request that failed: `status` (0 when no response came), `method`, the redacted `url`,
 * the vendor's parsed error body in `responseBody`, the response `headers`, and the underlying `cause`.
 * Codes: `HTTP_ERROR` (a response), `HTTP_NETWORK` (no response), `HTTP_TIMEOUT`.
 *
 * @example
 * catch (e) { if (e instanceof HttpError && e.status === 404) return undefined; throw e; }
 */
export class HttpError extends SiltaError {
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly operation: string | undefined;
  readonly responseBody: unknown;
  readonly headers: Record<string, string | string[] | undefined>;
  attempts: number;
  constructor(init: HttpErrorInit) {
    const url = redactUrl(init.url);
    const code = init.code ?? (init.status === 0 ? 'HTTP_NETWORK' : 'HTTP_ERROR');
    const what = init.operation ?? `${init.method} ${url}`;
    const detail = init.detail
      ?? (init.status === 0
        ? `no response (${describeCause(init.cause)})`
        : `HTTP ${init.status} ${init.statusText || STATUS_TEXT[init.status] || ''}`.trimEnd());
    super(code, `${what}: ${detail}`, { cause: init.cause });
    this.status = init.status;
    this.method = init.method;
    this.url = url;
    this.operation = init.operation;
    this.responseBody = init.responseBody;
    this.headers = init.headers ?? {};
    this.attempts = init.attempts ?? 1;
  }
}

function describeCause(cause: unknown): string {
  if (cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string') return cause.code;
  return cause instanceof Error ? cause.name : 'network error';
}

/**
 * HTTP 429: the vendor's rate limit was hit. `retryAfterMs` is the vendor's `Retry-After` in ms when it sent one.
 *
 * @example
 * catch (e) { if (e instanceof RateLimitError) await sleep(e.retryAfterMs ?? 60_000); }
 */
export class RateLimitError extends HttpError {
  readonly retryAfterMs: number | undefined;
  constructor(init: Omit<HttpErrorInit, 'status'> & { retryAfterMs?: number }) {
    super({ ...init, status: 429, code: init.code ?? 'HTTP_RATE_LIMITED' });
    this.retryAfterMs = init.retryAfterMs;
  }
}

/**
 * A 2xx response whose body is not the JSON it claims to be (truncated, cut off mid-stream).
 * A transport fault, so it is retried like a network error.
 *
 * @example
 * catch (e) { if (e instanceof ResponseBodyError) log.warn({ op: e.operation }, 'garbled body'); }
 */
export class ResponseBodyError extends HttpError {
  constructor(init: Omit<HttpErrorInit, 'code'>) {
    super({ ...init, code: 'HTTP_BODY_INVALID', detail: init.detail ?? `HTTP ${init.status} with an invalid JSON body` });
  }
}

/** One problem found by schema validation, with the field path in `a.b[3].c` form. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Formats a zod path as `tickets[3].status` (empty path: `(root)`). */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out || '(root)';
}

/**
 * A payload did not match its schema. The message names each field path and what was wrong
 * (`list tickets: tickets[3].status: expected number, received string`); the raw payload is on the
 * non-enumerable `payload` property so it never reaches a JSON log line by accident.
 *
 * @example
 * catch (e) { if (e instanceof ValidationError) deadLetter(e.payload, e.message); }
 */
export class ValidationError extends SiltaError {
  readonly issues: ValidationIssue[];
  readonly operation: string | undefined;
  declare readonly payload: unknown;
  constructor(init: { issues: ValidationIssue[]; payload?: unknown; operation?: string; cause?: unknown }) {
    const list = init.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    super('VALIDATION_FAILED', init.operation ? `${init.operation}: ${list}` : list, { cause: init.cause });
    this.issues = init.issues;
    this.operation = init.operation;
    Object.defineProperty(this, 'payload', { value: init.payload, enumerable: false, writable: false, configurable: true });
  }

  /** Builds the error from a zod error, describing each issue with the received type where zod leaves it out. */
  static fromZod(error: z.ZodError, payload: unknown, operation?: string): ValidationError {
    const issues = error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: describeIssue(issue, payload) }));
    return new ValidationError({ issues, payload, operation, cause: error });
  }
}

function describeIssue(issue: z.core.$ZodIssue, payload: unknown): string {
  if (issue.code === 'invalid_type') {
    const value = valueAt(payload, issue.path);
    const received = value.found ? typeName(value.value) : 'undefined';
    return `expected ${issue.expected}, received ${received}`;
  }
  // zod messages describe the rule, never echo the value, so they are safe to show.
  return issue.message;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): { found: boolean; value?: unknown } {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !(key in (cur as object))) return { found: false };
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: cur };
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Why a webhook request was rejected. */
export type WebhookErrorCode = 'WEBHOOK_SIGNATURE_INVALID' | 'WEBHOOK_SIGNATURE_MISSING' | 'WEBHOOK_SIGNATURE_MALFORMED' | 'WEBHOOK_TIMESTAMP_STALE';

/**
 * A webhook request failed verification. `code` says why; nothing secret is in the message.
 *
 * @example
 * catch (e) { if (e instanceof WebhookVerificationError) res.status(e.code === 'WEBHOOK_TIMESTAMP_STALE' ? 408 : 401); }
 */
export class WebhookVerificationError extends SiltaError {
  declare readonly code: WebhookErrorCode;
  constructor(code: WebhookErrorCode, message: string) {
    super(code, message);
  }
}

/**
 * Configuration that cannot work, naming the field (`field`) and what is wrong with it, never its value when secret.
 *
 * @example
 * throw new ConfigError('domain', 'must be "acme" or "acme.freshdesk.com", got "evil.example"');
 */
export class ConfigError extends SiltaError {
  readonly field: string;
  constructor(field: string, problem: string, options?: { cause?: unknown }) {
    super('CONFIG_INVALID', `${field}: ${problem}`, options);
    this.field = field;
  }
}
