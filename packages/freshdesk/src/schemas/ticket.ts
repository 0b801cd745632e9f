import { z } from 'zod';
import {
  AttachmentSchema,
  CustomFieldsSchema,
  EmailListSchema,
  FreshdeskIdSchema,
  FreshdeskTimestampSchema,
  PhoneFieldSchema,
  StructuredContentItemSchema,
} from './common';
import { ConversationSchema } from './conversation';

/**
 * `include=stats`: the ticket's response and resolution timestamps.
 *
 * @example
 * TicketStatsSchema.parse({ first_responded_at: '2026-11-18T09:00:00Z', resolved_at: null });
 */
export const TicketStatsSchema = z.looseObject({
  agent_responded_at: FreshdeskTimestampSchema.nullish(),
  requester_responded_at: FreshdeskTimestampSchema.nullish(),
  first_responded_at: FreshdeskTimestampSchema.nullish(),
  status_updated_at: FreshdeskTimestampSchema.nullish(),
  reopened_at: FreshdeskTimestampSchema.nullish(),
  resolved_at: FreshdeskTimestampSchema.nullish(),
  closed_at: FreshdeskTimestampSchema.nullish(),
  pending_since: FreshdeskTimestampSchema.nullish(),
});
export type TicketStats = z.infer<typeof TicketStatsSchema>;

/**
 * `include=requester`: "the requester's email, id, mobile, name, and phone".
 *
 * @example
 * TicketRequesterSchema.parse({ id: 1, name: 'Åsa', email: 'asa@esimerkki.fi', mobile: null, phone: null });
 */
export const TicketRequesterSchema = z.looseObject({
  id: FreshdeskIdSchema,
  name: z.string().nullish(),
  email: z.string().nullish(),
  mobile: PhoneFieldSchema.nullish(),
  phone: PhoneFieldSchema.nullish(),
});
export type TicketRequester = z.infer<typeof TicketRequesterSchema>;

/**
 * `include=company`: "the company's id and name".
 *
 * @example
 * TicketCompanySchema.parse({ id: 7, name: 'Yritys Oy' });
 */
export const TicketCompanySchema = z.looseObject({
  id: FreshdeskIdSchema,
  name: z.string().nullish(),
});

/**
 * A ticket as returned by View / List / Search. Numeric codes (`status`, `priority`, `source`) are kept as
 * integers: accounts add custom statuses, so see `TicketStatus` for the documented ones. The `include`
 * forms (`requester`, `stats`, `company`, `conversations`, and `description`/`description_text` with
 * `include=description`) are optional.
 *
 * @example
 * const ticket = TicketSchema.parse(body);
 * ticket.stats?.resolved_at; // with include=stats
 */
export const TicketSchema = z.looseObject({
  id: FreshdeskIdSchema,
  subject: z.string().nullish(),
  type: z.string().nullish(),
  /** See `TicketStatus`. */
  status: z.number().int(),
  /** See `TicketPriority`. */
  priority: z.number().int(),
  /** See `TicketSource`. */
  source: z.number().int(),
  requester_id: FreshdeskIdSchema,
  responder_id: FreshdeskIdSchema.nullish(),
  group_id: FreshdeskIdSchema.nullish(),
  company_id: FreshdeskIdSchema.nullish(),
  product_id: FreshdeskIdSchema.nullish(),
  email_config_id: FreshdeskIdSchema.nullish(),
  internal_agent_id: FreshdeskIdSchema.nullish(),
  internal_group_id: FreshdeskIdSchema.nullish(),
  cc_emails: EmailListSchema,
  fwd_emails: EmailListSchema,
  reply_cc_emails: EmailListSchema,
  ticket_cc_emails: EmailListSchema,
  to_emails: EmailListSchema,
  fr_escalated: z.boolean().nullish(),
  nr_escalated: z.boolean().nullish(),
  is_escalated: z.boolean().nullish(),
  spam: z.boolean().nullish(),
  deleted: z.boolean().nullish(),
  urgent: z.boolean().nullish(),
  due_by: FreshdeskTimestampSchema.nullish(),
  fr_due_by: FreshdeskTimestampSchema.nullish(),
  nr_due_by: FreshdeskTimestampSchema.nullish(),
  /** See `TicketAssociationType`. */
  association_type: z.number().int().nullish(),
  associated_tickets_list: z.array(FreshdeskIdSchema).nullish(),
  associated_tickets_count: z.number().int().nullish(),
  description: z.string().nullish(),
  description_text: z.string().nullish(),
  structured_description: z.looseObject({ description_contents: z.array(StructuredContentItemSchema) }).nullish(),
  custom_fields: CustomFieldsSchema.nullish(),
  tags: z.array(z.string()).nullish(),
  attachments: z.array(AttachmentSchema).nullish(),
  stats: TicketStatsSchema.nullish(),
  requester: TicketRequesterSchema.nullish(),
  company: TicketCompanySchema.nullish(),
  conversations: z.array(ConversationSchema).nullish(),
  created_at: FreshdeskTimestampSchema,
  updated_at: FreshdeskTimestampSchema,
});
export type Ticket = z.infer<typeof TicketSchema>;
