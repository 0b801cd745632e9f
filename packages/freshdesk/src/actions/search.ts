import { defineAction } from '@silta/kit';
import { z } from 'zod';
import type { FreshdeskClient } from '../client';
import type { FreshdeskConfigInput } from '../config';
import { ContactSchema, TicketSchema, searchResultSchema, type Contact, type SearchResult, type Ticket } from '../schemas';
import { assertSearchPage, quoteSearchQuery, type SearchQueryBuilder } from '../search';

/** A query string (quoted or not) or a builder from `ticketQuery()` / `contactQuery()`. */
export const SearchInputSchema = z.object({
  query: z.union([z.string(), z.custom<Pick<SearchQueryBuilder<unknown>, 'build'>>((v) => typeof v === 'object' && v !== null && typeof (v as { build?: unknown }).build === 'function')]),
  page: z.number().int().optional(),
});
type SearchInput = z.output<typeof SearchInputSchema>;

function queryText(input: SearchInput): string {
  const text = typeof input.query === 'string' ? input.query : input.query.build();
  return quoteSearchQuery(text);
}

/**
 * Searches tickets (`/search/tickets`): 30 per page, pages 1–10, queries up to 512 characters (checked
 * before sending, by the search builder's rules).
 *
 * @example
 * await searchTickets.run(ctx, { query: ticketQuery().where('tag', 'lasku').and('status', 2) });
 */
export const searchTickets = defineAction<FreshdeskConfigInput, FreshdeskClient, SearchInput, SearchResult<Ticket>>({
  name: 'searchTickets',
  description: 'Search tickets with the Freshdesk query language.',
  input: SearchInputSchema,
  async run(ctx, input) {
    const res = await ctx.client.http.get('/search/tickets', {
      searchParams: { query: queryText(input), page: assertSearchPage(input.page ?? 1) },
      schema: searchResultSchema(TicketSchema), operation: 'search tickets', signal: ctx.signal,
    });
    return res.body;
  },
});

/**
 * Searches contacts (`/search/contacts`).
 *
 * @example
 * await searchContacts.run(ctx, { query: contactQuery().where('email', 'aino@example.fi') });
 */
export const searchContacts = defineAction<FreshdeskConfigInput, FreshdeskClient, SearchInput, SearchResult<Contact>>({
  name: 'searchContacts',
  description: 'Search contacts with the Freshdesk query language.',
  input: SearchInputSchema,
  async run(ctx, input) {
    const res = await ctx.client.http.get('/search/contacts', {
      searchParams: { query: queryText(input), page: assertSearchPage(input.page ?? 1) },
      schema: searchResultSchema(ContactSchema), operation: 'search contacts', signal: ctx.signal,
    });
    return res.body;
  },
});
