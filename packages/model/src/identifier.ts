import { z } from 'zod';
import { SourceRefSchema } from './source-ref';

/** The kinds of identifier Silta links people by. */
export const IDENTIFIER_KINDS = [
  'email',
  'phone',
  'national_id',
  'business_id',
  'external_id',
  'social',
  'customer_number',
  'order_number',
] as const;
export const IdentifierKindSchema = z.enum(IDENTIFIER_KINDS);
export type IdentifierKind = z.infer<typeof IdentifierKindSchema>;

/**
 * One identifier of a person as one system holds it: the normalised `value` used for matching beside the
 * `raw` value exactly as the source wrote it.
 *
 * @example
 * const id: Identifier = {
 *   kind: 'phone', value: '+358401234567', raw: '040 123 4567', label: 'mobile',
 *   source: { system: 'freshdesk', connection: 'yritys-oy', type: 'contact', id: '42' },
 * };
 */
export const IdentifierSchema = z.object({
  kind: IdentifierKindSchema,
  value: z.string().min(1),
  raw: z.string(),
  /** A sub-kind the source gave: `mobile`, `work`, `twitter`, `facebook`, the other system's name… */
  label: z.string().optional(),
  verified: z.boolean().optional(),
  source: SourceRefSchema,
});
export type Identifier = z.infer<typeof IdentifierSchema>;
