import { defineConnector } from '@silta/kit';
import {
  addNote, createContact, createTicket, mergeContacts, reply, searchContacts, searchTickets, updateContact, updateTicket, viewTicket,
} from './actions';
import { createFreshdeskClient } from './client';
import { FreshdeskConfigSchema, parseFreshdeskConfig, type FreshdeskConfigInput } from './config';
import {
  agentsStream, companiesStream, contactsStream, conversationsStream, groupsStream, satisfactionRatingsStream, ticketsStream,
  timeEntriesStream,
} from './streams';
import { freshdeskWebhook } from './webhooks';

/**
 * The Freshdesk connector as data: config schema, client factory, streams, actions and the automation-rule
 * webhook (`src/webhooks`).
 *
 * @example
 * const client = freshdeskConnector.createClient(config, { logger });
 * for await (const batch of freshdeskConnector.streams.tickets.read(ctx, undefined)) save(batch);
 */
export const freshdeskConnector = defineConnector({
  system: 'freshdesk',
  config: FreshdeskConfigSchema,
  createClient: function createClient(config: FreshdeskConfigInput, options) {
    return createFreshdeskClient(config, { logger: options.logger });
  },
  streams: {
    tickets: ticketsStream,
    conversations: conversationsStream,
    contacts: contactsStream,
    companies: companiesStream,
    agents: agentsStream,
    groups: groupsStream,
    satisfaction_ratings: satisfactionRatingsStream,
    time_entries: timeEntriesStream,
  },
  actions: { createTicket, updateTicket, viewTicket, reply, addNote, createContact, updateContact, mergeContacts, searchTickets, searchContacts },
  webhooks: { automation: freshdeskWebhook },
});

/** A Freshdesk connection: the connector plus its validated config, as `silta.config.ts` lists them. */
export interface FreshdeskConnection {
  connector: typeof freshdeskConnector;
  config: FreshdeskConfigInput;
}

/**
 * The connector, callable: `freshdesk(config)` validates settings up front (throws `ConfigError` naming the
 * field, never echoing the API key) and pairs them with the connector; `freshdesk.streams`, `freshdesk.actions`
 * and the rest are the connector definition itself.
 *
 * @example
 * connections: { helpdesk: freshdesk({ domain: 'yritys', apiKey: env('FRESHDESK_API_KEY'), plan: 'pro' }) }
 * freshdesk.streams.tickets.name; // 'tickets'
 */
export const freshdesk = Object.assign(function freshdesk(config: FreshdeskConfigInput): FreshdeskConnection {
  parseFreshdeskConfig(config);
  return { connector: freshdeskConnector, config };
}, freshdeskConnector);
