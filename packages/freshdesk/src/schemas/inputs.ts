import { z } from 'zod';
import { CustomFieldsSchema, FreshdeskIdSchema, StructuredContentItemSchema } from './common';

/*
 * Write-side schemas, following the documentation's parameter tables. They are strict: Freshdesk answers
 * an unknown attribute with 400 `invalid_field`, so a typo is caught here, naming the field, instead.
 */

/** Ticket status values accepted on write: the built-in 2–5 and any custom status above them. */
const WriteStatusSchema = z.number().int().min(2, 'must be 2 (Open), 3 (Pending), 4 (Resolved), 5 (Closed) or a custom status above 5');
const WritePrioritySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
  error: 'must be 1 (Low), 2 (Medium), 3 (High) or 4 (Urgent)',
});
const WRITE_SOURCES = [1, 2, 3, 7, 9, 10] as const;
const WriteSourceSchema = z.number().int().refine((v) => (WRITE_SOURCES as readonly number[]).includes(v), {
  message: 'must be one of the documented ticket sources 1, 2, 3, 7, 9, 10',
});
const EmailSchema = z.email();
const TagsSchema = z.array(z.string().min(1));
/** The documentation accepts several date formats on input; Silta sends ISO 8601. */
const DateTimeInputSchema = z.iso.datetime({ offset: true, local: true });

const ticketFields = {
  name: z.string().min(1).optional(),
  requester_id: FreshdeskIdSchema.optional(),
  email: EmailSchema.optional(),
  facebook_id: z.string().min(1).optional(),
  phone: z.string().min(1).optional(),
  twitter_id: z.string().min(1).optional(),
  unique_external_id: z.string().min(1).optional(),
  subject: z.string().optional(),
  type: z.string().optional(),
  status: WriteStatusSchema.optional(),
  priority: WritePrioritySchema.optional(),
  description: z.string().optional(),
  responder_id: FreshdeskIdSchema.nullable().optional(),
  cc_emails: z.array(EmailSchema).optional(),
  custom_fields: CustomFieldsSchema.optional(),
  due_by: DateTimeInputSchema.optional(),
  email_config_id: FreshdeskIdSchema.optional(),
  fr_due_by: DateTimeInputSchema.optional(),
  group_id: FreshdeskIdSchema.nullable().optional(),
  parent_id: FreshdeskIdSchema.optional(),
  product_id: FreshdeskIdSchema.optional(),
  source: WriteSourceSchema.optional(),
  tags: TagsSchema.optional(),
  company_id: FreshdeskIdSchema.optional(),
  internal_agent_id: FreshdeskIdSchema.nullable().optional(),
  internal_group_id: FreshdeskIdSchema.nullable().optional(),
  lookup_parameter: z.enum(['display_id', 'primary_field_value']).optional(),
};

const REQUESTER_KEYS = ['requester_id', 'email', 'facebook_id', 'phone', 'twitter_id', 'unique_external_id'] as const;

/**
 * Body of Create a Ticket (`POST /api/v2/tickets`). One requester attribute is mandatory (requester_id,
 * email, facebook_id, phone, twitter_id or unique_external_id); with a phone and no email, `name` is too.
 *
 * @example
 * CreateTicketInputSchema.parse({ email: 'anssi.makela@example.fi', subject: 'Lasku', description: 'Hei', status: 2, priority: 1 });
 */
export const CreateTicketInputSchema = z.strictObject(ticketFields).superRefine((input, ctx) => {
  if (!REQUESTER_KEYS.some((k) => input[k] !== undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['requester_id'],
      message: `one of ${REQUESTER_KEYS.join(', ')} is required to name the requester`,
    });
  }
  if (input.phone !== undefined && input.email === undefined && input.requester_id === undefined && input.name === undefined) {
    ctx.addIssue({ code: 'custom', path: ['name'], message: 'is required when the requester is given by phone without an email' });
  }
});
export type CreateTicketInput = z.infer<typeof CreateTicketInputSchema>;

/**
 * Body of Update a Ticket (`PUT /api/v2/tickets/[id]`): any of the create attributes, at least one.
 *
 * @example
 * UpdateTicketInputSchema.parse({ status: 4, tags: ['lasku'] });
 */
export const UpdateTicketInputSchema = z.strictObject(ticketFields).refine((input) => Object.keys(input).length > 0, {
  message: 'must change at least one attribute',
});
export type UpdateTicketInput = z.infer<typeof UpdateTicketInputSchema>;

const StructuredBodySchema = z.strictObject({ body_contents: z.array(StructuredContentItemSchema).min(1) });

function requireBody(input: { body?: string | undefined; structured_body?: unknown }, ctx: z.RefinementCtx) {
  if ((input.body === undefined || input.body === '') && input.structured_body === undefined) {
    ctx.addIssue({ code: 'custom', path: ['body'], message: 'body or structured_body is required' });
  }
}

/**
 * Body of Create a Reply (`POST /api/v2/tickets/[id]/reply`). `body` or `structured_body` is mandatory.
 *
 * @example
 * ReplyInputSchema.parse({ body: '<p>Kiitos viestistä!</p>' });
 */
