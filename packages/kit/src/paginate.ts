import type { HttpClient } from './http/client';
import type { HttpRequestOptions, HttpResponse } from './http/types';

/**
 * Reads the `rel="next"` target of a `Link` header (RFC 8288), or undefined.
 *
 * @example
 * nextLink('<https://x.io/t?page=2>; rel="next"'); // 'https://x.io/t?page=2'
 */
export function nextLink(header: string | string[] | undefined): string | undefined {
  const text = Array.isArray(header) ? header.join(',') : header;
  if (!text) return undefined;
  for (const part of text.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rels = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(match[2] ?? '');
    const rel = (rels?.[1] ?? rels?.[2] ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('next')) return match[1];
  }
  return undefined;
}

/** Options of `paginateLink`. */
export interface LinkPaginationOptions {
  /** Stop after this many pages. */
  maxPages?: number;
}

/**
 * Follows `Link: <...>; rel="next"` from the first request, yielding each page's response.
 * The next URL must be on the client's origin (the client refuses others).
 *
 * @example
 * for await (const page of paginateLink(client, { path: '/tickets', searchParams: { per_page: 100 } })) handle(page.body);
 */
export async function* paginateLink<T = unknown>(
  client: HttpClient,
  request: HttpRequestOptions<T>,
  options: LinkPaginationOptions = {},
): AsyncGenerator<HttpResponse<T>, void, undefined> {
  let next: HttpRequestOptions<T> | undefined = request;
  let pages = 0;
  while (next) {
    const res: HttpResponse<T> = await client.request<T>(next);
    yield res;
    pages++;
    if (options.maxPages !== undefined && pages >= options.maxPages) return;
    const link = nextLink(res.headers.link);
    // The next link carries the query already; our searchParams would override its page number.
    next = link ? { ...request, path: link, searchParams: undefined } : undefined;
  }
}

/** Options of `paginatePages`. */
export interface PagePaginationOptions<T> {
  /** Items per page; a page with fewer items is the last. */
  perPage: number;
  pageParam?: string;
  perPageParam?: string;
  startPage?: number;
  maxPages?: number;
  /** Return true to stop after this page. */
  stop?(res: HttpResponse<T>, page: number): boolean;
  /** How many items a page holds (default: the body's length when it is an array). */
  count?(res: HttpResponse<T>): number;
}

/**
 * `page`/`per_page` pagination: yields pages until one is shorter than `perPage`, `stop` says so, or
 * `maxPages` is reached.
 *
 * @example
 * for await (const page of paginatePages(client, { path: '/contacts' }, { perPage: 100 })) save(page.body);
 */
export async function* paginatePages<T = unknown>(
  client: HttpClient,
  request: HttpRequestOptions<T>,
  options: PagePaginationOptions<T>,
): AsyncGenerator<HttpResponse<T>, void, undefined> {
  const pageParam = options.pageParam ?? 'page';
  const perPageParam = options.perPageParam ?? 'per_page';
  const count = options.count ?? ((res: HttpResponse<T>) => (Array.isArray(res.body) ? res.body.length : 0));
  let page = options.startPage ?? 1;
  let pages = 0;
  for (;;) {
    const res = await client.request<T>({
      ...request,
      searchParams: { ...request.searchParams, [pageParam]: page, [perPageParam]: options.perPage },
    });
    yield res;
    pages++;
    if (count(res) < options.perPage) return;
    if (options.stop?.(res, page)) return;
    if (options.maxPages !== undefined && pages >= options.maxPages) return;
    page++;
  }
}

/** Options of `paginateCursor`. */
export interface CursorPaginationOptions<T, C> {
  /** The cursor for the next page, or undefined/null on the last page. */
  getCursor(res: HttpResponse<T>): C | undefined | null;
  /** The request for the page after `cursor`. */
  applyCursor(request: HttpRequestOptions<T>, cursor: C): HttpRequestOptions<T>;
  maxPages?: number;
}

/**
 * Cursor pagination: yields pages while `getCursor` returns a cursor.
 *
 * @example
 * paginateCursor(client, { path: '/items' }, {
 *   getCursor: (r) => (r.body as { next?: string }).next,
 *   applyCursor: (req, c) => ({ ...req, searchParams: { ...req.searchParams, cursor: c } }),
 * });
 */
export async function* paginateCursor<T = unknown, C = string>(
  client: HttpClient,
  request: HttpRequestOptions<T>,
  options: CursorPaginationOptions<T, C>,
): AsyncGenerator<HttpResponse<T>, void, undefined> {
  let next = request;
  let pages = 0;
  for (;;) {
    const res = await client.request<T>(next);
    yield res;
    pages++;
    if (options.maxPages !== undefined && pages >= options.maxPages) return;
    const cursor = options.getCursor(res);
    if (cursor === undefined || cursor === null) return;
    next = options.applyCursor(request, cursor);
  }
}
