import { validationError } from '../api-error';
import { contactListPayload, ticketSearchPayload } from '../payloads';
import { iso, type SimContact, type SimTicket } from '../records';
import { compileSearch, type FieldValue } from '../search-query';
import { allowParams, route, type Route, type RouteContext } from './shared';

const PER_PAGE = 30;
const MAX_PAGE = 10;
const MAX_QUERY = 512;
const TICKET_FIELDS = ['agent_id', 'group_id', 'priority', 'status', 'tag', 'type', 'due_by', 'fr_due_by', 'created_at', 'updated_at'];
const CONTACT_FIELDS = ['active', 'company_id', 'twitter_id', 'email', 'phone', 'mobile', 'tag', 'language', 'time_zone', 'created_at', 'updated_at'];

/** `query="…"` must arrive in double quotes and hold at most 512 characters; `page` runs 1–10. */
function parseSearch(ctx: RouteContext): { query: string; page: number } {
  allowParams(ctx.query, ['query', 'page']);
  const raw = ctx.query.get('query');
  if (raw === null) throw validationError('query', 'It should be a/an String', 'missing_field');
  if (raw.length < 2 || !raw.startsWith('"') || !raw.endsWith('"')) throw validationError('query', 'Query should be enclosed within double quotes', 'invalid_value');
  const query = raw.slice(1, -1);
  if (query.length > MAX_QUERY) throw validationError('query', `Has ${query.length} characters, it can have maximum of ${MAX_QUERY} characters`, 'invalid_value');
  const pageRaw = ctx.query.get('page') ?? '1';
  const page = /^\d+$/.test(pageRaw) ? Number(pageRaw) : NaN;
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) throw validationError('page', `It should be a Positive Number less than or equal to ${MAX_PAGE}`, 'invalid_value');
  return { query, page };
}

function readTicket(t: SimTicket, field: string): FieldValue {
  switch (field) {
    case 'agent_id': return t.responder_id;
    case 'tag': return t.tags;
    case 'due_by': case 'fr_due_by': case 'created_at': case 'updated_at': return iso(t[field]);
    default:
      if (field.startsWith('cf_')) return t.custom_fields[field] ?? null;
      return (t as unknown as Record<string, FieldValue>)[field];
  }
}

function readContact(c: SimContact, field: string): FieldValue {
  switch (field) {
    case 'tag': return c.tags;
    case 'email': return [c.email, ...c.other_emails].filter((x): x is string => x !== null);
    case 'created_at': case 'updated_at': return iso(c[field]);
    default:
      if (field.startsWith('cf_')) return c.custom_fields[field.slice(3)] ?? null;
      return (c as unknown as Record<string, FieldValue>)[field];
  }
}

function searchTickets(ctx: RouteContext) {
  const { query, page } = parseSearch(ctx);
  const matches = compileSearch(query, TICKET_FIELDS, readTicket);
  const hits = ctx.state.sortedTickets('created_at', 'desc').filter(matches);
  const results = hits.slice((page - 1) * PER_PAGE, page * PER_PAGE);
  return { status: 200, body: { total: hits.length, results: results.map(ticketSearchPayload) } };
}

function searchContacts(ctx: RouteContext) {
  const { query, page } = parseSearch(ctx);
  const matches = compileSearch(query, CONTACT_FIELDS, readContact);
  const hits = [...ctx.state.contacts.values()].filter((c) => !c.deleted && matches(c));
  const results = hits.slice((page - 1) * PER_PAGE, page * PER_PAGE);
  return { status: 200, body: { total: hits.length, results: results.map(contactListPayload) } };
}

/** `/api/v2/search/tickets` and `/api/v2/search/contacts`: 30 per page, at most 10 pages. */
export const searchRoutes: Route[] = [
  route('GET', '/api/v2/search/tickets', searchTickets),
  route('GET', '/api/v2/search/contacts', searchContacts),
];
