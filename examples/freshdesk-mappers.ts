/**
 * Maps Freshdesk payloads (in the documented shapes, with Finnish data) to Silta's canonical records and
 * prints them. No account needed.
 *
 *   node --conditions=@silta/source --import tsx examples/freshdesk-mappers.ts
 */
import { parseJsonLossless } from '@silta/kit';
import { CanonicalRecordSchema, formatSourceRef, type CanonicalRecord } from '@silta/model';
import {
  ContactSchema,
  ConversationSchema,
  SatisfactionRatingSchema,
  TicketSchema,
  contactToParty,
  conversationToInteraction,
  satisfactionRatingToSurveyResponse,
  ticketQuery,
  ticketToCase,
  ticketToInteraction,
} from '@silta/freshdesk';

const ctx = { connection: 'yritys-oy' };

// Parsed the way the connector parses responses: integers beyond 2^53 stay exact (as strings).
const contact = ContactSchema.parse(
  parseJsonLossless(`{
    "id": 9007199254740993, "name": "Åsa Äijälä-Öystilä", "email": "Asa.Aijala@Esimerkki.FI",
    "other_emails": ["asa@kotiposti.fi"], "phone": "(09) 876 543", "mobile": "+358 40 123 4567",
    "twitter_id": "@AsaOystila", "facebook_id": null, "unique_external_id": "ASIAKAS-00042",
    "company_id": 7, "other_companies": [{ "company_id": 9, "view_all_tickets": true }], "language": "fi",
    "address": "Hämeenkatu 12 A 3, 33100 Tampere", "active": true,
    "created_at": "2026-01-02T08:00:00Z", "updated_at": "2026-11-20T12:30:00Z"
  }`),
);

const ticket = TicketSchema.parse({
  id: 4211, subject: 'Lasku 2026-0042 on väärin', type: 'Laskutus', status: 2, priority: 3, source: 1,
  requester_id: contact.id, responder_id: 43007075231, group_id: 43000190415, company_id: 7,
  tags: ['lasku', 'hyvitys'], description_text: 'Hei! Laskussa on veloitettu kahdesti. Terveisin Åsa',
  created_at: '2026-11-18T07:15:00Z', updated_at: '2026-11-20T09:00:00Z', due_by: '2026-11-21T07:15:00Z',
  stats: { first_responded_at: '2026-11-18T09:00:00Z', resolved_at: null, closed_at: null, reopened_at: null },
});

const reply = ConversationSchema.parse({
  id: 77, ticket_id: 4211, incoming: false, private: false, source: 0, user_id: 43007075231,
  body_text: 'Hei Åsa, hyvitys on tehty. Ystävällisin terveisin, Matti', created_at: '2026-11-18T09:00:00Z', updated_at: '2026-11-18T09:00:00Z',
});

const rating = SatisfactionRatingSchema.parse({
  id: 31, survey_id: 1, user_id: contact.id, agent_id: 43007075231, group_id: 43000190415, ticket_id: 4211,
  feedback: 'Nopea ja ystävällinen palvelu!', ratings: { default_question: 103 },
  created_at: '2026-11-21T10:00:00Z', updated_at: '2026-11-21T10:00:00Z',
});

const records: CanonicalRecord[] = [
  contactToParty(contact, ctx),
  ticketToCase(ticket, ctx),
  ticketToInteraction(ticket, ctx),
  conversationToInteraction(reply, { ...ctx, ticket }),
  satisfactionRatingToSurveyResponse(rating, ctx),
];

for (const record of records) {
  // Every mapped record is a valid canonical record. Left out of the print: `raw` (the vendor payload) and
  // each identifier's `source` (the same ref as the record's).
  const { raw: _raw, ...shown } = CanonicalRecordSchema.parse(record);
  console.log(`\n${record.entity} ${formatSourceRef(record.ref)}`);
  console.log(JSON.stringify(shown, (key, value: unknown) => (key === 'source' ? undefined : value), 2));
}

console.log('search query for open invoice tickets:', ticketQuery().where('status', 2).and('tag', 'lasku').build());
