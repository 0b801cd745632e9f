import { z } from 'zod';

// Ids travel in source refs (`chat:<partner>:conversation:<company>/<id>`), so they must not contain `/`,
// `:` or whitespace; 128 characters covers UUIDs, ULIDs and every chat tool's own ids we have seen.
const idPattern = /^[A-Za-z0-9._~-]+$/;
const ID_HINT = 'must be 1-128 characters of letters, digits, ".", "_", "~" or "-"';

/** A partner's own id for a conversation, message or visitor. */
export const PartnerIdSchema = z.string().min(1, ID_HINT).max(128, ID_HINT).regex(idPattern, ID_HINT);

/** A client company's id in Silta, such as `yritys-oy`. */
export const CompanyIdSchema = z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and "-", like "yritys-oy"')
  .meta({ description: 'The client company the conversation belongs to, as agreed with Silta (e.g. `yritys-oy`).' });

const TimestampSchema = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 timestamp with a time zone, like "2026-11-15T09:12:00+02:00"' });

/**
 * Who the visitor is, as the partner's chat tool knows them. Every field but `id` is optional: give what
 * the visitor told you. These are what links the chat to the customer's email, phone calls and orders.
 */
export const VisitorSchema = z.strictObject({
  id: PartnerIdSchema.meta({ description: 'The partner\'s own, stable id for this visitor.' }),
  name: z.string().min(1).max(200).optional().meta({ description: 'The visitor\'s name as they gave it.' }),
  email: z.email({ message: 'must be an email address' }).max(320).optional(),
  phone: z.string().min(3).max(40).regex(/^[+0-9 ()./-]+$/, 'must be a phone number of digits, spaces and + ( ) . / -').optional()
    .meta({ description: 'As the visitor wrote it; national Finnish formats like `040 123 4567` are fine.' }),
  orderNumber: z.string().min(1).max(64).optional().meta({ description: 'An order number the visitor gave.' }),
  language: z.string().min(2).max(35).optional().meta({ description: 'BCP 47 language tag, e.g. `fi`.' }),
}).meta({ title: 'Visitor' });
export type Visitor = z.infer<typeof VisitorSchema>;

/** Where the chat took place: metadata kept with the conversation, not used for matching. */
export const ChannelInfoSchema = z.strictObject({
  type: z.enum(['web_chat', 'in_app', 'messenger', 'whatsapp', 'sms', 'other']),
  pageUrl: z.url({ message: 'must be an absolute URL' }).max(2000).optional().meta({ description: 'The page the chat started on.' }),
  widget: z.string().max(200).optional().meta({ description: 'The chat widget or queue name in the partner\'s tool.' }),
  locale: z.string().max(35).optional(),
}).meta({ title: 'ChannelInfo' });
export type ChannelInfo = z.infer<typeof ChannelInfoSchema>;

/** The partner agent who wrote a message. */
export const AgentSchema = z.strictObject({
  name: z.string().min(1).max(200),
  id: PartnerIdSchema.optional().meta({ description: 'The partner\'s own id for the agent.' }),
}).meta({ title: 'Agent' });

/** An attachment's metadata; the file stays in the partner's tool. */
export const AttachmentSchema = z.strictObject({
  filename: z.string().min(1).max(255),
  contentType: z.string().max(255).optional(),
  size: z.int().nonnegative().optional(),
  url: z.url({ message: 'must be an absolute URL' }).max(2000).optional(),
}).meta({ title: 'Attachment' });

/** One chat message. `from` says who wrote it; `internal` marks an agent's note the visitor never saw. */
export const MessageSchema = z.strictObject({
  id: PartnerIdSchema.meta({ description: 'The partner\'s own id for the message, unique within the conversation. Repeats are ignored.' }),
  at: TimestampSchema,
  from: z.enum(['visitor', 'agent', 'bot', 'system']),
  agent: AgentSchema.optional().meta({ description: 'Required when `from` is `agent`.' }),
  text: z.string().max(20_000),
  internal: z.boolean().optional().meta({ description: 'An agent\'s internal note, never shown to the visitor.' }),
  attachments: z.array(AttachmentSchema).max(20).optional(),
}).superRefine((message, ctx) => {
  if (message.from === 'agent' && !message.agent) {
    ctx.addIssue({ code: 'custom', path: ['agent'], message: 'is required when "from" is "agent"' });
  }
}).meta({ title: 'Message' });
export type Message = z.infer<typeof MessageSchema>;

/** The conversation's own fields. */
export const ConversationSchema = z.strictObject({
  id: PartnerIdSchema.meta({ description: 'The partner\'s own id for the conversation. Pushing it again appends new messages.' }),
  startedAt: TimestampSchema,
  endedAt: TimestampSchema.optional(),
  status: z.enum(['open', 'waiting', 'closed']).meta({ description: '`waiting`: the agent waits for the visitor.' }),
  subject: z.string().min(1).max(500).optional().meta({ description: 'Defaults to the start of the visitor\'s first message.' }),
  tags: z.array(z.string().min(1).max(100)).max(50).optional(),
  channel: ChannelInfoSchema,
}).meta({ title: 'Conversation' });
export type Conversation = z.infer<typeof ConversationSchema>;

/**
 * The body of `POST /partner/v1/conversations`: one conversation with its messages and the visitor.
 * Pushing the same conversation again is safe: messages already received (by id) are skipped, new ones
 * are appended, and the conversation's status and the visitor's details are updated.
 *
 * @example
 * PushConversationRequestSchema.parse(pushConversationExample);
 */
export const PushConversationRequestSchema = z.strictObject({
  company: CompanyIdSchema,
  conversation: ConversationSchema,
  visitor: VisitorSchema,
  messages: z.array(MessageSchema).min(1).max(500),
}).superRefine((body, ctx) => {
  const seen = new Set<string>();
  body.messages.forEach((m, i) => {
    if (seen.has(m.id)) ctx.addIssue({ code: 'custom', path: ['messages', i, 'id'], message: `repeats message id "${m.id}" within this push` });
    seen.add(m.id);
  });
}).meta({ title: 'PushConversationRequest' });
export type PushConversationRequest = z.infer<typeof PushConversationRequestSchema>;
