export { SearchQueryBuilder, ticketQuery, contactQuery, companyQuery } from './query-builder';
export type { SearchResource, SearchField, SearchFieldValue, CustomFieldName, RangeOperator } from './query-builder';
export { SearchQueryError } from './errors';
export type { SearchErrorCode } from './errors';
export {
  SEARCH_QUERY_MAX_LENGTH,
  SEARCH_MAX_PAGE,
  SEARCH_PER_PAGE,
  SEARCH_MAX_RESULTS,
  assertSearchPage,
  quoteSearchQuery,
} from './limits';
export type { TicketSearchFields, ContactSearchFields, CompanySearchFields, SearchDate, CustomFieldValue } from './fields';