export const ReplyInputSchema = z
  .strictObject({
    body: z.string().optional(),
    structured_body: StructuredBodySchema.optional(),
    from_email: EmailSchema.optional(),
    user_id: FreshdeskIdSchema.optional(),
    cc_emails: z.array(EmailSchema).optional(),
    bcc_emails: z.array(EmailSchema).optional(),
  })
  .superRefine(requireBody);
export type ReplyInput = z.infer<typeof ReplyInputSchema>;

/**
 * Body of Create a Note (`POST /api/v2/tickets/[id]/notes`). Freshdesk makes a note private unless told
 * otherwise; this schema fills `private: true` explicitly so the request says what it means.
 *
 * @example
 * NoteInputSchema.parse({ body: 'Asiakas soitti, lasku 2026-0042' }).private; // true
 */
export const NoteInputSchema = z
  .strictObject({
    body: z.string().optional(),
    structured_body: StructuredBodySchema.optional(),
    incoming: z.boolean().optional(),
    notify_emails: z.array(EmailSchema).optional(),
    private: z.boolean().default(true),
    user_id: FreshdeskIdSchema.optional(),
  })
  .superRefine(requireBody);
export type NoteInput = z.infer<typeof NoteInputSchema>;

const OtherCompanyInputSchema = z.strictObject({ company_id: FreshdeskIdSchema, view_all_tickets: z.boolean().optional() });

const contactFields = {
  name: z.string().min(1),
  email: EmailSchema.optional(),
  phone: z.string().min(1).optional(),
  mobile: z.string().min(1).optional(),
  twitter_id: z.string().min(1).optional(),
  social_handler: z.array(z.record(z.string(), z.unknown())).max(10).optional(),
  unique_external_id: z.string().min(1).optional(),
  other_emails: z.array(EmailSchema).optional(),
  company_id: FreshdeskIdSchema.nullable().optional(),
  view_all_tickets: z.boolean().optional(),
  other_companies: z.array(OtherCompanyInputSchema).optional(),
  address: z.string().optional(),
  custom_fields: CustomFieldsSchema.optional(),
  description: z.string().optional(),
  job_title: z.string().optional(),
  language: z.string().optional(),
  tags: TagsSchema.optional(),
  time_zone: z.string().optional(),
  lookup_parameter: z.enum(['display_id', 'primary_field_value']).optional(),
};
const CONTACT_KEYS = ['email', 'phone', 'mobile', 'twitter_id', 'social_handler', 'unique_external_id'] as const;

/**
 * Body of Create a Contact (`POST /api/v2/contacts`): `name` plus one of email, phone, mobile,
 * twitter_id, social_handler or unique_external_id.
 *
 * @example
 * CreateContactInputSchema.parse({ name: 'Äijälä Öystilä', mobile: '+358401234567' });
 */
export const CreateContactInputSchema = z.strictObject(contactFields).superRefine((input, ctx) => {
  if (!CONTACT_KEYS.some((k) => input[k] !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['email'], message: `one of ${CONTACT_KEYS.join(', ')} is required` });
  }
});
export type CreateContactInput = z.infer<typeof CreateContactInputSchema>;

/**
 * Body of Update a Contact (`PUT /api/v2/contacts/[id]`): any of the create attributes, at least one.
 *
 * @example
 * UpdateContactInputSchema.parse({ job_title: 'Toimitusjohtaja' });
 */
export const UpdateContactInputSchema = z
  .strictObject({ ...contactFields, name: contactFields.name.optional() })
  .refine((input) => Object.keys(input).length > 0, { message: 'must change at least one attribute' });
export type UpdateContactInput = z.infer<typeof UpdateContactInputSchema>;

/**
 * Body of Merge Contacts (`POST /api/v2/contacts/merge`).
 *
 * @example
 * MergeContactsInputSchema.parse({ primary_contact_id: 132, secondary_contact_ids: [133, 134] });
 */
export const MergeContactsInputSchema = z
  .strictObject({
    primary_contact_id: FreshdeskIdSchema,
    secondary_contact_ids: z.array(FreshdeskIdSchema).min(1, 'must name at least one contact to merge'),
    contact: z
      .strictObject({
        email: EmailSchema.optional(),
        phone: z.string().min(1).optional(),
        mobile: z.string().min(1).optional(),
        twitter_id: z.string().min(1).optional(),
        unique_external_id: z.string().min(1).optional(),
        other_emails: z.array(EmailSchema).optional(),
        company_ids: z.array(FreshdeskIdSchema).optional(),
      })
      .optional(),
  })
  .superRefine((input, ctx) => {
    const primary = String(input.primary_contact_id);
    input.secondary_contact_ids.forEach((id, i) => {
      if (String(id) === primary) {
        ctx.addIssue({ code: 'custom', path: ['secondary_contact_ids', i], message: 'must not repeat primary_contact_id' });
      }
    });
  });
export type MergeContactsInput = z.infer<typeof MergeContactsInputSchema>;
