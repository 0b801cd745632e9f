import { ValidationError, nextLink, type HttpResponse } from '@silta/kit';
import type { CanonicalRecord } from '@silta/model';
import type { z } from 'zod';
import type { FreshdeskClient } from '../client';

/** Freshdesk's `updated_since` format: second-precision UTC. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A Freshdesk timestamp as epoch ms (NaN when unparseable). */
export function toMs(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value) : NaN;
}

export interface Page {
  items: unknown[];
  /** 1-based page number within the current listing. */
  page: number;
  hasNext: boolean;
  response: HttpResponse<unknown>;
}

/**
 * Lists one endpoint page by page with `per_page` and `page`, following `Link: rel="next"`. Starts at
 * `startPage` (a resumed run) and stops before `maxPages` is exceeded, leaving `hasNext` set.
 *
 * With `prefetch: n`, up to n pages are requested ahead (Freshdesk pages by number, so page k+1 can be
 * asked for before page k arrives). Pages are still yielded in order; a retry on one page no longer idles
 * the rate budget. At the end of a listing up to n-1 requests return empty pages and are discarded.
 */
export async function* listPages(
  client: FreshdeskClient,
  options: {
    endpoint: 'tickets' | 'contacts' | 'other';
    path: string;
    searchParams: Record<string, string | number | undefined>;
    operation: string;
    startPage?: number;
    maxPages?: number;
    prefetch?: number;
    signal?: AbortSignal;
  },
): AsyncGenerator<Page> {
  const ahead = Math.max(1, options.prefetch ?? 1);
  const inFlight = new Map<number, Promise<HttpResponse<unknown>>>();
  const settled = new Set<number>();
  // Look-ahead requests still queued when the listing ends are cancelled rather than sent for nothing.
  const abandon = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, abandon.signal]) : abandon.signal;
  let nextToRequest = options.startPage ?? 1;
  let page = nextToRequest;
  const fetchPage = (n: number) => client.list<unknown>(options.endpoint, options.path, {
    searchParams: { ...options.searchParams, per_page: client.config.pageSize, page: n },
    operation: `${options.operation} (page ${n})`,
    signal,
  });
  let done = false;
  function fill(): void {
    if (done) return;
    // `ahead` requests unanswered at a time; answered pages wait in order (bounded) behind a page being retried.
    while (inFlight.size - settled.size < ahead && inFlight.size < ahead * 4
      && (options.maxPages === undefined || nextToRequest <= options.maxPages)) {
      const n = nextToRequest++;
      const p = fetchPage(n);
      // Abandoned look-ahead requests must not become unhandled rejections.
      p.then(() => { settled.add(n); fill(); }, () => settled.add(n));
      inFlight.set(n, p);
    }
  }
  try {
    for (;;) {
      fill();
      const pending = inFlight.get(page);
      if (!pending) return;
      const response = await pending;
      inFlight.delete(page);
      settled.delete(page);
      if (!Array.isArray(response.body)) {
        throw new ValidationError({ issues: [{ path: '(root)', message: 'expected an array of records' }], payload: response.body, operation: options.operation });
      }
      const hasNext = nextLink(response.headers.link) !== undefined;
      yield { items: response.body, page, hasNext, response };
      if (!hasNext || (options.maxPages !== undefined && page >= options.maxPages)) return;
      page++;
    }
  } finally {
    done = true;
    abandon.abort(new Error('listing finished'));
    inFlight.clear();
  }
}

/** What one page turns into: canonical records, and the payloads that failed their schema or mapper. */
export interface MappedPage<T> {
  records: CanonicalRecord[];
  parsed: T[];
  rejects: Array<{ payload: unknown; error: Error }>;
}

/**
 * Validates each payload with `schema` and maps it; a payload that fails either goes to `rejects` with a
 * `ValidationError` (the engine dead-letters it) instead of failing the page.
 */
export function mapPage<S extends z.ZodType>(
  items: unknown[],
  schema: S,
  operation: string,
  map: (item: z.output<S>) => CanonicalRecord[],
): MappedPage<z.output<S>> {
  const out: MappedPage<z.output<S>> = { records: [], parsed: [], rejects: [] };
  items.forEach((item, index) => {
    try {
      const one = mapOne(item, schema, `${operation}[${index}]`, map);
      out.records.push(...one.records);
      out.parsed.push(one.parsed);
    } catch (error) {
      out.rejects.push({ payload: item, error: error instanceof Error ? error : new Error(String(error)) });
    }
  });
  return out;
}

/**
 * Validates ONE payload with `schema` and maps it, as `mapPage` does for each item of a page; throws the
 * schema's `ValidationError` (naming the field) or the mapper's error. Streams' `map` (dead-letter replay)
 * goes through here, so a replayed payload is judged exactly as it was when it was read.
 *
 * @example
 * const { records } = mapOne(payload, TicketSchema, 'replay tickets', (t) => ticketRecords(t, 'yritys-oy'));
 */
export function mapOne<S extends z.ZodType>(
  payload: unknown,
  schema: S,
  operation: string,
  map: (item: z.output<S>) => CanonicalRecord[],
): { parsed: z.output<S>; records: CanonicalRecord[] } {
  const result = schema.safeParse(payload);
  if (!result.success) throw ValidationError.fromZod(result.error, payload, operation);
  return { parsed: result.data, records: map(result.data) };
}

/** Where a stream's next run starts: the time this fetch started, minus the overlap, never the end. */
export function nextCursor(fetchStartedAt: number, overlapMs: number): string {
  return isoSeconds(fetchStartedAt - overlapMs);
}
