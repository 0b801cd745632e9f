import { SiltaError } from '@silta/kit';

/** Why a search query or page was refused before any request was made. */
export type SearchErrorCode =
  | 'SEARCH_QUERY_TOO_LONG'
  | 'SEARCH_PAGE_OUT_OF_RANGE'
  | 'SEARCH_QUERY_EMPTY'
  | 'SEARCH_FIELD_INVALID'
  | 'SEARCH_VALUE_INVALID';

/**
 * A Search API query that Freshdesk would reject: longer than 512 characters, a page outside 1–10,
 * no condition, a malformed field name, or a value the field cannot take. `code` is stable.
 *
 * @example
 * try { q.build(); } catch (e) { if (e instanceof SearchQueryError && e.code === 'SEARCH_QUERY_TOO_LONG') split(q); }
 */
export class SearchQueryError extends SiltaError {
  declare readonly code: SearchErrorCode;
  constructor(code: SearchErrorCode, message: string) {
    super(code, message);
  }
}
