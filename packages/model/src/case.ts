import { z } from 'zod';
import { TimestampSchema } from './common';
import { ChannelSchema } from './interaction';
import { SourceRefSchema } from './source-ref';

export const CaseStatusSchema = z.enum(['open', 'pending', 'resolved', 'closed']);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

export const CasePrioritySchema = z.enum(['low', 'medium', 'high', 'urgent']);
export type CasePriority = z.infer<typeof CasePrioritySchema>;

/**
 * A ticket or thread: one matter a customer raised, with its status and who owns it.
 *
 * @example
 * CaseSchema.parse({
 *   entity: 'case', ref: { system: 'freshdesk', connection: 'yritys-oy', type: 'ticket', id: '123' },
 *   status: 'open', priority: 'medium', channel: 'email', subject: 'Lasku', tags: ['lasku'],
 *   createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:00:00Z', reopenCount: 0,
 * });
 */
export const CaseSchema = z.object({
  entity: z.literal('case'),
  ref: SourceRefSchema,
  partyRef: SourceRefSchema.optional(),
  organisationRef: SourceRefSchema.optional(),
  status: CaseStatusSchema,
  /** The vendor's own status name where it has more than the four canonical ones. */
  vendorStatus: z.string().optional(),
  priority: CasePrioritySchema,
  channel: ChannelSchema,
  subject: z.string(),
  team: z.string().optional(),
  agent: z.string().optional(),
  tags: z.array(z.string()),
  category: z.string().optional(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  dueAt: TimestampSchema.optional(),
  firstResponseAt: TimestampSchema.optional(),
  resolvedAt: TimestampSchema.optional(),
  closedAt: TimestampSchema.optional(),
  reopenCount: z.number().int().nonnegative(),
  deleted: z.boolean().optional(),
  raw: z.unknown().optional(),
});
export type Case = z.infer<typeof CaseSchema>;
