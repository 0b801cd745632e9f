import { companyToOrganisation, contactToParty, satisfactionRatingToSurveyResponse } from '../mappers';
import { AgentSchema, CompanySchema, ContactSchema, GroupSchema, SatisfactionRatingSchema, TimeEntrySchema } from '../schemas';
import { fullStream, sinceStream } from './incremental';

/**
 * Contacts ⇒ `PartyRecord`, by the documented `updated_since` filter of List All Contacts (the
 * documentation names `updated_since`, not `_updated_since`).
 *
 * @example
 * for await (const b of contactsStream.read(ctx, undefined)) console.log(b.records.length);
 */
export const contactsStream = sinceStream({
  name: 'contacts', description: 'Contacts as parties, by updated_since.', entities: ['party'],
  endpoint: 'contacts', path: '/contacts', param: 'updated_since', schema: ContactSchema, operation: 'list contacts',
  map: (c, connection) => [contactToParty(c, { connection })],
});

/**
 * Companies ⇒ `Organisation`, by `updated_since`.
 *
 * @example
 * for await (const b of companiesStream.read(ctx, undefined)) console.log(b.records.length);
 */
export const companiesStream = sinceStream({
  name: 'companies', description: 'Companies as organisations, by updated_since.', entities: ['organisation'],
  endpoint: 'other', path: '/companies', param: 'updated_since', schema: CompanySchema, operation: 'list companies',
  map: (c, connection) => [companyToOrganisation(c, { connection })],
});

/**
 * Satisfaction ratings ⇒ `SurveyResponse`, by `created_since` with a look-back (`satisfactionLookbackHours`).
 *
 * @example
 * for await (const b of satisfactionRatingsStream.read(ctx, undefined)) console.log(b.records.length);
 */
export const satisfactionRatingsStream = sinceStream({
  name: 'satisfaction_ratings', description: 'CSAT ratings as survey responses, by created_since.', entities: ['survey_response'],
  endpoint: 'other', path: '/surveys/satisfaction_ratings', param: 'created_since', schema: SatisfactionRatingSchema,
  operation: 'list satisfaction ratings', lookbackMs: (config) => config.satisfactionLookbackMs,
  map: (s, connection) => [satisfactionRatingToSurveyResponse(s, { connection })],
});

/**
 * Agents, listed completely each run (no canonical entity: validated payloads in `batch.items`).
 *
 * @example
 * for await (const b of agentsStream.read(ctx, undefined)) console.log((b as VendorBatch<Agent>).items.length);
 */
export const agentsStream = fullStream({
  name: 'agents', description: 'Agents (vendor payloads; no canonical entity).', entities: [],
  path: '/agents', schema: AgentSchema, operation: 'list agents',
});

/**
 * Groups, listed completely each run (vendor payloads in `batch.items`, e.g. to find a group id by name).
 *
 * @example
 * for await (const b of groupsStream.read(ctx, undefined)) console.log((b as VendorBatch<Group>).items.map((g) => g.name));
 */
export const groupsStream = fullStream({
  name: 'groups', description: 'Groups (vendor payloads; no canonical entity).', entities: [],
  path: '/groups', schema: GroupSchema, operation: 'list groups',
});

/**
 * Time entries, listed completely each run (the API has no updated-since filter; vendor payloads in `batch.items`).
 *
 * @example
 * for await (const b of timeEntriesStream.read(ctx, undefined)) console.log((b as VendorBatch<TimeEntry>).items.length);
 */
export const timeEntriesStream = fullStream({
  name: 'time_entries', description: 'Time entries (vendor payloads; no canonical entity).', entities: [],
  path: '/time_entries', schema: TimeEntrySchema, operation: 'list time entries',
});
