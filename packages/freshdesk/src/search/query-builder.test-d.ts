// Type tests: checked by `tsc` (every @ts-expect-error must be needed), not run by vitest.
import { expectTypeOf } from 'vitest';
import { contactQuery, ticketQuery, type SearchQueryBuilder, type TicketSearchFields } from './index';

expectTypeOf(ticketQuery().where('status', 2)).toEqualTypeOf<SearchQueryBuilder<TicketSearchFields>>();
expectTypeOf(ticketQuery().where('status', 2).build()).toBeString();

ticketQuery().where('tag', 'lasku').and('created_at', '>=', '2026-01-01').or('cf_anything', true);
ticketQuery().where('agent_id', null).and((q) => q.where('priority', 4).or('priority', 3));
contactQuery().where('active', true).and('email', 'asa@esimerkki.fi');

// @ts-expect-error status takes a number, not a name
ticketQuery().where('status', 'open');
// @ts-expect-error tag is text: no range operators
ticketQuery().where('tag', '>=', 'a');
// @ts-expect-error subject is not a documented search field
ticketQuery().where('subject', 'x');
// @ts-expect-error active is a contact field, not a ticket field
ticketQuery().where('active', true);
// @ts-expect-error a range needs a value, not null
ticketQuery().where('priority', '>=', null);
