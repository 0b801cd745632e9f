import { z } from 'zod';

/**
 * The Search API's answer: `{ total, results }`, 30 results a page.
 *
 * @example
 * const page = searchResultSchema(TicketSchema).parse(body);
 * page.total; // 49
 */
export function searchResultSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({ total: z.number().int().nonnegative(), results: z.array(item) });
}
export type SearchResult<T> = { total: number; results: T[] };
