import { z } from 'zod';
import { TimestampSchema } from './common';
import { SourceRefSchema } from './source-ref';

/** The channels a contact can arrive through. */
export const CHANNELS = ['email', 'chat', 'phone', 'portal', 'social', 'sms', 'webshop', 'survey', 'other'] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

/** `internal` is a note between colleagues that the customer never sees. */
export const DirectionSchema = z.enum(['inbound', 'outbound', 'internal']);
export type Direction = z.infer<typeof DirectionSchema>;

/** An attachment's metadata; contents stay in the source system. */
export const AttachmentRefSchema = z.object({
  filename: z.string(),
  contentType: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  url: z.string().optional(),
});
export type AttachmentRef = z.infer<typeof AttachmentRefSchema>;

/**
 * One contact in any channel: an email, a chat, a call, a reply, a private note.
 *
 * @example
 * InteractionSchema.parse({
 *   entity: 'interaction', ref: { system: 'freshdesk', connection: 'yritys-oy', type: 'conversation', id: '9001' },
 *   channel: 'email', direction: 'inbound', at: '2026-11-01T10:00:00Z', text: 'Hei!', automated: false,
 * });
 */
export const InteractionSchema = z.object({
  entity: z.literal('interaction'),
  ref: SourceRefSchema,
  partyRef: SourceRefSchema.optional(),
  caseRef: SourceRefSchema.optional(),
  channel: ChannelSchema,
  direction: DirectionSchema,
  at: TimestampSchema,
  subject: z.string().optional(),
  text: z.string().optional(),
  team: z.string().optional(),
  agent: z.string().optional(),
  /** Auto-replies, bots and system mail: never answered automatically, never open a case. */
  automated: z.boolean(),
  attachments: z.array(AttachmentRefSchema).optional(),
  updatedAt: TimestampSchema.optional(),
  deleted: z.boolean().optional(),
  raw: z.unknown().optional(),
});
export type Interaction = z.infer<typeof InteractionSchema>;
