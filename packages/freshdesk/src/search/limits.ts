import { SearchQueryError } from './errors';

/**
 * "Query string must be enclosed between a pair of double quotes and can have up to 512 characters."
 *
 * @example
 * if (expression.length > SEARCH_QUERY_MAX_LENGTH) splitByDate();
 */
export const SEARCH_QUERY_MAX_LENGTH = 512;
/**
 * "The page number starts with 1 and should not exceed 10."
 *
 * @example
 * for (let page = 1; page <= SEARCH_MAX_PAGE; page++) fetchPage(page);
 */
export const SEARCH_MAX_PAGE = 10;
/**
 * "The number of objects returned per page is 30."
 *
 * @example
 * const pages = Math.ceil(total / SEARCH_PER_PAGE);
 */
export const SEARCH_PER_PAGE = 30;
/**
 * At most 300 results are reachable through one query (10 pages of 30).
 *
 * @example
 * if (total > SEARCH_MAX_RESULTS) console.warn('narrow the query');
 */
export const SEARCH_MAX_RESULTS = SEARCH_MAX_PAGE * SEARCH_PER_PAGE;

/**
 * Checks a search page number: an integer from 1 to 10. Throws `SearchQueryError`
 * (`SEARCH_PAGE_OUT_OF_RANGE`) otherwise.
 *
 * @example
 * assertSearchPage(11); // throws: page must be an integer from 1 to 10, got 11
 */
export function assertSearchPage(page: number): number {
  if (!Number.isInteger(page) || page < 1 || page > SEARCH_MAX_PAGE) {
    throw new SearchQueryError(
      'SEARCH_PAGE_OUT_OF_RANGE',
      `page must be an integer from 1 to ${SEARCH_MAX_PAGE} (Freshdesk search returns at most ${SEARCH_MAX_RESULTS} results), got ${page}`,
    );
  }
  return page;
}

/**
 * Checks a query and returns it in the double quotes Freshdesk requires. Accepts the inner expression
 * (`status:2`) or an already quoted one (`"status:2"`); the 512-character limit applies to the expression
 * inside the quotes. Throws `SEARCH_QUERY_EMPTY` or `SEARCH_QUERY_TOO_LONG`.
 *
 * @example
 * quoteSearchQuery("status:2 AND tag:'lasku'"); // "\"status:2 AND tag:'lasku'\""
 */
export function quoteSearchQuery(query: string): string {
  const trimmed = query.trim();
  const inner = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  if (inner.trim() === '') throw new SearchQueryError('SEARCH_QUERY_EMPTY', 'query has no condition');
  if (inner.length > SEARCH_QUERY_MAX_LENGTH) {
    throw new SearchQueryError(
      'SEARCH_QUERY_TOO_LONG',
      `query is ${inner.length} characters; Freshdesk accepts at most ${SEARCH_QUERY_MAX_LENGTH} inside the quotes`,
    );
  }
  return `"${inner}"`;
}
