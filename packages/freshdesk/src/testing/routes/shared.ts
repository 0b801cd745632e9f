import { SimApiError, validationError } from '../api-error';
import type { SimulatorState } from '../state';

/** What a route handler gets: the parsed request plus the simulator around it. */
export interface RouteContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  state: SimulatorState;
  /** The simulator's origin, e.g. `http://127.0.0.1:41234`, for `Link` headers. */
  origin: string;
  /** The simulated clock in epoch ms. */
  now(): number;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RouteContext) => Reply;

export interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

/** `route('GET', '/api/v2/tickets/:id', h)` */
export function route(method: string, path: string, handler: Handler): Route {
  const keys: string[] = [];
  const pattern = new RegExp(`^${path.replace(/:([a-z_]+)/g, (_m, k: string) => { keys.push(k); return '(\\d+)'; })}/?$`);
  return { method, pattern, keys, handler };
}

/** Rejects query parameters the endpoint does not document, as Freshdesk does with `invalid_field`. */
export function allowParams(query: URLSearchParams, allowed: readonly string[]): void {
  for (const key of query.keys()) {
    if (!allowed.includes(key)) throw validationError(key, 'Unexpected/invalid field in request', 'invalid_field');
  }
}

/** Rejects body fields the endpoint does not document. */
export function allowFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  const bad = Object.keys(body).filter((k) => !allowed.includes(k));
  if (bad.length > 0) {
    throw new SimApiError(400, { description: 'Validation failed', errors: bad.map((field) => ({ field, message: 'Unexpected/invalid field in request', code: 'invalid_field' })) });
  }
}

export function asObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new SimApiError(400, { code: 'invalid_json', message: 'Request body has invalid json format' });
  }
  return body as Record<string, unknown>;
}

/** Parses a timestamp filter (`2015-01-19T02:00:00Z` or `2015-08-17`), else 400 on that field. */
export function timeParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw) ? Date.parse(raw.length === 10 ? `${raw}T00:00:00Z` : raw) : NaN;
  if (Number.isNaN(ms)) throw validationError(name, "It should be in the 'valid date' format", 'invalid_value');
  return ms;
}

function positiveInt(query: URLSearchParams, name: string, max?: number): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || (max !== undefined && n > max)) {
    throw validationError(name, max === undefined ? 'It should be a Positive Number' : `It should be a Positive Number less than or equal to ${max}`, 'invalid_value');
  }
  return n;
}

/**
 * Documented pagination: `page` from 1, `per_page` default 30 and at most 100 (400 beyond), a `Link` header
 * with `rel="next"` while more exist. `maxPages` is the ticket list's 300-page cap: a page beyond it is a 400.
 */
export function paginate<T>(ctx: RouteContext, items: T[], options: { maxPages?: number } = {}): { page: T[]; headers: Record<string, string> } {
  const perPage = positiveInt(ctx.query, 'per_page', 100) ?? 30;
  const page = positiveInt(ctx.query, 'page') ?? 1;
  if (options.maxPages !== undefined && page > options.maxPages) {
    throw validationError('page', `You cannot access pages beyond ${options.maxPages}. Please narrow the results with updated_since.`, 'invalid_value');
  }
  const start = (page - 1) * perPage;
  const slice = items.slice(start, start + perPage);
  const headers: Record<string, string> = {};
  if (start + perPage < items.length) {
    const next = new URLSearchParams(ctx.query);
    next.set('page', String(page + 1));
    headers.link = `<${ctx.origin}${ctx.path}?${next.toString()}>; rel="next"`;
  }
  return { page: slice, headers };
}

/** Parses `include=a,b` against the allowed embeds, else 400 on `include`. */
export function includes(query: URLSearchParams, allowed: readonly string[]): Set<string> {
  const raw = query.get('include');
  const out = new Set<string>();
  if (raw === null) return out;
  for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!allowed.includes(part)) throw validationError('include', `It should be one of these values: '${allowed.join(',')}'`, 'invalid_value');
    out.add(part);
  }
  return out;
}

export function oneOf(body: Record<string, unknown>, field: string, values: readonly number[]): void {
  const v = body[field];
  if (v === undefined) return;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw validationError(field, `Value set is of type ${typeof v}.It should be a/an Positive Integer`, 'datatype_mismatch');
  if (!values.includes(v)) throw validationError(field, `It should be one of these values: '${values.join(',')}'`, 'invalid_value');
}

export function stringField(body: Record<string, unknown>, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw validationError(field, `Value set is of type ${typeof v}.It should be a/an String`, 'datatype_mismatch');
  return v;
}

export function idField(body: Record<string, unknown>, field: string): number | null | undefined {
  const v = body[field];
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw validationError(field, `Value set is of type ${typeof v}.It should be a/an Positive Integer`, 'datatype_mismatch');
  return v;
}

export function stringArray(body: Record<string, unknown>, field: string): string[] | undefined {
  const v = body[field];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw validationError(field, 'It should be a/an Array of String', 'datatype_mismatch');
  return v as string[];
}

export function htmlToText(html: string): string {
  return html.replace(/<!--[\s\S]*?-->/g, '').replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').trim();
}
