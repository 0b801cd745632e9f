import { z } from 'zod';
import {
  AttachmentSchema,
  EmailListSchema,
  FreshdeskIdSchema,
  FreshdeskTimestampSchema,
  StructuredContentItemSchema,
} from './common';

/**
 * A conversation on a ticket: a reply, a public or private note, a forward. Fields follow the
 * "Conversations" attribute table. `incoming`, `private` and `source` are optional because the Create a
 * Reply response leaves them out.
 *
 * @example
 * const conv = ConversationSchema.parse(await res.json());
 * if (conv.private) console.log('private note');
 */
export const ConversationSchema = z.looseObject({
  id: FreshdeskIdSchema,
  body: z.string().nullish(),
  body_text: z.string().nullish(),
  structured_body: z.looseObject({ body_contents: z.array(StructuredContentItemSchema) }).nullish(),
  incoming: z.boolean().nullish(),
  private: z.boolean().nullish(),
  user_id: FreshdeskIdSchema.nullish(),
  support_email: z.string().nullish(),
  /** See `ConversationSource`. */
  source: z.number().int().nullish(),
  category: z.number().int().nullish(),
  ticket_id: FreshdeskIdSchema,
  to_emails: EmailListSchema,
  from_email: z.string().nullish(),
  cc_emails: EmailListSchema,
  bcc_emails: EmailListSchema,
  replied_to: EmailListSchema,
  attachments: z.array(AttachmentSchema).nullish(),
  source_additional_info: z.record(z.string(), z.unknown()).nullish(),
  last_edited_at: FreshdeskTimestampSchema.nullish(),
  last_edited_user_id: FreshdeskIdSchema.nullish(),
  deleted: z.boolean().nullish(),
  created_at: FreshdeskTimestampSchema,
  updated_at: FreshdeskTimestampSchema,
});
export type Conversation = z.infer<typeof ConversationSchema>;
