import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from './http/client';
import { nextLink, paginateCursor, paginateLink, paginatePages } from './paginate';

const ORIGIN = 'https://acme.freshdesk.com';
const client = () => createHttpClient({ baseUrl: `${ORIGIN}/api/v2`, retry: false });

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

async function collect<T>(it: AsyncIterable<{ body: T }>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of it) out.push(page.body);
  return out;
}

describe('nextLink', () => {
  it('finds rel="next" among several links, in any order and quoting', () => {
    expect(nextLink('<https://x.io/a?page=1>; rel="prev", <https://x.io/a?page=3>; rel="next"')).toBe('https://x.io/a?page=3');
    expect(nextLink('<https://x.io/a?page=3>; rel=next')).toBe('https://x.io/a?page=3');
    expect(nextLink('<https://x.io/a?page=1>; rel="prev"')).toBeUndefined();
    expect(nextLink(undefined)).toBeUndefined();
  });
});

describe('paginateLink', () => {
  it('follows Link next until there is none', async () => {
    nock(ORIGIN)
      .get('/api/v2/tickets').query({ per_page: '2' })
      .reply(200, [1, 2], { link: `<${ORIGIN}/api/v2/tickets?per_page=2&page=2>; rel="next"` })
      .get('/api/v2/tickets').query({ per_page: '2', page: '2' })
      .reply(200, [3, 4], { link: `<${ORIGIN}/api/v2/tickets?per_page=2&page=3>; rel="next"` })
      .get('/api/v2/tickets').query({ per_page: '2', page: '3' })
      .reply(200, [5]);
    expect(await collect(paginateLink<number[]>(client(), { path: '/tickets', searchParams: { per_page: 2 } }))).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('stops at maxPages', async () => {
    nock(ORIGIN).get('/api/v2/t').reply(200, [1], { link: `<${ORIGIN}/api/v2/t?page=2>; rel="next"` });
    expect(await collect(paginateLink(client(), { path: '/t' }, { maxPages: 1 }))).toEqual([[1]]);
  });

  it('refuses a next link on another origin', async () => {
    nock(ORIGIN).get('/api/v2/t').reply(200, [1], { link: '<https://evil.example/t?page=2>; rel="next"' });
    await expect(collect(paginateLink(client(), { path: '/t' }))).rejects.toMatchObject({ code: 'HTTP_URL_REJECTED' });
  });
});

describe('paginatePages', () => {
  it('stops on a short page', async () => {
    nock(ORIGIN)
      .get('/api/v2/contacts').query({ page: '1', per_page: '2' }).reply(200, [1, 2])
      .get('/api/v2/contacts').query({ page: '2', per_page: '2' }).reply(200, [3]);
    expect(await collect(paginatePages(client(), { path: '/contacts' }, { perPage: 2 }))).toEqual([[1, 2], [3]]);
  });

  it('stops when stop() says so or at maxPages, with custom parameter names', async () => {
    nock(ORIGIN)
      .get('/api/v2/x').query({ p: '0', size: '1' }).reply(200, [1])
      .get('/api/v2/x').query({ p: '1', size: '1' }).reply(200, [2]);
    const pages = await collect(paginatePages(client(), { path: '/x' }, {
      perPage: 1, pageParam: 'p', perPageParam: 'size', startPage: 0, stop: (_res, page) => page === 1,
    }));
    expect(pages).toEqual([[1], [2]]);
    nock(ORIGIN).get('/api/v2/y').query(true).reply(200, [1]);
    expect(await collect(paginatePages(client(), { path: '/y' }, { perPage: 1, maxPages: 1 }))).toEqual([[1]]);
  });
});

describe('paginateCursor', () => {
  it('follows the cursor until there is none', async () => {
    nock(ORIGIN)
      .get('/api/v2/items').reply(200, { items: [1], next: 'c2' })
      .get('/api/v2/items').query({ cursor: 'c2' }).reply(200, { items: [2], next: null });
    const pages = await collect(paginateCursor<{ items: number[]; next: string | null }>(client(), { path: '/items' }, {
      getCursor: (res) => res.body.next,
      applyCursor: (req, cursor) => ({ ...req, searchParams: { ...req.searchParams, cursor } }),
    }));
    expect(pages.map((p) => p.items)).toEqual([[1], [2]]);
  });
});
