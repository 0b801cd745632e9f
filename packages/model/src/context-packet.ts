import { z } from 'zod';
import { PersonNameSchema, TimestampSchema } from './common';
import { CaseSchema } from './case';
import { InvoiceSchema, OrderSchema } from './commerce';
import { IdentifierSchema } from './identifier';
import { InteractionSchema } from './interaction';
import { SourceRefSchema } from './source-ref';

/**
 * A move of a case from one team to another, with why.
 *
 * @example
 * HandoffSchema.parse({ id: 'h1', rule: 'invoice questions to billing', reason: 'Invoice question',
 *   fromTeam: 'Asiakaspalvelu', toTeam: 'Laskutus', at: '2026-11-01T10:00:00Z',
 *   caseRef: { system: 'freshdesk', connection: 'yritys-oy', type: 'ticket', id: '123' } });
 */
export const HandoffSchema = z.object({
  id: z.string(),
  rule: z.string(),
  reason: z.string(),
  fromTeam: z.string().optional(),
  toTeam: z.string(),
  caseRef: SourceRefSchema,
  at: TimestampSchema,
});
export type Handoff = z.infer<typeof HandoffSchema>;

/** A link back to a source record, for the receiving team to click. */
export const SourceLinkSchema = z.object({ label: z.string(), ref: SourceRefSchema, url: z.string().optional() });
export type SourceLink = z.infer<typeof SourceLinkSchema>;

/**
 * What a team receives on a handoff: who the person is, why it reached them, and their recent history
 * across channels, so nobody asks the customer to tell the story again.
 *
 * @example
 * ContextPacketSchema.parse({
 *   person: { id: 'p_1', name: { full: 'Anssi Mäkelä' }, identifiers: [] }, reason: 'Invoice question',
 *   timeline: [], orders: [], invoices: [], openCases: [], links: [], generatedAt: '2026-11-01T10:00:00Z',
 * });
 */
export const ContextPacketSchema = z.object({
  person: z.object({ id: z.string(), name: PersonNameSchema, identifiers: z.array(IdentifierSchema) }),
  reason: z.string(),
  handoff: HandoffSchema.optional(),
  case: CaseSchema.optional(),
  timeline: z.array(InteractionSchema),
  orders: z.array(OrderSchema),
  invoices: z.array(InvoiceSchema),
  openCases: z.array(CaseSchema),
  links: z.array(SourceLinkSchema),
  generatedAt: TimestampSchema,
});
export type ContextPacket = z.infer<typeof ContextPacketSchema>;
